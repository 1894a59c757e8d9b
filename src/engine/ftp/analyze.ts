/**
 * FTP forensics over a whole capture: control sessions, their data
 * connections, transfers, the files they carried (byte-exact, hashed),
 * credentials and alerts. See types.ts for the model and README.md for the
 * approach.
 *
 * Input: the capture's TCP streams as Follow TCP Stream gives them (chunk
 * descriptors; bytes read on demand). Steps:
 *  1. find control connections: a side on port 21, or a conversation that
 *     opens with a "220" greeting answered by a command (FTP on other ports);
 *  2. parse each one (control.ts): exchanges, announcements, transfers;
 *  3. link every other stream to the announcement it connects to, in that
 *     session only: the announced endpoint (address and port, or the port on
 *     the control connection's address when NAT rewrote it) is the listening
 *     side, the peer is the session's other party; the latest announcement
 *     before the connection's first frame wins;
 *  4. link announcements to transfers: a transfer command uses the latest
 *     announcement before it that no transfer has used yet, whatever commands
 *     come between (TYPE, SIZE, REST, MDTM…), and whether the connection opened
 *     before or after the command;
 *  5. read each transfer's payload once (content.ts): hashes, holes, TYPE A;
 *  6. build files: parts of one path stitched at their REST offsets (lftp's
 *     pget), APPE placed after the version it appends to; listings parsed;
 *  7. credentials and alerts.
 */
import type { FollowStream, FollowStreamInfo } from "../follow/types";
import { type Announcement, ControlParser, type ParsedControl, type TransferCommand } from "./control";
import { addRange, complement, Hashes, type PayloadRef, type PayloadScan, readContent, scanPayload, WINDOW } from "./content";
import type { ExportSource } from "./export";
import { parseListing } from "./listing";
import { looksLikeFtp } from "./probe";
import { looksLikeText, sniffMime, SNIFF_BYTES } from "./magic";
import { baseName, joinPath } from "./paths";
import type {
  ByteRange,
  FtpAlert,
  FtpAnalysis,
  FtpCredential,
  FtpDataChannel,
  FtpEndpoint,
  FtpFile,
  FtpFilePiece,
  FtpSession,
  FtpTransfer,
} from "./types";

/** The capture's TCP streams (FollowIndex from `followStreams`, or a capture session's `follow`). */
export interface FtpStreamSource {
  readonly tcpCount: number;
  stream(index: number): FollowStream | null | Promise<FollowStream | null>;
  /**
   * Chunk `chunk`'s openingClass (probe.ts) when the source knows it without
   * reading (a capture session records it per segment); null: read the bytes.
   */
  opening?(stream: FollowStream, chunk: number): number | null;
}

export interface FtpAnalyzeOptions {
  /** Ports treated as FTP control ports without looking at the bytes (default [21]). */
  controlPorts?: readonly number[];
  /** Look for FTP on other ports by its greeting (default true). */
  probe?: boolean;
  /** Progress: streams looked at / total, then transfers read / total. */
  onProgress?: (phase: "streams" | "transfers", done: number, total: number) => void;
}

/** Brute force: this many failed logins from one client (across its sessions) raise an alert. */
export const BRUTE_FORCE_THRESHOLD = 5;
/** Listings longer than this are kept as files but not parsed into entries. */
const MAX_LISTING_PARSE = 8 << 20;

/** The analysis plus what it needs to read files back. */
export class FtpReport {
  constructor(
    readonly analysis: FtpAnalysis,
    private readonly payloads: (PayloadRef | null)[],
    private readonly plans: FtpFilePiece[][],
    private readonly channels: (PayloadRef | null)[][] = [],
  ) {}

  /** The pieces a file is made of (for tests and exports). */
  piecesOf(fileId: number): readonly FtpFilePiece[] {
    return this.plans[fileId] ?? [];
  }

  /** Streams a file's content (holes as zeros) to `out`, in windows valid during the call. */
  async readFile(fileId: number, out: (b: Uint8Array) => void | Promise<void>): Promise<void> {
    const file = this.analysis.files[fileId];
    if (!file) throw new Error(`no file ${fileId}`);
    await readContent(this.plans[fileId]!, file.size, (t) => this.payloads[t]!, out);
  }

  /** Streams a transfer's payload as it crossed the wire (holes skipped). */
  async readPayload(transferId: number, out: (b: Uint8Array) => void | Promise<void>): Promise<void> {
    await this.readWire(this.payloads[transferId] ?? null, out);
  }

  /** Streams what an unexplained data connection carried one way (0: client→server, 1: server→client), holes skipped. */
  async readChannel(dataChannelId: number, direction: 0 | 1, out: (b: Uint8Array) => void | Promise<void>): Promise<void> {
    await this.readWire(this.channels[dataChannelId]?.[direction] ?? null, out);
  }

  private async readWire(ref: PayloadRef | null, out: (b: Uint8Array) => void | Promise<void>): Promise<void> {
    if (!ref) return;
    const transferId = 0;
    const pieces: FtpFilePiece[] = [];
    const scanKnown: ByteRange[] = [];
    // Known ranges are re-derived from the stream's descriptors (cheap, no bytes read).
    for (let i = ref.stream.chunkAt(ref.direction, 0); i < ref.stream.info.chunkCount; i++) {
      const c = ref.stream.chunk(i);
      if (c.direction === ref.direction) addRange(scanKnown, c.streamOffset, c.streamOffset + c.length);
    }
    let pos = 0;
    for (const [s, e] of scanKnown) {
      pieces.push({ fileOffset: pos, length: e - s, transferId, payloadOffset: s, transform: "none" });
      pos += e - s;
    }
    await readContent(pieces, pos, () => ref, out);
  }

  /** Streams one object of an export plan (export.ts). */
  async readExport(source: ExportSource, out: (b: Uint8Array) => void | Promise<void>): Promise<void> {
    switch (source.kind) {
      case "file":
        return this.readFile(source.fileId, out);
      case "payload":
        return this.readPayload(source.transferId, out);
      case "channel":
        return this.readChannel(source.dataChannelId, source.direction, out);
    }
  }

  /** A file's whole content in memory (small files, previews, tests). */
  async fileBytes(fileId: number): Promise<Uint8Array> {
    const size = this.analysis.files[fileId]?.size ?? 0;
    const out = new Uint8Array(size);
    let pos = 0;
    await this.readFile(fileId, (b) => {
      out.set(b, pos);
      pos += b.length;
    });
    return out;
  }

  /** A transfer's wire payload in memory. */
  async payloadBytes(transferId: number): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let n = 0;
    await this.readPayload(transferId, (b) => {
      chunks.push(b.slice());
      n += b.length;
    });
    const out = new Uint8Array(n);
    let pos = 0;
    for (const c of chunks) {
      out.set(c, pos);
      pos += c.length;
    }
    return out;
  }
}

// ---------------------------------------------------------------------------

interface ControlStream {
  stream: FollowStream;
  info: FollowStreamInfo;
  serverNode: 0 | 1;
}

const time = (sec: number, nsec: number): number => sec + nsec / 1e9;

function endpointKey(address: string, port: number): string {
  return `${address} ${port}`;
}

async function parseControl(cs: ControlStream): Promise<ParsedControl> {
  const parser = new ControlParser();
  const s = cs.stream;
  const clientDir = cs.serverNode === 0 ? 1 : 0;
  const BATCH = 2048;
  for (let first = 0; first < s.info.chunkCount; first += BATCH) {
    const pieces = await s.readChunks(first, BATCH, "both");
    for (const p of pieces) {
      const direction = p.direction === clientDir ? 0 : 1;
      if (p.kind === "gap") parser.push({ kind: "gap", direction });
      else {
        const c = s.chunk(p.chunk);
        parser.push({
          kind: "data",
          direction,
          bytes: p.bytes,
          frame: p.frame,
          time: time(c.tsSec, c.tsNsec),
          streamOffset: p.streamOffset,
        });
      }
    }
  }
  return parser.finish();
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

export async function analyzeFtp(source: FtpStreamSource, options: FtpAnalyzeOptions = {}): Promise<FtpReport> {
  const controlPorts = new Set(options.controlPorts ?? [21]);
  const probe = options.probe ?? true;
  const progress = options.onProgress;

  // 1. Control connections.
  const streams: (FollowStream | null)[] = [];
  const controls: ControlStream[] = [];
  const isControl = new Set<number>();
  for (let i = 0; i < source.tcpCount; i++) {
    const s = await source.stream(i);
    streams.push(s);
    if (!s) continue;
    const [n0, n1] = s.info.nodes;
    let serverNode: 0 | 1 | -1 = controlPorts.has(n1.port) ? 1 : controlPorts.has(n0.port) ? 0 : -1;
    if (serverNode < 0 && probe && n0.port !== 20 && n1.port !== 20)
      serverNode = await looksLikeFtp(s, source.opening ? (chunk) => source.opening!(s, chunk) : undefined);
    if (serverNode >= 0 && s.info.bytes[0] + s.info.bytes[1] > 0) {
      controls.push({ stream: s, info: s.info, serverNode: serverNode as 0 | 1 });
      isControl.add(i);
    }
    if (progress && (i & 255) === 255) progress("streams", i + 1, source.tcpCount);
  }
  progress?.("streams", source.tcpCount, source.tcpCount);

  // 2. Parse them.
  const sessions: FtpSession[] = [];
  const parsed: ParsedControl[] = [];
  for (const cs of controls) {
    const p = await parseControl(cs);
    const info = cs.info;
    const server = info.nodes[cs.serverNode];
    const client = info.nodes[cs.serverNode === 0 ? 1 : 0];
    const clientDir = cs.serverNode === 0 ? 1 : 0;
    let start = 0;
    let last = 0;
    if (info.chunkCount > 0) {
      const a = cs.stream.chunk(0);
      const b = cs.stream.chunk(info.chunkCount - 1);
      start = time(a.tsSec, a.tsNsec);
      last = time(b.tsSec, b.tsNsec);
    }
    const id = sessions.length;
    sessions.push({
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
    });
    parsed.push(p);
  }

  // RFC 959 §3.2: without PORT/PASV the server connects from its port L-1 to
  // the client's control port. Such made-up announcements ("session index"
  // space) report method "none".
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

  // 3. Index announcements by the endpoint that listens.
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

  const findLink = (s: FollowStream): DataLink | null => {
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
  };

  // Data channels.
  const dataChannels: FtpDataChannel[] = [];
  const channelStreams: FollowStream[] = [];
  /** session → announcement → data channel ids */
  const channelsOf = new Map<string, number[]>();
  for (let i = 0; i < streams.length; i++) {
    const s = streams[i];
    if (!s || isControl.has(i)) continue;
    const link = findLink(s);
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
      const ex = sessions[link.session]!.exchanges[a!.exchangeIndex];
      if (ex && ex.announcesDataChannelId === null && !defaultPort.has(key)) ex.announcesDataChannelId = dc.id;
    }
  }

  // FTPS: commands are unreadable after AUTH, so nothing announces the data
  // connections; connections between the same two hosts while the session
  // is open are its (encrypted) data connections.
  const encryptedSessions = sessions.filter((x) => x.encrypted && x.tlsFrame !== null);
  if (encryptedSessions.length) {
    const linked = new Set(dataChannels.map((d) => d.stream));
    for (let i = 0; i < streams.length; i++) {
      const s = streams[i];
      if (!s || isControl.has(i) || linked.has(i)) continue;
      const info = s.info;
      const sess = encryptedSessions.find(
        (x) =>
          info.firstFrame > x.tlsFrame! &&
          info.firstFrame <= x.lastFrame &&
          ((info.nodes[0].address === x.client.address && info.nodes[1].address === x.server.address) ||
            (info.nodes[1].address === x.client.address && info.nodes[0].address === x.server.address)),
      );
      if (!sess) continue;
      const serverNode: 0 | 1 = info.nodes[0].address === sess.server.address && info.nodes[1].address !== sess.server.address ? 0 : 1;
      const clientNode: 0 | 1 = serverNode === 0 ? 1 : 0;
      const dc: FtpDataChannel = {
        id: dataChannels.length,
        stream: info.stream,
        sessionId: sess.id,
        method: "none",
        mode: info.syn[0] ? (clientNode === 0 ? "passive" : "active") : "unknown",
        announced: null,
        announceFrame: null,
        client: { ...info.nodes[clientNode] },
        server: { ...info.nodes[serverNode] },
        firstFrame: info.firstFrame,
        lastFrame: info.lastFrame,
        firstDataFrame: info.chunkCount ? s.chunk(0).frame : 0,
        lastDataFrame: info.chunkCount ? s.chunk(info.chunkCount - 1).frame : 0,
        start: info.chunkCount ? time(s.chunk(0).tsSec, s.chunk(0).tsNsec) : 0,
        end: info.chunkCount ? time(s.chunk(info.chunkCount - 1).tsSec, s.chunk(info.chunkCount - 1).tsNsec) : 0,
        bytes: [info.bytes[clientNode], info.bytes[serverNode]],
        missing: [info.missing[clientNode], info.missing[serverNode]],
        transferId: null,
        encrypted: true,
        unexplained: false,
        md5: [null, null],
        sha256: [null, null],
      };
      dataChannels.push(dc);
      channelStreams.push(s);
      sess.dataChannelIds.push(dc.id);
      sess.dataBytes += info.bytes[0] + info.bytes[1];
    }
  }

  // 4. Transfers, each with the data channel of its announcement.
  const transfers: FtpTransfer[] = [];
  const payloads: (PayloadRef | null)[] = [];
  const commands: TransferCommand[] = [];
  for (let si = 0; si < sessions.length; si++) {
    const p = parsed[si]!;
    const sess = sessions[si]!;
    // Several transfers may name one announcement (one failed at once, the next used it): the one that started gets the channel.
    const byAnnouncement = new Map<number, TransferCommand[]>();
    for (const t of p.transfers) {
      if (t.announcement === null) continue;
      const list = byAnnouncement.get(t.announcement);
      if (list) list.push(t);
      else byAnnouncement.set(t.announcement, [t]);
    }
    const chosen = new Map<TransferCommand, number>();
    for (const [ai, list] of byAnnouncement) {
      const channels = [...(channelsOf.get(`${si} ${ai}`) ?? [])];
      if (!channels.length) continue;
      const started = list.filter((t) => t.startReply !== null || (t.endReply !== null && t.endReply.code < 300));
      const order = [...started, ...list.filter((t) => !started.includes(t))];
      for (const t of order) {
        if (!channels.length) break;
        // The channel carrying bytes in the transfer's direction, else the first.
        let pick = 0;
        let bestBytes = -1;
        channels.forEach((dcId, k) => {
          const dc = dataChannels[dcId]!;
          const n = t.direction === "download" ? dc.bytes[1] : dc.bytes[0];
          if (n > bestBytes) {
            bestBytes = n;
            pick = k;
          }
        });
        chosen.set(t, channels.splice(pick, 1)[0]!);
      }
    }
    for (const t of p.transfers) {
      const dcId = chosen.get(t) ?? null;
      const dc = dcId !== null ? dataChannels[dcId]! : null;
      const id = transfers.length;
      const ex = sess.exchanges[t.exchangeIndex];
      if (ex) ex.transferId = id;
      let ref: PayloadRef | null = null;
      if (dc) {
        dc.transferId = id;
        dc.unexplained = false;
        dc.encrypted = t.protectedData;
        const s = channelStreams[dcId!]!;
        const serverNode = s.info.nodes[0].address === dc.server.address && s.info.nodes[0].port === dc.server.port ? 0 : 1;
        const direction = (t.direction === "download" ? serverNode : 1 - serverNode) as 0 | 1;
        const length = s.info.bytes[direction] + s.info.missing[direction];
        ref = { stream: s, direction, length, ascii: t.type.startsWith("A") && !isListing(t) };
      }
      transfers.push({
        id,
        sessionId: si,
        command: t.command,
        argument: t.argument,
        path: t.path,
        direction: t.direction,
        commandFrame: t.commandFrame,
        startReply: t.startReply,
        endReply: t.endReply,
        dataChannelId: dcId,
        dataStream: dc ? dc.stream : null,
        restOffset: t.restOffset,
        type: t.type,
        mode: t.mode,
        structure: t.structure,
        expectedSize: t.expectedSize,
        expectedSizeSource: t.expectedSizeSource,
        payloadSize: 0,
        payloadMissing: [],
        payloadMd5: null,
        payloadSha256: null,
        firstDataFrame: 0,
        lastDataFrame: 0,
        aborted: t.aborted,
        fileId: null,
      });
      payloads.push(ref);
      commands.push(t);
      sess.transferIds.push(id);
    }
  }

  // 5. Read every payload once.
  const scans: (PayloadScan | null)[] = [];
  for (let ti = 0; ti < transfers.length; ti++) {
    const t = transfers[ti]!;
    const ref = payloads[ti];
    if (!ref || ref.length === 0 || dataChannels[t.dataChannelId!]!.encrypted) {
      scans.push(null);
      continue;
    }
    const scan = await scanPayload(ref, SNIFF_BYTES, isListing(t) ? MAX_LISTING_PARSE : 0);
    scans.push(scan);
    t.payloadSize = scan.captured;
    t.payloadMissing = scan.missing;
    t.payloadMd5 = scan.md5;
    t.payloadSha256 = scan.sha256;
    t.firstDataFrame = scan.firstFrame;
    t.lastDataFrame = scan.lastFrame;
    if (progress && (ti & 15) === 15) progress("transfers", ti + 1, transfers.length);
  }
  progress?.("transfers", transfers.length, transfers.length);

  // Data connections nothing explains: hash what they carried (exported as they are).
  const channelRefs: (PayloadRef | null)[][] = dataChannels.map(() => [null, null]);
  for (const dc of dataChannels) {
    if (!dc.unexplained || dc.encrypted) continue;
    const s = channelStreams[dc.id]!;
    const clientNode = s.info.nodes[0].address === dc.client.address && s.info.nodes[0].port === dc.client.port ? 0 : 1;
    for (const d of [0, 1] as const) {
      // d: 0 client→server, 1 server→client; stream direction k is sent by node k.
      const direction = (d === 0 ? clientNode : 1 - clientNode) as 0 | 1;
      if (s.info.bytes[direction] === 0) continue;
      const ref: PayloadRef = { stream: s, direction, length: s.info.bytes[direction] + s.info.missing[direction], ascii: false };
      const scan = await scanPayload(ref, 0, 0);
      dc.md5[d] = scan.md5;
      dc.sha256[d] = scan.sha256;
      channelRefs[dc.id]![d] = ref;
    }
  }

  // A RETR without a size from the server gets the size an earlier listing of its directory showed.
  const listed = new Map<string, number>();
  for (const ti of transfers.map((t) => t.id).sort((a, b) => transfers[a]!.commandFrame - transfers[b]!.commandFrame)) {
    const t = transfers[ti]!;
    const scan = scans[ti];
    const server = sessions[t.sessionId]!.server.address;
    if (isListing(t) && scan?.text && t.path !== null && t.command !== "NLST") {
      for (const e of parseListing(t.command, new TextDecoder().decode(scan.text))) {
        if (e.type === "file" && e.size !== null && !e.name.includes("/")) listed.set(`${server}\u0000${joinPath(t.path, e.name)}`, e.size);
      }
    } else if (t.command === "RETR" && t.expectedSize === null && t.path !== null) {
      const n = listed.get(`${server}\u0000${t.path}`);
      if (n !== undefined) {
        t.expectedSize = n;
        t.expectedSizeSource = "listing";
      }
    }
  }

  // 6. Files.
  const builder = new FileBuilder(sessions, dataChannels, transfers, scans, commands, payloads);
  await builder.build();

  // 7. Credentials and alerts.
  const credentials = collectCredentials(sessions);
  const alerts = collectAlerts(sessions, dataChannels, builder.files, credentials, builder.cleanEnds);
  for (const a of alerts) for (const s of a.sessionIds) sessions[s]!.alertIds.push(a.id);

  return new FtpReport(
    { sessions, dataChannels, transfers, files: builder.files, credentials, alerts },
    payloads,
    builder.plans,
    channelRefs,
  );
}

function isListing(t: { command: string }): boolean {
  return t.command === "LIST" || t.command === "NLST" || t.command === "MLSD";
}

// ---------------------------------------------------------------------------
// Files

interface Part {
  transferId: number;
  /** Where the part's content starts in the file. */
  offset: number;
  /** Content length (stream offsets, or converted length for TYPE A) and known ranges in it. */
  length: number;
  known: ByteRange[];
  transform: "none" | "crlf";
}

interface Group {
  file: number;
  key: string;
  parts: Part[];
}

class FileBuilder {
  readonly files: FtpFile[] = [];
  readonly plans: FtpFilePiece[][] = [];
  /** Files whose data connections all ended cleanly (FIN after the last byte). */
  readonly cleanEnds = new Set<number>();
  private readonly latest = new Map<string, Group>();

  constructor(
    private readonly sessions: FtpSession[],
    private readonly channels: FtpDataChannel[],
    private readonly transfers: FtpTransfer[],
    private readonly scans: (PayloadScan | null)[],
    private readonly commands: TransferCommand[],
    private readonly payloads: (PayloadRef | null)[],
  ) {}

  private partOf(ti: number, offset: number): Part {
    const scan = this.scans[ti]!;
    const ref = this.payloads[ti]!;
    if (scan.converted) return { transferId: ti, offset, length: scan.converted.length, known: scan.converted.known, transform: "crlf" };
    return { transferId: ti, offset, length: ref.length, known: scan.known, transform: "none" };
  }

  async build(): Promise<void> {
    // Commands in capture order across sessions (pget's segments come from several).
    const order = this.transfers
      .map((t) => t.id)
      .sort((a, b) => this.transfers[a]!.commandFrame - this.transfers[b]!.commandFrame || a - b);
    const groups: Group[] = [];
    for (const ti of order) {
      const t = this.transfers[ti]!;
      const scan = this.scans[ti];
      const sess = this.sessions[t.sessionId]!;
      const ok = t.endReply !== null && t.endReply.code >= 200 && t.endReply.code < 300;
      if (!scan) {
        // An empty file is a file: a transfer that succeeded over a data connection with no bytes.
        if (ok && t.dataChannelId !== null && !this.channels[t.dataChannelId]!.encrypted && this.payloads[ti]?.length === 0) {
          groups.push({ file: -1, key: "", parts: [{ transferId: ti, offset: 0, length: 0, known: [], transform: "none" }] });
        }
        continue;
      }
      if (isListing(t)) {
        groups.push({ file: -1, key: "", parts: [this.partOf(ti, 0)] });
        continue;
      }
      const key = t.path === null ? `#${ti}` : `${sess.server.address}\u0000${t.path}`;
      const prev = this.latest.get(key);
      let group: Group;
      if (t.command === "APPE") {
        // Appended after the version of the file the capture last showed whole, when there is one.
        const base = prev && prev.parts.length ? groupExtent(prev) : null;
        const parts = base !== null && coverage(prev!.parts, base) ? [...prev!.parts] : [];
        const part = this.partOf(ti, base !== null && parts.length ? base : 0);
        group = { file: -1, key, parts: [...parts, part] };
        groups.push(group);
      } else {
        const part = this.partOf(ti, t.restOffset);
        // A segment at a REST offset joins the latest version of the same file (lftp's pget fetches
        // one file over several sessions, each from its own offset); a transfer from offset 0 joins
        // only a version still missing its start (segments whose commands came first).
        const joinable =
          prev &&
          this.transfers[prev.parts[0]!.transferId]!.direction === t.direction &&
          prev.parts.every((p) => this.transfers[p.transferId]!.command !== "APPE");
        if (joinable && (t.restOffset > 0 || !covers(prev!.parts, 0, 1))) {
          prev!.parts.push(part);
          continue;
        }
        group = { file: -1, key, parts: [part] };
        groups.push(group);
      }
      this.latest.set(key, group);
    }
    for (const g of groups) await this.finish(g);
  }

  private async finish(g: Group): Promise<void> {
    const parts = [...g.parts].sort(
      (a, b) => a.offset - b.offset || this.transfers[a.transferId]!.commandFrame - this.transfers[b.transferId]!.commandFrame,
    );
    const main = this.transfers[g.parts[g.parts.length - 1]!.transferId]!;
    const first = this.transfers[parts[0]!.transferId]!;
    const listing = isListing(main);
    // Pieces: each part's known bytes where no earlier part already gave them.
    const covered: ByteRange[] = [];
    const pieces: FtpFilePiece[] = [];
    /** Bytes a later part also has: compared below. */
    const overlaps: FtpFilePiece[] = [];
    let size = 0;
    for (const p of parts) {
      size = Math.max(size, p.offset + p.length);
      for (const [s, e] of p.known) {
        const fresh = subtract([p.offset + s, p.offset + e], covered);
        for (const [fs, fe] of fresh) {
          pieces.push({ fileOffset: fs, length: fe - fs, transferId: p.transferId, payloadOffset: fs - p.offset, transform: p.transform });
        }
        for (const [os, oe] of subtract([p.offset + s, p.offset + e], fresh)) {
          overlaps.push({
            fileOffset: os,
            length: oe - os,
            transferId: p.transferId,
            payloadOffset: os - p.offset,
            transform: p.transform,
          });
        }
      }
      for (const [s, e] of p.known) addRange(covered, p.offset + s, p.offset + e);
    }
    pieces.sort((a, b) => a.fileOffset - b.fileOffset);
    const conflicting = await this.compareOverlaps(pieces, overlaps);
    const expected = this.expectedSize(parts);
    const missing = complement(covered, Math.max(size, expected ?? 0));
    // The content's hashes: a single part at offset 0 was hashed while scanning; others are read again.
    let md5: string;
    let sha256: string;
    let head: Uint8Array;
    let text: Uint8Array | null = null;
    const single = parts.length === 1 && parts[0]!.offset === 0 ? this.scans[parts[0]!.transferId] : null;
    if (single || (parts.length === 1 && parts[0]!.length === 0)) {
      const scan = single;
      md5 = scan ? scan.contentMd5 : EMPTY_MD5;
      sha256 = scan ? scan.contentSha256 : EMPTY_SHA256;
      head = scan ? scan.head : new Uint8Array(0);
      text = scan ? scan.text : null;
    } else {
      const h = await Hashes.create();
      const headBuf = new Uint8Array(SNIFF_BYTES);
      let headLen = 0;
      await readContent(
        pieces,
        size,
        (t) => this.payloads[t]!,
        (b) => {
          h.update(b);
          if (headLen < headBuf.length) {
            const k = Math.min(b.length, headBuf.length - headLen);
            headBuf.set(b.subarray(0, k), headLen);
            headLen += k;
          }
        },
      );
      ({ md5, sha256 } = h.digest());
      head = headBuf.slice(0, headLen);
    }
    const ok = parts.every((p) => {
      const t = this.transfers[p.transferId]!;
      return t.endReply !== null && t.endReply.code >= 200 && t.endReply.code < 300;
    });
    const complete = missing.length === 0 && (expected !== null ? expected === size : ok);
    // Every part's sender closed its data connection after its last byte, none lost at the end:
    // a file shorter than announced was sent short, not cut by the capture.
    const cleanEnd = parts.every((p) => {
      const ref = this.payloads[p.transferId];
      return !ref || (ref.stream.info.fin[ref.direction] && ref.stream.info.trailingGap[ref.direction] === 0);
    });
    const sessionIds = [...new Set(parts.map((p) => this.transfers[p.transferId]!.sessionId))];
    let firstFrame = 0;
    let lastFrame = 0;
    for (const p of parts) {
      const t = this.transfers[p.transferId]!;
      if (t.firstDataFrame && (!firstFrame || t.firstDataFrame < firstFrame)) firstFrame = t.firstDataFrame;
      lastFrame = Math.max(lastFrame, t.lastDataFrame);
    }
    const sess = this.sessions[main.sessionId]!;
    const channel = main.dataChannelId !== null ? this.channels[main.dataChannelId]! : null;
    const name = main.path ?? (listing ? "(listing)" : main.argument || "(unnamed)");
    const id = this.files.length;
    const derived = parts.some(
      (p) => this.transfers[p.transferId]!.payloadSha256 !== sha256 && this.transfers[p.transferId]!.payloadSha256 !== null,
    );
    const file: FtpFile = {
      id,
      kind: listing ? "listing" : "file",
      name,
      baseName: listing ? baseName(name) || "/" : baseName(name),
      command: main.command,
      direction: main.direction,
      transferIds: parts.map((p) => p.transferId),
      sessionId: first.sessionId,
      sessionIds,
      controlStream: this.sessions[first.sessionId]!.controlStream,
      dataStream: main.dataStream ?? first.dataStream,
      commandFrame: main.commandFrame,
      firstFrame,
      lastFrame,
      size,
      expectedSize: expected,
      complete,
      missingRanges: missing,
      md5,
      sha256,
      mime: listing ? "text/plain" : size === 0 ? "application/x-empty" : sniffMime(head),
      type: main.type,
      transferMode: channel ? `${channel.mode}${channel.method !== "none" ? ` (${channel.method})` : ""}` : "unknown",
      conflictingRanges: conflicting,
      entries: listing && text && looksLikeText(text.subarray(0, 4096)) ? parseListing(main.command, new TextDecoder().decode(text)) : [],
      derived,
    };
    void sess;
    this.files.push(file);
    this.plans.push(pieces);
    if (cleanEnd) this.cleanEnds.add(id);
    for (const p of g.parts) {
      const t = this.transfers[p.transferId]!;
      // A transfer belongs to the file it created (APPE files reuse earlier parts without taking them).
      if (t.fileId === null || p === g.parts[g.parts.length - 1]) t.fileId = id;
    }
  }

  /**
   * Where a later part repeats bytes an earlier one gave (pget segments run
   * past the next one's start until ABOR lands), the bytes must agree: the
   * ranges where they do not. Reads at most OVERLAP_BUDGET bytes per file.
   */
  private async compareOverlaps(pieces: readonly FtpFilePiece[], overlaps: readonly FtpFilePiece[]): Promise<ByteRange[]> {
    const out: ByteRange[] = [];
    let budget = OVERLAP_BUDGET;
    for (const o of overlaps) {
      for (let at = 0; at < o.length && budget > 0; at += WINDOW) {
        const n = Math.min(WINDOW, o.length - at, budget);
        budget -= n;
        const start = o.fileOffset + at;
        const later = await this.collect([{ ...o, fileOffset: 0, length: n, payloadOffset: o.payloadOffset + at }], n);
        const clipped: FtpFilePiece[] = [];
        for (const p of pieces) {
          const s = Math.max(p.fileOffset, start);
          const e = Math.min(p.fileOffset + p.length, start + n);
          if (e > s) clipped.push({ ...p, fileOffset: s - start, length: e - s, payloadOffset: p.payloadOffset + (s - p.fileOffset) });
        }
        const earlier = await this.collect(clipped, n);
        let i = 0;
        while (i < n) {
          if (earlier[i] === later[i]) {
            i++;
            continue;
          }
          let j = i;
          while (j < n && earlier[j] !== later[j]) j++;
          addRange(out, start + i, start + j);
          i = j;
        }
      }
    }
    return out;
  }

  private async collect(plan: FtpFilePiece[], n: number): Promise<Uint8Array> {
    const buf = new Uint8Array(n);
    let pos = 0;
    await readContent(
      plan,
      n,
      (t) => this.payloads[t]!,
      (b) => {
        buf.set(b.subarray(0, n - pos), pos);
        pos += b.length;
      },
    );
    return buf;
  }

  /**
   * The file's size as the server announced it: 150 "(N bytes)" (the whole
   * file, even after REST, on the servers we know; when N plus the REST
   * offset is what arrived, N counted from the offset), else SIZE's 213.
   */
  private expectedSize(parts: Part[]): number | null {
    let best: number | null = null;
    for (const p of parts) {
      const t = this.transfers[p.transferId]!;
      if (t.command === "APPE" || t.expectedSize === null) continue;
      let n = t.expectedSize;
      if (t.restOffset > 0 && t.expectedSizeSource === "150" && n === p.length && n !== t.restOffset + p.length) n += t.restOffset;
      best = best === null ? n : Math.max(best, n);
    }
    void this.commands;
    return best;
  }
}

/** Bytes of overlapping parts compared per file. */
const OVERLAP_BUDGET = 64 << 20;

const EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

function groupExtent(g: Group): number {
  return Math.max(...g.parts.map((p) => p.offset + p.length));
}

/** Every byte of [0, n) is known in these parts. */
function coverage(parts: Part[], n: number): boolean {
  return covers(parts, 0, n);
}

function covers(parts: Part[], start: number, end: number): boolean {
  const known: ByteRange[] = [];
  for (const p of parts) for (const [s, e] of p.known) addRange(known, p.offset + s, p.offset + e);
  return known.some(([s, e]) => s <= start && e >= end);
}

/** [start, end) minus the sorted ranges `covered`. */
function subtract(r: ByteRange, covered: readonly ByteRange[]): ByteRange[] {
  const out: ByteRange[] = [];
  let pos = r[0];
  for (const [s, e] of covered) {
    if (e <= pos) continue;
    if (s >= r[1]) break;
    if (s > pos) out.push([pos, Math.min(s, r[1])]);
    pos = Math.max(pos, e);
    if (pos >= r[1]) break;
  }
  if (pos < r[1]) out.push([pos, r[1]]);
  return out;
}

// ---------------------------------------------------------------------------
// Credentials and alerts

function collectCredentials(sessions: FtpSession[]): FtpCredential[] {
  const out: FtpCredential[] = [];
  for (const s of sessions) {
    for (const l of s.logins) {
      let t = s.start;
      for (const ex of s.exchanges) if (ex.command && ex.command.frame === (l.passFrame ?? l.userFrame)) t = ex.command.time;
      out.push({
        id: out.length,
        protocol: "FTP",
        sessionId: s.id,
        client: { ...s.client },
        server: { ...s.server },
        user: l.user,
        password: l.password,
        result: l.result,
        userFrame: l.userFrame,
        passFrame: l.passFrame,
        time: t,
      });
    }
  }
  return out;
}

function endpointText(e: FtpEndpoint): string {
  return e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

function collectAlerts(
  sessions: FtpSession[],
  channels: FtpDataChannel[],
  files: FtpFile[],
  credentials: FtpCredential[],
  cleanEnds: ReadonlySet<number>,
): FtpAlert[] {
  const alerts: FtpAlert[] = [];
  const add = (a: Omit<FtpAlert, "id">): void => {
    alerts.push({ id: alerts.length, ...a });
  };

  // Cleartext credentials: one alert per client, server and user.
  const creds = new Map<string, FtpCredential[]>();
  for (const c of credentials) {
    if (c.password === null) continue;
    const key = `${c.client.address}\u0000${c.server.address}\u0000${c.user}`;
    const list = creds.get(key);
    if (list) list.push(c);
    else creds.set(key, [c]);
  }
  for (const list of creds.values()) {
    const c = list[0]!;
    const ok = list.some((x) => x.result === "success");
    add({
      kind: "cleartext-credentials",
      severity: ok ? "critical" : "warning",
      message: `Password for user "${c.user}" sent in cleartext from ${c.client.address} to ${endpointText(c.server)} (${list.length} time${list.length === 1 ? "" : "s"}${ok ? ", accepted" : ""}).`,
      sessionIds: [...new Set(list.map((x) => x.sessionId))],
      client: c.client.address,
      fileId: null,
      dataChannelId: null,
      frames: list.map((x) => x.passFrame ?? x.userFrame),
    });
  }

  // Brute force: failed logins per client address across its sessions.
  const failures = new Map<
    string,
    { sessions: Set<number>; frames: number[]; users: Set<string>; servers: Set<string>; success: boolean }
  >();
  for (const s of sessions) {
    for (const l of s.logins) {
      let f = failures.get(s.client.address);
      if (!f) {
        f = { sessions: new Set(), frames: [], users: new Set(), servers: new Set(), success: false };
        failures.set(s.client.address, f);
      }
      if (l.result === "failed") {
        f.sessions.add(s.id);
        f.frames.push(l.replyFrame ?? l.passFrame ?? l.userFrame);
        f.users.add(l.user);
        f.servers.add(s.server.address);
      } else if (l.result === "success") f.success = true;
    }
  }
  for (const [client, f] of failures) {
    if (f.frames.length < BRUTE_FORCE_THRESHOLD) continue;
    const users = [...f.users];
    add({
      kind: "brute-force",
      severity: "critical",
      message: `${f.frames.length} failed logins from ${client} across ${f.sessions.size} session${f.sessions.size === 1 ? "" : "s"} (user${users.length === 1 ? "" : "s"} ${users.map((u) => `"${u}"`).join(", ")})${f.success ? ", then a successful login" : ""}.`,
      sessionIds: [...f.sessions],
      client,
      fileId: null,
      dataChannelId: null,
      frames: f.frames,
    });
  }

  for (const s of sessions) {
    if (!s.encrypted) continue;
    add({
      kind: "ftps",
      severity: "info",
      message: `FTPS: the control connection ${endpointText(s.client)} → ${endpointText(s.server)} switched to TLS (AUTH ${s.authMechanism ?? "TLS"}); later commands, credentials and files are encrypted.`,
      sessionIds: [s.id],
      client: s.client.address,
      fileId: null,
      dataChannelId: null,
      frames: s.tlsFrame !== null ? [s.tlsFrame] : [],
    });
  }

  for (const f of files) {
    if (f.kind !== "file") continue;
    // Bytes the capture lacks inside the file, or at its end when the transfer did not end cleanly.
    const holes = f.missingRanges.filter(([s]) => s < f.size || !cleanEnds.has(f.id));
    if (f.expectedSize !== null && f.expectedSize !== f.size && (cleanEnds.has(f.id) || f.size > f.expectedSize)) {
      add({
        kind: "size-mismatch",
        severity: "warning",
        message: `${f.name}: ${f.size} bytes transferred, the server announced ${f.expectedSize}.`,
        sessionIds: f.sessionIds,
        client: null,
        fileId: f.id,
        dataChannelId: null,
        frames: [f.commandFrame],
      });
    }
    if (f.conflictingRanges.length > 0) {
      const n = f.conflictingRanges.reduce((k, [s, e]) => k + e - s, 0);
      add({
        kind: "overlap-mismatch",
        severity: "warning",
        message: `${f.name}: ${n} bytes differ between the segments that overlap (the first segment's bytes are kept).`,
        sessionIds: f.sessionIds,
        client: null,
        fileId: f.id,
        dataChannelId: null,
        frames: [f.commandFrame],
      });
    }
    if (holes.length > 0) {
      const lost = holes.reduce((n, [s, e]) => n + e - s, 0);
      add({
        kind: "incomplete-file",
        severity: "warning",
        message: `${f.name}: ${lost} of ${Math.max(f.size, f.expectedSize ?? 0)} bytes are not in the capture.`,
        sessionIds: f.sessionIds,
        client: null,
        fileId: f.id,
        dataChannelId: null,
        frames: [f.commandFrame],
      });
    }
  }

  for (const dc of channels) {
    if (!dc.unexplained) continue;
    add({
      kind: "unexplained-data-connection",
      severity: "warning",
      message: `Data connection ${endpointText(dc.client)} ↔ ${endpointText(dc.server)} (${dc.bytes[0] + dc.bytes[1]} bytes) that no transfer command explains${dc.method !== "none" ? ` (announced by ${dc.method})` : ""}.`,
      sessionIds: dc.sessionId !== null ? [dc.sessionId] : [],
      client: dc.client.address,
      fileId: null,
      dataChannelId: dc.id,
      frames: [dc.firstFrame],
    });
  }
  return alerts;
}
