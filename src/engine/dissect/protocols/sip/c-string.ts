/**
 * Text of an FT_STRING item as tshark prints it: Wireshark keeps strings as C
 * strings, so a NUL in the bytes ends the value (fuzzed SIP and SDP lines
 * carry them).
 */
import { utf8Text } from "../../common";

export function cText(data: Uint8Array, start: number, end: number): string {
  let stop = start;
  while (stop < end && data[stop] !== 0) stop++;
  return utf8Text(data, start, stop);
}
