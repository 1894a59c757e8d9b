/**
 * A session's transcript (commands and replies with frame links), virtual:
 * only the rows on screen are rendered, and their lines are asked of the
 * worker by pages (a scripted client's session holds hundreds of thousands).
 * Rows have their own heights (multi-line replies wrap), measured as drawn.
 */
import { useEffect, useRef, useState } from "react";
import type { FtpTranscriptLine } from "../../engine/ftp/transcript";
import { useCaptureStore } from "../../store/capture-store";
import { MASK } from "./format";
import { FrameLink } from "./FrameLink";
import { Spacer, useVirtualRows } from "./virtual-rows";

/**
 * A transcript of up to this many lines is drawn whole, so the browser's Find
 * searches all of it: its rows are three short cells (a quarter of a Files
 * row's layout objects), and it is drawn when a session is chosen, not with
 * the view.
 */
const TRANSCRIPT_WHOLE_ROWS = 1000;

/** Lines asked for at once. */
const PAGE = 200;
const ROW_HEIGHT = 22;

/**
 * The pages of one session's transcript fetched so far, for the rows
 * `first..last`; a state counter re-renders as pages arrive.
 */
function useTranscriptPages(sessionId: number, first: number, last: number): (line: number) => FtpTranscriptLine | undefined {
  const client = useCaptureStore((s) => s.client);
  const generation = useCaptureStore((s) => s.generation);
  const key = `${generation}/${sessionId}`;
  const [cache, setCache] = useState(() => ({ key, pages: new Map<number, FtpTranscriptLine[]>() }));
  // Pages asked for and not yet arrived (read and written in effects only).
  const asked = useRef(new Set<string>());
  if (cache.key !== key) setCache({ key, pages: new Map() });
  const pages = cache.key === key ? cache.pages : null;

  useEffect(() => {
    if (!client || !pages || last < first) return;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      const id = `${key}/${p}`;
      if (pages.has(p) || asked.current.has(id)) continue;
      asked.current.add(id);
      client.ftpTranscript(sessionId, p * PAGE, PAGE).then(
        (lines) => {
          asked.current.delete(id);
          setCache((c) => (c.key === key ? { key, pages: new Map(c.pages).set(p, lines) } : c));
        },
        () => asked.current.delete(id),
      );
    }
  }, [client, key, pages, sessionId, first, last]);

  return (line) => pages?.get(Math.floor(line / PAGE))?.[line % PAGE];
}

export function TranscriptTable({ sessionId, lines, reveal }: { sessionId: number; lines: number; reveal: boolean }) {
  const scroller = useRef<HTMLDivElement>(null);
  const { items, measure, before, after } = useVirtualRows(lines, scroller, ROW_HEIGHT, TRANSCRIPT_WHOLE_ROWS);
  const lineAt = useTranscriptPages(sessionId, items[0]?.index ?? 0, items[items.length - 1]?.index ?? -1);

  return (
    <div ref={scroller} className="ftp-transcript-scroll">
      <table className="ftp-table ftp-transcript" aria-label="Transcript" aria-rowcount={lines + 1}>
        <thead>
          <tr>
            <th className="num">Frame</th>
            <th>Dir</th>
            <th>Line</th>
          </tr>
        </thead>
        <tbody>
          <Spacer height={before} />
          {items.map((item) => {
            const l = lineAt(item.index);
            const masked = l?.verb === "PASS" && !reveal;
            return (
              <tr
                key={item.index}
                ref={measure}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                className={l ? (l.fromClient ? "ftp-command" : "ftp-reply") : "ftp-pending"}
              >
                <td className="num">{l && <FrameLink frame={l.frame} />}</td>
                <td title={l ? (l.fromClient ? "client to server" : "server to client") : undefined}>{l ? (l.fromClient ? "C→S" : "S→C") : ""}</td>
                <td className="ftp-line">{l ? (masked ? `${l.text.slice(0, 5)}${MASK}` : l.text) : "…"}</td>
              </tr>
            );
          })}
          <Spacer height={after} />
        </tbody>
      </table>
    </div>
  );
}
