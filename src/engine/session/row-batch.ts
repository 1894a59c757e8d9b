/**
 * A window of the packet list as columns (types.ts RowBatch), read from the
 * packet index: numbers, times and deltas to the previous frame, addresses
 * and protocols as string-table ids, lengths, colours, flags. The Info texts
 * come from re-dissection (the session's cache) and are added by the caller.
 */
import type { PacketIndex } from "../index/packet-index";
import type { StringTable } from "../index/string-table";
import type { RowBatch, StringTableDelta } from "./types";

/**
 * The batch of `rows` (frame number - 1, in display order from position
 * `first`), with the string-table entries past the `known` ones the caller has.
 */
export function rowBatch(
  ix: PacketIndex,
  colours: Uint8Array,
  rows: readonly number[],
  first: number,
  knownAddresses: number,
  knownProtocols: number,
): RowBatch {
  const n = rows.length;
  const batch = newRowBatch(first, n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    batch.number[i] = row + 1;
    batch.timeSec[i] = ix.tsSec[row]!;
    batch.timeNsec[i] = ix.tsNsec[row]!;
    if (row > 0) {
      let ds = ix.tsSec[row]! - ix.tsSec[row - 1]!;
      let dn = ix.tsNsec[row]! - ix.tsNsec[row - 1]!;
      if (ds > 0 && dn < 0) {
        ds -= 1;
        dn += 1e9;
      } else if (ds < 0 && dn > 0) {
        ds += 1;
        dn -= 1e9;
      }
      batch.deltaSec[i] = ds;
      batch.deltaNsec[i] = dn;
    }
    batch.src[i] = ix.src[row]!;
    batch.dst[i] = ix.dst[row]!;
    batch.protocol[i] = ix.protocol[row]!;
    batch.length[i] = ix.origLen[row]!;
    batch.colourIndex[i] = colours[row]!;
    batch.flags[i] = ix.flags[row]!;
    batch.srcPort[i] = ix.srcPort[row]!;
    batch.dstPort[i] = ix.dstPort[row]!;
    batch.tcpStream[i] = ix.tcpStream[row]!;
  }
  batch.addresses = delta(ix.addresses, knownAddresses);
  batch.protocols = delta(ix.protocols, knownProtocols);
  return batch;
}

/** A batch of `n` rows from display position `first`, every column zero. */
export function newRowBatch(first: number, n: number): RowBatch {
  return {
    first,
    count: n,
    number: new Uint32Array(n),
    timeSec: new Float64Array(n),
    timeNsec: new Uint32Array(n),
    deltaSec: new Float64Array(n),
    deltaNsec: new Int32Array(n),
    shownDeltaSec: new Float64Array(n),
    shownDeltaNsec: new Int32Array(n),
    cumBytes: new Float64Array(n),
    srcPort: new Uint16Array(n),
    dstPort: new Uint16Array(n),
    tcpStream: new Int32Array(n),
    src: new Uint32Array(n),
    dst: new Uint32Array(n),
    protocol: new Uint32Array(n),
    length: new Uint32Array(n),
    colourIndex: new Uint8Array(n),
    flags: new Uint32Array(n),
    info: [],
    addresses: { from: 0, strings: [] },
    protocols: { from: 0, strings: [] },
    fields: null,
  };
}

function delta(table: StringTable, known: number): StringTableDelta {
  const from = Math.max(0, Math.min(known, table.size));
  return { from, strings: table.strings.slice(from) };
}
