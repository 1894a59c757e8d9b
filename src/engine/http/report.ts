/**
 * The HTTP objects of a capture, from its TCP streams as Follow TCP Stream
 * rebuilds them (the open session's recorded facts in the app, one pass in
 * the CLI and tests): only the streams Wireshark would hand to HTTP are read
 * (its ports, or its heuristic on a stream's first segment), each once to
 * list its objects; an object's bytes are read again when asked for.
 */
import type { FollowStream } from "../follow/types";
import { baseExportName, ExportNamer } from "./export-names";
import { directionBytes, looksLikeHttp, streamMessages, type DirectionBytes, type StreamMessage } from "./http-stream";
import { decodeBody, streamObjects, type HttpObject } from "./objects";

/** The capture's TCP streams (FtpStreamSource's shape: the FTP report reads the same). */
export interface HttpStreamSource {
  tcpCount: number;
  stream(i: number): FollowStream | null | Promise<FollowStream | null>;
}

export interface HttpReport {
  /** Every object in packet order (Wireshark's list). */
  readonly objects: readonly HttpObject[];
  /** The TCP streams read as HTTP. */
  readonly httpStreams: readonly number[];
  /** An object's bytes (decoded as exported); null when it is incomplete or not decodable. */
  readObject(id: number): Promise<Uint8Array | null>;
  /** Every complete object of one stream with its bytes, in order (one read of the stream). */
  readStreamObjects(stream: number, each: (object: HttpObject, bytes: Uint8Array) => void | Promise<void>): Promise<void>;
}

/** The object's body bytes in its direction. */
function bodyOf(bytes: readonly [DirectionBytes, DirectionBytes], m: Pick<StreamMessage, "direction" | "bodyStart" | "end">): Uint8Array {
  return bytes[m.direction].data.subarray(m.bodyStart, m.end);
}

/** Lists the HTTP objects of every stream Wireshark would dissect as HTTP. */
export async function analyzeHttp(source: HttpStreamSource): Promise<HttpReport> {
  const objects: HttpObject[] = [];
  const httpStreams: number[] = [];
  for (let i = 0; i < source.tcpCount; i++) {
    const s = await source.stream(i);
    if (!s || s.info.chunkCount === 0 || !(await looksLikeHttp(s))) continue;
    httpStreams.push(i);
    const { messages, bytes } = await streamMessages(s);
    for (const o of streamObjects(i, messages, (m) => bodyOf(bytes, m))) objects.push({ ...o, id: 0 });
  }
  // Wireshark lists objects as its tap sees them: in frame order over the whole capture.
  objects.sort((a, b) => a.frame - b.frame || a.stream - b.stream || a.direction - b.direction || a.messageStart - b.messageStart);
  objects.forEach((o, k) => (o.id = k));

  async function readStreamObjects(stream: number, each: (object: HttpObject, bytes: Uint8Array) => void | Promise<void>): Promise<void> {
    const wanted = objects.filter((o) => o.stream === stream && o.complete);
    if (!wanted.length) return;
    const s = await source.stream(stream);
    if (!s) return;
    const dirs = new Set(wanted.map((o) => o.direction));
    const empty: DirectionBytes = { data: new Uint8Array(0), starts: new Float64Array(0), ends: new Float64Array(0), frames: new Uint32Array(0), tsSec: new Float64Array(0), tsNsec: new Uint32Array(0), holes: [] };
    const bytes: [DirectionBytes, DirectionBytes] = [dirs.has(0) ? await directionBytes(s, 0) : empty, dirs.has(1) ? await directionBytes(s, 1) : empty];
    for (const o of wanted) {
      const { data } = decodeBody(bodyOf(bytes, { direction: o.direction, bodyStart: o.bodyStart, end: o.bodyEnd }), o);
      if (data) await each(o, data);
    }
  }

  return {
    objects,
    httpStreams,
    readStreamObjects,
    async readObject(id) {
      const o = objects[id];
      if (!o?.complete) return null;
      let found: Uint8Array | null = null;
      await readStreamObjects(o.stream, (x, b) => {
        if (x.id === id) found = b;
      });
      return found;
    },
  };
}

/** One object of an export: the object and the file name it gets. */
export interface HttpExportItem {
  object: HttpObject;
  name: string;
}

/**
 * What `--export-objects http,DIR` writes, in order: the complete objects
 * with tshark's names, given what is already in the folder.
 */
export function httpExportPlan(report: HttpReport, exists: (name: string) => boolean = () => false): HttpExportItem[] {
  const namer = new ExportNamer(exists);
  return report.objects.filter((o) => o.complete).map((object) => ({ object, name: namer.next(baseExportName(object.uri, object.frame, object.contentType)) }));
}
