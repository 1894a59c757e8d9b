/**
 * Segment payloads the indexing pass keeps for a later view (FTP control
 * connections, the credential protocols), so the view reads nothing from the
 * file: copied into 1 MiB blocks, one 32-bit slot per row saying where, no
 * object per packet. Bytes are capped per TCP stream and in all; a caller
 * reads what was not kept from the file, or treats it as missing.
 */
import { FrameColumnU32 } from "./frame-columns";

const BLOCK_BITS = 20;
const BLOCK = 1 << BLOCK_BITS;

export class KeptPayloads {
  private readonly blocks: Uint8Array[] = [];
  /** Bytes used in the last block, and in all. */
  private used = BLOCK;
  private total = 0;
  private perStream = new Float64Array(1024);
  /** Per row: where its kept payload starts (block << 20 | offset) + 1; 0: not kept. */
  private readonly where = new FrameColumnU32();

  constructor(
    private readonly maxStreamBytes: number,
    private readonly maxBytes: number,
  ) {}

  /** Keeps row `row`'s payload, `frame[offset, offset + length)` of TCP stream `stream`: false past a cap. */
  keep(row: number, stream: number, frame: Uint8Array, offset: number, length: number): boolean {
    if (stream >= this.perStream.length) {
      let n = this.perStream.length;
      while (n <= stream) n *= 2;
      const grown = new Float64Array(n);
      grown.set(this.perStream);
      this.perStream = grown;
    }
    if (length > BLOCK || this.perStream[stream]! + length > this.maxStreamBytes || this.total + length > this.maxBytes) return false;
    if (this.used + length > BLOCK) {
      this.blocks.push(new Uint8Array(BLOCK));
      this.used = 0;
    }
    const b = this.blocks.length - 1;
    this.blocks[b]!.set(frame.subarray(offset, offset + length), this.used);
    this.where.set(row, ((b << BLOCK_BITS) | this.used) + 1);
    this.used += length;
    this.total += length;
    this.perStream[stream]! += length;
    return true;
  }

  /** Row `row`'s payload of `length` bytes when it was kept (a view into a block: do not write), else null. */
  kept(row: number, length: number): Uint8Array | null {
    const w = this.where.get(row);
    if (w === 0) return null;
    const b = (w - 1) >>> BLOCK_BITS;
    const at = (w - 1) & (BLOCK - 1);
    return this.blocks[b]!.subarray(at, at + length);
  }

  /** Bytes kept. */
  get bytes(): number {
    return this.total;
  }
}
