/**
 * FTP sessions as write-up diagrams: each session (FtpSession of the FTP
 * forensics model, ../ftp/types.ts) cut into the exchanges an analyst
 * explains one by one, each drawn as a Mermaid sequence diagram:
 *
 * - Connection: the TCP handshake and the greeting (220), up to the first command.
 * - Login: USER/PASS/ACCT up to the reply that decides it (230, 530...); the
 *   security and feature commands next to it (AUTH, PBSZ, PROT, FEAT, OPTS,
 *   HOST, CLNT, LANG, ADAT) join it. Each attempt is its own exchange.
 * - Transfer: the announcement (PORT/EPRT/LPRT or PASV/EPSV/LPSV) that set up
 *   the transfer's data connection, any commands sent meanwhile (TYPE, SIZE,
 *   REST...), the transfer command (RETR, STOR, LIST...), its 150/125, the
 *   data connection and the final 226/4yz/5yz; an ABOR that ended it.
 * - Close: QUIT, 221 and the FINs (or the FIN/RST that ended a session without QUIT).
 * - Every other command on its own (SYST, PWD, CWD, TYPE, SIZE, MDTM...).
 *
 * Detail levels:
 * - "commands": FTP requests and replies (one arrow per command and per
 *   reply, a multi-line reply being one), data transfers as notes with byte counts;
 * - "tcp": every packet of the control connection (handshake, ACKs, FINs,
 *   each segment of a multi-line reply), data transfers still as notes;
 * - "packets": every packet of the control and data connections, the data
 *   connections' ends as their own participants ("Client data port 40663",
 *   "Server data port 20"), like Wireshark's flow graph.
 *
 * Packets are assigned to exchanges by frame: a control packet belongs to the
 * last exchange that started at or before it (so the ACK of a reply stays
 * with that reply); a data connection belongs to the transfer that used it.
 */
import type { FtpAnalysis, FtpDataChannel, FtpExchange, FtpSession, FtpTransfer } from "../ftp/types";
import { TH } from "../reassembly/tcp-analysis";
import { elisionText, endpointText } from "./flow";
import { type LabelOptions, packetLabel, requestLabel, responseLabel, shownArgument } from "./labels";
import { MAX_ARGUMENT_CHARS, mm, raw, type DiagramItem, type MermaidText, type Participant, type SequenceDiagram } from "./mermaid";
import type { Elision, PacketFact } from "./packets";

export type DetailLevel = "commands" | "tcp" | "packets";
export const DETAIL_LEVELS: readonly DetailLevel[] = ["commands", "tcp", "packets"];

export type ExchangeKind = "connection" | "login" | "command" | "transfer" | "encrypted" | "close";

export interface DiagramExchange {
  /** 0-based position in the session. */
  index: number;
  kind: ExchangeKind;
  /** Heading, plain text (may hold capture text: escape it for the output format). */
  title: string;
  /** Frames the exchange spans (its first and last item). */
  firstFrame: number;
  lastFrame: number;
  diagram: SequenceDiagram;
}

export interface FtpSessionDiagrams {
  sessionId: number;
  /** "10.77.0.2:52594 → 10.77.0.1:21" (plain text). */
  title: string;
  exchanges: DiagramExchange[];
  /** The whole session in one diagram (every exchange in order). */
  whole: SequenceDiagram;
}

export interface FtpDiagramOptions extends LabelOptions {
  level?: DetailLevel;
}

// ---------------------------------------------------------------------------
// Segmentation

/** Commands of the login phase (RFC 959 §4.1.1, RFC 2228 §3, RFC 2389, RFC 7151 HOST, RFC 2640 LANG). */
const LOGIN_VERBS = new Set(["USER", "PASS", "ACCT"]);
const LOGIN_PHASE_VERBS = new Set(["AUTH", "ADAT", "PBSZ", "PROT", "FEAT", "OPTS", "HOST", "CLNT", "LANG", "CCC"]);

/** One exchange before drawing: which model exchanges it covers and what it is about. */
interface Segment {
  kind: ExchangeKind;
  title: string;
  /** Indexes into session.exchanges (consecutive). */
  exchanges: number[];
  transfer: FtpTransfer | null;
  /** First frame that belongs to it (control packets from here on, until the next segment's start). */
  start: number;
}

function verbOf(e: FtpExchange): string | null {
  return e.command ? e.command.verb.toUpperCase() : null;
}

function exchangeStart(e: FtpExchange): number {
  return e.command?.frame ?? e.replies[0]?.frame ?? 0;
}

function lastCode(e: FtpExchange): number | null {
  const r = e.replies[e.replies.length - 1];
  return r ? r.code : null;
}

/** A login exchange that ends an attempt: its final reply is not 331/332 ("need password/account"). */
function endsAttempt(e: FtpExchange): boolean {
  const code = lastCode(e);
  return code !== null && code !== 331 && code !== 332;
}

function clip(text: string, max = MAX_ARGUMENT_CHARS): string {
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max).join("") + "…" : text;
}

function transferTitle(t: FtpTransfer): string {
  const arg = t.argument ? ` ${clip(t.argument)}` : "";
  switch (t.command) {
    case "LIST":
    case "NLST":
    case "MLSD":
      return `Directory listing (${t.command}${arg})`;
    case "RETR":
      return `Download${arg || " (RETR)"}`;
    case "STOR":
      return `Upload${arg || " (STOR)"}`;
    case "APPE":
      return `Append${arg || " (APPE)"}`;
    case "STOU":
      return `Upload with a unique name${arg}`;
  }
}

function loginTitle(session: FtpSession, exchanges: readonly FtpExchange[]): string {
  const user = exchanges.find((e) => verbOf(e) === "USER");
  if (!user) {
    const auth = exchanges.find((e) => verbOf(e) === "AUTH");
    return auth ? `Login (AUTH ${clip(auth.command!.argument)})` : "Login";
  }
  const attempt = session.logins.find((l) => l.userFrame === user.command!.frame);
  const name = clip(user.command!.argument);
  const outcome = attempt?.result === "failed" ? " (failed)" : attempt?.result === "unknown" ? " (no answer)" : "";
  return `Login as ${name}${outcome}`;
}

function commandTitle(e: FtpExchange, options: LabelOptions): string {
  if (!e.command) return `Reply ${lastCode(e) ?? ""}`.trim();
  const arg = shownArgument(e.command.verb, e.command.argument, { ...options, arguments: true });
  return arg ? `${e.command.verb} ${arg.max === Infinity ? arg.text : clip(arg.text, arg.max)}` : e.command.verb;
}

/** Cuts a session's exchanges into write-up exchanges (see the header comment). */
function segment(
  session: FtpSession,
  ex: readonly FtpExchange[],
  analysis: FtpAnalysis,
  controlFacts: readonly PacketFact[],
  options: LabelOptions,
): Segment[] {
  const kinds: (ExchangeKind | null)[] = new Array<ExchangeKind | null>(ex.length).fill(null);
  const segments: Segment[] = [];

  // Transfers claim their command, the announcement of their data connection
  // and whatever was sent in between.
  const transferAt = new Map<number, { from: number; transfer: FtpTransfer }>();
  // Each transfer's exchange, found once (a session may hold thousands of transfers among 100,000 exchanges).
  const exchangeOfTransfer = new Map<number, number>();
  for (let k = ex.length - 1; k >= 0; k--) if (ex[k]!.transferId !== null) exchangeOfTransfer.set(ex[k]!.transferId!, k);
  for (const tid of session.transferIds) {
    const t = analysis.transfers[tid];
    if (!t) continue;
    const k = exchangeOfTransfer.get(t.id) ?? -1;
    if (k < 0) continue;
    let from = k;
    for (let j = k - 1; j >= 0; j--) {
      const v = verbOf(ex[j]!);
      if (kinds[j] !== null || v === null || LOGIN_VERBS.has(v) || v === "QUIT" || ex[j]!.transferId !== null) break;
      const announced = ex[j]!.announcesDataChannelId;
      if (announced !== null) {
        const ch = analysis.dataChannels[announced];
        if (announced === t.dataChannelId || t.dataChannelId === null || !ch || ch.transferId === null) from = j;
        break;
      }
    }
    for (let j = from; j <= k; j++) kinds[j] = "transfer";
    // An ABOR right after the transfer command ended it (lftp's pget).
    let to = k;
    while (t.aborted && to + 1 < ex.length && verbOf(ex[to + 1]!) === "ABOR" && kinds[to + 1] === null) kinds[++to] = "transfer";
    transferAt.set(from, { from, transfer: t });
    for (let j = from + 1; j <= to; j++) transferAt.set(j, { from, transfer: t });
  }

  let i = 0;
  // Connection: the greeting (replies nobody asked for) before the first command.
  const greeting: number[] = [];
  while (i < ex.length && ex[i]!.command === null) greeting.push(i++);
  const firstControl = controlFacts[0]?.frame ?? Infinity;
  const sawHandshake = controlFacts.some((f) => f.flags & TH.SYN);
  if (greeting.length || sawHandshake) {
    const start = Math.min(firstControl, greeting.length ? exchangeStart(ex[greeting[0]!]!) : Infinity);
    segments.push({ kind: "connection", title: "Connection", exchanges: greeting, transfer: null, start });
  }

  while (i < ex.length) {
    const e = ex[i]!;
    const v = verbOf(e);
    const t = transferAt.get(i);
    if (t && t.from === i) {
      const list: number[] = [];
      while (i < ex.length && transferAt.get(i)?.from === t.from) list.push(i++);
      segments.push({ kind: "transfer", title: transferTitle(t.transfer), exchanges: list, transfer: t.transfer, start: exchangeStart(e) });
      continue;
    }
    if (v === null) {
      // A reply nobody asked for later on (421...): stays with the exchange in progress.
      const last = segments[segments.length - 1];
      if (last) last.exchanges.push(i);
      else segments.push({ kind: "command", title: commandTitle(e, options), exchanges: [i], transfer: null, start: exchangeStart(e) });
      i++;
      continue;
    }
    if (v === "QUIT") {
      const list: number[] = [];
      while (i < ex.length) list.push(i++);
      segments.push({ kind: "close", title: "Close", exchanges: list, transfer: null, start: exchangeStart(e) });
      break;
    }
    if (LOGIN_VERBS.has(v) || LOGIN_PHASE_VERBS.has(v)) {
      // The run of login-phase commands around USER/PASS.
      let j = i;
      while (j < ex.length && !transferAt.has(j)) {
        const w = verbOf(ex[j]!);
        if (w === null ? false : !(LOGIN_VERBS.has(w) || LOGIN_PHASE_VERBS.has(w))) break;
        j++;
      }
      const run = Array.from({ length: j - i }, (_, k) => i + k);
      const hasLogin = run.some((k) => LOGIN_VERBS.has(verbOf(ex[k]!) ?? "") || verbOf(ex[k]!) === "AUTH");
      if (!hasLogin) {
        for (const k of run) segments.push({ kind: "command", title: commandTitle(ex[k]!, options), exchanges: [k], transfer: null, start: exchangeStart(ex[k]!) });
        i = j;
        continue;
      }
      // One exchange per attempt: a USER after an attempt was decided starts the next.
      let current: number[] = [];
      let decided = false;
      const flush = (): void => {
        if (!current.length) return;
        const list = current;
        segments.push({ kind: "login", title: loginTitle(session, list.map((k) => ex[k]!)), exchanges: list, transfer: null, start: exchangeStart(ex[list[0]!]!) });
        current = [];
        decided = false;
      };
      for (const k of run) {
        const w = verbOf(ex[k]!);
        if (w === "USER" && decided) flush();
        current.push(k);
        if (w !== null && LOGIN_VERBS.has(w) && endsAttempt(ex[k]!)) decided = true;
      }
      flush();
      i = j;
      continue;
    }
    segments.push({ kind: "command", title: commandTitle(e, options), exchanges: [i], transfer: null, start: exchangeStart(e) });
    i++;
  }

  // The end: QUIT, or the first FIN or RST after the last reply before it
  // (vsftpd hangs up after three failed logins, before the client's QUIT).
  let close = segments.find((s) => s.kind === "close");
  const dialog = segments.filter((s) => s.kind !== "close").flatMap((s) => s.exchanges.map((k) => ex[k]!));
  // A loop, not Math.max(...): a long session's frames overflow the arguments a call may take.
  let lastFrame = 0;
  for (const s of segments) if (s.kind !== "close") lastFrame = Math.max(lastFrame, s.start);
  for (const e of dialog) {
    lastFrame = Math.max(lastFrame, e.command?.lastFrame ?? 0);
    for (const r of e.replies) lastFrame = Math.max(lastFrame, r.lastFrame);
  }
  const fin = controlFacts.find((f) => f.frame > lastFrame && f.flags & (TH.FIN | TH.RST));
  if (fin && (!close || fin.frame < close.start)) {
    if (close) close.start = fin.frame;
    else segments.push((close = { kind: "close", title: "Close", exchanges: [], transfer: null, start: fin.frame }));
  }

  // After AUTH TLS: the encrypted rest of the control connection on its own.
  if (session.encrypted && session.tlsFrame !== null) {
    const tls = session.tlsFrame;
    const first = controlFacts.find((f) => f.frame > tls && f.len > 0);
    if (first && (!close || first.frame < close.start)) {
      segments.push({ kind: "encrypted", title: `Encrypted session (${session.authMechanism ?? "TLS"})`, exchanges: [], transfer: null, start: first.frame });
      segments.sort((a, b) => a.start - b.start);
    }
  }
  return segments;
}

// ---------------------------------------------------------------------------
// Drawing

/** An item with the frame that orders it among the others (notes sort after the arrow of the same frame). */
interface Placed {
  order: number;
  sub: number;
  item: DiagramItem;
}

function same(f: PacketFact, address: string, port: number): boolean {
  return f.src === address && f.srcPort === port;
}

function formatBytes(n: number): string {
  return `${n.toLocaleString("en-US")} byte${n === 1 ? "" : "s"}`;
}

function transferNote(t: FtpTransfer, ch: FtpDataChannel | null): MermaidText {
  const bytes = t.payloadSize;
  const max = MAX_ARGUMENT_CHARS;
  const size = formatBytes(bytes);
  let text: MermaidText;
  if (ch?.encrypted) text = mm`Transferring encrypted data (TLS, ${size})`;
  else
    switch (t.command) {
      case "LIST":
      case "NLST":
      case "MLSD":
        text = mm`Transferring file list (${size})`;
        break;
      case "RETR":
        text = mm`Downloading ${{ text: t.argument || t.path || "file", max }} (${size})`;
        break;
      default:
        text = mm`Uploading ${{ text: t.argument || t.path || "file", max }} (${size})`;
    }
  return t.payloadMissing.length ? mm`${raw(text)} (incomplete)` : text;
}

/** Builds the diagrams of one session at one detail level. */
export function ftpSessionDiagrams(
  analysis: FtpAnalysis,
  sessionId: number,
  facts: readonly PacketFact[],
  options: FtpDiagramOptions = {},
  elisions: readonly Elision[] = [],
): FtpSessionDiagrams | null {
  const session = analysis.sessions[sessionId];
  if (!session) return null;
  const level = options.level ?? "tcp";
  const controlFacts = facts.filter((f) => f.stream === session.controlStream);
  const channels = session.dataChannelIds.map((id) => analysis.dataChannels[id]).filter((c): c is FtpDataChannel => !!c);
  const channelByStream = new Map(channels.map((c) => [c.stream, c]));
  // The session's exchanges as objects, built once here (the analysis keeps them by column).
  const ex = session.exchanges.toArray();
  const segments = segment(session, ex, analysis, controlFacts, options);

  // Participants: the control channel's two ends, then (packets level) the data connections' ends by endpoint.
  const C = "C";
  const S = "S";
  const base: Participant[] = [
    { id: C, label: mm`Client ${session.client.address}` },
    { id: S, label: mm`FTP Server ${session.server.address}` },
  ];
  const dataIds = new Map<string, Participant>();
  const dataParticipant = (role: "client" | "server", address: string, port: number): string => {
    const key = `${role} ${address} ${port}`;
    let p = dataIds.get(key);
    if (!p) {
      const n = [...dataIds.values()].filter((q) => q.id.startsWith(role === "client" ? "CD" : "SD")).length + 1;
      p = { id: `${role === "client" ? "CD" : "SD"}${n}`, label: role === "client" ? mm`Client data port ${port}` : mm`Server data port ${port}` };
      dataIds.set(key, p);
    }
    return p.id;
  };

  /** The data participants among `used`: client ends first, then server ends, each in order of creation. */
  const dataParticipants = (used: ReadonlySet<string>): Participant[] => {
    const all = [...dataIds.values()].filter((p) => used.has(p.id));
    return [...all.filter((p) => p.id.startsWith("CD")), ...all.filter((p) => p.id.startsWith("SD"))];
  };

  const clientSide = (f: PacketFact): boolean => same(f, session.client.address, session.client.port);
  const controlArrow = (f: PacketFact): DiagramItem =>
    clientSide(f)
      ? { kind: "message", from: C, to: S, arrow: "->>", text: packetLabel(f, options), frame: f.frame }
      : { kind: "message", from: S, to: C, arrow: "-->>", text: packetLabel(f, options), frame: f.frame };
  const note = (text: MermaidText, frame: number | null): DiagramItem => ({ kind: "note", over: [C, S], text, frame });

  // Which segment each control packet and data connection belongs to.
  const starts = segments.map((s) => s.start);
  const segmentOfFrame = (frame: number): number => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= frame) k++;
    return k;
  };
  const segmentOfChannel = new Map<number, number>();
  for (const ch of channels) {
    const owner = ch.transferId !== null ? segments.findIndex((s) => s.transfer?.id === ch.transferId) : -1;
    segmentOfChannel.set(ch.stream, owner >= 0 ? owner : segmentOfFrame(ch.firstFrame));
  }
  const packetsOf: PacketFact[][] = segments.map(() => []);
  for (const f of facts) {
    if (f.stream === session.controlStream) {
      if (segments.length) packetsOf[segmentOfFrame(f.frame)]!.push(f);
    } else {
      const k = segmentOfChannel.get(f.stream);
      if (k !== undefined && k >= 0) packetsOf[k]!.push(f);
    }
  }

  // Milestones shared by all levels.
  const handshakeEnd = (() => {
    let synAck = false;
    for (const f of controlFacts) {
      if (f.flags & TH.SYN && f.flags & TH.ACK) synAck = true;
      else if (synAck && clientSide(f) && f.flags & TH.ACK && !(f.flags & TH.SYN)) return f.frame;
    }
    return null;
  })();
  const closed = (() => {
    const fins = controlFacts.filter((f) => f.flags & TH.FIN);
    const rst = controlFacts.find((f) => f.flags & TH.RST);
    if (rst) return { text: mm`Connection reset`, frame: rst.frame };
    if (fins.length === 0) return null;
    const last = controlFacts[controlFacts.length - 1]!;
    return { text: mm`Connection closed`, frame: last.frame };
  })();

  const exchanges: DiagramExchange[] = [];
  const allItems: Placed[] = [];
  segments.forEach((seg, si) => {
    const placed: Placed[] = [];
    const put = (order: number, sub: number, item: DiagramItem): void => {
      placed.push({ order, sub, item });
    };
    const mine = packetsOf[si]!;

    // Arrows.
    if (level === "commands") {
      for (const k of seg.exchanges) {
        const e = ex[k]!;
        if (e.command) {
          put(e.command.frame, 0, { kind: "message", from: C, to: S, arrow: "->>", text: requestLabel(e.command.verb, e.command.argument, options), frame: e.command.frame });
        }
        for (const r of e.replies) {
          put(r.frame, 0, { kind: "message", from: S, to: C, arrow: "-->>", text: responseLabel(r.code, r.lines.join(" "), options), frame: r.frame });
        }
      }
    } else {
      for (const f of mine) {
        if (f.stream === session.controlStream) put(f.frame, 0, controlArrow(f));
        else if (level === "packets") {
          const ch = channelByStream.get(f.stream)!;
          const fromClient = same(f, ch.client.address, ch.client.port);
          const cd = dataParticipant("client", ch.client.address, ch.client.port);
          const sd = dataParticipant("server", ch.server.address, ch.server.port);
          put(
            f.frame,
            0,
            fromClient
              ? { kind: "message", from: cd, to: sd, arrow: "->>", text: packetLabel(f, options), frame: f.frame }
              : { kind: "message", from: sd, to: cd, arrow: "-->>", text: packetLabel(f, options), frame: f.frame },
          );
          // The middle of a bulk transfer, left out: one note in its place.
          for (const e of elisions) if (e.stream === f.stream && e.afterFrame === f.frame) put(f.frame, 1, { kind: "note", over: [cd, sd], text: elisionText(e), frame: null });
        }
      }
    }

    // Notes.
    if (seg.kind === "connection" && handshakeEnd !== null) {
      // After the handshake's last ACK (at the commands level: before the greeting).
      put(handshakeEnd, 1, note(mm`Connection established`, handshakeEnd));
    }
    if (seg.kind === "login") {
      const users = seg.exchanges.map((k) => ex[k]!).filter((e) => verbOf(e) === "USER");
      const last = seg.exchanges.map((k) => ex[k]!).filter((e) => LOGIN_VERBS.has(verbOf(e) ?? "") && e.replies.length).pop();
      const attempt = users[0] ? session.logins.find((l) => l.userFrame === users[0]!.command!.frame) : undefined;
      const decided = last?.replies[last.replies.length - 1];
      if (attempt && decided) {
        const text =
          attempt.result === "success"
            ? mm`Logged in as ${{ text: attempt.user, max: MAX_ARGUMENT_CHARS }}`
            : attempt.result === "failed"
              ? mm`Login failed for ${{ text: attempt.user, max: MAX_ARGUMENT_CHARS }}`
              : null;
        if (text) put(decided.frame, 1, note(text, decided.frame));
      }
    }
    if (session.encrypted && session.tlsFrame !== null && segmentOfFrame(session.tlsFrame) === si) {
      put(session.tlsFrame, 2, note(mm`Control channel encrypted from here on (TLS)`, session.tlsFrame));
    }
    if (seg.transfer && level !== "packets") {
      const t = seg.transfer;
      const ch = t.dataChannelId !== null ? (analysis.dataChannels[t.dataChannelId] ?? null) : null;
      if (ch || t.payloadSize > 0) {
        const at = ch ? ch.firstDataFrame || ch.firstFrame : t.firstDataFrame;
        // Before the final reply when the data came after it in the capture (never after 226 on screen).
        const end = t.endReply?.frame ?? Infinity;
        const frame = at && at < end ? at : end === Infinity ? at : end - 0.5;
        put(frame, 1, note(transferNote(t, ch), at || null));
      }
    }
    if (seg.kind === "encrypted") {
      const enc = mine.filter((f) => f.stream === session.controlStream && f.len > 0);
      if (level === "commands" && enc[0]) {
        const bytes = enc.reduce((n, f) => n + f.len, 0);
        put(enc[0].frame, 1, note(mm`${enc.length} encrypted segments (${formatBytes(bytes)})`, enc[0].frame));
      }
    }
    if (seg.kind === "close" && closed) {
      put(level === "commands" ? Infinity : closed.frame, 1, note(closed.text, closed.frame));
    }

    placed.sort((a, b) => a.order - b.order || a.sub - b.sub);
    allItems.push(...placed);
    const items = placed.map((p) => p.item);
    const frames = items.map((it) => it.frame).filter((f): f is number => f !== null);
    const used = new Set(items.flatMap((it) => (it.kind === "message" ? [it.from, it.to] : it.over)));
    const participants = [...base, ...dataParticipants(used)];
    exchanges.push({
      index: si,
      kind: seg.kind,
      title: seg.title,
      firstFrame: frames.length ? Math.min(...frames) : seg.start,
      lastFrame: frames.length ? Math.max(...frames) : seg.start,
      diagram: { participants, items },
    });
  });

  const wholeUsed = new Set(allItems.flatMap((p) => (p.item.kind === "message" ? [p.item.from, p.item.to] : p.item.over)));
  return {
    sessionId,
    title: sessionTitle(session),
    exchanges,
    whole: { participants: [...base, ...dataParticipants(wholeUsed)], items: allItems.map((p) => p.item) },
  };
}

/** A session's heading: "10.77.0.2:52594 → 10.77.0.1:21". */
export function sessionTitle(session: Pick<FtpSession, "client" | "server">): string {
  return `${endpointText(session.client.address, session.client.port)} → ${endpointText(session.server.address, session.server.port)}`;
}

/** The TCP streams a session's diagrams draw (control first, then its data connections). */
export function sessionStreams(analysis: FtpAnalysis, sessionId: number): number[] {
  const s = analysis.sessions[sessionId];
  if (!s) return [];
  return [s.controlStream, ...s.dataChannelIds.map((id) => analysis.dataChannels[id]?.stream).filter((x): x is number => x !== undefined)];
}
