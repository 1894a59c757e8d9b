/**
 * FTP control connection (RFC 959), mirroring Wireshark 4.0's dissect_ftp
 * (packet-ftp.c) so that `-T fields` output agrees with tshark 4.0.17.
 *
 * Wireshark dissects each TCP segment on its own (no reassembly): only the
 * segment's first line is parsed, as a request when the segment goes to the
 * FTP port, as a reply otherwise. A reply line that starts with three digits
 * gives ftp.response.code, whether it opens, continues or ends a multi-line
 * reply (RFC 959 §4.2: "230-" ... "230 "); continuation lines without a code
 * give only ftp.response.arg. Further lines in the segment are plain text.
 *
 * Data connections are announced to TCP (conversation.ts) exactly where
 * Wireshark creates its conversations, with its quirks: PORT gives
 * server:20 <-> client any port; a 227 reply gives the address it names, any
 * client port; a 229 reply (RFC 2428 §3) the control channel's server address;
 * EPRT (RFC 2428 §2) a key that pairs the client with the EPRT address, which
 * no real data connection matches, so tshark shows EPRT transfers as plain
 * TCP data. LPRT/LPSV (RFC 1639) are not parsed by Wireshark 4.0 (its "FOOBAR"
 * XXX comment), so not here either. After exactly "AUTH TLS" and a 234 reply
 * (RFC 4217 §4) the rest of the control connection goes to TLS.
 *
 * Commands are matched case-sensitively and over the token's length only, as
 * packet-ftp.c does; the forensics layer, not this file, is the place to be
 * more right than tshark.
 */
import { defineFields, type FieldDef, vals } from "../field";
import { register } from "../dissector";
import { enterLayer, expert, u32 } from "../common";
import { conversations } from "../conversation";
import { ipv4ToString, ipv6ToString } from "../format";
import type { PacketInfo } from "../packet-info";
import { GENERATED, HIDDEN } from "../tree";
import { asciiField, cString, type CwdBox, FtpDataConv, ftpData, hasStrayAfterNul, textItemField } from "./ftp-data";
import { formatText } from "../format-text";
import { startTls, tls } from "./tls";

/** Reply codes Wireshark names (RFC 959 §4.2.2, RFC 2228 §5, RFC 2428 §3). */
const RESPONSE_CODES = vals({
  110: "Restart marker reply",
  120: "Service ready in nnn minutes",
  125: "Data connection already open; transfer starting",
  150: "File status okay; about to open data connection",
  200: "Command okay",
  202: "Command not implemented, superfluous at this site",
  211: "System status, or system help reply",
  212: "Directory status",
  213: "File status",
  214: "Help message",
  215: "NAME system type",
  220: "Service ready for new user",
  221: "Service closing control connection",
  225: "Data connection open; no transfer in progress",
  226: "Closing data connection",
  227: "Entering Passive Mode",
  229: "Entering Extended Passive Mode",
  230: "User logged in, proceed",
  232: "User logged in, authorized by security data exchange",
  234: "Security data exchange complete",
  235: "Security data exchange completed successfully",
  250: "Requested file action okay, completed",
  257: "PATHNAME created",
  331: "User name okay, need password",
  332: "Need account for login",
  334: "Requested security mechanism is ok",
  335: "Security data is acceptable, more is required",
  336: "Username okay, need password. Challenge is ...",
  350: "Requested file action pending further information",
  421: "Service not available, closing control connection",
  425: "Can't open data connection",
  426: "Connection closed; transfer aborted",
  431: "Need some unavailable resource to process security",
  450: "Requested file action not taken",
  451: "Requested action aborted: local error in processing",
  452: "Requested action not taken. Insufficient storage space in system",
  500: "Syntax error, command unrecognized",
  501: "Syntax error in parameters or arguments",
  502: "Command not implemented",
  503: "Bad sequence of commands",
  504: "Command not implemented for that parameter",
  522: "Network protocol not supported",
  530: "Not logged in",
  532: "Need account for storing files",
  533: "Command protection level denied for policy reasons",
  534: "Request denied for policy reasons",
  535: "Failed security check (hash, sequence, etc)",
  536: "Requested PROT level not supported by mechanism",
  537: "Command protection level not supported by security mechanism",
  550: "Requested action not taken: File unavailable",
  551: "Requested action aborted: page type unknown",
  552: "Requested file action aborted: Exceeded storage allocation",
  553: "Requested action not taken: File name not allowed",
  631: "Integrity protected reply",
  632: "Confidentiality and integrity protected reply",
  633: "Confidentiality protected reply",
});

export const ftpFields = defineFields("ftp", {
  "": { name: "File Transfer Protocol (FTP)", type: "protocol" },
  "current-working-directory": { name: "Current working directory", type: "string" },
  response: { name: "Response", type: "boolean" },
  request: { name: "Request", type: "boolean" },
  "request.command": { name: "Request command", type: "string" },
  "request.arg": { name: "Request arg", type: "string" },
  "response.code": { name: "Response code", type: "uint32", vals: RESPONSE_CODES },
  "response.arg": { name: "Response arg", type: "string" },
  "passive.ip": { name: "Passive IP address", type: "ipv4" },
  "passive.port": { name: "Passive port", type: "uint16" },
  "passive.nat": { name: "Passive IP NAT", type: "boolean" },
  "active.cip": { name: "Active IP address", type: "ipv4" },
  "active.port": { name: "Active port", type: "uint16" },
  "active.nat": { name: "Active IP NAT", type: "boolean" },
  "eprt.af": { name: "Extended active address family", type: "uint8", vals: { 1: "IPv4", 2: "IPv6" } },
  "eprt.ip": { name: "Extended active IP address", type: "ipv4" },
  "eprt.ipv6": { name: "Extended active IPv6 address", type: "ipv6" },
  "eprt.port": { name: "Extended active port", type: "uint16" },
  "epsv.ip": { name: "Extended passive IPv4 address", type: "ipv4" },
  "epsv.ipv6": { name: "Extended passive IPv6 address", type: "ipv6" },
  "epsv.port": { name: "Extended passive port", type: "uint16" },
  "command-response.first-frame-num": { name: "Command response first frame", type: "framenum" },
  "command-response.last-frame-num": { name: "Command response last frame", type: "framenum" },
  "command-response.duration": { name: "Response duration", type: "uint32", unit: "ms" },
  "command-response.bitrate": { name: "Response bitrate", type: "uint32", unit: "Kbps" },
  "command-response.frames": { name: "Command response frames", type: "uint32" },
  "command-response.bytes": { name: "Command response bytes", type: "uint32" },
  "setup-frame": { name: "Setup frame", type: "framenum" },
  "command-frame": { name: "Command frame", type: "framenum" },
  command: { name: "Command", type: "string" },
});

/** RFC 959 §3.2 / §5: the control connection's well-known port. */
const FTP_PORT = 21;
const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;

// ---------------------------------------------------------------------------
// State

/** One control connection (Wireshark's ftp_conversation_t), per TCP stream. */
class FtpConv {
  /** Last request line (first pass), for CWD/CDUP replies. */
  lastCommand: string | null = null;
  lastCommandFrame = 0;
  cwd: CwdBox = { value: "" };
  /** Data connection announced last; the next request becomes its command. */
  currentData: FtpDataConv | null = null;
  currentDataSetupFrame = 0;
  /** "AUTH TLS" seen and not yet answered by a 234 (RFC 4217 §4). */
  tlsRequested = false;
  /** First frame of the control channel carried by TLS (0: never). */
  tlsFromFrame = 0;
}

class FtpState {
  readonly convs = new Map<number | string, FtpConv>();
  /** Working directory per FTP frame, fixed on the first pass (Wireshark's per-packet proto data). */
  readonly cwdByFrame = new Map<number, string>();
  /** Command and setup frames → their data connection (Wireshark's ftp_command_to_data_hash). */
  readonly dataByFrame = new Map<number, FtpDataConv>();
}

function conversationFor(state: FtpState, pinfo: PacketInfo, create: boolean): FtpConv {
  // TCP numbers streams; without one (hand-made tests) the endpoints, either direction.
  let key: number | string = pinfo.tcpStream;
  if (key < 0) {
    const a = `${pinfo.netSrc} ${pinfo.srcPort}`;
    const b = `${pinfo.netDst} ${pinfo.dstPort}`;
    key = a < b ? `${a}|${b}` : `${b}|${a}`;
  }
  let conv = state.convs.get(key);
  if (!conv) {
    conv = new FtpConv();
    if (create) state.convs.set(key, conv);
  }
  return conv;
}

// ---------------------------------------------------------------------------
// Byte-level helpers with the C library semantics Wireshark relies on

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** C isspace / g_ascii_isspace: space, \t, \n, \v, \f, \r. */
function isSpace(c: number): boolean {
  return c === SP || (c >= 0x09 && c <= 0x0d);
}

/** Index of the first NUL in [start, end), or end: where a C copy of the bytes stops. */
function cEnd(b: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && b[i] !== 0) i++;
  return i;
}

/** strncmp(bytes, literal, n) === 0, the way packet-ftp.c matches commands (a token "P" matches "PORT"). */
function strnEq(b: Uint8Array, off: number, lit: string, n: number): boolean {
  for (let k = 0; k < n; k++) {
    const c1 = b[off + k]!;
    const c2 = k < lit.length ? lit.charCodeAt(k) : 0;
    if (c1 !== c2) return false;
    if (c1 === 0) return true;
  }
  return true;
}

// Results of the parsers below (module scratch: no per-call allocation).
let pIp = 0;
let pPort = 0;
let pOffset = 0;
let pIpLen = 0;
let pPortLen = 0;
let pAf = 0;
let pIpv6: Uint8Array | null = null;
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
 * (p2 mod 256). Sets pIp, pPort, pOffset (of the first number, from start),
 * pIpLen, pPortLen (widths Wireshark derives from the values).
 */
function parsePortPasv(b: Uint8Array, start: number, end: number): boolean {
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
      pPort = ((q0 & 0xff) << 8) | (q1 & 0xff);
      pIp = ((a0 << 24) | (a1 << 16) | (a2 << 8) | a3) >>> 0;
      pOffset = p - start;
      pPortLen = decimalWidth(q0) + 1 + decimalWidth(q1);
      pIpLen = decimalWidth(a0) + 1 + decimalWidth(a1) + 1 + decimalWidth(a2) + 1 + decimalWidth(a3);
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
 * field, af 1 (dotted IPv4) or 2 (IPv6 text). Sets pAf, pIp or pIpv6, pPort,
 * pIpLen, pPortLen.
 */
function parseEprt(b: Uint8Array, start: number, end: number): boolean {
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
  pAf = 0;
  pIpv6 = null;
  for (let i = start + 1; i < stop; i++) {
    if (b[i] !== d) continue;
    seen++;
    const fieldStart = last + 1;
    if (i - fieldStart <= 0) return false;
    if (seen === 2) {
      if (!wsStrtou(b, fieldStart, i, 0xffffffff, true)) return false;
      pAf = nVal;
    } else if (seen === 3) {
      if (pAf === 1) {
        const v = parseIpv4(b, fieldStart, i, null, 0);
        ok = v >= 0;
        if (ok) pIp = v;
      } else if (pAf === 2) {
        pIpv6 = parseIpv6(b, fieldStart, i);
        ok = pIpv6 !== null;
      } else return false;
      pIpLen = i - fieldStart;
    } else if (seen === 4) {
      if (!wsStrtou(b, fieldStart, i, 0xffff, true)) return false;
      pPort = nVal;
      pPortLen = i - fieldStart;
    }
    last = i;
  }
  return ok;
}

/**
 * 229 replies, "(<d><d><d>port<d>)" (RFC 2428 §3), as Wireshark's
 * parse_extended_pasv_response: after the first '(' skip up to three equal
 * delimiters, read a port (a failed read still counts when a '|' stops it),
 * and require a ')' somewhere after. Sets pPort, pOffset, pPortLen.
 */
function parseEpsv(b: Uint8Array, start: number, end: number): boolean {
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
  pPort = nVal;
  pOffset = p - start;
  let close = p;
  while (close < stop && b[close] !== 0x29) close++;
  if (close >= stop) return false;
  pPortLen = close - 1 - p;
  return true;
}

// ---------------------------------------------------------------------------
// Working directory (Wireshark's CWD/CDUP/PWD tracking)

/** RFC 959 §4.1.1 CWD/CDUP accepted (250): adopt an absolute path, else append and normalise. */
function processCwdSuccess(conv: FtpConv, newPath: string): void {
  if (newPath.startsWith("/")) {
    conv.cwd = { value: newPath };
    return;
  }
  const cur = conv.cwd.value;
  if (cur.length === 0) {
    // Wireshark appends to the shared buffer in place: data connections
    // announced while the directory was unknown see the new value too.
    conv.cwd.value = newPath;
    return;
  }
  const appended = cur.endsWith("/") ? cur + newPath : `${cur}/${newPath}`;
  let out = "";
  let folder = "";
  let i = 0;
  if (cur.startsWith("/")) {
    out = "/";
    i = 1;
  }
  for (; i <= appended.length; i++) {
    if (i === appended.length || appended[i] === "/") {
      if (i > 0 && folder.length > 0) {
        if (folder === "..") {
          while (out.length > 0 && !out.endsWith("/")) out = out.slice(0, -1);
          if (out.length > 1 && out.endsWith("/")) out = out.slice(0, -1);
        } else if (folder !== ".") {
          if (out.length > 0 && !out.endsWith("/")) out += "/";
          out += folder;
        }
        folder = "";
      }
    } else folder += appended[i];
  }
  conv.cwd = { value: out };
}

/** RFC 959 Appendix II: a 257 reply names the directory in quotes, "" standing for one quote. */
function processPwdSuccess(conv: FtpConv, b: Uint8Array, start: number, end: number, pinfo: PacketInfo): void {
  const len = end - start;
  if (len < 2 || b[start] !== 0x22) {
    expert(pinfo, start, 0, "error", "Invalid PWD response");
    return;
  }
  const out: number[] = [];
  let started = false;
  let i = 0;
  for (; i < len && b[start + i] !== CR && b[start + i] !== LF; i++) {
    const c = b[start + i]!;
    if (c === 0x22) {
      if (i + 1 < len && b[start + i + 1] === 0x22) {
        out.push(0x22);
        i++;
      } else {
        if (started) break;
        started = true;
      }
    } else out.push(c);
  }
  if (i >= len || b[start + i] !== 0x22) {
    expert(pinfo, start, 0, "error", "Invalid PWD response");
    return;
  }
  const bytes = Uint8Array.from(out);
  conv.cwd = { value: cString(bytes, 0, bytes.length) };
}

// ---------------------------------------------------------------------------
// Data connections and the TLS hand-off

/**
 * Announces a data connection (Wireshark's create_and_link_data_conversation,
 * a conversation with a wildcard port B) and makes it the one the next
 * request names. First pass only.
 */
function announce(pinfo: PacketInfo, conv: FtpConv, addrA: string, portA: number, addrB: string, method: string): void {
  const dc = new FtpDataConv(method, pinfo.num, conv.cwd);
  conversations(pinfo.state).expect({ transport: "tcp", addrA, portA, addrB, portB: null, dissector: ftpData, setupFrame: pinfo.num, data: dc });
  conv.currentData = dc;
  conv.currentDataSetupFrame = pinfo.num;
}

/**
 * Control-channel frames after "AUTH TLS" and its 234 reply (RFC 4217 §4)
 * carry TLS: Wireshark 4.0 switches the conversation to its TLS dissector from
 * the next frame on (ssl_starttls_ack(tls_handle, pinfo, ftp_handle)), with
 * FTP as the protocol inside. tls.ts keeps that in its session (`startTls`,
 * called from the 234 frame); the frames themselves reach FTP through the
 * tcp.port table and are handed over here.
 */
function handOffToTls(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  return tls.dissect(data, offset, end, pinfo);
}

// ---------------------------------------------------------------------------
// The dissector

function addAt(pinfo: PacketInfo, f: FieldDef, base: number, end: number, rel: number, length: number, value: number | Uint8Array): void {
  // Wireshark derives these positions from the values (one space after the
  // command, "h1,h2,..." widths); keep them inside the segment for the hex pane.
  const start = Math.min(base + Math.max(rel, 0), end);
  pinfo.tree.add(f, start, Math.max(0, Math.min(length, end - start)), value);
}

/** An ENC_ASCII string field, with Wireshark's warning when a NUL hides bytes after it. */
function addString(pinfo: PacketInfo, f: FieldDef, data: Uint8Array, start: number, end: number): void {
  const tree = pinfo.tree;
  if (tree.detailed || tree.wants(f)) tree.add(f, start, end - start, asciiField(data, start, end));
  if (hasStrayAfterNul(data, start, end)) expert(pinfo, start, end - start, "warn", "Trailing stray characters");
}

function ipv4Of(addr: Uint8Array | null): number {
  return addr && addr.length === 4 ? u32(addr, 0) : -1;
}

export const ftp = {
  name: "ftp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const state = pinfo.state.get("ftp", () => new FtpState());
    // Quoted inside an ICMP error: fields only, no columns and no state.
    const quoted = pinfo.inErrorPacket;
    const conv = conversationFor(state, pinfo, !quoted);
    if (conv.tlsFromFrame !== 0 && pinfo.num >= conv.tlsFromFrame) return handOffToTls(data, offset, end, pinfo);

    const tree = pinfo.tree;
    const firstPass = !pinfo.visited && !quoted;
    // Wireshark: a request when the port the table matched (21) is the destination.
    const isRequest = pinfo.dstPort === FTP_PORT;
    if (!quoted) pinfo.protocol = "FTP";
    enterLayer(pinfo, "ftp");

    // First line: up to CR, LF or the end of the segment; next is after CRLF/CR/LF.
    let lineEnd = offset;
    while (lineEnd < end && data[lineEnd] !== CR && data[lineEnd] !== LF) lineEnd++;
    let next = lineEnd;
    if (lineEnd < end) {
      next = lineEnd + 1;
      if (data[lineEnd] === CR && next < end && data[next] === LF) next++;
    }
    const lineLen = lineEnd - offset;
    if (pinfo.wantColumns && !quoted) pinfo.info = `${isRequest ? "Request" : "Response"}: ${formatText(data, offset, lineEnd)}`;

    tree.open(ftpFields[""], offset, end - offset);
    tree.add(ftpFields.request, offset, 0, isRequest, HIDDEN);
    tree.add(ftpFields.response, offset, 0, !isRequest, HIDDEN);
    tree.open(textItemField, offset, next - offset, null, tree.detailed ? formatText(data, offset, next) : undefined);

    let argStart: number;
    let tokenLen = 0;
    let isPort = false;
    let isEprt = false;
    let code = -1;
    if (isRequest) {
      // The command is the first token; the argument starts after the blanks
      // that follow it (Wireshark's get_token_len).
      let t = offset;
      while (t < lineEnd && data[t] !== SP) t++;
      tokenLen = t - offset;
      while (t < lineEnd && data[t] === SP) t++;
      argStart = t;
      if (tokenLen !== 0) {
        addString(pinfo, ftpFields["request.command"], data, offset, offset + tokenLen);
        // Compared over the token's length only, so "P" counts as PORT and "EP" as EPRT.
        if (strnEq(data, offset, "PORT", tokenLen)) isPort = true;
        else if (strnEq(data, offset, "EPRT", tokenLen)) isEprt = true;
      }
      if (firstPass) {
        const line = cString(data, offset, lineEnd);
        conv.lastCommand = line;
        conv.lastCommandFrame = pinfo.num;
        if (lineLen === 8 && strnEq(data, offset, "AUTH TLS", 8)) conv.tlsRequested = true;
        // The first request after an announcement is what its data answers
        // (right for PASV/PORT + RETR, wrong when e.g. SIZE comes first).
        const dc = conv.currentData;
        if (dc && dc.command === null) {
          dc.command = line;
          dc.commandFrame = pinfo.num;
          state.dataByFrame.set(pinfo.num, dc);
          state.dataByFrame.set(conv.currentDataSetupFrame, dc);
        }
      }
    } else if (lineLen >= 3 && isDigit(data[offset]!) && isDigit(data[offset + 1]!) && isDigit(data[offset + 2]!)) {
      // RFC 959 §4.2: a reply line starting with three digits (single line,
      // or first/last line of a multi-line reply). Whatever the 4th byte is,
      // the argument starts after it.
      code = (data[offset]! - 0x30) * 100 + (data[offset + 1]! - 0x30) * 10 + (data[offset + 2]! - 0x30);
      tree.add(ftpFields["response.code"], offset, 3, code);
      if (code === 234 && conv.tlsRequested && firstPass) {
        conv.tlsFromFrame = pinfo.num + 1;
        conv.tlsRequested = false;
        startTls(pinfo, "ftp");
      }
      if (code === 250 && firstPass && conv.lastCommand !== null) {
        if (conv.lastCommand.startsWith("CWD ")) processCwdSuccess(conv, conv.lastCommand.slice(4));
        else if (conv.lastCommand.startsWith("CDUP")) processCwdSuccess(conv, "..");
      }
      if (code === 257 && firstPass && lineLen >= 4) processPwdSuccess(conv, data, offset + 4, lineEnd, pinfo);
      argStart = lineLen >= 4 ? offset + 4 : lineEnd;
    } else {
      // A line inside a multi-line reply: all of it is the argument.
      argStart = offset;
    }

    const argLen = lineEnd - argStart;
    if (argLen !== 0) addString(pinfo, isRequest ? ftpFields["request.arg"] : ftpFields["response.arg"], data, argStart, lineEnd);

    if (isPort && parsePortPasv(data, argStart, lineEnd)) {
      // RFC 959 §4.1.2 PORT h1,h2,h3,h4,p1,p2: the client listens there; the
      // server connects from its port 20 (L-1).
      const ip = pIp;
      const port = pPort;
      addAt(pinfo, ftpFields["active.cip"], offset, end, pOffset + tokenLen + 1, pIpLen, ip);
      addAt(pinfo, ftpFields["active.port"], offset, end, pOffset + 1 + tokenLen + 1 + pIpLen, pPortLen, port);
      if (ipv4Of(pinfo.srcAddr) !== ip) tree.add(ftpFields["active.nat"], offset, 0, true);
      if (firstPass) announce(pinfo, conv, pinfo.netDst, 20, ipv4ToString(ip), "PORT");
    }

    if (code === 227 && argLen !== 0 && parsePortPasv(data, argStart, lineEnd)) {
      // RFC 959 §4.1.2 PASV: "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)";
      // the data connection goes to the address named, from any client port.
      const ip = pIp;
      const port = pPort;
      addAt(pinfo, ftpFields["passive.ip"], offset, end, pOffset + 4, pIpLen, ip);
      addAt(pinfo, ftpFields["passive.port"], offset, end, pOffset + 4 + 1 + pIpLen, pPortLen, port);
      if (ipv4Of(pinfo.srcAddr) !== ip) tree.add(ftpFields["passive.nat"], offset, 0, true);
      if (firstPass) announce(pinfo, conv, ipv4ToString(ip), port, pinfo.netDst, "PASV");
    }

    if (isEprt) {
      if (parseEprt(data, argStart, lineEnd)) {
        // Positions assume one space and a one-digit family, as Wireshark does.
        const af = pAf;
        const port = pPort;
        addAt(pinfo, ftpFields["eprt.af"], offset, end, tokenLen + 2, 1, af);
        let addr: string;
        if (af === 1) {
          addAt(pinfo, ftpFields["eprt.ip"], offset, end, tokenLen + 4, pIpLen, pIp);
          addr = ipv4ToString(pIp);
        } else {
          const v6 = pIpv6!;
          addAt(pinfo, ftpFields["eprt.ipv6"], offset, end, tokenLen + 4, pIpLen, v6);
          addr = ipv6ToString(v6);
        }
        addAt(pinfo, ftpFields["eprt.port"], offset, end, tokenLen + 4 + pIpLen + 1, pPortLen, port);
        // Wireshark keys this on the client (the request's source) and the
        // EPRT address, not the server: real data connections never match.
        if (firstPass) announce(pinfo, conv, pinfo.netSrc, port, addr, "EPRT");
      } else {
        expert(pinfo, Math.max(offset, next - argLen - 1), argLen, "warn", "EPRT arguments must have the form: |<family>|<addr>|<port>|");
      }
    }

    if (code === 229 && argLen !== 0) {
      if (parseEpsv(data, argStart, lineEnd)) {
        // RFC 2428 §3: same network address as the control connection.
        const src = pinfo.srcAddr;
        if (src && src.length === 4) tree.add(ftpFields["epsv.ip"], offset, 0, u32(src, 0), GENERATED);
        else if (src && src.length === 16) tree.add(ftpFields["epsv.ipv6"], offset, 0, src, GENERATED);
        addAt(pinfo, ftpFields["epsv.port"], offset, end, pOffset + 4, pPortLen, pPort);
        if (firstPass) announce(pinfo, conv, pinfo.netSrc, pPort, pinfo.netDst, "EPASV");
      } else {
        expert(pinfo, Math.max(offset, next - argLen - 1), argLen, "warn", "EPSV arguments must have the form (|||<port>|)");
      }
    }
    tree.close();

    // The rest of the segment, a text item per line (continuation lines of a
    // multi-line reply, pipelined commands): not parsed, as in Wireshark.
    if (tree.detailed) {
      let o = next;
      while (o < end) {
        let e = o;
        while (e < end && data[e] !== CR && data[e] !== LF) e++;
        if (e < end) e += data[e] === CR && e + 1 < end && data[e + 1] === LF ? 2 : 1;
        tree.add(textItemField, o, e - o, null, 0, formatText(data, o, e));
        o = e;
      }
    }
    tree.close();

    // Generated items sit beside the FTP item, as in Wireshark.
    let cwd: string | undefined;
    if (firstPass) {
      cwd = conv.cwd.value;
      state.cwdByFrame.set(pinfo.num, cwd);
    } else cwd = quoted ? conv.cwd.value : state.cwdByFrame.get(pinfo.num);
    if (cwd !== undefined) tree.add(ftpFields["current-working-directory"], offset, 0, cwd, GENERATED);

    // Links between command/setup frames and their data, known once the whole
    // capture was dissected: re-dissection (details pane) only.
    if (pinfo.visited) {
      const dc = state.dataByFrame.get(pinfo.num);
      if (dc) {
        if (pinfo.num === dc.commandFrame) {
          tree.add(ftpFields["command-response.frames"], offset, 0, dc.framesSeen, GENERATED);
          tree.add(ftpFields["command-response.bytes"], offset, 0, dc.bytesSeen, GENERATED);
          tree.add(ftpFields["command-response.first-frame-num"], offset, 0, dc.firstFrameNum, GENERATED);
          tree.add(ftpFields["command-response.last-frame-num"], offset, 0, dc.lastFrameNum, GENERATED);
          if (dc.framesSeen > 1) {
            // Rounded to the nearest ms with C integer division.
            const gapMs = (dc.lastSec - dc.firstSec) * 1000 + Math.trunc((dc.lastNsec - dc.firstNsec + 500000) / 1000000);
            tree.add(ftpFields["command-response.duration"], offset, 0, gapMs >>> 0, GENERATED);
            const kbps = (dc.bytesSeen * 8) / (gapMs / 1000) / 1000;
            tree.add(ftpFields["command-response.bitrate"], offset, 0, Number.isFinite(kbps) ? Math.trunc(kbps) >>> 0 : 0, GENERATED);
          }
          tree.add(ftpFields["setup-frame"], offset, 0, dc.setupFrame, GENERATED);
        }
        if (pinfo.num === dc.setupFrame) {
          tree.add(ftpFields.command, offset, 0, dc.command, GENERATED);
          tree.add(ftpFields["command-frame"], offset, 0, dc.commandFrame, GENERATED);
        }
      }
    }
    return end - offset;
  },
};

register("tcp.port", FTP_PORT, ftp);
