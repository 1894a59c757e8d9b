/**
 * Data-connection addresses announced on the control channel, parsed with the
 * range checks tshark 4.0 lacks (an octet of 300 or a port of 70000 is not an
 * address: the announcement is ignored, not wrapped modulo 256).
 *
 *   PORT h1,h2,h3,h4,p1,p2                      RFC 959 §4.1.2   (client listens)
 *   227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)  RFC 959 §4.1.2 (server listens; with or without parentheses)
 *   EPRT |1|132.235.1.2|6275|  EPRT |2|::1|5282|   RFC 2428 §2   (any printable delimiter)
 *   229 Entering Extended Passive Mode (|||6446|)  RFC 2428 §3   (address: the control connection's server)
 *   LPRT 4,4,h1,h2,h3,h4,2,p1,p2  LPRT 6,16,h1..h16,2,p1,p2     RFC 1639 §2
 *   228 Entering Long Passive Mode (4,4,h1,...,2,p1,p2)          RFC 1639 §2
 */
import { ipv6ToString } from "../dissect/format";

export interface Announced {
  /** Dotted IPv4 or RFC 5952 IPv6; null when the form names no address (229). */
  address: string | null;
  port: number;
}

const DIGIT = /[0-9]/;

/** Six comma-separated decimals ≤ 255 anywhere in `text` (the first run that fits), as PORT and 227 carry them. */
export function parseHostPort(text: string): Announced | null {
  // Servers write "(h1,...)", "=h1,...", or the numbers bare; some pad with spaces after commas.
  const re = /(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})(?!\d)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > 0 && DIGIT.test(text[m.index - 1]!)) continue;
    const n = m.slice(1, 7).map(Number);
    if (n.some((v) => v > 255)) continue;
    const port = n[4]! * 256 + n[5]!;
    if (port === 0) continue;
    return { address: `${n[0]}.${n[1]}.${n[2]}.${n[3]}`, port };
  }
  return null;
}

/** RFC 2428 §2: the delimiter is a printable character other than a digit, '.' or ':' (hex letters are also refused, as in IPv6 text). */
function isDelimiter(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 33 && code <= 126 && !/[0-9a-fA-F.:]/.test(c);
}

/** EPRT argument: `<d><af><d><addr><d><port><d>` with af 1 (IPv4) or 2 (IPv6). */
export function parseEprt(arg: string): Announced | null {
  const s = arg.trim();
  if (s.length < 7 || !isDelimiter(s[0]!)) return null;
  const parts = s.split(s[0]!);
  // "", af, addr, port, "" (trailing delimiter)
  if (parts.length !== 5 || parts[0] !== "" || parts[4] !== "") return null;
  const port = parsePort(parts[3]!);
  if (port === null) return null;
  const addr = parts[2]!;
  if (parts[1] === "1") {
    const v4 = normaliseIpv4(addr);
    return v4 ? { address: v4, port } : null;
  }
  if (parts[1] === "2") {
    const v6 = normaliseIpv6(addr);
    return v6 ? { address: v6, port } : null;
  }
  return null;
}

/** 229 reply text: `(<d><d><d><port><d>)`; the address is the control connection's server. */
export function parseEpsvReply(text: string): Announced | null {
  const m = /\(([\x21-\x7e])\1\1(\d{1,5})\1\)/.exec(text);
  if (!m || !isDelimiter(m[1]!)) return null;
  const port = parsePort(m[2]!);
  return port === null ? null : { address: null, port };
}

/** LPRT argument or 228 reply: af, address length, bytes, port length, bytes (RFC 1639). */
export function parseLongHostPort(text: string): Announced | null {
  const m = /(\d+(?:\s*,\s*\d+){5,})/.exec(text);
  if (!m) return null;
  const n = m[1]!.split(",").map((x) => Number(x.trim()));
  if (n.some((v) => v > 255)) return null;
  const af = n[0];
  const hal = n[1]!;
  if (!((af === 4 && hal === 4) || (af === 6 && hal === 16))) return null;
  if (n.length !== 2 + hal + 1 + 2) return null;
  const addrBytes = n.slice(2, 2 + hal);
  const pal = n[2 + hal];
  if (pal !== 2) return null;
  const port = n[3 + hal]! * 256 + n[4 + hal]!;
  if (port === 0) return null;
  const address = af === 4 ? addrBytes.join(".") : ipv6FromBytes(addrBytes);
  return { address, port };
}

function parsePort(s: string): number | null {
  if (!/^\d{1,5}$/.test(s)) return null;
  const p = Number(s);
  return p >= 1 && p <= 65535 ? p : null;
}

/** Dotted quad with each part 0..255 (leading zeros tolerated, then dropped). */
export function normaliseIpv4(s: string): string | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const n = m.slice(1).map(Number);
  return n.every((v) => v <= 255) ? n.join(".") : null;
}

/** IPv6 text (with "::" and an optional dotted IPv4 tail) in RFC 5952 form, or null. */
export function normaliseIpv6(s: string): string | null {
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let head = s;
  const words: number[] = [];
  const tailV4 = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(s);
  let extra: number[] = [];
  if (tailV4) {
    const v4 = normaliseIpv4(tailV4[1]!);
    if (!v4) return null;
    const b = v4.split(".").map(Number);
    extra = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!];
    head = s.slice(0, s.length - tailV4[1]!.length);
    if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
  }
  const dbl = head.indexOf("::");
  if (dbl !== head.lastIndexOf("::")) return null;
  const parseGroups = (t: string): number[] | null => {
    if (t === "") return [];
    const out: number[] = [];
    for (const g of t.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  if (dbl >= 0) {
    const a = parseGroups(head.slice(0, dbl));
    const b = parseGroups(head.slice(dbl + 2));
    if (!a || !b) return null;
    const fill = 8 - a.length - b.length - extra.length;
    if (fill < 1) return null;
    words.push(...a, ...new Array<number>(fill).fill(0), ...b, ...extra);
  } else {
    const a = parseGroups(head);
    if (!a) return null;
    words.push(...a, ...extra);
    if (words.length !== 8) return null;
  }
  return ipv6FromWords(words);
}

function ipv6FromBytes(b: number[]): string {
  return ipv6ToString(Uint8Array.from(b));
}

/** The words as the packet list prints IPv6 (format.ts, inet_ntop style), so announced and captured addresses compare equal. */
export function ipv6FromWords(w: number[]): string {
  const b = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    b[2 * i] = (w[i]! >> 8) & 0xff;
    b[2 * i + 1] = w[i]! & 0xff;
  }
  return ipv6ToString(b);
}
