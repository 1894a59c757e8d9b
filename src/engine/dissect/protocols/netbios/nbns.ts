/**
 * NetBIOS Name Service (RFC 1002 §4.2), UDP port 137: the DNS message layout
 * with NetBIOS semantics, dissected as Wireshark 4.0's packet-nbt.c does.
 *
 *   +0 transaction ID  +2 flags (R, opcode, AA, TC, RD, RA, B, rcode)
 *   +4 QDCOUNT  +6 ANCOUNT  +8 NSCOUNT  +10 ARCOUNT  +12 questions, resource records
 *
 * Names are first-level encoded (names.ts). Info: the opcode ("Name query",
 * "Registration"…) and " response", then ", <rcode>" for an error response,
 * then each question of a request (" NB WPAD<00>") or each answer of a
 * response (" NB 192.0.2.1", " NBSTAT"); authority and additional records
 * never reach Info. NB answers carry (flags, address) pairs; NBSTAT answers
 * (RFC 1002 §4.2.18) the node's name table and adapter statistics. A read
 * past the end stops the dissection where Wireshark's exception would.
 */
import { defineFields, vals } from "../../field";
import { register } from "../../dissector";
import { enterLayer, expert, malformed } from "../../common";
import { bitmask } from "../bitmask";
import { ensure, g16, g32, g8, Truncated } from "../../bytes";
import { ipv4ToString, timeSecsToStr } from "../../format";
import type { PacketInfo } from "../../packet-info";
import type { ProtoTree } from "../../tree";
import { CLASSES, getDnsName, TEXT } from "../dns";
import { decodeFirstLevel, NETBIOS_NAME_LEN, nameTypeDescr, netbiosNameText } from "./names";

const OPCODES = vals({
  0: "Name query",
  5: "Registration",
  6: "Release",
  7: "Wait for acknowledgment",
  8: "Refresh",
  9: "Refresh (alternate opcode)",
  15: "Multi-homed registration",
});
const OPCODE_WACK = 7;
const RCODES = vals({
  0: "No error",
  1: "Request was invalidly formatted",
  2: "Server failure",
  3: "Requested name does not exist",
  4: "Request is not implemented",
  5: "Request was refused",
  6: "Name is owned by another node",
  7: "Name is in conflict",
});
/** Owner node types (RFC 1002 §4.2.1.3 ONT; H-node seen in traces), for the text after the name flags. */
const ONT = vals({ 0: "B-node", 1: "P-node", 2: "M-node", 3: "H-node" });
/**
 * Wireshark's ONT fields carry value tables written with the bits in place
 * (0x2000 for P-node…) but look the shifted value up, so only B-node (0)
 * finds its name; the others read "Unknown". Kept that way to match.
 */
const ONT_FIELD = vals({ 0: "B-node" });
const T_NB = 32;
const T_NBSTAT = 33;
const RR_TYPES = vals({ [T_NB]: "NB", [T_NBSTAT]: "NBSTAT" });
const GROUP: readonly [string, string] = ["Group name", "Unique name"];
const YES_NO: readonly [string, string] = ["Yes", "No"];

export const nbnsFields = defineFields("nbns", {
  "": { name: "NetBIOS Name Service", type: "protocol" },
  id: { name: "Transaction ID", type: "uint16", base: "hex" },
  flags: { name: "Flags", type: "uint16", base: "hex" },
  "flags.response": { name: "Response", type: "boolean", bitmask: 0x8000, bitWidth: 16, tfs: ["Message is a response", "Message is a query"] },
  "flags.opcode": { name: "Opcode", type: "uint16", vals: OPCODES, bitmask: 0x7800, bitWidth: 16 },
  "flags.authoritative": { name: "Authoritative", type: "boolean", bitmask: 0x400, bitWidth: 16, tfs: ["Server is an authority for domain", "Server is not an authority for domain"] },
  "flags.truncated": { name: "Truncated", type: "boolean", bitmask: 0x200, bitWidth: 16, tfs: ["Message is truncated", "Message is not truncated"] },
  "flags.recdesired": { name: "Recursion desired", type: "boolean", bitmask: 0x100, bitWidth: 16, tfs: ["Do query recursively", "Don't do query recursively"] },
  "flags.recavail": { name: "Recursion available", type: "boolean", bitmask: 0x80, bitWidth: 16, tfs: ["Server can do recursive queries", "Server can't do recursive queries"] },
  "flags.broadcast": { name: "Broadcast", type: "boolean", bitmask: 0x10, bitWidth: 16, tfs: ["Broadcast packet", "Not a broadcast packet"] },
  "flags.rcode": { name: "Reply code", type: "uint16", vals: RCODES, bitmask: 0xf, bitWidth: 16 },
  "count.queries": { name: "Questions", type: "uint16" },
  "count.answers": { name: "Answer RRs", type: "uint16" },
  "count.auth_rr": { name: "Authority RRs", type: "uint16" },
  "count.add_rr": { name: "Additional RRs", type: "uint16" },
  name: { name: "Name", type: "string" },
  type: { name: "Type", type: "uint16", vals: RR_TYPES },
  class: { name: "Class", type: "uint16", vals: CLASSES },
  ttl: { name: "Time to live", type: "uint32" },
  data_length: { name: "Data length", type: "uint16" },
  nb_flags: { name: "Name flags", type: "uint16", base: "hex" },
  "nb_flags.group": { name: "Name type", type: "boolean", bitmask: 0x8000, bitWidth: 16, tfs: GROUP },
  "nb_flags.ont": { name: "ONT", type: "uint16", vals: ONT_FIELD, bitmask: 0x6000, bitWidth: 16 },
  addr: { name: "Addr", type: "ipv4" },
  number_of_names: { name: "Number of names", type: "uint8" },
  netbios_name: { name: "Name", type: "string" },
  name_flags: { name: "Name flags", type: "uint16", base: "hex" },
  "name_flags.group": { name: "Name type", type: "boolean", bitmask: 0x8000, bitWidth: 16, tfs: GROUP },
  "name_flags.ont": { name: "ONT", type: "uint16", vals: ONT_FIELD, bitmask: 0x6000, bitWidth: 16 },
  "name_flags.drg": { name: "Name is being deregistered", type: "boolean", bitmask: 0x1000, bitWidth: 16, tfs: YES_NO },
  "name_flags.cnf": { name: "Name is in conflict", type: "boolean", bitmask: 0x800, bitWidth: 16, tfs: YES_NO },
  "name_flags.act": { name: "Name is active", type: "boolean", bitmask: 0x400, bitWidth: 16, tfs: YES_NO },
  "name_flags.prm": { name: "Permanent node name", type: "boolean", bitmask: 0x200, bitWidth: 16, tfs: YES_NO },
  unit_id: { name: "Unit ID", type: "ether" },
  jumpers: { name: "Jumpers", type: "uint8", base: "hex" },
  test_result: { name: "Test result", type: "uint8", base: "hex" },
  version_number: { name: "Version number", type: "uint16", base: "hex" },
  period_of_statistics: { name: "Period of statistics", type: "uint16", base: "hex" },
  num_crcs: { name: "Number of CRCs", type: "uint16" },
  num_alignment_errors: { name: "Number of alignment errors", type: "uint16" },
  num_collisions: { name: "Number of collisions", type: "uint16" },
  num_send_aborts: { name: "Number of send aborts", type: "uint16" },
  num_good_sends: { name: "Number of good sends", type: "uint32" },
  num_good_receives: { name: "Number of good receives", type: "uint32" },
  numretransmits: { name: "Number of retransmits", type: "uint16" },
  num_no_resource_conditions: { name: "Number of no resource conditions", type: "uint16" },
  numcommand_blocks: { name: "Number of command blocks", type: "uint16" },
  numpending_sessions: { name: "Number of pending sessions", type: "uint16" },
  max_num_pending_sessions: { name: "Max number of pending sessions", type: "uint16" },
  max_total_sessions_possible: { name: "Max total sessions possible", type: "uint16" },
  session_data_packet_size: { name: "Session data packet size", type: "uint16" },
  data: { name: "Data", type: "bytes" },
  incomplete_entry: { name: "incomplete entry", type: "none" },
});
const F = nbnsFields;

/** One message being read (module scratch, reset per message). */
const m = {
  d: new Uint8Array(0) as Uint8Array,
  end: 0,
  msg: 0,
  tree: null as unknown as ProtoTree,
  pinfo: null as unknown as PacketInfo,
  cols: false,
};

function info(s: string): void {
  if (m.cols) m.pinfo.info += s;
}

const REQUEST_FLAGS = [F["flags.response"], F["flags.opcode"], F["flags.truncated"], F["flags.recdesired"], F["flags.broadcast"]];
/** A WACK's copy of the request's flags has no reply code. */
const WACK_FLAGS = [F["flags.response"], F["flags.opcode"], F["flags.authoritative"], F["flags.truncated"], F["flags.recdesired"], F["flags.recavail"], F["flags.broadcast"]];
const RESPONSE_FLAGS = [...WACK_FLAGS, F["flags.rcode"]];
const NB_FLAGS = [F["nb_flags.group"], F["nb_flags.ont"]];
const NAME_FLAGS = [F["name_flags.group"], F["name_flags.ont"], F["name_flags.drg"], F["name_flags.cnf"], F["name_flags.act"], F["name_flags.prm"]];

/** nbns_add_nbns_flags(): the flags word (an error rcode goes to Info unless this is a WACK's copy). */
function flagsItem(off: number, wack: boolean, toInfo: boolean): void {
  const flags = g16(m.d, off, m.end);
  const response = (flags & 0x8000) !== 0;
  if (toInfo && response && !wack && flags & 0xf) info(`, ${RCODES.get(flags & 0xf) ?? "Unknown error"}`);
  bitmask(m.tree, F.flags, off, 2, flags, response ? (wack ? WACK_FLAGS : RESPONSE_FLAGS) : REQUEST_FLAGS);
}

/** Name, type and class at `off` (get_nbns_name_type_class): throws where the bytes end. */
function nameTypeClass(off: number): { name: string; nameType: number; nameLen: number; type: number; cls: number } {
  const r = getDnsName(m.d, off, 0, m.msg, m.end);
  const nameLen = r.used;
  const n = decodeFirstLevel(r.raw);
  const type = g16(m.d, off + nameLen, m.end);
  const cls = g16(m.d, off + nameLen + 2, m.end);
  return { name: n.text, nameType: n.type, nameLen, type, cls };
}

function dissectQuestion(off: number, toInfo: boolean): number {
  const q = nameTypeClass(off);
  const typeName = RR_TYPES.get(q.type) ?? "Unknown";
  if (toInfo) info(` ${typeName} ${q.name}`);
  const tree = m.tree;
  const len = q.nameLen + 4;
  tree.open(TEXT, off, len, null, tree.detailed ? `${q.name}: type ${typeName}, class ${CLASSES.get(q.cls) ?? "Unknown"}` : undefined);
  tree.add(F.name, off, q.nameLen, q.name, 0, tree.detailed && q.nameType >= 0 ? `Name: ${q.name} (${nameTypeDescr(q.nameType)})` : undefined);
  tree.add(F.type, off + q.nameLen, 2, q.type);
  tree.add(F.class, off + q.nameLen + 2, 2, q.cls);
  tree.close();
  return len;
}

/** add_rr_to_tree(): the record's name (from its second byte, as Wireshark has it), type, class, TTL and data length. */
function rrHeader(off: number, name: string, nameLen: number, type: number, cls: number, ttl: number, dataLen: number): void {
  const tree = m.tree;
  tree.add(F.name, off + 1, nameLen - 1, name);
  off += nameLen;
  tree.add(F.type, off, 2, type);
  tree.add(F.class, off + 2, 2, cls);
  tree.add(F.ttl, off + 4, 4, ttl, 0, tree.detailed ? `Time to live: ${ttl > 0x7fffffff ? `-${timeSecsToStr(0x100000000 - ttl)}` : timeSecsToStr(ttl)}` : undefined);
  tree.add(F.data_length, off + 8, 2, dataLen);
}

function incomplete(off: number, len: number): void {
  expert(m.pinfo, off, len, "error", "incomplete entry", "Malformed", "NBNS");
  m.tree.add(F.incomplete_entry, off, len, 1);
}

/** proto_tree_add_item of an unsigned integer of `size` bytes. */
function uintItem(f: (typeof F)[keyof typeof F], off: number, size: 1 | 2 | 4): void {
  m.tree.add(f, off, size, size === 1 ? g8(m.d, off, m.end) : size === 2 ? g16(m.d, off, m.end) : g32(m.d, off, m.end));
}

/** The adapter statistics after an NBSTAT name table (RFC 1002 §4.2.18), each item only if data_len still covers it. */
const STATISTICS: readonly [(typeof F)[keyof typeof F], 1 | 2 | 4][] = [
  [F.jumpers, 1],
  [F.test_result, 1],
  [F.version_number, 2],
  [F.period_of_statistics, 2],
  [F.num_crcs, 2],
  [F.num_alignment_errors, 2],
  [F.num_collisions, 2],
  [F.num_send_aborts, 2],
  [F.num_good_sends, 4],
  [F.num_good_receives, 4],
  [F.numretransmits, 2],
  [F.num_no_resource_conditions, 2],
  [F.numcommand_blocks, 2],
  [F.numpending_sessions, 2],
  [F.max_num_pending_sessions, 2],
  [F.max_total_sessions_possible, 2],
  [F.session_data_packet_size, 2],
];

function nbstatData(cur: number, dataLen: number): number {
  const tree = m.tree;
  if (dataLen < 1) {
    incomplete(cur, dataLen);
    return cur;
  }
  let names = g8(m.d, cur, m.end);
  tree.add(F.number_of_names, cur, 1, names);
  cur += 1;
  // Wireshark does not count the name-count byte against data_len.
  while (names !== 0) {
    if (dataLen < NETBIOS_NAME_LEN) {
      incomplete(cur, dataLen);
      return cur;
    }
    ensure(cur, NETBIOS_NAME_LEN, m.end);
    if (tree.detailed || tree.wants(F.netbios_name)) {
      const type = m.d[cur + NETBIOS_NAME_LEN - 1]!;
      const text = netbiosNameText(m.d, cur);
      tree.add(F.netbios_name, cur, NETBIOS_NAME_LEN, text, 0, tree.detailed ? `Name: ${text}<${type.toString(16).padStart(2, "0")}> (${nameTypeDescr(type)})` : undefined);
    }
    cur += NETBIOS_NAME_LEN;
    dataLen -= NETBIOS_NAME_LEN;
    if (dataLen < 2) {
      incomplete(cur, dataLen);
      return cur;
    }
    const nf = g16(m.d, cur, m.end);
    bitmask(tree, F.name_flags, cur, 2, nf, NAME_FLAGS);
    cur += 2;
    dataLen -= 2;
    names--;
  }
  if (dataLen < 6) {
    incomplete(cur, dataLen);
    return cur;
  }
  ensure(cur, 6, m.end);
  tree.add(F.unit_id, cur, 6, m.d.subarray(cur, cur + 6));
  cur += 6;
  dataLen -= 6;
  for (const [f, size] of STATISTICS) {
    if (dataLen < size) {
      incomplete(cur, dataLen);
      return cur;
    }
    uintItem(f, cur, size);
    cur += size;
    dataLen -= size;
  }
  return cur;
}

function dissectAnswer(off: number, toInfo: boolean, opcode: number): number {
  const tree = m.tree;
  const q = nameTypeClass(off);
  let cur = off + q.nameLen + 4;
  const typeName = RR_TYPES.get(q.type) ?? "Unknown";
  const className = CLASSES.get(q.cls) ?? "Unknown";
  const ttl = g32(m.d, cur, m.end);
  cur += 4;
  let dataLen = g16(m.d, cur, m.end);
  cur += 2;
  const subtree = (name: string): void => {
    tree.open(TEXT, off, cur - off + dataLen, null, tree.detailed ? `${q.name}: type ${typeName}, class ${className}` : undefined);
    rrHeader(off, name, q.nameLen, q.type, q.cls, ttl, dataLen);
  };
  if (q.type === T_NB) {
    // Wireshark reads the address for Info only when there are columns (tshark -T fields without
    // _ws.col.* has none): a record too short for it is malformed only then.
    if (toInfo && m.pinfo.wantColumns && opcode !== OPCODE_WACK) info(` ${typeName} ${ipv4ToString(g32(m.d, cur + 2, m.end))}`);
    // Wireshark appends the name type's description to the record's name value itself.
    subtree(`${q.name} (${nameTypeDescr(q.nameType)})`);
    try {
      while (dataLen > 0) {
        if (dataLen < 2) {
          incomplete(cur, dataLen);
          break;
        }
        if (opcode === OPCODE_WACK) flagsItem(cur, true, false);
        else {
          const nb = g16(m.d, cur, m.end);
          bitmask(tree, F.nb_flags, cur, 2, nb, NB_FLAGS, tree.detailed ? ` (${ONT.get((nb >> 13) & 3)}, ${nb & 0x8000 ? "group" : "unique"})` : "");
        }
        cur += 2;
        dataLen -= 2;
        if (opcode === OPCODE_WACK) continue;
        if (dataLen < 4) {
          incomplete(cur, dataLen);
          break;
        }
        tree.add(F.addr, cur, 4, g32(m.d, cur, m.end));
        cur += 4;
        dataLen -= 4;
      }
    } finally {
      tree.close();
    }
    return cur - off;
  }
  if (toInfo) info(` ${typeName}`);
  subtree(q.name);
  try {
    if (q.type === T_NBSTAT) cur = nbstatData(cur, dataLen);
    else {
      ensure(cur, dataLen, m.end);
      tree.add(F.data, cur, dataLen, m.d.subarray(cur, cur + dataLen));
      cur += dataLen;
    }
  } finally {
    tree.close();
  }
  return cur - off;
}

/** A section of records under its own subtree ("Queries", "Answers"…). */
function section(cur: number, count: number, label: string, one: (off: number) => number): number {
  const start = cur;
  m.tree.open(TEXT, cur, 0, null, label);
  try {
    while (count-- > 0) cur += one(cur);
  } finally {
    m.tree.close(cur - start);
  }
  return cur;
}

export const nbns = {
  name: "nbns",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    enterLayer(pinfo, "nbns");
    const tree = pinfo.tree;
    m.d = data;
    m.end = end;
    m.msg = offset;
    m.tree = tree;
    m.pinfo = pinfo;
    m.cols = pinfo.wantColumns && !pinfo.inErrorPacket;
    if (!pinfo.inErrorPacket) pinfo.protocol = "NBNS";
    if (m.cols) pinfo.info = "";
    let opened = false;
    try {
      const id = g16(data, offset, end);
      const flags = g16(data, offset + 2, end);
      const opcode = (flags >> 11) & 0xf;
      const response = (flags & 0x8000) !== 0;
      info(`${OPCODES.get(opcode) ?? `Unknown operation (${opcode})`}${response ? " response" : ""}`);
      tree.open(F[""], offset, end - offset, null, tree.detailed || tree.wants(F[""]) ? "NetBIOS Name Service" : undefined);
      opened = true;
      tree.add(F.id, offset, 2, id);
      flagsItem(offset + 2, false, true);
      const counts = [F["count.queries"], F["count.answers"], F["count.auth_rr"], F["count.add_rr"]].map((f, i) => {
        const v = g16(data, offset + 4 + 2 * i, end);
        tree.add(f, offset + 4 + 2 * i, 2, v);
        return v;
      });
      let cur = offset + 12;
      if (counts[0]! > 0) cur = section(cur, counts[0]!, "Queries", (o) => dissectQuestion(o, !response));
      if (counts[1]! > 0) cur = section(cur, counts[1]!, "Answers", (o) => dissectAnswer(o, response, opcode));
      if (counts[2]! > 0) cur = section(cur, counts[2]!, "Authoritative nameservers", (o) => dissectAnswer(o, false, opcode));
      if (counts[3]! > 0) section(cur, counts[3]!, "Additional records", (o) => dissectAnswer(o, false, opcode));
    } catch (e) {
      if (!(e instanceof Truncated)) throw e;
      malformed(pinfo, "NBNS", offset, "message runs past the end of the data");
    } finally {
      if (opened) tree.close();
    }
    return end - offset;
  },
};

register("udp.port", 137, nbns);
