/**
 * ARP and RARP (RFC 826, RFC 903; EtherTypes 0x0806 and 0x8035) with the
 * other opcodes of the IANA "arp-parameters" registry (DRARP RFC 1931,
 * InARP RFC 2390, MARS RFC 2022, MAPOS RFC 2176), as Wireshark 4.0's
 * packet-arp.c dissects them:
 *
 *   +0 hardware type (2)  +2 protocol type (2)  +4 hardware address length (1)
 *   +5 protocol address length (1)  +6 opcode (2)
 *   +8 sender hardware address, sender protocol address,
 *      target hardware address, target protocol address (lengths from +4/+5)
 *
 * Like Wireshark it remembers which MAC address each IPv4 address was last
 * seen with and flags a different one ("duplicate use of ... detected!").
 * ATM ARP (hardware type 19, RFC 2225) and AX.25 ARP (3) have their own
 * dissectors in Wireshark and are decoded here with the generic layout.
 */
import { defineField, defineFields, vals } from "../field";
import { register } from "../dissector";
import { enterLayer, expert, markMalformed, u16, u32 } from "../common";
import { etherToString, ipv4ToString } from "../format";
import type { PacketInfo } from "../packet-info";
import { GENERATED } from "../tree";
import { ETHERTYPE_NAMES } from "./ethertype-names";
import { reportedEnd, view } from "../common";

/** ARP hardware types (IANA arp-parameters, plus Linux ARPHRD_* for cooked captures), as Wireshark's arp_hrd_vals. */
export const ARPHRD_NAMES = vals({
  0: "NET/ROM pseudo",
  1: "Ethernet",
  2: "Experimental Ethernet",
  3: "AX.25",
  4: "ProNET",
  5: "Chaos",
  6: "IEEE 802",
  7: "ARCNET",
  8: "Hyperchannel",
  9: "Lanstar",
  10: "Autonet Short Address",
  11: "Localtalk",
  12: "LocalNet",
  13: "Ultra link",
  14: "SMDS",
  15: "Frame Relay DLCI",
  16: "ATM",
  17: "HDLC",
  18: "Fibre Channel",
  19: "ATM (RFC 2225)",
  20: "Serial Line",
  21: "ATM",
  22: "MIL-STD-188-220",
  23: "Metricom STRIP",
  24: "IEEE 1394.1995",
  25: "MAPOS",
  26: "Twinaxial",
  27: "EUI-64",
  28: "HIPARP",
  29: "IP and ARP over ISO 7816-3",
  30: "ARPSec",
  31: "IPsec tunnel",
  32: "InfiniBand",
  33: "TIA-102 Project 25 CAI",
  34: "Wiegand Interface",
  35: "Pure IP",
  36: "Experimental 1",
  37: "HFI",
  256: "Experimental 2",
  257: "AEthernet",
  260: "Notional KISS type",
  264: "ADAPT",
  270: "ROSE",
  271: "CCITT X.25",
  272: "Boards with X.25 in firmware",
  280: "Controller Area Network",
  512: "PPP",
  513: "Cisco HDLC",
  516: "LAPB",
  517: "Digital's DDCMP protocol",
  518: "Raw HDLC",
  519: "Raw IP",
  768: "IPIP tunnel",
  769: "IP6IP6 tunnel",
  770: "Frame Relay Access Device",
  771: "SKIP vif",
  772: "Loopback",
  774: "Fiber Distributed Data Interface",
  775: "AP1000 BIF",
  776: "sit0 device - IPv6-in-IPv4",
  777: "IP over DDP tunneller",
  778: "GRE over IP",
  779: "PIMSM register interface",
  780: "High Performance Parallel Interface",
  781: "Nexus 64Mbps Ash",
  782: "Acorn Econet",
  783: "Linux-IrDA",
  784: "Point to point fibrechannel",
  785: "Fibrechannel arbitrated loop",
  786: "Fibrechannel public loop",
  787: "Fibrechannel fabric",
  800: "Magic type ident for TR",
  801: "IEEE 802.11",
  802: "IEEE 802.11 + Prism2 header",
  803: "IEEE 802.11 + radiotap header",
  804: "IEEE 802.15.4",
  805: "IEEE 802.15.4 network monitor",
  820: "PhoNet media type",
  821: "PhoNet pipe header",
  822: "CAIF media type",
  823: "GRE over IPv6",
  824: "Netlink",
  825: "IPv6 over LoWPAN",
  826: "Vsock monitor header",
  65535: "Void type, nothing is known",
  65534: "zero header length",
});

const OPCODE_NAMES = vals({
  1: "request",
  2: "reply",
  3: "reverse request",
  4: "reverse reply",
  5: "drarp request",
  6: "drarp reply",
  7: "drarp error",
  8: "inverse request",
  9: "inverse reply",
  10: "arp nak",
  11: "mars request",
  12: "mars multi",
  13: "mars mserv",
  14: "mars join",
  15: "mars leave",
  16: "mars nak",
  17: "mars unserv",
  18: "mars sjoin",
  19: "mars sleave",
  20: "mars grouplist request",
  21: "mars grouplist reply",
  22: "mars redirect map",
  23: "mapos unarp",
  24: "experimental 1",
  25: "experimental 2",
  0: "reserved",
  65535: "reserved",
});

export const arpFields = defineFields("arp", {
  "": { name: "Address Resolution Protocol", type: "protocol" },
  "hw.type": { name: "Hardware type", type: "uint16", vals: ARPHRD_NAMES },
  "proto.type": { name: "Protocol type", type: "uint16", base: "hex", vals: ETHERTYPE_NAMES },
  "hw.size": { name: "Hardware size", type: "uint8" },
  "proto.size": { name: "Protocol size", type: "uint8" },
  opcode: { name: "Opcode", type: "uint16", vals: OPCODE_NAMES },
  isgratuitous: { name: "Is gratuitous", type: "boolean" },
  isprobe: { name: "Is probe", type: "boolean" },
  isannouncement: { name: "Is announcement", type: "boolean" },
  "src.hw": { name: "Sender hardware address", type: "bytes" },
  "src.hw_mac": { name: "Sender MAC address", type: "ether" },
  "src.proto": { name: "Sender protocol address", type: "bytes" },
  "src.proto_ipv4": { name: "Sender IP address", type: "ipv4" },
  "dst.hw": { name: "Target hardware address", type: "bytes" },
  "dst.hw_mac": { name: "Target MAC address", type: "ether" },
  "dst.proto": { name: "Target protocol address", type: "bytes" },
  "dst.proto_ipv4": { name: "Target IP address", type: "ipv4" },
  "dst.drarp_error_status": {
    name: "DRARP error status",
    type: "uint16",
    vals: { 1: "restricted", 2: "no address", 3: "serverdown", 4: "moved", 5: "failure" },
  },
  "duplicate-address-frame": { name: "Frame showing earlier use of IP address", type: "framenum" },
  "seconds-since-duplicate-address-frame": { name: "Seconds since earlier frame seen", type: "uint32" },
  "duplicate-address-detected": { name: "Duplicate IP address configured", type: "none" },
});

// Opcodes (IANA arp-parameters "Operation Codes").
const ARPOP_REQUEST = 1;
const ARPOP_REPLY = 2;
const ARPOP_RREQUEST = 3;
const ARPOP_RREPLY = 4;
const ARPOP_DRARPREQUEST = 5;
const ARPOP_DRARPREPLY = 6;
const ARPOP_DRARPERROR = 7;
const ARPOP_IREQUEST = 8;
const ARPOP_IREPLY = 9;

/** Fixed part of the header, before the addresses (RFC 826). */
const MIN_ARP_HEADER_SIZE = 8;

/** Info text of the MARS (RFC 2022) and MAPOS (RFC 2176) opcodes: "<text> from <sender hw> at <sender proto>". */
const FROM_AT_TEXT: Record<number, string> = {
  11: "MARS request",
  12: "MARS MULTI request",
  13: "MARS MSERV request",
  14: "MARS JOIN request",
  15: "MARS LEAVE",
  16: "MARS NAK",
  17: "MARS UNSERV request",
  18: "MARS SJOIN request",
  19: "MARS SLEAVE",
  20: "MARS grouplist request",
  21: "MARS grouplist reply",
  22: "MARS redirect map",
  23: "MAPOS UNARP request",
};

/** Protocol column by opcode (Wireshark names the ARP variants). */
function protocolName(op: number): string {
  if (op === ARPOP_RREQUEST || op === ARPOP_RREPLY) return "RARP";
  if (op === ARPOP_DRARPREQUEST || op === ARPOP_DRARPREPLY || op === ARPOP_DRARPERROR) return "DRARP";
  if (op === ARPOP_IREQUEST || op === ARPOP_IREPLY) return "Inverse ARP";
  if (op >= 11 && op <= 22) return "MARS";
  if (op === 23) return "MAPOS";
  return "ARP";
}

/** Ethernet (1) or IEEE 802 (6) hardware with 6-byte addresses (RFC 1042). */
function isEtherHw(hrd: number, hln: number): boolean {
  return (hrd === 1 || hrd === 6) && hln === 6;
}
/** IPv4 (EtherType 0x0800, or AX.25 PID 0xcc) with 4-byte addresses. */
function isIpv4Proto(pro: number, pln: number): boolean {
  return (pro === 0x0800 || pro === 0xcc) && pln === 4;
}

const HEX = "0123456789abcdef";
/** Wireshark's bytes_to_str: bare hex, cut after 36 bytes with an ellipsis. */
function hexBytes(b: Uint8Array, o: number, len: number): string {
  const n = Math.min(len, 36);
  let s = "";
  for (let i = 0; i < n; i++) s += HEX[b[o + i]! >> 4]! + HEX[b[o + i]! & 15]!;
  return len > 36 ? s + "…" : s;
}
function protoAddrText(b: Uint8Array, o: number, len: number, pro: number): string {
  if (len === 0) return "<No address>";
  return isIpv4Proto(pro, len) ? ipv4ToString(u32(b, o)) : hexBytes(b, o, len);
}
function hwAddrText(b: Uint8Array, o: number, len: number, hrd: number): string {
  if (len === 0) return "<No address>";
  return isEtherHw(hrd, len) ? etherToString(b.subarray(o, o + 6)) : hexBytes(b, o, len);
}
function allZero(b: Uint8Array, o: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (b[o + i] !== 0) return false;
  return true;
}
function sameBytes(b: Uint8Array, x: number, y: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (b[x + i] !== b[y + i]) return false;
  return true;
}

interface ArpEntry {
  mac: Uint8Array;
  frame: number;
  time: number;
}

/** IPv4 → MAC bindings seen so far, and the duplicates found on the first pass (for re-dissection). */
class ArpState {
  readonly byIp = new Map<number, ArpEntry>();
  readonly duplicates = new Map<number, Map<number, ArpEntry>>();
}

const newArpState = (): ArpState => new ArpState();

/**
 * Wireshark's check_for_duplicate_addresses: on the first pass, records or
 * refreshes the binding, and returns the earlier binding when this frame
 * shows the IP with another MAC; on later passes, returns what was found then.
 */
function checkDuplicate(pinfo: PacketInfo, data: Uint8Array, macAt: number, ip: number): ArpEntry | undefined {
  const state = pinfo.state.get("arp", newArpState);
  if (pinfo.visited) return state.duplicates.get(pinfo.num)?.get(ip);
  const known = state.byIp.get(ip);
  if (!known) {
    state.byIp.set(ip, { mac: data.slice(macAt, macAt + 6), frame: pinfo.num, time: pinfo.tsSec });
    return undefined;
  }
  if (pinfo.num <= known.frame) return undefined;
  let same = true;
  for (let i = 0; i < 6; i++) if (known.mac[i] !== data[macAt + i]) same = false;
  if (same) {
    known.frame = pinfo.num;
    known.time = pinfo.tsSec;
    return undefined;
  }
  const result = { mac: known.mac, frame: known.frame, time: known.time };
  let perFrame = state.duplicates.get(pinfo.num);
  if (!perFrame) state.duplicates.set(pinfo.num, (perFrame = new Map()));
  perFrame.set(ip, result);
  return result;
}

interface Duplicate {
  ip: number;
  macAt: number;
  earlier: ArpEntry;
}

/** Wireshark's text-only items (proto_tree_add_subtree_format), "text" in its Protocol Hierarchy. */
const textField = defineField("_ws.text", { name: "Text item", type: "none" });

/**
 * The "Duplicate IP address detected" subtree Wireshark adds beside the ARP
 * layer (check_for_duplicate_addresses): a text item with the earlier frame,
 * whose expert item is arp.duplicate-address-detected (ei_seq_arp_dup_ip),
 * and the seconds since.
 */
function addDuplicate(pinfo: PacketInfo, data: Uint8Array, offset: number, d: Duplicate): void {
  const tree = pinfo.tree;
  const ipText = ipv4ToString(d.ip);
  const label = tree.detailed
    ? `Duplicate IP address detected for ${ipText} (${etherToString(data.subarray(d.macAt, d.macAt + 6))}) - also in use by ${etherToString(d.earlier.mac)} (frame ${d.earlier.frame})`
    : undefined;
  tree.open(textField, offset, 0, null, label, GENERATED);
  tree.open(arpFields["duplicate-address-frame"], offset, 0, d.earlier.frame, undefined, GENERATED);
  expert(pinfo, offset, 0, "warn", `Duplicate IP address configured (${ipText})`, "Sequence", "ARP/RARP", arpFields["duplicate-address-detected"]);
  tree.close();
  tree.add(arpFields["seconds-since-duplicate-address-frame"], offset, 0, (pinfo.tsSec - d.earlier.time) >>> 0, GENERATED);
  tree.close();
}

/** A message cut before its length is known: closes the layer, marks it; the caller consumed `consumed`. */
function truncated(pinfo: PacketInfo, at: number, consumed: number): number {
  pinfo.tree.close();
  markMalformed(pinfo, "arp", at, "ARP packet truncated");
  return consumed;
}

/** A read at `at` past the captured message (Wireshark's exception): what was found so far stays. */
function failAt(pinfo: PacketInfo, data: Uint8Array, offset: number, at: number, totLen: number, dups: Duplicate[] | null): number {
  pinfo.tree.close(totLen);
  if (dups) for (const d of dups) addDuplicate(pinfo, data, offset, d);
  markMalformed(pinfo, "arp", at, "ARP packet truncated");
  return totLen;
}

export const arp = {
  name: "arp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    const detailed = tree.detailed;
    enterLayer(pinfo, "arp");
    // "ARP" until the opcode says otherwise; Info cleared so a short frame reads "[Malformed Packet]".
    pinfo.protocol = "ARP";
    if (pinfo.wantColumns) pinfo.info = "";
    const avail = end - offset;
    if (avail < 2) {
      markMalformed(pinfo, "arp", offset, "ARP header truncated");
      return avail;
    }
    // Hardware type (RFC 826 ar$hrd; IANA "Hardware Types"), e.g. 1 = Ethernet.
    const hrd = u16(data, offset);
    tree.open(arpFields[""], offset, avail);
    tree.add(arpFields["hw.type"], offset, 2, hrd);
    if (avail < 4) return truncated(pinfo, offset + 2, avail);
    // Protocol type (ar$pro): the EtherType of the protocol whose addresses are resolved, e.g. 0x0800 IPv4.
    const pro = u16(data, offset + 2);
    tree.add(arpFields["proto.type"], offset + 2, 2, pro);
    if (avail < 5) return truncated(pinfo, offset + 4, avail);
    // Hardware address length in bytes (ar$hln), 6 for Ethernet.
    const hln = data[offset + 4]!;
    tree.add(arpFields["hw.size"], offset + 4, 1, hln);
    if (avail < 6) return truncated(pinfo, offset + 5, avail);
    // Protocol address length in bytes (ar$pln), 4 for IPv4.
    const pln = data[offset + 5]!;
    tree.add(arpFields["proto.size"], offset + 5, 1, pln);
    if (avail < 8) return truncated(pinfo, offset + 6, avail);
    // Opcode (ar$op): 1 request, 2 reply (RFC 826), 3/4 reverse (RFC 903), 8/9 inverse (RFC 2390)...
    const op = u16(data, offset + 6);
    tree.add(arpFields.opcode, offset + 6, 2, op);

    const totLen = MIN_ARP_HEADER_SIZE + 2 * hln + 2 * pln;
    // Wireshark shrinks its buffer to the ARP message (so the caller sees the rest as padding);
    // a message longer than the frame is malformed there.
    if (totLen > reportedEnd(data, end, pinfo) - offset) return truncated(pinfo, offset, avail);
    const capEnd = offset + Math.min(avail, totLen);
    pinfo.protocol = protocolName(op);

    const sha = offset + MIN_ARP_HEADER_SIZE;
    const spa = sha + hln;
    const tha = spa + pln;
    const tpa = tha + hln;

    let dups: Duplicate[] | null = null;
    let duplicateDetected = false;
    let duplicateIp = 0;

    // Ethernet/IPv4 requests and replies teach Wireshark address bindings; a known IP with another MAC is a duplicate.
    if ((op === ARPOP_REQUEST || op === ARPOP_REPLY) && isEtherHw(hrd, hln) && isIpv4Proto(pro, pln)) {
      if (spa + 4 > capEnd) return failAt(pinfo, data, offset, sha, totLen, dups);
      const ip = u32(data, spa);
      // Sender binding, unless the MAC is group or all-zero or the IP is 0.0.0.0.
      if ((data[sha]! & 1) === 0 && !allZero(data, sha, 6) && ip !== 0) {
        const earlier = checkDuplicate(pinfo, data, sha, ip);
        duplicateDetected = earlier !== undefined;
        if (earlier) {
          (dups ??= []).push({ ip, macAt: sha, earlier });
          duplicateIp = ip;
        }
      }
      if (tpa + 4 > capEnd) return failAt(pinfo, data, offset, tha, totLen, dups);
      const ip2 = u32(data, tpa);
      // Target binding too, except in requests, whose target hardware address means nothing (RFC 826).
      if ((data[tha]! & 1) === 0 && !allZero(data, tha, 6) && ip2 !== 0 && op !== ARPOP_REQUEST && duplicateIp !== ip2) {
        const earlier = checkDuplicate(pinfo, data, tha, ip2);
        duplicateDetected = earlier !== undefined;
        if (earlier) {
          (dups ??= []).push({ ip: ip2, macAt: tha, earlier });
          duplicateIp = ip2;
        }
      }
    }

    // Gratuitous: a request/reply whose sender and target protocol addresses are equal (RFC 5227 2.3
    // "ARP Announcement" when the target hardware address is zero); probe: sender IP 0.0.0.0 (RFC 5227 2.1.1).
    let gratuitous = false;
    let announcement = false;
    let probe = false;
    if (op === ARPOP_REQUEST || op === ARPOP_REPLY) {
      if (tpa + pln > capEnd) return failAt(pinfo, data, offset, tpa, totLen, dups);
      gratuitous = pln > 0 && sameBytes(data, spa, tpa, pln);
      if (gratuitous && op === ARPOP_REQUEST) announcement = tha + 6 <= capEnd && allZero(data, tha, 6);
    }
    if (!gratuitous && op === ARPOP_REQUEST && tha + 6 <= capEnd && allZero(data, tha, 6)) {
      if (spa + 4 > capEnd) return failAt(pinfo, data, offset, spa, totLen, dups);
      probe = u32(data, spa) === 0;
    }

    // The Info text reads addresses even when no one shows it, so a short message fails here as in Wireshark.
    let infoNeeds = offset;
    if (op === ARPOP_RREQUEST || op === ARPOP_IREQUEST || op === ARPOP_DRARPREQUEST) infoNeeds = Math.max(tha, sha) + hln;
    else if (op === ARPOP_RREPLY || op === ARPOP_DRARPREPLY) infoNeeds = Math.max(tha + hln, tpa + pln);
    else if (op === ARPOP_IREPLY || FROM_AT_TEXT[op] !== undefined) infoNeeds = Math.max(sha + hln, spa + pln);
    if (infoNeeds > capEnd) return failAt(pinfo, data, offset, infoNeeds, totLen, dups);
    if (pinfo.wantColumns) pinfo.info = infoText(data, op, hrd, pro, hln, pln, sha, spa, tha, tpa, gratuitous, announcement, probe);

    if (detailed) {
      let opText = OPCODE_NAMES.get(op);
      if (opText !== undefined) {
        if (gratuitous) opText = op === ARPOP_REQUEST ? "request/gratuitous ARP" : "reply/gratuitous ARP";
        if (probe) opText = "ARP Probe";
        if (announcement) opText = "ARP Announcement";
      }
      tree.setLabel(`Address Resolution Protocol (${opText ?? `opcode 0x${op.toString(16).padStart(4, "0")}`})`);
    }
    if (gratuitous) tree.add(arpFields.isgratuitous, offset, 0, true, GENERATED);
    if (probe) tree.add(arpFields.isprobe, offset, 0, true, GENERATED);
    if (announcement) tree.add(arpFields.isannouncement, offset, 0, true, GENERATED);
    const ether = isEtherHw(hrd, hln);
    const ipv4 = isIpv4Proto(pro, pln);
    // Sender hardware address (ar$sha).
    if (hln !== 0) {
      if (sha + hln > capEnd) return failAt(pinfo, data, offset, sha, totLen, dups);
      const f = ether ? arpFields["src.hw_mac"] : arpFields["src.hw"];
      tree.add(f, sha, hln, view(tree, f, data, sha, sha + hln));
    }
    // Sender protocol address (ar$spa).
    if (pln !== 0) {
      if (spa + pln > capEnd) return failAt(pinfo, data, offset, spa, totLen, dups);
      if (ipv4) tree.add(arpFields["src.proto_ipv4"], spa, 4, u32(data, spa));
      else tree.add(arpFields["src.proto"], spa, pln, view(tree, arpFields["src.proto"], data, spa, spa + pln));
    }
    // Target hardware address (ar$tha); zero in requests.
    if (hln !== 0) {
      if (tha + hln > capEnd) return failAt(pinfo, data, offset, tha, totLen, dups);
      const f = ether ? arpFields["dst.hw_mac"] : arpFields["dst.hw"];
      tree.add(f, tha, hln, view(tree, f, data, tha, tha + hln));
    }
    // Target protocol address (ar$tpa); a DRARP error (RFC 1931) carries its status in the first byte instead.
    if (pln !== 0 && op !== ARPOP_DRARPERROR) {
      if (tpa + pln > capEnd) return failAt(pinfo, data, offset, tpa, totLen, dups);
      if (ipv4) tree.add(arpFields["dst.proto_ipv4"], tpa, 4, u32(data, tpa));
      else tree.add(arpFields["dst.proto"], tpa, pln, view(tree, arpFields["dst.proto"], data, tpa, tpa + pln));
    } else if (pln !== 0) {
      if (tpa + 1 > capEnd) return failAt(pinfo, data, offset, tpa, totLen, dups);
      tree.add(arpFields["dst.drarp_error_status"], tpa, 1, data[tpa]!);
    }
    tree.close(totLen);

    if (dups) for (const d of dups) addDuplicate(pinfo, data, offset, d);
    if (duplicateDetected && pinfo.wantColumns) pinfo.info += ` (duplicate use of ${ipv4ToString(duplicateIp)} detected!)`;
    return totLen;
  },
};

/** The Info column, worded as Wireshark's dissect_arp words it. */
function infoText(
  b: Uint8Array,
  op: number,
  hrd: number,
  pro: number,
  hln: number,
  pln: number,
  sha: number,
  spa: number,
  tha: number,
  tpa: number,
  gratuitous: boolean,
  announcement: boolean,
  probe: boolean,
): string {
  switch (op) {
    case ARPOP_REQUEST: {
      const target = protoAddrText(b, tpa, pln, pro);
      if (gratuitous) return announcement ? `ARP Announcement for ${target}` : `Gratuitous ARP for ${target} (Request)`;
      if (probe) return `Who has ${target}? (ARP Probe)`;
      return `Who has ${target}? Tell ${protoAddrText(b, spa, pln, pro)}`;
    }
    case ARPOP_REPLY:
      if (gratuitous) return `Gratuitous ARP for ${protoAddrText(b, spa, pln, pro)} (Reply)`;
      return `${protoAddrText(b, spa, pln, pro)} is at ${hwAddrText(b, sha, hln, hrd)}`;
    case ARPOP_RREQUEST:
    case ARPOP_IREQUEST:
    case ARPOP_DRARPREQUEST:
      return `Who is ${hwAddrText(b, tha, hln, hrd)}? Tell ${hwAddrText(b, sha, hln, hrd)}`;
    case ARPOP_RREPLY:
    case ARPOP_DRARPREPLY:
      return `${hwAddrText(b, tha, hln, hrd)} is at ${protoAddrText(b, tpa, pln, pro)}`;
    case ARPOP_DRARPERROR:
      return "DRARP Error";
    case ARPOP_IREPLY:
      return `${hwAddrText(b, sha, hln, hrd)} is at ${protoAddrText(b, spa, pln, pro)}`;
    case 10:
      return "ARP NAK";
    case 24:
      return `Experimental 1 ( opcode ${op} )`;
    case 25:
      return `Experimental 2 ( opcode ${op} )`;
    case 0:
    case 65535:
      return `Reserved opcode ${op}`;
  }
  const fromAt = FROM_AT_TEXT[op];
  if (fromAt !== undefined) return `${fromAt} from ${hwAddrText(b, sha, hln, hrd)} at ${protoAddrText(b, spa, pln, pro)}`;
  return `Unknown ARP opcode 0x${op.toString(16).padStart(4, "0")}`;
}

// EtherTypes 0x0806 ARP (RFC 826) and 0x8035 RARP (RFC 903) share the message format.
register("ethertype", [0x0806, 0x8035], arp);
