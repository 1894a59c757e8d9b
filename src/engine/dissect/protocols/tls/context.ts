/**
 * The record being dissected (one module-level context: dissection is not
 * re-entrant) and the helpers that add items, check bounds and read
 * length-prefixed vectors as Wireshark's ssl_add_vector does.
 */
import type { FieldDef, FieldValue } from "../../field";
import type { PacketInfo } from "../../packet-info";
import type { ProtoTree } from "../../tree";
import { MISSING, PRESENT, expertField } from "../../common";
import { TEXT } from "../dns";
import { ensure, g8, g16, g24, g32 } from "../../bytes";
import { tlsFields as F } from "./fields";
import type { TlsSession } from "./session";
import { SHORT_NAMES, SSLV2, SSLV3, TLCP, TLS10, TLS11, TLS12, VERSIONS } from "./tables";

export const ctx = {
  d: new Uint8Array(0) as Uint8Array,
  end: 0,
  pinfo: null as unknown as PacketInfo,
  tree: null as unknown as ProtoTree,
  s: null as unknown as TlsSession,
  server: false,
  first: true,
  cols: false,
  detailed: false,
};

export function shortName(v: number, fallback: string): string {
  return SHORT_NAMES.get(v) ?? fallback;
}

/** col_append_sep_str(COL_INFO, NULL, s): ", " unless the column is empty. */
export function infoSep(s: string): void {
  if (!ctx.cols) return;
  ctx.pinfo.info = ctx.pinfo.info ? `${ctx.pinfo.info}, ${s}` : s;
}

export function setProtocol(p: string): void {
  if (!ctx.pinfo.inErrorPacket) ctx.pinfo.protocol = p;
}

export function addU8(f: FieldDef, o: number, label?: string): number {
  const v = g8(ctx.d, o, ctx.end);
  ctx.tree.add(f, o, 1, v, 0, label);
  return v;
}

export function addU16(f: FieldDef, o: number, label?: string): number {
  const v = g16(ctx.d, o, ctx.end);
  ctx.tree.add(f, o, 2, v, 0, label);
  return v;
}

function addU24(f: FieldDef, o: number): number {
  const v = g24(ctx.d, o, ctx.end);
  ctx.tree.add(f, o, 3, v);
  return v;
}

export function addU32(f: FieldDef, o: number): number {
  const v = g32(ctx.d, o, ctx.end);
  ctx.tree.add(f, o, 4, v);
  return v;
}

/** proto_tree_add_item of FT_BYTES: a zero length shows as "<MISSING>" (as tshark prints it). */
export function addBytes(f: FieldDef, o: number, len: number, label?: string): void {
  ensure(o, len, ctx.end);
  ctx.tree.add(f, o, len, len === 0 ? MISSING : ctx.d.subarray(o, o + len), 0, label);
}

/** An FT_NONE item (tshark prints "1" for it). */
export function addNone(f: FieldDef, o: number, len: number, label?: string): void {
  ensure(o, len, ctx.end);
  ctx.tree.add(f, o, len, PRESENT, 0, label);
}

export function open(f: FieldDef, o: number, len: number, value: FieldValue, label?: string): void {
  ctx.tree.open(f, o, len, value === null && f.type === "none" && f !== TEXT ? PRESENT : value, label);
}

export function close(): void {
  ctx.tree.close();
}

/**
 * ssl_add_vector: the length of a TLS vector<min..max> (1-3 bytes, by `max`),
 * bounded by `limit`; null when there is no room for the length or the
 * vector runs past `limit` (the caller then abandons the structure).
 */
export function vector(f: FieldDef, o: number, limit: number, min: number, max: number): number | null {
  const size = max > 0xffffff ? 4 : max > 0xffff ? 3 : max > 0xff ? 2 : 1;
  if (o > limit || limit - o < size) {
    expertField(ctx.pinfo, F["malformed.buffer_too_small"], o, Math.max(0, limit - o), "error", `No more room for vector of length ${size}`, "Malformed", "TLS");
    return null;
  }
  let v: number;
  if (size === 1) v = addU8(f, o);
  else if (size === 2) v = addU16(f, o);
  else v = addU24(f, o);
  if (v < min) expertField(ctx.pinfo, F["malformed.vector_length"], o, size, "warn", `Vector length ${v} is smaller than minimum ${min}`, "Protocol", "TLS");
  else if (v > max) expertField(ctx.pinfo, F["malformed.vector_length"], o, size, "warn", `Vector length ${v} is larger than maximum ${max}`, "Protocol", "TLS");
  if (limit - (o + size) < v) {
    // ssl_add_vector reports FALSE here and every caller gives up on the
    // structure: nothing inside an overlong vector is dissected.
    expertField(ctx.pinfo, F["malformed.buffer_too_small"], o, size, "error", `Vector length ${v} is too large, truncating it to ${limit - (o + size)}`, "Malformed", "TLS");
    return null;
  }
  return v;
}

/** ssl_end_vector: true if the vector ended where its length said. */
export function endVector(o: number, limit: number): boolean {
  if (o < limit) {
    expertField(ctx.pinfo, F["malformed.trailing_data"], o, limit - o, "warn", `${limit - o} trailing byte${limit - o === 1 ? " was" : "s were"} not dissected`, "Protocol", "TLS");
    return false;
  }
  if (o > limit) {
    expertField(ctx.pinfo, F["malformed.buffer_too_small"], limit, 0, "error", `Dissector read past the end of the vector (${o - limit} bytes)`, "Malformed", "TLS");
    return false;
  }
  return true;
}

export function versionLabel(f: FieldDef, v: number): string | undefined {
  return ctx.detailed ? `${f.name}: ${VERSIONS.get(v) ?? "Unknown"} (0x${v.toString(16).padStart(4, "0")})` : undefined;
}

export function timeSecs(t: number): string {
  const parts: string[] = [];
  const d = Math.floor(t / 86400);
  const h = Math.floor(t / 3600) % 24;
  const m = Math.floor(t / 60) % 60;
  const sec = t % 60;
  if (d) parts.push(`${d} day${d === 1 ? "" : "s"}`);
  if (h) parts.push(`${h} hour${h === 1 ? "" : "s"}`);
  if (m) parts.push(`${m} minute${m === 1 ? "" : "s"}`);
  if (sec) parts.push(`${sec} second${sec === 1 ? "" : "s"}`);
  return parts.join(", ") || "0 seconds";
}

export function addU24Field(f: FieldDef, o: number): void {
  const v = g24(ctx.d, o, ctx.end);
  ctx.tree.add(f, o, 3, v);
}

export function validVersion(v: number): boolean {
  return v === SSLV2 || v === SSLV3 || v === TLS10 || v === TLS11 || v === TLS12 || v === TLCP;
}
