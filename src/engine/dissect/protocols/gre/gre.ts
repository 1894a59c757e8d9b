/**
 * Generic Routing Encapsulation: RFC 2784 (the base header), RFC 2890 (key
 * and sequence number), with the RFC 1701 routing bits and fields and the
 * RFC 2637 (PPTP) enhanced header shown as Wireshark 4.0's packet-gre.c
 * shows them. IP protocol 47; UDP port 4754 (GRE-in-UDP, RFC 8086 §3).
 *
 * The layout and field definitions are in fields.ts; the variable trailing
 * parts (routing entries, WCCP, 3GPP2) in extensions.ts; where the payload
 * goes (the protocol type is an EtherType, RFC 2784 §2.4) in payload.ts.
 *
 * Columns: Protocol "GRE", Info "Encapsulated <type name>", which the
 * payload's dissector replaces when it has one. The payload's own IP header
 * sets the Source/Destination columns over the outer one (as any IP layer
 * does in Wireshark), so an ICMP echo inside shows the tunnelled hosts, and
 * a Cisco keepalive (an outer GRE carrying the IP/GRE packet the peer is to
 * send back, with protocol type 0) shows that inner packet's addresses,
 * which are the outer ones reversed; the returned keepalive, a plain GRE
 * packet with type 0 and no payload, shows its only (outer) addresses.
 */
import { register } from "../../dissector";
import { bitPattern, dissectData, enterLayer, expert, markMalformed, u16, u32 } from "../../common";
import { defaultLabel } from "../../format";
import type { FieldDef } from "../../field";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { checksumShouldBe, finishChecksum, onesSum } from "../icmp";
import { add3gpp2Attributes, addRouting, addWccpRedirect, greTruncated } from "./extensions";
import {
  CHECKSUM_STATUS,
  GRE_ACK,
  GRE_CHECKSUM,
  GRE_KEY,
  GRE_RESERVED_PPP,
  GRE_ROUTING,
  GRE_SEQUENCE,
  GRE_TYPE,
  GRE_TYPE_NAMES,
  GRE_VERSION,
  greFields,
} from "./fields";
import { callGreType, greTypeDissector } from "./payload";
// Side effect: registers Cisco MetaData (EtherType and GRE type 0x8909).
import "./cisco-metadata";

/** IANA "Protocol Numbers": 47 = GRE. */
const IP_PROTO_GRE = 47;
/** RFC 8086 §3: the GRE-in-UDP destination port. */
const GRE_IN_UDP_PORT = 4754;

const hex4 = (v: number): string => `0x${v.toString(16).padStart(4, "0")}`;
const hex4Upper = (v: number): string => `0x${v.toString(16).padStart(4, "0").toUpperCase()}`;

/** A flag or sub-field of the first 16 bits, with tshark's ".... .000 .... ...." label. */
function addFlagBits(pinfo: PacketInfo, f: FieldDef, o: number, fv: number, mask = f.bitmask!): void {
  const tree = pinfo.tree;
  let shift = 0;
  while (((mask >> shift) & 1) === 0) shift++;
  const value = f.type === "boolean" ? (fv & mask) !== 0 : (fv & mask) >> shift;
  tree.add(f, o, 2, value, 0, tree.detailed ? `${bitPattern(fv, mask, 16)} = ${defaultLabel(f, value)}` : undefined);
}

/**
 * The first 16 bits (RFC 1701 §2.1 / RFC 2784 §2.1): C, R, K, S, s,
 * recursion control, then on PPTP's enhanced header (RFC 2637 §4.1) the A
 * bit and 4 reserved bits, else 5 reserved bits, and the version.
 */
function addFlags(pinfo: PacketInfo, o: number, fv: number, isPpp: boolean): void {
  const tree = pinfo.tree;
  tree.open(greFields.flags_and_version, o, 2, fv);
  addFlagBits(pinfo, greFields["flags.checksum"], o, fv);
  addFlagBits(pinfo, greFields["flags.routing"], o, fv);
  addFlagBits(pinfo, greFields["flags.key"], o, fv);
  addFlagBits(pinfo, greFields["flags.sequence_number"], o, fv);
  addFlagBits(pinfo, greFields["flags.strict_source_route"], o, fv);
  addFlagBits(pinfo, greFields["flags.recursion_control"], o, fv);
  if (isPpp) {
    addFlagBits(pinfo, greFields["flags.ack"], o, fv);
    addFlagBits(pinfo, greFields["flags.reserved"], o, fv, GRE_RESERVED_PPP);
  } else {
    addFlagBits(pinfo, greFields["flags.reserved"], o, fv);
  }
  addFlagBits(pinfo, greFields["flags.version"], o, fv);
  tree.close();
}

/**
 * RFC 1701 §2.1 / RFC 2784 §2.5 checksum: the one's complement sum over the
 * GRE header and payload. Verified only when the C bit is set and every byte
 * is here (not a first fragment, not cut by the snap length); present but
 * unverified when only R is set (RFC 1701: the field then exists, unused).
 */
function addChecksum(pinfo: PacketInfo, data: Uint8Array, offset: number, o: number, end: number, fv: number, repLen: number): void {
  const tree = pinfo.tree;
  const received = u16(data, o);
  const detailed = tree.detailed;
  if ((fv & GRE_CHECKSUM) === 0 || pinfo.ipCarrier.fragmented || end - offset < repLen) {
    tree.add(greFields.checksum, o, 2, received, 0, detailed ? `Checksum: ${hex4(received)} [unverified]` : undefined);
    tree.add(greFields["checksum.status"], o, 0, 2, GENERATED, detailed ? `Checksum Status: ${CHECKSUM_STATUS[2]}` : undefined);
    return;
  }
  const computed = finishChecksum(onesSum(data, offset, offset + repLen));
  if (computed === 0) {
    tree.add(greFields.checksum, o, 2, received, 0, detailed ? `Checksum: ${hex4(received)} [correct]` : undefined);
    tree.add(greFields["checksum.status"], o, 0, 1, GENERATED, detailed ? `Checksum Status: ${CHECKSUM_STATUS[1]}` : undefined);
    return;
  }
  const should = hex4(checksumShouldBe(received, computed));
  tree.add(greFields.checksum, o, 2, received, 0, detailed ? `Checksum: ${hex4(received)} incorrect, should be ${should}` : undefined);
  tree.add(greFields["checksum.status"], o, 0, 0, GENERATED, detailed ? `Checksum Status: ${CHECKSUM_STATUS[0]}` : undefined);
  expert(pinfo, o, 2, "warn", `Incorrect GRE Checksum [should be ${should}]`, "Protocol", "GRE");
}

export const gre = {
  name: "gre",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    const avail = end - offset;
    // The length the wire had (IP's total length), beyond `end` when the snap length cut the packet.
    const repLen = pinfo.takeReportedLength(offset, end);
    enterLayer(pinfo, "gre");
    if (avail < 4) {
      // No complete fixed header: tshark stops before setting the columns or adding the layer's item.
      greTruncatedNoItem(pinfo, offset + Math.min(avail, 2));
      return avail;
    }
    const fv = u16(data, offset);
    const type = u16(data, offset + 2);
    const name = GRE_TYPE_NAMES.get(type);
    if (!pinfo.inErrorPacket) {
      pinfo.protocol = "GRE";
      if (pinfo.wantColumns) pinfo.info = `Encapsulated ${name ?? `${hex4Upper(type)} (unknown)`}`;
    }
    // RFC 2637 §4.1: PPTP (version 1 with PPP) and the 3GPP2 A10 types use the enhanced header.
    const isPpp =
      (type === GRE_TYPE.PPP && (fv & GRE_VERSION) !== 0) || type === GRE_TYPE.CDMA2000_3GPP2 || type === GRE_TYPE.CDMA2000_A10_UBS;
    let isWccp2 = false;
    if (type === GRE_TYPE.WCCP) {
      // WCCPv2 adds a 4-byte redirect header under the same type; a payload starting like IPv4 means WCCPv1.
      if (avail < 5) {
        greTruncatedNoItem(pinfo, offset + 4);
        return avail;
      }
      isWccp2 = (data[offset + 4]! & 0xf0) !== 0x40;
    }
    const label = tree.detailed || tree.wants(greFields[""])
      ? `Generic Routing Encapsulation (${name ?? `${hex4Upper(type)} - unknown`})`
      : undefined;
    tree.open(greFields[""], offset, avail, null, label);
    addFlags(pinfo, offset, fv, isPpp);
    tree.add(greFields.proto, offset + 2, 2, type);
    let o = offset + 4;
    if (fv & (GRE_CHECKSUM | GRE_ROUTING)) {
      // RFC 1701 §2.1: Checksum and Offset are both present if either C or R is set.
      if (o + 2 > end) return stopAt(pinfo, o, avail);
      addChecksum(pinfo, data, offset, o, end, fv, repLen);
      if (o + 4 > end) return stopAt(pinfo, o + 2, avail);
      tree.add(greFields.offset, o + 2, 2, u16(data, o + 2));
      o += 4;
    }
    if (fv & GRE_KEY) {
      if (isPpp && type !== GRE_TYPE.CDMA2000_A10_UBS) {
        // RFC 2637 §4.1: PPTP splits the key into the payload length and the peer's call ID.
        if (o + 2 > end) return stopAt(pinfo, o, avail);
        tree.add(greFields["key.payload_length"], o, 2, u16(data, o));
        if (o + 4 > end) return stopAt(pinfo, o + 2, avail);
        tree.add(greFields["key.call_id"], o + 2, 2, u16(data, o + 2));
      } else {
        // RFC 2890 §2.1: a 32-bit key identifying the flow (the tunnel key of Cisco "tunnel key N").
        if (o + 4 > end) return stopAt(pinfo, o, avail);
        tree.add(greFields.key, o, 4, u32(data, o));
      }
      o += 4;
    }
    if (fv & GRE_SEQUENCE) {
      // RFC 2890 §2.2: per-key sequence number.
      if (o + 4 > end) return stopAt(pinfo, o, avail);
      tree.add(greFields.sequence_number, o, 4, u32(data, o));
      o += 4;
    }
    if (isPpp && fv & GRE_ACK) {
      // RFC 2637 §4.1: highest sequence number the sender has received.
      if (o + 4 > end) return stopAt(pinfo, o, avail);
      tree.add(greFields.ack_number, o, 4, u32(data, o));
      o += 4;
    }
    if (fv & GRE_ROUTING) o = addRouting(data, o, end, pinfo);
    if (o >= 0 && isWccp2) o = addWccpRedirect(data, o, end, pinfo);
    if (o >= 0 && type === GRE_TYPE.CDMA2000_3GPP2) o = add3gpp2Attributes(data, o, end, pinfo);
    if (o < 0) return avail;
    return payload(data, offset, o, end, pinfo, fv, type, repLen);
  },
};

/** The header runs past the captured bytes at `at`: close the item, mark the packet, consume everything. */
function stopAt(pinfo: PacketInfo, at: number, avail: number): number {
  greTruncated(pinfo, at);
  return avail;
}

/** The fixed header itself is cut short: only the malformed mark, as tshark shows it. */
function greTruncatedNoItem(pinfo: PacketInfo, at: number): void {
  markMalformed(pinfo, "GRE", at, "GRE header truncated");
}

/**
 * Closes the GRE item over its header [offset, hdrEnd) and hands the rest to
 * the protocol type's dissector, or shows it as data inside the GRE item.
 */
function payload(data: Uint8Array, offset: number, hdrEnd: number, end: number, pinfo: PacketInfo, fv: number, type: number, repLen: number): number {
  const tree = pinfo.tree;
  const hdrLen = hdrEnd - offset;
  // Without the S bit, a header with nothing after it stands alone (a returned keepalive). With S set the
  // payload's dissector is called even on no bytes, and IPv4 then reports it malformed (Wireshark's behaviour).
  if ((fv & GRE_SEQUENCE) === 0 && repLen - hdrLen <= 0) {
    tree.close(hdrLen);
    return end - offset;
  }
  // Wireshark also raises pinfo->flags.in_gre_pkt here; only ICMP's optional strict conversation
  // tracking (off by default) reads it, so nothing follows from it with tshark's defaults.
  const d = greTypeDissector(type);
  if (!d) {
    dissectData(data, hdrEnd, end, pinfo);
    tree.close(hdrLen);
    return end - offset;
  }
  tree.close(hdrLen);
  if (!callGreType(d, data, hdrEnd, end, pinfo)) dissectData(data, hdrEnd, end, pinfo);
  return end - offset;
}

register("ip.proto", IP_PROTO_GRE, gre);
register("udp.port", GRE_IN_UDP_PORT, gre);
