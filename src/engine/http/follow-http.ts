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
import type { FollowRecord } from "../follow/render";
import type { Direction, FollowEndpoint, FollowStream } from "../follow/types";
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
