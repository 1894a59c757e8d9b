/**
 * MySQL/MariaDB client/server protocol (TCP 3306), the connection phase as
 * Wireshark 4.0's packet-mysql.c shows it in the packet list:
 *
 *   packet: +0 payload length (3, little-endian)  +3 packet number (1)  +4 payload
 *   greeting (server, packet 0): protocol 10, server version NUL, …
 *   login request (client, packet 1): capabilities (2), extended (2), max packet (4),
 *     charset (1), 23 reserved bytes, user NUL, …
 *
 * Info "Server Greeting  proto=10 version=V " and "Login Request user=U "
 * ("Response: SSL Handshake user= " when the client asks for TLS first).
 * Not done: commands (COM_QUERY…), result sets, OK/error packets and several
 * packets per segment; such segments stay TCP here.
 */
import { register } from "../../dissector";
import { defineFields } from "../../field";
import { enterLayer } from "../../common";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { ConnectionTable } from "../text-lines";

const MYSQL_PORT = 3306;
/** CLIENT_SSL: the client switches to TLS after this short login packet. */
const CAPS_SSL = 0x0800;
/** CLIENT_PROTOCOL_41: the 4.1 login layout with extended capabilities. */
const CAPS_PROTOCOL_41 = 0x0200;
/** CLIENT_LONG_PASSWORD, which MariaDB clients leave clear: they use 4 of the reserved bytes. */
const CAPS_LONG_PASSWORD = 0x0001;

export const mysqlFields = defineFields("mysql", {
  "": { name: "MySQL Protocol", type: "protocol" },
  packet_length: { name: "Packet Length", type: "uint24" },
  packet_number: { name: "Packet Number", type: "uint8" },
  protocol: { name: "Protocol", type: "uint8" },
  version: { name: "Version", type: "string" },
  "caps.client": { name: "Client Capabilities", type: "uint16", base: "hex" },
  user: { name: "Username", type: "string" },
});

class MysqlConn {
  /** The server's greeting was seen: the client's packet 1 is its login. */
  login = false;
  /** The greeting's frame, so that a second pass (-2, the app's re-dissection) shows it again. */
  greetingFrame = 0;
  /**
   * The client asked for TLS (Wireshark's frame_start_ssl). Set on the first
   * pass; from then on packet-mysql.c names the request "Login Request", so a
   * second pass (-2, the details pane) does, where the first said "Response:
   * SSL Handshake".
   */
  sslRequested = false;
}

const conns = (pinfo: PacketInfo): ConnectionTable<MysqlConn> => pinfo.state.get("mysql", () => new ConnectionTable(() => new MysqlConn()));

/** A NUL-terminated string at `at`: [text, size with the NUL] (to the end when there is no NUL). */
function cString(data: Uint8Array, at: number, end: number): [string, number] {
  const nul = data.indexOf(0, at);
  const stop = nul >= 0 && nul < end ? nul : end;
  return [formatText(data, at, stop), stop - at + (stop < end ? 1 : 0)];
}

function dissectMysql(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  if (end - offset < 5) return 0;
  const length = data[offset]! | (data[offset + 1]! << 8) | (data[offset + 2]! << 16);
  // One whole packet in the segment, as the connection phase sends them.
  if (offset + 4 + length !== end) return 0;
  const number = data[offset + 3]!;
  const conn = conns(pinfo).get(pinfo);
  const fromServer = pinfo.srcPort === MYSQL_PORT;
  const at = offset + 4;
  const isGreetingFrame = !conn.login || conn.greetingFrame === pinfo.num;
  if (fromServer && number === 0 && data[at] === 10 && isGreetingFrame) return greeting(data, offset, end, pinfo, conn);
  if (!fromServer && number === 1 && conn.login) return login(data, offset, end, pinfo, conn);
  return 0;
}

function header(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  enterLayer(pinfo, "mysql");
  pinfo.protocol = "MySQL";
  const tree = pinfo.tree;
  tree.open(mysqlFields[""], offset, end - offset);
  tree.add(mysqlFields.packet_length, offset, 3, end - offset - 4);
  tree.add(mysqlFields.packet_number, offset + 3, 1, data[offset + 3]!);
}

function greeting(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, conn: MysqlConn): number {
  header(data, offset, end, pinfo);
  const tree = pinfo.tree;
  const at = offset + 4;
  tree.add(mysqlFields.protocol, at, 1, 10);
  const [version, size] = cString(data, at + 1, end);
  tree.add(mysqlFields.version, at + 1, size, version);
  tree.close();
  // MariaDB prefixes its version with "5.5.5-" for old replication clients; Wireshark shows the real one.
  const shown = size > 6 && version.startsWith("5.5.5-") ? version.slice(6) : version;
  if (pinfo.wantColumns) pinfo.setInfo(`Server Greeting  proto=10 version=${shown} `);
  if (!pinfo.visited) {
    conn.login = true;
    conn.greetingFrame = pinfo.num;
  }
  return end - offset;
}

function login(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, conn: MysqlConn): number {
  let at = offset + 4;
  if (end - at < 2) return 0;
  const caps = data[at]! | (data[at + 1]! << 8);
  header(data, offset, end, pinfo);
  const tree = pinfo.tree;
  tree.add(mysqlFields["caps.client"], at, 2, caps);
  // 4.1: extended capabilities, max packet, charset, 23 reserved (19 + MariaDB's 4); before: max packet (3).
  at += 2 + (caps & CAPS_PROTOCOL_41 ? 2 + 4 + 1 + (caps & CAPS_LONG_PASSWORD ? 23 : 19 + 4) : 3);
  const userAt = Math.min(at, end);
  const [user, size] = cString(data, userAt, end);
  tree.add(mysqlFields.user, userAt, size, user);
  tree.close();
  const sslResponse = (caps & CAPS_SSL) !== 0 && !conn.sslRequested;
  if (pinfo.wantColumns) pinfo.setInfo(`${sslResponse ? "Response: SSL Handshake" : "Login Request"} user=${user} `);
  if (!pinfo.visited && caps & CAPS_SSL) conn.sslRequested = true;
  return end - offset;
}

register("tcp.port", MYSQL_PORT, { name: "mysql", dissect: dissectMysql });
