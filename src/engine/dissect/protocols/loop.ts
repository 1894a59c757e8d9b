/**
 * The Ethernet Configuration Testing Protocol (EtherType 0x9000, "LOOP"; Ethernet
 * Version 2.0 spec §8, the keepalives Cisco IOS sends to its own MAC), as
 * Wireshark 4.0's packet-loop.c shows it. Little-endian:
 *
 *   +0 skipCount (2): byte offset, from +2, of the function this station acts on
 *   +2 functions: 1 Reply (+ receipt number, 2), 2 Forward Data (+ forwarding address, 6) …
 *
 * Forward Data functions chain until a Reply (or an unknown function). Info is
 * the relevant function's name; the rest of the frame is data.
 */
import { defineFields } from "../field";
import { register } from "../dissector";
import { dissectData, enterLayer, markMalformed, u16le } from "../common";
import type { PacketInfo } from "../packet-info";

const FUNC_REPLY = 1;
const FUNC_FORWARD_DATA = 2;
const FUNCTION_NAMES = { [FUNC_REPLY]: "Reply", [FUNC_FORWARD_DATA]: "Forward Data" };

export const loopFields = defineFields("loop", {
  "": { name: "Configuration Test Protocol (loopback)", type: "protocol" },
  skipcount: { name: "skipCount", type: "uint16" },
  function: { name: "Function", type: "uint16", vals: FUNCTION_NAMES },
  relevant_function: { name: "Relevant function", type: "uint16", vals: FUNCTION_NAMES },
  receipt_number: { name: "Receipt number", type: "uint16" },
  forwarding_address: { name: "Forwarding address", type: "ether" },
});

const ETHERTYPE_LOOP = 0x9000;

export const loop = {
  name: "loop",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    const F = loopFields;
    enterLayer(pinfo, "loop");
    pinfo.protocol = "LOOP";
    if (pinfo.wantColumns) pinfo.info = "";
    tree.open(F[""], offset, end - offset);
    const cut = (at: number): number => {
      tree.close();
      markMalformed(pinfo, "LOOP", at, "function cut short");
      return end - offset;
    };
    if (end - offset < 2) return cut(end);
    const skip = u16le(data, offset);
    tree.add(F.skipcount, offset, 2, skip);
    const relevantAt = offset + 2 + skip;
    let o = offset + 2;
    let infoSet = false;
    for (;;) {
      if (o + 2 > end) return cut(end);
      const fn = u16le(data, o);
      if (o === relevantAt) {
        if (pinfo.wantColumns) pinfo.info = FUNCTION_NAMES[fn as 1 | 2] ?? `Unknown function (${fn})`;
        tree.add(F.relevant_function, o, 2, fn);
        infoSet = true;
      }
      tree.add(F.function, o, 2, fn);
      o += 2;
      if (fn === FUNC_REPLY) {
        if (o + 2 > end) return cut(end);
        tree.add(F.receipt_number, o, 2, u16le(data, o));
        o += 2;
        break;
      }
      if (fn !== FUNC_FORWARD_DATA) break;
      if (o + 6 > end) return cut(end);
      tree.add(F.forwarding_address, o, 6, tree.wants(F.forwarding_address) ? data.subarray(o, o + 6) : null);
      o += 6;
    }
    if (!infoSet && pinfo.wantColumns) pinfo.info = "No valid function found";
    tree.close();
    // The rest of the frame (up to the minimum frame size) is the test data: no Ethernet padding.
    dissectData(data, o, end, pinfo);
    return end - offset;
  },
};

register("ethertype", ETHERTYPE_LOOP, loop);
