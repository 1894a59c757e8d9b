/**
 * Every credential of an indexed capture, from what the indexing pass
 * recorded (credential-facts.ts): each TCP stream of a credential protocol
 * is rebuilt from Follow Stream's facts with its kept payloads and handed to
 * its protocol's parser; SNMP communities come from the pass's fields; FTP's
 * from the FTP analysis. Nothing is read from the file, except the streams
 * whose payload the pass could not place in its frame (TCP over IP
 * fragments), which are re-dissected as Follow Stream does.
 */
import type { ByteSource } from "../io/byte-source";
import type { FollowFacts } from "../follow/follow-facts";
import type { StreamRows } from "../follow/stream-rows";
import type { Direction, FollowStream } from "../follow/types";
import type { PacketIndex } from "../index/packet-index";
import type { CredentialFacts } from "./credential-facts";
import { HttpCredentials } from "./http";
import { statusCode } from "./credential-facts";
import { imapCredentials } from "./imap";
import { pop3Credentials } from "./pop3";
import { HTTP, IMAP, NONE, POP3, type Service, SMTP, TELNET } from "./services";
import { smtpCredentials } from "./smtp";
import { feedStream, type StreamContext, type StreamParser } from "./stream-text";
import { telnetCredentials } from "./telnet";
import type { CredentialFinding, CredentialRecord } from "./types";

/** An HTTP parser as a StreamParser: client bytes parsed, server bytes only for their status line (re-dissected streams). */
function httpParser(http: HttpCredentials): StreamParser {
  return {
    data(fromClient, bytes, frame, time) {
      if (fromClient) http.data(bytes, frame, time);
      else {
        const code = statusCode(bytes, 0, bytes.length);
        if (code) http.response(code);
      }
    },
    gap(fromClient) {
      if (fromClient) http.gap();
    },
    finish: () => http.finish(),
  };
}

export function parserFor(service: Service, ctx: StreamContext): StreamParser | null {
  switch (service) {
    case HTTP:
      return httpParser(new HttpCredentials(ctx));
    case SMTP:
      return smtpCredentials(ctx);
    case POP3:
      return pop3Credentials(ctx);
    case IMAP:
      return imapCredentials(ctx);
    case TELNET:
      return telnetCredentials(ctx);
    default:
      return null;
  }
}

/** The findings of one stream: `serverPort` says which node is the server. */
export async function streamFindings(
  s: FollowStream,
  service: Service,
  serverPort: number,
  kept?: { kept(row: number): Uint8Array | null; statusOf(row: number): number },
): Promise<CredentialFinding[]> {
  const [a, b] = s.info.nodes;
  // Node 1 is the server unless node 0 has the server's port and node 1 does not.
  const serverNode: Direction = a.port === serverPort && b.port !== serverPort ? 0 : 1;
  const ctx: StreamContext = { client: serverNode === 1 ? a : b, server: serverNode === 1 ? b : a, stream: s.info.stream };
  const parser = parserFor(service, ctx);
  if (!parser) return [];
  const clientDirection: Direction = serverNode === 1 ? 0 : 1;
  if (!kept) await feedStream(s, clientDirection, parser);
  else
    await feedStream(
      s,
      clientDirection,
      parser,
      (i) => kept.kept(s.chunk(i).frame - 1) !== null,
      (chunk, fromClient) => {
        // An HTTP response is not kept: the pass recorded its status code.
        const code = service === HTTP && !fromClient ? kept.statusOf(chunk.frame - 1) : 0;
        if (code) parser.data(false, STATUS_LINES.get(code) ?? statusLine(code), chunk.frame, chunk.tsSec + chunk.tsNsec / 1e9);
        else if (fromClient || service !== HTTP) parser.gap(fromClient);
      },
    );
  return parser.finish();
}

const STATUS_LINES = new Map<number, Uint8Array>();
function statusLine(code: number): Uint8Array {
  const line = Uint8Array.from(`HTTP/1.1 ${code} \r\n`, (c) => c.charCodeAt(0));
  STATUS_LINES.set(code, line);
  return line;
}

/** What the indexing pass recorded that the gathering reads. */
export interface CredentialPassFacts {
  readonly follow: FollowFacts;
  readonly tcpRows: StreamRows;
  readonly credentials: CredentialFacts;
}

/**
 * The capture's credentials, numbered in frame order. `refollow`: a stream
 * rebuilt by re-dissecting its packets; `others`: findings from elsewhere
 * (the FTP analysis').
 */
export async function gatherCredentials(
  facts: CredentialPassFacts,
  index: PacketIndex,
  source: ByteSource,
  refollow: (stream: number) => Promise<FollowStream | null>,
  others: readonly CredentialFinding[] = [],
): Promise<CredentialRecord[]> {
  const c = facts.credentials;
  const found: CredentialFinding[] = [...others];
  for (let i = 0; i < facts.tcpRows.streams; i++) {
    const service = c.serviceOf(i);
    if (service === NONE) continue;
    const rows = facts.tcpRows.rowsOf(i);
    const built = rows.length ? facts.follow.build("tcp", i, rows, index, source, (row) => c.kept(row)) : null;
    const s = built ?? (await refollow(i));
    if (!s) continue;
    found.push(...(await streamFindings(s, service, c.serverPortOf(i), built ? c : undefined)));
  }
  found.push(...c.snmp.findings((row) => index.tsSec[row]! + index.tsNsec[row]! / 1e9));
  return numbered(found);
}

/** Sorted by frame (then as found) and numbered. */
export function numbered(found: readonly CredentialFinding[]): CredentialRecord[] {
  return found
    .map((f, i) => ({ f, i }))
    .sort((x, y) => x.f.frame - y.f.frame || x.i - y.i)
    .map(({ f }, id) => ({ id, ...f }));
}
