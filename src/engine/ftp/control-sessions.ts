/**
 * Steps 1 and 2 of the analysis (analyze.ts): find the control connections
 * among the capture's TCP streams (a side on a control port, or a
 * conversation that opens with a "220" greeting answered by a command, probe.ts)
 * and parse each one (control.ts) into a session.
 */
import type { FollowStream, FollowStreamInfo } from "../follow/types";
import { ControlParser, type ParsedControl } from "./control";
import type { PassControl } from "./control-parses";
import { looksLikeFtp } from "./probe";
import type { FtpSession } from "./types";

/** The capture's TCP streams (FollowIndex from `followStreams`, or a capture session's `follow`). */
export interface FtpStreamSource {
  readonly tcpCount: number;
  stream(index: number): FollowStream | null | Promise<FollowStream | null>;
  /**
   * Chunk `chunk`'s openingClass (probe.ts) when the source knows it without
   * reading (a capture session records it per segment); null: read the bytes.
   */
  opening?(stream: FollowStream, chunk: number): number | null;
  /**
   * Stream `index` when the source parsed it as a control connection already
   * (a capture session does so during its pass: control-parses.ts), handed
   * over once; null: build and parse it here.
   */
  passControl?(index: number): PassControl | null;
}

/** Progress: streams looked at / total, then transfers read / total. */
export type FtpProgress = (phase: "streams" | "transfers", done: number, total: number) => void;

export interface ControlStream {
  /** The stream; null when the pass parsed it (`pass`), which the analysis then neither builds nor reads. */
  stream: FollowStream | null;
  info: FollowStreamInfo;
  serverNode: 0 | 1;
  pass: PassControl | null;
}

/** The capture's TCP streams (by stream index) and which of them are FTP control connections. */
export interface StreamScan {
  /** Null for an index without a stream, and for the control connections the pass parsed (`controls` has them). */
  streams: (FollowStream | null)[];
  controls: ControlStream[];
  /** Stream indexes of `controls`. */
  isControl: Set<number>;
}

/** Seconds since the epoch of a chunk's timestamp. */
export const time = (sec: number, nsec: number): number => sec + nsec / 1e9;

/** Step 1: every stream, and the control connections among them. */
export async function findControlStreams(
  source: FtpStreamSource,
  controlPorts: ReadonlySet<number>,
  probe: boolean,
  progress: FtpProgress | undefined,
): Promise<StreamScan> {
  const streams: (FollowStream | null)[] = [];
  const controls: ControlStream[] = [];
  const isControl = new Set<number>();
  for (let i = 0; i < source.tcpCount; i++) {
    const pass = source.passControl?.(i) ?? null;
    if (pass) {
      // Parsed during the pass: only its description is needed (the steps after parsing skip control connections).
      streams.push(null);
      if (pass.info.bytes[0] + pass.info.bytes[1] > 0) {
        controls.push({ stream: null, info: pass.info, serverNode: pass.serverNode, pass });
        isControl.add(i);
      }
      continue;
    }
    const s = await source.stream(i);
    streams.push(s);
    if (!s) continue;
    const [n0, n1] = s.info.nodes;
    let serverNode: 0 | 1 | -1 = controlPorts.has(n1.port) ? 1 : controlPorts.has(n0.port) ? 0 : -1;
    if (serverNode < 0 && probe && n0.port !== 20 && n1.port !== 20)
      serverNode = await looksLikeFtp(s, source.opening ? (chunk) => source.opening!(s, chunk) : undefined);
    if (serverNode >= 0 && s.info.bytes[0] + s.info.bytes[1] > 0) {
      controls.push({ stream: s, info: s.info, serverNode: serverNode as 0 | 1, pass: null });
      isControl.add(i);
    }
    if (progress && (i & 255) === 255) progress("streams", i + 1, source.tcpCount);
  }
  progress?.("streams", source.tcpCount, source.tcpCount);
  return { streams, controls, isControl };
}

/** Step 2: each control connection parsed, as a session and what the parser found (same index). */
export async function parseSessions(controls: readonly ControlStream[]): Promise<{ sessions: FtpSession[]; parsed: ParsedControl[] }> {
  const sessions: FtpSession[] = [];
  const parsed: ParsedControl[] = [];
  for (const cs of controls) {
    const p = cs.pass?.parsed ?? (await parseControl(cs.stream!, cs.serverNode));
    sessions.push(sessionOf(cs, p, sessions.length));
    parsed.push(p);
  }
  return { sessions, parsed };
}

async function parseControl(s: FollowStream, serverNode: 0 | 1): Promise<ParsedControl> {
  const parser = new ControlParser();
  const clientDir = serverNode === 0 ? 1 : 0;
  const BATCH = 2048;
  for (let first = 0; first < s.info.chunkCount; first += BATCH) {
    const pieces = await s.readChunks(first, BATCH, "both");
    const columns = s.chunkColumns(first, BATCH);
    for (const p of pieces) {
      const direction = p.direction === clientDir ? 0 : 1;
      if (p.kind === "gap") parser.pushGap(direction);
      else {
        const k = p.chunk - first;
        parser.pushData(direction, p.bytes, p.frame, time(columns.tsSec[k]!, columns.tsNsec[k]!), p.streamOffset);
      }
    }
  }
  return parser.finish();
}

/** The session of a parsed control connection (its data channels and transfers are added later). */
function sessionOf(cs: ControlStream, p: ParsedControl, id: number): FtpSession {
  const info = cs.info;
  const server = info.nodes[cs.serverNode];
  const client = info.nodes[cs.serverNode === 0 ? 1 : 0];
  const clientDir = cs.serverNode === 0 ? 1 : 0;
  let start = cs.pass?.start ?? 0;
  let last = cs.pass?.last ?? 0;
  if (cs.stream && info.chunkCount > 0) {
    const a = cs.stream.chunk(0);
    const b = cs.stream.chunk(info.chunkCount - 1);
    start = time(a.tsSec, a.tsNsec);
    last = time(b.tsSec, b.tsNsec);
  }
  return {
    id,
    controlStream: info.stream,
    client: { ...client },
    server: { ...server },
    firstFrame: info.firstFrame,
    lastFrame: info.lastFrame,
    start,
    duration: Math.max(0, last - start),
    banner: p.banner,
    system: p.system,
    features: p.features,
    user: p.user,
    loginResult: p.loginResult,
    logins: p.logins,
    encrypted: p.encrypted,
    tlsFrame: p.tlsFrame,
    authMechanism: p.authMechanism,
    clearedCommandChannel: p.clearedCommandChannel,
    clearFrame: p.clearFrame,
    dataProtection: p.dataProtection,
    exchanges: p.exchanges,
    commandCount: p.commandCount,
    dataChannelIds: [],
    transferIds: [],
    controlBytes: [info.bytes[clientDir], info.bytes[1 - clientDir]!],
    dataBytes: 0,
    end: p.end === "quit" ? "quit" : info.rst ? "reset" : info.fin[0] || info.fin[1] ? "closed" : "open",
    controlGaps: p.controlGaps || info.missing[0] + info.missing[1] > 0,
    alertIds: [],
  };
}
