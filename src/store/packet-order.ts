/**
 * Display order of the packet list: identity, or the permutation the worker
 * returned for the active sort (display position → frame number - 1). Kept
 * on this side too so keyboard moves and "Go to packet" need no round trip.
 */
export class PacketOrder {
  private inverse: Uint32Array | null = null;

  constructor(private readonly perm: Uint32Array | null = null) {}

  static readonly IDENTITY = new PacketOrder(null);

  /** Frame number at display position `pos`. */
  numberAt(pos: number): number {
    const p = this.perm;
    return (p && pos < p.length ? p[pos]! : pos) + 1;
  }

  /** Display position of frame `number` (rows indexed after the sort follow in frame order). */
  positionOf(number: number): number {
    const row = number - 1;
    const p = this.perm;
    if (!p || row >= p.length) return row;
    if (!this.inverse) {
      this.inverse = new Uint32Array(p.length);
      for (let i = 0; i < p.length; i++) this.inverse[p[i]!] = i;
    }
    return this.inverse[row]!;
  }
}
