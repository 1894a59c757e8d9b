/**
 * Internet Control Message Protocol (RFC 792), IP protocol 1.
 *
 *   +0 type  +1 code  +2 checksum  +4 four type-specific bytes  +8 data
 *
 * Follows Wireshark 4.0's packet-icmp.c: Info is the type name padded to 20
 * characters ("%-20s", hence "Echo (ping) request  id=...") and the code name
 * in parentheses; echo requests and replies are matched by checksum,
 * identifier and sequence number within an address pair; error messages
 * (destination unreachable, source quench, redirect, time exceeded, parameter
 * problem) quote the offending datagram, which is dissected by the IP
 * dissector with `pinfo.inErrorPacket` set so that it adds fields without
 * touching the columns or the packet's addresses. RFC 4884 extension objects
 * (e.g. RFC 4950 MPLS label stacks) after the quoted datagram are decoded.
 */
import { defineFields } from "../field";
import { register, table } from "../dissector";
import { dissectData, enterLayer, expert, markMalformed, u16, u32 } from "../common";
import type { PacketInfo } from "../packet-info";
import { GENERATED } from "../tree";
import { CHECKSUM_STATUS, textField } from "./ipv4";

const TYPE_NAMES: Record<number, string> = {
  0: "Echo (ping) reply", 1: "Reserved", 2: "Reserved", 3: "Destination unreachable",
  4: "Source quench (flow control)", 5: "Redirect", 6: "Alternate host address", 8: "Echo (ping) request",
  9: "Router advertisement", 10: "Router solicitation", 11: "Time-to-live exceeded", 12: "Parameter problem",
  13: "Timestamp request", 14: "Timestamp reply", 15: "Information request", 16: "Information reply",
  17: "Address mask request", 18: "Address mask reply", 19: "Reserved (for security)", 30: "Traceroute",
  31: "Datagram Conversion Error", 32: "Mobile Host Redirect", 33: "IPv6 Where-Are-You", 34: "IPv6 I-Am-Here",
  35: "Mobile Registration Request", 36: "Mobile Registration Reply", 37: "Domain Name Request",
  38: "Domain Name Reply", 39: "SKIP", 40: "Photuris", 41: "Experimental mobility protocols",
  42: "Extended Echo request", 43: "Extended Echo reply",
};

/** Code names per type (RFC 792, 1191, 1812, 2521, 8335). */
const CODE_NAMES: Record<number, Record<number, string>> = {
  3: {
    0: "Network unreachable", 1: "Host unreachable", 2: "Protocol unreachable", 3: "Port unreachable",
    4: "Fragmentation needed", 5: "Source route failed", 6: "Destination network unknown",
    7: "Destination host unknown", 8: "Source host isolated", 9: "Network administratively prohibited",
    10: "Host administratively prohibited", 11: "Network unreachable for TOS", 12: "Host unreachable for TOS",
    13: "Communication administratively filtered", 14: "Host precedence violation", 15: "Precedence cutoff in effect",
  },
  5: { 0: "Redirect for network", 1: "Redirect for host", 2: "Redirect for TOS and network", 3: "Redirect for TOS and host" },
  6: { 0: "Alternate address for host" },
  9: { 0: "Normal router advertisement", 16: "Does not route common traffic" },
  11: { 0: "Time to live exceeded in transit", 1: "Fragment reassembly time exceeded" },
  12: { 0: "Pointer indicates the error", 1: "Required option missing", 2: "Bad length" },
  40: { 0: "Bad SPI", 1: "Authentication Failed", 2: "Decompression Failed", 3: "Decryption Failed", 4: "Need Authentication", 5: "Need Authorization" },
  42: { 0: "No error" },
  43: { 0: "No error", 1: "Malformed Query", 2: "No Such Interface", 3: "No Such Table Entry", 4: "Multiple Interfaces Satisfy Query" },
};

const ICMP_ECHOREPLY = 0;
const ICMP_UNREACH = 3;
const ICMP_SOURCEQUENCH = 4;
const ICMP_REDIRECT = 5;
const ICMP_ALTHOST = 6;
const ICMP_ECHO = 8;
const ICMP_RTRADVERT = 9;
const ICMP_TIMXCEED = 11;
const ICMP_PARAMPROB = 12;
const ICMP_TSTAMP = 13;
const ICMP_TSTAMPREPLY = 14;
const ICMP_IREQ = 15;
const ICMP_IREQREPLY = 16;
const ICMP_MASKREQ = 17;
const ICMP_MASKREPLY = 18;
const ICMP_EXTECHO = 42;
const ICMP_EXTECHOREPLY = 43;
const ICMP_FRAG_NEEDED = 4;

export const icmpFields = defineFields("icmp", {
  "": { name: "Internet Control Message Protocol", type: "protocol" },
  type: { name: "Type", type: "uint8" },
  code: { name: "Code", type: "uint8" },
  checksum: { name: "Checksum", type: "uint16", base: "hex" },
  "checksum.status": { name: "Checksum Status", type: "uint8", base: "none", vals: CHECKSUM_STATUS },
  unused: { name: "Unused", type: "bytes" },
  reserved: { name: "Reserved", type: "bytes" },
  ident: { name: "Identifier (BE)", type: "uint16", base: "dec_hex" },
  ident_le: { name: "Identifier (LE)", type: "uint16", base: "dec_hex" },
  seq: { name: "Sequence Number (BE)", type: "uint16", base: "dec_hex" },
  seq_le: { name: "Sequence Number (LE)", type: "uint16", base: "dec_hex" },
  mtu: { name: "MTU of next hop", type: "uint16" },
  num_addrs: { name: "Number of addresses", type: "uint8" },
  addr_entry_size: { name: "Address entry size", type: "uint8" },
  lifetime: { name: "Lifetime", type: "uint16" },
  pointer: { name: "Pointer", type: "uint32" },
  router_address: { name: "Router address", type: "ipv4" },
  pref_level: { name: "Preference level", type: "int32" },
  originate_timestamp: { name: "Originate Timestamp", type: "uint32" },
  receive_timestamp: { name: "Receive Timestamp", type: "uint32" },
  transmit_timestamp: { name: "Transmit Timestamp", type: "uint32" },
  address_mask: { name: "Address Mask", type: "ipv4" },
  redir_gw: { name: "Gateway Address", type: "ipv4" },
  ext: { name: "ICMP Extensions", type: "none" },
  "ext.version": { name: "Version", type: "uint8" },
  "ext.res": { name: "Reserved", type: "uint16", base: "hex", bitmask: 0x0fff, bitWidth: 16 },
  "ext.checksum": { name: "Checksum", type: "uint16", base: "hex" },
  "ext.checksum.status": { name: "Checksum Status", type: "uint8", base: "none", vals: CHECKSUM_STATUS },
  "ext.length": { name: "Length", type: "uint16" },
  "ext.class": { name: "Class", type: "uint8", vals: { 1: "MPLS Label Stack Class", 2: "Interface Information Object", 3: "Interface Identification Object" } },
  "ext.ctype": { name: "C-Type", type: "uint8" },
  "ext.data": { name: "Data", type: "bytes" },
  "mpls.label": { name: "Label", type: "uint24", bitmask: 0xfffff0, bitWidth: 24 },
  "mpls.exp": { name: "Experimental", type: "uint24", bitmask: 0x0e, bitWidth: 24 },
  "mpls.s": { name: "Stack bit", type: "boolean", bitmask: 0x01, bitWidth: 24, tfs: ["Set", "Not set"] },
  "mpls.ttl": { name: "Time to live", type: "uint8" },
  "mpls.data": { name: "Data", type: "bytes" },
  "ext.echo.seq": { name: "Sequence Number", type: "uint8", base: "dec_hex" },
  "ext.echo.req.res": { name: "Reserved", type: "uint8", base: "hex", bitmask: 0xfe, bitWidth: 8 },
  "ext.echo.req.local": { name: "Local bit", type: "boolean", bitmask: 0x01, bitWidth: 8, tfs: ["Set", "Not set"] },
  "ext.echo.rsp.state": { name: "State", type: "uint8", bitmask: 0xe0, bitWidth: 8, vals: { 0: "Reserved", 1: "Incomplete", 2: "Reachable", 3: "Stale", 4: "Delay", 5: "Probe", 6: "Failed" } },
  "ext.echo.rsp.res": { name: "Reserved", type: "uint8", base: "hex", bitmask: 0x18, bitWidth: 8 },
  "ext.echo.rsp.active": { name: "Active bit", type: "boolean", bitmask: 0x04, bitWidth: 8, tfs: ["Set", "Not set"] },
  "ext.echo.rsp.ipv4": { name: "IPv4 bit", type: "boolean", bitmask: 0x02, bitWidth: 8, tfs: ["Set", "Not set"] },
  "ext.echo.rsp.ipv6": { name: "IPv6 bit", type: "boolean", bitmask: 0x01, bitWidth: 8, tfs: ["Set", "Not set"] },
  resp_in: { name: "Response frame", type: "framenum" },
  no_resp: { name: "No response seen", type: "none" },
  resp_to: { name: "Request frame", type: "framenum" },
  resptime: { name: "Response time", type: "double" },
  data_time: { name: "Timestamp from icmp data", type: "abstime", base: "dec" },
  data_time_relative: { name: "Timestamp from icmp data (relative)", type: "reltime" },
  length: { name: "Length", type: "uint8" },
  "length.original_datagram": { name: "Length of original datagram", type: "uint8" },
});

// ---------------------------------------------------------------------------
// Helpers shared with ICMPv6.

/** 16-bit one's complement sum of data[start, end) added to `sum` (RFC 1071), not yet folded. */
export function onesSum(data: Uint8Array, start: number, end: number, sum = 0): number {
  let i = start;
  for (; i + 1 < end; i += 2) sum += (data[i]! << 8) | data[i + 1]!;
  if (i < end) sum += data[i]! << 8;
  return sum;
}

/** Folds a running sum to 16 bits and complements it: 0 when a checksum verifies. */
export function finishChecksum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** in_cksum_shouldbe: the checksum the header should have carried. */
export function checksumShouldBe(received: number, computed: number): number {
  let s = received + computed;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s;
}

/**
 * proto_tree_add_checksum with PROTO_CHECKSUM_VERIFY|IN_CKSUM (`computed` is
 * the complemented sum over the message including the checksum field: 0 means
 * good), or unverified with a reason (`computed` null).
 */
export function addChecksum(
  pinfo: PacketInfo,
  fields: { checksum: typeof icmpFields.checksum; status: typeof icmpFields.checksum },
  o: number,
  received: number,
  computed: number | null,
  unverifiedWhy: string,
): void {
  const tree = pinfo.tree;
  const hex = (v: number): string => `0x${v.toString(16).padStart(4, "0")}`;
  if (computed === null) {
    tree.add(fields.checksum, o, 2, received, 0, tree.detailed ? `Checksum: ${hex(received)} [unverified]${unverifiedWhy ? ` [${unverifiedWhy}]` : ""}` : undefined);
    tree.add(fields.status, o, 0, 2, GENERATED, statusLabel(tree.detailed, 2));
  } else if (computed === 0) {
    tree.add(fields.checksum, o, 2, received, 0, tree.detailed ? `Checksum: ${hex(received)} [correct]` : undefined);
    tree.add(fields.status, o, 0, 1, GENERATED, statusLabel(tree.detailed, 1));
  } else {
    const should = checksumShouldBe(received, computed);
    tree.add(fields.checksum, o, 2, received, 0, tree.detailed ? `Checksum: ${hex(received)} [incorrect, should be ${hex(should)}]` : undefined);
    tree.add(fields.status, o, 0, 0, GENERATED, statusLabel(tree.detailed, 0));
    expert(pinfo, o, 2, "warn", `Bad checksum [should be ${hex(should)}]`);
  }
}

/** proto_checksum_vals is BASE_NONE: the tree shows the name alone ("Checksum Status: Good"). */
function statusLabel(detailed: boolean, status: keyof typeof CHECKSUM_STATUS): string | undefined {
  return detailed ? `Checksum Status: ${CHECKSUM_STATUS[status]}` : undefined;
}

const MALFORMED_SUFFIXES = ["[Malformed Packet]", "[Packet size limited during capture]"];

/**
 * Dissects a datagram quoted in an ICMP/ICMPv6 error through `dissector`
 * with `pinfo.inErrorPacket` set, then puts back what the outer packet set:
 * columns, addresses, ports and stream numbers (Wireshark's call_dissector
 * saves and restores them for in_error_pkt). A malformed mark raised inside
 * stays, as Wireshark's exception reaches the outer packet.
 */
export function dissectQuoted(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, ethertype: number): void {
  const d = table("ethertype").get(ethertype);
  if (!d || end <= offset) return;
  const saved = {
    inError: pinfo.inErrorPacket,
    protocol: pinfo.protocol,
    info: pinfo.info,
    netSrc: pinfo.netSrc,
    netDst: pinfo.netDst,
    srcAddr: pinfo.srcAddr,
    dstAddr: pinfo.dstAddr,
    ipProto: pinfo.ipProto,
    portType: pinfo.portType,
    srcPort: pinfo.srcPort,
    dstPort: pinfo.dstPort,
    tcpStream: pinfo.tcpStream,
    udpStream: pinfo.udpStream,
    tcpAnalysis: pinfo.tcpAnalysis,
    tcpFlags: pinfo.tcpFlags,
    canDesegment: pinfo.canDesegment,
    desegmentOffset: pinfo.desegmentOffset,
    desegmentLen: pinfo.desegmentLen,
    ttl: pinfo.ipCarrier.ttl,
    version: pinfo.ipCarrier.version,
    fragmented: pinfo.ipCarrier.fragmented,
    truncated: pinfo.ipCarrier.truncated,
  };
  pinfo.inErrorPacket = true;
  pinfo.canDesegment = false;
  d.dissect(data, offset, end, pinfo);
  const info = pinfo.info;
  pinfo.inErrorPacket = saved.inError;
  pinfo.protocol = saved.protocol;
  pinfo.info = saved.info;
  if (info !== saved.info && pinfo.wantColumns) {
    const suffix = MALFORMED_SUFFIXES.find((s) => info.endsWith(s) && !saved.info.endsWith(s));
    if (suffix) pinfo.info = info.slice(0, info.length - suffix.length).endsWith(" ") ? `${saved.info} ${suffix}` : saved.info + suffix;
  }
  pinfo.netSrc = saved.netSrc;
  pinfo.netDst = saved.netDst;
  pinfo.srcAddr = saved.srcAddr;
  pinfo.dstAddr = saved.dstAddr;
  pinfo.ipProto = saved.ipProto;
  pinfo.portType = saved.portType;
  pinfo.srcPort = saved.srcPort;
  pinfo.dstPort = saved.dstPort;
  pinfo.tcpStream = saved.tcpStream;
  pinfo.udpStream = saved.udpStream;
  pinfo.tcpAnalysis = saved.tcpAnalysis;
  pinfo.tcpFlags = saved.tcpFlags;
  pinfo.canDesegment = saved.canDesegment;
  pinfo.desegmentOffset = saved.desegmentOffset;
  pinfo.desegmentLen = saved.desegmentLen;
  pinfo.ipCarrier.ttl = saved.ttl;
  pinfo.ipCarrier.version = saved.version;
  pinfo.ipCarrier.fragmented = saved.fragmented;
  pinfo.ipCarrier.truncated = saved.truncated;
}

// ---------------------------------------------------------------------------
// Echo request/reply matching (packet-icmp.c transaction_start/_end).

export interface EchoTransaction {
  requestFrame: number;
  responseFrame: number;
  requestSec: number;
  requestNsec: number;
}

/**
 * Requests waiting for a reply, keyed by address pair and the 64-bit
 * (checksum, identifier, sequence) key Wireshark uses; matched pairs by frame
 * number for re-dissection.
 */
export class EchoMatcher {
  private readonly unmatched = new Map<string, EchoTransaction>();
  private readonly matched = new Map<number, EchoTransaction>();

  request(pinfo: PacketInfo, key: string): EchoTransaction | undefined {
    if (pinfo.visited) return this.matched.get(pinfo.num);
    const t: EchoTransaction = { requestFrame: pinfo.num, responseFrame: 0, requestSec: pinfo.tsSec, requestNsec: pinfo.tsNsec };
    this.unmatched.set(key, t);
    return t;
  }

  reply(pinfo: PacketInfo, key: string): EchoTransaction | undefined {
    if (pinfo.visited) {
      const t = this.matched.get(pinfo.num);
      return t && t.responseFrame === pinfo.num ? t : undefined;
    }
    const t = this.unmatched.get(key);
    if (!t) return undefined;
    // A second reply to the same request is not matched again: Wireshark keeps the
    // answered request and ignores it; forgetting it gives the same result in less memory.
    this.unmatched.delete(key);
    t.responseFrame = pinfo.num;
    this.matched.set(t.requestFrame, t);
    this.matched.set(t.responseFrame, t);
    return t;
  }
}

/** Order-independent key for the conversation's two addresses (find_conversation matches both directions). */
export function addressPairKey(pinfo: PacketInfo): string {
  const a = pinfo.netSrc;
  const b = pinfo.netDst;
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/** Response time in milliseconds, as Wireshark's nstime_to_msec (rounded to the nanosecond to avoid float noise). */
export function responseTimeMs(pinfo: PacketInfo, t: EchoTransaction): number {
  const ms = (pinfo.tsSec - t.requestSec) * 1000 + (pinfo.tsNsec - t.requestNsec) / 1e6;
  return Math.round(ms * 1e6) / 1e6;
}

/** " (request in 3)" / resp_to / resptime for a matched reply; " (reply in 4)" / resp_in for a request. */
export function addEchoMatch(
  pinfo: PacketInfo,
  t: EchoTransaction | undefined,
  isReply: boolean,
  f: { resp_in: typeof icmpFields.resp_in; resp_to: typeof icmpFields.resp_to; resptime: typeof icmpFields.resptime; no_resp: typeof icmpFields.no_resp },
  nonUnicast: "" | "broadcast" | "multicast",
  protoLabel: string,
): void {
  const tree = pinfo.tree;
  if (isReply) {
    if (!t) return;
    tree.add(f.resp_to, 0, 0, t.requestFrame, GENERATED);
    const ms = responseTimeMs(pinfo, t);
    tree.add(f.resptime, 0, 0, ms, GENERATED, tree.detailed ? `Response time: ${ms.toFixed(3)} ms` : undefined);
    if (pinfo.wantColumns) pinfo.info += ` (request in ${t.requestFrame})`;
    return;
  }
  if (!t) {
    if (nonUnicast) {
      if (pinfo.wantColumns) pinfo.info += ` (${nonUnicast})`;
    } else if (pinfo.visited) {
      tree.add(f.no_resp, 0, 0, null, GENERATED);
      if (pinfo.wantColumns) pinfo.info += " (no response found!)";
      expert(pinfo, 0, 0, "warn", `No response seen to ${protoLabel} request`);
    }
    return;
  }
  if (t.responseFrame) {
    tree.add(f.resp_in, 0, 0, t.responseFrame, GENERATED);
    if (pinfo.wantColumns) pinfo.info += ` (reply in ${t.responseFrame})`;
  }
}

function matcher(pinfo: PacketInfo): EchoMatcher {
  return pinfo.state.get("icmp.echo", () => new EchoMatcher());
}

// ---------------------------------------------------------------------------

function typeName(type: number, code: number): string {
  if (type === ICMP_RTRADVERT && (code === 0 || code === 16)) return "Mobile IP Advertisement";
  return TYPE_NAMES[type] ?? "Unknown ICMP (obsolete or malformed?)";
}

function codeName(type: number, code: number): string | null {
  const table = CODE_NAMES[type];
  if (!table) return null;
  return table[code] ?? `Unknown code: ${code}`;
}

/** Two's-complement 32-bit value, as C's int conversion of a guint32. */
const int32 = (v: number): number => v | 0;

export const icmp = {
  name: "icmp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    const inError = pinfo.inErrorPacket;
    const len = end - offset;
    enterLayer(pinfo, "icmp");
    if (!inError) {
      pinfo.protocol = "ICMP";
      if (pinfo.wantColumns) pinfo.info = "";
    }
    // Wireshark reads the RFC 4884 length byte (+5) before anything else.
    if (len < 6) {
      markMalformed(pinfo, "ICMP", offset + len, "ICMP header truncated");
      return len;
    }
    const type = data[offset]!;
    const code = data[offset + 1]!;
    let origLen = data[offset + 5]!;
    const tName = typeName(type, code);
    const cName = codeName(type, code);
    if (type === ICMP_ALTHOST) origLen = 0;
    if (!inError && pinfo.wantColumns) pinfo.info = tName.padEnd(20) + (cName ? ` (${cName})` : "");

    tree.open(icmpFields[""], offset, len);
    tree.add(icmpFields.type, offset, 1, type, 0, tree.detailed ? `Type: ${type} (${tName})` : undefined);
    tree.add(icmpFields.code, offset + 1, 1, code, 0, tree.detailed ? `Code: ${code}${cName ? ` (${cName})` : ""}` : undefined);
    const cksum = u16(data, offset + 2);
    let computed: number | null = null;
    let why = "";
    if (pinfo.ipCarrier.fragmented) why = "fragmented datagram";
    else if (inError) why = "in ICMP error packet";
    else if (!pinfo.ipCarrier.truncated) computed = finishChecksum(onesSum(data, offset, end));
    else why = "fragmented datagram";
    addChecksum(pinfo, { checksum: icmpFields.checksum, status: icmpFields["checksum.status"] }, offset + 2, cksum, computed, why);

    const short = (): number => {
      markMalformed(pinfo, "ICMP", end, "ICMP message truncated");
      tree.close();
      return len;
    };
    // The second four bytes.
    switch (type) {
      case ICMP_ECHOREPLY:
      case ICMP_ECHO:
      case ICMP_TSTAMP:
      case ICMP_TSTAMPREPLY:
      case ICMP_IREQ:
      case ICMP_IREQREPLY:
      case ICMP_MASKREQ:
      case ICMP_MASKREPLY: {
        const id = u16(data, offset + 4);
        tree.add(icmpFields.ident, offset + 4, 2, id);
        tree.add(icmpFields.ident_le, offset + 4, 2, ((id & 0xff) << 8) | (id >> 8));
        if (len < 8) return short();
        const seq = u16(data, offset + 6);
        const seqLe = ((seq & 0xff) << 8) | (seq >> 8);
        tree.add(icmpFields.seq, offset + 6, 2, seq);
        tree.add(icmpFields.seq_le, offset + 6, 2, seqLe);
        if (!inError && pinfo.wantColumns) {
          pinfo.info += ` id=0x${id.toString(16).padStart(4, "0")}, seq=${seq}/${seqLe}`;
          if (pinfo.ipCarrier.version === 4) pinfo.info += `, ttl=${pinfo.ipCarrier.ttl}`;
        }
        break;
      }
      case ICMP_UNREACH:
      case ICMP_TIMXCEED:
        if (origLen > 0) {
          tree.add(icmpFields.unused, offset + 4, 1, data.subarray(offset + 4, offset + 5));
          tree.add(icmpFields.length, offset + 5, 1, origLen);
          tree.add(icmpFields["length.original_datagram"], offset + 5, 1, origLen * 4, GENERATED);
          if (len < 8) return short();
          if (type === ICMP_UNREACH && code === ICMP_FRAG_NEEDED) tree.add(icmpFields.mtu, offset + 6, 2, u16(data, offset + 6));
          else tree.add(icmpFields.unused, offset + 6, 2, data.subarray(offset + 6, offset + 8));
        } else if (type === ICMP_UNREACH && code === ICMP_FRAG_NEEDED) {
          tree.add(icmpFields.unused, offset + 4, 2, data.subarray(offset + 4, offset + 6));
          if (len < 8) return short();
          tree.add(icmpFields.mtu, offset + 6, 2, u16(data, offset + 6));
        } else {
          if (len < 8) return short();
          tree.add(icmpFields.unused, offset + 4, 4, data.subarray(offset + 4, offset + 8));
        }
        break;
      case ICMP_RTRADVERT: {
        tree.add(icmpFields.num_addrs, offset + 4, 1, data[offset + 4]!);
        tree.add(icmpFields.addr_entry_size, offset + 5, 1, data[offset + 5]!);
        if (len < 8) return short();
        const life = u16(data, offset + 6);
        tree.add(icmpFields.lifetime, offset + 6, 2, life, 0, tree.detailed ? `Lifetime: ${life} (${secondsText(life)})` : undefined);
        break;
      }
      case ICMP_PARAMPROB:
        tree.add(icmpFields.pointer, offset + 4, 1, data[offset + 4]!);
        if (origLen > 0) {
          tree.add(icmpFields.length, offset + 5, 1, origLen);
          tree.add(icmpFields["length.original_datagram"], offset + 5, 1, origLen * 4, GENERATED);
          if (len < 8) return short();
          tree.add(icmpFields.unused, offset + 6, 2, data.subarray(offset + 6, offset + 8));
        } else {
          if (len < 8) return short();
          tree.add(icmpFields.unused, offset + 5, 3, data.subarray(offset + 5, offset + 8));
        }
        break;
      case ICMP_REDIRECT:
        if (len < 8) return short();
        tree.add(icmpFields.redir_gw, offset + 4, 4, u32(data, offset + 4));
        break;
      case ICMP_EXTECHO:
      case ICMP_EXTECHOREPLY: {
        const id = u16(data, offset + 4);
        tree.add(icmpFields.ident, offset + 4, 2, id);
        tree.add(icmpFields.ident_le, offset + 4, 2, ((id & 0xff) << 8) | (id >> 8));
        tree.add(icmpFields["ext.echo.seq"], offset + 6, 1, data[offset + 6]!);
        if (len < 8) return short();
        const b = data[offset + 7]!;
        if (type === ICMP_EXTECHO) {
          tree.add(icmpFields["ext.echo.req.res"], offset + 7, 1, b >> 1);
          tree.add(icmpFields["ext.echo.req.local"], offset + 7, 1, (b & 1) !== 0);
        } else {
          tree.add(icmpFields["ext.echo.rsp.state"], offset + 7, 1, b >> 5);
          tree.add(icmpFields["ext.echo.rsp.res"], offset + 7, 1, (b >> 3) & 3);
          tree.add(icmpFields["ext.echo.rsp.active"], offset + 7, 1, (b & 4) !== 0);
          tree.add(icmpFields["ext.echo.rsp.ipv4"], offset + 7, 1, (b & 2) !== 0);
          tree.add(icmpFields["ext.echo.rsp.ipv6"], offset + 7, 1, (b & 1) !== 0);
        }
        break;
      }
    }

    // The rest of the message.
    switch (type) {
      case ICMP_UNREACH:
      case ICMP_TIMXCEED:
      case ICMP_PARAMPROB:
      case ICMP_SOURCEQUENCH:
      case ICMP_REDIRECT: {
        if (len < 8) return short();
        // The quoted datagram (RFC 792: IP header + 64 bits; RFC 1812 §4.3.2.3: as much as fits;
        // RFC 4884: `origLen` 32-bit words, then extension objects).
        let qEnd = end;
        const innerHlen = len > 8 ? (data[offset + 8]! & 0x0f) * 4 : 0;
        const innerLen = len >= 12 ? u16(data, offset + 10) : 0;
        if (type === ICMP_REDIRECT) qEnd = Math.min(end, offset + 8 + innerHlen + 8);
        else if (origLen && len > 8 + origLen * 4 && innerLen > origLen * 4) qEnd = Math.min(end, offset + 8 + innerHlen + origLen * 4);
        dissectQuoted(data, offset + 8, qEnd, pinfo, 0x0800);
        // RFC 4884 / RFC 4950 extensions when the payload goes past 128 bytes and the
        // quoted datagram is shorter than that (Wireshark's MPLS-extension heuristic).
        if (len > 8 + 128 && innerLen <= 128) {
          const ext = offset + (origLen ? origLen * 4 : 128) + 8;
          if (ext > end) {
            markMalformed(pinfo, "ICMP", end, "extension offset past the end of the packet");
            break;
          }
          dissectExtensions(data, ext, end, pinfo);
        }
        break;
      }
      case ICMP_ECHOREPLY:
      case ICMP_ECHO: {
        if (len < 8) return short();
        let t: EchoTransaction | undefined;
        if (!inError) {
          const id = u16(data, offset + 4);
          const seq = u16(data, offset + 6);
          let k0: number;
          if (type === ICMP_ECHOREPLY) {
            k0 = cksum === 0xffff ? 0 : cksum;
          } else {
            // The reply's checksum is the request's plus 0x0800 (type 8 → 0):
            // ip_checksum over (~cksum, ~0x0800).
            k0 = finishChecksum((~cksum & 0xffff) + (~0x0800 & 0xffff));
          }
          const key = `${addressPairKey(pinfo)} ${k0} ${id} ${seq}`;
          const m = matcher(pinfo);
          t = type === ICMP_ECHOREPLY ? m.reply(pinfo, key) : m.request(pinfo, key);
          const dst = pinfo.dstAddr;
          const nonUnicast = dst && dst.length === 4 ? (dst[0] === 255 && dst[1] === 255 && dst[2] === 255 && dst[3] === 255 ? "broadcast" : (dst[0]! & 0xf0) === 0xe0 ? "multicast" : "") : "";
          addEchoMatch(pinfo, t, type === ICMP_ECHOREPLY, icmpFields, nonUnicast, "ICMP");
        }
        if (len - 8 < 8) {
          if (len > 8) dissectData(data, offset + 8, end, pinfo);
          break;
        }
        if (addDataTime(pinfo, data, offset + 8)) dissectData(data, offset + 16, end, pinfo);
        else dissectData(data, offset + 8, end, pinfo);
        break;
      }
      case ICMP_RTRADVERT: {
        const n = data[offset + 4]!;
        const size = data[offset + 5]!;
        if (size === 2) {
          for (let i = 0; i < n; i++) {
            const o = offset + 8 + i * 8;
            if (o + 8 > end) return short();
            tree.add(icmpFields.router_address, o, 4, u32(data, o));
            tree.add(icmpFields.pref_level, o + 4, 4, int32(u32(data, o + 4)));
          }
        } else {
          dissectData(data, offset + 8, end, pinfo);
        }
        break;
      }
      case ICMP_TSTAMP:
      case ICMP_TSTAMPREPLY: {
        const frameMs = (pinfo.tsSec * 1000 + Math.floor(pinfo.tsNsec / 1e6)) % 86400000;
        const names = [icmpFields.originate_timestamp, icmpFields.receive_timestamp, icmpFields.transmit_timestamp];
        for (let i = 0; i < 3; i++) {
          const o = offset + 8 + i * 4;
          if (o + 4 > end) return short();
          const f = names[i]!;
          const v = u32(data, o);
          tree.add(f, o, 4, v, 0, tree.detailed ? `${f.name}: ${v} (${msecondsText(bestGuessMsOfDay(data, o, frameMs))} after midnight UTC)` : undefined);
        }
        break;
      }
      case ICMP_MASKREQ:
      case ICMP_MASKREPLY:
        if (offset + 12 > end) return short();
        tree.add(icmpFields.address_mask, offset + 8, 4, u32(data, offset + 8));
        break;
      case ICMP_EXTECHO:
        if (len > 8) dissectExtensions(data, offset + 8, end, pinfo);
        break;
    }
    tree.close();
    return len;
  },
};

/**
 * The echo data's first 8 bytes as a struct timeval (BSD/Linux ping), big- or
 * little-endian, when within a day of the frame's time (packet-icmp.c).
 */
function addDataTime(pinfo: PacketInfo, data: Uint8Array, o: number): boolean {
  const beSec = u32(data, o);
  const beUsec = int32(u32(data, o + 4));
  let sec = beSec;
  let usec = beUsec;
  const far = (s: number, us: number): boolean => {
    const diff = int32(s - pinfo.tsSec);
    return !(Math.abs(diff) < 86400 || diff === -2147483648) || us >= 1000000;
  };
  if (far(sec, usec)) {
    sec = (data[o]! | (data[o + 1]! << 8) | (data[o + 2]! << 16) | (data[o + 3]! << 24)) >>> 0;
    usec = data[o + 4]! | (data[o + 5]! << 8) | (data[o + 6]! << 16) | (data[o + 7]! << 24);
  }
  if (far(sec, usec)) return false;
  const nsec = Math.imul(usec, 1000);
  const tree = pinfo.tree;
  tree.add(icmpFields.data_time, o, 8, [sec, nsec]);
  let dSec = pinfo.tsSec - sec;
  let dNsec = pinfo.tsNsec - nsec;
  // nstime_delta: both parts share the sign.
  if (dSec > 0 && dNsec < 0) {
    dSec -= 1;
    dNsec += 1e9;
  } else if (dSec < 0 && dNsec > 0) {
    dSec += 1;
    dNsec -= 1e9;
  }
  tree.add(icmpFields.data_time_relative, o, 8, [dSec, dNsec], GENERATED);
  return true;
}

const MS_PER_DAY = 86400000;

/** get_best_guess_mstimeofday: RFC 792 timestamps are ms since midnight UT, sent in either byte order. */
function bestGuessMsOfDay(data: Uint8Array, o: number, comp: number): number {
  const be = u32(data, o) & 0x7fffffff;
  const le = ((data[o]! | (data[o + 1]! << 8) | (data[o + 2]! << 16) | (data[o + 3]! << 24)) >>> 0) & 0x7fffffff;
  if (be < MS_PER_DAY && le >= MS_PER_DAY) return be;
  if (le < MS_PER_DAY && be >= MS_PER_DAY) return le;
  const dist = (v: number): number => (v - comp) >>> 0;
  if (be < MS_PER_DAY && le < MS_PER_DAY) {
    let b = be;
    let l = le;
    if (b < comp && b <= MS_PER_DAY / 4 && comp >= MS_PER_DAY - MS_PER_DAY / 4) b += MS_PER_DAY;
    if (l < comp && l <= MS_PER_DAY / 4 && comp >= MS_PER_DAY - MS_PER_DAY / 4) l += MS_PER_DAY;
    return dist(b) < dist(l) ? be : le;
  }
  return dist(be) < dist(le) ? be : le;
}

/** signed_time_secs_to_str: "1 hour, 30 minutes" style. */
export function secondsText(total: number): string {
  if (total === 0) return "0 seconds";
  const parts: string[] = [];
  const units: [number, string][] = [[86400, "day"], [3600, "hour"], [60, "minute"], [1, "second"]];
  let t = total;
  for (const [n, name] of units) {
    const v = Math.floor(t / n);
    t -= v * n;
    if (v) parts.push(`${v} ${name}${v === 1 ? "" : "s"}`);
  }
  return parts.join(", ");
}

/** signed_time_msecs_to_str. */
function msecondsText(ms: number): string {
  const secs = Math.floor(ms / 1000);
  const rest = ms % 1000;
  if (rest === 0) return secondsText(secs);
  const head = secs ? `${secondsText(secs)}, ` : "";
  return `${head}${rest} millisecond${rest === 1 ? "" : "s"}`;
}

/** RFC 4884 multi-part extension structure, with RFC 4950 MPLS label stack objects. */
function dissectExtensions(data: Uint8Array, start: number, end: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  const total = end - start;
  tree.open(icmpFields.ext, start, total, null, tree.detailed ? "ICMP Multi-Part Extensions" : undefined);
  if (total < 4) {
    tree.close();
    return;
  }
  const version = data[start]! >> 4;
  tree.add(icmpFields["ext.version"], start, 1, version);
  tree.add(icmpFields["ext.res"], start, 2, u16(data, start) & 0x0fff);
  const ck = u16(data, start + 2);
  if (ck === 0) {
    tree.add(icmpFields["ext.checksum"], start + 2, 2, ck, 0, tree.detailed ? "Checksum: 0x0000 [missing]" : undefined);
    tree.add(icmpFields["ext.checksum.status"], start + 2, 0, 3, GENERATED, statusLabel(tree.detailed, 3));
  } else {
    addChecksum(pinfo, { checksum: icmpFields["ext.checksum"], status: icmpFields["ext.checksum.status"] }, start + 2, ck, finishChecksum(onesSum(data, start, end)), "");
  }
  if (version !== 1 && version !== 2) {
    if (tree.detailed) tree.setLabel("ICMP Multi-Part Extensions (unsupported version)");
    tree.close();
    return;
  }
  let o = start + 4;
  while (end - o >= 4) {
    const objLen = u16(data, o);
    const trunc = Math.min(objLen, end - o);
    const cls = data[o + 2]!;
    const ctype = data[o + 3]!;
    tree.open(textField, o, Math.max(trunc, 4), null, tree.detailed ? "Unknown object" : undefined);
    tree.add(icmpFields["ext.length"], o, 2, objLen);
    tree.add(icmpFields["ext.class"], o + 2, 1, cls);
    if (objLen < 4) {
      if (tree.detailed) tree.setLabel("Object with bad length");
      tree.close();
      break;
    }
    if (cls === 1 && ctype === 1) {
      tree.add(icmpFields["ext.ctype"], o + 3, 1, ctype);
      if (tree.detailed) tree.setLabel("MPLS Stack Entry");
      for (let e = o + 4; e + 4 <= o + trunc; e += 4) {
        const v = u32(data, e);
        tree.add(icmpFields["mpls.label"], e, 3, v >>> 12);
        tree.add(icmpFields["mpls.exp"], e + 2, 1, (v >>> 9) & 7);
        tree.add(icmpFields["mpls.s"], e + 2, 1, ((v >>> 8) & 1) !== 0);
        tree.add(icmpFields["mpls.ttl"], e + 3, 1, v & 0xff);
      }
    } else {
      tree.add(icmpFields["ext.ctype"], o + 3, 1, ctype);
      if (tree.detailed) tree.setLabel(`Unknown object (${cls}/${ctype})`);
      if (trunc > 4) tree.add(icmpFields["ext.data"], o + 4, trunc - 4, data.subarray(o + 4, o + trunc));
    }
    tree.close();
    o += trunc;
  }
  tree.close();
}

register("ip.proto", 1, icmp);
