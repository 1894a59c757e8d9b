/**
 * Internet Message Format (RFC 5322) as Wireshark 4.0's IMF dissector shows a
 * mail that SMTP's DATA or POP's RETR carried: every header field (its
 * value from the first non-blank after the colon, without the final CRLF),
 * "from: …, subject: …, " in the Info column in the order they come, and the
 * body by its Content-Type (media.ts), or, without one, each body line added
 * to Info after ", ".
 * Protocol becomes "SMTP/IMF" or "POP/IMF": IMF appends to the carrier's name.
 */
import type { Dissector } from "../../dissector";
import { enterLayer } from "../../common";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { findLineEnd, formatTextWsp, line } from "../text-lines";
import { findFieldEnd, fieldEnd } from "./field-end";
import { imfFields, imfHeaders } from "./fields";
import { dissectMedia } from "./media";
import { ADDRESS_HEADERS, dissectAddresses } from "./address";

const COLON = 0x3a;
const SEMI = 0x3b;
const latin1 = new TextDecoder("latin1");

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** tvb_format_text(offset, len) where a length of -1 means "to the end" (a last field whose CRLF ends the buffer). */
function valueText(data: Uint8Array, from: number, len: number, end: number): string {
  return formatText(data, from, len < 0 ? end : from + len);
}

export const imf: Dissector = {
  name: "imf",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const columns = pinfo.wantColumns && !pinfo.inErrorPacket;
    if (!pinfo.inErrorPacket) pinfo.protocol += "/IMF";
    if (columns) pinfo.info = "";
    enterLayer(pinfo, "imf");
    const tree = pinfo.tree;
    tree.open(imfFields[""], offset, end - offset);

    let start = offset;
    let endOff = offset;
    let lastField = false;
    let contentType: string | null = null;
    let parameters = "";
    while (!lastField) {
      let colon = start;
      while (colon < end && data[colon] !== COLON) colon++;
      if (colon >= end) {
        endOff = -1;
        break;
      }
      const key = latin1.decode(data.subarray(start, colon)).toLowerCase();
      const header = imfHeaders.get(key);
      const nameStart = start;
      start = colon + 1;
      endOff = findFieldEnd(data, start, end);
      lastField = fieldEnd.last;
      if (endOff < 0) break;
      let value = start;
      while (value < endOff && isSpace(data[value]!)) value++;
      if (value === endOff) value = start;
      const len = endOff - value - 2;
      if (header) {
        if (tree.detailed || tree.wants(header.field)) tree.add(header.field, value, Math.max(len, 0), valueText(data, value, len, end));
        if (header.toInfo && columns) pinfo.info += `${header.key}: ${valueText(data, value, len, end)}, `;
        const kind = ADDRESS_HEADERS.get(header.key);
        if (kind !== undefined) dissectAddresses(pinfo, kind, data, value, endOff - value, end);
        if (header.key === "content-type") {
          // dissect_imf_content_type: the type is what comes before ';' (no ';', no type).
          let t = start;
          while (t < endOff && isSpace(data[t]!)) t++;
          let semi = t;
          while (semi < endOff && data[semi] !== SEMI) semi++;
          if (semi < endOff) {
            contentType = latin1.decode(data.subarray(t, semi));
            // Wireshark strips the blanks before the type but keeps the field's length, so the
            // parameters' search for the field end runs that many bytes past it.
            const pEnd = findFieldEnd(data, semi + 1, Math.min(t + (endOff - start), end));
            parameters = pEnd < 0 ? "" : latin1.decode(data.subarray(semi + 1, pEnd - 2));
            tree.add(imfFields["content.type.type"], t, semi - t, contentType);
            if (pEnd >= 0) tree.add(imfFields["content.type.parameters"], semi + 1, pEnd - 2 - semi - 1, parameters);
          }
        }
      } else if (tree.detailed || tree.wants(imfFields.extension)) {
        tree.open(imfFields.extension, nameStart, Math.max(endOff - nameStart - 2, 0), valueText(data, nameStart, endOff - nameStart - 2, end));
        tree.add(imfFields["extension.type"], nameStart, colon - nameStart, latin1.decode(data.subarray(nameStart, colon)));
        tree.add(imfFields["extension.value"], value, Math.max(len, 0), valueText(data, value, len, end));
        tree.close();
      }
      start = endOff;
    }
    if (lastField) endOff += 2; // the blank line after the fields
    if (endOff < 0) endOff = offset;

    if (contentType !== null) {
      // col_set_fence: the media dissectors only append.
      dissectMedia(contentType, parameters, data, endOff, end, pinfo);
    } else {
      tree.open(imfFields.message_text, endOff, end - endOff);
      let o = endOff;
      while (o < end) {
        findLineEnd(data, o, end, false);
        if (columns) {
          const text = formatTextWsp(data, o, line.next);
          pinfo.info = pinfo.info ? `${pinfo.info}, ${text}` : text;
        }
        o = line.next;
      }
      tree.close();
    }
    tree.close();
    return end - offset;
  },
};
