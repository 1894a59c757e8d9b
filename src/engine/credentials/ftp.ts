/**
 * FTP's credentials (USER/PASS, RFC 959 §4.1.1) as the FTP analysis found
 * them (engine/ftp: it parses control connections on port 21 and wherever a
 * 220 greeting is answered by a command), in the protocol-neutral record.
 */
import type { FtpAnalysis } from "../ftp/types";
import type { CredentialFinding } from "./types";

export function ftpFindings(analysis: Pick<FtpAnalysis, "credentials"> & { sessions: readonly { id: number; controlStream: number }[] }): CredentialFinding[] {
  const streams = new Map(analysis.sessions.map((s) => [s.id, s.controlStream]));
  return analysis.credentials.map((c) => ({
    protocol: "FTP",
    kind: "FTP USER/PASS",
    client: c.client,
    server: c.server,
    transport: "tcp",
    stream: streams.get(c.sessionId) ?? -1,
    frame: c.passFrame ?? c.userFrame,
    time: c.time,
    user: c.user,
    secret: c.password,
    result: c.result,
    detail: `session ${c.sessionId}`,
  }));
}
