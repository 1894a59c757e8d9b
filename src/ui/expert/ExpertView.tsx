/**
 * Analyze ▸ Expert Information, as its own tab: the expert items the
 * dissectors added while the capture was indexed, grouped by severity (Error
 * first), then by summary with how often it occurred, its group and protocol;
 * an entry opens to the frames that have it, and a frame selects its packet.
 * The FTP report's findings (brute force, cleartext credentials, AUTH TLS,
 * unusual data connections…) are a group of their own. Everything comes from
 * the worker a page at a time (a capture may have a million items).
 */
import { useEffect, useState } from "react";
import type { ExpertOverview, ExpertRow } from "../../engine/expert/overview";
import { LEVEL_NAMES } from "../../engine/expert/overview";
import type { FtpFindingRow } from "../../worker/expert-api";
import { useCaptureStore } from "../../store/capture-store";
import { FrameLink } from "../sessions/FrameLink";
import "../sessions/ftp.css";
import "./expert.css";

/** Entries and frames asked for at a time. */
const PAGE = 200;
const REFRESH_MS = 1000;

export function ExpertView() {
  const client = useCaptureStore((s) => s.client);
  const generation = useCaptureStore((s) => s.generation);
  const state = useCaptureStore((s) => s.state);
  const [overview, setOverview] = useState<ExpertOverview | null>(null);
  const [findings, setFindings] = useState<FtpFindingRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  // The overview, again every second while the capture is still loading (one request at a time).
  useEffect(() => {
    if (!client) return;
    let live = true;
    client.expertOverview().then(
      (o) => {
        if (!live) return;
        setOverview(o);
        setError(null);
        if (useCaptureStore.getState().state === "loading") setTimeout(() => live && setTick((t) => t + 1), REFRESH_MS);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [client, generation, state, tick]);

  useEffect(() => {
    if (!client || state === "loading") return;
    let live = true;
    client.expertFtpFindings().then(
      (f) => live && setFindings(f),
      () => live && setFindings([]),
    );
    return () => {
      live = false;
    };
  }, [client, generation, state]);

  if (!client) return <div className="expert-empty">Open a capture to see its expert information.</div>;
  if (error) return <div className="expert-empty">{error}</div>;
  if (!overview) return <div className="expert-empty">Reading expert information…</div>;
  return (
    <div className="ftp-view" data-testid="expert-view">
      <div className="ftp-pane">
        <div className="ftp-toolbar">
          <span data-testid="expert-total">
            {overview.items} expert item{overview.items === 1 ? "" : "s"}
            {state === "loading" ? " so far" : ""}
          </span>
        </div>
        <div className="ftp-scroll">
          {overview.levels.length === 0 && <div className="expert-empty">No expert items in this capture.</div>}
          {overview.levels.map((l) => (
            <LevelSection key={`${generation}-${l.level}`} level={l.level} items={l.items} entries={l.entries} revision={overview.items} />
          ))}
          {findings && findings.length > 0 && <FtpFindings findings={findings} />}
        </div>
      </div>
    </div>
  );
}

/** One severity: a header with its totals, opening to its entries (a page at a time). */
function LevelSection({ level, items, entries, revision }: { level: number; items: number; entries: number; revision: number }) {
  const client = useCaptureStore((s) => s.client);
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<ExpertRow[]>([]);
  const [shown, setShown] = useState(PAGE);
  useEffect(() => {
    if (!open || !client) return;
    let live = true;
    client.expertEntries(level, 0, shown).then((r) => live && setRows(r));
    return () => {
      live = false;
    };
  }, [open, client, level, shown, revision]);
  const name = LEVEL_NAMES[level]!;
  return (
    <section className="expert-level" data-testid={`expert-level-${name}`}>
      <button type="button" className={`expert-level-head expert-sev-${level}`} aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "▾" : "▸"} {name} <span className="expert-count">{items}</span> items in {entries} entr{entries === 1 ? "y" : "ies"}
      </button>
      {open && (
        <table className="ftp-table" aria-label={`${name} items`}>
          <thead>
            <tr>
              <th>Summary</th>
              <th>Group</th>
              <th>Protocol</th>
              <th className="num">Count</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <EntryRows key={r.entry} row={r} />
            ))}
          </tbody>
        </table>
      )}
      {open && rows.length < entries && (
        <button type="button" className="button button-small" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, entries - rows.length)} more entries
        </button>
      )}
    </section>
  );
}

/** An entry's row, and under it when opened the frames that have it. */
function EntryRows({ row }: { row: ExpertRow }) {
  const client = useCaptureStore((s) => s.client);
  const [open, setOpen] = useState(false);
  const [frames, setFrames] = useState<{ total: number; list: number[] } | null>(null);
  const [shown, setShown] = useState(PAGE);
  useEffect(() => {
    if (!open || !client) return;
    let live = true;
    client.expertFrames(row.entry, 0, shown).then((f) => live && setFrames({ total: f.total, list: [...f.frames] }));
    return () => {
      live = false;
    };
  }, [open, client, row.entry, row.count, shown]);
  return (
    <>
      <tr data-testid="expert-entry" className="expert-entry" tabIndex={0} aria-expanded={open} onClick={() => setOpen(!open)}>
        <td>
          <span className="expert-toggle">{open ? "▾" : "▸"}</span> {row.summary}
        </td>
        <td>{row.group}</td>
        <td>{row.protocol}</td>
        <td className="num">{row.count}</td>
      </tr>
      {open && frames && (
        <tr className="expert-frames">
          <td colSpan={4}>
            <FrameList frames={frames.list} total={frames.total} more={() => setShown(shown + PAGE)} />
          </td>
        </tr>
      )}
    </>
  );
}

function FrameList({ frames, total, more }: { frames: readonly number[]; total: number; more?: () => void }) {
  return (
    <span className="expert-frame-list">
      {frames.map((f, i) => (
        <span key={i} data-testid="expert-frame">
          <FrameLink frame={f} label={`Frame ${f}`} />
        </span>
      ))}
      {more && frames.length < total && (
        <button type="button" className="button button-small" onClick={more}>
          {total - frames.length} more…
        </button>
      )}
    </span>
  );
}

/** The FTP report's findings, a group of their own. */
function FtpFindings({ findings }: { findings: FtpFindingRow[] }) {
  const [open, setOpen] = useState(true);
  return (
    <section className="expert-level" data-testid="expert-ftp-findings">
      <button type="button" className="expert-level-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "▾" : "▸"} FTP findings <span className="expert-count">{findings.length}</span>
      </button>
      {open && (
        <table className="ftp-table" aria-label="FTP findings">
          <thead>
            <tr>
              <th>Severity</th>
              <th>Finding</th>
              <th>Details</th>
              <th>Frames</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((f) => (
              <tr key={f.id} data-testid="expert-ftp-finding">
                <td className={`expert-sev-${f.level}`}>{LEVEL_NAMES[f.level]}</td>
                <td>{f.kind}</td>
                <td>{f.message}</td>
                <td>
                  <FrameList frames={f.frames.slice(0, 20)} total={f.frames.length} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
