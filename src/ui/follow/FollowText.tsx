/**
 * The conversation text of the Follow pane, fetched from the worker a
 * window of chunks at a time: at most MAX_WINDOWS are in the page; scrolling
 * near an edge fetches the next window and drops the farthest one, and the
 * position slider jumps anywhere. A 200 MB stream therefore shows at once
 * and never puts more than a few hundred kilobytes of text in the page.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { AnalyzerClient } from "../../worker/client";
import { gapMarker, paneText, PaneState, type FollowRecord, type PaneFormat } from "../../engine/follow/render";
import type { FollowWindow } from "../../engine/follow/window";
import type { FollowSelection } from "../../engine/follow/types";
import type { FollowKind } from "../../worker/follow-api";
import { useSelectionStore } from "../../store/selection-store";

/** Chunks per window. */
export const WINDOW = 64;
const MAX_WINDOWS = 4;
/** Pixels from an edge at which the next window is fetched. */
const EDGE = 400;

interface Shown {
  chunk: number;
  frame: number;
  direction: 0 | 1;
  gap: boolean;
  text: string;
}

interface Loaded {
  index: number;
  records: Shown[];
}

export interface Found {
  position: number;
  chunk: number;
  offset: number;
  length: number;
  /** Changes with every search, so the same match can be shown again. */
  seq: number;
}

interface Props {
  client: AnalyzerClient;
  protocol: FollowKind;
  stream: number;
  format: PaneFormat;
  selection: FollowSelection;
  found: Found | null;
}

function render(w: FollowWindow, format: PaneFormat): Shown[] {
  const state = new PaneState();
  state.offset = [...w.before.offset];
  state.arrays = [...w.before.records];
  return w.records.map((r) => {
    const rec: FollowRecord = {
      direction: r.direction,
      frame: r.frame,
      tsSec: r.tsSec,
      tsNsec: r.tsNsec,
      gap: r.gap,
      bytes: r.gap ? gapMarker(r.length) : w.bytes.subarray(r.start, r.start + r.length),
    };
    let text = paneText(rec, format, state);
    if (r.gap && (format === "ascii" || format === "utf8")) text = `\n${text}\n`;
    return { chunk: r.chunk, frame: r.frame, direction: r.direction, gap: r.gap, text };
  });
}

export function FollowText({ client, protocol, stream, format, selection, found }: Props) {
  const [windows, setWindows] = useState<Loaded[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const busy = useRef(false);
  const elements = useRef(new Map<number, HTMLDivElement>());
  /** What to do to scrollTop after the next render (keep the text in place when windows come and go). */
  const adjust = useRef<{ kind: "prepend"; height: number } | { kind: "drop"; height: number } | { kind: "top" } | null>(null);
  const scrollTo = useRef<{ chunk: number } | null>(null);
  const selectPacket = useSelectionStore((s) => s.selectPacket);

  const fetchWindow = useCallback(
    async (index: number): Promise<Loaded | null> => {
      const w = await client.followWindow(protocol, stream, index * WINDOW, WINDOW, selection);
      if (!w) return null;
      setTotal(w.total);
      return { index, records: render(w, format) };
    },
    [client, protocol, stream, selection, format],
  );

  const run = useCallback(async (job: () => Promise<void>): Promise<void> => {
    if (busy.current) return;
    busy.current = true;
    try {
      await job();
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      busy.current = false;
    }
  }, []);

  /** Shows window `index` alone (start, slider, find). */
  const showOnly = useCallback(
    (index: number, chunk: number | null) =>
      run(async () => {
        const w = await fetchWindow(index);
        if (!w) return;
        adjust.current = { kind: "top" };
        scrollTo.current = chunk === null ? null : { chunk };
        setWindows([w]);
      }),
    [fetchWindow, run],
  );

  useEffect(() => {
    void showOnly(0, null);
  }, [showOnly]);

  useEffect(() => {
    if (!found) return;
    const have = windows.some((w) => w.index === Math.floor(found.position / WINDOW));
    if (have) {
      scrollTo.current = { chunk: found.chunk };
      setWindows((ws) => [...ws]);
    } else {
      void showOnly(Math.floor(found.position / WINDOW), found.chunk);
    }
    // Only a new search moves the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [found?.seq]);

  const lastIndex = Math.max(0, Math.ceil(total / WINDOW) - 1);

  const extend = useCallback(() => {
    const el = scroller.current;
    if (!el || busy.current || windows.length === 0) return;
    const first = windows[0]!;
    const last = windows[windows.length - 1]!;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < EDGE && last.index < lastIndex) {
      void run(async () => {
        const w = await fetchWindow(last.index + 1);
        if (!w) return;
        setWindows((ws) => {
          const next = [...ws, w];
          if (next.length > MAX_WINDOWS) {
            const dropped = next.shift()!;
            adjust.current = { kind: "drop", height: elements.current.get(dropped.index)?.offsetHeight ?? 0 };
          }
          return next;
        });
      });
    } else if (el.scrollTop < EDGE && first.index > 0) {
      void run(async () => {
        const w = await fetchWindow(first.index - 1);
        if (!w) return;
        adjust.current = { kind: "prepend", height: el.scrollHeight };
        setWindows((ws) => [w, ...ws].slice(0, MAX_WINDOWS));
      });
    }
  }, [windows, lastIndex, fetchWindow, run]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const a = adjust.current;
    adjust.current = null;
    if (a?.kind === "top") el.scrollTop = 0;
    else if (a?.kind === "drop") el.scrollTop -= a.height;
    else if (a?.kind === "prepend") el.scrollTop += el.scrollHeight - a.height;
    const target = scrollTo.current;
    scrollTo.current = null;
    if (target) el.querySelector(`[data-chunk="${target.chunk}"]:not(.fr-gap)`)?.scrollIntoView({ block: "center" });
  }, [windows]);

  // Fill the view when the text is shorter than it.
  useEffect(() => {
    const el = scroller.current;
    if (el && el.scrollHeight <= el.clientHeight + EDGE) extend();
  }, [windows, extend]);

  const mark = (r: Shown): React.ReactNode => {
    if (!found || r.gap || r.chunk !== found.chunk) return r.text;
    if (format !== "ascii" && format !== "utf8") return <mark>{r.text}</mark>;
    const a = found.offset;
    const b = a + found.length;
    return (
      <>
        {r.text.slice(0, a)}
        <mark>{r.text.slice(a, b)}</mark>
        {r.text.slice(b)}
      </>
    );
  };

  const position = windows[0]?.index ?? 0;
  return (
    <div className="follow-body">
      <div
        ref={scroller}
        className={`follow-text follow-${format}`}
        tabIndex={0}
        role="document"
        aria-label="Stream content"
        aria-busy={busy.current}
        onScroll={extend}
      >
        {windows.map((w) => (
          <div
            key={w.index}
            data-window={w.index}
            ref={(el) => {
              if (el) elements.current.set(w.index, el);
              else elements.current.delete(w.index);
            }}
          >
            {w.records.map((r) => (
              <span
                key={`${r.chunk}${r.gap ? "g" : ""}`}
                className={`fr fr-d${r.direction}${r.gap ? " fr-gap" : ""}`}
                data-chunk={r.chunk}
                data-frame={r.frame}
                title={r.gap ? `Missing bytes (shown by frame ${r.frame})` : `Frame ${r.frame}`}
                onClick={() => selectPacket(r.frame)}
              >
                {mark(r)}
              </span>
            ))}
          </div>
        ))}
        {total === 0 && windows.length > 0 && (
          <p className="follow-empty">No data in {selection === "both" ? "this stream" : "this direction"}.</p>
        )}
      </div>
      {error && (
        <p className="follow-error" role="alert">
          {error}
        </p>
      )}
      {lastIndex > 0 && (
        <label className="follow-position">
          <span>Position</span>
          <input
            type="range"
            min={0}
            max={lastIndex}
            value={position}
            aria-valuetext={`chunks ${position * WINDOW + 1} to ${Math.min(total, (position + 1) * WINDOW)} of ${total}`}
            onChange={(e) => void showOnly(Number(e.target.value), null)}
          />
        </label>
      )}
    </div>
  );
}
