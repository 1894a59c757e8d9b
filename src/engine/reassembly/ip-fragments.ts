/**
 * IP fragment reassembly shared by IPv4 (RFC 791 §3.2, "reassembly") and IPv6
 * (RFC 8200 §4.5), following Wireshark's epan/reassemble.c closely enough that
 * the same fragments give the same datagram, the same fragment list and the
 * same frame that completes it:
 *
 * - A datagram is identified by a key the caller builds (IPv4: src, dst, id,
 *   protocol; IPv6: src, dst, identification). Fragments may come in any order,
 *   may overlap or repeat; the datagram is complete once the tail (MF=0) has
 *   been seen and the fragments cover [0, total) without a hole.
 * - Fragments are kept sorted by offset, a new fragment going after those with
 *   the same offset; on reassembly, bytes already placed win over a later
 *   (in that order) overlapping fragment, exactly as fragment_defragment
 *   copies them. Overlaps whose bytes differ are flagged "conflict".
 * - The frame whose fragment completes the datagram is "reassembled in"; it
 *   dissects the payload. Once complete, the key is forgotten, so a later
 *   fragment with the same key starts a new datagram (as in Wireshark, where
 *   fragment_reassembled unhashes it).
 *
 * Memory: only datagrams being reassembled hold their fragments' bytes (copied,
 * since frame buffers are reused); they are dropped once complete, or when
 * stale (see `prune`). A completed datagram keeps its reassembled bytes and
 * fragment list, reachable from a sparse map by frame number, so that a single
 * frame can be re-dissected later (`visited`) without replaying the capture.
 */

/** Per-fragment and per-datagram flags (Wireshark's FD_* bits). */
export const FragFlag = {
  OVERLAP: 1,
  OVERLAP_CONFLICT: 2,
  MULTIPLE_TAILS: 4,
  TOO_LONG: 8,
} as const;

/** Flags that make Wireshark report "[Illegal ... fragments]" in the Info column. */
export const FRAG_ERROR_FLAGS = FragFlag.OVERLAP_CONFLICT | FragFlag.MULTIPLE_TAILS | FragFlag.TOO_LONG;

export interface FragmentPiece {
  /** Frame number carrying this fragment. */
  readonly frame: number;
  /** Byte offset of this fragment in the datagram's payload. */
  readonly offset: number;
  /** Payload bytes in this fragment. */
  readonly length: number;
  /** FragFlag bits found for this fragment at reassembly. */
  flags: number;
}

/** A datagram whose fragments are all here. */
export interface ReassembledDatagram {
  readonly key: string;
  /** The reassembled payload (what follows the IP / fragment header). */
  readonly bytes: Uint8Array;
  /** Fragments in offset order (the order Wireshark lists them). */
  readonly pieces: readonly FragmentPiece[];
  /** Frame whose fragment completed the datagram. */
  readonly reassembledIn: number;
  /** Union of the pieces' flags. */
  readonly flags: number;
}

interface PendingPiece extends FragmentPiece {
  data: Uint8Array;
}

interface Pending {
  pieces: PendingPiece[];
  /** Total payload length once the tail fragment (MF=0) was seen, else -1. */
  total: number;
  flags: number;
  lastFrame: number;
  lastSec: number;
  bytes: number;
}

export interface ReassemblyLimits {
  /** A datagram not completed within this many frames *and* seconds of its last fragment is dropped. */
  staleFrames: number;
  staleSeconds: number;
  /** Upper bound on the bytes held by incomplete datagrams; the oldest are dropped beyond it. */
  maxPendingBytes: number;
}

/**
 * Wireshark never expires fragments; these limits only bound memory on huge
 * captures with lost fragments and are far beyond anything a real network
 * keeps (Linux drops incomplete datagrams after 30 s, RFC 791 suggests 15 s).
 */
const DEFAULT_LIMITS: ReassemblyLimits = { staleFrames: 200_000, staleSeconds: 120, maxPendingBytes: 256 << 20 };

export class FragmentReassembler {
  private readonly pending = new Map<string, Pending>();
  private pendingBytes = 0;
  /** Completed datagrams by frame number: the completing frame and every fragment's frame. */
  private readonly byFrame = new Map<number, ReassembledDatagram | ReassembledDatagram[]>();
  private addsSincePrune = 0;

  constructor(private readonly limits: ReassemblyLimits = DEFAULT_LIMITS) {}

  /**
   * First pass: adds one fragment (its payload `data`, copied) and returns the
   * datagram if this fragment completed it, else null.
   */
  add(key: string, frame: number, tsSec: number, offset: number, data: Uint8Array, more: boolean): ReassembledDatagram | null {
    if (++this.addsSincePrune >= 1024) this.prune(frame, tsSec);
    let p = this.pending.get(key);
    if (!p) {
      p = { pieces: [], total: -1, flags: 0, lastFrame: frame, lastSec: tsSec, bytes: 0 };
      this.pending.set(key, p);
    }
    p.lastFrame = frame;
    p.lastSec = tsSec;
    const piece: PendingPiece = { frame, offset, length: data.length, flags: 0, data: data.slice() };
    const end = offset + data.length;
    if (!more) {
      // The tail fixes the datagram's length; a second tail that disagrees is an error.
      if (p.total >= 0 && p.total !== end) {
        piece.flags |= FragFlag.MULTIPLE_TAILS;
        p.flags |= FragFlag.MULTIPLE_TAILS;
      } else {
        p.total = end;
      }
    }
    // Insert after every piece whose offset is <= ours (reassemble.c order).
    let i = p.pieces.length;
    while (i > 0 && p.pieces[i - 1]!.offset > offset) i--;
    p.pieces.splice(i, 0, piece);
    p.bytes += data.length;
    this.pendingBytes += data.length;
    if (this.pendingBytes > this.limits.maxPendingBytes) this.evictOldest(key);

    if (p.total < 0) return null;
    // Complete when the pieces cover [0, total) without a hole (pieces beyond the
    // end do not matter: fragment_add_work only extends the covered prefix).
    let covered = 0;
    for (const q of p.pieces) {
      if (q.offset > covered) break;
      if (q.offset + q.length > covered) covered = q.offset + q.length;
    }
    if (covered < p.total) return null;

    const done = this.defragment(key, p, frame);
    this.pending.delete(key);
    this.pendingBytes -= p.bytes;
    for (const q of done.pieces) this.remember(q.frame, done);
    return done;
  }

  /**
   * Re-dissection: the completed datagram with this key that `frame` belongs
   * to (as a fragment or as the completing frame), if any.
   */
  lookup(frame: number, key: string): ReassembledDatagram | undefined {
    const hit = this.byFrame.get(frame);
    if (!hit) return undefined;
    if (!Array.isArray(hit)) return hit.key === key ? hit : undefined;
    return hit.find((d) => d.key === key);
  }

  /** Number of datagrams still being reassembled (for tests and statistics). */
  get pendingCount(): number {
    return this.pending.size;
  }

  private remember(frame: number, d: ReassembledDatagram): void {
    const hit = this.byFrame.get(frame);
    if (!hit) this.byFrame.set(frame, d);
    else if (Array.isArray(hit)) {
      if (!hit.includes(d)) hit.push(d);
    } else if (hit !== d) this.byFrame.set(frame, [hit, d]);
  }

  /** fragment_defragment: copy pieces in order; earlier-placed bytes win, conflicts flagged. */
  private defragment(key: string, p: Pending, frame: number): ReassembledDatagram {
    const total = p.total;
    const out = new Uint8Array(total);
    let pos = 0;
    let flags = p.flags;
    for (const q of p.pieces) {
      const qEnd = q.offset + q.length;
      if (qEnd > total) {
        q.flags |= FragFlag.TOO_LONG;
        flags |= FragFlag.TOO_LONG;
      }
      if (q.offset < pos) {
        q.flags |= FragFlag.OVERLAP;
        flags |= FragFlag.OVERLAP;
        // Bytes both this piece and what is already placed cover must agree.
        const cmpEnd = Math.min(pos, qEnd, total);
        for (let i = q.offset; i < cmpEnd; i++) {
          if (out[i] !== q.data[i - q.offset]) {
            q.flags |= FragFlag.OVERLAP_CONFLICT;
            flags |= FragFlag.OVERLAP_CONFLICT;
            break;
          }
        }
      }
      const copyEnd = Math.min(qEnd, total);
      if (copyEnd > pos) {
        out.set(q.data.subarray(pos - q.offset, copyEnd - q.offset), pos);
        pos = copyEnd;
      }
    }
    const pieces: FragmentPiece[] = p.pieces.map((q) => ({ frame: q.frame, offset: q.offset, length: q.length, flags: q.flags }));
    return { key, bytes: out, pieces, reassembledIn: frame, flags };
  }

  /** Drops datagrams whose last fragment is both many frames and many seconds old. */
  private prune(frame: number, tsSec: number): void {
    this.addsSincePrune = 0;
    for (const [k, p] of this.pending) {
      if (frame - p.lastFrame > this.limits.staleFrames && tsSec - p.lastSec > this.limits.staleSeconds) this.drop(k, p);
    }
  }

  private evictOldest(keep: string): void {
    // Map iteration order is insertion order: the first entries are the oldest datagrams.
    for (const [k, p] of this.pending) {
      if (this.pendingBytes <= this.limits.maxPendingBytes) break;
      if (k !== keep) this.drop(k, p);
    }
  }

  private drop(k: string, p: Pending): void {
    this.pending.delete(k);
    this.pendingBytes -= p.bytes;
  }
}
