/**
 * Step 3b of the analysis (analyze.ts): data connections no readable command
 * announces. Two cases hide the announcements (PASV/PORT and the transfer
 * command): the control channel is TLS (AUTH TLS, RFC 4217), or the capture
 * starts after them. The connections are still recognisable by what they
 * do (RFC 959 §3.2-3.3: a stream-mode data connection carries one file one
 * way and its sender closes it at the end of the file):
 *
 * - an FTP control connection between the same two hosts, overlapping in
 *   time (or, when the capture starts mid-session, ending right before the
 *   control connection's first captured frame), at a moment its commands
 *   cannot be read;
 * - payload opening with a TLS record: an encrypted (PROT P) data connection;
 * - else payload one way only, ended by the sender's FIN, on no port another
 *   dissector claims and not opening like another protocol: "unattributed
 *   FTP data", hashed and exported like a file with a content-type guess,
 *   the session it most likely belongs to, why, and how sure that is.
 *
 * Anything else (both directions talking, a registered port, an SSH or HTTP
 * opening) is left alone: a random TCP connection never becomes FTP data.
 */
import "../dissect/registry";
import { table } from "../dissect/dissector";
import type { FollowStream } from "../follow/types";
import { time, type StreamScan } from "./control-sessions";
import type { ParsedControl } from "./control";
import type { DataChannels } from "./data-channels";
import type { FtpAttribution, FtpDataChannel, FtpEndpoint, FtpSession } from "./types";

/** How close (seconds) a data connection may end before a mid-session control connection's first frame. */
const NEAR_SECONDS = 2;

/** Openings of protocols that are never FTP data (the data connection carries a file, not a conversation). */
const OTHER_OPENINGS: readonly [string, RegExp][] = [
  ["SSH", /^SSH-\d/],
  ["HTTP", /^(GET|POST|HEAD|PUT|DELETE|OPTIONS|CONNECT|PATCH) \S+ HTTP\/\d/],
  ["HTTP", /^HTTP\/\d\.\d \d{3}/],
  ["SMTP/FTP greeting", /^220[ -]/],
  ["POP3", /^\+OK/],
  ["IMAP", /^\* (OK|PREAUTH)/],
];

interface Window {
  session: FtpSession;
  /** "tls": the control channel was TLS at the connection's start; "before": the capture started after its announcement. */
  why: "tls" | "before";
}

function endpointText(e: FtpEndpoint): string {
  return e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

function sameHosts(s: FollowStream, sess: FtpSession): boolean {
  const [a, b] = s.info.nodes;
  return (a.address === sess.client.address && b.address === sess.server.address) || (b.address === sess.client.address && a.address === sess.server.address);
}

/** The sessions whose commands could not be read when `s` opened, between the same hosts and near it in time. */
function unreadableSessions(s: FollowStream, sessions: readonly FtpSession[], parsed: readonly ParsedControl[], start: number, end: number): Window[] {
  const out: Window[] = [];
  for (const sess of sessions) {
    if (!sameHosts(s, sess)) continue;
    const sessEnd = sess.start + sess.duration;
    const first = s.info.firstFrame;
    if (sess.tlsFrame !== null && first > sess.tlsFrame && (sess.clearFrame === null || first < sess.clearFrame)) {
      if (start <= sessEnd && end >= sess.start) out.push({ session: sess, why: "tls" });
      continue;
    }
    // A control connection caught mid-session: no handshake, no greeting; before its first readable announcement.
    const p = parsed[sess.id]!;
    const midSession = sess.banner === null && p.announcements.every((x) => first < x.frame);
    if (midSession && start <= sessEnd && end >= sess.start - NEAR_SECONDS) out.push({ session: sess, why: "before" });
  }
  return out;
}

/** A protocol other than FTP data that the connection's ports or first bytes show, or null. */
function otherProtocol(s: FollowStream, head: string): string | null {
  const ports = table("tcp.port");
  for (const node of s.info.nodes) {
    const d = ports.get(node.port);
    if (d && d.name !== "ftp" && d.name !== "ftp-data") return `${d.name.toUpperCase()} (port ${node.port})`;
  }
  for (const [name, re] of OTHER_OPENINGS) if (re.test(head)) return name;
  return null;
}

function isTlsRecord(b: Uint8Array): boolean {
  return b.length >= 3 && b[0]! >= 20 && b[0]! <= 24 && b[1] === 3 && b[2]! <= 4;
}

/** A channel for stream `s` of session `sess` (the fields the caller does not change). */
function channelOf(s: FollowStream, sess: FtpSession, id: number): FtpDataChannel {
  const info = s.info;
  const serverNode: 0 | 1 = info.nodes[0].address === sess.server.address && info.nodes[1].address !== sess.server.address ? 0 : 1;
  const clientNode: 0 | 1 = serverNode === 0 ? 1 : 0;
  const c0 = info.chunkCount ? s.chunk(0) : null;
  const c1 = info.chunkCount ? s.chunk(info.chunkCount - 1) : null;
  return {
    id,
    stream: info.stream,
    sessionId: sess.id,
    method: "none",
    // Node 0 sent the first packet: the SYN, when it was captured.
    mode: info.syn[0] ? (clientNode === 0 ? "passive" : "active") : "unknown",
    announced: null,
    announceFrame: null,
    client: { ...info.nodes[clientNode] },
    server: { ...info.nodes[serverNode] },
    firstFrame: info.firstFrame,
    lastFrame: info.lastFrame,
    firstDataFrame: c0 ? c0.frame : 0,
    lastDataFrame: c1 ? c1.frame : 0,
    start: c0 ? time(c0.tsSec, c0.tsNsec) : 0,
    end: c1 ? time(c1.tsSec, c1.tsNsec) : 0,
    bytes: [info.bytes[clientNode], info.bytes[serverNode]],
    missing: [info.missing[clientNode], info.missing[serverNode]],
    transferId: null,
    encrypted: false,
    unexplained: false,
    attribution: null,
    md5: [null, null],
    sha256: [null, null],
  };
}

/** Evidence and confidence for a cleartext connection taken for FTP data of `w.session`. */
function attribute(s: FollowStream, dc: FtpDataChannel, w: Window, candidates: number, sender: 0 | 1): FtpAttribution {
  const sess = w.session;
  const info = s.info;
  const direction = sender === 1 ? "download" : "upload";
  const carried = dc.bytes[sender];
  const reasons = [
    w.why === "tls"
      ? `No readable announcement: the control connection ${endpointText(sess.client)} → ${endpointText(sess.server)} (session ${sess.id}) is TLS from frame ${sess.tlsFrame}${sess.clearFrame !== null ? ` to frame ${sess.clearFrame} (CCC)` : ""}.`
      : `No readable announcement: the capture starts in the middle of session ${sess.id} (${endpointText(sess.client)} → ${endpointText(sess.server)}, no greeting captured).`,
    `Between the same hosts as that control connection, ${w.why === "tls" ? "while it was open" : "right before or while it was captured"}.`,
    `${carried} bytes ${direction === "download" ? "server → client" : "client → server"}, nothing the other way: one file.`,
  ];
  // Node 0 sent the first packet (the SYN when captured), so node 1 listened; stream direction k is sent by node k.
  const synSeen = info.syn[0];
  const listenPort = info.nodes[1].port;
  const clientNode = info.nodes[0].address === dc.client.address && info.nodes[0].port === dc.client.port ? 0 : 1;
  const closed = info.fin[sender === 0 ? clientNode : 1 - clientNode];
  if (synSeen)
    reasons.push(
      dc.mode === "passive"
        ? `Opened by the FTP client to port ${listenPort} of the server, as after PASV/EPSV.`
        : `Opened by the server to port ${listenPort} of the FTP client, as after PORT/EPRT.`,
    );
  if (closed) reasons.push("Closed by its sender (FIN) at the end of the data, as stream mode ends a file (RFC 959 §3.4.1).");
  reasons.push("No other protocol recognised: no dissector claims either port and the bytes open like no other protocol.");
  if (candidates > 1) reasons.push(`${candidates} control connections fit; the latest that started before it was chosen.`);
  let confidence: FtpAttribution["confidence"] = "high";
  if (w.why === "before" || !synSeen || listenPort < 1024) confidence = "medium";
  if (candidates > 1 || !closed) confidence = "low";
  return { confidence, candidates, reasons, direction, mime: "application/octet-stream" };
}

/**
 * Adds to `channels` the connections of unreadable stretches: encrypted data
 * connections (TLS from the first byte, or no payload at all) and
 * unattributed FTP data (cleartext, as above).
 */
export async function addUnreadableChannels(
  { streams, isControl }: StreamScan,
  sessions: readonly FtpSession[],
  parsed: readonly ParsedControl[],
  channels: DataChannels,
): Promise<void> {
  const { dataChannels, channelStreams } = channels;
  if (!sessions.length) return;
  const linked = new Set(dataChannels.map((d) => d.stream));
  for (let i = 0; i < streams.length; i++) {
    const s = streams[i];
    if (!s || isControl.has(i) || linked.has(i)) continue;
    const info = s.info;
    const start = info.chunkCount ? time(s.chunk(0).tsSec, s.chunk(0).tsNsec) : 0;
    const end = info.chunkCount ? time(s.chunk(info.chunkCount - 1).tsSec, s.chunk(info.chunkCount - 1).tsNsec) : 0;
    const windows = info.chunkCount ? unreadableSessions(s, sessions, parsed, start, end) : [];
    // No payload: only an FTPS session's connection keeps the old reading (encrypted, PROT unknown).
    const empty = !info.chunkCount
      ? sessions.find((x) => x.tlsFrame !== null && info.firstFrame > x.tlsFrame && info.firstFrame <= x.lastFrame && sameHosts(s, x))
      : undefined;
    if (!windows.length && !empty) continue;
    const first = info.chunkCount ? (await s.readChunks(0, 1)).find((p) => p.kind === "data") : undefined;
    const head = first?.kind === "data" ? first.bytes : new Uint8Array(0);
    // The latest session that started before the connection.
    const w = windows.filter((x) => x.session.firstFrame < info.firstFrame).pop() ?? windows[0];
    const sess = empty ?? w!.session;
    const dc = channelOf(s, sess, dataChannels.length);
    if (empty || (isTlsRecord(head) && w!.why === "tls")) {
      dc.encrypted = true;
    } else {
      const sender: 0 | 1 = dc.bytes[0] > 0 ? 0 : 1;
      if ((dc.bytes[0] > 0 && dc.bytes[1] > 0) || dc.bytes[sender] === 0) continue;
      const text = new TextDecoder("latin1").decode(head.subarray(0, 64));
      if (isTlsRecord(head) || otherProtocol(s, text) !== null) continue;
      dc.unexplained = true;
      dc.attribution = attribute(s, dc, w!, windows.length, sender);
    }
    dataChannels.push(dc);
    channelStreams.push(s);
    sess.dataChannelIds.push(dc.id);
    sess.dataBytes += info.bytes[0] + info.bytes[1];
  }
}
