/**
 * The Files view's "Unattributed FTP data" (unattributed-rows.ts): data
 * connections that no readable command announces but that behave like FTP
 * data of a session whose commands cannot be read (FTPS with cleartext data,
 * a capture started mid-session). Each row: the export name, content type
 * guessed from the first bytes, direction, size, MD5 and SHA-256, the
 * session it most likely belongs to, how sure that is and why (the reasons,
 * one sentence each), its stream and frames, and a download of its own;
 * "Download all" puts them in the FTP archive with the files.
 *
 * Names, types and reasons quote the capture: rendered as text only.
 */
import { useRef } from "react";
import { FrameLink } from "../sessions/FrameLink";
import { Spacer, useVirtualRows } from "../sessions/virtual-rows";
import { useDownloads } from "./downloads";
import type { UnattributedRow } from "./unattributed-rows";

const CONFIDENCE: Record<UnattributedRow["attribution"]["confidence"], string> = { high: "High", medium: "Medium", low: "Low" };

/** `downloadAll`: offer "Download all" here (when the files table above, which has one, is not shown). */
export function UnattributedFtp({ rows, downloadAll }: { rows: readonly UnattributedRow[]; downloadAll: boolean }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(rows.length, scroller, 26);
  const ftp = useDownloads();
  const sessions = new Set(rows.map((r) => r.entry.session));
  return (
    <div className="ftp-pane">
      <div className="ftp-toolbar">
        <h2 className="ftp-heading">Unattributed FTP data</h2>
        <span>
          {rows.length} data connection{rows.length === 1 ? "" : "s"} no readable command announces, taken for FTP data of{" "}
          {sessions.size === 1 ? "a session" : `${sessions.size} sessions`} whose commands cannot be read; the session is a guess, with its
          confidence and reasons.
        </span>
        {downloadAll && (
          <button
            type="button"
            className="button button-small"
            disabled={ftp.busy}
            onClick={() => void ftp.saveArchive((c) => c.ftpArchive(), "ftp-files")}
          >
            Download all
          </button>
        )}
        <span className="ftp-notice" role="status">
          {ftp.busy ? "Building the archive…" : ftp.notice}
        </span>
      </div>
      <div className="ftp-scroll" ref={scroller}>
        <table className="ftp-table" aria-label="Unattributed FTP data" aria-rowcount={rows.length + 1}>
          <thead>
            <tr>
              <th>Name</th>
              <th>Content type</th>
              <th>Direction</th>
              <th className="num">Size</th>
              <th>MD5</th>
              <th>SHA-256</th>
              <th className="num">Likely session</th>
              <th>Confidence</th>
              <th>Reasons</th>
              <th className="num">Stream (frames)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <Spacer height={virtual.before} />
            {virtual.items.map(({ index }) => {
              const { entry, attribution: a, channel, source } = rows[index]!;
              return (
                <tr key={entry.path} ref={virtual.measure} data-index={index} aria-rowindex={index + 2}>
                  <td className="ftp-line files-name">{entry.path}</td>
                  <td>{entry.mime}</td>
                  <td title={entry.direction === "upload" ? "client → server" : "server → client"}>{entry.direction}</td>
                  <td className="num">{entry.size}</td>
                  <td className="ftp-hash">{entry.md5}</td>
                  <td className="ftp-hash">{entry.sha256}</td>
                  <td className="num">{entry.session ?? ""}</td>
                  <td className={`ftp-confidence-${a.confidence}`}>
                    {CONFIDENCE[a.confidence]}
                    {a.candidates > 1 ? ` (${a.candidates} candidates)` : ""}
                  </td>
                  <td>
                    <details>
                      <summary>
                        {a.reasons.length} reason{a.reasons.length === 1 ? "" : "s"}
                      </summary>
                      <ul className="ftp-reasons">
                        {a.reasons.map((r, i) => (
                          <li key={i}>{r}</li>
                        ))}
                      </ul>
                    </details>
                  </td>
                  <td className="num">
                    {channel.stream} (<FrameLink frame={channel.firstFrame} />–<FrameLink frame={channel.lastFrame} />)
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => void ftp.save((c) => c.ftpObject(source, entry.mime), entry.path)}
                    >
                      {`Download ${entry.path}`}
                    </button>
                  </td>
                </tr>
              );
            })}
            <Spacer height={virtual.after} />
          </tbody>
        </table>
      </div>
    </div>
  );
}
