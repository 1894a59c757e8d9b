/** Bounds-checked little-endian reads (SMB, SMB2, DCERPC's NDR are little-endian); past `end` they throw `Truncated`. */
import { ensure } from "../../bytes";

export function le16(d: Uint8Array, o: number, end: number): number {
  ensure(o, 2, end);
  return d[o]! | (d[o + 1]! << 8);
}
export function le32(d: Uint8Array, o: number, end: number): number {
  ensure(o, 4, end);
  return (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16) | (d[o + 3]! << 24)) >>> 0;
}
