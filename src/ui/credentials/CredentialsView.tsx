/**
 * The "Credentials" view (NetworkMiner's Credentials tab): every user name
 * and password sent in cleartext, with the client, server and whether the
 * server accepted it. Passwords stay masked until revealed, one by one or all.
 * A brute-force capture has thousands: only the rows near the screen are drawn.
 */
import { useRef } from "react";
import { FtpStatus } from "../sessions/SessionsView";
import { endpoint, formatTime, MASK } from "../sessions/format";
import { FrameLink } from "../sessions/FrameLink";
import { useFtp, useFtpStore } from "../sessions/ftp-store";
import { Spacer, useVirtualRows } from "../sessions/virtual-rows";
import "../sessions/ftp.css";

const RESULT = { success: "Accepted", failed: "Rejected", unknown: "Unknown" } as const;

export function CredentialsView() {
  const { status, analysis, error, revealed } = useFtp();
  const set = useFtpStore((s) => s.set);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows(analysis?.credentials.length ?? 0, scroller, 26);
  if (status !== "ready" || !analysis) return <FtpStatus status={status} error={error} />;
  const creds = analysis.credentials;
  if (creds.length === 0) {
    const encrypted = analysis.sessions.some((s) => s.encrypted);
    return (
      <FtpStatus
        empty={
          encrypted ? "No cleartext credentials: the FTP sessions switched to TLS before logging in." : "No credentials in this capture."
        }
      />
    );
  }
  const toggle = (id: number): void => {
    const next = new Set(revealed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    set({ revealed: next });
  };
  const all = creds.every((c) => c.password === null || revealed.has(c.id));
  return (
    <div className="ftp-view">
      <div className="ftp-pane">
        <div className="ftp-toolbar">
          <span>
            {creds.length} credential{creds.length === 1 ? "" : "s"}, {creds.filter((c) => c.result === "success").length} accepted
          </span>
          <button
            type="button"
            className="button button-small"
            onClick={() => set({ revealed: all ? new Set() : new Set(creds.map((c) => c.id)) })}
          >
            {all ? "Hide all passwords" : "Reveal all passwords"}
          </button>
        </div>
        <div className="ftp-scroll" ref={scroller}>
          <table className="ftp-table" aria-label="Credentials" aria-rowcount={creds.length + 1}>
            <thead>
              <tr>
                <th>Protocol</th>
                <th>Client</th>
                <th>Server</th>
                <th>User</th>
                <th>Password</th>
                <th>Result</th>
                <th className="num">Session</th>
                <th className="num">Frame</th>
                <th>Time</th>
              </tr>
            </thead>
            <tbody>
              <Spacer height={rows.before} />
              {rows.items.map(({ index }) => {
                const c = creds[index]!;
                const shown = revealed.has(c.id);
                return (
                  <tr key={c.id} ref={rows.measure} data-index={index} aria-rowindex={index + 2}>
                    <td>{c.protocol}</td>
                    <td>{endpoint(c.client)}</td>
                    <td>{endpoint(c.server)}</td>
                    <td className="ftp-line">{c.user}</td>
                    <td className="ftp-line">
                      {c.password === null ? (
                        <span className="ftp-muted">(none sent)</span>
                      ) : (
                        <>
                          <span className="ftp-password" data-revealed={shown}>
                            {shown ? c.password : MASK}
                          </span>{" "}
                          <button
                            type="button"
                            className="button button-small"
                            aria-pressed={shown}
                            aria-label={`${shown ? "Hide" : "Reveal"} password of ${c.user}`}
                            onClick={() => toggle(c.id)}
                          >
                            {shown ? "Hide" : "Reveal"}
                          </button>
                        </>
                      )}
                    </td>
                    <td className={`login-${c.result}`}>{RESULT[c.result]}</td>
                    <td className="num">{c.sessionId}</td>
                    <td className="num">
                      <FrameLink frame={c.passFrame ?? c.userFrame} />
                    </td>
                    <td>{formatTime(c.time)}</td>
                  </tr>
                );
              })}
              <Spacer height={rows.after} />
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
