/**
 * TFTP requests (RFC 1350 §5, options RFC 2347) on UDP port 69, as Wireshark
 * 4.0's packet-tftp.c writes them: Protocol "TFTP", Info "Read Request,
 * File: NAME, Transfer type: MODE" (then ", option=value" per option).
 *
 *   +0 opcode (2: 1 read, 2 write)  +2 file name NUL  mode NUL  [option NUL value NUL]…
 *
 * Not done: the transfer itself (data, acknowledgements, errors, option
 * acknowledgements), which runs between the client's port and a new server
 * port that Wireshark follows as a conversation; those datagrams stay UDP
 * data here, and so do non-request datagrams to port 69.
 */
import { register } from "../dissector";
import { defineFields } from "../field";
import { enterLayer, u16 } from "../common";
import { formatText } from "../format-text";
import type { PacketInfo } from "../packet-info";

const RRQ = 1;
const WRQ = 2;

export const tftpFields = defineFields("tftp", {
  "": { name: "Trivial File Transfer Protocol", type: "protocol" },
  opcode: { name: "Opcode", type: "uint16", vals: { 1: "Read Request", 2: "Write Request", 3: "Data Packet", 4: "Acknowledgement", 5: "Error Code", 6: "Option Acknowledgement", 7: "Information (MSDP)" } },
  source_file: { name: "Source File", type: "string" },
  destination_file: { name: "Destination File", type: "string" },
  type: { name: "Type", type: "string" },
  "option.name": { name: "Option name", type: "string" },
  "option.value": { name: "Option value", type: "string" },
});

/** tvb_strsize: the string's length with its NUL, or to the end when it has none. */
function stringSize(data: Uint8Array, at: number, end: number): number {
  const nul = data.indexOf(0, at);
  return nul < 0 || nul >= end ? end - at : nul - at + 1;
}

/** The text of a NUL-terminated string of `size` bytes, without the NUL (tvb_format_stringzpad). */
function text(data: Uint8Array, at: number, size: number): string {
  const nul = data.indexOf(0, at);
  const stop = nul >= 0 && nul < at + size ? nul : at + size;
  return formatText(data, at, stop);
}

function dissectTftp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  if (end - offset < 4) return 0;
  const opcode = u16(data, offset);
  if (opcode !== RRQ && opcode !== WRQ) return 0;
  enterLayer(pinfo, "tftp");
  pinfo.protocol = "TFTP";
  const tree = pinfo.tree;
  tree.open(tftpFields[""], offset, end - offset);
  tree.add(tftpFields.opcode, offset, 2, opcode);
  let at = offset + 2;
  const fileSize = stringSize(data, at, end);
  const file = text(data, at, fileSize);
  tree.add(opcode === RRQ ? tftpFields.source_file : tftpFields.destination_file, at, fileSize, file);
  at += fileSize;
  let info = `${opcode === RRQ ? "Read Request" : "Write Request"}, File: ${file}`;
  if (at < end) {
    const modeSize = stringSize(data, at, end);
    const mode = text(data, at, modeSize);
    tree.add(tftpFields.type, at, modeSize, mode);
    info += `, Transfer type: ${mode}`;
    at += modeSize;
  }
  // Options (RFC 2347): name and value pairs, each NUL-terminated.
  while (at < end) {
    const nameSize = stringSize(data, at, end);
    const name = text(data, at, nameSize);
    const valueAt = at + nameSize;
    const valueSize = valueAt < end ? stringSize(data, valueAt, end) : 0;
    const value = text(data, valueAt, valueSize);
    tree.add(tftpFields["option.name"], at, nameSize, name);
    tree.add(tftpFields["option.value"], valueAt, valueSize, value);
    info += `, ${name}=${value}`;
    at = valueAt + valueSize;
  }
  tree.close();
  if (pinfo.wantColumns) pinfo.setInfo(info);
  return end - offset;
}

register("udp.port", 69, { name: "tftp", dissect: dissectTftp });
