/**
 * AppleTalk Address Resolution Protocol (Inside AppleTalk, 2nd ed., chapter 2;
 * EtherType 0x80f3, reached on EtherTalk Phase 2 through SNAP 00-00-00/0x80f3),
 * as Wireshark 4.0's packet-aarp.c shows it:
 *
 *   +0 hardware type (1 Ethernet, 2 Token Ring)  +2 protocol type (0x809b)
 *   +4 hardware address length  +5 protocol address length  +6 function
 *   +8 sender hardware address, sender AppleTalk address, target hardware
 *      address, target AppleTalk address (lengths from +4/+5)
 *
 * An AppleTalk address is 4 bytes, a zero pad then net and node, written
 * "net.node" in decimal ("16.168"). Info: "Who has 16.168?  Tell 91.183"
 * (two spaces), "91.183 is at 00:05:02:e8:a6:19", "Is there a 16.168".
 */
import { defineFields, vals } from "../../field";
import { register, type Dissector } from "../../dissector";
import { enterLayer, expert, markMalformed, u16, view } from "../../common";
import { etherToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { ETHERTYPE_NAMES } from "../ethertype-names";
import { ETHERTYPE_ATALK } from "./ddp";

const ETHERTYPE_AARP = 0x80f3;
const MIN_AARP_HEADER_SIZE = 8;

// Linux once wrote the function byte-swapped; Wireshark names those values too.
const OPCODE_NAMES = vals({ 1: "request", 2: "reply", 3: "probe", 0x100: "request", 0x200: "reply", 0x300: "probe" });
const HARDWARE_NAMES = vals({ 1: "Ethernet", 2: "Token Ring" });

export const aarpFields = defineFields("aarp", {
  "": { name: "Appletalk Address Resolution Protocol", type: "protocol" },
  "hard.type": { name: "Hardware type", type: "uint16", base: "hex", vals: HARDWARE_NAMES },
  "proto.type": { name: "Protocol type", type: "uint16", base: "hex", vals: ETHERTYPE_NAMES },
  "hard.size": { name: "Hardware size", type: "uint8" },
  "proto.size": { name: "Protocol size", type: "uint8" },
  opcode: { name: "Opcode", type: "uint16", vals: OPCODE_NAMES },
  "src.hw": { name: "Sender hardware address", type: "bytes" },
  "src.hw_mac": { name: "Sender MAC address", type: "ether" },
  "src.proto": { name: "Sender protocol address", type: "bytes" },
  "src.proto_id": { name: "Sender ID", type: "bytes" },
  "dst.hw": { name: "Target hardware address", type: "bytes" },
  "dst.hw_mac": { name: "Target MAC address", type: "ether" },
  "dst.proto": { name: "Target protocol address", type: "bytes" },
  "dst.proto_id": { name: "Target ID", type: "bytes" },
});

const HEX = "0123456789abcdef";
/** Wireshark's bytes_to_str: bare hex, cut after 36 bytes with an ellipsis. */
function hexBytes(b: Uint8Array, o: number, len: number): string {
  let s = "";
  for (let i = 0; i < Math.min(len, 36); i++) s += HEX[b[o + i]! >> 4]! + HEX[b[o + i]! & 15]!;
  return len > 36 ? s + "…" : s;
}

const isEtherHw = (hrd: number, hln: number): boolean => (hrd === 1 || hrd === 2) && hln === 6;
const isAtalkProto = (pro: number, pln: number): boolean => pro === ETHERTYPE_ATALK && pln === 4;

function hwText(b: Uint8Array, o: number, len: number, hrd: number): string {
  return isEtherHw(hrd, len) ? etherToString(b.subarray(o, o + 6)) : hexBytes(b, o, len);
}
/** An AppleTalk address as packet-aarp.c's tvb_atalkid_to_str writes it: net (bytes 1–2) "." node (byte 3). */
function protoText(b: Uint8Array, o: number, len: number, pro: number): string {
  return isAtalkProto(pro, len) ? `${u16(b, o + 1)}.${b[o + 3]!}` : hexBytes(b, o, len);
}

function infoText(b: Uint8Array, op: number, hrd: number, pro: number, hln: number, pln: number, sha: number, spa: number, tpa: number): string {
  const spaText = pln < 1 ? "Unknown" : protoText(b, spa, pln, pro);
  const tpaText = pln < 1 ? "Unknown" : protoText(b, tpa, pln, pro);
  switch (op) {
    case 1:
    case 0x100:
      return `Who has ${tpaText}?  Tell ${spaText}`;
    case 2:
    case 0x200:
      return `${spaText} is at ${hln < 1 ? "Unknown" : hwText(b, sha, hln, hrd)}`;
    case 3:
    case 0x300:
      return `Is there a ${tpaText}`;
  }
  return `Unknown AARP opcode 0x${op.toString(16).padStart(4, "0")}`;
}

export const aarp: Dissector = {
  name: "aarp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "aarp");
    pinfo.protocol = "AARP";
    if (pinfo.wantColumns) pinfo.info = "";
    if (end - offset < MIN_AARP_HEADER_SIZE) {
      markMalformed(pinfo, "AARP", end, "header cut short");
      return end - offset;
    }
    const hrd = u16(data, offset);
    const pro = u16(data, offset + 2);
    const hln = data[offset + 4]!;
    const pln = data[offset + 5]!;
    const op = u16(data, offset + 6);
    const sha = offset + MIN_AARP_HEADER_SIZE;
    const spa = sha + hln;
    const tha = spa + pln;
    const tpa = tha + hln;
    const totLen = MIN_AARP_HEADER_SIZE + 2 * hln + 2 * pln;
    // Wireshark reads every address for the Info column before anything else: a short message fails there.
    if (offset + totLen > end) {
      markMalformed(pinfo, "AARP", end, "addresses cut short");
      return end - offset;
    }
    if (hln < 1) expert(pinfo, offset, 0, "warn", `Invalid hardware address length: ${hln}`, "Protocol", "AARP");
    if (pln < 1) expert(pinfo, offset, 0, "warn", `Invalid protocol address length: ${pln}`, "Protocol", "AARP");
    if (pinfo.wantColumns) pinfo.info = infoText(data, op, hrd, pro, hln, pln, sha, spa, tpa);

    const opName = OPCODE_NAMES.get(op);
    const label = tree.detailed ? `AppleTalk Address Resolution Protocol (${opName ?? `opcode 0x${op.toString(16).padStart(4, "0")}`})` : undefined;
    tree.open(aarpFields[""], offset, totLen, null, label);
    tree.add(aarpFields["hard.type"], offset, 2, hrd);
    tree.add(aarpFields["proto.type"], offset + 2, 2, pro);
    tree.add(aarpFields["hard.size"], offset + 4, 1, hln);
    tree.add(aarpFields["proto.size"], offset + 5, 1, pln);
    tree.add(aarpFields.opcode, offset + 6, 2, op);
    const ether = isEtherHw(hrd, hln);
    const atalk = isAtalkProto(pro, pln);
    const addHw = (at: number, mac: typeof aarpFields.opcode, raw: typeof aarpFields.opcode): void => {
      if (hln === 0) return;
      const f = ether ? mac : raw;
      tree.add(f, at, hln, view(tree, f, data, at, at + hln));
    };
    // The AppleTalk addresses' items show "net.node" (proto_tree_add_bytes_format_value).
    const addProto = (at: number, id: typeof aarpFields.opcode, raw: typeof aarpFields.opcode): void => {
      if (pln === 0) return;
      const f = atalk ? id : raw;
      const text = tree.detailed ? `${f.name}: ${protoText(data, at, pln, pro)}` : undefined;
      tree.add(f, at, pln, view(tree, f, data, at, at + pln), 0, text);
    };
    addHw(sha, aarpFields["src.hw_mac"], aarpFields["src.hw"]);
    addProto(spa, aarpFields["src.proto_id"], aarpFields["src.proto"]);
    addHw(tha, aarpFields["dst.hw_mac"], aarpFields["dst.hw"]);
    addProto(tpa, aarpFields["dst.proto_id"], aarpFields["dst.proto"]);
    tree.close();
    // packet-aarp.c returns the whole buffer it was given.
    return end - offset;
  },
};

register("ethertype", ETHERTYPE_AARP, aarp);
