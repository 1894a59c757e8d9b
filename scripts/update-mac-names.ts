/**
 * Regenerates src/engine/dissect/mac-names/data.ts, the compact copy of
 * Wireshark's MAC address name tables that the engine resolves Ethernet
 * addresses with (`Broadcast`, `IntelCor_8b:f9:de`, `IPv6mcast_16`…):
 *
 *   npx tsx scripts/update-mac-names.ts [MANUF] [WKA]
 *
 * Defaults: /usr/share/wireshark/manuf and /usr/share/wireshark/wka, the files
 * tshark itself reads (Debian's libwireshark-data). `manuf` is the IEEE
 * registries (MA-L 24-bit OUIs, MA-M /28, MA-S /36, IAB and CID) with
 * Wireshark's 8-character short names; `wka` is Wireshark's list of
 * well-known (mostly group) addresses and ranges.
 *
 * The lines are read the way Wireshark 4.0's epan/addr_resolv.c reads them
 * (parse_ether_line and friends), so the tables hold what tshark's do,
 * quirks included:
 *  - text after '#' is dropped; the address and the short name are the first
 *    two tokens split on spaces or tabs, the long name the next tab-separated
 *    token; names are cut at 63 bytes (MAXNAMELEN);
 *  - a 3-byte address is an OUI, a 6-byte one an exact name, anything with a
 *    /mask (manuf's /28 and /36 blocks, wka's ranges) a "well-known address"
 *    keyed by the masked address only (the mask itself is not kept, so a
 *    lookup at any mask that masks to the same bytes finds it, as in
 *    Wireshark);
 *  - the octet buffer is reused between lines (masked octets that a short
 *    address did not write keep the previous line's bytes);
 *  - a later entry for the same key replaces the earlier one (manuf first,
 *    then wka).
 *
 * Encoding (decoded lazily by mac-names/tables.ts): names are deduplicated
 * and joined with "\n"; each table is a string of little-endian base-32
 * varints (one character per 5 bits, characters 32–63 of the alphabet say
 * "more digits follow"): key delta from the previous key (tables are sorted
 * by key), then name indexes.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeVarint as varint } from "../src/engine/dissect/mac-names/varint";
import { StringTable } from "../src/engine/index/string-table";

const ROOT = join(import.meta.dirname, "..");
const OUT = join(ROOT, "src/engine/dissect/mac-names/data.ts");
const MAXNAMELEN = 64;

interface Parsed {
  /** Only the first `octets` are meaningful for an OUI; 6 for the rest. */
  addr: number[];
  /** 0: OUI, 48: exact address, else a masked range. */
  mask: number;
  name: string;
  longName: string;
}

/** g_strlcpy into a MAXNAMELEN buffer: at most 63 bytes of UTF-8. */
function cut(s: string): string {
  const b = Buffer.from(s, "utf8");
  return b.length < MAXNAMELEN ? s : b.subarray(0, MAXNAMELEN - 1).toString("utf8").replace(/\uFFFD$/, "");
}

/** strtok: the next token after skipping delimiters, and where scanning resumes. */
function strtok(s: string, from: number, delims: string): { token: string; next: number } | null {
  let i = from;
  while (i < s.length && delims.includes(s[i]!)) i++;
  if (i >= s.length) return null;
  let j = i;
  while (j < s.length && !delims.includes(s[j]!)) j++;
  return { token: s.slice(i, j), next: j < s.length ? j + 1 : j };
}

const HEX = /^[0-9A-Fa-f]$/;

/** parse_ether_address (the general path; the fast path accepts a subset with the same result). */
function parseAddress(cp: string, buf: number[]): number | null {
  let sep = "";
  let at = 0;
  for (let i = 0; i < 6; i++) {
    if (!HEX.test(cp[at] ?? "")) return null;
    let end = at;
    while (HEX.test(cp[end] ?? "")) end++;
    const num = parseInt(cp.slice(at, end), 16);
    if (num > 0xff) return null;
    buf[i] = num;
    at = end;
    const c = cp[at];
    if (c === "/") {
      at++;
      const m = /^\d+/.exec(cp.slice(at));
      if (!m) return null;
      at += m[0].length;
      if (at < cp.length && !/\s/.test(cp[at]!)) return null;
      let bits = parseInt(m[0], 10);
      if (bits === 0 || bits >= 48) return null;
      const mask = bits;
      let k = 0;
      for (; bits >= 8; k++, bits -= 8);
      buf[k] = buf[k]! & ((0xff << (8 - bits)) & 0xff);
      for (k++; k < 6; k++) buf[k] = 0;
      return mask;
    }
    if (c === undefined) {
      if (i === 2) return 0;
      if (i === 5) return 48;
      return null;
    }
    if (sep === "") {
      if (c !== ":" && c !== "-" && c !== ".") return null;
      sep = c;
    } else if (c !== sep) return null;
    at++;
  }
  return 48;
}

function parseFile(path: string, buf: number[], out: Parsed[]): void {
  for (const raw of readFileSync(path, "utf8").split("\n")) {
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const hash = line.indexOf("#");
    if (hash >= 0) line = line.slice(0, hash).trimEnd();
    const addr = strtok(line, 0, " \t");
    if (!addr) continue;
    const mask = parseAddress(addr.token, buf);
    if (mask === null) continue;
    const name = strtok(line, addr.next, " \t");
    if (!name) continue;
    const longName = strtok(line, name.next, "\t");
    out.push({ addr: buf.slice(), mask, name: cut(name.token), longName: cut(longName ? longName.token : name.token) });
  }
}

function encode(table: Map<number, number[]>): string {
  let s = "";
  let prev = 0;
  for (const key of [...table.keys()].sort((a, b) => a - b)) {
    s += varint(key - prev) + table.get(key)!.map(varint).join("");
    prev = key;
  }
  return s;
}

function main(): void {
  const manufPath = process.argv[2] ?? "/usr/share/wireshark/manuf";
  const wkaPath = process.argv[3] ?? "/usr/share/wireshark/wka";
  const entries: Parsed[] = [];
  // One buffer across both files, as Wireshark's static ether_t.
  const buf = [0, 0, 0, 0, 0, 0];
  parseFile(manufPath, buf, entries);
  parseFile(wkaPath, buf, entries);

  const short = new StringTable();
  const long = new StringTable();
  const oui = new Map<number, number[]>();
  const ranges = new Map<number, number[]>();
  const exact = new Map<number, number[]>();
  const key48 = (a: number[]): number => a[0]! * 2 ** 40 + a[1]! * 2 ** 32 + ((a[2]! << 24) >>> 0) + (a[3]! << 16) + (a[4]! << 8) + a[5]!;
  for (const e of entries) {
    if (e.mask === 0) oui.set((e.addr[0]! << 16) | (e.addr[1]! << 8) | e.addr[2]!, [short.intern(e.name), long.intern(e.longName)]);
    else if (e.mask === 48) exact.set(key48(e.addr), [short.intern(e.name)]);
    else ranges.set(key48(e.addr), [short.intern(e.name)]);
  }

  let version = "unknown";
  try {
    version = execFileSync("dpkg-query", ["-W", "-f=${Version}", "libwireshark-data"], { encoding: "utf8" });
  } catch {
    // Not a Debian system: the header says so.
  }
  const stamp = /^#\s+(https:\/\/standards-oui\.ieee\.org\/oui\/oui\.csv:\n#.*\n#\s+Last-Modified:.*)$/m.exec(readFileSync(manufPath, "utf8"));
  const text = `/**
 * GENERATED by scripts/update-mac-names.ts — do not edit; run the script.
 *
 * MAC address names as Wireshark resolves them, from Wireshark's data files
 * (Debian libwireshark-data ${version}, the files tshark 4.0 reads):
 *  - manuf: the IEEE registration authority's public listings (MA-L OUIs,
 *    MA-M /28 and MA-S /36 blocks, IAB, CID) merged by Wireshark with its
 *    short (8-character) vendor names${stamp ? `; IEEE oui.csv ${stamp[1]!.split("\n").pop()!.replace(/^#\s+/, "")}` : ""};
 *  - wka: Wireshark's well-known addresses (Broadcast, group addresses and
 *    ranges).
 * Wireshark and its data files are GPL-2.0-or-later (Gerald Combs and
 * contributors); the IEEE listings are public registration data.
 *
 * ${oui.size} OUIs, ${ranges.size} masked ranges, ${exact.size} exact addresses.
 * Encoding: see scripts/update-mac-names.ts; decoded by ./tables.ts.
 */
export const SHORT_NAMES = ${JSON.stringify(short.strings.join("\n"))};
export const LONG_NAMES = ${JSON.stringify(long.strings.join("\n"))};
/** Per OUI: key delta, short name index, long name index. */
export const OUIS = ${JSON.stringify(encode(oui))};
/** Per masked range (48-bit masked address): key delta, short name index. */
export const RANGES = ${JSON.stringify(encode(ranges))};
/** Per exact address: key delta, short name index. */
export const EXACT = ${JSON.stringify(encode(exact))};
`;
  writeFileSync(OUT, text);
  console.log(`${OUT}: ${oui.size} OUIs, ${ranges.size} ranges, ${exact.size} exact, ${short.strings.length} short and ${long.strings.length} long names, ${text.length} characters`);
}

main();
