/**
 * The HTTP report of a capture: from an open session's followed TCP streams
 * (what its indexing pass recorded: nothing dissected again, only the HTTP
 * streams' bytes read), built once per session; or from a file read on its
 * own (one Follow pass: tests, goldens).
 */
import { followStreams } from "../follow/follow-index";
import type { FollowFacts } from "../follow/follow-facts";
import type { FollowProtocol, FollowStream } from "../follow/types";
import type { PacketIndex } from "../index/packet-index";
import type { ByteSource } from "../io/byte-source";
import { firstLineLooksLikeHttp, HTTP_TCP_PORTS } from "./http-stream";
import { analyzeHttp, type HttpReport } from "./report";

/** What the report needs of an open capture (CaptureSession's Follow Stream). */
export interface FollowingSession {
  load(): Promise<unknown>;
  follow(protocol: FollowProtocol, stream: number): Promise<FollowStream | null>;
  follows(): { streamCount(protocol: FollowProtocol): number; rowsOf(protocol: FollowProtocol, stream: number): Uint32Array };
  readonly followFacts: FollowFacts | null;
  readonly index: PacketIndex;
  readonly source: ByteSource;
}

/** Bytes of a first segment read to judge Wireshark's heuristic (its first line). */
const PEEK = 256;

/**
 * Whether a stream may be HTTP, from what the pass recorded of its packets:
 * an HTTP port, or a first payload whose first line passes the heuristic
 * (one small read). Building the stream (all its chunks) is left to those
 * that pass: a capture of 800 FTP connections is listed in milliseconds.
 * True when the facts cannot tell (the stream is then built and judged).
 */
async function mayBeHttp(session: FollowingSession, stream: number): Promise<boolean> {
  const facts = session.followFacts;
  const rows = session.follows().rowsOf("tcp", stream);
  if (!facts || rows.length === 0) return true;
  const ports = facts.portsOf(rows[0]!);
  if (ports === 0) return true;
  if (HTTP_TCP_PORTS.has(ports >>> 16) || HTTP_TCP_PORTS.has(ports & 0xffff)) return true;
  for (const row of rows) {
    const len = facts.payloadLength(row);
    const at = facts.payloadOffset(row);
    if (len <= 0) continue;
    if (at < 0) return true;
    const bytes = await session.source.read(session.index.offset[row]! + at, Math.min(len, PEEK));
    return firstLineLooksLikeHttp(bytes);
  }
  return false;
}

const reports = new WeakMap<FollowingSession, Promise<HttpReport>>();

/** The session's HTTP report, built once after the capture is indexed (a failure is not kept). */
export function sessionHttpReport(session: FollowingSession): Promise<HttpReport> {
  let p = reports.get(session);
  if (!p) {
    p = session.load().then(() =>
      analyzeHttp({
        tcpCount: session.follows().streamCount("tcp"),
        stream: async (i) => ((await mayBeHttp(session, i)) ? session.follow("tcp", i) : null),
      }),
    );
    reports.set(session, p);
    const mine = p;
    p.catch(() => {
      if (reports.get(session) === mine) reports.delete(session);
    });
  }
  return p;
}

/** The HTTP report of a file read on its own (one pass). */
export async function httpReportOf(source: ByteSource): Promise<HttpReport> {
  const index = await followStreams(source, { udp: false });
  return analyzeHttp({ tcpCount: index.tcpCount, stream: (i) => index.stream("tcp", i) });
}
