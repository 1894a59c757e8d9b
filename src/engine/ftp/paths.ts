/**
 * Server paths as the session sees them: the current directory (CWD, CDUP,
 * PWD's 257 reply) joined with command arguments. FTP paths are opaque
 * strings to the protocol (RFC 959 §3.2 leaves the syntax to the server);
 * these helpers assume the Unix syntax every server in practice uses and
 * never touch the local file system (see export.ts for local names).
 */

/** `base` + `arg` with "." and ".." resolved; an absolute `arg` replaces `base`. */
export function joinPath(base: string, arg: string): string {
  const abs = arg.startsWith("/");
  const parts = abs ? [] : base.split("/").filter((p) => p !== "");
  for (const p of arg.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return `/${parts.join("/")}`;
}

/** The parent of a path ("/" stays "/"). */
export function parentPath(path: string): string {
  return joinPath(path, "..");
}

/** The last component ("" for "/"). */
export function baseName(path: string): string {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/**
 * RFC 959 Appendix II: the 257 reply names the directory between double
 * quotes, a doubled quote standing for one ("/a""b" is /a"b). Returns null
 * when the text does not start with a quoted name.
 */
export function parse257(text: string): string | null {
  const open = text.indexOf('"');
  if (open < 0) return null;
  let out = "";
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      if (text[i + 1] === '"') {
        out += '"';
        i++;
        continue;
      }
      return out;
    }
    out += c;
  }
  return null;
}
