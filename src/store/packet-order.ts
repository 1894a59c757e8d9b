/**
 * Display order of the packet list: identity, or the permutation the worker
 * returned for the active sort (display position → frame number - 1). Kept
 * on this side too so keyboard moves and "Go to packet" need no round trip.
 * With `subset` (a display filter) the permutation lists only the rows shown.
 */
export class PacketOrder {
  private inverse: Uint32Array | null = null;

  constructor(
    private readonly perm: Uint32Array | null = null,
    private readonly subset = false,
  ) {}

  static readonly IDENTITY = new PacketOrder(null);

  /** Frame number at display position `pos`. */
  numberAt(pos: number): number {
    const p = this.perm;
    return (p && pos < p.length ? p[pos]! : pos) + 1;
  }

  /** Display position of frame `number` (rows indexed after the sort follow in frame order); -1 when filtered out. */
  positionOf(number: number): number {
    const row = number - 1;
    const p = this.perm;
    if (p && this.subset) {
      if (!this.inverse) {
        let max = 0;
        for (let i = 0; i < p.length; i++) if (p[i]! > max) max = p[i]!;
        this.inverse = new Uint32Array(max + 1).fill(0xffffffff);
        for (let i = 0; i < p.length; i++) this.inverse[p[i]!] = i;
      }
      const pos = row >= 0 && row < this.inverse.length ? this.inverse[row]! : 0xffffffff;
      return pos === 0xffffffff ? -1 : pos;
    }
    if (!p || row >= p.length) return row;
    if (!this.inverse) {
      this.inverse = new Uint32Array(p.length);
      for (let i = 0; i < p.length; i++) this.inverse[p[i]!] = i;
    }
    return this.inverse[row]!;
  }
}
