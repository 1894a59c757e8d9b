/**
 * The values of the CDP TLVs Wireshark 4.0 decodes (packet-cdp.c): each adds
 * its subtree (text as Wireshark words it), the type and length items, then
 * its value items. TLVs without a case here are "Type: X, length: N" with
 * their bytes as cdp.data.
 */
import { ensure, g16, g32, g8 } from "../../bytes";
import { bitsLabel } from "../../common";
import { formatText } from "../../format-text";
import { ipv4ToString, ipv6ToString } from "../../format";
import type { FieldDef } from "../../field";
import type { PacketInfo } from "../../packet-info";
import { CAPABILITY_BITS, cdpFields as F, TLV, TLV_NAMES, textField } from "./fields";

/** tvb_format_stringzpad: the text up to the first NUL, escaped as format_text does. */
export function stringzpad(data: Uint8Array, start: number, end: number): string {
  let stop = start;
  while (stop < end && data[stop] !== 0) stop++;
  return formatText(data, start, stop);
}

/** A string value's text for the tree and -T fields (ENC_ASCII: up to a NUL). */
function str(data: Uint8Array, start: number, end: number): string {
  return stringzpad(data, start, end);
}

/** Opens the TLV's subtree with its type and length items (the caller has read both). */
function header(pinfo: PacketInfo, o: number, type: number, length: number, end: number, label: string | undefined): void {
  const tree = pinfo.tree;
  tree.open(textField, o, Math.min(length, end - o), null, label);
  tree.add(F["tlv.type"], o, 2, type);
  tree.add(F["tlv.len"], o + 2, 2, length);
}

/** A string item over [o, stop): its text up to a NUL. */
function addString(pinfo: PacketInfo, f: FieldDef, data: Uint8Array, o: number, stop: number): void {
  pinfo.tree.add(f, o, stop - o, str(data, o, stop));
}

/** One address of an Addresses or Management Address TLV; returns its length, or -1 when it runs out. */
function addAddress(pinfo: PacketInfo, data: Uint8Array, o: number, left: number, end: number): number {
  const tree = pinfo.tree;
  const start = o;
  if (left < 1) return -1;
  tree.open(textField, o, Math.min(left, end - o), null, "Truncated address");
  const protoType = g8(data, o, end);
  tree.add(F.protocol_type, o, 1, protoType);
  if (left < 2) return closeWith(tree, -1);
  const protoLen = g8(data, o + 1, end);
  tree.add(F.protocol_length, o + 1, 1, protoLen);
  o += 2;
  left -= 2;
  if (left < protoLen) return closeWith(tree, -1);
  ensure(o, protoLen, end);
  // NLPID 0xcc is IP; an 802.2 SNAP header AA-AA-03 00-00-00 with EtherType 0x86dd is IPv6.
  const nlpidIp = protoType === 1 && protoLen === 1 && data[o] === 0xcc;
  const snap = protoType === 2 && protoLen === 8 && data[o] === 0xaa && data[o + 1] === 0xaa && data[o + 2] === 0x03 && data[o + 3] === 0 && data[o + 4] === 0 && data[o + 5] === 0;
  const etype = snap ? (data[o + 6]! << 8) | data[o + 7]! : 0;
  tree.add(F.protocol, o, protoLen, data.subarray(o, o + protoLen));
  o += protoLen;
  left -= protoLen;
  if (left < 2) return closeWith(tree, -1);
  const addrLen = g16(data, o, end);
  tree.add(F.address_length, o, 2, addrLen);
  o += 2;
  left -= 2;
  if (left < addrLen) return closeWith(tree, -1);
  ensure(o, addrLen, end);
  if (nlpidIp && addrLen === 4) {
    const ip = g32(data, o, end);
    if (tree.detailed) tree.setLabel(`IP address: ${ipv4ToString(ip)}`);
    tree.add(F["nrgyz.ip_address"], o, 4, ip);
  } else if (etype === 0x86dd && addrLen === 16) {
    const ip6 = data.subarray(o, o + 16);
    if (tree.detailed) tree.setLabel(`IPv6 address: ${ipv6ToString(ip6)}`);
    tree.add(F["nrgyz.ipv6_address"], o, 16, ip6);
  } else {
    if (tree.detailed) tree.setLabel(`Address: ${formatText(data, o, o + addrLen)}`);
    tree.add(F.address, o, addrLen, data.subarray(o, o + addrLen));
  }
  o += addrLen;
  tree.close();
  return o - start;
}

function closeWith(tree: PacketInfo["tree"], v: number): number {
  tree.close();
  return v;
}

/** Addresses and Management Address: a count, then that many addresses. */
function addAddresses(pinfo: PacketInfo, data: Uint8Array, o: number, length: number, end: number): void {
  let left = length - 4;
  let at = o + 4;
  let n = g32(data, at, end);
  pinfo.tree.add(F.number_of_addresses, at, 4, n);
  at += 4;
  left -= 4;
  for (; n !== 0; n--) {
    const used = addAddress(pinfo, data, at, left, end);
    if (used < 0) break;
    at += used;
    left -= used;
  }
}

function addCapabilities(pinfo: PacketInfo, data: Uint8Array, o: number, end: number): void {
  const tree = pinfo.tree;
  const caps = g32(data, o, end);
  tree.open(F.capabilities, o, 4, caps);
  for (const [key, name, mask] of CAPABILITY_BITS) {
    const f = F[`capabilities.${key}`];
    tree.add(f, o, 4, (caps & mask) !== 0, 0, tree.detailed ? bitsLabel(caps, mask, 32, `${name}: ${caps & mask ? "Yes" : "No"}`) : undefined);
  }
  tree.close();
}

/** add_multi_line_string_to_tree: one item per line (line ends kept in the item's bytes). */
function addLines(pinfo: PacketInfo, f: FieldDef, data: Uint8Array, o: number, end: number): void {
  while (o < end) {
    let lineEnd = o;
    while (lineEnd < end && data[lineEnd] !== 0x0a && data[lineEnd] !== 0x0d) lineEnd++;
    let next = lineEnd;
    if (next < end && data[next] === 0x0d) next++;
    if (next < end && data[next] === 0x0a) next++;
    pinfo.tree.add(f, o, next - o, stringzpad(data, o, lineEnd));
    o = next;
  }
}

/**
 * One TLV at `o` whose length field says `length` (at least 4); returns the
 * bytes it takes (Port ID may take 3 more, see below) and appends to Info.
 */
export function dissectTlv(pinfo: PacketInfo, data: Uint8Array, o: number, type: number, length: number, end: number, repEnd: number): number {
  const tree = pinfo.tree;
  const detailed = tree.detailed;
  const v = o + 4;
  const vEnd = o + length;
  // A value running past the data throws here (Wireshark's exception comes a few reads later).
  ensure(v, length - 4, end);
  switch (type) {
    case TLV.DEVICE_ID: {
      const text = stringzpad(data, v, vEnd);
      if (pinfo.wantColumns) pinfo.appendInfo(`Device ID: ${text}  `);
      header(pinfo, o, type, length, end, detailed ? `Device ID: ${text}` : undefined);
      addString(pinfo, F.deviceid, data, v, vEnd);
      break;
    }
    case TLV.PORT_ID: {
      // packet-cdp.c: when the byte after the TLV cannot start a TLV type (0x00 or 0x10),
      // some senders counted the length without the header: the TLV is taken 3 bytes longer.
      let real = length;
      if (repEnd - o >= length + 3 && o + length < end && data[o + length] !== 0x00 && data[o + length] !== 0x10) real = length + 3;
      if (pinfo.wantColumns) pinfo.appendInfo(`Port ID: ${stringzpad(data, v, vEnd)}  `);
      ensure(v, real - 4, end);
      header(pinfo, o, type, real, end, detailed ? `Port ID: ${formatText(data, v, o + real)}` : undefined);
      addString(pinfo, F.portid, data, v, o + real);
      tree.close();
      return real;
    }
    case TLV.ADDRESS:
    case TLV.MANAGEMENT_ADDR:
      header(pinfo, o, type, length, end, type === TLV.ADDRESS ? "Addresses" : "Management Addresses");
      addAddresses(pinfo, data, o, length, end);
      break;
    case TLV.CAPABILITIES:
      header(pinfo, o, type, length, end, "Capabilities");
      addCapabilities(pinfo, data, v, end);
      break;
    case TLV.IOS_VERSION:
      header(pinfo, o, type, length, end, "Software Version");
      addLines(pinfo, F.software_version, data, v, vEnd);
      break;
    case TLV.PLATFORM:
    case TLV.VTP_MGMT_DOMAIN:
    case TLV.SYSTEM_NAME: {
      const [f, title] = type === TLV.PLATFORM ? [F.platform, "Platform"] : type === TLV.SYSTEM_NAME ? [F.system_name, "System Name"] : [F.vtp_management_domain, "VTP Management Domain"];
      header(pinfo, o, type, length, end, detailed ? `${title}: ${formatText(data, v, vEnd)}` : undefined);
      addString(pinfo, f, data, v, vEnd);
      break;
    }
    case TLV.IP_PREFIX:
      if (length === 8) {
        const gw = g32(data, v, end);
        header(pinfo, o, type, length, end, detailed ? `ODR Default gateway: ${ipv4ToString(gw)}` : undefined);
        tree.add(F.odr_default_gateway, v, 4, gw);
        tree.close();
        return 8;
      }
      header(pinfo, o, type, length, end, detailed ? `IP Prefixes: ${Math.floor(length / 5)}` : undefined);
      for (let p = v; p < vEnd; p += 5) {
        const net = g32(data, p, end);
        // packet-cdp.c hands proto_tree_add_ipv4_format_value a tvb_get_ntohl value, which it takes
        // as network order: tshark's -T fields and filters see the address byte-swapped (the label is right).
        const swapped = (((net & 0xff) << 24) | ((net & 0xff00) << 8) | ((net >>> 8) & 0xff00) | (net >>> 24)) >>> 0;
        tree.add(F.ip_prefix, p, 5, swapped, 0, detailed ? `IP Prefix: ${ipv4ToString(net)}/${g8(data, p + 4, end)}` : undefined);
      }
      break;
    case TLV.NATIVE_VLAN: {
      const vlan = g16(data, v, end);
      header(pinfo, o, type, length, end, detailed ? `Native VLAN: ${vlan}` : undefined);
      tree.add(F.native_vlan, v, 2, vlan);
      break;
    }
    case TLV.DUPLEX: {
      const full = g8(data, v, end) !== 0;
      header(pinfo, o, type, length, end, detailed ? `Duplex: ${full ? "Full" : "Half"}` : undefined);
      tree.add(F.duplex, v, 1, full);
      break;
    }
    case TLV.POWER: {
      const mw = g16(data, v, end);
      header(pinfo, o, type, length, end, detailed ? `Power Consumption: ${mw} mW` : undefined);
      tree.add(F.power_consumption, v, 2, mw);
      break;
    }
    case TLV.MTU: {
      const mtu = g32(data, v, end);
      header(pinfo, o, type, length, end, detailed ? `MTU: ${mtu}` : undefined);
      tree.add(F.mtu, v, 4, mtu);
      break;
    }
    case TLV.TRUST_BITMAP:
    case TLV.UNTRUSTED_COS: {
      const b = g8(data, v, end);
      const [f, title] = type === TLV.TRUST_BITMAP ? [F.trust_bitmap, "Trust Bitmap"] : [F.untrusted_port_cos, "Untrusted port CoS"];
      header(pinfo, o, type, length, end, detailed ? `${title}: 0x${b.toString(16).toUpperCase().padStart(2, "0")}` : undefined);
      tree.add(f, v, 1, b);
      break;
    }
    default: {
      const name = TLV_NAMES.get(type) ?? `Unknown (0x${type.toString(16).padStart(4, "0")})`;
      header(pinfo, o, type, length, end, detailed ? `Type: ${name}, length: ${length}` : undefined);
      if (length > 4) {
        tree.add(F.data, v, length - 4, data.subarray(v, vEnd));
      }
    }
  }
  tree.close();
  return length;
}
