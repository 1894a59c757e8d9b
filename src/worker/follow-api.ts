/**
 * Follow Stream and the stream display filter, as the analyzer worker
 * serves them (AnalyzerApi delegates here): windows of a stream's records
 * with their bytes transferred, the whole stream in a format as a Blob for
 * "Save as…", find, and applying a display filter (which "tcp.stream eq N"
 * is one of). Follow HTTP Stream ("http", TCP stream N's HTTP messages with
 * bodies decoded: engine/http/follow-http.ts) is served by the same calls.
 */
import * as Comlink from "comlink";
import type { CaptureSession } from "../engine/session/capture-session";
import { FilterCancelled } from "../engine/session/display-filter";
import { FilterError } from "../engine/filter";
import { filterErrorPlace } from "./filter-api";
import { exportFollow, findInStream, type PaneFormat } from "../engine/follow/render";
import { positionOfChunk, readWindow, type FollowWindow } from "../engine/follow/window";
import type { FollowProtocol, FollowSelection, FollowStream, FollowStreamInfo } from "../engine/follow/types";
import { carriesHttp, httpFollowStream } from "../engine/http/follow-http";

/** What the Follow pane follows: a TCP or UDP stream, or the HTTP messages of TCP stream N. */
export type FollowKind = FollowProtocol | "http";

/** The streams a frame belongs to (-1: none), and how many streams there are. */
export interface FollowTarget {
  tcp: number;
  udp: number;
  /** Whether the TCP stream carries HTTP (Follow HTTP Stream is offered). */
  http: boolean;
  tcpCount: number;
  udpCount: number;
}

export interface FollowMatch {
  chunk: number;
  /** Byte offset of the match in the chunk. */
  offset: number;
  /** Position of the chunk in the selection (FollowWindow positions). */
  position: number;
}

export interface DisplayFilterResult {
  /** Display position → frame number - 1 of the rows shown; null when all are (or on error). */
  order: Uint32Array | null;
  displayed: number;
  total: number;
  /** Bad filter text: tshark's message and the span it points at (start -1: no place). */
  error: { message: string; start: number; length: number } | null;
  /** tshark's warnings for deprecated forms (the filter applies anyway). */
  warnings: string[];
  /** Rows the packet index could not decide and were dissected again; milliseconds taken. */
  dissected: number;
  ms: number;
  /** A newer filter replaced this one before it finished. */
  cancelled?: boolean;
}

const encoder = new TextEncoder();

export class FollowApi {
  constructor(private readonly session: () => CaptureSession) {}

  target(number: number): FollowTarget {
    const s = this.session();
    const row = number - 1;
    const ix = s.index;
    const ok = Number.isInteger(row) && row >= 0 && row < ix.count;
    const tcp = ok ? ix.tcpStream[row]! : -1;
    return {
      tcp,
      udp: ok ? ix.udpStream[row]! : -1,
      http: tcp >= 0 && carriesHttp(ix, s.follows().rowsOf("tcp", tcp)),
      tcpCount: s.follows().streamCount("tcp"),
      udpCount: s.follows().streamCount("udp"),
    };
  }

  /** The stream followed (HTTP: built from the TCP stream once, while the session keeps that). */
  private async stream(kind: FollowKind, stream: number): Promise<FollowStream | null> {
    if (kind !== "http") return this.session().follow(kind, stream);
    const tcp = await this.session().follow("tcp", stream);
    return tcp ? httpFollowStream(tcp) : null;
  }

  async info(kind: FollowKind, stream: number): Promise<FollowStreamInfo | null> {
    return (await this.stream(kind, stream))?.info ?? null;
  }

  async window(kind: FollowKind, stream: number, first: number, count: number, selection: FollowSelection): Promise<FollowWindow | null> {
    const s = await this.stream(kind, stream);
    if (!s) return null;
    const w = await readWindow(s, first, count, selection);
    return Comlink.transfer(w, [w.bytes.buffer as ArrayBuffer]);
  }

  /** The next match at or after `from`, with the chunk's position in the selection (for the window to show). */
  async find(
    kind: FollowKind,
    stream: number,
    text: string,
    from: { chunk: number; offset: number },
    selection: FollowSelection,
  ): Promise<FollowMatch | null> {
    const s = await this.stream(kind, stream);
    if (!s) return null;
    const m = await findInStream(s, encoder.encode(text), from, selection);
    return m ? { ...m, position: positionOfChunk(s, selection, m.chunk) } : null;
  }

  async export(kind: FollowKind, stream: number, format: PaneFormat, selection: FollowSelection): Promise<Blob> {
    const s = await this.stream(kind, stream);
    const parts: BlobPart[] = [];
    if (s) for await (const part of exportFollow(s, format, selection)) parts.push(typeof part === "string" ? part : part.slice());
    return new Blob(parts, { type: format === "raw" ? "application/octet-stream" : "text/plain" });
  }

  /** Applies a display filter; errors in the text come back as data (with where they are), not as exceptions. */
  async applyDisplayFilter(text: string, onProgress?: (done: number, total: number) => void): Promise<DisplayFilterResult> {
    const s = this.session();
    const started = performance.now();
    try {
      const { display, marks } = await s.applyDisplayFilter(text, onProgress);
      const result: DisplayFilterResult = {
        order: display,
        displayed: s.displayedCount,
        total: s.packetCount,
        error: null,
        warnings: s.displayFilterText ? [...s.compileFilter(text).warnings] : [],
        dissected: marks?.dissected ?? 0,
        ms: performance.now() - started,
      };
      return display ? Comlink.transfer(result, [display.buffer as ArrayBuffer]) : result;
    } catch (e) {
      if (e instanceof FilterCancelled) return { order: null, displayed: s.displayedCount, total: s.packetCount, error: null, warnings: [], dissected: 0, ms: 0, cancelled: true };
      if (!(e instanceof FilterError)) throw e;
      return { order: null, displayed: s.displayedCount, total: s.packetCount, error: filterErrorPlace(e), warnings: [], dissected: 0, ms: 0 };
    }
  }

}
