/**
 * The state of one DHCPv6 dissection and the bounds-checked helpers the
 * option decoders share.
 *
 * Offsets are absolute positions in the frame's data. Two ends matter, as in
 * Wireshark: `rend`, where the UDP payload ends on the wire, bounds the
 * option walk (RFC 8415 §21.1 lengths are checked against it), while `end`,
 * where the captured bytes stop, bounds every read. A read past `end`
 * throws the `Truncated` sentinel from ../../bytes.ts; the dissector catches it and
 * marks the packet malformed (or "packet size limited" when the snap length
 * cut it), which is where tshark's bounds exceptions stop it too.
 *
 * Items whose value the dissector computes (an IAID in hex, a lifetime shown
 * as "infinity") are added without a bounds check, as tshark adds them; items
 * read from the packet check that their bytes exist first.
 */
import type { FieldDef, FieldValue } from "../../field";
import { bytesToHex, etherToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { NULL_TREE, type ProtoTree, type Severity } from "../../tree";
import { MISSING, bitsLabel, expertField } from "../../common";
import type { ExpertGroup } from "../../expert-info";
import { TEXT } from "../dns";
import { asciiString, ensure, g8, g16, g24, g32 } from "../../bytes";
import { formatText } from "../../format-text";

const utf8 = new TextDecoder("utf-8");
const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

/** Wireshark's bytes_to_str: bare hex of at most 36 bytes, then an ellipsis. */
export function hexShort(b: Uint8Array, o: number, len: number): string {
  const n = Math.min(len, 36);
  return bytesToHex(b.subarray(o, o + n)) + (len > 36 ? "\u2026" : "");
}

/** A string value as the details pane shows it (format_text: escapes for control characters). */
export function shown(s: string): string {
  const b = encoder.encode(s);
  return formatText(b, 0, b.length);
}

/** Wireshark's ITEM_LABEL_LENGTH: a label holds at most 239 bytes. */
const LABEL_MAX = 239;

/**
 * A label as tshark stores it: one that does not fit gets " [truncated]"
 * inserted after the field name (`namePos` characters; 0 for a label the
 * dissector wrote whole) and loses its end, from the last character that
 * starts before byte 239 on.
 */
export function fitLabel(label: string, namePos = 0): string {
  if (encoder.encode(label).length <= LABEL_MAX) return label;
  const b = encoder.encode(`${label.slice(0, namePos)} [truncated]${label.slice(namePos)}`);
  // The cut falls on the start of the character before byte 239.
  let n = LABEL_MAX - 1;
  while (n > 0 && (b[n]! & 0xc0) === 0x80) n--;
  return utf8.decode(b.subarray(0, n));
}

/**
 * Thrown when an item would nest deeper than tshark's tree allows (500
 * levels, its gui_max_tree_depth): tshark stops the dissection there with a
 * "dissector bug" note naming the item, and so do we.
 */
/** packet-dhcpv6.c's items outside PI_PROTOCOL. */
const DHCPV6_GROUPS: Record<string, ExpertGroup> = {
  "dhcpv6.malformed_option": "Malformed",
  "dhcpv6.expert.domain_field_length_exceeded": "Malformed",
  "dhcpv6.expert.encoded_fqdn_gt_255": "Malformed",
  "dhcpv6.bulk_leasequery.bad_query_type": "Malformed",
  "dhcpv6.expert.tld_lookup": "Comment",
};

export class TooDeep {
  constructor(readonly field: FieldDef) {}
  get message(): string {
    return `Maximum tree depth 500 exceeded for "${this.field.name}" - "${this.field.abbrev}" (proto_tree_add_node:5972) (Maximum depth can be increased in advanced preferences)`;
  }
}

/**
 * Open items (the DHCPv6 item included) beyond which a first child no longer
 * fits under tshark's limit: with the tree root and the item itself, the
 * child would be the 501st level.
 */
const DEPTH_LIMIT = 499;

export class Ctx {
  d: Uint8Array = EMPTY;
  /** End of the captured bytes of the UDP payload. */
  end = 0;
  /** End of the UDP payload on the wire (≥ end). */
  rend = 0;
  pinfo: PacketInfo = null as unknown as PacketInfo;
  tree: ProtoTree = NULL_TREE;
  detailed = false;
  /** Whether the Info column is written (not inside an ICMP error, and wanted). */
  cols = false;
  /** Subtrees opened and not yet closed: an exception closes them before the malformed mark. */
  openCount = 0;
  /** Whether the innermost open item has no child yet (tshark checks the depth on a first child). */
  private empty = false;

  start(data: Uint8Array, end: number, rend: number, pinfo: PacketInfo): void {
    this.d = data;
    this.end = end;
    this.rend = rend;
    this.pinfo = pinfo;
    this.tree = pinfo.tree;
    this.detailed = pinfo.tree.detailed;
    this.cols = pinfo.wantColumns && !pinfo.inErrorPacket;
    this.openCount = 0;
    this.empty = false;
  }

  /** Drops the references into the packet once the dissection is over. */
  finish(): void {
    this.d = EMPTY;
    this.tree = NULL_TREE;
    this.pinfo = null as unknown as PacketInfo;
  }

  u8(o: number): number {
    return g8(this.d, o, this.end);
  }
  u16(o: number): number {
    return g16(this.d, o, this.end);
  }
  u32(o: number): number {
    return g32(this.d, o, this.end);
  }
  /** tvb_ensure_bytes_exist: `len` bytes at `o` must have been captured. */
  need(o: number, len: number): void {
    ensure(o, len, this.end);
  }

  info(text: string): void {
    if (this.cols) this.pinfo.info += text;
  }

  /** Every item goes through here before it is added: the depth check. */
  private child(f: FieldDef): void {
    if (this.empty && this.openCount >= DEPTH_LIMIT) throw new TooDeep(f);
    this.empty = false;
  }

  open(f: FieldDef, o: number, len: number, value: FieldValue, label?: string): void {
    this.child(f);
    this.tree.open(f, o, len, value, label);
    this.openCount++;
    this.empty = true;
  }
  /** A text-only subtree (proto_tree_add_subtree). */
  openText(o: number, len: number, label: string): void {
    // Text items check that their bytes were captured.
    this.need(o, len);
    this.open(TEXT, o, len, null, label);
  }
  close(): void {
    this.tree.close();
    this.openCount--;
    this.empty = false;
  }
  /** Closes what an exception left open. */
  closeAll(): void {
    while (this.openCount > 0) this.close();
  }

  /** A computed value (no bounds check, as proto_tree_add_uint and friends). */
  add(f: FieldDef, o: number, len: number, value: FieldValue, label?: string): void {
    this.child(f);
    this.tree.add(f, o, len, value, 0, label);
  }

  /**
   * A computed string (proto_tree_add_string): unlike the other computed
   * values, tshark checks that the bytes it covers were captured.
   */
  str(f: FieldDef, o: number, len: number, value: string, label?: string): void {
    if (len !== 0) this.need(o, len);
    this.child(f);
    this.tree.add(f, o, len, value, 0, label);
  }
  /** The same, opening a subtree. */
  openStr(f: FieldDef, o: number, len: number, value: string, label?: string): void {
    if (len !== 0) this.need(o, len);
    this.open(f, o, len, value, label);
  }

  /** An unsigned integer item of 1–4 bytes read from the packet. */
  uint(f: FieldDef, o: number, len: 1 | 2 | 3 | 4, label?: string): number {
    const d = this.d;
    const v = len === 1 ? g8(d, o, this.end) : len === 2 ? g16(d, o, this.end) : len === 3 ? g24(d, o, this.end) : g32(d, o, this.end);
    this.child(f);
    this.tree.add(f, o, len, v, 0, label);
    return v;
  }
  /** An IPv6 address item. */
  ip6(f: FieldDef, o: number, label?: string): void {
    this.need(o, 16);
    this.child(f);
    this.tree.add(f, o, 16, this.tree.wants(f) || this.detailed ? this.d.subarray(o, o + 16) : null, 0, label);
  }
  /** An IPv4 address item. */
  ip4(f: FieldDef, o: number): void {
    const v = this.u32(o);
    this.child(f);
    this.tree.add(f, o, 4, v);
  }
  /** An FT_BYTES item; zero bytes show as tshark's "<MISSING>". */
  bytes(f: FieldDef, o: number, len: number): void {
    this.need(o, len);
    const want = this.tree.wants(f) || this.detailed;
    const value = len === 0 ? MISSING : want ? this.d.subarray(o, o + len) : null;
    const label = this.detailed ? `${f.name}: ${len === 0 ? MISSING : hexShort(this.d, o, len)}` : undefined;
    this.child(f);
    this.tree.add(f, o, len, value, 0, label);
  }
  /** An FT_STRING/FT_STRINGZ item in ASCII: bytes above 0x7f become U+FFFD, the value ends at a NUL. */
  ascii(f: FieldDef, o: number, len: number): string {
    this.need(o, len);
    const s = asciiString(this.d, o, o + len);
    this.child(f);
    this.tree.add(f, o, len, s, 0, this.detailed ? fitLabel(`${f.name}: ${shown(s)}`, f.name.length) : undefined);
    return s;
  }
  /** An FT_STRING item in UTF-8. */
  utf8(f: FieldDef, o: number, len: number): void {
    this.need(o, len);
    const s = utf8.decode(this.d.subarray(o, o + len));
    const value = s.includes("\0") ? s.slice(0, s.indexOf("\0")) : s;
    this.child(f);
    this.tree.add(f, o, len, value, 0, this.detailed ? fitLabel(`${f.name}: ${shown(value)}`, f.name.length) : undefined);
  }

  /**
   * An integer with flag bits beneath it (proto_tree_add_bitmask): the head
   * item names the flags that are set ("Flags: 0x01, Forwarding Mapping Rule").
   */
  flags(head: FieldDef, bits: readonly FieldDef[], o: number, size: 1 | 2): void {
    const v = size === 1 ? this.u8(o) : this.u16(o);
    let label: string | undefined;
    if (this.detailed) {
      label = `${head.name}: 0x${v.toString(16).padStart(size * 2, "0")}`;
      for (const b of bits) if (v & b.bitmask!) label += `, ${b.name}`;
    }
    this.open(head, o, size, v, label);
    for (const b of bits) {
      const set = (v & b.bitmask!) !== 0;
      this.add(b, o, size, set, this.detailed ? bitsLabel(v, b.bitmask!, size * 8, `${b.name}: ${b.tfs![set ? 0 : 1]}`) : undefined);
    }
    this.close();
  }

  /** An expert info with its hidden FT_NONE field (expert_add_info / proto_tree_add_expert), in the group packet-dhcpv6.c gives it. */
  expert(f: FieldDef, o: number, len: number, severity: Severity, message: string): void {
    expertField(this.pinfo, f, o, len, severity, message, DHCPV6_GROUPS[f.abbrev] ?? "Protocol", "DHCPv6");
    this.empty = false;
  }

  /**
   * tvb_arphrdaddr_to_str: an Ethernet (1) or IEEE 802 (6) hardware type with
   * six bytes reads as a MAC address, anything else as hex.
   */
  hwAddr(o: number, len: number, hwType: number): string {
    if (len === 0) return "<No address>";
    this.need(o, len);
    if ((hwType === 1 || hwType === 6) && len === 6) return etherToString(this.d.subarray(o, o + 6));
    return hexShort(this.d, o, len);
  }
}
