/**
 * Internet Group Management Protocol, IP protocol 2, v0-v3 (RFC 988, 1112,
 * 2236, 3376) and multicast traceroute, as Wireshark 4.0's packet-igmp.c
 * dissects them. The type picks the version, as its igmp.type table does:
 *
 *   0x01-0x0f v0 (RFC 988)        0x12 v1 report        0x16/0x17 v2 report/leave
 *   0x11 query: v3 when the message has 12 bytes or more, else v2 when the
 *        max response time is set, else v1
 *   0x22 v3 report (group records)   0x1e/0x1f multicast traceroute
 *
 *   v1/v2: +0 type  +1 unused / max resp time (1/10 s)  +2 checksum  +4 group
 *   v3 query: ... +8 S|QRV  +9 QQIC  +10 number of sources  +12 sources
 *   v3 report: +0 type  +1 reserved  +2 checksum  +4 reserved  +6 number of
 *        group records  +8 records (type, aux len, sources, group, sources, aux)
 *
 * Protocol is "IGMPv<n>"; Info the type name with the group, the v3 records
 * (" / Join group 224.0.0.251 for any sources") or the query's sources. The
 * checksum covers the first 8 bytes for v1/v2 (20 for v0), the whole message
 * for v3, and is verified only for a complete unfragmented datagram. The IPv4
 * Router Alert option (RFC 2113) that v2/v3 messages carry is decoded by IPv4.
 */
import { register } from "../../dissector";
import { enterLayer, expertField, malformed, reportedEnd } from "../../common";
import { ensure, g16, g32, g8, Truncated } from "../../bytes";
import { ipv4ToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, type ProtoTree } from "../../tree";
import { bitItem } from "../bitmask";
import { checksumShouldBe, finishChecksum, onesSum } from "../icmp";
import { CHECKSUM_STATUS } from "../ipv4";
import { TEXT } from "../dns";
import { COMMANDS, igmpFields as F, MTRACE_FORWARDING, MTRACE_ROUTING, RECORD_TYPES } from "./fields";

const V1_QUERY = 0x11;
const V1_REPORT = 0x12;
const V2_REPORT = 0x16;
const V2_LEAVE = 0x17;
const TRACEROUTE_RESPONSE = 0x1e;
const TRACEROUTE_QUERY = 0x1f;
const V3_REPORT = 0x22;
const TRACEROUTE_HEADER = 24;
const TRACEROUTE_BLOCK = 32;

/** One message being read (module scratch, reset per message). */
const m = {
  d: new Uint8Array(0) as Uint8Array,
  start: 0,
  end: 0,
  reportedEnd: 0,
  tree: null as unknown as ProtoTree,
  pinfo: null as unknown as PacketInfo,
  cols: false,
};

function info(s: string): void {
  if (m.cols) m.pinfo.info += s;
}

function ip(off: number): string {
  return ipv4ToString(g32(m.d, off, m.end));
}

function u8Item(f: (typeof F)[keyof typeof F], off: number): number {
  const v = g8(m.d, off, m.end);
  m.tree.add(f, off, 1, v);
  return v;
}
function ipItem(f: (typeof F)[keyof typeof F], off: number): number {
  const v = g32(m.d, off, m.end);
  m.tree.add(f, off, 4, v);
  return v;
}
function bytesItem(f: (typeof F)[keyof typeof F], off: number, len: number): void {
  ensure(off, len, m.end);
  m.tree.add(f, off, len, m.d.subarray(off, off + len));
}

/**
 * igmp_checksum(): over `len` bytes (0 = the whole message), verified only
 * when the datagram is not a fragment and all of those bytes were captured.
 */
function checksumItem(len: number): void {
  const off = m.start + 2;
  const received = g16(m.d, off, m.end);
  const total = len === 0 ? m.reportedEnd - m.start : len;
  const tree = m.tree;
  const hex = (v: number): string => `0x${v.toString(16).padStart(4, "0")}`;
  if (m.pinfo.ipCarrier.fragmented || m.end - m.start < total) {
    tree.add(F.checksum, off, 2, received, 0, tree.detailed ? `Checksum: ${hex(received)} [unverified]` : undefined);
    tree.add(F["checksum.status"], off, 0, 2, GENERATED, tree.detailed ? `Checksum Status: ${CHECKSUM_STATUS[2]}` : undefined);
    return;
  }
  const computed = finishChecksum(onesSum(m.d, m.start, m.start + total));
  if (computed === 0) {
    tree.add(F.checksum, off, 2, received, 0, tree.detailed ? `Checksum: ${hex(received)} [correct]` : undefined);
    tree.add(F["checksum.status"], off, 0, 1, GENERATED, tree.detailed ? `Checksum Status: ${CHECKSUM_STATUS[1]}` : undefined);
    return;
  }
  const should = checksumShouldBe(received, computed);
  // igmp.bad_checksum is registered as an error; Wireshark writes this text without brackets.
  tree.open(F.checksum, off, 2, received, tree.detailed ? `Checksum: ${hex(received)} incorrect, should be ${hex(should)}` : undefined);
  expertField(m.pinfo, F.bad_checksum, off, 2, "error", `Bad checksum [should be ${hex(should)}]`, "Checksum", "IGMP");
  tree.close();
  tree.add(F["checksum.status"], off, 0, 0, GENERATED, tree.detailed ? `Checksum Status: ${CHECKSUM_STATUS[0]}` : undefined);
}

/** dissect_igmp_common(): Protocol "IGMPv<n>", Info the type's name, the generated version and the type. */
function common(version: number, type: number): void {
  if (!m.pinfo.inErrorPacket) m.pinfo.protocol = `IGMPv${version}`;
  info(typeName(type));
  m.tree.add(F.version, m.start, 0, version, GENERATED);
  m.tree.add(F.type, m.start, 1, type);
}

function typeName(type: number): string {
  return COMMANDS.get(type) ?? `Unknown Type:0x${type.toString(16).padStart(2, "0")}`;
}

/** RFC 988 (v0): code, checksum over 20 bytes, identifier, group, access key. */
function v0(type: number): void {
  common(0, type);
  const o = m.start;
  const code = g8(m.d, o + 1, m.end);
  if (type === 0x01) m.tree.add(F.group_type, o + 1, 1, code);
  else if (!(type & 1)) m.tree.add(code < 5 ? F.reply : F["reply.pending"], o + 1, 1, code);
  checksumItem(20);
  m.tree.add(F.identifier, o + 4, 4, g32(m.d, o + 4, m.end));
  ipItem(F.maddr, o + 8);
  bytesItem(F.access_key, o + 12, 8);
}

/** RFC 1112 (v1): unused byte, checksum over 8 bytes, group. */
function v1(type: number): void {
  common(1, type);
  bytesItem(F.reserved, m.start + 1, 1);
  checksumItem(8);
  ipItem(F.maddr, m.start + 4);
}

/** RFC 2236 (v2): max response time in tenths of a second, checksum over 8 bytes, group. */
function v2(type: number): void {
  common(2, type);
  const o = m.start;
  const tenths = g8(m.d, o + 1, m.end);
  m.tree.add(F.max_resp, o + 1, 1, tenths, 0, m.tree.detailed ? `Max Resp Time: ${(tenths * 0.1).toFixed(1)} sec (0x${hex2(tenths)})` : undefined);
  checksumItem(8);
  const group = ipItem(F.maddr, o + 4);
  if (group === 0) info(", general");
  else if (type === V2_LEAVE) info(` ${ipv4ToString(group)}`);
  else if (type === V1_QUERY) info(`, specific for group ${ipv4ToString(group)}`);
  else info(` group ${ipv4ToString(group)}`);
}

function hex2(v: number): string {
  return v.toString(16).padStart(2, "0");
}

/** Each source address, into Info as "a, b}" and the tree. */
function sources(off: number, count: number): number {
  while (count--) {
    info(`${ip(off)}${count ? ", " : "}"}`);
    ipItem(F.saddr, off);
    off += 4;
  }
  return off;
}

/** RFC 3376 §4.1: a v3 query (max response code, S, QRV, QQIC, sources). */
function v3Query(type: number): void {
  common(3, type);
  const o = m.start;
  const count = g16(m.d, o + 10, m.end);
  // Max Resp Code: below 128 tenths of a second, else a floating-point value (mantissa | 0x10) << (exp + 3).
  const code = g8(m.d, o + 1, m.end);
  const tenths = code & 0x80 ? ((code & 0x0f) | 0x10) << (((code & 0x70) >> 4) + 3) : code;
  const tree = m.tree;
  tree.open(F.max_resp, o + 1, 1, tenths, tree.detailed ? `Max Resp Time: ${(tenths * 0.1).toFixed(1)} sec (0x${hex2(code)})` : undefined);
  if (code & 0x80) {
    // proto_tree_add_uint of the whole byte: the field's mask picks its bits.
    bitItem(tree, F["max_resp.exp"], o + 1, 1, code);
    bitItem(tree, F["max_resp.mant"], o + 1, 1, code);
  }
  tree.close();
  checksumItem(0);
  const group = ipItem(F.maddr, o + 4);
  info(group === 0 ? ", general" : `, specific for group ${ipv4ToString(group)}`);
  const sqrv = g8(m.d, o + 8, m.end);
  bitItem(tree, F.s, o + 8, 1, sqrv);
  bitItem(tree, F.qrv, o + 8, 1, sqrv);
  u8Item(F.qqic, o + 9);
  tree.add(F.num_src, o + 10, 2, count);
  if (count) info(`, source${count > 1 ? "s" : ""} {`);
  sources(o + 12, count);
}

/** The Info text a v3 group record starts with (dissect_v3_group_record). */
function recordInfo(recordType: number, group: string, count: number): string {
  if (count === 0) {
    if (recordType === 1 || recordType === 3) return ` / Leave group ${group}`;
    if (recordType === 2 || recordType === 4) return ` / Join group ${group} for any sources`;
    if (recordType === 5) return ` / Group ${group}, ALLOW_NEW_SOURCES but no source specified (?)`;
    if (recordType === 6) return ` / Group ${group}, BLOCK_OLD_SOURCES but no source specified (?)`;
    return ` / Group ${group}, unknown record type (?)`;
  }
  const many = count > 1;
  if (recordType === 1 || recordType === 3) return ` / Join group ${group} for source${many ? "s in" : ""} {`;
  if (recordType === 2 || recordType === 4) return ` / Join group ${group}, for source${many ? "s not in" : " not"} {`;
  if (recordType === 5) return ` / Group ${group}, new source${many ? "s" : ""} {`;
  if (recordType === 6) return ` / Group ${group}, block source${many ? "s" : ""} {`;
  return ` / Group ${group}, unknown record type (?), sources {`;
}

function groupRecord(off: number): number {
  const tree = m.tree;
  const start = off;
  const group = ip(off + 4);
  const recordType = g8(m.d, off, m.end);
  tree.open(TEXT, off, 0, null, tree.detailed ? `Group Record : ${group}  ${RECORD_TYPES.get(recordType) ?? ""}` : undefined);
  try {
    tree.add(F.record_type, off, 1, recordType);
    const aux = u8Item(F.aux_data_len, off + 1);
    const count = g16(m.d, off + 2, m.end);
    tree.add(F.num_src, off + 2, 2, count);
    ipItem(F.maddr, off + 4);
    info(recordInfo(recordType, group, count));
    off = sources(off + 8, count);
    if (aux) {
      bytesItem(F.aux_data, off, aux * 4);
      off += aux * 4;
    }
  } finally {
    tree.close(off - start);
  }
  return off;
}

/** RFC 3376 §4.2: a v3 report and its group records. */
function v3Report(type: number): void {
  common(3, type);
  const o = m.start;
  bytesItem(F.reserved, o + 1, 1);
  checksumItem(0);
  bytesItem(F.reserved, o + 4, 2);
  let count = g16(m.d, o + 6, m.end);
  if (!count) info(" - General query");
  m.tree.add(F.num_grp_recs, o + 6, 2, count);
  let off = o + 8;
  while (count--) off = groupRecord(off);
}

/** Multicast traceroute (draft-ietf-idmr-traceroute-ipm): the fixed header and the response blocks. */
function mtrace(type: number): void {
  const tree = m.tree;
  const o = m.start;
  if (!m.pinfo.inErrorPacket) m.pinfo.protocol = "IGMP";
  const reported = m.reportedEnd - o;
  let text: string;
  if (type === TRACEROUTE_RESPONSE) {
    const blocks = Math.trunc((reported - TRACEROUTE_HEADER) / TRACEROUTE_BLOCK);
    text = "Traceroute Response";
    info(`${text}, ${blocks} block${blocks === 1 ? "" : "s"}`);
  } else {
    text = reported === TRACEROUTE_HEADER ? "Traceroute Query" : "Traceroute Request";
    info(text);
  }
  tree.add(F.type, o, 1, type, 0, tree.detailed ? `Type: ${text} (0x${hex2(type)})` : undefined);
  u8Item(F["mtrace.max_hops"], o + 1);
  checksumItem(0);
  ipItem(F.maddr, o + 4);
  ipItem(F["mtrace.saddr"], o + 8);
  ipItem(F["mtrace.raddr"], o + 12);
  ipItem(F["mtrace.rspaddr"], o + 16);
  u8Item(F["mtrace.resp_ttl"], o + 20);
  tree.add(F["mtrace.q_id"], o + 21, 3, (g16(m.d, o + 21, m.end) << 8) | g8(m.d, o + 23, m.end));
  let off = o + TRACEROUTE_HEADER;
  while (m.reportedEnd - off >= TRACEROUTE_BLOCK) {
    const label = tree.detailed
      ? `Response data block: ${ip(off + 4)} -> ${ip(off + 8)},  Proto: ${MTRACE_ROUTING.get(g8(m.d, off + 28, m.end)) ?? "Unknown"},  Forwarding Code: ${MTRACE_FORWARDING.get(g8(m.d, off + 31, m.end)) ?? "Unknown"}`
      : undefined;
    tree.open(TEXT, off, TRACEROUTE_BLOCK, null, label);
    try {
      tree.add(F["mtrace.q_arrival"], off, 4, g32(m.d, off, m.end));
      ipItem(F["mtrace.q_inaddr"], off + 4);
      ipItem(F["mtrace.q_outaddr"], off + 8);
      ipItem(F["mtrace.q_prevrtr"], off + 12);
      tree.add(F["mtrace.q_inpkt"], off + 16, 4, g32(m.d, off + 16, m.end));
      tree.add(F["mtrace.q_outpkt"], off + 20, 4, g32(m.d, off + 20, m.end));
      tree.add(F["mtrace.q_total"], off + 24, 4, g32(m.d, off + 24, m.end));
      u8Item(F["mtrace.q_rtg_proto"], off + 28);
      u8Item(F["mtrace.q_fwd_ttl"], off + 29);
      const bits = g8(m.d, off + 30, m.end);
      bitItem(tree, F["mtrace.q_mbz"], off + 30, 1, bits);
      bitItem(tree, F["mtrace.q_s"], off + 30, 1, bits);
      bitItem(tree, F["mtrace.q_src_mask"], off + 30, 1, bits);
      u8Item(F["mtrace.q_fwd_code"], off + 31);
    } finally {
      tree.close();
    }
    off += TRACEROUTE_BLOCK;
  }
}

/** Types Wireshark hands to other dissectors (DVMRP, PIMv1, MSNIP, IGAP, RGMP) or nobody: the type and data. */
function unknown(type: number): void {
  if (!m.pinfo.inErrorPacket) m.pinfo.protocol = "IGMP";
  info(typeName(type));
  m.tree.add(F.type, m.start, 1, type);
  const off = m.start + 1;
  m.tree.add(F.data, off, Math.max(0, m.end - off), m.end > off ? m.d.subarray(off, m.end) : "<MISSING>");
}

/** The types packet-igmp.c registers in "igmp.type" with handles of proto_igmp: v0 (0-15), v1-v3, mtrace. */
const HANDLED_TYPES = new Set([...Array.from({ length: 16 }, (_, t) => t), V1_QUERY, V1_REPORT, V2_REPORT, V2_LEAVE, V3_REPORT, TRACEROUTE_RESPONSE, TRACEROUTE_QUERY]);

export const igmp = {
  name: "igmp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    enterLayer(pinfo, "igmp");
    const tree = pinfo.tree;
    m.d = data;
    m.start = offset;
    m.end = end;
    m.reportedEnd = reportedEnd(data, end, pinfo);
    m.tree = tree;
    m.pinfo = pinfo;
    m.cols = pinfo.wantColumns && !pinfo.inErrorPacket;
    let opened = false;
    try {
      const type = g8(data, offset, end);
      // packet-igmp.c hands these types to handles of its own protocol (the "igmp.type" table), and each call
      // through a handle adds a layer: frame.protocols reads "ip:igmp:igmp" for them, "ip:igmp" for the rest.
      if (HANDLED_TYPES.has(type)) enterLayer(pinfo, "igmp");
      if (m.cols) pinfo.info = "";
      tree.open(F[""], offset, end - offset, null, tree.detailed || tree.wants(F[""]) ? "Internet Group Management Protocol" : undefined);
      opened = true;
      if (type <= 0x0f) v0(type);
      else if (type === V1_REPORT) v1(type);
      else if (type === V2_REPORT || type === V2_LEAVE) v2(type);
      else if (type === V1_QUERY) {
        if (m.reportedEnd - offset >= 12) v3Query(type);
        else if (g8(data, offset + 1, end)) v2(type);
        else v1(type);
      } else if (type === V3_REPORT) v3Report(type);
      else if (type === TRACEROUTE_RESPONSE || type === TRACEROUTE_QUERY) mtrace(type);
      else unknown(type);
    } catch (e) {
      if (!(e instanceof Truncated)) throw e;
      malformed(pinfo, "IGMP", offset, "message runs past the end of the data");
    } finally {
      if (opened) tree.close();
    }
    return end - offset;
  },
};

register("ip.proto", 2, igmp);
