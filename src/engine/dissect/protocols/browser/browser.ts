/**
 * The Microsoft Windows Browser Protocol (MS-BRWS), carried in mailslot
 * writes to \MAILSLOT\BROWSE (and LANMAN), as Wireshark 4.0's
 * packet-smb-browse.c shows it: Protocol "BROWSER", Info the command's name,
 * then for announcements " <host>" and ", <server type>" per type bit, for
 * Request Announcement " <reply name>".
 *
 *   +0 command  announcements: +1 update count  +2 periodicity (LE32, ms)
 *   +6 host name (16, NUL padded)  +22 OS major, minor  +24 server type (LE32)
 *   +28 browser major, minor, signature 0xAA55 (LE16)  +32 comment (NUL-terminated)
 */
import { defineFields } from "../../field";
import { enterLayer } from "../../common";
import { Truncated, ensure, g8 } from "../../bytes";
import type { PacketInfo } from "../../packet-info";
import { serverTypeSuffix } from "../smb/names";
import { le16, le32 } from "../smb/le";

const COMMANDS: Record<number, string> = {
  0x01: "Host Announcement",
  0x02: "Request Announcement",
  0x08: "Browser Election Request",
  0x09: "Get Backup List Request",
  0x0a: "Get Backup List Response",
  0x0b: "Become Backup Browser",
  0x0c: "Domain/Workgroup Announcement",
  0x0d: "Master Announcement",
  0x0e: "Reset Browser State Announcement",
  0x0f: "Local Master Announcement",
};
const HOST_ANNOUNCEMENT = 0x01;
const REQUEST_ANNOUNCEMENT = 0x02;
const DOMAIN_ANNOUNCEMENT = 0x0c;
const LOCAL_MASTER_ANNOUNCEMENT = 0x0f;
const HOST_NAME_LEN = 16;

export const browserFields = defineFields("browser", {
  "": { name: "Microsoft Windows Browser Protocol", type: "protocol" },
  command: { name: "Command", type: "uint8", base: "hex", vals: COMMANDS },
  update_count: { name: "Update Count", type: "uint8" },
  period: { name: "Update Periodicity", type: "uint32" },
  server: { name: "Server Name", type: "string" },
  os_major: { name: "OS Major Version", type: "uint8" },
  os_minor: { name: "OS Minor Version", type: "uint8" },
  server_type: { name: "Server Type", type: "uint32", base: "hex" },
  proto_major: { name: "Browser Protocol Major Version", type: "uint8" },
  proto_minor: { name: "Browser Protocol Minor Version", type: "uint8" },
  sig: { name: "Signature", type: "uint16", base: "hex" },
  comment: { name: "Host Comment", type: "string" },
  mb_server: { name: "Master Browser Server Name", type: "string" },
  response_computer_name: { name: "Response Computer Name", type: "string" },
  "election.version": { name: "Election Version", type: "uint8" },
  uptime: { name: "Uptime", type: "uint32" },
  "backup.count": { name: "Backup List Requested Count", type: "uint8" },
  "backup.token": { name: "Backup Request Token", type: "uint32" },
});
const F = browserFields;

/** A NUL-terminated ASCII string from `at` (to `end` without a NUL): [text, bytes with the NUL]. */
export function stringz(data: Uint8Array, at: number, end: number): [string, number] {
  ensure(at, 1, end);
  let text = "";
  for (let i = at; i < end; i++) {
    if (data[i] === 0) return [text, i + 1 - at];
    text += String.fromCharCode(data[i]!);
  }
  return [text, end - at];
}

/** The 16-byte host name, cut at its first NUL (tvb_get_stringzpad). */
function hostName(data: Uint8Array, at: number, end: number): string {
  ensure(at, HOST_NAME_LEN, end);
  let text = "";
  for (let i = at; i < at + HOST_NAME_LEN && data[i] !== 0; i++) text += String.fromCharCode(data[i]!);
  return text;
}

export function dissectBrowser(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  enterLayer(pinfo, "browser");
  pinfo.protocol = "BROWSER";
  const cols = pinfo.wantColumns;
  const tree = pinfo.tree;
  tree.open(F[""], offset, end - offset, null, tree.detailed ? "Microsoft Windows Browser Protocol" : undefined);
  try {
    const cmd = g8(data, offset, end);
    if (cols) pinfo.info = COMMANDS[cmd] ?? `Unknown command:0x${cmd.toString(16).padStart(2, "0")}`;
    tree.add(F.command, offset, 1, cmd);
    let at = offset + 1;
    if (cmd === HOST_ANNOUNCEMENT || cmd === DOMAIN_ANNOUNCEMENT || cmd === LOCAL_MASTER_ANNOUNCEMENT) {
      tree.add(F.update_count, at, 1, g8(data, at, end));
      tree.add(F.period, at + 1, 4, le32(data, at + 1, end));
      at += 5;
      const host = hostName(data, at, end);
      if (cols) pinfo.info += ` ${host}`;
      tree.add(F.server, at, HOST_NAME_LEN, host);
      at += HOST_NAME_LEN;
      tree.add(F.os_major, at, 1, g8(data, at, end));
      tree.add(F.os_minor, at + 1, 1, g8(data, at + 1, end));
      at += 2;
      const type = le32(data, at, end);
      if (cols) pinfo.info += serverTypeSuffix(type);
      tree.add(F.server_type, at, 4, type);
      at += 4;
      // A domain announcement's next four bytes are not always the version and signature (Wireshark checks for 0xAA55).
      if (cmd !== DOMAIN_ANNOUNCEMENT || le16(data, at + 2, end) === 0xaa55) {
        tree.add(F.proto_major, at, 1, g8(data, at, end));
        tree.add(F.proto_minor, at + 1, 1, g8(data, at + 1, end));
        tree.add(F.sig, at + 2, 2, le16(data, at + 2, end));
      }
      at += 4;
      const [text, len] = stringz(data, at, end);
      tree.add(cmd === DOMAIN_ANNOUNCEMENT ? F.mb_server : F.comment, at, len, text);
    } else if (cmd === REQUEST_ANNOUNCEMENT) {
      at += 1; // unused flags
      const [text, len] = stringz(data, at, end);
      tree.add(F.response_computer_name, at, len, text);
      if (cols) pinfo.info += ` ${text}`;
    } else if (cmd === 0x08) {
      // Election: version, criterion (4), uptime (LE32 ms), 4 zero bytes, then the sender's name.
      tree.add(F["election.version"], at, 1, g8(data, at, end));
      // The criterion: desire, browser protocol major and minor, OS (one byte each).
      tree.add(F.proto_major, at + 2, 1, g8(data, at + 2, end));
      tree.add(F.proto_minor, at + 3, 1, g8(data, at + 3, end));
      tree.add(F.uptime, at + 5, 4, le32(data, at + 5, end));
      const [text, len] = stringz(data, at + 13, end);
      tree.add(F.server, at + 13, len, text);
    } else if (cmd === 0x09) {
      tree.add(F["backup.count"], at, 1, g8(data, at, end));
      tree.add(F["backup.token"], at + 1, 4, le32(data, at + 1, end));
    }
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    pinfo.malformed ||= "BROWSER message runs past the end of the data";
    tree.expert(offset, 0, "error", "Malformed Packet (Exception occurred)");
    if (cols) pinfo.info += "[Malformed Packet]";
  } finally {
    tree.close();
  }
}
