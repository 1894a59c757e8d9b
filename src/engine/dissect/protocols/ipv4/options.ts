/**
 * IPv4 options (RFC 791 §3.1; RFC 1063 MTU probe/reply, RFC 1393 traceroute,
 * RFC 2113 router alert, RFC 4782 quick-start), as packet-ip.c's
 * dissect_ipopt_* show them, and the source route's final destination.
 */
import { expert, u16, u32 } from "../../common";
import { ipv4ToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { HIDDEN } from "../../tree";
import { ipFields, optionProtos } from "./fields";
import { addAddress } from "./header-items";
import { bitsLabel, textField } from "./values";

const OPT_EOL = 0x00;
const OPT_NOP = 0x01;

interface OptionSpec {
  name: string;
  proto: typeof optionProtos.eol;
  /** Fixed total length, or minimum length when `variable`; 1: no length byte. */
  len: number;
  variable?: boolean;
}

const OPTIONS = new Map<number, OptionSpec>([
  [0x00, { name: "End of Options List (EOL)", proto: optionProtos.eol, len: 1 }],
  [0x01, { name: "No-Operation (NOP)", proto: optionProtos.nop, len: 1 }],
  [0x82, { name: "Security", proto: optionProtos.security, len: 11 }],
  [0x83, { name: "Loose Source Route", proto: optionProtos.route, len: 3, variable: true }],
  [0x44, { name: "Time Stamp", proto: optionProtos.timestamp, len: 5, variable: true }],
  [0x07, { name: "Record Route", proto: optionProtos.record_route, len: 3, variable: true }],
  [0x88, { name: "Stream ID", proto: optionProtos.sid, len: 4 }],
  [0x89, { name: "Strict Source Route", proto: optionProtos.source_route, len: 3, variable: true }],
  [0x0b, { name: "MTU Probe", proto: optionProtos.mtu_probe, len: 4 }],
  [0x0c, { name: "MTU Reply", proto: optionProtos.mtu_reply, len: 4 }],
  [0x52, { name: "Traceroute", proto: optionProtos.traceroute, len: 12 }],
  [0x94, { name: "Router Alert", proto: optionProtos.routeralert, len: 4 }],
  [0x19, { name: "Quick-Start", proto: optionProtos.qs, len: 8 }],
]);

export function dissectOptions(data: Uint8Array, start: number, end: number, pinfo: PacketInfo, optlen: number): void {
  const tree = pinfo.tree;
  let summary = tree.detailed ? `Options: (${optlen} bytes)` : "";
  tree.open(textField, start, optlen, null, summary);
  let o = start;
  let nops = 0;
  while (o < end) {
    const type = data[o]!;
    const spec = OPTIONS.get(type);
    const name = spec ? spec.name : `Unknown (0x${type.toString(16).padStart(2, "0")})`;
    if (spec && spec.len === 1) {
      tree.open(spec.proto, o, 1, null, tree.detailed ? spec.proto.name : undefined);
      addOptionType(pinfo, data, o);
      tree.close();
      // Only options with a length byte are named in the "Options: (n bytes), ..." summary.
      o++;
      if (type === OPT_NOP && ++nops === 4) expert(pinfo, o - 1, 1, "warn", "4 NOP in a row - a router may have removed some options", "Protocol", "IPv4");
      if (type === OPT_EOL) break;
      continue;
    }
    nops = 0;
    const left = end - o - 1;
    if (left === 0) {
      expert(pinfo, o, 1, "warn", `${name} (length byte past end of options)`, "Protocol", "IPv4");
      break;
    }
    const len = data[o + 1]!;
    if (len < 2) {
      expert(pinfo, o, 2, "warn", `${name} (with too-short option length = ${len} byte${len === 1 ? "" : "s"})`, "Protocol", "IPv4");
      break;
    }
    if (len - 2 > left - 1) {
      expert(pinfo, o, left + 1, "warn", `${name} (option length = ${len} byte${len === 1 ? "" : "s"} says option goes past end of options)`, "Protocol", "IPv4");
      break;
    }
    if (spec && !spec.variable && len !== spec.len) {
      expert(pinfo, o, len, "warn", `${name} (with option length = ${len} byte${len === 1 ? "" : "s"}; should be ${spec.len})`, "Protocol", "IPv4");
      break;
    }
    if (spec && spec.variable && len < spec.len) {
      expert(pinfo, o, len, "warn", `${name} (with option length = ${len} byte${len === 1 ? "" : "s"}; should be >= ${spec.len})`, "Protocol", "IPv4");
      break;
    }
    if (tree.detailed) summary += `, ${name}`;
    if (!spec) {
      tree.open(textField, o, len, null, tree.detailed ? `${name} (${len} byte${len === 1 ? "" : "s"})` : undefined);
      addOptionType(pinfo, data, o);
      tree.add(ipFields["opt.len"], o + 1, 1, len);
      tree.close();
    } else {
      dissectOption(data, o, len, pinfo, type, spec);
    }
    o += len;
  }
  if (tree.detailed) tree.setLabel(summary);
  tree.close();
}

function addOptionType(pinfo: PacketInfo, data: Uint8Array, o: number): void {
  const tree = pinfo.tree;
  const t = data[o]!;
  tree.open(ipFields["opt.type"], o, 1, t);
  tree.add(ipFields["opt.type.copy"], o, 1, (t & 0x80) !== 0, 0, bitsLabel(tree, ipFields["opt.type.copy"], t, (t & 0x80) !== 0));
  tree.add(ipFields["opt.type.class"], o, 1, (t >> 5) & 3, 0, bitsLabel(tree, ipFields["opt.type.class"], t, (t >> 5) & 3));
  tree.add(ipFields["opt.type.number"], o, 1, t & 0x1f, 0, bitsLabel(tree, ipFields["opt.type.number"], t, t & 0x1f));
  tree.close();
}

function dissectOption(data: Uint8Array, o: number, len: number, pinfo: PacketInfo, type: number, spec: OptionSpec): void {
  const tree = pinfo.tree;
  const title = `${spec.proto.name} (${len} bytes)`;
  tree.open(spec.proto, o, len, null, tree.detailed ? title : undefined);
  addOptionType(pinfo, data, o);
  tree.add(ipFields["opt.len"], o + 1, 1, len);
  switch (type) {
    case 0x82: {
      // RFC 791 basic security: S(2) C(2) H(2) TCC(3).
      tree.add(ipFields["opt.sec_rfc791_sec"], o + 2, 2, u16(data, o + 2));
      tree.add(ipFields["opt.sec_rfc791_comp"], o + 4, 2, u16(data, o + 4));
      tree.add(ipFields["opt.sec_rfc791_hr"], o + 6, 2, String.fromCharCode(data[o + 6]!, data[o + 7]!));
      tree.add(ipFields["opt.sec_rfc791_tcc"], o + 8, 3, String.fromCharCode(data[o + 8]!, data[o + 9]!, data[o + 10]!));
      break;
    }
    case 0x83:
    case 0x89:
    case 0x07:
      dissectRoute(data, o, len, pinfo, type === 0x07);
      break;
    case 0x44:
      dissectTimestamp(data, o, len, pinfo);
      break;
    case 0x88:
      tree.add(ipFields["opt.sid"], o + 2, 2, u16(data, o + 2));
      break;
    case 0x0b:
    case 0x0c:
      tree.add(ipFields["opt.mtu"], o + 2, 2, u16(data, o + 2));
      break;
    case 0x52:
      tree.add(ipFields["opt.id_number"], o + 2, 2, u16(data, o + 2));
      tree.add(ipFields["opt.ohc"], o + 4, 2, u16(data, o + 4));
      tree.add(ipFields["opt.rhc"], o + 6, 2, u16(data, o + 6));
      tree.add(ipFields["opt.originator"], o + 8, 4, u32(data, o + 8));
      break;
    case 0x94: {
      const ra = u16(data, o + 2);
      const text = ra === 0 ? "Router shall examine packet" : "Reserved";
      if (tree.detailed) tree.setLabel(`${title}: ${text} (${ra})`);
      tree.add(ipFields["opt.ra"], o + 2, 2, ra, 0, tree.detailed ? `Router Alert: ${text} (${ra})` : undefined);
      break;
    }
    case 0x19: {
      tree.add(ipFields["opt.qs_func"], o + 2, 1, data[o + 2]! >> 4);
      tree.add(ipFields["opt.qs_rate"], o + 2, 1, data[o + 2]! & 0x0f);
      tree.add(ipFields["opt.qs_ttl"], o + 3, 1, data[o + 3]!);
      const nonce = u32(data, o + 4);
      tree.add(ipFields["opt.qs_nonce"], o + 4, 4, nonce >>> 2);
      tree.add(ipFields["opt.qs_reserved"], o + 4, 4, nonce & 3);
      break;
    }
  }
  tree.close();
}

function addRoute(pinfo: PacketInfo, data: Uint8Array, o: number, f: typeof ipFields.rec_rt, host: typeof ipFields.rec_rt_host, next: boolean): void {
  const tree = pinfo.tree;
  const a = u32(data, o);
  const text = ipv4ToString(a);
  tree.add(f, o, 4, a, 0, tree.detailed && next ? `${f.name}: ${text} <- (next)` : undefined);
  tree.add(host, o, 4, text, HIDDEN);
}

/**
 * Offset of the final destination when the options hold a loose or strict source
 * route with addresses left to visit (pointer within the option), else -1.
 */
export function sourceRouteDestination(data: Uint8Array, o: number, end: number): number {
  while (o < end) {
    const type = data[o]!;
    if (type === OPT_EOL) break;
    if (type === OPT_NOP) {
      o++;
      continue;
    }
    if (o + 2 > end) break;
    const len = data[o + 1]!;
    if (len < 2 || o + len > end) break;
    if ((type === 0x83 || type === 0x89) && len >= 7 && data[o + 2]! <= len) return o + len - 4;
    o += len;
  }
  return -1;
}

/** LSRR/SSRR/RR (RFC 791): the pointer (1-based) marks the next slot to use. */
function dissectRoute(data: Uint8Array, o: number, len: number, pinfo: PacketInfo, isRecord: boolean): void {
  const tree = pinfo.tree;
  const ptr = data[o + 2]!;
  tree.add(ipFields["opt.ptr"], o + 2, 1, ptr);
  if (ptr < 4 || ptr & 3) {
    expert(pinfo, o + 2, 1, "warn", ptr < 4 ? "Pointer points before first address" : "Pointer points to middle of address", "Protocol", "IPv4");
    return;
  }
  const next = ptr - 1;
  // An active source route's last address is the datagram's destination (shown as ip.dst).
  const finalRel = !isRecord && len >= 7 && ptr <= len ? len - 4 : -1;
  for (let rel = 3; rel < len; rel += 4) {
    if (len - rel < 4) {
      expert(pinfo, o + rel, len - rel, "warn", "Suboption would go past end of option", "Protocol", "IPv4");
      break;
    }
    if (next > rel) addRoute(pinfo, data, o + rel, ipFields.rec_rt, ipFields.rec_rt_host, false);
    else if (rel === finalRel) {
      const a = u32(data, o + rel);
      addAddress(pinfo, ipFields.dst, ipFields.dst_host, o + rel, a, ipv4ToString(a));
    }
    else if (isRecord) addRoute(pinfo, data, o + rel, ipFields.empty_rt, ipFields.empty_rt_host, next === rel);
    else addRoute(pinfo, data, o + rel, ipFields.src_rt, ipFields.src_rt_host, next === rel);
  }
}

/** Internet timestamp (RFC 791): pointer, overflow/flag, then timestamps or address+timestamp pairs. */
function dissectTimestamp(data: Uint8Array, o: number, len: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  const ptr = data[o + 2]!;
  tree.add(ipFields["opt.ptr"], o + 2, 1, ptr);
  if (ptr < 5) expert(pinfo, o + 2, 1, "warn", "Pointer points before first address", "Protocol", "IPv4");
  const flg = data[o + 3]! & 0x0f;
  tree.add(ipFields["opt.overflow"], o + 3, 1, data[o + 3]! >> 4, 0, bitsLabel(tree, ipFields["opt.overflow"], data[o + 3]!, data[o + 3]! >> 4));
  tree.add(ipFields["opt.flag"], o + 3, 1, flg, 0, bitsLabel(tree, ipFields["opt.flag"], data[o + 3]!, flg));
  let rel = 4;
  while (rel < len) {
    if (flg === 1 || flg === 3) {
      if (len - rel < 8) {
        expert(pinfo, o + rel, len - rel, "warn", "Suboption would go past end of option", "Protocol", "IPv4");
        break;
      }
      tree.add(ipFields["opt.time_stamp_addr"], o + rel, 4, u32(data, o + rel));
      tree.add(ipFields["opt.time_stamp"], o + rel + 4, 4, u32(data, o + rel + 4));
      rel += 8;
    } else {
      if (len - rel < 4) {
        expert(pinfo, o + rel, len - rel, "warn", "Suboption would go past end of option", "Protocol", "IPv4");
        break;
      }
      tree.add(ipFields["opt.time_stamp"], o + rel, 4, u32(data, o + rel));
      rel += 4;
    }
  }
}
