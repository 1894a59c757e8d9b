/**
 * One TCP stream read as HTTP: both directions' messages, each with the
 * frame where its last byte arrived (Wireshark dissects a reassembled message
 * in that frame, so its taps, Export Objects and Follow HTTP Stream, see it
 * there), from the stream Follow TCP Stream rebuilds (../follow).
 */
import { readDirection } from "../follow/follow-stream";
import type { Direction, FollowStream } from "../follow/types";
import { parseMessages, type HttpMessage } from "./messages";

/** Wireshark's default HTTP TCP ports (packet-http.c TCP_DEFAULT_RANGE). */
export const HTTP_TCP_PORTS: ReadonlySet<number> = new Set([80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710]);

/** A hole larger than this is not zero-filled: the direction is parsed up to it. */
const MAX_FILLED_HOLES = 16 << 20;

/** A message and where it was completed. */
export interface StreamMessage extends HttpMessage {
  direction: Direction;
  /** Frame carrying the message's last byte (the FIN's stream's last frame for a body read to the end). */
  frame: number;
  tsSec: number;
  tsNsec: number;
}

/** One direction's bytes (stream byte k at k) and its segments, for the parser and for reading bodies back. */
export interface DirectionBytes {
  data: Uint8Array;
  /** Segment starts and ends (stream offsets), their frames and times, in stream order. */
  starts: Float64Array;
  ends: Float64Array;
  frames: Uint32Array;
  tsSec: Float64Array;
  tsNsec: Uint32Array;
  /** Stream offsets of the holes ([from, to) pairs). */
  holes: number[];
}

/** The direction's bytes with holes zero-filled (cut at the first hole when the holes are large). */
export async function directionBytes(stream: FollowStream, direction: Direction): Promise<DirectionBytes> {
  const large = stream.info.missing[direction] - stream.info.trailingGap[direction] > MAX_FILLED_HOLES;
  const read = await readDirection(stream, direction, large ? {} : { fill: 0 });
  const holes: number[] = [];
  for (const g of read.gaps) holes.push(g.streamOffset, g.streamOffset + g.length);
  let data = read.bytes;
  if (large && read.gaps.length) data = data.subarray(0, read.gaps[0]!.at);
  const n = stream.info.chunkCount;
  const cols = stream.chunkColumns(0, n);
  let count = 0;
  for (let i = 0; i < n; i++) if (cols.direction[i] === direction) count++;
  const d: DirectionBytes = {
    data,
    starts: new Float64Array(count),
    ends: new Float64Array(count),
    frames: new Uint32Array(count),
    tsSec: new Float64Array(count),
    tsNsec: new Uint32Array(count),
    holes,
  };
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (cols.direction[i] !== direction) continue;
    d.starts[k] = cols.streamOffset[i]!;
    d.ends[k] = cols.streamOffset[i]! + cols.length[i]!;
    d.frames[k] = cols.frame[i]!;
    d.tsSec[k] = cols.tsSec[i]!;
    d.tsNsec[k] = cols.tsNsec[i]!;
    k++;
  }
  return d;
}

/** Index of the segment holding stream byte `offset` (the last one starting at or before it). */
export function segmentOf(d: DirectionBytes, offset: number): number {
  let lo = 0;
  let hi = d.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (d.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function holeAt(d: DirectionBytes, from: number, to: number): boolean {
  for (let i = 0; i < d.holes.length; i += 2) if (d.holes[i]! < to && d.holes[i + 1]! > from) return true;
  return to > d.data.length;
}

function segmentAfter(d: DirectionBytes, offset: number): number {
  const s = segmentOf(d, offset);
  return s + 1 < d.starts.length ? Math.min(d.starts[s + 1]!, d.data.length) : d.data.length;
}

/**
 * Whether Wireshark would hand this stream to HTTP: a port of its range, or
 * its TCP heuristic (the first line of a direction's first segment starts
 * with "HTTP/1." or ends with it, as a request line does).
 */
export async function looksLikeHttp(stream: FollowStream): Promise<boolean> {
  const [a, b] = stream.info.nodes;
  if (HTTP_TCP_PORTS.has(a.port) || HTTP_TCP_PORTS.has(b.port)) return true;
  if (stream.info.chunkCount === 0) return false;
  const first = await stream.readChunks(0, 1, "both");
  const p = first[0];
  if (!p || p.kind !== "data") return false;
  return firstLineLooksLikeHttp(p.bytes);
}

/** Wireshark's dissect_http_heur_tcp on a segment: its first line starts with "HTTP/1." or ends with it (a request line). */
export function firstLineLooksLikeHttp(bytes: Uint8Array): boolean {
  let eol = bytes.indexOf(0x0a);
  if (eol < 0) return false;
  if (eol > 0 && bytes[eol - 1] === 0x0d) eol--;
  const line = new TextDecoder("latin1").decode(bytes.subarray(0, eol)).toUpperCase();
  return line.length !== 8 && (line.startsWith("HTTP/1.") || line.slice(-8, -1) === "HTTP/1.");
}

/** Both directions' messages in the order Wireshark dissects them (frame, then position), with the bytes they were read from. */
export async function streamMessages(stream: FollowStream): Promise<{ messages: StreamMessage[]; bytes: [DirectionBytes, DirectionBytes] }> {
  const bytes: [DirectionBytes, DirectionBytes] = [await directionBytes(stream, 0), await directionBytes(stream, 1)];
  const ended = stream.info.fin;
  const place = (d: Direction, list: HttpMessage[]): StreamMessage[] =>
    list.map((m) => {
      const b = bytes[d];
      // A body read to the end of the connection is dissected when the FIN comes: after the last segment.
      const readToEnd = m.framing === "close" && m.complete;
      const s = segmentOf(b, Math.max(m.start, m.end - 1));
      const frame = readToEnd && ended[d] ? Math.max(b.frames[s] ?? 0, stream.info.lastFrame) : (b.frames[s] ?? 0);
      return { ...m, direction: d, frame, tsSec: b.tsSec[s] ?? 0, tsNsec: b.tsNsec[s] ?? 0 };
    });
  const parse = (d: Direction, methodAt: (start: number) => string | null) =>
    parseMessages(bytes[d].data, (f, t) => holeAt(bytes[d], f, t), (o) => segmentAfter(bytes[d], o), ended[d], methodAt);
  // Requests first (their framing does not depend on the other side), then responses with the method they answer.
  const first = [place(0, parse(0, () => null)), place(1, parse(1, () => null))];
  const requests = [...first[0]!, ...first[1]!].filter((m) => m.kind === "request").sort((x, y) => x.frame - y.frame);
  const methodAt = (d: Direction) => (start: number) => {
    const frame = bytes[d].frames[segmentOf(bytes[d], start)] ?? 0;
    let method: string | null = null;
    for (const r of requests) if (r.frame <= frame) method = r.method;
    return method;
  };
  const messages: StreamMessage[] = [];
  for (const d of [0, 1] as const) {
    const hasResponses = first[d]!.some((m) => m.kind === "response");
    messages.push(...(hasResponses && requests.length ? place(d, parse(d, methodAt(d))) : first[d]!));
  }
  messages.sort((x, y) => x.frame - y.frame || x.direction - y.direction || x.start - y.start);
  return { messages, bytes };
}
