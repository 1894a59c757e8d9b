/**
 * The "Files" view (NetworkMiner's Files tab, Wireshark's Export Objects →
 * FTP-DATA and HTTP): above, every file and listing FTP moved, with size against the size
 * the server announced, completeness, MD5 and SHA-256, session and frames; a
 * preview of the selected one (text, images through a blob: URL, listing
 * entries); "Download <name>" per file and "Download all" (a zip with
 * manifest.json, built in the worker); then the unattributed FTP data
 * (UnattributedFtp.tsx: data connections of sessions whose commands cannot
 * be read, in the archive too); below, the HTTP objects (HttpObjects.tsx).
 *
 * File names and contents come from the capture: shown as text only; images
 * are decoded by <img> from a blob: URL (the page's CSP allows img blob:).
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { ManifestEntry } from "../../engine/ftp/export";
import type { FtpAnalysisSummary, FtpFileSummary } from "../../engine/ftp/transcript";
import type { FtpListingEntry } from "../../engine/ftp/types";
import { useCaptureStore } from "../../store/capture-store";
import { copyText } from "../details/clipboard";
import { FtpStatus, rowKeys } from "../sessions/SessionsView";
import { formatBytes } from "../sessions/format";
import { FrameLink } from "../sessions/FrameLink";
import { useFtp, useFtpStore } from "../sessions/ftp-store";
import { selectableRow, Spacer, useVirtualRows } from "../sessions/virtual-rows";
import "../sessions/ftp.css";
import { HttpObjects } from "./HttpObjects";
import { useDownloads } from "./downloads";
import { UnattributedFtp } from "./UnattributedFtp";
import { type UnattributedRow, unattributedRows } from "./unattributed-rows";
import "./files.css";

const PREVIEW_TEXT_BYTES = 64 * 1024;
const PREVIEW_IMAGE_BYTES = 32 << 20;
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/vnd.microsoft.icon"]);

/** The manifest entries of files and listings, by file id (the plan lists them first, in file order). */
function fileEntries(manifest: readonly ManifestEntry[] | null): readonly ManifestEntry[] {
  return manifest?.filter((m) => m.kind === "file" || m.kind === "listing") ?? [];
}

function displayName(f: FtpFileSummary, entry: ManifestEntry | null): string {
  return f.kind === "listing" ? (entry?.path ?? `${f.command} ${f.name}`) : f.baseName || f.name;
}

/**
 * FTP's files, then unattributed FTP data when there is any, above HTTP's
 * objects (FTP's part shrinks to its message when it has no files).
 */
export function FilesView() {
  const { status, analysis, manifest } = useFtp();
  const ready = status === "ready" ? analysis : null;
  const unattributed = useMemo(() => unattributedRows(ready, manifest), [ready, manifest]);
  const ftpEmpty = !ready || ready.files.length === 0;
  return (
    <div className={`files-view${ftpEmpty ? " files-ftp-empty" : ""}${unattributed.length ? " files-has-unattributed" : ""}`}>
      <FtpFiles unattributed={unattributed} />
      {unattributed.length > 0 && (
        <section className="ftp-view files-unattributed" aria-label="Unattributed FTP data">
          <UnattributedFtp rows={unattributed} downloadAll={ftpEmpty} />
        </section>
      )}
      <section className="ftp-view files-http" aria-label="HTTP objects">
        <HttpObjects />
      </section>
    </div>
  );
}

/** Why the files table is empty: never "No files" when unattributed FTP data was rebuilt. */
function emptyMessage(analysis: FtpAnalysisSummary, unattributed: number): string {
  const encrypted = analysis.sessions.some((s) => s.encrypted);
  if (unattributed)
    return `No transfer command could be read${encrypted ? " (the FTP commands are encrypted: FTPS)" : ""}, but ${unattributed} data connection${unattributed === 1 ? " was" : "s were"} rebuilt as unattributed FTP data, below.`;
  return encrypted
    ? "No files: the FTP sessions in this capture are encrypted (FTPS)."
    : "No files were transferred over FTP in this capture.";
}

function FtpFiles({ unattributed }: { unattributed: readonly UnattributedRow[] }) {
  const { status, analysis, manifest, error, file } = useFtp();
  const set = useFtpStore((s) => s.set);
  const { notice, busy, say, save, saveArchive } = useDownloads();
  const entries = useMemo(() => fileEntries(manifest), [manifest]);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows(analysis?.files.length ?? 0, scroller, 26);

  if (status !== "ready" || !analysis) return <FtpStatus status={status} error={error} />;
  if (analysis.files.length === 0) return <FtpStatus empty={emptyMessage(analysis, unattributed.length)} />;

  const files = analysis.files;
  const parts = (manifest ?? []).filter((m) => m.kind === "part" || m.kind === "unexplained").length;
  const extra = [
    parts ? `${parts} wire part${parts === 1 ? "" : "s"}` : "",
    unattributed.length ? `${unattributed.length} unattributed data connection${unattributed.length === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  const selected = files.find((f) => f.id === file) ?? null;
  return (
    <div className="ftp-view ftp-split">
      <div className="ftp-pane">
        <div className="ftp-toolbar">
          <span>
            {files.filter((f) => f.kind === "file").length} files, {files.filter((f) => f.kind === "listing").length} listings
            {extra.length ? `; the archive adds ${extra.join(" and ")}` : ""}
          </span>
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => void saveArchive((c) => c.ftpArchive(), "ftp-files")}
          >
            Download all
          </button>
          <span className="ftp-notice" role="status">
            {busy ? "Building the archive…" : notice}
          </span>
        </div>
        <div className="ftp-scroll" ref={scroller}>
          <table
            className="ftp-table"
            aria-label="Files"
            aria-rowcount={files.length + 1}
            onKeyDown={rowKeys(
              files.map((f) => f.id),
              file,
              (id) => {
                set({ file: id });
                rows.scrollTo(id);
              },
            )}
          >
            <thead>
              <tr>
                <th>Name</th>
                <th>Command</th>
                <th>Direction</th>
                <th className="num">Size</th>
                <th className="num">Expected</th>
                <th>Complete</th>
                <th>MD5</th>
                <th>SHA-256</th>
                <th className="num">Session</th>
                <th className="num">Frames</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <Spacer height={rows.before} />
              {rows.items.map(({ index }) => {
                const f = files[index]!;
                const entry = entries[f.id] ?? null;
                const name = displayName(f, entry);
                return (
                  <tr
                    key={f.id}
                    {...selectableRow(rows, index, f.id, f.id === file)}
                    onClick={() => set({ file: f.id })}
                  >
                    <td className="ftp-line" title={f.name}>
                      {f.name}
                    </td>
                    <td>{f.command}</td>
                    <td>{f.direction}</td>
                    <td className="num">{f.size}</td>
                    <td className={`num${f.expectedSize !== null && f.expectedSize !== f.size ? " ftp-bad" : ""}`}>
                      {f.expectedSize ?? ""}
                    </td>
                    <td className={f.complete ? undefined : "ftp-bad"} title={f.missingRanges.map(([s, e]) => `${s}–${e}`).join(", ")}>
                      {f.complete
                        ? "Yes"
                        : f.missingRanges.length
                          ? `No (${f.missingRanges.reduce((n, [s, e]) => n + e - s, 0)} bytes missing)`
                          : "No"}
                    </td>
                    <td className="ftp-hash">{f.md5}</td>
                    <td className="ftp-hash">
                      <span>{f.sha256}</span>{" "}
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Copy SHA-256 of ${name}`}
                        onClick={(e) => {
                          e.stopPropagation();
                          void copyText(f.sha256).then(() => say("SHA-256 copied"));
                        }}
                      >
                        Copy
                      </button>
                    </td>
                    <td className="num">{f.sessionIds.join(", ")}</td>
                    <td className="num">
                      <FrameLink frame={f.commandFrame} />
                      {f.firstFrame ? (
                        <>
                          {" "}
                          (<FrameLink frame={f.firstFrame} />–<FrameLink frame={f.lastFrame} />)
                        </>
                      ) : null}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={(e) => {
                          e.stopPropagation();
                          void save((c) => c.ftpObject({ kind: "file", fileId: f.id }, f.mime), entry?.path ?? name);
                        }}
                      >
                        {`Download ${name}`}
                      </button>
                    </td>
                  </tr>
                );
              })}
              <Spacer height={rows.after} />
            </tbody>
          </table>
        </div>
      </div>
      {selected && <Preview analysis={analysis} file={selected} />}
    </div>
  );
}

type Shown =
  | { id: number; kind: "text"; text: string; cut: boolean }
  | { id: number; kind: "image"; url: string }
  | { id: number; kind: "none"; why: string };

/** What preview a file gets: an image, text, or none. */
function previewKind(f: FtpFileSummary): "image" | "text" | null {
  if (IMAGE_TYPES.has(f.mime) && f.size <= PREVIEW_IMAGE_BYTES) return "image";
  if (f.mime.startsWith("text/") || f.kind === "listing" || f.mime === "application/json" || f.mime === "application/xml") return "text";
  return null;
}

/** A listing's entries, asked of the worker when its file is shown (null until they arrive). */
function useListingEntries(f: FtpFileSummary): FtpListingEntry[] | null {
  const client = useCaptureStore((s) => s.client);
  const [entries, setEntries] = useState<{ id: number; list: FtpListingEntry[] } | null>(null);
  const wanted = f.kind === "listing" && f.entryCount > 0;
  useEffect(() => {
    if (!client || !wanted) return;
    let live = true;
    client.ftpListingEntries(f.id).then(
      (list) => live && setEntries({ id: f.id, list }),
      () => live && setEntries({ id: f.id, list: [] }),
    );
    return () => {
      live = false;
    };
  }, [client, f.id, wanted]);
  return entries?.id === f.id ? entries.list : null;
}

function Preview({ analysis, file: f }: { analysis: FtpAnalysisSummary; file: FtpFileSummary }) {
  const client = useCaptureStore((s) => s.client);
  const [loaded, setShown] = useState<Shown | null>(null);
  const entries = useListingEntries(f);
  const kind = previewKind(f);
  useEffect(() => {
    if (!client || kind === null) return;
    let live = true;
    let url: string | null = null;
    if (kind === "image") {
      client.ftpObject({ kind: "file", fileId: f.id }, f.mime).then(
        (blob) => {
          if (!live) return;
          url = URL.createObjectURL(blob);
          setShown({ id: f.id, kind: "image", url });
        },
        () => live && setShown({ id: f.id, kind: "none", why: "The preview could not be read." }),
      );
    } else {
      client.ftpHead(f.id, PREVIEW_TEXT_BYTES).then(
        (bytes) => live && setShown({ id: f.id, kind: "text", text: new TextDecoder().decode(bytes), cut: f.size > bytes.length }),
        () => live && setShown({ id: f.id, kind: "none", why: "The preview could not be read." }),
      );
    }
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, f.id, f.mime, f.size, kind]);
  const shown: Shown | null = kind === null ? { id: f.id, kind: "none", why: `No preview for ${f.mime}.` } : loaded;
  const current = shown?.id === f.id ? shown : null;
  const transfers = f.transferIds.map((t) => analysis.transfers[t]!);
  return (
    <section className="ftp-scroll ftp-details" aria-label="Preview">
      <h2 className="ftp-heading">{f.name}</h2>
      <p className="ftp-meta">
        {f.mime} · {formatBytes(f.size)} · TYPE {f.type} · {f.transferMode}
        {transfers.length > 1 ? ` · ${transfers.length} segments (REST ${transfers.map((t) => t.restOffset).join(", ")})` : ""}
        {f.conflictingRanges.length ? ` · segments disagree in ${f.conflictingRanges.length} range(s)` : ""}
      </p>
      {entries && entries.length > 0 && (
        <table className="ftp-table" aria-label="Listing entries">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th className="num">Size</th>
              <th>Date</th>
              <th>Permissions</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i}>
                <td className="ftp-line">{e.name}</td>
                <td>{e.type}</td>
                <td className="num">{e.size ?? ""}</td>
                <td>{e.date ?? ""}</td>
                <td>{e.permissions ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!current && <p className="ftp-message">Loading the preview…</p>}
      {current?.kind === "image" && <img className="ftp-image" src={current.url} alt={`Preview of ${f.baseName}`} />}
      {current?.kind === "text" && (
        <pre className="ftp-text" aria-label="Text preview">
          {current.text}
          {current.cut ? "\n…" : ""}
        </pre>
      )}
      {current?.kind === "none" && <p className="ftp-message">{current.why}</p>}
    </section>
  );
}
