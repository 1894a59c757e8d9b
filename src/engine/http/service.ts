/**
 * The HTTP report of a capture: from an open session's followed TCP streams
 * (what its indexing pass recorded: nothing dissected again, only the HTTP
 * streams' bytes read), built once per session; or from a file read on its
 * own (one Follow pass: tests, goldens).
 */
import { followStreams } from "../follow/follow-index";
import type { FollowProtocol, FollowStream } from "../follow/types";
import type { ByteSource } from "../io/byte-source";
import { analyzeHttp, type HttpReport } from "./report";

/** What the report needs of an open capture (CaptureSession's Follow Stream). */
export interface FollowingSession {
  load(): Promise<unknown>;
  follow(protocol: FollowProtocol, stream: number): Promise<FollowStream | null>;
  follows(): { streamCount(protocol: FollowProtocol): number };
}

const reports = new WeakMap<FollowingSession, Promise<HttpReport>>();

/** The session's HTTP report, built once after the capture is indexed (a failure is not kept). */
export function sessionHttpReport(session: FollowingSession): Promise<HttpReport> {
  let p = reports.get(session);
  if (!p) {
    p = session.load().then(() => analyzeHttp({ tcpCount: session.follows().streamCount("tcp"), stream: (i) => session.follow("tcp", i) }));
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
