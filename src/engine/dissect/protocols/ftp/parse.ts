/**
 * Byte-level helpers with the C library semantics Wireshark relies on, and
 * the parsers of PORT/EPRT arguments and 227/229 replies that packet-ftp.c
 * builds on them (sscanf, strtoul, inet_pton as glibc has them).
 */

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** C isspace / g_ascii_isspace: space, \t, \n, \v, \f, \r. */
function isSpace(c: number): boolean {
  return c === SP || (c >= 0x09 && c <= 0x0d);
}

/** Index of the first NUL in [start, end), or end: where a C copy of the bytes stops. */
export function cEnd(b: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && b[i] !== 0) i++;
  return i;
}

/** strncmp(bytes, literal, n) === 0, the way packet-ftp.c matches commands (a token "P" matches "PORT"). */
export function strnEq(b: Uint8Array, off: number, lit: string, n: number): boolean {
  for (let k = 0; k < n; k++) {
    const c1 = b[off + k]!;
    const c2 = k < lit.length ? lit.charCodeAt(k) : 0;
    if (c1 !== c2) return false;
    if (c1 === 0) return true;
  }
  return true;
}

/**
 * Results of the parsers below (module scratch: no per-call allocation). Read
 * right after a parser returned true, before the next call.
 */
export const parsed = {
  ip: 0,
  port: 0,
  /** Of the first number, from the argument's start. */
  offset: 0,
  ipLen: 0,
  portLen: 0,
  af: 0,
  ipv6: null as Uint8Array | null,
};
let nVal = 0;
let nEnd = 0;
const scanned = new Int32Array(6);

/**
 * One sscanf "%d" at i: optional white space and sign, then digits, stored in
 * a C int (glibc converts with strtol, so a long's saturation, then keeps the
 * low 32 bits). Returns the index after the number, or -1.
 */
function scanInt(b: Uint8Array, i: number, stop: number, slot: number): number {
  while (i < stop && isSpace(b[i]!)) i++;
  let neg = false;
  if (i < stop && (b[i] === 0x2b || b[i] === 0x2d)) {
    neg = b[i] === 0x2d;
    i++;
  }
  const digits = i;
  while (i < stop && isDigit(b[i]!)) i++;
  if (i === digits) return -1;
  if (i - digits <= 15) {
    let v = 0;
    for (let k = digits; k < i; k++) v = v * 10 + (b[k]! - 0x30);
    scanned[slot] = neg ? -v : v;
  } else {
    let v = BigInt(String.fromCharCode(...b.subarray(digits, i)));
    if (neg) v = -v;
    const LONG_MAX = (1n << 63n) - 1n;
    if (v > LONG_MAX) v = LONG_MAX;
    if (v < -LONG_MAX - 1n) v = -LONG_MAX - 1n;
    scanned[slot] = Number(BigInt.asIntN(32, v));
  }
  return i;
}

function decimalWidth(x: number): number {
  return x < 10 ? 1 : x < 100 ? 2 : 3;
}

/**
 * PORT arguments and 227 replies (RFC 959 §4.1.2 "h1,h2,h3,h4,p1,p2"), as
 * Wireshark's parse_port_pasv: from each digit in turn, try to read six
 * comma-separated integers (with or without parentheses around them, which
 * cURL's list of real replies shows is needed); the port is (p1 mod 256)*256 +
 * (p2 mod 256). Sets parsed.ip, parsed.port, parsed.offset (of the first number, from start),
 * parsed.ipLen, parsed.portLen (widths Wireshark derives from the values).
 */
export function parsePortPasv(b: Uint8Array, start: number, end: number): boolean {
  const stop = cEnd(b, start, end);
  let p = start;
  for (;;) {
    while (p < stop && !isDigit(b[p]!)) p++;
    if (p >= stop) return false;
    let i = p;
    let n = 0;
    for (; n < 6; n++) {
      if (n > 0) {
        if (i >= stop || b[i] !== 0x2c) break;
        i++;
      }
      i = scanInt(b, i, stop, n);
      if (i < 0) break;
    }
    if (n === 6) {
      const [a0, a1, a2, a3, q0, q1] = scanned as unknown as [number, number, number, number, number, number];
      parsed.port = ((q0 & 0xff) << 8) | (q1 & 0xff);
      parsed.ip = ((a0 << 24) | (a1 << 16) | (a2 << 8) | a3) >>> 0;
      parsed.offset = p - start;
      parsed.portLen = decimalWidth(q0) + 1 + decimalWidth(q1);
      parsed.ipLen = decimalWidth(a0) + 1 + decimalWidth(a1) + 1 + decimalWidth(a2) + 1 + decimalWidth(a3);
      return true;
    }
    while (p < stop && isDigit(b[p]!)) p++;
  }
}

/**
 * Wireshark's ws_strtou16/ws_strtou32 over [start, stop): g_ascii_strtoull
 * (leading white space, a sign, decimal digits) with a leading sign refused.
 * `whole`: the number must use every byte (endptr == NULL). Sets nVal
 * (0 on a syntax error, `max` when out of range, as Wireshark leaves it) and
 * nEnd (where the number stopped; `start` when there were no digits).
 */
function wsStrtou(b: Uint8Array, start: number, stop: number, max: number, whole: boolean): boolean {
  nVal = 0;
  nEnd = start;
  if (start < stop && (b[start] === 0x2b || b[start] === 0x2d)) return false;
  let i = start;
  while (i < stop && isSpace(b[i]!)) i++;
  let neg = false;
  if (i < stop && (b[i] === 0x2b || b[i] === 0x2d)) {
    neg = b[i] === 0x2d;
    i++;
  }
  const digits = i;
  let v = 0;
  while (i < stop && isDigit(b[i]!)) {
    if (v <= 1e20) v = v * 10 + (b[i]! - 0x30);
    i++;
  }
  if (i === digits) return false;
  nEnd = i;
  if (whole && i !== stop) return false;
  // A negated non-zero value wraps to a huge unsigned one.
  if (v > max || (neg && v !== 0)) {
    nVal = max;
    return false;
  }
  nVal = v;
  return true;
}

/** RFC 2428 §2: the delimiter is printable, not a hex digit, '.' or ':'. */
function isRfc2428Delimiter(c: number): boolean {
  if (c < 0x21 || c > 0x7e) return false;
  const l = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  return !(isDigit(l) || (l >= 0x61 && l <= 0x66) || l === 0x2e || l === 0x3a);
}

/** inet_pton(AF_INET): exactly four dotted decimals ≤ 255, no leading zeros (glibc inet_pton4). */
function parseIpv4(b: Uint8Array, start: number, end: number, out: Uint8Array | null, outOff: number): number {
  let sawDigit = false;
  let octets = 0;
  let cur = 0;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (isDigit(c)) {
      if (sawDigit && cur === 0) return -1;
      const next = cur * 10 + (c - 0x30);
      if (next > 255) return -1;
      cur = next;
      if (!sawDigit) {
        if (++octets > 4) return -1;
        sawDigit = true;
      }
    } else if (c === 0x2e && sawDigit) {
      if (octets === 4) return -1;
      value = value * 256 + cur;
      if (out) out[outOff++] = cur;
      cur = 0;
      sawDigit = false;
    } else return -1;
  }
  if (octets < 4) return -1;
  if (out) out[outOff] = cur;
  return value * 256 + cur;
}

function hexValue(c: number): number {
  if (isDigit(c)) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/** inet_pton(AF_INET6), glibc's inet_pton6: groups of ≤ 4 hex digits, one "::", optional dotted IPv4 tail. */
function parseIpv6(b: Uint8Array, start: number, end: number): Uint8Array | null {
  const tmp = new Uint8Array(16);
  let tp = 0;
  let colonp = -1;
  let src = start;
  if (src === end) return null;
  if (b[src] === 0x3a) {
    src++;
    if (src === end || b[src] !== 0x3a) return null;
  }
  let curtok = src;
  let xdigits = 0;
  let val = 0;
  while (src < end) {
    const ch = b[src++]!;
    const digit = hexValue(ch);
    if (digit >= 0) {
      if (xdigits === 4) return null;
      val = (val << 4) | digit;
      xdigits++;
      continue;
    }
    if (ch === 0x3a) {
      curtok = src;
      if (xdigits === 0) {
        if (colonp >= 0) return null;
        colonp = tp;
        continue;
      } else if (src === end) return null;
      if (tp + 2 > 16) return null;
      tmp[tp++] = (val >> 8) & 0xff;
      tmp[tp++] = val & 0xff;
      xdigits = 0;
      val = 0;
      continue;
    }
    if (ch === 0x2e && tp + 4 <= 16 && parseIpv4(b, curtok, end, tmp, tp) >= 0) {
      tp += 4;
      xdigits = 0;
      break;
    }
    return null;
  }
  if (xdigits > 0) {
    if (tp + 2 > 16) return null;
    tmp[tp++] = (val >> 8) & 0xff;
    tmp[tp++] = val & 0xff;
  }
  if (colonp >= 0) {
    if (tp === 16) return null;
    const n = tp - colonp;
    tmp.copyWithin(16 - n, colonp, tp);
    tmp.fill(0, colonp, 16 - n);
    tp = 16;
  }
  return tp === 16 ? tmp : null;
}

/**
 * EPRT <d>af<d>addr<d>port<d> (RFC 2428 §2), as Wireshark's
 * parse_eprt_request: a valid delimiter first, exactly four of it, no empty
 * field, af 1 (dotted IPv4) or 2 (IPv6 text). Sets parsed.af, parsed.ip or parsed.ipv6, parsed.port,
 * parsed.ipLen, parsed.portLen.
 */
export function parseEprt(b: Uint8Array, start: number, end: number): boolean {
  if (end - start < 4) return false;
  const stop = cEnd(b, start, end);
  if (stop === start) return false;
  const d = b[start]!;
  if (!isRfc2428Delimiter(d)) return false;
  let count = 0;
  for (let i = start; i < stop; i++) if (b[i] === d) count++;
  if (count !== 4) return false;
  let seen = 1;
  let last = start;
  let ok = true;
  parsed.af = 0;
  parsed.ipv6 = null;
  for (let i = start + 1; i < stop; i++) {
    if (b[i] !== d) continue;
    seen++;
    const fieldStart = last + 1;
    if (i - fieldStart <= 0) return false;
    if (seen === 2) {
      if (!wsStrtou(b, fieldStart, i, 0xffffffff, true)) return false;
      parsed.af = nVal;
    } else if (seen === 3) {
      if (parsed.af === 1) {
        const v = parseIpv4(b, fieldStart, i, null, 0);
        ok = v >= 0;
        if (ok) parsed.ip = v;
      } else if (parsed.af === 2) {
        parsed.ipv6 = parseIpv6(b, fieldStart, i);
        ok = parsed.ipv6 !== null;
      } else return false;
      parsed.ipLen = i - fieldStart;
    } else if (seen === 4) {
      if (!wsStrtou(b, fieldStart, i, 0xffff, true)) return false;
      parsed.port = nVal;
      parsed.portLen = i - fieldStart;
    }
    last = i;
  }
  return ok;
}

/**
 * 229 replies, "(<d><d><d>port<d>)" (RFC 2428 §3), as Wireshark's
 * parse_extended_pasv_response: after the first '(' skip up to three equal
 * delimiters, read a port (a failed read still counts when a '|' stops it),
 * and require a ')' somewhere after. Sets parsed.port, parsed.offset, parsed.portLen.
 */
export function parseEpsv(b: Uint8Array, start: number, end: number): boolean {
  const stop = cEnd(b, start, end);
  let p = start;
  while (p < stop && b[p] !== 0x28) p++;
  if (p >= stop) return false;
  p++;
  let delimiter = 0;
  for (let n = 0; n < 3 && p < stop; n++) {
    const c = b[p]!;
    if (delimiter === 0 && isRfc2428Delimiter(c)) delimiter = c;
    if (c !== delimiter) break;
    p++;
  }
  if (p >= stop) return false;
  let valid = wsStrtou(b, p, stop, 0xffff, false);
  if (!valid && nEnd < stop && b[nEnd] === 0x7c) valid = true;
  if (!valid) return false;
  parsed.port = nVal;
  parsed.offset = p - start;
  let close = p;
  while (close < stop && b[close] !== 0x29) close++;
  if (close >= stop) return false;
  parsed.portLen = close - 1 - p;
  return true;
}
