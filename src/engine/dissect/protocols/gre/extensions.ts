/**
 * The variable parts of a GRE header after the fixed fields: RFC 1701 source
 * routing entries, the WCCPv2 redirect header and the 3GPP2 attribute list.
 * Each reads from `o` within [o, end) and returns the offset after it, or -1
 * when the header runs past the captured bytes (the GRE item is then closed
 * and the packet marked malformed, as Wireshark's bounds exception would).
 */
import { bitPattern, markMalformed, u16, view } from "../../common";
import type { FieldDef } from "../../field";
import type { PacketInfo } from "../../packet-info";
import { textField } from "../ipv4";
import { ATTRIB_3GPP2_NAMES, greFields } from "./fields";

/**
 * The GRE header stops at `at`: closes `depth` open subtrees plus the GRE
 * item, then marks the packet. Returns -1 for the callers to pass on.
 */
export function greTruncated(pinfo: PacketInfo, at: number, depth = 0): -1 {
  for (let i = 0; i <= depth; i++) pinfo.tree.close();
  markMalformed(pinfo, "GRE", at, "GRE header truncated");
  return -1;
}

/**
 * RFC 1701 §2.1 Routing: Source Route Entries (address family 2, SRE
 * offset 1, SRE length 1, routing information) until the NULL entry
 * (family 0, length 0). Wireshark adds each entry's fields beside its
 * "Routing" item rather than under it; so do we, for the same tree.
 */
export function addRouting(data: Uint8Array, o: number, end: number, pinfo: PacketInfo): number {
  const tree = pinfo.tree;
  for (;;) {
    // The entry's whole length once known, but never past the captured bytes (as Wireshark clamps it).
    tree.add(greFields.routing, o, o + 4 <= end ? Math.min(4 + data[o + 3]!, end - o) : end - o, null);
    if (o + 2 > end) return greTruncated(pinfo, o);
    const af = u16(data, o);
    tree.add(greFields["routing.address_family"], o, 2, af);
    if (o + 3 > end) return greTruncated(pinfo, o + 2);
    tree.add(greFields["routing.sre_offset"], o + 2, 1, data[o + 2]!);
    if (o + 4 > end) return greTruncated(pinfo, o + 3);
    const len = data[o + 3]!;
    tree.add(greFields["routing.src_length"], o + 3, 1, len);
    o += 4;
    if (af === 0 && len === 0) return o;
    if (o + len > end) return greTruncated(pinfo, o);
    tree.add(greFields["routing.information"], o, len, view(tree, greFields["routing.information"], data, o, o + len));
    o += len;
  }
}

/** A flag of one byte `byte`, with its bit pattern in the details pane. */
function addBits(pinfo: PacketInfo, f: FieldDef, o: number, byte: number): void {
  const tree = pinfo.tree;
  const on = (byte & f.bitmask!) !== 0;
  tree.add(f, o, 1, on, 0, tree.detailed ? `${bitPattern(byte, f.bitmask!, 8)} = ${f.name}: ${f.tfs![on ? 0 : 1]}` : undefined);
}

/**
 * WCCPv2 redirect header (draft-wilson-wrec-wccp-v2 §4.12), 4 bytes after
 * the GRE header of type 0x883e when the payload does not start like IPv4:
 * flags (D, A, U bits), service ID, alternative and primary bucket.
 */
export function addWccpRedirect(data: Uint8Array, o: number, end: number, pinfo: PacketInfo): number {
  if (o + 4 > end) return greTruncated(pinfo, o);
  const tree = pinfo.tree;
  const b = data[o]!;
  tree.open(greFields["wccp.redirect_header"], o, 4);
  addBits(pinfo, greFields["wccp.dynamic_service"], o, b);
  addBits(pinfo, greFields["wccp.alternative_bucket_used"], o, b);
  addBits(pinfo, greFields["wccp.redirect_header_valid"], o, b);
  tree.add(greFields["wccp.service_id"], o + 1, 1, data[o + 1]!);
  tree.add(greFields["wccp.alternative_bucket"], o + 2, 1, data[o + 2]!);
  tree.add(greFields["wccp.primary_bucket"], o + 3, 1, data[o + 3]!);
  tree.close();
  return o + 4;
}

/** Big-endian value of an attribute of 1 to 4 bytes (Wireshark reads a masked field over the item's length). */
function readN(data: Uint8Array, o: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n && i < 4; i++) v = v * 256 + data[o + i]!;
  return v;
}

/** A 16-bit-masked flag read over an attribute's `len` bytes (value `v`), labelled "1... .... .... .... = Name: text". */
function addBits16(pinfo: PacketInfo, f: FieldDef, o: number, len: number, v: number): void {
  const tree = pinfo.tree;
  const on = (v & f.bitmask!) !== 0;
  tree.add(f, o, len, on, 0, tree.detailed ? `${bitPattern(v, f.bitmask!, 16)} = ${f.name}: ${f.tfs![on ? 0 : 1]}` : undefined);
}

const ATTR_SDI = 1;
const ATTR_FLOW_CONTROL = 2;
const ATTR_FLOW_DISCRIMINATOR = 3;
const ATTR_SEGMENTATION = 4;
const SEG_NAMES = ["Packet Started", "Packet continued", "Packet Ended"];

/**
 * 3GPP2 A.S0012-C §2.6.1 GRE attributes (type 0x88d2, CDMA2000 A10): a
 * list of type(1, high bit = last attribute), length(1), value. The masked
 * fields are read over the attribute's own length, as Wireshark does, so a
 * 1-byte value shows the 16-bit masks' bits as clear.
 */
export function add3gpp2Attributes(data: Uint8Array, o: number, end: number, pinfo: PacketInfo): number {
  const tree = pinfo.tree;
  const start = o;
  tree.open(greFields["3gpp2_attrib"], o, 0);
  let last = false;
  while (!last) {
    if (o + 2 > end) return greTruncated(pinfo, o, 1);
    const idByte = data[o]!;
    const len = data[o + 1]!;
    const id = idByte & 0x7f;
    const name = ATTRIB_3GPP2_NAMES.get(id) ?? `${id} (Unknown)`;
    // Wireshark's item for the attribute spans type, length and value: one cut short stops before its fields.
    if (o + 2 + len > end) return greTruncated(pinfo, o, 1);
    tree.open(textField, o, len + 2, null, tree.detailed ? name : undefined);
    tree.add(greFields["3gpp2_attrib_id"], o, 1, id, 0, tree.detailed ? `${bitPattern(idByte, 0x7f, 8)} = Type: ${name} (0x${id.toString(16).padStart(2, "0")})` : undefined);
    tree.add(greFields["3gpp2_attrib_length"], o + 1, 1, len);
    o += 2;
    last = (idByte & 0x80) !== 0;
    if (id >= ATTR_SDI && id <= ATTR_SEGMENTATION) {
      // A zero-length value still has its first byte read (for the summary text).
      if (o + 1 > end) return greTruncated(pinfo, o, 2);
      const first = data[o]!;
      const v = readN(data, o, len);
      let text = "";
      if (id === ATTR_FLOW_DISCRIMINATOR) {
        tree.add(greFields.ggp2_flow_disc, o, len, view(tree, greFields.ggp2_flow_disc, data, o, o + len));
        text = ` - 0x${first.toString(16)}`;
      } else if (id === ATTR_SDI) {
        addBits16(pinfo, greFields["3gpp2_sdi"], o, len, v);
        text = ` - ${first & 0x80 ? "Packet suitable for 1x SDB or HRPD DOS transmission" : "Reserved"}`;
      } else if (id === ATTR_SEGMENTATION) {
        const seg = (v & 0xc000) >>> 14;
        const label = tree.detailed ? `${bitPattern(v, 0xc000, 16)} = Type: ${SEG_NAMES[seg] ?? "Unknown"} (0x${seg.toString(16)})` : undefined;
        tree.add(greFields.ggp2_3gpp2_seg, o, len, seg, 0, label);
        text = ` - ${SEG_NAMES[first >> 6] ?? `0x0${first >> 6} - Unknown`}`;
      } else if (id === ATTR_FLOW_CONTROL) {
        // The summary reads "XON" for a set bit although the field's own true text is "XOFF": kept as tshark shows it.
        addBits16(pinfo, greFields["3gpp2_fci"], o, len, v);
        addBits16(pinfo, greFields["3gpp2_di"], o, len, v);
        text = ` - ${first & 0x80 ? "XON" : "XOFF"}/${first & 0x40 ? "INDEFINITE" : "TEMPORARY"}`;
      }
      if (tree.detailed) tree.setLabel(name + text);
    }
    tree.close();
    o += len;
  }
  tree.close(o - start);
  return o;
}
