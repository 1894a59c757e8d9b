/**
 * The "Credentials" view (NetworkMiner's Credentials tab): every user name,
 * password, community or digest sent in cleartext, whatever the protocol
 * (FTP, HTTP Basic and forms, SMTP, POP3, IMAP, Telnet, SNMP), with the
 * client, the server and whether the server accepted it. Secrets stay masked
 * until revealed, one by one or all. Sorted by any column and filtered by
 * the text shown in clear; rows come from the worker by pages and only those
 * near the screen are drawn (a brute force has thousands). Capture text is
 * rendered as text, never as markup.
 */
import { useRef } from "react";
import type { CredentialColumn } from "../../engine/credentials/page";
import type { CredentialRecord } from "../../engine/credentials/types";
import { endpoint, formatTime, MASK } from "../sessions/format";
import { FrameLink } from "../sessions/FrameLink";
import { Spacer, useVirtualRows } from "../sessions/virtual-rows";
import { isShown, toggleSecret, useCredentialRows, useCredentialsStore } from "./credentials-store";
import "../sessions/ftp.css";
import "./credentials.css";

const RESULT = { success: "Accepted", failed: "Rejected", unknown: "Unknown" } as const;

const COLUMNS: { id: CredentialColumn | null; header: string; numeric?: boolean }[] = [
  { id: "protocol", header: "Protocol" },
  { id: "kind", header: "Kind" },
  { id: "client", header: "Client" },
  { id: "server", header: "Server" },
  { id: "user", header: "User" },
  { id: "secret", header: "Secret" },
  { id: "result", header: "Result" },
  { id: "frame", header: "Frame", numeric: true },
  { id: "time", header: "Time" },
  { id: null, header: "Detail" },
];

/** What the secret is called in the row's buttons. */
function secretName(r: CredentialRecord): string {
  return r.kind === "SNMP community" ? "community" : r.kind === "POP3 APOP" ? "digest" : "password";
}

export function CredentialsView() {
  const scroller = useRef<HTMLDivElement>(null);
  const total = useCredentialsStore((s) => s.total);
  const rows = useVirtualRows(total, scroller, 26);
  const first = rows.items[0]?.index ?? 0;
  const last = rows.items[rows.items.length - 1]?.index ?? 0;
  const state = useCredentialRows(first, last);
  const set = state.set;

  // The view's box (.ftp-view) appears once there is an answer (scripts/bench-browser.ts times that).
  if (state.status === "error") {
    return (
      <div className="ftp-view">
        <p className="ftp-message ftp-error">Finding credentials failed: {state.error}</p>
      </div>
    );
  }
  if (state.queryKey === "") return <p className="ftp-message">Finding credentials…</p>;
  if (state.all === 0) {
    return (
      <div className="ftp-view">
        <p className="ftp-message">
          {state.ftpTls ? "No cleartext credentials: the FTP sessions switched to TLS before logging in." : "No credentials in this capture."}
        </p>
      </div>
    );
  }
  const sortBy = (id: CredentialColumn): void => set({ sort: id, descending: state.sort === id ? !state.descending : false });
  const everyShown = state.revealAll && state.hidden.size === 0;
  return (
    <div className="ftp-view">
      <div className="ftp-pane">
        <div className="ftp-toolbar">
          <span>
            {state.all} credential{state.all === 1 ? "" : "s"}, {state.accepted} accepted
            {state.filter ? `; ${state.total} shown` : ""}
          </span>
          <input
            type="search"
            className="credentials-filter"
            placeholder="Filter (protocol, user, address…)"
            aria-label="Filter credentials"
            value={state.filter}
            onChange={(e) => set({ filter: e.target.value })}
          />
          <button
            type="button"
            className="button button-small"
            onClick={() => set({ revealAll: !everyShown, revealed: new Set(), hidden: new Set() })}
          >
            {everyShown ? "Hide all passwords" : "Reveal all passwords"}
          </button>
        </div>
        <div className="ftp-scroll" ref={scroller}>
          <table className="ftp-table" aria-label="Credentials" aria-rowcount={state.total + 1}>
            <thead>
              <tr aria-rowindex={1}>
                {COLUMNS.map((c) => {
                  const sorted = c.id && state.sort === c.id ? (state.descending ? "descending" : "ascending") : "none";
                  return (
                    <th key={c.header} className={c.numeric ? "num" : undefined} aria-sort={c.id ? sorted : undefined} scope="col">
                      {c.id ? (
                        <button type="button" className="credentials-sort" title={`Sort by ${c.header}`} onClick={() => sortBy(c.id!)}>
                          {c.header}
                          <span aria-hidden="true">{sorted === "ascending" ? " ▲" : sorted === "descending" ? " ▼" : ""}</span>
                        </button>
                      ) : (
                        c.header
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              <Spacer height={rows.before} />
              {rows.items.map(({ index }) => {
                const c = state.rows.get(index);
                if (!c) {
                  return (
                    <tr key={`wait-${index}`} ref={rows.measure} data-index={index} aria-rowindex={index + 2}>
                      <td colSpan={COLUMNS.length} className="ftp-muted">
                        …
                      </td>
                    </tr>
                  );
                }
                const shown = isShown(state, c.id);
                const who = c.user || endpoint(c.client);
                return (
                  <tr key={c.id} ref={rows.measure} data-index={index} aria-rowindex={index + 2}>
                    <td>{c.protocol}</td>
                    <td>{c.kind}</td>
                    <td>{endpoint(c.client)}</td>
                    <td>{endpoint(c.server)}</td>
                    <td className="ftp-line">{c.user}</td>
                    <td className="ftp-line">
                      {c.secret === null ? (
                        <span className="ftp-muted">(none sent)</span>
                      ) : (
                        <>
                          <span className="ftp-password" data-revealed={shown}>
                            {shown ? c.secret || "(empty)" : MASK}
                          </span>{" "}
                          <button
                            type="button"
                            className="button button-small"
                            aria-pressed={shown}
                            aria-label={`${shown ? "Hide" : "Reveal"} ${secretName(c)} of ${who}`}
                            onClick={() => toggleSecret(c.id)}
                          >
                            {shown ? "Hide" : "Reveal"}
                          </button>
                        </>
                      )}
                    </td>
                    <td className={`login-${c.result}`}>{RESULT[c.result]}</td>
                    <td className="num">
                      <FrameLink frame={c.frame} />
                    </td>
                    <td>{formatTime(c.time)}</td>
                    <td className="ftp-line">{c.detail}</td>
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
