/**
 * The file names tshark 4.0's `--export-objects http,DIR` gives objects
 * (ui/cli/tap-exportobject.c eo_draw, epan/export_object.c): the basename of
 * the request URI (GLib's g_path_get_basename), every character Windows
 * forbids in a name and every control character written as %xx, names past
 * 255 characters cut keeping the extension, and a name already taken in the
 * folder numbered "name(1).ext", "name(2).ext"… (at most 1000 tries, then
 * the last name is overwritten, as tshark does). An object with no request
 * URI is "object<frame>.<content type>" (eo_ct2ext returns the content type
 * itself, so "text/html" becomes "text%2fhtml").
 *
 * The result never names a path outside the folder: '/' and '\' are
 * escaped, and "." and ".." are taken (they exist in every folder).
 */

const MAX_NAME = 255;
/** tshark's gui.max_export_objects default: tries before giving up on a free name. */
const MAX_TRIES = 1000;
/** What eo_massage_str rejects: Windows' forbidden name characters and the control characters 0x01-0x1f. */
const isRejected = (c: number): boolean => (c >= 0x01 && c <= 0x1f) || '<>:"/\\|?*'.includes(String.fromCharCode(c));

/** g_path_get_basename: the last component, trailing separators ignored; "." for "", "/" for only separators. */
export function pathBasename(path: string): string {
  if (path === "") return ".";
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  if (end === 0) return "/";
  const slash = path.lastIndexOf("/", end - 1);
  return path.slice(slash + 1, end);
}

function rename(name: string, dup: number): string {
  const mark = dup !== 0 ? `(${dup})` : "";
  const dot = name.lastIndexOf(".");
  if (dot >= 0 && name.length - dot + mark.length < MAX_NAME) {
    const ext = name.slice(dot);
    let stem = name.slice(0, dot);
    const room = MAX_NAME - (mark.length + ext.length);
    if (stem.length >= room) stem = stem.slice(0, room);
    return stem + mark + ext;
  }
  const room = MAX_NAME - mark.length;
  return (name.length >= room ? name.slice(0, room) : name) + mark;
}

/** eo_massage_str: forbidden characters as %xx, then numbered and cut to 255 when needed. */
export function massageName(name: string, dup: number): string {
  let escaped = "";
  for (const ch of name) {
    const c = ch.charCodeAt(0);
    escaped += ch.length === 1 && isRejected(c) ? `%${c.toString(16).padStart(2, "0")}` : ch;
  }
  return dup !== 0 || escaped.length > MAX_NAME ? rename(escaped, dup) : escaped;
}

/** The name before numbering: the URI's basename, or object<frame>[.<content type>]. */
export function baseExportName(uri: string | null, frame: number, contentType: string | null): string {
  // Wireshark's strings are C strings: a NUL in the URI ends it (and a file name must never hold one).
  const cut = (s: string): string => s.split("\0", 1)[0]!;
  return uri !== null ? pathBasename(cut(uri)) : cut(`object${frame}${contentType ? `.${contentType}` : ""}`);
}

/**
 * Names for objects written in order into a folder where `exists(name)`
 * says what is already there; each name chosen is taken for the next ones.
 */
export class ExportNamer {
  private readonly taken = new Set<string>([".", ".."]);
  constructor(private readonly exists: (name: string) => boolean = () => false) {}

  next(base: string): string {
    let name = massageName(base, 0);
    for (let dup = 0; this.isTaken(name) && ++dup < MAX_TRIES; ) name = massageName(base, dup);
    this.taken.add(name);
    return name;
  }

  private isTaken(name: string): boolean {
    return this.taken.has(name) || this.exists(name);
  }
}
