/**
 * Diagrams of any conversation, not only FTP's: the flow graph of one UDP
 * stream (`udp.stream`), and the HTTP exchanges of one TCP stream drawn the
 * way FTP sessions are: the client and the server as participants, the
 * connection's opening and closing, one arrow per request ("GET /index.html")
 * and per response ("200 OK · text/html · 1,234 bytes"), each on the frame
 * where Wireshark shows the message (the last segment of a reassembled one).
 *
 * Facts come from the packet index (addresses, ports, streams, Protocol
 * column) and from a re-dissection of the stream's rows only, reading the
 * dissectors' own fields (tshark 4.0's names: http.request.method…), never
 * by parsing bytes here. Capture text (URIs, phrases, media types) becomes
 * Mermaid text only through `mm`.
 */
import { fieldByAbbrev, type FieldDef } from "../dissect/field";
import { FieldCollector } from "../dissect/tree";
import { tcpFields } from "../dissect/protocols/tcp";
import type { PacketIndex } from "../index/packet-index";
import { elisionText, endpointText } from "./flow";
import { capRows, flowPackets, generalFlowLabel, FLOW_GRAPH_DEFAULTS } from "./flow-graph";
import { mm, type DiagramItem, type MermaidText, type SequenceDiagram } from "./mermaid";
import { num, str, streamRows, type PacketFactSource } from "./packets";

export interface ConversationDiagram {
  /** "10.0.0.2:5353 ↔ 224.0.0.251:5353" (plain text). */
  title: string;
  diagram: SequenceDiagram;
}

/** Rows (frame - 1, frame order) of one UDP stream (TCP streams: packets.ts's streamRows, which uses what the pass recorded). */
function udpStreamRows(index: PacketIndex, stream: number): number[] {
  const col = index.udpStream;
  const rows: number[] = [];
  for (let row = 0; row < index.count; row++) if (col[row] === stream) rows.push(row);
  return rows;
}

/** The two endpoints of a conversation, A the sender of `row` (its first packet). */
function endpoints(index: PacketIndex, row: number): { a: string; b: string; aAddr: number; aPort: number } {
  return {
    a: endpointText(index.addresses.get(index.src[row]!), index.srcPort[row]!),
    b: endpointText(index.addresses.get(index.dst[row]!), index.dstPort[row]!),
    aAddr: index.src[row]!,
    aPort: index.srcPort[row]!,
  };
}

/** Whether `row` was sent by endpoint A. */
function fromA(index: PacketIndex, row: number, e: { aAddr: number; aPort: number }): boolean {
  return index.src[row] === e.aAddr && index.srcPort[row] === e.aPort;
}

/**
 * The flow graph of one UDP stream: an arrow per packet, "PROTOCOL: Info"
 * as Wireshark's flow graph comments read; a long stream's first and last
 * packets with a note for those between. Null when there is no such stream.
 */
export async function udpFlowDiagram(source: PacketFactSource, stream: number): Promise<ConversationDiagram | null> {
  const index = source.index;
  const rows = udpStreamRows(index, stream);
  if (rows.length === 0) return null;
  const e = endpoints(index, rows[0]!);
  const { drawn, elision } = capRows(rows, FLOW_GRAPH_DEFAULTS.head, FLOW_GRAPH_DEFAULTS.tail);
  const packets = await flowPackets(source, drawn);
  const items: DiagramItem[] = [];
  for (const p of packets) {
    const a = fromA(index, p.frame - 1, e);
    const text = generalFlowLabel(p, FLOW_GRAPH_DEFAULTS.maxInfo);
    items.push(a ? { kind: "message", from: "A", to: "B", arrow: "->>", text, frame: p.frame } : { kind: "message", from: "B", to: "A", arrow: "-->>", text, frame: p.frame });
    if (elision && elision.afterFrame === p.frame) items.push({ kind: "note", over: ["A", "B"], text: elisionText({ ...elision, stream }), frame: null });
  }
  return { title: `${e.a} ↔ ${e.b}`, diagram: twoParty(e.a, e.b, items) };
}

function twoParty(a: string, b: string, items: DiagramItem[]): SequenceDiagram {
  return {
    participants: [
      { id: "A", label: mm`${a}` },
      { id: "B", label: mm`${b}` },
    ],
    items,
  };
}

/** An HTTP conversation, for a chooser: its TCP stream, endpoints and the packets that carry HTTP messages. */
export interface HttpConversation {
  stream: number;
  /** "10.0.0.2:40212 → 10.0.0.1:80" (plain text; client first). */
  title: string;
  messages: number;
  firstFrame: number;
}

/**
 * The TCP streams that carry HTTP: those with a packet whose Protocol
 * column is HTTP's ("HTTP", "HTTP/XML", "HTTP/JSON"…, as Wireshark names the
 * media carried). One pass over the index's columns, nothing dissected.
 */
export function httpConversations(index: PacketIndex): HttpConversation[] {
  const isHttp = httpProtocolIds(index);
  const byStream = new Map<number, HttpConversation>();
  /** Each TCP stream's first row, for its endpoints (streams are numbered as they first appear). */
  const firstRow: number[] = [];
  for (let row = 0; row < index.count; row++) {
    const stream = index.tcpStream[row]!;
    if (stream < 0) continue;
    firstRow[stream] ??= row;
    if (!isHttp[index.protocol[row]!]) continue;
    const c = byStream.get(stream);
    if (c) c.messages++;
    else {
      const e = endpoints(index, firstRow[stream]);
      byStream.set(stream, { stream, title: `${e.a} → ${e.b}`, messages: 1, firstFrame: row + 1 });
    }
  }
  return [...byStream.values()].sort((x, y) => x.stream - y.stream);
}

/** Per Protocol column id: whether it is HTTP's ("HTTP", "HTTP/XML"…). */
function httpProtocolIds(index: PacketIndex): boolean[] {
  const isHttp: boolean[] = [];
  for (let id = 0; id < index.protocols.size; id++) isHttp[id] = /^HTTP(\/|$)/.test(index.protocols.get(id));
  return isHttp;
}

/** The HTTP fields the exchanges are drawn from (looked up by tshark's names: the HTTP dissector owns them). */
function httpField(abbrev: string): FieldDef | null {
  return fieldByAbbrev(abbrev) ?? null;
}

const TH_FIN = 0x01;
const TH_SYN = 0x02;
const TH_RST = 0x04;
const TH_ACK = 0x10;

/** Requests and responses drawn per diagram at most (a keep-alive stream may hold thousands). */
const MAX_MESSAGES = 600;

/**
 * The HTTP exchanges of one TCP stream as a sequence diagram: the client
 * (the side that sent the first request, or the SYN) and the server, the
 * connection's SYN and its FIN or RST per side, and an arrow per request
 * and response. Null when the stream has no packets.
 */
export async function httpExchangeDiagram(source: PacketFactSource, stream: number): Promise<ConversationDiagram | null> {
  const index = source.index;
  const rows = streamRows(index, [stream], source.diagramFacts);
  if (rows.length === 0) return null;
  const f = {
    method: httpField("http.request.method"),
    uri: httpField("http.request.uri"),
    version: httpField("http.request.version"),
    code: httpField("http.response.code"),
    phrase: httpField("http.response.phrase"),
    type: httpField("http.content_type"),
    length: httpField("http.content_length_header"),
  };
  const wanted = [tcpFields.flags, ...Object.values(f).filter((x): x is FieldDef => x !== null)];
  const collector = new FieldCollector(wanted);
  const first = (d: FieldDef | null) => (d ? collector.first(d) : undefined);
  const e = endpoints(index, rows[0]!);
  /** The client's side: the sender of the SYN, else of the first request, else of the first packet (A). */
  let clientIsA: boolean | null = null;
  const steps: { row: number; text: MermaidText }[] = [];
  let messages = 0;
  let left = 0;
  await source.collectFields(rows, collector, (row) => {
    const flags = num(collector.first(tcpFields.flags));
    // Re-dissection reports a reassembled message's fields on its last segment only (tcp/payload.ts), as tshark -2 does.
    const method = first(f.method);
    const code = first(f.code);
    if (flags & TH_SYN && !(flags & TH_ACK) && clientIsA === null) {
      clientIsA = fromA(index, row, e);
      steps.push({ row, text: mm`connect (SYN)` });
    }
    if (method !== undefined || code !== undefined) {
      if (messages++ >= MAX_MESSAGES) {
        left++;
        return;
      }
      if (method !== undefined) {
        clientIsA ??= fromA(index, row, e);
        const version = str(first(f.version));
        steps.push({ row, text: mm`${str(method)} ${{ text: str(first(f.uri)), max: 90 }}${version ? ` ${version}` : ""}` });
      } else {
        const parts = [`${num(code)} ${str(first(f.phrase))}`.trim()];
        const type = str(first(f.type));
        if (type) parts.push(type.split(";")[0]!.trim());
        const length = str(first(f.length));
        if (/^\d+$/.test(length)) parts.push(`${Number(length).toLocaleString("en-US")} bytes`);
        steps.push({ row, text: mm`${parts.join(" · ")}` });
      }
    }
    if (flags & (TH_FIN | TH_RST)) steps.push({ row, text: flags & TH_RST ? mm`reset (RST)` : mm`close (FIN)` });
  });
  const clientA = clientIsA ?? true;
  const [client, server] = clientA ? [e.a, e.b] : [e.b, e.a];
  steps.sort((x, y) => x.row - y.row);
  const items: DiagramItem[] = [];
  for (const s of steps) {
    const frame = s.row + 1;
    items.push(
      fromA(index, s.row, e) === clientA
        ? { kind: "message", from: "C", to: "S", arrow: "->>", text: s.text, frame }
        : { kind: "message", from: "S", to: "C", arrow: "-->>", text: s.text, frame },
    );
  }
  if (left) items.push({ kind: "note", over: ["C", "S"], text: mm`… ${left.toLocaleString("en-US")} more HTTP messages …`, frame: null });
  if (messages === 0) items.push({ kind: "note", over: ["C", "S"], text: mm`No HTTP message in this TCP stream`, frame: null });
  return {
    title: `${client} → ${server}`,
    diagram: {
      participants: [
        { id: "C", label: mm`Client ${client}` },
        { id: "S", label: mm`Server ${server}` },
      ],
      items,
    },
  };
}
