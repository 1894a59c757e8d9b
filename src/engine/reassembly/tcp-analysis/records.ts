/**
 * The small objects of TCP analysis: a direction's unacknowledged segments
 * (pooled), the current packet's analysis record; time differences as
 * Wireshark's nstime_delta normalises them, and growing a typed-array column.
 */
/** One direction's segments sent but not acknowledged yet, oldest first. */
export class SegmentList {
  frame = new Uint32Array(8);
  seq = new Uint32Array(8);
  next = new Uint32Array(8);
  sec = new Float64Array(8);
  nsec = new Int32Array(8);
  n = 0;

  push(frame: number, seq: number, next: number, sec: number, nsec: number): void {
    if (this.n === this.frame.length) {
      const cap = this.n * 2;
      const g = <T extends Uint32Array | Float64Array | Int32Array>(a: T, b: T): T => (b.set(a), b);
      this.frame = g(this.frame, new Uint32Array(cap));
      this.seq = g(this.seq, new Uint32Array(cap));
      this.next = g(this.next, new Uint32Array(cap));
      this.sec = g(this.sec, new Float64Array(cap));
      this.nsec = g(this.nsec, new Int32Array(cap));
    }
    const i = this.n++;
    this.frame[i] = frame;
    this.seq[i] = seq;
    this.next[i] = next;
    this.sec[i] = sec;
    this.nsec[i] = nsec;
  }

  remove(i: number): void {
    const last = --this.n;
    for (let j = i; j < last; j++) {
      this.frame[j] = this.frame[j + 1]!;
      this.seq[j] = this.seq[j + 1]!;
      this.next[j] = this.next[j + 1]!;
      this.sec[j] = this.sec[j + 1]!;
      this.nsec[j] = this.nsec[j + 1]!;
    }
  }
}

/** The current packet's analysis record (Wireshark's struct tcp_acked), reused for every packet. */
export class AckedRecord {
  exists = false;
  flags = 0;
  ackedFrame = 0;
  hasAcked = false;
  rttSec = 0;
  rttNsec = 0;
  bytesInFlight = 0;
  pushBytesSent = 0;
  dupAckNum = 0;
  dupAckFrame = 0;
  rtoSec = 0;
  rtoNsec = 0;
  rtoFrame = 0;

  clear(): void {
    this.exists = this.hasAcked = false;
    this.flags = this.ackedFrame = this.rttSec = this.rttNsec = this.bytesInFlight = this.pushBytesSent = 0;
    this.dupAckNum = this.dupAckFrame = this.rtoSec = this.rtoNsec = this.rtoFrame = 0;
  }
}

const deltaScratch: [number, number] = [0, 0];
/** Normalises a (sec, nsec) difference so both parts share a sign (nstime_delta). Returns a shared tuple. */
export function normDelta(sec: number, nsec: number): [number, number] {
  if (sec > 0 && nsec < 0) {
    sec -= 1;
    nsec += 1e9;
  } else if (sec < 0 && nsec > 0) {
    sec += 1;
    nsec -= 1e9;
  }
  deltaScratch[0] = sec;
  deltaScratch[1] = nsec;
  return deltaScratch;
}

/** (aSec, aNsec) - (bSec, bNsec) as nanoseconds, exact for differences below ~104 days. */
export function diffNs(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  return (aSec - bSec) * 1e9 + (aNsec - bNsec);
}

type Col = Uint8Array | Int8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

export function grown<T extends Col>(a: T, cap: number, fill?: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  if (fill !== undefined) b.fill(fill, a.length);
  return b;
}
