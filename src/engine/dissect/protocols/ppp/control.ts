/**
 * PPP control protocols sharing RFC 1661's packet format (packet-ppp.c
 * dissect_cp): LCP, IPCP (RFC 1332), IPv6CP (RFC 5072) and CCP (RFC 1962).
 *
 *   +0 code (1)  +1 identifier (1)  +2 length (2)  +4 data: options for Configure-*,
 *   magic number (+ data) for LCP Echo/Discard/Identification, rejected protocol for Protocol-Reject
 *
 * Protocol is "PPP LCP" (...), Info the code's name. Options Wireshark
 * decodes are listed in fields.ts; the others are "Unknown (0xNN) (N bytes)".
 */
import type { FieldDef } from "../../field";
import { bitsLabel, dissectData, enterLayer, expert, markMalformed, u16, u32 } from "../../common";
import { formatText } from "../../format-text";
import { ipv4ToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { ASYNCMAP_BITS, ccpFields, CCP_CODES, CP_CODES, IPCP_OPTIONS, ipcpFields, ipv6cpFields, LCP_CODES, LCP_OPTIONS, lcpFields, type OptionSpec, pppFields, textField } from "./fields";

interface ControlProtocol {
  layer: string;
  column: string;
  proto: FieldDef;
  codes: ReadonlyMap<number, string>;
  options: ReadonlyMap<number, OptionSpec> | null;
  typeField: FieldDef | null;
  lengthField: FieldDef | null;
  /** LCP's option lines end with the value ("Maximum Receive Unit: 1400"); IPCP's are the name alone. */
  valueInLabel: boolean;
}

export const LCP: ControlProtocol = { layer: "lcp", column: "PPP LCP", proto: lcpFields[""], codes: LCP_CODES, options: LCP_OPTIONS, typeField: lcpFields["opt.type"], lengthField: lcpFields["opt.length"], valueInLabel: true };
export const IPCP: ControlProtocol = { layer: "ipcp", column: "PPP IPCP", proto: ipcpFields[""], codes: CP_CODES, options: IPCP_OPTIONS, typeField: ipcpFields["opt.type"], lengthField: ipcpFields["opt.length"], valueInLabel: false };
export const IPV6CP: ControlProtocol = { layer: "ipv6cp", column: "PPP IPV6CP", proto: ipv6cpFields[""], codes: CP_CODES, options: null, typeField: null, lengthField: null, valueInLabel: false };
export const CCP: ControlProtocol = { layer: "ccp", column: "PPP CCP", proto: ccpFields[""], codes: CCP_CODES, options: null, typeField: null, lengthField: null, valueInLabel: false };

const mapSuffix = (map: number): string => (map === 0 ? " (None)" : map === 0xffffffff ? " (All)" : "");

/**
 * The async map option's line: "(None)", "(All)", or the characters it names,
 * highest bit first. packet-ppp.c opens no parenthesis before that list
 * ("0x000a0000DC3 (XOFF), DC1 (XON))"): copied, so the details read as tshark's.
 */
function asyncMapLabel(map: number): string {
  const hex = `0x${map.toString(16).padStart(8, "0")}`;
  if (map === 0 || map === 0xffffffff) return `Async Control Character Map: ${hex}${mapSuffix(map)}`;
  const names = ASYNCMAP_BITS.filter(({ bit }) => (map >>> bit) & 1).map(({ field }) => field.name);
  return `Async Control Character Map: ${hex}${names.join(", ")})`;
}

/** The async map's value and its 32 character bits (proto_tree_add_bitmask). */
function addAsyncMap(pinfo: PacketInfo, o: number, map: number): void {
  const tree = pinfo.tree;
  const f = lcpFields["opt.asyncmap"];
  // proto_tree_add_bitmask appends the set bits' names to the value.
  const set = tree.detailed ? ASYNCMAP_BITS.filter(({ bit }) => (map >>> bit) & 1).map(({ field }) => `, ${field.name}`).join("") : "";
  tree.open(f, o, 4, map, tree.detailed ? `${f.name}: 0x${map.toString(16).padStart(8, "0")}${set}${mapSuffix(map)}` : undefined);
  for (const { bit, field } of ASYNCMAP_BITS) {
    const on = ((map >>> bit) & 1) === 1;
    tree.add(field, o, 4, on, 0, tree.detailed ? bitsLabel(map, 2 ** bit, 32, `${field.name}: ${on ? "True" : "False"}`) : undefined);
  }
  tree.close();
}

/** The value part of an option's label ("1400", "0x0a0b0c0d", "10.0.0.1"). */
function valueText(f: FieldDef, v: number): string {
  if (f.type === "ipv4") return ipv4ToString(v);
  if (f.base === "hex") {
    const hex = `0x${v.toString(16).padStart(f.type === "uint32" ? 8 : 4, "0")}`;
    const name = f.vals?.get(v);
    return name ? `${name} (${hex})` : hex;
  }
  return String(v);
}

/**
 * ppp_dissect_options: each option's item, type, length and value; stops at a
 * length that cannot be right. Returns the names of the decoded options, which
 * Wireshark appends to the "Options" line.
 */
function dissectOptions(pinfo: PacketInfo, cp: ControlProtocol, data: Uint8Array, o: number, end: number): string {
  const tree = pinfo.tree;
  let names = "";
  while (o < end) {
    const type = data[o]!;
    const spec = cp.options?.get(type);
    const name = spec?.name ?? `Unknown (0x${type.toString(16).padStart(2, "0")})`;
    if (o + 1 >= end) {
      expert(pinfo, o, 1, "error", `${name} (length byte past end of options)`, "Protocol", cp.column);
      return names;
    }
    const len = data[o + 1]!;
    if (len < 2 || o + len > end) {
      expert(pinfo, o, Math.min(2, end - o), "error", len < 2 ? `${name} (with too-short option length = ${len} byte${len === 1 ? "" : "s"})` : `${name} (option length = ${len} bytes says option goes past end of options)`, "Protocol", cp.column);
      return names;
    }
    if (!spec || !cp.typeField || !cp.lengthField || (spec.valueLength !== 0 && len !== 2 + spec.valueLength)) {
      tree.add(textField, o, len, null, 0, tree.detailed ? `${name} (${len} byte${len === 1 ? "" : "s"})` : undefined);
    } else {
      const v = spec.value ? (spec.valueLength === 4 ? u32(data, o + 2) : u16(data, o + 2)) : 0;
      const label = tree.detailed ? (spec.value === lcpFields["opt.asyncmap"] ? asyncMapLabel(v) : spec.value && cp.valueInLabel ? `${name}: ${valueText(spec.value, v)}` : name) : undefined;
      tree.open(spec.item, o, len, tree.wants(spec.item) ? data.subarray(o, o + len) : null, label);
      tree.add(cp.typeField, o, 1, type, 0, tree.detailed ? `Type: ${name} (${type})` : undefined);
      tree.add(cp.lengthField, o + 1, 1, len);
      if (spec.value === lcpFields["opt.asyncmap"]) addAsyncMap(pinfo, o + 2, v);
      else if (spec.value) tree.add(spec.value, o + 2, spec.valueLength, v);
      tree.close();
      names += `, ${name}`;
    }
    o += len;
  }
  return names;
}

/** dissect_cp: one control packet at [offset, end). */
export function dissectControl(cp: ControlProtocol, data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  const tree = pinfo.tree;
  enterLayer(pinfo, cp.layer);
  pinfo.protocol = cp.column;
  if (end - offset < 4) {
    if (pinfo.wantColumns) pinfo.info = end > offset ? (cp.codes.get(data[offset]!) ?? "Unknown") : "";
    tree.open(cp.proto, offset, end - offset);
    tree.close();
    markMalformed(pinfo, cp.column, end, "header cut short");
    return end - offset;
  }
  const code = data[offset]!;
  const length = u16(data, offset + 2);
  const codeName = cp.codes.get(code) ?? "Unknown";
  if (pinfo.wantColumns) pinfo.info = codeName;
  const packetEnd = Math.min(end, offset + Math.max(length, 4));
  tree.open(cp.proto, offset, packetEnd - offset);
  tree.add(pppFields.code, offset, 1, code, 0, tree.detailed ? `Code: ${codeName} (${code})` : undefined);
  tree.add(pppFields.identifier, offset + 1, 1, data[offset + 1]!);
  tree.add(pppFields.length, offset + 2, 2, length);
  const o = offset + 4;
  const dataLen = length - 4;
  if (dataLen > 0) {
    if (o + dataLen > end) {
      tree.close();
      markMalformed(pinfo, cp.column, end, "packet cut short");
      return end - offset;
    }
    if (code >= 1 && code <= 4) {
      const title = `Options: (${dataLen} byte${dataLen === 1 ? "" : "s"})`;
      tree.open(textField, o, dataLen, null, tree.detailed ? title : undefined);
      const names = dissectOptions(pinfo, cp, data, o, o + dataLen);
      if (tree.detailed && names) tree.setLabel(title + names);
      tree.close();
    } else if (cp === LCP && code >= 9 && code <= 13 && dataLen >= 4) {
      tree.add(lcpFields.magic_number, o, 4, u32(data, o));
      if (code === 12 && dataLen > 4) tree.add(lcpFields.message, o + 4, dataLen - 4, formatText(data, o + 4, o + dataLen));
      else if (code !== 13 && dataLen > 4) tree.add(lcpFields.data, o + 4, dataLen - 4, data.subarray(o + 4, o + dataLen));
    } else if (cp === LCP && code === 8 && dataLen >= 2) {
      tree.add(lcpFields.rej_proto, o, 2, u16(data, o));
      if (dataLen > 2) dissectData(data, o + 2, o + dataLen, pinfo);
    } else tree.add(pppFields.data, o, dataLen, data.subarray(o, o + dataLen));
  }
  tree.close();
  return end - offset;
}
