/**
 * Step 3 of the analysis (analyze.ts): every TCP stream that is not a control
 * connection is linked to the announcement it connects to, in that session
 * only. The announced endpoint (address and port, or the port on the control
 * connection's address when NAT rewrote it) is the listening side, the peer
 * is the session's other party; the latest announcement before the
 * connection's first frame wins. Without any announcement, RFC 959's default
 * (server port 20 → the client's control port). Connections no readable
 * announcement explains (FTPS, a capture that starts mid-session) are
 * unattributed.ts's.
 */
import type { FollowStream } from "../follow/types";
import { time, type StreamScan } from "./control-sessions";
import type { Announcement, ParsedControl } from "./control";
import type { FtpDataChannel, FtpSession } from "./types";

/** The data channels found, with their streams (same index) and which channels each announcement got. */
export interface DataChannels {
  dataChannels: FtpDataChannel[];
  channelStreams: FollowStream[];
  /** `${session} ${announcement}` → data channel ids */
  channelsOf: Map<string, number[]>;
}

interface DataLink {
  session: number;
  announcement: number;
  /** Which node of the data stream listened (the announced endpoint). */
  listener: 0 | 1;
  /** 2: endpoint and peer as expected; 1: NAT or an unexpected peer. */
  score: number;
}

/** Announcements as (session, index) with the endpoint the data connection goes to. */
interface IndexedAnnouncement {
  session: number;
  index: number;
  frame: number;
  /** Address the other end must have to be as expected (passive: the client; active: the server). */
  peer: string;
  exact: boolean;
}

function endpointKey(address: string, port: number): string {
  return `${address} ${port}`;
}

/**
 * RFC 959 §3.2: without PORT/PASV the server connects from its port L-1 to
 * the client's control port. Adds such made-up announcements to the parsed
 * sessions and returns them as `${session} ${announcement}` (their channels
 * report method "none").
 */
export function addDefaultAnnouncements(sessions: readonly FtpSession[], parsed: readonly ParsedControl[]): Set<string> {
  const defaultPort = new Set<string>();
  for (let si = 0; si < sessions.length; si++) {
    const p = parsed[si]!;
    const sess = sessions[si]!;
    for (const t of p.transfers) {
      if (t.announcement !== null || p.announcements.some((a) => a.order < t.order)) continue;
      t.announcement = p.announcements.length;
      p.announcements.push({
        method: "PORT",
        mode: "active",
        address: sess.client.address,
        port: sess.client.port,
        frame: t.commandFrame,
        order: t.order,
        exchangeIndex: t.exchangeIndex,
        rejected: false,
      });
      defaultPort.add(`${si} ${t.announcement}`);
    }
  }
  return defaultPort;
}

/** Announcements indexed by the endpoint that listens (and, under NAT, by the port on the control connection's address). */
function indexAnnouncements(sessions: readonly FtpSession[], parsed: readonly ParsedControl[]): Map<string, IndexedAnnouncement[]> {
  const byEndpoint = new Map<string, IndexedAnnouncement[]>();
  const addIndexed = (key: string, a: IndexedAnnouncement): void => {
    const list = byEndpoint.get(key);
    if (list) list.push(a);
    else byEndpoint.set(key, [a]);
  };
  for (let si = 0; si < sessions.length; si++) {
    const sess = sessions[si]!;
    parsed[si]!.announcements.forEach((a, index) => {
      if (a.rejected) return;
      const controlAddress = a.mode === "passive" ? sess.server.address : sess.client.address;
      const address = a.address ?? controlAddress;
      const peer = a.mode === "passive" ? sess.client.address : sess.server.address;
      addIndexed(endpointKey(address, a.port), { session: si, index, frame: a.frame, peer, exact: true });
      // NAT: the announced address is not the one on the wire; the port usually is.
      if (address !== controlAddress)
        addIndexed(endpointKey(controlAddress, a.port), { session: si, index, frame: a.frame, peer, exact: false });
    });
  }
  return byEndpoint;
}

/** The announcement a stream connects to: the best-scoring, then the latest before its first frame. */
function findLink(byEndpoint: ReadonlyMap<string, IndexedAnnouncement[]>, s: FollowStream): DataLink | null {
  const info = s.info;
  let best: DataLink | null = null;
  let bestFrame = -1;
  for (const listener of [1, 0] as const) {
    // The side that sent the SYN did not listen.
    if (info.syn[0] && !info.syn[1] && listener === 0) continue;
    const node = info.nodes[listener];
    const other = info.nodes[listener === 0 ? 1 : 0];
    const list = byEndpoint.get(endpointKey(node.address, node.port));
    if (!list) continue;
    for (const a of list) {
      if (a.frame >= info.firstFrame) continue;
      const score = (a.exact ? 1 : 0) + (a.peer === other.address ? 1 : 0);
      if (score === 0) continue;
      if (!best || score > best.score || (score === best.score && a.frame > bestFrame)) {
        best = { session: a.session, announcement: a.index, listener, score };
        bestFrame = a.frame;
      }
    }
  }
  return best;
}

/** Data channels: streams an announcement explains, and streams from port 20. */
export function linkDataChannels(
  { streams, isControl }: StreamScan,
  sessions: FtpSession[],
  parsed: readonly ParsedControl[],
  defaultPort: ReadonlySet<string>,
): DataChannels {
  const byEndpoint = indexAnnouncements(sessions, parsed);
  const dataChannels: FtpDataChannel[] = [];
  const channelStreams: FollowStream[] = [];
  const channelsOf = new Map<string, number[]>();
  for (let i = 0; i < streams.length; i++) {
    const s = streams[i];
    if (!s || isControl.has(i)) continue;
    const link = findLink(byEndpoint, s);
    const info = s.info;
    const port20 = info.nodes[0].port === 20 || info.nodes[1].port === 20;
    if (!link && !port20) continue;
    let sessionId: number | null = null;
    let a: Announcement | null = null;
    let listener: 0 | 1 = 1;
    if (link) {
      sessionId = link.session;
      a = parsed[link.session]!.announcements[link.announcement]!;
      listener = link.listener;
    } else {
      // Port 20 without an announcement: the server is the side on port 20; find a session between the same hosts.
      listener = info.nodes[0].port === 20 ? 1 : 0;
      const srv = info.nodes[listener === 0 ? 1 : 0].address;
      const cli = info.nodes[listener].address;
      const sess = sessions.find((x) => x.server.address === srv && x.client.address === cli);
      sessionId = sess ? sess.id : null;
    }
    const serverNode: 0 | 1 = a ? (a.mode === "passive" ? listener : listener === 0 ? 1 : 0) : listener === 0 ? 1 : 0;
    const clientNode: 0 | 1 = serverNode === 0 ? 1 : 0;
    const dc: FtpDataChannel = {
      id: dataChannels.length,
      stream: info.stream,
      sessionId,
      method: a ? (link && defaultPort.has(`${link.session} ${link.announcement}`) ? "none" : a.method) : "none",
      mode: a ? a.mode : "active",
      announced: a ? { address: info.nodes[listener].address, port: info.nodes[listener].port } : null,
      announceFrame: a ? a.frame : null,
      client: { ...info.nodes[clientNode] },
      server: { ...info.nodes[serverNode] },
      firstFrame: info.firstFrame,
      lastFrame: info.lastFrame,
      firstDataFrame: 0,
      lastDataFrame: 0,
      start: 0,
      end: 0,
      bytes: [info.bytes[clientNode === 0 ? 0 : 1], info.bytes[clientNode === 0 ? 1 : 0]],
      missing: [info.missing[clientNode === 0 ? 0 : 1], info.missing[clientNode === 0 ? 1 : 0]],
      transferId: null,
      encrypted: false,
      unexplained: true,
      attribution: null,
      md5: [null, null],
      sha256: [null, null],
    };
    if (info.chunkCount > 0) {
      const c0 = s.chunk(0);
      const c1 = s.chunk(info.chunkCount - 1);
      dc.firstDataFrame = c0.frame;
      dc.lastDataFrame = c1.frame;
      dc.start = time(c0.tsSec, c0.tsNsec);
      dc.end = time(c1.tsSec, c1.tsNsec);
    }
    dataChannels.push(dc);
    channelStreams.push(s);
    if (sessionId !== null) {
      sessions[sessionId]!.dataChannelIds.push(dc.id);
      sessions[sessionId]!.dataBytes += info.bytes[0] + info.bytes[1];
    }
    if (link) {
      const key = `${link.session} ${link.announcement}`;
      const list = channelsOf.get(key);
      if (list) list.push(dc.id);
      else channelsOf.set(key, [dc.id]);
      const log = sessions[link.session]!.exchanges;
      const ei = a!.exchangeIndex;
      if (ei < log.length && log.announcesDataChannelId(ei) === null && !defaultPort.has(key)) log.setAnnouncesDataChannelId(ei, dc.id);
    }
  }
  return { dataChannels, channelStreams, channelsOf };
}
