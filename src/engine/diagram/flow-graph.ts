/**
 * Statistics ▸ Flow Graph of the displayed packets, as a Mermaid sequence
 * diagram: Wireshark's "General Flow" (every packet; the arrow says what
 * Wireshark's flow graph comments say, "PROTOCOL: Info") or "TCP Flows"
 * (TCP packets only: the flags, "- Len: N" when the segment carries data,
 * and "Seq = N Ack = N", as epan/dissectors/packet-tcp.c's
 * tcp_seq_analysis_packet writes them). Hosts are the participants, in the
 * order they first appear (the packet list's Source and Destination, as
 * Wireshark's graph uses pinfo's addresses).
 *
 * Drawn within bounds, as flow.ts is: beyond MAX_HOSTS the hosts that send
 * and receive least are drawn as one participant "Other hosts", and of
 * more than head + tail packets the first `head` and last `tail` are drawn
 * with a note for those left out between. Capture text (addresses, Info)
 * becomes Mermaid text only through `mm`, escaped.
 */
import { FieldCollector } from "../dissect/tree";
import { tcpFlagsText } from "../dissect/tcp-flags";
import { tcpFields } from "../dissect/protocols/tcp";
import { elisionText } from "./flow";
import { mm, raw, type DiagramItem, type MermaidText, type Participant, type SequenceDiagram } from "./mermaid";
import { num, type Elision, type PacketFactSource } from "./packets";

export type FlowKind = "general" | "tcp";

/** One packet of the graph. */
export interface FlowPacket {
  frame: number;
  src: string;
  dst: string;
  protocol: string;
  info: string;
  /** The first TCP header's facts (null: no TCP layer). */
  tcp: { flags: number; len: number; seq: number; ack: number } | null;
}

export interface FlowGraphOptions {
  /** Hosts drawn on their own (the rest share one participant). */
  maxHosts?: number;
  /** Packets drawn from the start and from the end of a longer list. */
  head?: number;
  tail?: number;
  /** Characters of Info kept per arrow before "…". */
  maxInfo?: number;
}

export const FLOW_GRAPH_DEFAULTS: Required<FlowGraphOptions> = { maxHosts: 10, head: 400, tail: 100, maxInfo: 90 };

export interface FlowGraph {
  /** "General flow of 120 displayed packets" (plain text). */
  title: string;
  diagram: SequenceDiagram;
  /** Packets the graph is of, and those drawn. */
  packets: number;
  drawn: number;
  /** Every host drawn on its own, in participant order, and how many share "Other hosts". */
  hosts: string[];
  otherHosts: number;
}

/** The packets to draw of `rows` (displayed rows in frame order): all, or the first `head` and last `tail`, with the gap between. */
export function capRows(rows: ArrayLike<number>, head: number, tail: number): { drawn: number[]; elision: Omit<Elision, "stream"> | null } {
  const n = rows.length;
  if (n <= head + tail) return { drawn: Array.from(rows), elision: null };
  const drawn: number[] = [];
  for (let k = 0; k < head; k++) drawn.push(rows[k]!);
  for (let k = n - tail; k < n; k++) drawn.push(rows[k]!);
  return {
    drawn,
    elision: { afterFrame: rows[head - 1]! + 1, first: rows[head]! + 1, last: rows[n - tail - 1]! + 1, packets: n - head - tail },
  };
}

/** The TCP fields a TCP flow's arrows need (the first TCP header's, as the tap sees it). */
const TCP_FIELDS = [tcpFields.len, tcpFields.seq, tcpFields.ack, tcpFields.flags];

/**
 * The packets of `rows` (frame - 1, frame order) as the graph draws them:
 * addresses and protocol from the packet index, Info and TCP facts from a
 * re-dissection of those rows only.
 */
export async function flowPackets(source: PacketFactSource, rows: readonly number[]): Promise<FlowPacket[]> {
  const index = source.index;
  const collector = new FieldCollector(TCP_FIELDS);
  const out: FlowPacket[] = [];
  await source.collectFields(rows, collector, (row, pinfo) => {
    const flags = collector.first(tcpFields.flags);
    out.push({
      frame: row + 1,
      src: index.addresses.get(index.src[row]!),
      dst: index.addresses.get(index.dst[row]!),
      protocol: index.protocols.get(index.protocol[row]!),
      info: pinfo.info,
      tcp:
        flags === undefined
          ? null
          : { flags: num(flags), len: num(collector.first(tcpFields.len)), seq: num(collector.first(tcpFields.seq)), ack: num(collector.first(tcpFields.ack)) },
    });
  });
  return out.sort((a, b) => a.frame - b.frame);
}

/** A TCP flow's arrow: "SYN, ACK · Seq = 0 Ack = 1", "PSH, ACK - Len: 21 · Seq = 1 Ack = 1". */
export function tcpFlowLabel(tcp: NonNullable<FlowPacket["tcp"]>): MermaidText {
  const flags = tcpFlagsText(tcp.flags);
  const label = tcp.len > 0 ? mm`${flags} - Len: ${tcp.len}` : mm`${flags}`;
  // TH_ACK (RFC 9293): Wireshark names the acknowledgment only when it is valid.
  return tcp.flags & 0x10 ? mm`${raw(label)} · Seq = ${tcp.seq} Ack = ${tcp.ack}` : mm`${raw(label)} · Seq = ${tcp.seq}`;
}

/** A general flow's arrow: Wireshark's comment, "PROTOCOL: Info". */
export function generalFlowLabel(p: FlowPacket, maxInfo: number): MermaidText {
  return mm`${p.protocol || "Frame"}: ${{ text: p.info, max: maxInfo }}`;
}

/**
 * The flow graph of `drawn` packets (frame order) out of `total` (those
 * left out: `elision`). Null when there is nothing to draw.
 */
export function flowGraphDiagram(
  kind: FlowKind,
  drawn: readonly FlowPacket[],
  total: number,
  elision: Omit<Elision, "stream"> | null,
  options: FlowGraphOptions = {},
): FlowGraph | null {
  const o = { ...FLOW_GRAPH_DEFAULTS, ...options };
  if (drawn.length === 0) return null;
  // Hosts by first appearance; when there are too many, those in the most arrows keep their own line.
  const seen = new Map<string, { order: number; arrows: number }>();
  for (const p of drawn)
    for (const host of [p.src, p.dst]) {
      const h = seen.get(host);
      if (h) h.arrows++;
      else seen.set(host, { order: seen.size, arrows: 1 });
    }
  let hosts = [...seen.keys()];
  let otherHosts = 0;
  if (hosts.length > o.maxHosts) {
    const kept = new Set(
      [...hosts]
        .sort((a, b) => seen.get(b)!.arrows - seen.get(a)!.arrows || seen.get(a)!.order - seen.get(b)!.order)
        .slice(0, o.maxHosts - 1),
    );
    otherHosts = hosts.length - kept.size;
    hosts = hosts.filter((h) => kept.has(h));
  }
  const idOf = new Map(hosts.map((h, i) => [h, `H${i}`]));
  const OTHER = "Other";
  const participants: Participant[] = hosts.map((h) => ({ id: idOf.get(h)!, label: mm`${h}` }));
  if (otherHosts) participants.push({ id: OTHER, label: mm`Other hosts (${otherHosts})` });
  const position = new Map(participants.map((p, i) => [p.id, i]));
  const items: DiagramItem[] = [];
  for (const p of drawn) {
    const from = idOf.get(p.src) ?? OTHER;
    const to = idOf.get(p.dst) ?? OTHER;
    const text = kind === "tcp" && p.tcp ? tcpFlowLabel(p.tcp) : generalFlowLabel(p, o.maxInfo);
    // Solid arrows rightwards, dashed leftwards (replies, as flow.ts draws the server's side).
    const arrow = position.get(from)! <= position.get(to)! ? "->>" : "-->>";
    items.push({ kind: "message", from, to, arrow, text, frame: p.frame });
    if (elision && elision.afterFrame === p.frame)
      items.push({ kind: "note", over: [participants[0]!.id, participants[participants.length - 1]!.id], text: elisionText({ ...elision, stream: -1 }), frame: null });
  }
  const what = kind === "tcp" ? "TCP flows" : "General flow";
  return {
    title: `${what} of ${total.toLocaleString("en-US")} displayed packet${total === 1 ? "" : "s"}`,
    diagram: { participants, items },
    packets: total,
    drawn: drawn.length,
    hosts,
    otherHosts,
  };
}
