/**
 * PPTP control messages (RFC 2637 §2; TCP port 1723), as Wireshark 4.0's
 * packet-pptp.c shows them:
 *
 *   +0 length (2)  +2 message type (2, 1 = control)  +4 magic cookie 0x1a2b3c4d (4)
 *   +8 control message type (2)  +10 reserved (2)  +12 the message's fixed body
 *
 * Protocol "PPTP", Info the control message type's name. Each body is a
 * fixed sequence of fields (BODIES below, in RFC 2637's order). The call's
 * data travels in enhanced GRE with PPP inside (gre/ and ppp/).
 */
import { defineFields, type FieldDef } from "../field";
import { register } from "../dissector";
import { asciiString } from "../bytes";
import { dissectData, enterLayer, expertField, markMalformed, u16, u32 } from "../common";
import type { PacketInfo } from "../packet-info";

const TCP_PORT_PPTP = 1723;
const MAGIC_COOKIE = 0x1a2b3c4d;

const MESSAGE_NAMES: Record<number, string> = {
  1: "Start-Control-Connection-Request",
  2: "Start-Control-Connection-Reply",
  3: "Stop-Control-Connection-Request",
  4: "Stop-Control-Connection-Reply",
  5: "Echo-Request",
  6: "Echo-Reply",
  7: "Outgoing-Call-Request",
  8: "Outgoing-Call-Reply",
  9: "Incoming-Call-Request",
  10: "Incoming-Call-Reply",
  11: "Incoming-Call-Connected",
  12: "Call-Clear-Request",
  13: "Call-Disconnect-Notify",
  14: "WAN-Error-Notify",
  15: "Set-Link-Info",
};
const ERROR_NAMES = { 0: "None", 1: "Not-Connected", 2: "Bad-Format", 3: "Bad-Value", 4: "No-Resource", 5: "Bad-Call ID", 6: "PAC-Error" };
const OK_ERROR = { 1: "OK", 2: "General error" };
const FRAMING = { 1: "Asynchronous Framing supported", 2: "Synchronous Framing supported", 3: "Either Framing supported" };
const BEARER = { 1: "Analog access supported", 2: "Digital access supported", 3: "Either access supported" };

export const pptpFields = defineFields("pptp", {
  "": { name: "Point-to-Point Tunnelling Protocol", type: "protocol" },
  length: { name: "Length", type: "uint16" },
  type: { name: "Message type", type: "uint16", vals: { 1: "Control Message", 2: "Management Message" } },
  magic_cookie: { name: "Magic Cookie", type: "uint32", base: "hex" },
  control_message_type: { name: "Control Message Type", type: "uint16", vals: MESSAGE_NAMES },
  reserved: { name: "Reserved", type: "bytes" },
  protocol_version: { name: "Protocol version", type: "uint16" },
  framing_capabilities: { name: "Framing Capabilities", type: "uint32", vals: FRAMING },
  bearer_capabilities: { name: "Bearer Capabilities", type: "uint32", vals: BEARER },
  maximum_channels: { name: "Maximum Channels", type: "uint16" },
  firmware_revision: { name: "Firmware Revision", type: "uint16" },
  host_name: { name: "Host Name", type: "string" },
  vendor_name: { name: "Vendor Name", type: "string" },
  control_result: { name: "Result Code", type: "uint8", vals: { 1: "Successful channel establishment", 2: "General error", 3: "Command channel already exists", 4: "Requester not authorized", 5: "Protocol version not supported" } },
  error: { name: "Error Code", type: "uint8", vals: ERROR_NAMES },
  reason: { name: "Reason", type: "uint8", vals: { 1: "None", 2: "Stop-Protocol", 3: "Stop-Local-Shutdown" } },
  stop_result: { name: "Result Code", type: "uint8", vals: OK_ERROR },
  identifier: { name: "Identifier", type: "uint32" },
  echo_result: { name: "Result Code", type: "uint8", vals: OK_ERROR },
  call_id: { name: "Call ID", type: "uint16" },
  call_serial_number: { name: "Call Serial Number", type: "uint16" },
  minimum_bps: { name: "Minimum BPS", type: "uint32" },
  maximum_bps: { name: "Maximum BPS", type: "uint32" },
  framing_type: { name: "Framing Type", type: "uint32", vals: FRAMING },
  bearer_type: { name: "Bearer Type", type: "uint32", vals: BEARER },
  packet_receive_window_size: { name: "Packet Receive Window Size", type: "uint16" },
  packet_processing_delay: { name: "Packet Processing Delay", type: "uint16" },
  phone_number_length: { name: "Phone Number Length", type: "uint16" },
  phone_number: { name: "Phone Number", type: "string" },
  subaddress: { name: "Subaddress", type: "string" },
  peer_call_id: { name: "Peer Call ID", type: "uint16" },
  out_result: { name: "Result Code", type: "uint8", vals: { 1: "Connected", 2: "General Error", 3: "No Carrier", 4: "Busy", 5: "No Dial Tone", 6: "Time-out", 7: "Do Not Accept" } },
  cause: { name: "Cause Code", type: "uint16" },
  connect_speed: { name: "Connect Speed", type: "uint32" },
  physical_channel_id: { name: "Physical Channel ID", type: "uint32" },
  dialed_number_length: { name: "Dialed Number Length", type: "uint16" },
  dialed_number: { name: "Dialed Number", type: "string" },
  dialing_number_length: { name: "Dialing Number Length", type: "uint16" },
  dialing_number: { name: "Dialing Number", type: "string" },
  in_result: { name: "Result Code", type: "uint8", vals: { 1: "Connect", 2: "General error", 3: "Do Not Accept" } },
  disc_result: { name: "Result Code", type: "uint8", vals: { 1: "Lost Carrier", 2: "General Error", 3: "Admin Shutdown", 4: "Request" } },
  call_Statistics: { name: "Call Statistics", type: "string" },
  crc_errors: { name: "CRC Errors", type: "uint32" },
  framing_errors: { name: "Framing Errors", type: "uint32" },
  hardware_overruns: { name: "Hardware overruns", type: "uint32" },
  buffer_overruns: { name: "Buffer overruns", type: "uint32" },
  timeout_errors: { name: "Time-out Errors", type: "uint32" },
  alignment_errors: { name: "Alignment Errors", type: "uint32" },
  send_accm: { name: "Send ACCM", type: "uint32", base: "hex" },
  receive_accm: { name: "Receive ACCM", type: "uint32", base: "hex" },
  "magic_cookie.incorrect": { name: "Incorrect Magic Cookie", type: "none" },
});
const F = pptpFields;

/** A body field and its size: strings are 64-byte NUL-padded, reserved fields bytes. */
type Item = readonly [FieldDef, number];
const S64 = 64;
const VERSION: Item = [F.protocol_version, 2];
const CAPABILITIES: Item[] = [[F.framing_capabilities, 4], [F.bearer_capabilities, 4], [F.maximum_channels, 2], [F.firmware_revision, 2], [F.host_name, S64], [F.vendor_name, S64]];

/** RFC 2637 §2.1–2.15, in packet-pptp.c's order. */
const BODIES: Record<number, readonly Item[]> = {
  1: [VERSION, [F.reserved, 2], ...CAPABILITIES],
  2: [VERSION, [F.control_result, 1], [F.error, 1], ...CAPABILITIES],
  3: [[F.reason, 1], [F.reserved, 1], [F.reserved, 2]],
  4: [[F.stop_result, 1], [F.error, 1], [F.reserved, 2]],
  5: [[F.identifier, 4]],
  6: [[F.identifier, 4], [F.echo_result, 1], [F.error, 1], [F.reserved, 2]],
  7: [[F.call_id, 2], [F.call_serial_number, 2], [F.minimum_bps, 4], [F.maximum_bps, 4], [F.bearer_type, 4], [F.framing_type, 4], [F.packet_receive_window_size, 2], [F.packet_processing_delay, 2], [F.phone_number_length, 2], [F.reserved, 2], [F.phone_number, S64], [F.subaddress, S64]],
  8: [[F.call_id, 2], [F.peer_call_id, 2], [F.out_result, 1], [F.error, 1], [F.cause, 2], [F.connect_speed, 4], [F.packet_receive_window_size, 2], [F.packet_processing_delay, 2], [F.physical_channel_id, 4]],
  9: [[F.call_id, 2], [F.call_serial_number, 2], [F.bearer_type, 4], [F.physical_channel_id, 4], [F.dialed_number_length, 2], [F.dialing_number_length, 2], [F.dialed_number, S64], [F.dialing_number, S64], [F.subaddress, S64]],
  10: [[F.call_id, 2], [F.peer_call_id, 2], [F.in_result, 1], [F.error, 1], [F.packet_receive_window_size, 2], [F.packet_processing_delay, 2], [F.reserved, 2]],
  11: [[F.peer_call_id, 2], [F.reserved, 2], [F.connect_speed, 4], [F.packet_receive_window_size, 2], [F.packet_processing_delay, 2], [F.framing_type, 4]],
  12: [[F.call_id, 2], [F.reserved, 2]],
  13: [[F.call_id, 2], [F.disc_result, 1], [F.error, 1], [F.cause, 2], [F.reserved, 2], [F.call_Statistics, S64]],
  14: [[F.peer_call_id, 2], [F.reserved, 2], [F.crc_errors, 4], [F.framing_errors, 4], [F.hardware_overruns, 4], [F.buffer_overruns, 4], [F.timeout_errors, 4], [F.alignment_errors, 4]],
  15: [[F.peer_call_id, 2], [F.reserved, 2], [F.send_accm, 4], [F.receive_accm, 4]],
};

/** Adds one body field; false when it runs past the data (Wireshark throws there). */
function addItem(pinfo: PacketInfo, data: Uint8Array, [f, size]: Item, o: number, end: number): boolean {
  if (o + size > end) return false;
  const tree = pinfo.tree;
  if (f === F.protocol_version) {
    tree.add(f, o, 2, u16(data, o), 0, tree.detailed ? `Protocol version: ${data[o]}.${data[o + 1]}` : undefined);
  } else if (f.type === "string") tree.add(f, o, size, asciiString(data, o, o + size));
  else if (f.type === "bytes") tree.add(f, o, size, tree.wants(f) ? data.subarray(o, o + size) : null);
  else tree.add(f, o, size, size === 4 ? u32(data, o) : size === 2 ? u16(data, o) : data[o]!);
  return true;
}

export const pptp = {
  name: "pptp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "pptp");
    pinfo.protocol = "PPTP";
    if (pinfo.wantColumns) pinfo.info = "";
    if (end - offset < 12) {
      tree.open(F[""], offset, end - offset);
      tree.close();
      markMalformed(pinfo, "PPTP", end, "header cut short");
      return end - offset;
    }
    const length = u16(data, offset);
    const messageType = u16(data, offset + 8);
    if (pinfo.wantColumns) pinfo.info = MESSAGE_NAMES[messageType] ?? `Unknown control type (${messageType})`;
    tree.open(F[""], offset, Math.min(length, end - offset));
    tree.add(F.length, offset, 2, length);
    tree.add(F.type, offset + 2, 2, u16(data, offset + 2));
    const cookie = u32(data, offset + 4);
    const correct = cookie === MAGIC_COOKIE;
    tree.add(F.magic_cookie, offset + 4, 4, cookie, 0, tree.detailed ? `Magic Cookie: 0x${cookie.toString(16).padStart(8, "0")} (${correct ? "correct" : "incorrect"})` : undefined);
    if (!correct) expertField(pinfo, F["magic_cookie.incorrect"], offset + 4, 4, "warn", "Incorrect Magic Cookie", "Protocol", "PPTP");
    tree.add(F.control_message_type, offset + 8, 2, messageType);
    tree.add(F.reserved, offset + 10, 2, tree.wants(F.reserved) ? data.subarray(offset + 10, offset + 12) : null);
    const body = BODIES[messageType];
    if (!body) {
      tree.close();
      dissectData(data, offset + 12, end, pinfo);
      return end - offset;
    }
    let o = offset + 12;
    for (const item of body) {
      if (!addItem(pinfo, data, item, o, end)) {
        tree.close();
        markMalformed(pinfo, "PPTP", end, "message cut short");
        return end - offset;
      }
      o += item[1];
    }
    tree.close();
    return end - offset;
  },
};

register("tcp.port", TCP_PORT_PPTP, pptp);
