/**
 * Follow HTTP Stream (Wireshark's Analyze ▸ Follow ▸ HTTP Stream, tshark's
 * `-z follow,http,MODE,N`): a TCP stream's HTTP messages as its http_follow
 * tap records them (packet-http.c): each message's first line and headers
 * up to the empty line, then its body as Export Objects gets it (de-chunked
 * and content-decoded; no body record when there is none or it cannot be
 * decoded), in the frames where the messages were dissected. Node 0 is the
 * sender of the first record (follow_tvb_tap_listener), so the client when
 * the capture holds its request.
 */
import { ChunkTable, TableFollowStream } from "../follow/follow-stream";
import type { FollowRecord } from "../follow/render";
import type { Direction, FollowEndpoint, FollowStream } from "../follow/types";
import { OVERFLOW_LAYERS, type PacketIndex } from "../index/packet-index";
import { MemorySource } from "../io/byte-source";
import { looksLikeHttp, streamMessages } from "./http-stream";
import { decodeBody } from "./objects";

export interface HttpFollow {
  /** [node 0, node 1] as tshark prints them (":0" nodes when the stream has no HTTP message). */
  nodes: [FollowEndpoint, FollowEndpoint];
  /** Records in order; direction 0 is node 0 → node 1. */
  records: FollowRecord[];
}

const NO_NODE: FollowEndpoint = { address: "", port: 0 };

/** The stream's HTTP records (none when Wireshark would not dissect it as HTTP). */
export async function followHttp(stream: FollowStream): Promise<HttpFollow> {
  if (stream.info.chunkCount === 0 || !(await looksLikeHttp(stream))) return { nodes: [NO_NODE, NO_NODE], records: [] };
  const { messages, bytes } = await streamMessages(stream);
  const records: FollowRecord[] = [];
  let first: Direction | null = null;
  for (const m of messages) {
    if (!m.complete) continue;
    first ??= m.direction;
    const direction: Direction = m.direction === first ? 0 : 1;
    const data = bytes[m.direction].data;
    const at = { direction, frame: m.frame, tsSec: m.tsSec, tsNsec: m.tsNsec, gap: false };
    records.push({ ...at, bytes: data.slice(m.start, m.bodyStart) });
    if (m.end > m.bodyStart) {
      const body = decodeBody(data.subarray(m.bodyStart, m.end), m).data;
      if (body) records.push({ ...at, bytes: body });
    }
  }
  if (first === null) return { nodes: [NO_NODE, NO_NODE], records };
  const [a, b] = stream.info.nodes;
  return { nodes: first === 0 ? [a, b] : [b, a], records };
}

/** Every chunk of an HTTP follow stream is kept in memory: nothing is read from here. */
const NOTHING = new MemorySource(new Uint8Array(0), "http follow");

const followed = new WeakMap<FollowStream, Promise<FollowStream>>();

/**
 * Follow HTTP Stream as a FollowStream, so the Follow pane's windows, find
 * and "Save as…" (follow/window.ts, render.ts) serve it as they serve TCP:
 * one chunk per followHttp record, its bytes in memory (headers as sent,
 * bodies decoded), stream offsets counting the records' bytes per
 * direction, never a gap. The TCP stream's packets, first and last frame
 * and SYN/FIN/RST stay; the nodes are followHttp's. Built once per TCP
 * stream object (the session caches those).
 */
export function httpFollowStream(tcp: FollowStream): Promise<FollowStream> {
  let p = followed.get(tcp);
  if (!p) {
    p = followHttp(tcp).then(({ nodes, records }) => {
      const table = new ChunkTable();
      const bytes: [number, number] = [0, 0];
      for (const r of records) {
        table.append(r.frame, r.direction, bytes[r.direction], r.bytes.length, 0, 0, r.tsSec, r.tsNsec, table.keep(r.bytes));
        bytes[r.direction] += r.bytes.length;
      }
      const info = { ...tcp.info, nodes, bytes, missing: [0, 0] as [number, number], trailingGap: [0, 0] as [number, number], chunkCount: table.count };
      return new TableFollowStream(info, table, NOTHING);
    });
    followed.set(tcp, p);
  }
  return p;
}

/**
 * Whether Wireshark would offer Follow HTTP Stream for the TCP stream of
 * these rows: one of its packets has an "http" layer (the HTTP dissector
 * ran on it), from the index's frame.protocols column; a row whose stack
 * the index could not keep (OVERFLOW_LAYERS) counts as maybe, so yes.
 */
export function carriesHttp(index: PacketIndex, rows: ArrayLike<number>): boolean {
  const known = new Map<number, boolean>();
  for (let k = 0; k < rows.length; k++) {
    const id = index.layers[rows[k]!]!;
    let http = known.get(id);
    if (http === undefined) {
      http = id === OVERFLOW_LAYERS || index.layerSets.get(id).split(":").includes("http");
      known.set(id, http);
    }
    if (http) return true;
  }
  return false;
}
