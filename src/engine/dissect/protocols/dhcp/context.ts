/**
 * The message being dissected (one module-level context) and the helpers
 * that add items after checking that their bytes exist, as
 * proto_tree_add_item does; `Walk` is the state of one pass over the
 * options.
 */
import type { FieldDef } from "../../field";
import { MISSING, expertField } from "../../common";
import { etherToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import type { ProtoTree } from "../../tree";
import { asciiString, ensure, g8, g16, g32 } from "../../bytes";
import { dhcpFields as F } from "./fields";

export interface Walk {
  dhcpType: string | null;
  overload: number;
  atEnd: boolean;
  /** RFC 3396: option 119 blocks in this message and the one being shown. */
  searchBlocks: number;
  searchIndex: number;
  searchData: number[];
}

export const ctx = {
  d: new Uint8Array(0) as Uint8Array,
  end: 0,
  /** Where this message starts in the caller's data (the tree is shifted by it; experts are not). */
  base: 0,
  pinfo: null as unknown as PacketInfo,
  tree: null as unknown as ProtoTree,
  detailed: false,
};

/** ei_dhcp_bad_length: an option value of the wrong size (the tree offsets are the option's). */
export function badLength(off: number, len: number, message: string): void {
  expertField(ctx.pinfo, F.bad_length, off + ctx.base, len, "error", message, "Protocol", "DHCP/BOOTP");
}

export function addBytes(f: FieldDef, off: number, len: number, flags = 0): void {
  if (len === -1) len = Math.max(0, ctx.end - off);
  ensure(off, len, ctx.end);
  ctx.tree.add(f, off, len, len === 0 ? MISSING : ctx.d.subarray(off, off + len), flags);
}

export function addU8(f: FieldDef, off: number, label?: string): number {
  const v = g8(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 1, v, 0, label);
  return v;
}

export function addU16(f: FieldDef, off: number): number {
  const v = g16(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 2, v);
  return v;
}

export function addU32(f: FieldDef, off: number): number {
  const v = g32(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 4, v);
  return v;
}

export function addIp(f: FieldDef, off: number): number {
  return addU32(f, off);
}

/** FT_STRING/FT_STRINGZ with ENC_ASCII and an explicit length: the value stops at the first NUL. */
export function addString(f: FieldDef, off: number, len: number): string {
  if (len === -1) len = Math.max(0, ctx.end - off);
  ensure(off, len, ctx.end);
  const s = asciiString(ctx.d, off, off + len);
  ctx.tree.add(f, off, len, s);
  return s;
}

/** tvb_arphrdaddr_to_str(): an Ethernet address, or the bytes in hex (at most 36 shown), or "<No address>". */
export function arphrdAddr(off: number, len: number, htype: number): string {
  if (len === 0) return "<No address>";
  ensure(off, len, ctx.end);
  if ((htype === 1 || htype === 6) && len === 6) return etherToString(ctx.d.subarray(off, off + 6));
  let s = "";
  const n = Math.min(len, 36);
  for (let i = 0; i < n; i++) s += ctx.d[off + i]!.toString(16).padStart(2, "0");
  return len > 36 ? s + "\u2026" : s;
}
