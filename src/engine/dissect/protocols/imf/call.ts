/**
 * How a carrier (SMTP, POP) hands a finished message to IMF: a message that
 * is just this segment is dissected in place; one joined from several
 * segments gets its own data source ("Reassembled SMTP", "Reassembled DATA"),
 * as process_reassembled_data adds it.
 */
import type { PacketInfo } from "../../packet-info";
import { imf } from "./imf";

export function callImf(message: Uint8Array, data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, sourceName: string): void {
  if (message.length === end - offset) {
    imf.dissect(data, offset, end, pinfo);
    return;
  }
  const prev = pinfo.enterSource(pinfo.addSource(sourceName, message));
  imf.dissect(message, 0, message.length, pinfo);
  pinfo.enterSource(prev);
}
