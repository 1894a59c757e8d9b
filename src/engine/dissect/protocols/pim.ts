/**
 * PIM version 2 (RFC 7761; IP protocol 103) as Wireshark 4.0's packet-pim.c
 * shows its header and Hello messages:
 *
 *   +0 version (4 bits) | type (4 bits)  +1 reserved (1)  +2 checksum (2)  +4 message
 *   Hello: options, each type (2), length (2), value
 *
 * Protocol is "PIMv2", Info the message type's name. The checksum covers the
 * whole message (only the 8-byte header for Register), with the RFC 8200
 * pseudo-header over IPv6. Messages other than Hello are shown to their
 * header only: their bodies (Join/Prune, Bootstrap, Assert...) are not
 * decoded yet.
 */
import { defineField, defineFields } from "../field";
import { register } from "../dissector";
import { bitsLabel, enterLayer, expert, markMalformed, reportedEnd, u16, u32 } from "../common";
import type { PacketInfo } from "../packet-info";
import { GENERATED } from "../tree";
import { CHECKSUM_STATUS } from "./ipv4";
import { checksumShouldBe, finishChecksum, onesSum } from "./icmp/checksum";

const IP_PROTO_PIM = 103;
const TYPE_HELLO = 0;
const TYPE_REGISTER = 1;

const TYPE_NAMES: Record<number, string> = {
  0: "Hello",
  1: "Register",
  2: "Register-stop",
  3: "Join/Prune",
  4: "Bootstrap",
  5: "Assert",
  6: "Graft",
  7: "Graft-Ack",
  8: "Candidate-RP-Advertisement",
  9: "State-Refresh",
  10: "DF election",
  11: "ECMP redirect",
  12: "PFM source discovery",
};

/** Hello option types (IANA "PIM-Hello Options"), as pim_opt_vals. */
const OPTION_NAMES: Record<number, string> = {
  1: "Hold Time",
  2: "LAN Prune Delay",
  17: "Label Parameters",
  18: "Deprecated",
  19: "DR Priority",
  20: "Generation ID",
  21: "State-Refresh",
  22: "Bidirectional Capable",
  23: "VCI Capability",
  24: "Address List",
  25: "Neighbor List TLV",
  26: "Join Attribute",
  27: "PIM-over-TCP-Capable",
  28: "PIM-over-SCTP-Capable",
  29: "Pop-Count",
  30: "PIM MT-ID",
  31: "Interface ID",
  32: "PIM ECMP Redirect Hello Option",
  33: "vPC Peer ID",
  34: "DR Load Balancing Capability",
  35: "DR Load Balancing List",
  36: "Hierarchical Join/Prune Attribute",
  65001: "Address list, old implementation",
  65004: "RPF Proxy Vector (Cisco proprietary)",
};

export const pimFields = defineFields("pim", {
  "": { name: "Protocol Independent Multicast", type: "protocol" },
  version: { name: "Version", type: "uint8", bitmask: 0xf0, bitWidth: 8 },
  type: { name: "Type", type: "uint8", vals: TYPE_NAMES, bitmask: 0x0f, bitWidth: 8 },
  res_bytes: { name: "Reserved byte(s)", type: "bytes" },
  cksum: { name: "Checksum", type: "uint16", base: "hex" },
  "cksum.status": { name: "Checksum Status", type: "uint8", base: "none", vals: CHECKSUM_STATUS },
  option: { name: "PIM Options", type: "none" },
  optiontype: { name: "Type", type: "uint16" },
  optionlength: { name: "Length", type: "uint16" },
  optionvalue: { name: "Unknown", type: "bytes" },
  holdtime: { name: "Holdtime", type: "uint16" },
  t: { name: "T", type: "boolean", bitmask: 0x80, bitWidth: 8 },
  propagation_delay: { name: "Propagation Delay", type: "uint16", bitmask: 0x7fff, bitWidth: 16, unit: " ms" },
  override_interval: { name: "Override Interval", type: "uint16", unit: " ms" },
  dr_priority: { name: "DR Priority", type: "uint32" },
  generation_id: { name: "Generation ID", type: "uint32" },
  state_refresh_version: { name: "Version", type: "uint8" },
  state_refresh_interval: { name: "Interval", type: "uint8" },
  state_refresh_reserved: { name: "Reserved", type: "uint16" },
});
const F = pimFields;
const textField = defineField("_ws.text", { name: "Text item", type: "none" });

/** Hold time values with a meaning of their own (unique_infinity_t). */
const HOLDTIME_NAMES: Record<number, string> = { 0: "goodbye", 0xffff: "Infinity" };

function hex4(v: number): string {
  return `0x${v.toString(16).padStart(4, "0")}`;
}

/** Verifies the checksum over [start, start + len), with the IPv6 pseudo-header when IPv6 carries PIM. */
function addChecksum(pinfo: PacketInfo, data: Uint8Array, start: number, len: number, end: number): void {
  const tree = pinfo.tree;
  const received = u16(data, start + 2);
  const carrier = pinfo.ipCarrier;
  if (carrier.fragmented || start + len > end || reportedEnd(data, end, pinfo) - start < len) {
    tree.add(F.cksum, start + 2, 2, received);
    return;
  }
  let sum = 0;
  if (carrier.version === 6) {
    const src = pinfo.srcAddr;
    const dst = pinfo.dstAddr;
    if (src && dst) sum = onesSum(dst, 0, dst.length, onesSum(src, 0, src.length)) + (len >>> 16) + (len & 0xffff) + IP_PROTO_PIM;
  }
  const computed = finishChecksum(onesSum(data, start, start + len, sum));
  if (computed === 0) {
    tree.add(F.cksum, start + 2, 2, received, 0, tree.detailed ? `Checksum: ${hex4(received)} [correct]` : undefined);
    tree.add(F["cksum.status"], start + 2, 0, 1, GENERATED, tree.detailed ? "Checksum Status: Good" : undefined);
    return;
  }
  const should = checksumShouldBe(received, computed);
  tree.add(F.cksum, start + 2, 2, received, 0, tree.detailed ? `Checksum: ${hex4(received)} incorrect, should be ${hex4(should)}` : undefined);
  tree.add(F["cksum.status"], start + 2, 0, 0, GENERATED, tree.detailed ? "Checksum Status: Bad" : undefined);
  expert(pinfo, start + 2, 2, "warn", `Bad checksum [should be ${hex4(should)}]`, "Checksum", "PIM");
}

/** One Hello option's value items; returns the text Wireshark appends to the option's line. */
function helloOption(pinfo: PacketInfo, data: Uint8Array, type: number, v: number, len: number): string {
  const tree = pinfo.tree;
  switch (type) {
    case 1: {
      const hold = u16(data, v);
      tree.add(F.holdtime, v, 2, hold);
      return `: ${hold}${HOLDTIME_NAMES[hold] ? ` (${HOLDTIME_NAMES[hold]})` : ""}`;
    }
    case 2: {
      const t = (data[v]! & 0x80) !== 0;
      const delay = u16(data, v) & 0x7fff;
      const override = u16(data, v + 2);
      tree.add(F.t, v, 1, t);
      tree.add(F.propagation_delay, v, 2, delay);
      tree.add(F.override_interval, v + 2, 2, override);
      return `: T = ${t ? 1 : 0}, Propagation Delay = ${delay}ms, Override Interval = ${override}ms`;
    }
    case 19:
    case 20: {
      const value = u32(data, v);
      tree.add(type === 19 ? F.dr_priority : F.generation_id, v, 4, value);
      return `: ${value}`;
    }
    case 21:
      tree.add(F.state_refresh_version, v, 1, data[v]!);
      tree.add(F.state_refresh_interval, v + 1, 1, data[v + 1]!);
      tree.add(F.state_refresh_reserved, v + 2, 2, u16(data, v + 2));
      return `: Version = ${data[v]}, Interval = ${data[v + 1]}s`;
    default:
      if (len) tree.add(F.optionvalue, v, len, data.subarray(v, v + len));
      return "";
  }
}

/** Minimum value length of the options helloOption reads fixed fields from. */
const FIXED_LENGTH: Record<number, number> = { 1: 2, 2: 4, 19: 4, 20: 4, 21: 4 };

function dissectHello(pinfo: PacketInfo, data: Uint8Array, o: number, end: number): boolean {
  const tree = pinfo.tree;
  let count = 0;
  while (end - o >= 2) {
    if (end - o < 4) return false;
    const type = u16(data, o);
    const len = u16(data, o + 2);
    count++;
    const name = OPTION_NAMES[type] ?? `Unknown: ${type}`;
    tree.open(textField, o, Math.min(4 + len, end - o), null, tree.detailed ? `Option ${type}: ${name}` : undefined);
    tree.add(F.optiontype, o, 2, type);
    tree.add(F.optionlength, o + 2, 2, len);
    if (o + 4 + Math.max(len, FIXED_LENGTH[type] ?? 0) > end) {
      tree.close();
      return false;
    }
    const text = helloOption(pinfo, data, type, o + 4, len);
    if (tree.detailed) tree.setLabel(`Option ${type}: ${name}${text}`);
    tree.close();
    o += 4 + len;
  }
  if (tree.detailed) tree.setLabel(`PIM Options: ${count}`);
  return true;
}

export const pim = {
  name: "pim",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "pim");
    const first = data[offset]!;
    const version = first >> 4;
    const type = first & 0x0f;
    pinfo.protocol = `PIMv${version}`;
    if (pinfo.wantColumns) pinfo.info = version === 2 ? (TYPE_NAMES[type] ?? `Unknown (${type})`) : "Unknown";
    tree.open(F[""], offset, end - offset);
    tree.add(F.version, offset, 1, version, 0, tree.detailed ? bitsLabel(first, 0xf0, 8, `Version: ${version}`) : undefined);
    tree.add(F.type, offset, 1, type, 0, tree.detailed ? bitsLabel(first, 0x0f, 8, `Type: ${TYPE_NAMES[type] ?? "Unknown"} (${type})`) : undefined);
    if (end - offset < 4) {
      tree.close();
      markMalformed(pinfo, "PIM", end, "message cut short");
      return end - offset;
    }
    tree.add(F.res_bytes, offset + 1, 1, tree.wants(F.res_bytes) ? data.subarray(offset + 1, offset + 2) : null);
    if (version !== 2) {
      tree.add(F.cksum, offset + 2, 2, u16(data, offset + 2));
      tree.close();
      return end - offset;
    }
    const repLen = reportedEnd(data, end, pinfo) - offset;
    addChecksum(pinfo, data, offset, type === TYPE_REGISTER ? 8 : repLen, end);
    const body = offset + 4;
    if (body < end) {
      tree.open(F.option, body, end - body, null, tree.detailed ? "PIM Options" : undefined);
      const complete = type !== TYPE_HELLO || dissectHello(pinfo, data, body, end);
      tree.close();
      if (!complete) markMalformed(pinfo, "PIM", end, "message cut short");
    }
    tree.close();
    return end - offset;
  },
};

register("ip.proto", IP_PROTO_PIM, pim);
