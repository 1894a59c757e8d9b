/**
 * One DNS message (dissect_dns_common): the header and flags, the four
 * sections, request/response matching per conversation and transaction ID
 * with Wireshark's retransmission rules, and the two transports: UDP (one
 * message per datagram) and TCP (length-prefixed messages, RFC 1035 §4.2.2,
 * RFC 7766 §8).
 */
import type { FieldDef } from "../../field";
import { bitsLabel, enterLayer, expertField, malformed } from "../../common";
import { timeDiff } from "../../format";
import { g16, Truncated, truncated } from "../../bytes";
import { PortType, type PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { dnsFields as F, dnsProtocolName, llmnrFields, mdnsFields, OPCODES, RCODES, TEXT } from "./fields";
import { ctx, itemU16 } from "./context";
import { dissectAnswer, dissectQuery } from "./records";
import { dsoData } from "./options";

interface Transaction {
  id: number;
  reqFrame: number;
  repFrame: number;
  reqSec: number;
  reqNsec: number;
  multipleResponds: boolean;
}

/** Per conversation: transactions by ID, each list in increasing request-frame order. */
class DnsState {
  readonly conversations = new Map<string, Map<number, Transaction[]>>();
}

function conversationKey(pinfo: PacketInfo): string {
  const a = `${pinfo.netSrc}/${pinfo.srcPort}`;
  const b = `${pinfo.netDst}/${pinfo.dstPort}`;
  return `${pinfo.portType}|${a < b ? a + "|" + b : b + "|" + a}`;
}

/** wmem_tree_lookup32_array_le on (id, frame): the latest transaction with this id started at or before `frame`. */
function lookup(list: Transaction[] | undefined, frame: number): Transaction | undefined {
  if (!list) return undefined;
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.reqFrame <= frame) return list[i];
  return undefined;
}

const enum Transport {
  UDP,
  TCP,
}

/**
 * dissect_dns_common(): one DNS message in [offset, end). For TCP, `offset`
 * points at the two-byte length. `kind` picks DNS / MDNS / LLMNR.
 */
function dissectMessage(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, transport: Transport, kind: 0 | 1 | 2): void {
  const tree = pinfo.tree;
  const isMdns = kind === 1;
  const isLlmnr = kind === 2;
  const base = transport === Transport.TCP ? offset + 2 : offset;
  ctx.d = data;
  ctx.end = end;
  ctx.msg = base;
  ctx.pinfo = pinfo;
  ctx.tree = tree;
  ctx.mdns = isMdns;
  ctx.cols = pinfo.wantColumns && !pinfo.inErrorPacket;
  ctx.detailed = tree.detailed;

  if (ctx.cols) pinfo.info = "";
  const protoField = isLlmnr ? llmnrFields[""] : isMdns ? mdnsFields[""] : F[""];
  let opened = false;
  try {
    const id = g16(data, base, end);
    const flags = g16(data, base + 2, end);
    const opcode = (flags >> 11) & 0xf;
    const rcode = flags & 0xf;
    const response = (flags & 0x8000) !== 0;
    if (ctx.cols) {
      pinfo.info = `${OPCODES.get(opcode) ?? `Unknown operation (${opcode})`}${response ? " response" : ""} 0x${id.toString(16).padStart(4, "0")}`;
      if (response && rcode !== 0) pinfo.info += ` ${RCODES.get(rcode) ?? `Unknown error (${rcode})`}`;
    }
    const isUpdate = opcode === 5;
    // tshark prints a protocol field as its tree text.
    const protoLabel =
      tree.detailed || tree.wants(protoField)
        ? `${isLlmnr ? "Link-local Multicast Name Resolution" : isMdns ? "Multicast Domain Name System" : "Domain Name System"} (${response ? "response" : "query"})`
        : undefined;
    tree.open(protoField, offset, end - offset, protoLabel ?? null, protoLabel);
    opened = true;

    // Transaction tracking (before the body, as Wireshark does: a later exception keeps the state).
    let trans: Transaction | undefined;
    let retransmission = false;
    if (!pinfo.inErrorPacket) {
      const st = pinfo.state.get("dns", () => new DnsState());
      const key = conversationKey(pinfo);
      let conv = st.conversations.get(key);
      if (!conv) st.conversations.set(key, (conv = new Map()));
      const list = conv.get(id);
      const found = lookup(list, pinfo.num);
      if (!pinfo.visited) {
        if (!response) {
          let fresh = false;
          if (!found || found.repFrame > 0) fresh = true;
          else {
            const [ds, dn] = timeDiff(pinfo.tsSec, pinfo.tsNsec, found.reqSec, found.reqNsec);
            if (ds + dn / 1e9 < RETRANSMISSION_TIMER) retransmission = true;
            else fresh = true;
          }
          if (fresh) {
            trans = { id, reqFrame: pinfo.num, repFrame: 0, reqSec: pinfo.tsSec, reqNsec: pinfo.tsNsec, multipleResponds: false };
            if (list) insertSorted(list, trans);
            else conv.set(id, [trans]);
          } else trans = found;
        } else if (found) {
          trans = found;
          if (found.repFrame === 0) found.repFrame = pinfo.num;
          else if (!found.multipleResponds) retransmission = true;
        }
      } else if (found) {
        trans = found;
        if (!response && found.reqFrame !== pinfo.num) {
          trans = { id, reqFrame: found.reqFrame, repFrame: 0, reqSec: pinfo.tsSec, reqNsec: pinfo.tsNsec, multipleResponds: false };
          retransmission = true;
        } else if (response && found.repFrame !== pinfo.num && !found.multipleResponds) {
          retransmission = true;
        }
      }
    }
    const t: Transaction = trans ?? { id, reqFrame: 0, repFrame: 0, reqSec: pinfo.tsSec, reqNsec: pinfo.tsNsec, multipleResponds: false };

    if (transport === Transport.TCP) itemU16(F.length, offset);
    tree.add(F.id, base, 2, id);
    const flagsLabel = tree.detailed
      ? `Flags: 0x${flags.toString(16).padStart(4, "0")} ${OPCODES.get(opcode) ?? "Unknown operation"}${response ? ` response, ${RCODES.get(rcode) ?? "Unknown error"}` : ""}`
      : undefined;
    tree.open(F.flags, base + 2, 2, flags, flagsLabel);
    const fo = base + 2;
    const bit = (f: FieldDef, mask: number): void => {
      const on = (flags & mask) !== 0;
      tree.add(f, fo, 2, on, 0, tree.detailed ? bitsLabel(flags, mask, 16, `${f.name}: ${f.tfs ? f.tfs[on ? 0 : 1] : on ? "True" : "False"}`) : undefined);
    };
    bit(F["flags.response"], 0x8000);
    tree.add(F["flags.opcode"], fo, 2, opcode, 0, tree.detailed ? bitsLabel(flags, 0x7800, 16, `Opcode: ${OPCODES.get(opcode) ?? "Unknown"} (${opcode})`) : undefined);
    if (isLlmnr) {
      if (response) tree.add(F["flags.conflict"], fo, 2, (flags & 0x400) !== 0, 0, tree.detailed ? bitsLabel(flags, 0x400, 16, `Conflict: ${flags & 0x400 ? "The name is not considered unique" : "The name is considered unique"}`) : undefined);
      else bit(F["flags.conflict"], 0x400);
      bit(F["flags.truncated"], 0x200);
      bit(F["flags.tentative"], 0x100);
      if (response) tree.add(F["flags.rcode"], fo, 2, rcode, 0, tree.detailed ? bitsLabel(flags, 0xf, 16, `Reply code: ${RCODES.get(rcode) ?? "Unknown"} (${rcode})`) : undefined);
    } else {
      if (response) bit(F["flags.authoritative"], 0x400);
      bit(F["flags.truncated"], 0x200);
      bit(F["flags.recdesired"], 0x100);
      if (response) bit(F["flags.recavail"], 0x80);
      bit(F["flags.z"], 0x40);
      if (response) bit(F["flags.authenticated"], 0x20);
      else if (flags & 0x20) {
        const on = true;
        tree.add(F["flags.authenticated"], fo, 2, on, 0, tree.detailed ? bitsLabel(flags, 0x20, 16, "AD bit: Set") : undefined);
      }
      bit(F["flags.checkdisable"], 0x10);
      if (response) tree.add(F["flags.rcode"], fo, 2, rcode, 0, tree.detailed ? bitsLabel(flags, 0xf, 16, `Reply code: ${RCODES.get(rcode) ?? "Unknown"} (${rcode})`) : undefined);
    }
    tree.close();

    const quest = g16(data, base + 4, end);
    tree.add(isUpdate ? F["count.zones"] : F["count.queries"], base + 4, 2, quest);
    const ans = g16(data, base + 6, end);
    tree.add(isUpdate ? F["count.prerequisites"] : F["count.answers"], base + 6, 2, ans);
    const auth = g16(data, base + 8, end);
    tree.add(isUpdate ? F["count.updates"] : F["count.auth_rr"], base + 8, 2, auth);
    const add = g16(data, base + 10, end);
    tree.add(F["count.add_rr"], base + 10, 2, add);

    let cur = base + 12;
    if (opcode === 6 && quest === 0 && ans === 0 && auth === 0 && add === 0) cur += dsoData(cur);

    if (quest > 0) {
      const start = cur;
      if (cur > end) truncated();
      tree.open(TEXT, cur, 0, null, isUpdate ? "Zone" : "Queries");
      let multi = false;
      try {
        for (let i = 0; i < quest; i++) {
          const q = dissectQuery(cur);
          if (q.multi) multi = true;
          cur += q.used;
        }
      } finally {
        tree.close(cur - start);
      }
      t.multipleResponds = multi;
    }
    const section = (count: number, label: string): void => {
      if (count <= 0) return;
      const start = cur;
      if (cur > end) truncated();
      tree.open(TEXT, cur, 0, null, label);
      try {
        for (let i = 0; i < count; i++) cur += dissectAnswer(cur);
      } finally {
        tree.close(cur - start);
      }
    };
    section(ans, isUpdate ? "Prerequisites" : "Answers");
    section(auth, isUpdate ? "Updates" : "Authoritative nameservers");
    section(add, "Additional records");

    if (!response) {
      if (retransmission && t.reqFrame && !pinfo.inErrorPacket) {
        expertField(pinfo, F.retransmit_request, base, 2, "warn", `DNS query retransmission. Original request in frame ${t.reqFrame}`, "Protocol", dnsProtocolName(pinfo));
        tree.add(F.retransmit_request_in, 0, 0, t.reqFrame, GENERATED);
        tree.add(F.retransmission, 0, 0, true, GENERATED);
      } else if (t.repFrame) {
        tree.add(F.response_in, 0, 0, t.repFrame, GENERATED);
      }
    } else if (t.reqFrame) {
      if (retransmission && t.repFrame && !pinfo.inErrorPacket) {
        expertField(pinfo, F.retransmit_response, base, 2, "warn", `DNS response retransmission. Original response in frame ${t.repFrame}`, "Protocol", dnsProtocolName(pinfo));
        tree.add(F.retransmit_response_in, 0, 0, t.repFrame, GENERATED);
        tree.add(F.retransmission, 0, 0, true, GENERATED);
      } else {
        tree.add(F.response_to, 0, 0, t.reqFrame, GENERATED);
        tree.add(F.time, 0, 0, timeDiff(pinfo.tsSec, pinfo.tsNsec, t.reqSec, t.reqNsec), GENERATED);
      }
    } else if (!retransmission) {
      tree.add(F.unsolicited, 0, 0, true, GENERATED);
    }

    const extra = end - cur;
    if (extra > 0) {
      tree.open(TEXT, cur, extra, null, tree.detailed ? `Extraneous Data (${extra} bytes)` : undefined);
      tree.add(F["extraneous.data"], cur, extra, data.subarray(cur, end));
      tree.add(F["extraneous.length"], 0, 0, extra, GENERATED);
      expertField(pinfo, F.extraneous, cur, extra, "note", "Extraneous data", "Undecoded", dnsProtocolName(pinfo));
      tree.close();
    }
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    malformed(pinfo, isLlmnr ? "LLMNR" : isMdns ? "MDNS" : "DNS", offset, "message runs past the end of the data");
  } finally {
    if (opened) tree.close();
  }
}

/** Seconds within which a repeated query ID is a retransmission (Wireshark's default). */
const RETRANSMISSION_TIMER = 5;

function insertSorted(list: Transaction[], t: Transaction): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.reqFrame > t.reqFrame) i--;
  list.splice(i, 0, t);
}

/**
 * DNS over TCP (RFC 1035 §4.2.2): a loop over length-prefixed messages, each
 * dissected on its own (Info shows the last one). A message not wholly in
 * [offset, end) is handed back to TCP through the desegmentation contract
 * (desegmentOffset counts from `offset`, as Wireshark's from the tvb start).
 */
function dissectTcp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  let off = offset;
  // Wireshark drops the layer of a dissector that added nothing to the tree
  // (packet.c call_dissector_work): a segment that only waits for more has no "dns".
  const waiting = (): number => {
    if (off === offset) pinfo.truncateLayers(pinfo.layers.length - 1);
    return end - offset;
  };
  while (off < end) {
    const remaining = end - off;
    if (remaining < 2) {
      if (pinfo.canDesegment) {
        pinfo.desegmentOffset = off - offset;
        pinfo.desegmentLen = -1;
        return waiting();
      }
    }
    if (remaining < 2) {
      // Not even the length field and no reassembly: Wireshark throws while reading it,
      // before DNS set any column.
      malformed(pinfo, "DNS", off, "length field truncated");
      return end - offset;
    }
    const plen = ((data[off]! << 8) | data[off + 1]!) + 2;
    if (pinfo.canDesegment && remaining < plen) {
      pinfo.desegmentOffset = off - offset;
      pinfo.desegmentLen = plen - remaining;
      return waiting();
    }
    if (!pinfo.inErrorPacket) pinfo.protocol = "DNS";
    dissectMessage(data, off, Math.min(end, off + plen), pinfo, Transport.TCP, 0);
    off += plen;
  }
  return end - offset;
}

function makeUdp(name: "dns" | "mdns" | "llmnr", protocol: string, kind: 0 | 1 | 2) {
  return {
    name,
    dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
      enterLayer(pinfo, name);
      if (kind === 0 && pinfo.portType === PortType.TCP) return dissectTcp(data, offset, end, pinfo);
      if (!pinfo.inErrorPacket) pinfo.protocol = protocol;
      dissectMessage(data, offset, end, pinfo, Transport.UDP, kind);
      return end - offset;
    },
  };
}

/** DNS over UDP (and, by pinfo.portType, over TCP). */
export const dns = makeUdp("dns", "DNS", 0);
export const mdns = makeUdp("mdns", "MDNS", 1);
export const llmnr = makeUdp("llmnr", "LLMNR", 2);
