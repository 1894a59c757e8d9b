/**
 * Counting the bindings of a Contact header for REGISTER's Info, as
 * Wireshark's dissect_sip_contact_item walks them: contacts separated by
 * commas (outside quotes and <...>), each with or without an "expires"
 * parameter after its address (RFC 3261 §10.2.1.1, §20.10).
 */

export interface ContactCount {
  contacts: number;
  /** Contacts whose expires parameter is 0 (bindings removed). */
  expires0: number;
  /** Contacts with no expires parameter (the Expires header decides). */
  expiresUnknown: number;
}

const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

/** True when data[at...) starts with `s` case-insensitively (s is lower-case ASCII). */
function startsCi(data: Uint8Array, at: number, end: number, s: string): boolean {
  if (end - at < s.length) return false;
  for (let k = 0; k < s.length; k++) if (lower(data[at + k]!) !== s.charCodeAt(k)) return false;
  return true;
}

/** The contact-params of one contact at [start, end): whether it names expires, and whether that is 0. */
function expiresOf(data: Uint8Array, start: number, end: number): "none" | "zero" | "other" {
  for (let i = start; i < end; i++) {
    if (data[i] !== 0x3b) continue;
    let p = i + 1;
    while (p < end && (data[p] === 0x20 || data[p] === 0x09)) p++;
    if (!startsCi(data, p, end, "expires")) continue;
    p += 7;
    while (p < end && (data[p] === 0x20 || data[p] === 0x09)) p++;
    if (data[p] !== 0x3d) continue;
    p++;
    while (p < end && (data[p] === 0x20 || data[p] === 0x09)) p++;
    let q = p;
    while (q < end && data[q] !== 0x3b && data[q] !== 0x20 && data[q] !== 0x09) q++;
    return q - p === 1 && data[p] === 0x30 ? "zero" : "other";
  }
  return "none";
}

/** Adds the contacts of the value at [start, end) to `count`; a contact whose "<" is never closed ends the walk uncounted. */
export function countContacts(data: Uint8Array, start: number, end: number, count: ContactCount): void {
  let itemStart = start;
  let paramsFrom = -1;
  let inQuote = false;
  let inAngle = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? data[i]! : 0x2c;
    if (inQuote) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inQuote = false;
      continue;
    }
    if (inAngle) {
      if (c === 0x3e) {
        inAngle = false;
        paramsFrom = i + 1;
      } else if (i === end) return;
      continue;
    }
    if (c === 0x22) inQuote = true;
    else if (c === 0x3c) inAngle = true;
    else if (c === 0x2c) {
      let from = paramsFrom >= 0 ? paramsFrom : itemStart;
      while (from < i && (data[from] === 0x20 || data[from] === 0x09)) from++;
      if (from < i || paramsFrom >= 0) {
        count.contacts++;
        const e = expiresOf(data, from, i);
        if (e === "zero") count.expires0++;
        else if (e === "none") count.expiresUnknown++;
      }
      itemStart = i + 1;
      paramsFrom = -1;
    }
  }
}
