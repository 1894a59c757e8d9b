/**
 * AppleTalk Name Binding Protocol (Inside AppleTalk, 2nd ed., chapter 7;
 * DDP type 2), as Wireshark 4.0's packet-atalk.c dissect_nbp shows it:
 *
 *   +0 function (high 4 bits: 1 broadcast request, 2 lookup, 3 reply,
 *      4 forward request) and tuple count (low 4 bits)
 *   +1 NBP ID (transaction)
 *   +2 tuples: net (2), node (1), socket (1), enumerator (1), then the
 *      object, type and zone as Pascal strings (a length byte, then text)
 *
 * Info reads "Op: lookup  Count: 1" (two spaces, as Wireshark writes it).
 */
import { defineField, defineFields, vals } from "../../field";
import type { Dissector } from "../../dissector";
import { enterLayer, markMalformed } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { Truncated, ensure, g8, g16 } from "../../bytes";
import { registerDdpType } from "./ddp";
import { pascalString } from "./pascal-string";
import { bitItem } from "../bitmask";

const NBP_OP_NAMES = vals({ 1: "broadcast request", 2: "lookup", 3: "reply", 4: "forward request" });

/** Wireshark's text-only subtrees ("Node 1"). */
const textField = defineField("_ws.text", { name: "Text item", type: "none" });

export const nbpFields = defineFields("nbp", {
  "": { name: "Name Binding Protocol", type: "protocol" },
  info: { name: "Info", type: "uint8", base: "hex" },
  op: { name: "Operation", type: "uint8", bitmask: 0xf0, bitWidth: 8, vals: NBP_OP_NAMES },
  count: { name: "Count", type: "uint8", bitmask: 0x0f, bitWidth: 8 },
  tid: { name: "Transaction ID", type: "uint8" },
  net: { name: "Network", type: "uint16" },
  node: { name: "Node", type: "uint8" },
  port: { name: "Port", type: "uint8" },
  enum: { name: "Enumerator", type: "uint8" },
  object: { name: "Object", type: "string" },
  type: { name: "Type", type: "string" },
  zone: { name: "Zone", type: "string" },
});

/** One Pascal string field at `o`; returns the offset after it. */
function addPascal(pinfo: PacketInfo, f: (typeof nbpFields)["object"], data: Uint8Array, o: number, end: number): number {
  const len = g8(data, o, end);
  ensure(o + 1, len, end);
  const tree = pinfo.tree;
  if (tree.wants(f)) tree.add(f, o, 1 + len, pascalString(data, o + 1, len));
  return o + 1 + len;
}

function opName(op: number, upper: boolean): string {
  const hex = op.toString(16);
  return NBP_OP_NAMES.get(op) ?? `Unknown (0x${upper ? hex.toUpperCase() : hex})`;
}

export const nbp: Dissector = {
  name: "nbp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "nbp");
    pinfo.protocol = "NBP";
    if (pinfo.wantColumns) pinfo.info = "";
    tree.open(nbpFields[""], offset, end - offset);
    try {
      const info = g8(data, offset, end);
      const op = info >> 4;
      const count = info & 0x0f;
      if (pinfo.wantColumns) pinfo.info = `Op: ${opName(op, false)}  Count: ${count}`;
      const label = tree.detailed ? `Info: 0x${info.toString(16).toUpperCase()}  Operation: ${opName(op, true)}  Count: ${count}` : undefined;
      tree.open(nbpFields.info, offset, 1, info, label);
      bitItem(tree, nbpFields.op, offset, 1, info);
      bitItem(tree, nbpFields.count, offset, 1, info);
      tree.close();
      tree.add(nbpFields.tid, offset + 1, 1, g8(data, offset + 1, end));
      let o = offset + 2;
      for (let i = 0; i < count; i++) {
        const start = o;
        tree.open(textField, o, 0, null, tree.detailed ? `Node ${i + 1}` : undefined);
        tree.add(nbpFields.net, o, 2, g16(data, o, end));
        tree.add(nbpFields.node, o + 2, 1, g8(data, o + 2, end));
        tree.add(nbpFields.port, o + 3, 1, g8(data, o + 3, end));
        tree.add(nbpFields.enum, o + 4, 1, g8(data, o + 4, end));
        o = addPascal(pinfo, nbpFields.object, data, o + 5, end);
        o = addPascal(pinfo, nbpFields.type, data, o, end);
        o = addPascal(pinfo, nbpFields.zone, data, o, end);
        tree.close(o - start);
      }
      tree.close();
    } catch (err) {
      if (!(err instanceof Truncated)) throw err;
      tree.close();
      markMalformed(pinfo, "NBP", end, "tuple cut short");
    }
    return end - offset;
  },
};

registerDdpType(2, nbp);
