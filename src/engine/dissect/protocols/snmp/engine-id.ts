/**
 * SnmpEngineID (RFC 3411 §5, and the older RFC 1910 AgentID): the subtree
 * under msgAuthoritativeEngineID and contextEngineID. The first bit says
 * which of the two the ID follows; the next 31 bits are an IANA private
 * enterprise number; RFC 3411 IDs then carry a format octet and data.
 */
import type { ProtoTree } from "../../tree";
import { bitPattern, u32 } from "../../common";
import { ipv6ToString, etherToString, formatUtcDate } from "../../format";
import { ENGINE_ID_FORMATS, snmpFields as F } from "./fields";

/**
 * The few private enterprise numbers worth a name here (IANA's registry has
 * tens of thousands; tshark names them all from its copy).
 */
const ENTERPRISES = new Map<number, string>([
  [9, "ciscoSystems"],
  [311, "Microsoft"],
  [2021, "UCD-SNMP"],
  [2636, "Juniper Networks, Inc."],
  [8072, "net-snmp"],
]);

const NET_SNMP_RANDOM = 128;

export function dissectEngineId(tree: ProtoTree, d: Uint8Array, offset: number, length: number): void {
  if (length < 1) return;
  const conformance = d[offset]! >> 7;
  tree.add(F["engineid.conform"], offset, 1, conformance === 1, 0, tree.detailed ? `${bitPattern(d[offset]!, 0x80, 8)} = Engine ID Conformance: ${conformance ? "RFC3411 (SNMPv3)" : "RFC1910 (Non-SNMPv3)"}` : undefined);
  if (length < 4) return;
  let enterprise = u32(d, offset);
  if (conformance) enterprise -= 0x80000000;
  const name = ENTERPRISES.get(enterprise);
  tree.add(F["engineid.enterprise"], offset, 4, enterprise, 0, tree.detailed ? `Engine Enterprise ID: ${name ? `${name} (${enterprise})` : enterprise}` : undefined);
  let o = offset + 4;
  let left = length - 4;
  if (!conformance) {
    // RFC 1910: a 12-byte AgentID, the enterprise then an 8-byte trailer.
    if (left === 8) tree.add(F.agentid_trailer, o, 8, d.subarray(o, o + 8));
    return;
  }
  if (left < 1) return;
  const format = d[o]!;
  const formatName = ENGINE_ID_FORMATS.get(format) ?? "Reserved/Enterprise-specific";
  const netSnmp = format === NET_SNMP_RANDOM && (enterprise === 2021 || enterprise === 8072);
  const suffix = netSnmp ? (enterprise === 2021 ? ": UCD-SNMP Random" : ": Net-SNMP Random") : "";
  tree.add(F["engineid.format"], o, 1, format, 0, tree.detailed ? `Engine ID Format: ${formatName} (${format})${suffix}` : undefined);
  o++;
  left--;
  switch (format) {
    case 1:
      if (left === 4) tree.add(F["engineid.ipv4"], o, 4, u32(d, o));
      return;
    case 2:
      if (left === 16) tree.add(F["engineid.ipv6"], o, 16, d.subarray(o, o + 16), 0, tree.detailed ? `Engine ID Data: IPv6 address: ${ipv6ToString(d.subarray(o, o + 16))}` : undefined);
      return;
    case 3:
      // Cisco puts an agent/manager octet before the MAC address.
      if (enterprise === 9 && left === 7) {
        tree.add(F["engineid.cisco.type"], o, 1, d[o]!);
        o++;
        left--;
      }
      if (left === 6) tree.add(F["engineid.mac"], o, 6, d.subarray(o, o + 6), 0, tree.detailed ? `Engine ID Data: MAC address: ${etherToString(d.subarray(o, o + 6))}` : undefined);
      return;
    case 4:
      if (left <= 27) tree.add(F["engineid.text"], o, left, String.fromCharCode(...d.subarray(o, o + left)));
      return;
    case NET_SNMP_RANDOM:
      if (netSnmp) {
        // Net-SNMP: 4 random octets, then the creation time in seconds, little-endian (4 or 8 octets).
        if (left === 8 || left === 12) {
          tree.add(F["engineid.data"], o, 4, d.subarray(o, o + 4), 0, tree.detailed ? `Engine ID Data: ${hex(d, o, 4)}` : undefined);
          const t = o + 4;
          const secs = left === 8 ? (d[t]! | (d[t + 1]! << 8) | (d[t + 2]! << 16) | (d[t + 3]! << 24)) >>> 0 : Number(new DataView(d.buffer, d.byteOffset + t, 8).getBigInt64(0, true));
          tree.add(F["engineid.time"], t, left - 4, [secs, 0], 0, tree.detailed ? `Engine ID Data: Creation Time: ${formatUtcDate(secs, 0).replace(/\.\d+$/, "")} UTC` : undefined);
        }
        return;
      }
      break;
  }
  if (left <= 27) tree.add(F["engineid.data"], o, left, d.subarray(o, o + left), 0, tree.detailed ? `Engine ID Data: ${hex(d, o, left)}` : undefined);
}

function hex(d: Uint8Array, o: number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += d[o + i]!.toString(16).padStart(2, "0");
  return s;
}
