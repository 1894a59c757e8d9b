/**
 * A conversation table (Statistics ▸ Conversations, `-z conv,TYPE`) as
 * Wireshark's conversation_table.c keeps it: one row per pair of endpoints
 * (address, port, and for TCP and UDP the stream), either way round; the
 * first packet's source is "A". Packets from A count as "tx" (printed
 * under "->"), the others as "rx" ("<-"). Bytes are frame lengths on the
 * wire. Start and stop are relative to the first packet of the capture,
 * kept as seconds and nanoseconds; like Wireshark, a packet earlier than
 * the start moves the start only when it is not also later than the stop.
 *
 * Rows are typed-array columns keyed by interned addresses, so the table
 * costs no object per packet and the app can show the same rows.
 */
import { intColumn, floatColumn, TrafficColumns, type Traffic } from "./growable";

export interface ConversationRow extends Traffic {
  a: number;
  b: number;
  portA: number;
  portB: number;
  startSec: number;
  startNsec: number;
  stopSec: number;
  stopNsec: number;
}

const PAIR = 2 ** 26;

export class ConversationTable {
  rows = 0;
  private readonly cols = {
    a: intColumn(),
    b: intColumn(),
    portA: intColumn(),
    portB: intColumn(),
    stream: intColumn(),
    samePair: intColumn(),
    startSec: floatColumn(),
    startNsec: intColumn(),
    stopSec: floatColumn(),
    stopNsec: intColumn(),
  };
  private readonly traffic = new TrafficColumns();
  /**
   * Lookup key → newest row under it; the rows under one key chain through
   * samePair. The key is the TCP or UDP stream when there is one, else the
   * unordered address pair: two hosts can hold thousands of conversations,
   * and a chain per pair was walked in full for every packet (half of the
   * indexing pass on the 1.2M-packet bench capture).
   */
  private readonly byKey = new Map<number, number>();

  /** Counts one tap event: a packet of `bytes` from (src, sport) to (dst, dport) at relative time sec.nsec. */
  add(src: number, dst: number, sport: number, dport: number, stream: number, bytes: number, sec: number, nsec: number): void {
    const c = this.cols;
    const key = stream >= 0 ? -1 - stream : src < dst ? src * PAIR + dst : dst * PAIR + src;
    let row = this.byKey.get(key) ?? -1;
    let forward = false;
    for (; row >= 0; row = c.samePair.a[row]!) {
      if (c.stream.a[row] !== stream) continue;
      if (c.a.a[row] === src && c.b.a[row] === dst && c.portA.a[row] === sport && c.portB.a[row] === dport) {
        forward = true;
        break;
      }
      if (c.a.a[row] === dst && c.b.a[row] === src && c.portA.a[row] === dport && c.portB.a[row] === sport) break;
    }
    if (row < 0) {
      row = this.rows++;
      for (const col of Object.values(c)) col.ensure(this.rows);
      this.traffic.ensure(this.rows);
      c.a.a[row] = src;
      c.b.a[row] = dst;
      c.portA.a[row] = sport;
      c.portB.a[row] = dport;
      c.stream.a[row] = stream;
      c.samePair.a[row] = this.byKey.get(key) ?? -1;
      this.byKey.set(key, row);
      c.startSec.a[row] = c.stopSec.a[row] = sec;
      c.startNsec.a[row] = c.stopNsec.a[row] = nsec;
      forward = true;
    }
    this.traffic.count(row, forward, bytes);
    const stopSec = c.stopSec.a[row]!;
    const startSec = c.startSec.a[row]!;
    if (sec > stopSec || (sec === stopSec && nsec > c.stopNsec.a[row]!)) {
      c.stopSec.a[row] = sec;
      c.stopNsec.a[row] = nsec;
    } else if (sec < startSec || (sec === startSec && nsec < c.startNsec.a[row]!)) {
      c.startSec.a[row] = sec;
      c.startNsec.a[row] = nsec;
    }
  }

  frames(row: number): number {
    return this.traffic.frames(row);
  }

  /** Seconds from the first packet to the row's last packet. */
  end(row: number): number {
    return this.cols.stopSec.a[row]! + this.cols.stopNsec.a[row]! / 1e9;
  }

  row(i: number): ConversationRow {
    const c = this.cols;
    return {
      a: c.a.a[i]!,
      b: c.b.a[i]!,
      portA: c.portA.a[i]!,
      portB: c.portB.a[i]!,
      ...this.traffic.of(i),
      startSec: c.startSec.a[i]!,
      startNsec: c.startNsec.a[i]!,
      stopSec: c.stopSec.a[i]!,
      stopNsec: c.stopNsec.a[i]!,
    };
  }
}
