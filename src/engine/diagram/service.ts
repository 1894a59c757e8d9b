/**
 * The diagrams of one open capture, for the UI (through the worker) and the
 * CLI: which FTP sessions and exchanges there are, one diagram (an exchange,
 * a whole session, a TCP stream's flow graph) split into parts ready for
 * Mermaid, and the Markdown write-up of a session. Packet facts are read on
 * demand (re-dissecting only the streams drawn) and kept per session.
 */
import type { FtpAnalysis } from "../ftp/types";
import { httpConversations, httpExchangeDiagram, type HttpConversation, udpFlowDiagram } from "./conversation";
import { tcpFlowDiagram } from "./flow";
import { type DetailLevel, type DiagramExchange, type ExchangeKind, ftpSessionDiagrams, type FtpSessionDiagrams, sessionStreams, sessionTitle } from "./ftp-exchanges";
import type { LabelOptions } from "./labels";
import { escapeMarkdown, filesTable, partsMarkdown } from "./markdown";
import { splitDiagram, type DiagramPart, type Numbering, type SplitLimits } from "./mermaid";
import { DEFAULT_CAP, type Facts, packetFacts, type PacketFactSource } from "./packets";

/** How a diagram is drawn (all optional). */
export interface DiagramOptions extends LabelOptions {
  level?: DetailLevel;
  numbering?: Numbering;
  limits?: SplitLimits;
}

export type DiagramRequest =
  | ({ kind: "ftp"; session: number; /** Exchange index, or "all" for the whole session. */ exchange: number | "all" } & DiagramOptions)
  | ({ kind: "tcp"; stream: number } & DiagramOptions)
  | ({ kind: "udp"; stream: number } & DiagramOptions)
  | ({ kind: "http"; stream: number } & DiagramOptions);

/** A drawn diagram: its heading (plain text) and its parts (Mermaid text, frames of the arrows). */
export interface RenderedDiagram {
  title: string;
  parts: DiagramPart[];
}

export interface ExchangeInfo {
  index: number;
  kind: ExchangeKind;
  title: string;
  firstFrame: number;
  lastFrame: number;
}

export interface DiagramSessionInfo {
  id: number;
  /** "10.77.0.2:52594 → 10.77.0.1:21". */
  title: string;
  user: string | null;
  controlStream: number;
}

export class Diagrams {
  private analysis: Promise<FtpAnalysis> | null = null;
  private readonly facts = new Map<string, Promise<Facts>>();

  constructor(
    private readonly source: PacketFactSource,
    private readonly ftp: () => Promise<FtpAnalysis>,
  ) {}

  private ftpAnalysis(): Promise<FtpAnalysis> {
    this.analysis ??= this.ftp();
    return this.analysis;
  }

  /**
   * Facts of these streams, cached (a few sessions and streams). `capped`
   * streams (bulk data) are drawn in part: their first and last packets.
   */
  private factsOf(streams: readonly number[], capped: readonly number[] = []): Promise<Facts> {
    const key = `${streams.join(",")}/${capped.join(",")}`;
    let p = this.facts.get(key);
    if (!p) {
      p = packetFacts(this.source, streams, { cap: { streams: new Set(capped), ...DEFAULT_CAP } });
      this.facts.set(key, p);
      if (this.facts.size > 16) this.facts.delete(this.facts.keys().next().value!);
    }
    return p;
  }

  private async sessionDiagrams(analysis: FtpAnalysis, id: number, options: DiagramOptions): Promise<FtpSessionDiagrams | null> {
    const s = analysis.sessions[id];
    if (!s) return null;
    // Only the packets level draws the data connections' packets.
    const streams = options.level === "packets" ? sessionStreams(analysis, id) : [s.controlStream];
    const { facts, elisions } = await this.factsOf(streams, streams.slice(1));
    return ftpSessionDiagrams(analysis, id, facts, options, elisions);
  }

  /**
   * The FTP sessions (without drawing them: a capture-wide list stays cheap
   * however many commands its sessions hold; `exchanges` cuts one).
   */
  async sessions(): Promise<DiagramSessionInfo[]> {
    const analysis = await this.ftpAnalysis();
    return analysis.sessions.map((s) => ({
      id: s.id,
      title: sessionTitle(s),
      user: s.user,
      controlStream: s.controlStream,
    }));
  }

  /** A session's exchanges (frames of the control connection: the "tcp" level's); null when there is no such session. */
  async exchanges(sessionId: number): Promise<ExchangeInfo[] | null> {
    const d = await this.sessionDiagrams(await this.ftpAnalysis(), sessionId, { level: "tcp" });
    return d ? d.exchanges.map(({ index, kind, title, firstFrame, lastFrame }) => ({ index, kind, title, firstFrame, lastFrame })) : null;
  }

  /** The TCP streams that carry HTTP (from the packet index: nothing is read). */
  httpConversations(): HttpConversation[] {
    return httpConversations(this.source.index);
  }

  /** One diagram, split into parts under Mermaid's limits; null when there is no such session, exchange or stream. */
  async diagram(request: DiagramRequest): Promise<RenderedDiagram | null> {
    const write = { numbering: request.numbering ?? "none" } as const;
    if (request.kind === "udp" || request.kind === "http") {
      const d = request.kind === "udp" ? await udpFlowDiagram(this.source, request.stream) : await httpExchangeDiagram(this.source, request.stream);
      if (!d) return null;
      const what = request.kind === "udp" ? `UDP stream ${request.stream}` : `HTTP on TCP stream ${request.stream}`;
      return { title: `${what}: ${d.title}`, parts: splitDiagram(d.diagram, write, request.limits) };
    }
    if (request.kind === "tcp") {
      const { facts, elisions } = await this.factsOf([request.stream], [request.stream]);
      const flow = tcpFlowDiagram(facts, request, elisions);
      if (!flow) return null;
      return { title: `TCP stream ${request.stream}: ${flow.title}`, parts: splitDiagram(flow.diagram, write, request.limits) };
    }
    const d = await this.sessionDiagrams(await this.ftpAnalysis(), request.session, request);
    if (!d) return null;
    if (request.exchange === "all") return { title: `FTP session ${request.session}: ${d.title}`, parts: splitDiagram(d.whole, write, request.limits) };
    const e = d.exchanges[request.exchange];
    return e ? { title: exchangeHeading(e), parts: splitDiagram(e.diagram, write, request.limits) } : null;
  }

  /**
   * Markdown of one session (or all when `session` is null): a heading per
   * session and per exchange, a ```mermaid block each; with `files`, the
   * session's files with sizes and SHA-256 (the write-up).
   */
  async markdown(session: number | null, options: DiagramOptions & { files?: boolean } = {}): Promise<string> {
    const analysis = await this.ftpAnalysis();
    const ids = session === null ? analysis.sessions.map((s) => s.id) : [session];
    const out: string[] = [];
    const write = { numbering: options.numbering ?? "none" } as const;
    for (const id of ids) {
      const d = await this.sessionDiagrams(analysis, id, options);
      if (!d) continue;
      const s = analysis.sessions[id]!;
      out.push(`# ${escapeMarkdown(`FTP session ${id}: ${d.title}`)}\n`);
      const facts = [`Detail: ${options.level ?? "tcp"}`, `control stream: tcp.stream ${s.controlStream}`, `frames ${s.firstFrame}–${s.lastFrame}`];
      if (s.user !== null) facts.push(`user: ${s.user}`);
      out.push(escapeMarkdown(facts.join(", ")) + ".\n");
      for (const e of d.exchanges) out.push(partsMarkdown(2, exchangeHeading(e), splitDiagram(e.diagram, write, options.limits)));
      if (options.files) out.push(`## Files\n\n${filesTable(analysis, id)}`);
    }
    return out.join("\n");
  }

  /** Markdown of one stream's flow graph (TCP, UDP) or HTTP exchanges; null when there is no such stream. */
  async flowMarkdown(stream: number, options: DiagramOptions = {}, kind: "tcp" | "udp" | "http" = "tcp"): Promise<string | null> {
    const d = await this.diagram({ kind, stream, ...options });
    if (!d) return null;
    return `# ${escapeMarkdown(d.title)}\n\n` + partsMarkdown(2, kind === "http" ? "HTTP exchanges" : "Flow graph", d.parts);
  }
}

/** "3. Download readme.txt" (1-based, as in the write-up). */
export function exchangeHeading(e: Pick<DiagramExchange, "index" | "title">): string {
  return `${e.index + 1}. ${e.title}`;
}
