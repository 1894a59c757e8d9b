/**
 * A TCP stream's two directions handed to a protocol's credential parser,
 * in delivery order (the order the conversation happened), from the bytes
 * the indexing pass kept (credential-facts.ts): chunks it did not keep (past
 * its caps, or an HTTP response body) reach the parser as a gap, never as a
 * read of the capture.
 */
import { decodeText, LineSplitter } from "../ftp/lines";
import type { Direction, FollowChunk, FollowEndpoint, FollowStream } from "../follow/types";
import type { CredentialFinding, CredentialKind, CredentialResult } from "./types";

/** The conversation a parser reads: who is who, and the stream's number. */
export interface StreamContext {
  client: FollowEndpoint;
  server: FollowEndpoint;
  stream: number;
}

/** What each protocol's parser implements (one file per protocol). */
export interface StreamParser {
  /** Bytes of one direction, from `frame` (time in seconds). */
  data(fromClient: boolean, bytes: Uint8Array, frame: number, time: number): void;
  /** Bytes of that direction the parser will not see (lost in the capture, or not kept). */
  gap(fromClient: boolean): void;
  /** After the stream's last chunk: everything found. */
  finish(): CredentialFinding[];
}

/** Chunks per read: a window of descriptors, not the whole stream at once. */
const BATCH = 256;

/**
 * Feeds stream `s` to `parser`. `readable(i)`: whether chunk i's bytes were
 * kept (default: all readable, as in tests and streams re-dissected);
 * `unread`: what to do instead with a chunk that was not (default: a gap).
 */
export async function feedStream(
  s: FollowStream,
  clientDirection: Direction,
  parser: StreamParser,
  readable: (chunk: number) => boolean = () => true,
  unread: (chunk: FollowChunk, fromClient: boolean) => void = (_, fromClient) => parser.gap(fromClient),
): Promise<void> {
  const n = s.info.chunkCount;
  let i = 0;
  while (i < n) {
    if (!readable(i)) {
      const c = s.chunk(i);
      unread(c, c.direction === clientDirection);
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n && end - i < BATCH && readable(end)) end++;
    for (const p of await s.readChunks(i, end - i)) {
      const fromClient = p.direction === clientDirection;
      if (p.kind === "gap") parser.gap(fromClient);
      else {
        const c = s.chunk(p.chunk);
        parser.data(fromClient, p.bytes, p.frame, c.tsSec + c.tsNsec / 1e9);
      }
    }
    i = end;
  }
}

/** A line of text (Telnet commands removed, CRLF cut) with the frame that completed it. */
export type LineHandler = (fromClient: boolean, text: string, frame: number, time: number) => void;

/**
 * A StreamParser for line protocols (SMTP, POP3, IMAP): each direction split
 * into lines (ftp/lines.ts, the same rules as FTP's control connection).
 */
export class LineStreamParser implements StreamParser {
  private readonly splitters: [LineSplitter, LineSplitter];

  constructor(
    onLine: LineHandler,
    private readonly done: () => CredentialFinding[],
  ) {
    const make = (fromClient: boolean): LineSplitter => new LineSplitter((l) => onLine(fromClient, decodeText(l.bytes), l.lastFrame, l.time));
    this.splitters = [make(false), make(true)];
  }

  data(fromClient: boolean, bytes: Uint8Array, frame: number, time: number): void {
    this.splitters[fromClient ? 1 : 0].push(bytes, frame, time, 0);
  }

  gap(fromClient: boolean): void {
    this.splitters[fromClient ? 1 : 0].gapOf();
  }

  finish(): CredentialFinding[] {
    return this.done();
  }
}

/** A finding of the conversation `ctx` over TCP. */
export function tcpFinding(
  ctx: StreamContext,
  protocol: string,
  kind: CredentialKind,
  found: { user: string; secret: string | null; frame: number; time: number; result?: CredentialResult; detail?: string },
): CredentialFinding {
  return {
    protocol,
    kind,
    client: ctx.client,
    server: ctx.server,
    transport: "tcp",
    stream: ctx.stream,
    frame: found.frame,
    time: found.time,
    user: found.user,
    secret: found.secret,
    result: found.result ?? "unknown",
    detail: found.detail ?? "",
  };
}
