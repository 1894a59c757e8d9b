/**
 * One TCP stream reassembled during the indexing pass, chunk by chunk, as
 * Follow Stream builds it after the pass (follow-facts.ts `build`): the same
 * TcpReassembler fed the same facts in the same order, so the chunks come in
 * the same delivery order with the same offsets, gaps and timestamps, and
 * the bytes handed on are by construction the bytes Follow reads.
 *
 * A chunk's bytes come from the frame in hand, or from a copy of a payload
 * the reassembler held back behind a hole (out of order, up to `maxHeld`
 * bytes per stream); null when they were not kept. Used by ftp/data-hashes.ts
 * (hashing FTP data connections) and ftp/control-parses.ts (parsing FTP
 * control connections).
 */
import type { PacketIndex } from "../index/packet-index";
import type { FollowFacts } from "./follow-facts";
import { type TcpSegmentIn, TcpReassembler } from "./tcp-reassembler";
import type { Direction } from "./types";

/** A delivered chunk: its bytes (null: not kept; valid during the call only), and the chunk's descriptor. */
export type PassChunk = (
  direction: Direction,
  bytes: Uint8Array | null,
  frame: number,
  streamOffset: number,
  gapBefore: number,
  tsSec: number,
  tsNsec: number,
) => void;

const EMPTY = new Uint8Array(0);

export class PassReassembly {
  readonly reassembler: TcpReassembler;
  /** Chunks delivered so far. */
  chunks = 0;
  /** Frame (row + 1) whose bytes are in hand, and the frame. */
  private frame = 0;
  private bytes: Uint8Array | null = null;
  /** Whether a chunk of the frame in hand was delivered. */
  private delivered = false;
  /** Payloads not delivered with their own frame, copied (frame → where the payload was in its frame, and its bytes). */
  private readonly held = new Map<number, { at: number; bytes: Uint8Array }>();
  private heldBytes = 0;

  constructor(
    deliver: PassChunk,
    private readonly maxHeld: number,
  ) {
    // Locations are offsets in a frame (a ChunkTable's, for bytes in the file, are file offsets).
    this.reassembler = new TcpReassembler({
      append: (frame, direction, streamOffset, length, gapBefore, _gapFrame, tsSec, tsNsec, loc) => {
        this.chunks++;
        if (frame === this.frame) this.delivered = true;
        deliver(direction, this.bytesOf(frame, length, loc), frame, streamOffset, gapBefore, tsSec, tsNsec);
      },
      advance: (loc, by) => loc + by,
    });
  }

  /**
   * Row `row` of the stream (dissected from `frame`, already in `follow`'s
   * facts). False when its payload is not in the frame (TCP over IP
   * fragments): Follow re-dissects such a stream, so the caller gives it up.
   * `seg`: scratch, filled here.
   */
  addRow(row: number, frame: Uint8Array, follow: FollowFacts, index: PacketIndex, seg: TcpSegmentIn): boolean {
    if (!follow.segment(row, index, seg)) return true; // not a segment Follow reads
    const at = follow.payloadOffset(row);
    const length = seg.dataLength;
    if (length > 0 && at < 0) return false;
    this.frame = row + 1;
    // A plain view: a Node Buffer's subarray (one per chunk) costs a constructor call.
    this.bytes = length > 0 ? new Uint8Array(frame.buffer, frame.byteOffset, frame.length) : null;
    this.delivered = false;
    seg.loc = length > 0 ? at : 0;
    this.reassembler.add(seg);
    if (!this.delivered && this.bytes && this.heldBytes + length <= this.maxHeld) {
      this.held.set(this.frame, { at, bytes: this.bytes.slice(at, at + length) });
      this.heldBytes += length;
    }
    this.bytes = null;
    return true;
  }

  /** The stream's end: what is still held back is delivered. Returns the trailing gaps (TcpReassembler.end). */
  end(): { trailingGap: [number, number] } {
    this.frame = 0;
    const out = this.reassembler.end();
    this.held.clear();
    this.heldBytes = 0;
    return out;
  }

  private bytesOf(frame: number, length: number, loc: number): Uint8Array | null {
    if (length === 0) return EMPTY;
    if (loc < 0) return null;
    if (frame === this.frame && this.bytes) return loc + length <= this.bytes.length ? this.bytes.subarray(loc, loc + length) : null;
    const h = this.held.get(frame);
    if (!h || loc < h.at || loc + length > h.at + h.bytes.length) return null;
    this.held.delete(frame);
    this.heldBytes -= h.bytes.length;
    return h.bytes.subarray(loc - h.at, loc - h.at + length);
  }
}
