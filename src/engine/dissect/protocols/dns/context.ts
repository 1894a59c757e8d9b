/**
 * The message being dissected and the proto_tree_add_item helpers every part
 * of the dissector uses. One module-level context, reset for each message
 * (`dissectMessage`), so the helpers allocate nothing per item; each helper
 * checks that its bytes exist first, as proto_tree_add_item does, and throws
 * the `Truncated` sentinel where Wireshark would throw.
 */
import type { FieldDef, FieldValue } from "../../field";
import type { PacketInfo } from "../../packet-info";
import type { ProtoTree } from "../../tree";
import { MISSING } from "../../common";
import { timeSecsToStr } from "../../format";
import { asciiString, ensure, g8, g16, g32, shortAscii } from "../../bytes";
import { CLASSES, TYPE_NAMES } from "./fields";
import { getDnsName, type NameResult } from "./names";

/** Per-message context (one module-level object, reset for each message). */
export const ctx = {
  d: new Uint8Array(0) as Uint8Array,
  end: 0,
  msg: 0,
  pinfo: null as unknown as PacketInfo,
  tree: null as unknown as ProtoTree,
  mdns: false,
  cols: false,
  detailed: false,
};

export function info(s: string): void {
  if (ctx.cols) ctx.pinfo.info += s;
}

/** proto_tree_add_item: the bytes must exist (checked even if nobody wants the field). */
export function item(f: FieldDef, off: number, len: number, value: FieldValue, label?: string): void {
  ensure(off, len, ctx.end);
  ctx.tree.add(f, off, len, value, 0, label);
}
/** proto_tree_add_item of an integer read from the packet. */
export function itemU8(f: FieldDef, off: number): number {
  const v = g8(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 1, v);
  return v;
}
export function itemU16(f: FieldDef, off: number): number {
  const v = g16(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 2, v);
  return v;
}
export function itemU32(f: FieldDef, off: number, label?: (v: number) => string): number {
  const v = g32(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 4, v, 0, label && ctx.detailed ? label(v) : undefined);
  return v;
}
/** proto_tree_add_item of FT_BYTES: length -1 means "to the end", other negatives are bad data. */
export function itemBytes(f: FieldDef, off: number, len: number): void {
  if (len === -1) len = Math.max(0, ctx.end - off);
  ensure(off, len, ctx.end);
  ctx.tree.add(f, off, len, len === 0 ? MISSING : ctx.d.subarray(off, off + len));
}
/** proto_tree_add_item of an ENC_ASCII FT_STRING. */
export function itemAscii(f: FieldDef, off: number, len: number, utf8 = false): string {
  if (len === -1) len = Math.max(0, ctx.end - off);
  ensure(off, len, ctx.end);
  const s = utf8 ? formatUtf8Value(ctx.d, off, off + len) : asciiString(ctx.d, off, off + len);
  ctx.tree.add(f, off, len, s);
  return s;
}
export function itemIpv4(f: FieldDef, off: number): number {
  const v = g32(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 4, v);
  return v;
}
export function itemIpv6(f: FieldDef, off: number): Uint8Array {
  ensure(off, 16, ctx.end);
  const v = ctx.d.subarray(off, off + 16);
  ctx.tree.add(f, off, 16, v);
  return v;
}

const utf8 = new TextDecoder("utf-8");

/** ENC_UTF_8 string values: invalid sequences become U+FFFD; stops at NUL. */
function formatUtf8Value(b: Uint8Array, start: number, end: number): string {
  let e = start;
  while (e < end && b[e] !== 0) e++;
  return shortAscii(b, start, e) ?? utf8.decode(b.subarray(start, e));
}

export function typeName(t: number): string {
  return TYPE_NAMES.get(t) ?? `Unknown (${t})`;
}
export function className(c: number): string {
  return CLASSES.get(c) ?? "Unknown";
}
export function ttlLabel(name: string): (v: number) => string {
  return (v) => `${name}: ${v} (${timeSecsToStr(v)})`;
}

/** A name item: the (possibly compressed) name at `o`, added as field `f`. */
export function nameItem(f: FieldDef, o: number): NameResult {
  const r = getDnsName(ctx.d, o, 0, ctx.msg, ctx.end);
  ctx.tree.add(f, o, r.used, r.text);
  return r;
}
