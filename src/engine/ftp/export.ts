/**
 * Export Objects → FTP-DATA: which objects to write, under which local names,
 * and the manifest that describes them. Shared by the CLI
 * (`--export-objects ftp-data,DIR`) and the app's "Download all" archive.
 *
 * Objects: every file and listing; then, so that nothing that crossed the
 * wire is lost, the wire bytes of each transfer whose content the file does
 * not reproduce as is (a REST segment, a TYPE A transfer before CRLF→LF, a
 * pget segment, an APPE's appended bytes), and the payload of data
 * connections no command explains: "unattributed" when they behave like FTP
 * data of a session whose commands cannot be read (unattributed.ts), with
 * the session they most likely belong to, how sure that is and why.
 *
 * Local names come from capture text: `safeFileName` keeps only a last path
 * component with no separators, control characters, characters Windows
 * refuses, or reserved device names, so a name can never leave the output
 * directory; duplicates get " (2)", " (3)"… before the extension.
 */
import type { FtpAnalysis, FtpTransferCommand } from "./types";

export interface ManifestEntry {
  /** Full FTP path (listings: the directory listed). */
  name: string;
  /** File name inside the output directory (or archive). */
  path: string;
  /**
   * "file", "listing", "part" (a transfer's wire bytes), "unattributed" (FTP
   * data of a session whose commands cannot be read) or "unexplained" (a
   * data connection no command explains).
   */
  kind: "file" | "listing" | "part" | "unattributed" | "unexplained";
  command: FtpTransferCommand | null;
  direction: "download" | "upload" | null;
  size: number;
  expectedSize: number | null;
  complete: boolean;
  missingRanges: [number, number][];
  md5: string;
  sha256: string;
  mime: string;
  session: number | null;
  controlStream: number | null;
  dataStream: number | null;
  commandFrame: number | null;
  firstFrame: number;
  lastFrame: number;
  /** TYPE in force ("I", "A N"...) and how the data connection was set up. */
  type: string | null;
  transferMode: string | null;
  /** Parts: the transfer, where its bytes sit in the file, and the file's entry path. */
  transfer?: number;
  offset?: number;
  partOf?: string;
  /** Unattributed FTP data: how sure the session (`session`) is, and why. */
  confidence?: "high" | "medium" | "low";
  reasons?: string[];
}

/** File name extensions for the content types magic.ts tells (unattributed data has no name of its own). */
const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "application/zip": "zip",
  "application/gzip": "gz",
  "application/pdf": "pdf",
  "text/plain": "txt",
};

export type ExportSource =
  { kind: "file"; fileId: number } | { kind: "payload"; transferId: number } | { kind: "channel"; dataChannelId: number; direction: 0 | 1 };

export interface ExportItem {
  source: ExportSource;
  entry: ManifestEntry;
}

/** Control characters, separators and what Windows refuses in names. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;
/** Windows device names (any extension): refused as file names there. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_NAME_BYTES = 200;

/** A local file name for a capture-supplied path: its last component, made harmless. */
export function safeFileName(ftpPath: string, fallback = "unnamed"): string {
  const last =
    ftpPath
      .split(/[/\\]/)
      .filter((p) => p !== "")
      .pop() ?? "";
  // Control characters, separators and what Windows refuses become "_"; leading dots and spaces go.
  let name = last
    .replace(UNSAFE, "_")
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (name === "") name = fallback;
  if (RESERVED.test(name)) name = `_${name}`;
  const enc = new TextEncoder();
  if (enc.encode(name).length > MAX_NAME_BYTES) {
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
    let stem = name.slice(0, name.length - ext.length);
    while (enc.encode(stem + ext).length > MAX_NAME_BYTES) stem = [...stem].slice(0, -1).join("");
    name = stem + ext;
  }
  return name;
}

/**
 * Names not yet used in one export folder (case-insensitively, as Windows
 * and macOS compare them): `take(name)` gives `name`, or "name (2).ext",
 * "name (3).ext"… and records it. Where a name's numbering got to is kept,
 * so thousands of files of one name cost no more than thousands of names.
 */
export class UniqueNames {
  private readonly used = new Set<string>();
  /** For a name asked for before: the next number to try. */
  private readonly next = new Map<string, number>();

  constructor(reserved: readonly string[] = []) {
    for (const r of reserved) this.used.add(r.toLowerCase());
  }

  take(name: string): string {
    const key = name.toLowerCase();
    let candidate = name;
    const dot = name.lastIndexOf(".");
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot) : "";
    let n = this.next.get(key) ?? 2;
    if (this.next.has(key) || this.used.has(key)) {
      while (this.used.has((candidate = `${stem} (${n})${ext}`).toLowerCase())) n++;
      n++;
    }
    this.next.set(key, n);
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}

/** The objects to export and their manifest entries, in a stable order (files, then parts, then the rest). */
export function exportPlan(analysis: FtpAnalysis): ExportItem[] {
  const names = new UniqueNames(["manifest.json"]);
  const items: ExportItem[] = [];
  const exported = new Set<string>();
  const pathOfFile = new Map<number, string>();
  for (const f of analysis.files) {
    const session = analysis.sessions[f.sessionId]!;
    const base =
      f.kind === "listing"
        ? `${f.command}${f.name === "/" ? "-root" : `-${safeFileName(f.name)}`}.txt`
        : safeFileName(f.baseName || f.name, f.command.toLowerCase());
    const path = names.take(base);
    pathOfFile.set(f.id, path);
    exported.add(f.sha256);
    items.push({
      source: { kind: "file", fileId: f.id },
      entry: {
        name: f.name,
        path,
        kind: f.kind,
        command: f.command,
        direction: f.direction,
        size: f.size,
        expectedSize: f.expectedSize,
        complete: f.complete,
        missingRanges: f.missingRanges.map(([s, e]) => [s, e]),
        md5: f.md5,
        sha256: f.sha256,
        mime: f.mime,
        session: f.sessionId,
        controlStream: session.controlStream,
        dataStream: f.dataStream,
        commandFrame: f.commandFrame,
        firstFrame: f.firstFrame,
        lastFrame: f.lastFrame,
        type: f.type,
        transferMode: f.transferMode,
      },
    });
  }
  // Transfers whose wire bytes no exported file reproduces.
  for (const t of analysis.transfers) {
    if (t.payloadSha256 === null || t.payloadMd5 === null || exported.has(t.payloadSha256)) continue;
    exported.add(t.payloadSha256);
    const file = t.fileId !== null ? analysis.files[t.fileId]! : null;
    const session = analysis.sessions[t.sessionId]!;
    const stem = safeFileName(t.path ?? t.argument, t.command.toLowerCase());
    const path = names.take(`${stem}.t${t.id}.part`);
    items.push({
      source: { kind: "payload", transferId: t.id },
      entry: {
        name: t.path ?? t.argument,
        path,
        kind: "part",
        command: t.command,
        direction: t.direction,
        size: t.payloadSize,
        expectedSize: null,
        complete: t.payloadMissing.length === 0,
        missingRanges: t.payloadMissing.map(([s, e]) => [s, e]),
        md5: t.payloadMd5,
        sha256: t.payloadSha256,
        mime: file?.mime ?? "application/octet-stream",
        session: t.sessionId,
        controlStream: session.controlStream,
        dataStream: t.dataStream,
        commandFrame: t.commandFrame,
        firstFrame: t.firstDataFrame,
        lastFrame: t.lastDataFrame,
        type: t.type,
        transferMode: file?.transferMode ?? null,
        transfer: t.id,
        offset: t.restOffset,
        ...(t.fileId !== null ? { partOf: pathOfFile.get(t.fileId)! } : {}),
      },
    });
  }
  // Data connections no command explains, each direction that carried bytes, as they are.
  for (const dc of analysis.dataChannels) {
    if (!dc.unexplained || dc.encrypted) continue;
    const session = dc.sessionId !== null ? analysis.sessions[dc.sessionId]! : null;
    for (const direction of [0, 1] as const) {
      const sha256 = dc.sha256[direction];
      const md5 = dc.md5[direction];
      if (sha256 === null || md5 === null || exported.has(sha256)) continue;
      exported.add(sha256);
      const a = dc.attribution;
      const way = direction === 0 ? "to-server" : "to-client";
      items.push({
        source: { kind: "channel", dataChannelId: dc.id, direction },
        entry: {
          name: `tcp.stream ${dc.stream} ${direction === 0 ? "client to server" : "server to client"}`,
          path: names.take(a ? `unattributed-stream-${dc.stream}-${way}.${EXTENSIONS[a.mime] ?? "bin"}` : `unexplained-stream-${dc.stream}-${way}.bin`),
          kind: a ? "unattributed" : "unexplained",
          command: null,
          direction: direction === 0 ? "upload" : "download",
          size: dc.bytes[direction],
          expectedSize: null,
          complete: dc.missing[direction] === 0,
          missingRanges: [],
          md5,
          sha256,
          mime: a?.mime ?? "application/octet-stream",
          session: dc.sessionId,
          controlStream: session ? session.controlStream : null,
          dataStream: dc.stream,
          commandFrame: null,
          firstFrame: dc.firstDataFrame,
          lastFrame: dc.lastDataFrame,
          type: null,
          transferMode: `${dc.mode}${dc.method !== "none" ? ` (${dc.method})` : ""}`,
          ...(a ? { confidence: a.confidence, reasons: [...a.reasons] } : {}),
        },
      });
    }
  }
  return items;
}
