/**
 * Domain names (RFC 1035 §3.1, §4.1.4): labels, compression pointers and
 * RFC 2673 bitstring labels, expanded as Wireshark 4.0's get_dns_name /
 * expand_dns_name do, with the same limits and the same "<...>" markers.
 */
import { g8, truncated } from "../../bytes";
import { formatText } from "../../format-text";

/** Wireshark's MAX_DNAME_LEN: the expanded-name buffer size (and pointer-follow limit). */
const MAX_DNAME_LEN = 255;
const MIN_DNAME_LEN = 2;

/** Result of the last getDnsName call (module scratch: no allocation per name). */
const nameBuf = new Uint8Array(MAX_DNAME_LEN + 16);
export interface NameResult {
  /** Bytes the name occupies at its position (not counting what pointers led to). */
  used: number;
  /** Display text: format_text of the expanded name, or a "<...>" marker. */
  text: string;
  /** Wireshark's name_len: bytes of the expanded name (or of the marker). */
  len: number;
  /** The raw C-string (for the "name" Info appends and label counting). */
  raw: string;
}
const nameResult: NameResult = { used: 0, text: "", len: 0, raw: "" };

function printInto(s: string, np: number, maxname: number): [number, number] {
  // snprintf(np, maxname, ...) and Wireshark's "print_len <= maxname" rule.
  const n = s.length;
  if (maxname > 0) {
    if (n <= maxname) {
      for (let k = 0; k < n; k++) nameBuf[np + k] = s.charCodeAt(k);
      return [np + n, maxname - n];
    }
    return [np, 0];
  }
  return [np, maxname];
}

/**
 * get_dns_name(): expands the (possibly compressed) name at `off`. Pointers
 * are relative to `msg` (the start of the DNS message). Loops are cut after
 * MAX_DNAME_LEN pointer hops; a name longer than the buffer becomes
 * "<Name too long>". Throws Truncated where Wireshark throws.
 */
export function getDnsName(d: Uint8Array, off: number, maxLen: number, msg: number, end: number): NameResult {
  const start = off;
  let np = 0;
  let nameLen = 0;
  let len = -1;
  let pointers = 0;
  let maxname = MAX_DNAME_LEN;
  for (;;) {
    if (maxLen && off - start > maxLen - 1) break;
    const comp = g8(d, off, end);
    off++;
    if (comp === 0) break;
    const kind = comp & 0xc0;
    if (kind === 0x00) {
      if (np !== 0) {
        if (maxname > 0) {
          nameBuf[np++] = 0x2e;
          nameLen++;
          maxname--;
        }
      } else {
        maxname--;
      }
      for (let c = comp; c > 0; c--) {
        if (maxLen && off - start > maxLen - 1) truncated();
        if (maxname > 0) {
          nameBuf[np++] = g8(d, off, end);
          nameLen++;
          maxname--;
        }
        off++;
      }
    } else if (kind === 0x40) {
      // Extended label (RFC 2673); only bitstring labels are known.
      if ((comp & 0x3f) === 0x01) {
        const bitCount = g8(d, off, end);
        off++;
        let labelLen = Math.trunc((bitCount - 1) / 8) + 1;
        [np, maxname] = printInto("\\[x", np, maxname);
        while (labelLen-- > 0) {
          if (maxname > 0) [np, maxname] = printInto(hex2(g8(d, off, end)), np, maxname);
          off++;
        }
        if (maxname > 0) [np, maxname] = printInto(`/${bitCount}]`, np, maxname);
      } else {
        len = off - start;
        if (len < 1) truncated();
        return finishName("<Unknown extended label>", len);
      }
    } else if (kind === 0x80) {
      truncated();
    } else {
      const indir = msg + (((comp & 0x3f) << 8) | g8(d, off, end));
      off++;
      pointers++;
      if (len < 0) len = off - start;
      // Wireshark's (odd) trivial-loop test, then the hop limit.
      if (indir === off + 2 || pointers > MAX_DNAME_LEN) {
        if (len < 1) truncated();
        return finishName("<Name contains a pointer that loops>", len);
      }
      off = indir;
    }
  }
  if (len < 0) len = off - start;
  if (maxname <= 0) return finishName("<Name too long>", len);
  // Zero-length name: the root.
  if ((np === 0 || nameBuf[0] === 0) && len <= MIN_DNAME_LEN) return finishName("<Root>", len);
  if (len < MIN_DNAME_LEN || (len > MIN_DNAME_LEN && nameLen === 0)) truncated();
  nameResult.used = len;
  nameResult.len = nameLen;
  nameResult.text = formatText(nameBuf, 0, nameLen);
  nameResult.raw = rawCString(nameLen);
  return nameResult;
}

function finishName(special: string, len: number): NameResult {
  // get_dns_name(): anything but the root needs at least two bytes (a marker's name_len is never 0).
  if (special !== "<Root>" && len < MIN_DNAME_LEN) truncated();
  nameResult.used = len;
  nameResult.len = special.length;
  nameResult.text = special;
  nameResult.raw = special;
  return nameResult;
}

/** The expanded name as the C string Wireshark appends with "%s" (stops at a NUL). */
function rawCString(n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    const c = nameBuf[i]!;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return formatTextString(s);
}

function formatTextString(s: string): string {
  // Raw bytes go to the Info column as-is in C; here they must become text. Use format_text rules.
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return formatText(b, 0, b.length);
}

function hex2(v: number): string {
  return (v < 16 ? "0" : "") + v.toString(16);
}

/** qname_labels_count(): dots + 1 for names longer than one byte. */
export function labelCount(text: string, nameLen: number): number {
  if (nameLen <= 1) return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x2e) n++;
  return n;
}
