/**
 * Wireshark's default colouring rules (data/colorfilters of Wireshark 4.0,
 * "@name@filter@[bg][fg]" with 16-bit channels), evaluated once per packet in
 * the indexing pass. The first rule that matches wins; the packet index keeps
 * only its number (0 = none), so the packet list colours millions of rows
 * without re-dissecting any.
 *
 * There is no display-filter engine yet, so each rule's filter is written out
 * as a predicate over the facts the indexing pass can collect cheaply: the
 * layers of frame.protocols, a handful of fields gathered by a FieldCollector
 * and the TCP flags. Field semantics follow Wireshark: a test on an absent
 * field is false; `==`/`<` hold if any occurrence does; `!=` only if all do.
 */
import { fieldByAbbrev, type FieldDef, type FieldValue } from "../dissect/field";
import { FieldCollector } from "../dissect/tree";
import type { PacketInfo } from "../dissect/packet-info";

export interface RgbPair {
  bg: string;
  fg: string;
}

/**
 * Layers the rules test, one bit each, so "is this layer in frame.protocols"
 * costs an AND per rule instead of a search of the layer list.
 */
export const LAYER_NAMES = [
  "eth",
  "ip",
  "stp",
  "sctp",
  "arp",
  "icmp",
  "icmpv6",
  "tcp",
  "udp",
  "pim",
  "ospf",
  "vrrp",
  "carp",
  "smb",
  "nbss",
  "nbns",
  "netbios",
  "http",
  "http2",
  "dcerpc",
  "hsrp",
  "eigrp",
  "bgp",
  "cdp",
  "gvrp",
  "igmp",
  "ismp",
  "systemd_journal",
  "sysdig",
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];
const LAYER_BITS = new Map<string, number>(LAYER_NAMES.map((n, i) => [n, 1 << i]));
const L = Object.fromEntries(LAYER_NAMES.map((n, i) => [n, 1 << i])) as Record<LayerName, number>;

/** Bit mask of the rule-relevant layers among `layers`. */
export function layerMask(layers: readonly string[]): number {
  let mask = 0;
  for (const l of layers) mask |= LAYER_BITS.get(l) ?? 0;
  return mask;
}

const CHECKSUM_STATUS_FIELDS = [
  "eth.fcs.status",
  "ip.checksum.status",
  "tcp.checksum.status",
  "udp.checksum.status",
  "sctp.checksum.status",
  "mstp.checksum.status",
  "cdp.checksum.status",
  "edp.checksum.status",
  "wlan.fcs.status",
  "stt.checksum.status",
] as const;

/** Every field some rule reads; the indexing pass collects these and nothing else. */
export const COLOUR_FIELDS = [
  "tcp.analysis.flags",
  "tcp.analysis.window_update",
  "tcp.analysis.keep_alive",
  "tcp.analysis.keep_alive_ack",
  "hsrp.state",
  "stp.type",
  "ospf.msg",
  "icmp.type",
  "icmpv6.type",
  "tcp.flags.reset",
  "sctp.chunk_type",
  "ip.dst",
  "ip.ttl",
  "tcp.port",
  "tcp.srcport",
  "tcp.dstport",
  "eth.dst",
  ...CHECKSUM_STATUS_FIELDS,
] as const;
export type ColourField = (typeof COLOUR_FIELDS)[number];
/** Slot of each field in COLOUR_FIELDS (rules look values up by slot, not by name). */
const F = Object.fromEntries(COLOUR_FIELDS.map((n, i) => [n, i])) as Record<ColourField, number>;
const CHECKSUM_SLOTS = CHECKSUM_STATUS_FIELDS.map((f) => F[f]);

/** What a rule may look at for one packet. */
export interface ColourFacts {
  /** Bits (layerMask) of the rule-relevant layers in frame.protocols. */
  layers: number;
  /** Every occurrence of COLOUR_FIELDS[slot] in this packet (empty when absent). */
  values(slot: number): readonly FieldValue[];
  /** TCP flags of the packet's TCP header, -1 without TCP. */
  tcpFlags: number;
}

export interface ColourRule {
  name: string;
  /** The Wireshark filter text the predicate implements. */
  filter: string;
  light: RgbPair;
  dark: RgbPair;
  /**
   * Layer bits one of which must be present for the rule to match at all (0:
   * no such gate). Lets the common TCP/UDP packet skip most rules with one AND.
   */
  requires: number;
  matches(p: ColourFacts): boolean;
}

/** Wireshark's PROTO_CHECKSUM_E_BAD: what `*.checksum.status == "Bad"` compares with. */
const CHECKSUM_BAD = 0;

const num = (v: FieldValue): number =>
  typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : typeof v === "bigint" ? Number(v) : NaN;
// Plain loops: some/every would make a closure per call, and these run for every packet.
const anyOf = (vs: readonly FieldValue[], pred: (n: number) => boolean): boolean => {
  for (let i = 0; i < vs.length; i++) if (pred(num(vs[i]!))) return true;
  return false;
};
const allOf = (vs: readonly FieldValue[], pred: (n: number) => boolean): boolean => {
  if (vs.length === 0) return false;
  for (let i = 0; i < vs.length; i++) if (!pred(num(vs[i]!))) return false;
  return true;
};
const has = (p: ColourFacts, bits: number): boolean => (p.layers & bits) !== 0;

/** 16-bit colour channels as Wireshark stores them → "#rrggbb". */
function rgb16(r: number, g: number, b: number): string {
  const h = (c: number): string => (c >> 8).toString(16).padStart(2, "0");
  return `#${h(r)}${h(g)}${h(b)}`;
}

function parseHex(c: string): [number, number, number] {
  return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
}
function toHex([r, g, b]: readonly number[]): string {
  return (
    "#" +
    [r!, g!, b!]
      .map((x) =>
        Math.round(Math.min(255, Math.max(0, x)))
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")
  );
}
function mix(a: string, b: string, t: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  return toHex([0, 1, 2].map((i) => x[i]! + (y[i]! - x[i]!) * t));
}
/** Relative luminance (WCAG), 0..1. */
export function luminance(c: string): number {
  const lin = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = parseHex(c);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The dark-theme background rows sit on. */
export const DARK_BASE = "#1e1f22";

function toHsl(c: string): [number, number, number] {
  const [r, g, b] = parseHex(c).map((v) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h * 60, s, l];
}

function fromHsl(h: number, s: number, l: number): string {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] = h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  return toHex([(r + m) * 255, (g + m) * 255, (b + m) * 255]);
}

/**
 * Dark variant of a Wireshark rule colour: a pale background becomes a dark
 * shade of the same hue (saturation kept in part, so TCP stays violet and
 * UDP blue); already-dark ones (Bad TCP, TCP RST) stay; dark text turns pale.
 */
export function darkVariant({ bg, fg }: RgbPair): RgbPair {
  let darkBg = bg;
  if (luminance(bg) > 0.3) {
    const [h, s] = toHsl(bg);
    darkBg = fromHsl(h, Math.min(1, s) * 0.4, 0.23);
  }
  const darkFg = luminance(fg) < 0.3 ? mix(fg, "#ffffff", 0.85) : fg;
  return { bg: darkBg, fg: darkFg };
}

function rule(
  name: string,
  filter: string,
  bg: [number, number, number],
  fg: [number, number, number],
  requires: number,
  matches: (p: ColourFacts) => boolean,
): ColourRule {
  const light = { bg: rgb16(...bg), fg: rgb16(...fg) };
  return { name, filter, light, dark: darkVariant(light), requires, matches };
}

const INK: [number, number, number] = [4718, 10030, 11796];
const PALE_YELLOW: [number, number, number] = [65535, 64764, 40092];
const DARK_RED: [number, number, number] = [42148, 0, 0];

export const COLOUR_RULES: readonly ColourRule[] = [
  rule(
    "Bad TCP",
    "tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack",
    INK,
    [63479, 34695, 34695],
    L.tcp,
    (p) =>
      p.values(F["tcp.analysis.flags"]).length > 0 &&
      p.values(F["tcp.analysis.window_update"]).length === 0 &&
      p.values(F["tcp.analysis.keep_alive"]).length === 0 &&
      p.values(F["tcp.analysis.keep_alive_ack"]).length === 0,
  ),
  rule("HSRP State Change", "hsrp.state != 8 && hsrp.state != 16", INK, PALE_YELLOW, L.hsrp, (p) =>
    allOf(p.values(F["hsrp.state"]), (s) => s !== 8 && s !== 16),
  ),
  rule("Spanning Tree Topology  Change", "stp.type == 0x80", INK, PALE_YELLOW, L.stp, (p) =>
    anyOf(p.values(F["stp.type"]), (t) => t === 0x80),
  ),
  rule("OSPF State Change", "ospf.msg != 1", INK, PALE_YELLOW, L.ospf, (p) => allOf(p.values(F["ospf.msg"]), (m) => m !== 1)),
  rule(
    "ICMP errors",
    "icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }",
    INK,
    [47031, 63479, 29812],
    L.icmp | L.icmpv6,
    (p) =>
      anyOf(p.values(F["icmp.type"]), (t) => (t >= 3 && t <= 5) || t === 11) || anyOf(p.values(F["icmpv6.type"]), (t) => t >= 1 && t <= 4),
  ),
  rule("ARP", "arp", [64250, 61680, 55255], INK, L.arp, (p) => has(p, L.arp)),
  rule("ICMP", "icmp || icmpv6", [64764, 57568, 65535], INK, L.icmp | L.icmpv6, (p) => has(p, L.icmp) || has(p, L.icmpv6)),
  rule(
    "TCP RST",
    "tcp.flags.reset eq 1",
    DARK_RED,
    PALE_YELLOW,
    L.tcp,
    (p) => (p.tcpFlags >= 0 && (p.tcpFlags & 0x04) !== 0) || anyOf(p.values(F["tcp.flags.reset"]), (r) => r === 1),
  ),
  rule("SCTP ABORT", "sctp.chunk_type eq ABORT", DARK_RED, PALE_YELLOW, L.sctp, (p) =>
    anyOf(p.values(F["sctp.chunk_type"]), (t) => t === 6),
  ),
  rule(
    "TTL low or unexpected",
    "(ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp))",
    DARK_RED,
    [60652, 61680, 60395],
    L.ip,
    (p) => {
      const dst = p.values(F["ip.dst"]);
      const ttl = p.values(F["ip.ttl"]);
      const unicastLow = allOf(dst, (d) => d >>> 28 !== 0xe) && anyOf(ttl, (t) => t < 5) && !has(p, L.pim) && !has(p, L.ospf);
      const localMulticast =
        anyOf(dst, (d) => d >>> 8 === 0xe00000) &&
        allOf(dst, (d) => d >>> 0 !== 0xe00000fb) &&
        allOf(ttl, (t) => t !== 1) &&
        !(has(p, L.vrrp) || has(p, L.carp));
      return unicastLow || localMulticast;
    },
  ),
  rule("Checksum Errors", CHECKSUM_STATUS_FIELDS.map((f) => `${f}=="Bad"`).join(" || "), INK, [63479, 34695, 34695], 0, (p) =>
    CHECKSUM_SLOTS.some((slot) => anyOf(p.values(slot), (s) => s === CHECKSUM_BAD)),
  ),
  rule("SMB", "smb || nbss || nbns || netbios", [65278, 65535, 53456], INK, L.smb | L.nbss | L.nbns | L.netbios, (p) =>
    has(p, L.smb | L.nbss | L.nbns | L.netbios),
  ),
  rule(
    "HTTP",
    "http || tcp.port == 80 || http2",
    [58596, 65535, 51143],
    INK,
    L.http | L.http2 | L.tcp,
    (p) =>
      has(p, L.http) ||
      has(p, L.http2) ||
      anyOf(p.values(F["tcp.port"]), (x) => x === 80) ||
      anyOf(p.values(F["tcp.srcport"]), (x) => x === 80) ||
      anyOf(p.values(F["tcp.dstport"]), (x) => x === 80),
  ),
  rule("DCERPC", "dcerpc", [51199, 38706, 65533], INK, L.dcerpc, (p) => has(p, L.dcerpc)),
  rule(
    "Routing",
    "hsrp || eigrp || ospf || bgp || cdp || vrrp || carp || gvrp || igmp || ismp",
    [65534, 62325, 54808],
    INK,
    L.hsrp | L.eigrp | L.ospf | L.bgp | L.cdp | L.vrrp | L.carp | L.gvrp | L.igmp | L.ismp,
    (p) => has(p, L.hsrp | L.eigrp | L.ospf | L.bgp | L.cdp | L.vrrp | L.carp | L.gvrp | L.igmp | L.ismp),
  ),
  rule(
    "TCP SYN/FIN",
    "tcp.flags & 0x02 || tcp.flags.fin == 1",
    [41026, 41026, 41026],
    INK,
    L.tcp,
    (p) => p.tcpFlags >= 0 && (p.tcpFlags & 0x03) !== 0,
  ),
  rule("TCP", "tcp", [59345, 58980, 65535], INK, L.tcp, (p) => has(p, L.tcp)),
  rule("UDP", "udp", [56026, 61166, 65535], INK, L.udp, (p) => has(p, L.udp)),
  rule("Broadcast", "eth[0] & 1", [65535, 65535, 65535], [47802, 48573, 46774], L.eth, (p) => {
    const dst = p.values(F["eth.dst"])[0];
    return dst instanceof Uint8Array && dst.length > 0 && (dst[0]! & 1) === 1;
  }),
  rule(
    "System Event",
    "systemd_journal || sysdig",
    [59110, 59110, 59110],
    [11565, 28527, 39578],
    L.systemd_journal | L.sysdig,
    (p) => has(p, L.systemd_journal) || has(p, L.sysdig),
  ),
];

/** Index of the first matching rule + 1, or 0. */
export function matchColourRule(p: ColourFacts, rules: readonly ColourRule[] = COLOUR_RULES): number {
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    if (r.requires !== 0 && (p.layers & r.requires) === 0) continue;
    if (r.matches(p)) return i + 1;
  }
  return 0;
}

const NO_VALUES: readonly FieldValue[] = [];

/**
 * Collects the colouring facts during a dissection pass: pass `collector` as
 * the tree, then call `classify(pinfo)` right after the packet is dissected
 * (field values may point into the packet's bytes).
 */
export class ColourClassifier implements ColourFacts {
  readonly collector: FieldCollector;
  /** FieldDef of each COLOUR_FIELDS slot; undefined for protocols nobody has written yet. */
  private readonly defs: (FieldDef | undefined)[];
  private readonly scratch: FieldValue[][] = COLOUR_FIELDS.map(() => []);
  /** Per slot: the packet whose values `scratch` holds. */
  private readonly filled = new Float64Array(COLOUR_FIELDS.length).fill(-1);
  private packet = 0;
  layers = 0;
  tcpFlags = -1;

  /**
   * `extra`: fields someone else reads from the same collector in the same
   * pass (Follow Stream's, with their byte positions), so one dissection
   * serves both.
   */
  constructor(extra: readonly FieldDef[] = []) {
    this.defs = COLOUR_FIELDS.map((abbrev) => fieldByAbbrev(abbrev));
    this.collector = new FieldCollector([...this.defs.filter((d): d is FieldDef => d !== undefined), ...extra], { positions: extra.length > 0 });
  }

  /** The previous packet's layer names and their mask: most packets repeat the layers of the one before. */
  private lastLayers: string[] = [];
  private lastMask = 0;
  private maskOf(layers: readonly string[]): number {
    const last = this.lastLayers;
    let same = last.length === layers.length;
    for (let i = 0; same && i < layers.length; i++) same = last[i] === layers[i];
    if (same) return this.lastMask;
    this.lastLayers = layers.slice();
    return (this.lastMask = layerMask(layers));
  }

  /** Call before dissecting each packet. */
  reset(): void {
    this.collector.reset();
    this.packet++;
  }

  /**
   * Valid until the next packet: one reused array per slot, filled at most
   * once per packet, so rules that look at the same field share it and
   * nothing is allocated per packet.
   */
  values(slot: number): readonly FieldValue[] {
    const def = this.defs[slot];
    if (!def) return NO_VALUES;
    const c = this.collector;
    let k = c.head(def);
    if (k < 0) return NO_VALUES;
    const out = this.scratch[slot]!;
    if (this.filled[slot] === this.packet) return out;
    this.filled[slot] = this.packet;
    let n = 0;
    for (; k >= 0; k = c.next(k)) out[n++] = c.valueAt(k);
    // Setting the length is a runtime call: only when the count changed.
    if (out.length !== n) out.length = n;
    return out;
  }

  classify(pinfo: PacketInfo): number {
    this.layers = this.maskOf(pinfo.layers);
    this.tcpFlags = pinfo.tcpFlags;
    return matchColourRule(this);
  }
}
