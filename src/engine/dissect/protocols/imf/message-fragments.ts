/**
 * A mail body carried in many segments, put back together as Wireshark's
 * fragment_add_seq_next / fragment_end_seq_next do for SMTP's DATA and POP's
 * RETR: the pieces of one conversation in the order they came, until the
 * carrier says the message is over; then IMF gets it in that frame.
 * Re-dissection finds a finished message by its frame (the pieces are
 * dropped once joined).
 */

/** A message larger than this is not kept (Wireshark has no limit; a browser tab has one). */
const MAX_MESSAGE = 64 * 1024 * 1024;

class Pending {
  readonly pieces: Uint8Array[] = [];
  size = 0;
  overflow = false;
}

export class MessageFragments {
  private readonly pending = new Map<object, Pending>();
  /** Finished messages by the frame that finished them. */
  private readonly done = new Map<number, Uint8Array>();

  /** Adds a piece (copied); when `more` is false the message is finished in `frame` and returned. */
  add(key: object, frame: number, bytes: Uint8Array, more: boolean): Uint8Array | null {
    let p = this.pending.get(key);
    if (!p) this.pending.set(key, (p = new Pending()));
    if (p.size + bytes.length > MAX_MESSAGE) p.overflow = true;
    else {
      p.pieces.push(bytes.slice());
      p.size += bytes.length;
    }
    return more ? null : this.end(key, frame);
  }

  /** fragment_end_seq_next: the message so far is all of it (null when nothing was added). */
  end(key: object, frame: number): Uint8Array | null {
    const p = this.pending.get(key);
    if (!p || (p.pieces.length === 0 && !p.overflow)) return null;
    this.pending.delete(key);
    if (p.overflow) return null;
    const out = new Uint8Array(p.size);
    let at = 0;
    for (const piece of p.pieces) {
      out.set(piece, at);
      at += piece.length;
    }
    this.done.set(frame, out);
    return out;
  }

  /** The message finished in `frame` on the first pass, if any. */
  finishedIn(frame: number): Uint8Array | null {
    return this.done.get(frame) ?? null;
  }
}
