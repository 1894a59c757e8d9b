/**
 * A chunked body's tree (Wireshark 4.0's chunked_encoding_dissector): "HTTP
 * chunked response" with one subtree per chunk (its size, data and CRLF),
 * the trailer and the final CRLF; and the de-chunked data.
 */
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { textItemField } from "../ftp-data";
import { readChunked } from "./body";
import { httpFields as F } from "./fields";
import { asciiField } from "../ftp-data";

/** The de-chunked data and the bytes of the chunked body read, or null when no chunk was read. */
export function bodyChunks(pinfo: PacketInfo, d: Uint8Array, at: number, end: number): { consumed: number; data: Uint8Array } | null {
  const tree = pinfo.tree;
  const r = readChunked(d, at, end);
  if (r.consumed === 0) {
    if (tree.detailed) {
      tree.open(textItemField, at, end - at, null, "HTTP chunked response");
      tree.close(0);
    }
    return null;
  }
  let total = 0;
  for (const c of r.chunks) total += c.size;
  const data = new Uint8Array(total);
  let o = 0;
  for (const c of r.chunks) {
    data.set(d.subarray(c.dataStart, c.dataStart + c.size), o);
    o += c.size;
  }
  const wants = tree.detailed || tree.wants(F.chunk_size) || tree.wants(F.chunk_data) || tree.wants(F.chunk_boundary) || tree.wants(F.chunked_trailer_part);
  if (wants) {
    tree.open(textItemField, at, r.consumed, null, "HTTP chunked response");
    for (const c of r.chunks) {
      const boundary = c.size > 0 ? Math.min(2, Math.max(0, end - (c.dataStart + c.size))) : 0;
      const label = c.size === 0 ? "End of chunked encoding" : `Data chunk (${c.size} octets)`;
      tree.open(textItemField, c.start, c.dataStart - c.start + c.size + boundary, null, tree.detailed ? label : undefined);
      tree.add(F.chunk_size, c.start, c.dataStart - c.start, c.size);
      if (c.size > 0) {
        tree.add(F.chunk_data, c.dataStart, c.size, tree.wants(F.chunk_data) ? d.subarray(c.dataStart, c.dataStart + c.size) : null);
        if (boundary > 0) tree.add(F.chunk_boundary, c.dataStart + c.size, boundary, tree.wants(F.chunk_boundary) ? d.subarray(c.dataStart + c.size, c.dataStart + c.size + boundary) : null);
      }
      tree.close();
    }
    if (r.trailer) tree.add(F.chunked_trailer_part, r.trailer[0], r.trailer[1], asciiField(d, r.trailer[0], r.trailer[0] + r.trailer[1]));
    if (r.lastCrlf && tree.detailed) tree.add(textItemField, r.lastCrlf[0], r.lastCrlf[1], null, 0, formatText(d, r.lastCrlf[0], r.lastCrlf[0] + r.lastCrlf[1]));
    tree.close();
  }
  return { consumed: r.consumed, data };
}
