/**
 * Cisco EIGRP (RFC 7868; IP protocol 88), its 20-byte header as Wireshark
 * 4.0's packet-eigrp.c shows it:
 *
 *   +0 version (1)  +1 opcode (1)  +2 checksum (2, over the captured packet)
 *   +4 flags (4)  +8 sequence (4)  +12 acknowledge (4)  +16 virtual router id (2)
 *   +18 autonomous system (2)  +20 TLVs
 *
 * Protocol "EIGRP", Info the opcode's name; a Hello that acknowledges
 * something is Wireshark's "Hello (Ack)". The TLVs (parameters, software
 * version, routes) are not decoded yet.
 */
import { register } from "../dissector";
import { defineFields } from "../field";
import { enterLayer, markMalformed, u16, u32 } from "../common";
import type { PacketInfo } from "../packet-info";
import { GENERATED } from "../tree";
import { finishChecksum, onesSum } from "./icmp";
import { CHECKSUM_STATUS } from "./ipv4";

const OPCODES: Record<number, string> = {
  1: "Update",
  2: "Request",
  3: "Query",
  4: "Reply",
  5: "Hello",
  6: "IPX/SAP Update",
  7: "Route Probe",
  8: "Hello (Ack)",
  9: "Stub-Info",
  10: "SIA-Query",
  11: "SIA-Reply",
};
const HELLO = 5;
const ACK = 8;

export const eigrpFields = defineFields("eigrp", {
  "": { name: "Cisco EIGRP", type: "protocol" },
  version: { name: "Version", type: "uint8" },
  opcode: { name: "Opcode", type: "uint8", vals: OPCODES },
  checksum: { name: "Checksum", type: "uint16", base: "hex" },
  "checksum.status": { name: "Checksum Status", type: "uint8", base: "none", vals: CHECKSUM_STATUS },
  flags: { name: "Flags", type: "uint32", base: "hex" },
  seq: { name: "Sequence", type: "uint32" },
  ack: { name: "Acknowledge", type: "uint32" },
  vrid: { name: "Virtual Router ID", type: "uint16" },
  as: { name: "Autonomous System", type: "uint16" },
});

function dissectEigrp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  enterLayer(pinfo, "eigrp");
  pinfo.protocol = "EIGRP";
  pinfo.setInfo("");
  if (end - offset < 16) {
    markMalformed(pinfo, "EIGRP", offset, "shorter than its header");
    return end - offset;
  }
  // A Hello that carries an acknowledgement number is shown as the ack it is.
  const ack = u32(data, offset + 12);
  const opcode = data[offset + 1] === HELLO && ack !== 0 ? ACK : data[offset + 1]!;
  if (pinfo.wantColumns) pinfo.setInfo(OPCODES[opcode] ?? `Unknown OpCode (0x${opcode.toString(16).padStart(4, "0")})`);
  const tree = pinfo.tree;
  tree.open(eigrpFields[""], offset, end - offset, null, tree.detailed ? "Cisco EIGRP" : undefined);
  tree.add(eigrpFields.version, offset, 1, data[offset]!);
  tree.add(eigrpFields.opcode, offset + 1, 1, data[offset + 1]!);
  const received = u16(data, offset + 2);
  const good = finishChecksum(onesSum(data, offset, end)) === 0;
  tree.add(eigrpFields.checksum, offset + 2, 2, received);
  tree.add(eigrpFields["checksum.status"], offset + 2, 0, good ? 1 : 0, GENERATED);
  tree.add(eigrpFields.flags, offset + 4, 4, u32(data, offset + 4));
  tree.add(eigrpFields.seq, offset + 8, 4, u32(data, offset + 8));
  tree.add(eigrpFields.ack, offset + 12, 4, ack);
  if (end - offset < 20) {
    tree.close();
    markMalformed(pinfo, "EIGRP", offset + 16, "shorter than its header");
    return end - offset;
  }
  tree.add(eigrpFields.vrid, offset + 16, 2, u16(data, offset + 16));
  tree.add(eigrpFields.as, offset + 18, 2, u16(data, offset + 18));
  tree.close();
  return end - offset;
}

register("ip.proto", 88, { name: "eigrp", dissect: dissectEigrp });
