/**
 * imf_find_field_end (packet-imf.c), shared with the multipart parts: where
 * a header field ends (after its CRLF, past continuation lines that start
 * with a blank, RFC 5322 §2.2.3), and whether it was the last one (a blank
 * line, or the end of the buffer, follows).
 */
import { CR, LF } from "../text-lines";

/** Set by findFieldEnd: the field was the last of the header block. */
export const fieldEnd = { last: false };

/** The offset after the field's CRLF (before it when the buffer ends there), or -1 when no CRLF ends it. */
export function findFieldEnd(data: Uint8Array, offset: number, max: number): number {
  fieldEnd.last = false;
  while (offset < max) {
    while (offset < max && data[offset] !== CR) offset++;
    if (offset >= max) return -1;
    if (++offset < max && data[offset] === LF) {
      if (++offset >= max) {
        // End of the buffer: the caller expects the CRLF after the offset returned.
        fieldEnd.last = true;
        return offset - 2;
      }
      const c = data[offset]!;
      if (c === CR) {
        if (offset + 1 < max && data[offset + 1] === LF) fieldEnd.last = true;
        return offset;
      }
      // A blank or a tab continues the field; anything else starts the next one.
      if (c !== 0x20 && c !== 0x09) return offset;
    }
  }
  return -1;
}
