/**
 * The "Sessions" view: one row per FTP control connection (client, server,
 * user, login result, commands, transfers, bytes, start, duration, encrypted,
 * alerts); the selected session's transcript (commands and replies with
 * frame links, TranscriptTable.tsx) and data connections below, each with "Follow TCP Stream".
 * A session whose commands cannot be read (TLS, a capture started after
 * them) says so, and how many unattributed FTP data connections were linked
 * to it.
 *
 * Every string from the capture is rendered as React text, never as markup.
 */
import { type KeyboardEvent, useRef } from "react";
import type { FtpAnalysisSummary, FtpSessionSummary } from "../../engine/ftp/transcript";
import { unattributedCount } from "../files/unattributed-rows";
import { followTcpStream } from "./follow";
import { endpoint, formatBytes, formatDuration, formatTime } from "./format";
import { FrameLink } from "./FrameLink";
import { useFtp, useFtpStore } from "./ftp-store";
import { TranscriptTable } from "./TranscriptTable";
import { selectableRow, Spacer, useVirtualRows } from "./virtual-rows";
import "./ftp.css";

const LOGIN: Record<FtpSessionSummary["loginResult"], string> = { success: "Success", failed: "Failed", unknown: "Unknown", none: "None" };

/** Arrow keys move the selection in a table of rows. */
export function rowKeys(ids: readonly number[], current: number | null, select: (id: number) => void) {
  return (e: KeyboardEvent): void => {
    const delta = e.key === "ArrowDown" ? 1 : e.key === "ArrowUp" ? -1 : 0;
    if (!delta || ids.length === 0) return;
    e.preventDefault();
    const at = current === null ? -1 : ids.indexOf(current);
    const next = ids[Math.max(0, Math.min(ids.length - 1, at + delta))]!;
    select(next);
    document.querySelector<HTMLElement>(`[data-row-id="${next}"]`)?.focus();
  };
}

/**
 * An FTP view that is only a status line: the analysis still running or
 * failed, or (ready) `empty`, why there is nothing to list.
 */
export function FtpStatus({ status = "ready", error = null, empty = "" }: { status?: string; error?: string | null; empty?: string }) {
  return (
    <div className="ftp-view">
      {status === "loading" || status === "idle" ? (
        <p className="ftp-message">Analyzing FTP…</p>
      ) : status === "error" ? (
        <p className="ftp-message ftp-error">FTP analysis failed: {error}</p>
      ) : (
        <p className="ftp-message">{empty}</p>
      )}
    </div>
  );
}

export function SessionsView() {
  const { status, analysis, error, session } = useFtp();
  const set = useFtpStore((s) => s.set);
  const scroller = useRef<HTMLDivElement>(null);
  // A brute-force capture has hundreds of sessions: only the rows on screen are drawn (virtual-rows.tsx).
  const rows = useVirtualRows(analysis?.sessions.length ?? 0, scroller, 26);
  if (status !== "ready" || !analysis) return <FtpStatus status={status} error={error} />;
  if (analysis.sessions.length === 0) return <FtpStatus empty="No FTP sessions in this capture." />;
  const sessions = analysis.sessions;
  const selected = sessions.find((s) => s.id === session) ?? null;
  const ids = sessions.map((s) => s.id);
  const select = (id: number): void => {
    set({ session: id });
    rows.scrollTo(ids.indexOf(id));
  };
  return (
    <div className="ftp-view ftp-split">
      <div className="ftp-scroll" ref={scroller}>
        <table
          className="ftp-table"
          aria-label="FTP sessions"
          aria-rowcount={sessions.length + 1}
          onKeyDown={rowKeys(ids, session, select)}
        >
          <thead>
            <tr>
              <th>#</th>
              <th>Client</th>
              <th>Server</th>
              <th>User</th>
              <th>Login</th>
              <th className="num">Commands</th>
              <th className="num">Transfers</th>
              <th className="num">Bytes</th>
              <th>Start</th>
              <th className="num">Duration</th>
              <th>Encrypted</th>
              <th className="num">Alerts</th>
            </tr>
          </thead>
          <tbody>
            <Spacer height={rows.before} />
            {rows.items.map(({ index }) => {
              const s = sessions[index]!;
              return (
                <tr
                  key={s.id}
                  {...selectableRow(rows, index, s.id, s.id === session, s.id === session || (session === null && s.id === 0))}
                  onClick={() => set({ session: s.id })}
                >
                  <td>{s.id}</td>
                  <td>{endpoint(s.client)}</td>
                  <td>{endpoint(s.server)}</td>
                  <td>{s.user ?? ""}</td>
                  <td className={`login-${s.loginResult}`}>{LOGIN[s.loginResult]}</td>
                  <td className="num">{s.commandCount}</td>
                  <td className="num">{s.transferIds.length}</td>
                  <td className="num">{formatBytes(s.controlBytes[0] + s.controlBytes[1] + s.dataBytes)}</td>
                  <td>{formatTime(s.start)}</td>
                  <td className="num">{formatDuration(s.duration)}</td>
                  <td>{s.encrypted ? `Yes (AUTH ${s.authMechanism ?? "TLS"})` : "No"}</td>
                  <td className="num">{s.alertIds.length || ""}</td>
                </tr>
              );
            })}
            <Spacer height={rows.after} />
          </tbody>
        </table>
      </div>
      {selected && <SessionDetails analysis={analysis} session={selected} />}
    </div>
  );
}

/**
 * What of a session cannot be read (its TLS stretch, or a start before the
 * capture) and how many data connections were linked to it all the same,
 * as unattributed FTP data (listed in the Files view).
 */
function UnreadableNote({ analysis, session: s }: { analysis: FtpAnalysisSummary; session: FtpSessionSummary }) {
  const linked = unattributedCount(analysis, s.id);
  if (!s.encrypted && linked === 0) return null;
  const tls = s.encrypted
    ? s.clearFrame !== null
      ? `The control connection switched to TLS at frame ${s.tlsFrame} and back to cleartext after CCC at frame ${s.clearFrame}: what was said between is encrypted.`
      : `The control connection switched to TLS at frame ${s.tlsFrame}: what follows is encrypted.`
    : "The capture starts in the middle of this session: the commands before it are missing.";
  const data =
    linked === 0
      ? " No unattributed data connection was linked to it."
      : ` ${linked} unattributed data connection${linked === 1 ? " was" : "s were"} linked to it by what ${linked === 1 ? "it" : "they"} did (Files ▸ Unattributed FTP data).`;
  return (
    <p className="ftp-message" data-testid="ftp-unreadable">
      {tls}
      {data}
    </p>
  );
}

function SessionDetails({ analysis, session: s }: { analysis: FtpAnalysisSummary; session: FtpSessionSummary }) {
  const reveal = useFtpStore((st) => st.revealTranscript);
  const set = useFtpStore((st) => st.set);
  return (
    <section className="ftp-scroll ftp-details" aria-label={`Session ${s.id}`}>
      <div className="ftp-toolbar">
        <h2 className="ftp-heading">
          Session {s.id}: {endpoint(s.client)} → {endpoint(s.server)}
        </h2>
        <button type="button" className="button button-small" onClick={() => followTcpStream(s.controlStream, s.firstFrame)}>
          Follow TCP Stream
        </button>
        <label className="ftp-check">
          <input type="checkbox" checked={reveal} onChange={(e) => set({ revealTranscript: e.target.checked })} />
          <span>Reveal passwords</span>
        </label>
      </div>
      {s.alertIds.length > 0 && (
        <ul className="ftp-alerts" aria-label="Alerts">
          {s.alertIds.map((id) => {
            const a = analysis.alerts[id]!;
            return (
              <li key={id} className={`alert-${a.severity}`}>
                {a.message}
              </li>
            );
          })}
        </ul>
      )}
      <h3 className="ftp-subheading">Transcript</h3>
      <UnreadableNote analysis={analysis} session={s} />
      <TranscriptTable sessionId={s.id} lines={s.transcriptLines} reveal={reveal} />
      <h3 className="ftp-subheading">Data connections</h3>
      {s.dataChannelIds.length === 0 ? (
        <p className="ftp-message">None captured.</p>
      ) : (
        <table className="ftp-table" aria-label="Data connections">
          <thead>
            <tr>
              <th className="num">Stream</th>
              <th>Setup</th>
              <th>Client</th>
              <th>Server</th>
              <th className="num">To server</th>
              <th className="num">To client</th>
              <th>Command</th>
              <th className="num">Frames</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {s.dataChannelIds.map((id) => {
              const d = analysis.dataChannels[id]!;
              const t = d.transferId !== null ? analysis.transfers[d.transferId]! : null;
              return (
                <tr key={id}>
                  <td className="num">{d.stream}</td>
                  <td>
                    {d.mode}
                    {d.method !== "none" ? ` (${d.method})` : ""}
                    {d.encrypted ? ", TLS" : ""}
                  </td>
                  <td>{endpoint(d.client)}</td>
                  <td>{endpoint(d.server)}</td>
                  <td className="num">{formatBytes(d.bytes[0])}</td>
                  <td className="num">{formatBytes(d.bytes[1])}</td>
                  <td className="ftp-line">
                    {t
                      ? `${t.command}${t.argument ? ` ${t.argument}` : ""}`
                      : d.attribution
                        ? `(unattributed FTP data, ${d.attribution.confidence} confidence)`
                        : d.unexplained
                          ? "(no command)"
                          : ""}
                  </td>
                  <td className="num">
                    <FrameLink frame={d.firstFrame} />–<FrameLink frame={d.lastFrame} />
                  </td>
                  <td>
                    <button type="button" className="button button-small" onClick={() => followTcpStream(d.stream, d.firstFrame)}>
                      Follow TCP Stream
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
