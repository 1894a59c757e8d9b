/**
 * NetBIOS Frames (NetBEUI) in IEEE 802.2 LLC UI frames to SAP 0xF0, as
 * Wireshark 4.0's packet-netbios.c names them: Protocol "NetBIOS", Info the
 * command's name ("Name Query for USER7<20>" with the queried name,
 * "Name Recognized - NAME<xx>" and the add-name commands with theirs).
 *
 *   +0 header length (LE16: 14, or 44 with two 16-byte names)
 *   +2 delimiter 0xEFFF (LE16)  +4 command  +5 data 1  +6 data 2 (LE16)
 *   +8 transmit correlator  +10 response correlator
 *   +12 destination name (16)  +28 source name (16)
 *
 * A Datagram or Broadcast Datagram carries user data after the header:
 * SMB when it starts with 0xFF "SMB" (the browser's mailslots), data
 * otherwise. Some stations put an extra LLC byte in front of the header;
 * Wireshark looks for the delimiter one byte later too, and so does this.
 */
import { defineFields } from "../../field";
import { dissectData, enterLayer } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { registerLlcSap } from "../llc/llc";
import { dissectSmb, isSmb } from "../smb/smb";
import { netbiosNameText, NETBIOS_NAME_LEN } from "./names";

const SAP_NETBIOS = 0xf0;
const DELIMITER = 0xefff;
const NAME_QUERY = 0x0a;
const DATAGRAM = 0x08;
const DATAGRAM_BCAST = 0x09;

const COMMANDS: Record<number, string> = {
  0x00: "Add Group Name Query",
  0x01: "Add Name Query",
  0x02: "Name In Conflict",
  0x03: "Status Query",
  0x07: "Terminate Trace",
  0x08: "Datagram",
  0x09: "Broadcast Datagram",
  0x0a: "Name Query",
  0x0d: "Add Name Response",
  0x0e: "Name Recognized",
  0x0f: "Status Response",
  0x13: "Terminate Trace",
  0x14: "Data Ack",
  0x15: "Data First Middle",
  0x16: "Data Only Last",
  0x17: "Session Confirm",
  0x18: "Session End",
  0x19: "Session Initialize",
  0x1a: "No Receive",
  0x1b: "Receive Outstanding",
  0x1c: "Receive Continue",
  0x1f: "Session Alive",
};

export const netbeuiFields = defineFields("netbios", {
  "": { name: "NetBIOS", type: "protocol" },
  hdr_len: { name: "Length", type: "uint16", unit: " bytes" },
  delimiter: { name: "Delimiter", type: "uint16", base: "hex" },
  command: { name: "Command", type: "uint8", base: "hex", vals: COMMANDS },
});
const F = netbeuiFields;

/** A raw 16-byte name as Info shows it: "NAME<xx>". */
function nameAt(data: Uint8Array, at: number, end: number): string {
  if (at + NETBIOS_NAME_LEN > end) return "";
  return `${netbiosNameText(data, at)}<${data[at + NETBIOS_NAME_LEN - 1]!.toString(16).padStart(2, "0")}>`;
}

const le16 = (d: Uint8Array, o: number): number => d[o]! | (d[o + 1]! << 8);

export const netbeui = {
  name: "netbios",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    enterLayer(pinfo, "netbios");
    pinfo.protocol = "NetBIOS";
    const cols = pinfo.wantColumns;
    let at = offset;
    if (end - at < 5 || le16(data, at + 2) !== DELIMITER) {
      at++;
      if (end - at < 5 || le16(data, at + 2) !== DELIMITER) {
        if (cols) pinfo.info = "Bad packet, no 0xEFFF marker";
        return Math.min(3, end - offset);
      }
    }
    const hdrLen = le16(data, at);
    const cmd = data[at + 4]!;
    const name = COMMANDS[cmd] ?? `Unknown (0x${cmd.toString(16).padStart(2, "0")})`;
    if (cols) {
      if (cmd === NAME_QUERY) pinfo.info = `${name} for ${nameAt(data, at + 12, end)}`;
      else if (cmd === 0x0e || cmd === 0x01 || cmd === 0x00) pinfo.info = `${name} - ${nameAt(data, at + 28, end)}`;
      else pinfo.info = name;
    }
    const tree = pinfo.tree;
    tree.open(F[""], offset, Math.min(hdrLen, end - offset), null, tree.detailed ? "NetBIOS" : undefined);
    tree.add(F.hdr_len, at, 2, hdrLen);
    tree.add(F.delimiter, at + 2, 2, DELIMITER, 0, tree.detailed ? "Delimiter: EFFF (NetBIOS)" : undefined);
    tree.add(F.command, at + 4, 1, cmd);
    tree.close();
    const payload = at + hdrLen;
    if ((cmd === DATAGRAM || cmd === DATAGRAM_BCAST) && payload < end) {
      if (isSmb(data, payload, end)) dissectSmb(data, payload, end, pinfo);
      else dissectData(data, payload, end, pinfo);
    }
    return end - offset;
  },
};

registerLlcSap(SAP_NETBIOS, netbeui);
