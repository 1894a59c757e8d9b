/**
 * Follow Stream for an open capture (the worker's CaptureSession): a
 * stream's packets are the rows whose tcpStream/udpStream column holds its
 * index, listed by the indexing pass (stream-rows.ts) or found by a scan. Their follow facts, recorded by the indexing pass (follow-facts.ts),
 * are fed to the reassembler: no read, no dissection. (Without them, or for
 * a payload in a reassembled IP datagram, only the stream's packets are
 * read back and re-dissected with a FollowTree.) The result is cached (a
 * few recent streams), so switching formats or directions never rebuilds it.
 */
import type { ByteSource } from "../io/byte-source";
import type { PacketIndex } from "../index/packet-index";
import type { PacketInfo } from "../dissect/packet-info";
import type { ProtoTree } from "../dissect/tree";
import { emptyStream, FollowBuilder } from "./follow-index";
import type { FollowFacts } from "./follow-facts";
import type { StreamRows } from "./stream-rows";
import type { FollowProtocol, FollowStream } from "./types";

/** What the service needs of the session. */
export interface FollowHost {
  readonly index: PacketIndex;
  /** Facts the indexing pass recorded (null: build by re-dissection). */
  readonly followFacts: FollowFacts | null;
  /** Each stream's rows as the indexing pass recorded them (null: scan the index). */
  streamRows(protocol: FollowProtocol): StreamRows | null;
  /** Re-dissects rows in file order with `tree` (reset before each) and calls `each` with the packet info. */
  collectFields(
    rows: readonly number[],
    tree: ProtoTree & { reset(): void },
    each: (row: number, pinfo: PacketInfo) => void,
  ): Promise<void>;
}

const CACHED = 4;

export class FollowService {
  private readonly cache = new Map<string, Promise<FollowStream | null>>();
  /** Per protocol: rows indexed when the stream count was taken, and the count. */
  private counted = { tcp: [0, 0], udp: [0, 0] };

  constructor(
    private readonly host: FollowHost,
    private readonly source: ByteSource,
  ) {}

  /** Streams 0..n-1 of the protocol among the rows indexed so far. */
  streamCount(protocol: FollowProtocol): number {
    const ix = this.host.index;
    const c = this.counted[protocol];
    if (c[0] !== ix.count) {
      const col = protocol === "tcp" ? ix.tcpStream : ix.udpStream;
      let max = c[1]! - 1;
      for (let r = c[0]!; r < ix.count; r++) if (col[r]! > max) max = col[r]!;
      this.counted[protocol] = [ix.count, max + 1];
    }
    return this.counted[protocol][1]!;
  }

  /** Rows (frame number - 1) of one stream, in frame order. */
  rowsOf(protocol: FollowProtocol, stream: number): Uint32Array {
    const ix = this.host.index;
    const recorded = this.host.streamRows(protocol);
    if (recorded) return recorded.rowsOf(stream, ix.count);
    const col = protocol === "tcp" ? ix.tcpStream : ix.udpStream;
    let n = 0;
    for (let r = 0; r < ix.count; r++) if (col[r] === stream) n++;
    const rows = new Uint32Array(n);
    let k = 0;
    for (let r = 0; r < ix.count && k < n; r++) if (col[r] === stream) rows[k++] = r;
    return rows;
  }

  /** The stream (cached), or null when the capture has no such stream. */
  follow(protocol: FollowProtocol, stream: number): Promise<FollowStream | null> {
    const key = `${protocol} ${stream} ${this.host.index.count}`;
    let p = this.cache.get(key);
    if (p) {
      // Most recently used last.
      this.cache.delete(key);
      this.cache.set(key, p);
      return p;
    }
    p = this.build(protocol, stream);
    this.cache.set(key, p);
    p.catch(() => this.cache.delete(key));
    while (this.cache.size > CACHED) this.cache.delete(this.cache.keys().next().value!);
    return p;
  }

  private async build(protocol: FollowProtocol, stream: number): Promise<FollowStream | null> {
    if (!Number.isInteger(stream) || stream < 0 || stream >= this.streamCount(protocol)) return null;
    const rows = this.rowsOf(protocol, stream);
    if (rows.length === 0) return emptyStream(protocol, stream, this.source);
    // From what the indexing pass recorded: no read, no dissection.
    const fromFacts = this.host.followFacts?.build(protocol, stream, rows, this.host.index, this.source);
    if (fromFacts) return fromFacts;
    const only = new Set([stream]);
    const builder = new FollowBuilder(this.source, protocol === "tcp" ? { tcp: only, udp: false } : { tcp: false, udp: only });
    const ix = this.host.index;
    const rec = { number: 0, tsSec: 0, tsNsec: 0, dataOffset: 0 };
    await this.host.collectFields(Array.from(rows), builder.tree, (row, pinfo) => {
      rec.number = row + 1;
      rec.tsSec = ix.tsSec[row]!;
      rec.tsNsec = ix.tsNsec[row]!;
      rec.dataOffset = ix.offset[row]!;
      builder.add(rec, pinfo);
    });
    return builder.finish().stream(protocol, stream) ?? emptyStream(protocol, stream, this.source);
  }
}
