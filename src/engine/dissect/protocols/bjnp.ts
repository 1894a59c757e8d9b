/**
 * Canon BJNP (UDP 8611–8614), the discovery and job protocol of Canon's
 * network printers and scanners, as Wireshark 4.0's packet-bjnp.c reads it:
 *
 *   +0 id "BJNP"/"BJNS"/"BJNB" (4)  +4 device type (1)  +5 command code (1)
 *   +6 sequence number (4)  +10 session id (2)  +12 payload length (4)  +16 payload
 *
 * Protocol "BJNP", Info "<type>: <command>". A datagram whose first byte is
 * not printable is not BJNP (Wireshark's only check).
 */
import { register } from "../dissector";
import { defineFields } from "../field";
import { asciiString, g8, g16, g32, ensure, Truncated } from "../bytes";
import { enterLayer, markMalformed } from "../common";
import type { PacketInfo } from "../packet-info";

const DEVICE_TYPES: Record<number, string> = {
  0x01: "Printer Command",
  0x02: "Scanner Command",
  0x81: "Printer Response",
  0x82: "Scanner Response",
};

const COMMANDS: Record<number, string> = {
  0x01: "Discover",
  0x10: "Print Job Details",
  0x11: "Request Closure",
  0x20: "Get Printer Status",
  0x21: "Print",
  0x30: "Get Printer Identity",
  0x32: "Scan Job Details",
};

export const bjnpFields = defineFields("bjnp", {
  "": { name: "Canon BJNP", type: "protocol" },
  id: { name: "Id", type: "string" },
  type: { name: "Type", type: "uint8", vals: DEVICE_TYPES },
  code: { name: "Code", type: "uint8", vals: COMMANDS },
  seq_no: { name: "Sequence Number", type: "uint32" },
  session_id: { name: "Session Id", type: "uint16" },
  payload_len: { name: "Payload Length", type: "uint32" },
  payload: { name: "Payload", type: "bytes" },
});

function dissectBjnp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  const first = data[offset];
  if (first === undefined || first < 0x20 || first > 0x7e) return 0;
  enterLayer(pinfo, "bjnp");
  pinfo.protocol = "BJNP";
  pinfo.setInfo("");
  const tree = pinfo.tree;
  tree.open(bjnpFields[""], offset, end - offset);
  let at = offset;
  try {
    ensure(at, 4, end);
    tree.add(bjnpFields.id, at, 4, tree.wants(bjnpFields.id) || tree.detailed ? asciiString(data, at, at + 4) : null);
    const type = g8(data, at + 4, end);
    tree.add(bjnpFields.type, at + 4, 1, type);
    const code = g8(data, at + 5, end);
    tree.add(bjnpFields.code, at + 5, 1, code);
    const info = `${DEVICE_TYPES[type] ?? `Unknown type (${type})`}: ${COMMANDS[code] ?? `Unknown code (${code})`}`;
    if (tree.detailed) tree.setLabel(`Canon BJNP, ${info}`);
    if (pinfo.wantColumns) pinfo.setInfo(info);
    at += 6;
    tree.add(bjnpFields.seq_no, at, 4, g32(data, at, end));
    tree.add(bjnpFields.session_id, at + 4, 2, g16(data, at + 4, end));
    const payloadLen = g32(data, at + 6, end);
    tree.add(bjnpFields.payload_len, at + 6, 4, payloadLen);
    at += 10;
    if (payloadLen > 0) {
      ensure(at, payloadLen, end);
      tree.add(bjnpFields.payload, at, payloadLen, data.subarray(at, at + payloadLen));
      at += payloadLen;
    }
  } catch (err) {
    if (!(err instanceof Truncated)) throw err;
    markMalformed(pinfo, "BJNP", at, "datagram shorter than its header or payload");
  }
  tree.close();
  return Math.max(at - offset, 1);
}

register("udp.port", [8611, 8612, 8613, 8614], { name: "bjnp", dissect: dissectBjnp });
