/**
 * Wireshark's default colouring rules as data: the text of Wireshark 4.0's
 * data/colorfilters (the source of the rules' names, filter texts, order
 * and colours), parsed into rules with a light and a dark pair of colours.
 *
 * Only data and colour maths live here, so the packet list can show the
 * colours without loading the filter engine and the dissectors; the worker
 * compiles and evaluates the filters (colour-rules.ts).
 */

export interface RgbPair {
  bg: string;
  fg: string;
}

export interface ColourRule {
  name: string;
  /** The Wireshark display filter, exactly as colorfilters has it. */
  filter: string;
  light: RgbPair;
  dark: RgbPair;
}

/**
 * Wireshark 4.0's data/colorfilters, verbatim but for its "DO NOT EDIT"
 * comment: "@name@filter@[bg][fg]", colours as 16-bit channels, first match
 * wins. (Two spaces in "Topology  Change" are Wireshark's.)
 */
export const WIRESHARK_COLORFILTERS = `\
@Bad TCP@tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack@[4718,10030,11796][63479,34695,34695]
@HSRP State Change@hsrp.state != 8 && hsrp.state != 16@[4718,10030,11796][65535,64764,40092]
@Spanning Tree Topology  Change@stp.type == 0x80@[4718,10030,11796][65535,64764,40092]
@OSPF State Change@ospf.msg != 1@[4718,10030,11796][65535,64764,40092]
@ICMP errors@icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }@[4718,10030,11796][47031,63479,29812]
@ARP@arp@[64250,61680,55255][4718,10030,11796]
@ICMP@icmp || icmpv6@[64764,57568,65535][4718,10030,11796]
@TCP RST@tcp.flags.reset eq 1@[42148,0,0][65535,64764,40092]
@SCTP ABORT@sctp.chunk_type eq ABORT@[42148,0,0][65535,64764,40092]
@TTL low or unexpected@(ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp))@[42148,0,0][60652,61680,60395]
@Checksum Errors@eth.fcs.status=="Bad" || ip.checksum.status=="Bad" || tcp.checksum.status=="Bad" || udp.checksum.status=="Bad" || sctp.checksum.status=="Bad" || mstp.checksum.status=="Bad" || cdp.checksum.status=="Bad" || edp.checksum.status=="Bad" || wlan.fcs.status=="Bad" || stt.checksum.status=="Bad"@[4718,10030,11796][63479,34695,34695]
@SMB@smb || nbss || nbns || netbios@[65278,65535,53456][4718,10030,11796]
@HTTP@http || tcp.port == 80 || http2@[58596,65535,51143][4718,10030,11796]
@DCERPC@dcerpc@[51199,38706,65533][4718,10030,11796]
@Routing@hsrp || eigrp || ospf || bgp || cdp || vrrp || carp || gvrp || igmp || ismp@[65534,62325,54808][4718,10030,11796]
@TCP SYN/FIN@tcp.flags & 0x02 || tcp.flags.fin == 1@[41026,41026,41026][4718,10030,11796]
@TCP@tcp@[59345,58980,65535][4718,10030,11796]
@UDP@udp@[56026,61166,65535][4718,10030,11796]
@Broadcast@eth[0] & 1@[65535,65535,65535][47802,48573,46774]
@System Event@systemd_journal || sysdig@[59110,59110,59110][11565,28527,39578]
`;

/** A colour as Wireshark stores it: red, green, blue, 16 bits each. */
export type Rgb16 = readonly [number, number, number];

/** One line of a colorfilters file, as the analyst edits it (colours kept at 16 bits so a file reads back unchanged). */
export interface ColorfilterEntry {
  name: string;
  /** The Wireshark display filter, exactly as the file has it. */
  filter: string;
  /** False for a rule written "!@...": listed, not applied. */
  enabled: boolean;
  bg: Rgb16;
  fg: Rgb16;
}

export interface ColorfiltersFile {
  /** The comment lines before the first rule ("# DO NOT EDIT..."), without their line ends; written back by writeColorfilters. */
  header: string[];
  rules: ColorfilterEntry[];
  /** Lines that are not rules ("line 3: ..."); Wireshark skips them too. */
  errors: string[];
}

/** 16-bit colour channels as Wireshark stores them → "#rrggbb". */
export function rgb16ToHex([r, g, b]: Rgb16): string {
  const h = (c: number): string => (c >> 8).toString(16).padStart(2, "0");
  return `#${h(r)}${h(g)}${h(b)}`;
}

/** "#rrggbb" → 16-bit channels, as Wireshark widens an 8-bit colour (0xab → 0xabab). */
export function hexToRgb16(hex: string): Rgb16 {
  const [r, g, b] = parseHex(hex);
  return [r * 257, g * 257, b * 257];
}

const RULE_LINE = /^(!?)@([^@]*)@([^@]*)@\[(\d+),(\d+),(\d+)\]\[(\d+),(\d+),(\d+)\]$/;

/**
 * Wireshark's colorfilters format (epan/color_filters.c): one rule a line,
 * `@name@filter@[bg r,g,b][fg r,g,b]` with 16-bit channels, `!` in front
 * for a disabled rule, `#` for a comment; first match wins. A line that is
 * not a rule is reported and skipped.
 */
export function readColorfilters(text: string): ColorfiltersFile {
  const out: ColorfiltersFile = { header: [], rules: [], errors: [] };
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  lines.forEach((raw, i) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.startsWith("#")) {
      if (out.rules.length === 0 && out.errors.length === 0) out.header.push(line);
      return;
    }
    if (line.trim() === "") return;
    const m = RULE_LINE.exec(line.trim());
    const c = m ? m.slice(4).map(Number) : [];
    if (!m || c.some((v) => v > 65535)) {
      out.errors.push(`line ${i + 1}: not a colouring rule: ${line.length > 80 ? line.slice(0, 80) + "…" : line}`);
      return;
    }
    out.rules.push({ name: m[2]!, filter: m[3]!, enabled: m[1] !== "!", bg: [c[0]!, c[1]!, c[2]!], fg: [c[3]!, c[4]!, c[5]!] });
  });
  return out;
}

/** What writeColorfilters puts above the rules unless told otherwise. */
export const COLORFILTERS_HEADER = "# This file was created by pcapscope. Edit with care.";

/** The rules in Wireshark's colorfilters format (readColorfilters reads it back unchanged). */
export function writeColorfilters(rules: readonly ColorfilterEntry[], header: readonly string[] = [COLORFILTERS_HEADER]): string {
  let out = header.map((h) => `${h}\n`).join("");
  for (const r of rules) out += `${r.enabled ? "" : "!"}@${r.name}@${r.filter}@[${r.bg.join(",")}][${r.fg.join(",")}]\n`;
  return out;
}

/** A rule's colours for both themes. */
export function ruleColoursOf(entry: Pick<ColorfilterEntry, "bg" | "fg">): { light: RgbPair; dark: RgbPair } {
  const light = { bg: rgb16ToHex(entry.bg), fg: rgb16ToHex(entry.fg) };
  return { light, dark: darkVariant(light) };
}

/**
 * The rules of a colorfilters file that apply, in order. Comment lines (#)
 * and disabled rules ("!@...", which Wireshark lists but does not apply) are
 * left out; any other line that is not a rule is an error.
 */
export function parseColorfilters(text: string): ColourRule[] {
  const file = readColorfilters(text);
  if (file.errors.length) throw new Error(file.errors[0]!);
  return file.rules.filter((r) => r.enabled).map((r) => ({ name: r.name, filter: r.filter, ...ruleColoursOf(r) }));
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

/** Wireshark's default colouring rules, in order: the packet index stores i + 1 for COLOUR_RULES[i] (0: none). */
export const COLOUR_RULES: readonly ColourRule[] = parseColorfilters(WIRESHARK_COLORFILTERS);
