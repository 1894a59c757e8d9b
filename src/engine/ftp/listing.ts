/**
 * Directory listings carried by data connections:
 * - LIST (RFC 959 §4.1.3): no standard format; in practice `ls -l` lines
 *   ("drwxr-xr-x 2 0 0 4096 Jan 02 03:04 name") or MS-DOS/IIS lines
 *   ("01-02-24  03:04AM  <DIR>  name");
 * - NLST: one name per line;
 * - MLSD (RFC 3659 §7): "fact=value;fact=value; name" with type, size, modify.
 * Lines that fit no form are kept with type "unknown" and the whole line as name.
 */
import type { FtpListingEntry, FtpTransferCommand } from "./types";

const UNIX =
  /^([-dlbcps])([-rwxsStTl]{9})[+.@]?\s+\d+\s+(\S+)\s+(?:(\S+)\s+)?(\d+)\s+([A-Za-z]{3}\s+\d{1,2}\s+(?:\d{1,2}:\d{2}|\d{4}))\s(.*)$/;
const DOS = /^(\d{2}-\d{2}-\d{2,4}\s+\d{1,2}:\d{2}(?:[AP]M)?)\s+(<DIR>|\d+)\s+(.*)$/i;

function unixEntry(line: string): FtpListingEntry | null {
  const m = UNIX.exec(line);
  if (!m) return null;
  const kind = m[1]!;
  let name = m[7]!;
  const type = kind === "d" ? "dir" : kind === "l" ? "link" : kind === "-" ? "file" : "unknown";
  if (type === "link") {
    const arrow = name.indexOf(" -> ");
    if (arrow >= 0) name = name.slice(0, arrow);
  }
  // With only one of owner/group present the regex shifts: the size is still the last number before the date.
  return { name, type, size: Number(m[5]), date: m[6]!.replace(/\s+/g, " "), permissions: kind + m[2]!, raw: line };
}

function dosEntry(line: string): FtpListingEntry | null {
  const m = DOS.exec(line);
  if (!m) return null;
  const dir = m[2]!.toUpperCase() === "<DIR>";
  return {
    name: m[3]!,
    type: dir ? "dir" : "file",
    size: dir ? null : Number(m[2]),
    date: m[1]!.replace(/\s+/g, " "),
    permissions: null,
    raw: line,
  };
}

/** RFC 3659 §2.3 time-val "YYYYMMDDHHMMSS[.sss]" (UTC) as ISO 8601. */
function mlsdTime(v: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?$/.exec(v);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ""}Z` : v;
}

function mlsdEntry(line: string): FtpListingEntry {
  // RFC 3659 §7.2: facts end with ";", one space, then the name (which may contain anything).
  const sp = line.indexOf(" ");
  if (sp < 0 || !line.slice(0, sp).includes("="))
    return { name: line.trim(), type: "unknown", size: null, date: null, permissions: null, raw: line };
  const facts = new Map<string, string>();
  for (const f of line.slice(0, sp).split(";")) {
    const eq = f.indexOf("=");
    if (eq > 0) facts.set(f.slice(0, eq).toLowerCase(), f.slice(eq + 1));
  }
  const t = (facts.get("type") ?? "").toLowerCase();
  const type: FtpListingEntry["type"] =
    t === "file"
      ? "file"
      : t === "dir"
        ? "dir"
        : t === "cdir"
          ? "cdir"
          : t === "pdir"
            ? "pdir"
            : t.startsWith("os.unix=slink") || t.startsWith("os.unix=symlink")
              ? "link"
              : "unknown";
  const size = facts.get("size") ?? facts.get("sizd");
  const modify = facts.get("modify");
  return {
    name: line.slice(sp + 1),
    type,
    size: size !== undefined && /^\d+$/.test(size) ? Number(size) : null,
    date: modify ? mlsdTime(modify) : null,
    permissions: facts.get("perm") ?? facts.get("unix.mode") ?? null,
    raw: line,
  };
}

/** Entries of a listing's text (CRLF or LF lines). */
export function parseListing(command: FtpTransferCommand, text: string): FtpListingEntry[] {
  const out: FtpListingEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") continue;
    if (command === "NLST") {
      out.push({ name: line, type: "unknown", size: null, date: null, permissions: null, raw: line });
      continue;
    }
    if (command === "MLSD") {
      out.push(mlsdEntry(line));
      continue;
    }
    // "total 12" heads ls -l output.
    if (/^total \d+$/.test(line)) continue;
    out.push(unixEntry(line) ?? dosEntry(line) ?? { name: line, type: "unknown", size: null, date: null, permissions: null, raw: line });
  }
  return out;
}
