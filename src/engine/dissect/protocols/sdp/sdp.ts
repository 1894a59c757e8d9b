/**
 * Session Description Protocol (RFC 4566) in a SIP body, as Wireshark 4.0's
 * packet-sdp.c shows it: one item per "<type>=<value>" line, Protocol
 * "SIP/SDP" (it appends "/SDP" to the column), and for every media line
 * whose transport is RTP an expected UDP conversation on the announced
 * address and port, from any address and port (Wireshark's rtp_add_address
 * with NO_ADDR_B/NO_PORT_B), so RTP is recognised whatever the ports. The
 * rtpmap attributes name the dynamic payload types of that conversation.
 */
import { defineFields } from "../../field";
import { enterLayer, expert } from "../../common";
import { NULL_TREE } from "../../tree";
import { cText } from "../sip/c-string";
import { conversations } from "../../conversation";
import type { PacketInfo } from "../../packet-info";
import { findLineEnd, line } from "../text-lines";
import { rtp } from "../rtp/rtp";
import type { RtpSetup } from "../rtp/fields";

export const sdpFields = defineFields("sdp", {
  "": { name: "Session Description Protocol", type: "protocol" },
  version: { name: "Session Description Protocol Version (v)", type: "string" },
  owner: { name: "Owner/Creator, Session Id (o)", type: "string" },
  session_name: { name: "Session Name (s)", type: "string" },
  connection_info: { name: "Connection Information (c)", type: "string" },
  bandwidth: { name: "Bandwidth Information (b)", type: "string" },
  time: { name: "Time Description, active time (t)", type: "string" },
  media: { name: "Media Description, name and address (m)", type: "string" },
  media_attr: { name: "Media Attribute (a)", type: "string" },
});

const LINE_FIELDS: Partial<Record<string, keyof typeof sdpFields>> = {
  v: "version",
  o: "owner",
  s: "session_name",
  c: "connection_info",
  b: "bandwidth",
  t: "time",
  m: "media",
  a: "media_attr",
};

interface Media {
  port: number;
  isRtp: boolean;
  /** The media-level c= address, else the session's. */
  address: string | null;
  payloadNames: Map<number, string>;
}

/** "IN IP4 a.b.c.d" or "IN IP6 ..." to the address text our conversation table keys by; null when not an address. */
function connectionAddress(value: string): string | null {
  const m = /^IN IP4 (\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/\d+)*$/.exec(value);
  if (m) return m.slice(1, 5).every((o) => Number(o) <= 255) ? m.slice(1, 5).map(Number).join(".") : null;
  return null;
}

/** Set by mediaLine: where the port token starts in the value, and whether ws_strtou16 took it (else the port is 0). */
const portToken = { at: -1, length: 0, valid: true };

/**
 * The media line's port and whether its transport is RTP ("RTP/AVP",
 * "RTP/SAVP", ...). As dissect_sdp_media reads it: the port is the second
 * token up to a '/' (RFC 4566 §5.14 "<port>/<number of ports>"), and the
 * whole of it must be a decimal number below 65536 (ws_strtou16), else the
 * port is 0 and Wireshark reports "Invalid media port".
 */
function mediaLine(value: string): Media | null {
  portToken.at = -1;
  const sp1 = value.indexOf(" ");
  if (sp1 === -1) return null;
  const sp2 = value.indexOf(" ", sp1 + 1);
  if (sp2 === -1) return null;
  const slash = value.indexOf("/", sp1 + 1);
  const token = value.slice(sp1 + 1, slash !== -1 && slash < sp2 ? slash : sp2);
  portToken.at = sp1 + 1;
  portToken.length = token.length;
  portToken.valid = /^\d+$/.test(token) && Number(token) <= 0xffff;
  const parts = value.split(" ");
  if (parts.length < 3) return null;
  return { port: portToken.valid ? Number(token) : 0, isRtp: parts[2]!.startsWith("RTP/"), address: null, payloadNames: new Map() };
}

const INVALID_PORT = "Invalid media port";

/**
 * What SIP's setup_sdp_transport reports while it reads an offer or answer
 * for the RTP it announces, before SDP itself is called: the media lines are
 * parsed without a tree, so a bad port is an expert item with no tree item
 * (expert_add_info with a NULL item), counted under SIP by the expert tap and
 * never shown in the tree or -T fields. SDP then reports it again, its own.
 */
export function sdpTransportExperts(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  let at = offset;
  while (at < end) {
    findLineEnd(data, at, end, false);
    if (line.len >= 2 && data[at] === 0x6d && data[at + 1] === 0x3d) {
      mediaLine(cText(data, at + 2, at + line.len));
      if (portToken.at !== -1 && !portToken.valid) {
        const tree = pinfo.tree;
        pinfo.tree = NULL_TREE;
        expert(pinfo, at + 2 + portToken.at, portToken.length, "error", INVALID_PORT, "Malformed", "SIP");
        pinfo.tree = tree;
      }
    }
    at = line.next;
  }
}

/** SDP at [offset, end) of a SIP body. */
export function sdp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  enterLayer(pinfo, "sdp");
  pinfo.protocol += "/SDP";
  const tree = pinfo.tree;
  tree.open(sdpFields[""], offset, end - offset, null, tree.detailed || tree.wants(sdpFields[""]) ? "Session Description Protocol" : undefined);
  let sessionAddress: string | null = null;
  const media: Media[] = [];
  let at = offset;
  while (at < end) {
    findLineEnd(data, at, end, false);
    const len = line.len;
    const next = line.next;
    if (len >= 2 && data[at + 1] === 0x3d) {
      const type = String.fromCharCode(data[at]!);
      const key = LINE_FIELDS[type];
      const value = cText(data, at + 2, at + len);
      if (key) tree.add(sdpFields[key], at, next - at, value);
      const current = media[media.length - 1];
      if (type === "c") {
        const addr = connectionAddress(value);
        if (current) current.address = addr;
        else sessionAddress = addr;
      } else if (type === "m") {
        const m = mediaLine(value);
        if (m) media.push(m);
        if (portToken.at !== -1 && !portToken.valid) expert(pinfo, at + 2 + portToken.at, portToken.length, "error", INVALID_PORT, "Malformed", "SDP");
      } else if (type === "a" && current) {
        const map = /^rtpmap:(\d+) ([^/]+)/.exec(value);
        if (map) current.payloadNames.set(Number(map[1]), map[2]!);
      }
    }
    at = next;
  }
  tree.close();
  if (pinfo.visited || pinfo.inErrorPacket) return;
  for (const m of media) {
    const address = m.address ?? sessionAddress;
    if (!m.isRtp || m.port === 0 || address === null) continue;
    const setup: RtpSetup = { frame: pinfo.num, method: "SDP", payloadNames: m.payloadNames };
    conversations(pinfo.state).expect({ transport: "udp", addrA: address, portA: m.port, addrB: null, portB: null, dissector: rtp, setupFrame: pinfo.num, data: setup });
  }
}
