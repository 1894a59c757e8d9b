/**
 * Connection-oriented DCE/RPC (C706 §12.6, MS-RPCE) carried in named-pipe
 * reads and writes, as Wireshark 4.0's packet-dcerpc.c writes its Info:
 * "<type>: call_id: N, Fragment: Single|1st|Last|Mid", then for a bind
 * ", K context items: IFACE Vx.y (transfer syntax)" (comma-joined), for a
 * bind ack ", max_xmit: A max_recv: B, K results: Acceptance, …", for a
 * request ", opnum: N, Ctx: C". Interfaces and transfer syntaxes by name
 * when known, otherwise as their UUID text.
 *
 *   +0 version 5  +1 minor  +2 packet type  +3 flags (1 first, 2 last)
 *   +4 data representation (4)  +8 frag length  +10 auth length  +12 call id
 *
 * A request's interface is the one its context was bound to (kept per
 * connection, with whether its transfer syntax is NDR64); a response's
 * operation is its request's (by call ID). SRVSVC's stub goes to srvsvc.ts
 * as dcerpc_try_handoff hands it on: a top-level "Server Service" item after
 * DCERPC's (the pipe gave DCERPC the root tree), the operation in the
 * Protocol and Info columns, the NDR decoded by ndr.ts, and what the
 * operation leaves unread flagged "Long frame".
 */
import { defineField, defineFields } from "../../field";
import { enterLayer, enterUnlistedLayer, expertField, markMalformed } from "../../common";
import { Truncated, ensure } from "../../bytes";
import { relTimeToString, timeDiff } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { le16, le32 } from "../smb/le";
import { bitItem } from "../bitmask";
import { Ndr } from "./ndr";
import { NotDecoded, SRVSVC_UUID, readSrvsvcStub, srvsvcFields, srvsvcOperation, werrorText } from "./srvsvc";

const PACKET_TYPES: Record<number, string> = {
  0: "Request",
  1: "Ping",
  2: "Response",
  3: "Fault",
  4: "Working",
  5: "Nocall",
  6: "Reject",
  7: "Ack",
  8: "Cl_cancel",
  9: "Fack",
  10: "Cancel_ack",
  11: "Bind",
  12: "Bind_ack",
  13: "Bind_nak",
  14: "Alter_context",
  15: "Alter_context_resp",
  16: "AUTH3",
  17: "Shutdown",
  18: "Co_cancel",
  19: "Orphaned",
};
const FRAGMENTS = ["Mid", "1st", "Last", "Single"];
const NDR64_UUID = "71710533-beba-4937-8319-b5dbef9ccc36";
const SET = ["Set", "Not set"] as const;
/** The data representation label's formats (C706 §14.1). */
const BYTE_ORDERS: Record<number, string> = { 0: "Big-endian", 1: "Little-endian" };
const CHARACTER_SETS: Record<number, string> = { 0: "ASCII", 1: "EBCDIC" };
const FLOAT_FORMATS: Record<number, string> = { 0: "IEEE", 1: "VAX", 2: "Cray", 3: "IBM" };
const RESULTS: Record<number, string> = { 0: "Acceptance", 1: "User rejection", 2: "Provider rejection", 3: "Negotiate ACK" };

/** Names Wireshark registers for UUIDs (interfaces and transfer syntaxes) seen on Windows pipes. */
const UUID_NAMES = new Map<string, string>([
  ["8a885d04-1ceb-11c9-9fe8-08002b104860", "32bit NDR"],
  ["71710533-beba-4937-8319-b5dbef9ccc36", "64bit NDR"],
  [SRVSVC_UUID, "SRVSVC"],
  ["6bffd098-a112-3610-9833-46c3f87e345a", "WKSSVC"],
  ["12345778-1234-abcd-ef00-0123456789ab", "LSARPC"],
  ["12345778-1234-abcd-ef00-0123456789ac", "SAMR"],
  ["12345678-1234-abcd-ef00-01234567cffb", "RPC_NETLOGON"],
  ["e1af8308-5d1f-11c9-91a4-08002b14a0fa", "EPMv4"],
  ["338cd001-2244-31f1-aaaa-900038001003", "WINREG"],
  ["12345678-1234-abcd-ef00-0123456789ab", "SPOOLSS"],
  ["367abb81-9844-35f1-ad32-98f038001003", "SVCCTL"],
]);

export const dcerpcFields = defineFields("dcerpc", {
  "": { name: "Distributed Computing Environment / Remote Procedure Call (DCE/RPC)", type: "protocol" },
  ver: { name: "Version", type: "uint8" },
  ver_minor: { name: "Version (minor)", type: "uint8" },
  pkt_type: { name: "Packet type", type: "uint8", vals: PACKET_TYPES },
  cn_flags: { name: "Packet Flags", type: "uint8", base: "hex" },
  "cn_flags.object": { name: "Object", type: "boolean", bitmask: 0x80, bitWidth: 8, tfs: SET },
  "cn_flags.maybe": { name: "Maybe", type: "boolean", bitmask: 0x40, bitWidth: 8, tfs: SET },
  "cn_flags.dne": { name: "Did Not Execute", type: "boolean", bitmask: 0x20, bitWidth: 8, tfs: SET },
  "cn_flags.mpx": { name: "Multiplex", type: "boolean", bitmask: 0x10, bitWidth: 8, tfs: SET },
  "cn_flags.reserved": { name: "Reserved", type: "boolean", bitmask: 0x08, bitWidth: 8, tfs: SET },
  "cn_flags.cancel_pending": { name: "Cancel Pending", type: "boolean", bitmask: 0x04, bitWidth: 8, tfs: SET },
  "cn_flags.last_frag": { name: "Last Frag", type: "boolean", bitmask: 0x02, bitWidth: 8, tfs: SET },
  "cn_flags.first_frag": { name: "First Frag", type: "boolean", bitmask: 0x01, bitWidth: 8, tfs: SET },
  drep: { name: "Data Representation", type: "bytes" },
  "drep.byteorder": { name: "Byte order", type: "uint8", vals: BYTE_ORDERS },
  "drep.character": { name: "Character", type: "uint8", vals: CHARACTER_SETS },
  "drep.fp": { name: "Floating-point", type: "uint8", vals: FLOAT_FORMATS },
  cn_frag_len: { name: "Frag Length", type: "uint16" },
  cn_auth_len: { name: "Auth Length", type: "uint16" },
  cn_call_id: { name: "Call ID", type: "uint32" },
  cn_max_xmit: { name: "Max Xmit Frag", type: "uint16" },
  cn_max_recv: { name: "Max Recv Frag", type: "uint16" },
  cn_assoc_group: { name: "Assoc Group", type: "uint32", base: "hex" },
  cn_num_ctx_items: { name: "Num Ctx Items", type: "uint8" },
  cn_ctx_id: { name: "Context ID", type: "uint16" },
  cn_num_trans_items: { name: "Num Trans Items", type: "uint8" },
  cn_bind_if_ver: { name: "Interface Ver", type: "uint16" },
  cn_num_results: { name: "Num results", type: "uint8" },
  cn_ack_result: { name: "Ack result", type: "uint16", vals: RESULTS },
  cn_alloc_hint: { name: "Alloc hint", type: "uint32" },
  cn_cancel_count: { name: "Cancel count", type: "uint8" },
  opnum: { name: "Opnum", type: "uint16" },
  request_in: { name: "Request in frame", type: "framenum" },
  time: { name: "Time from request", type: "reltime" },
  payload_stub_data: { name: "Payload stub data", type: "none" },
  long_frame: { name: "Long frame", type: "none" },
});
const F = dcerpcFields;
/** The packet flags' bits, from the high one, as packet-dcerpc.c lists them under the flags item. */
const FLAG_BITS = [F["cn_flags.object"], F["cn_flags.maybe"], F["cn_flags.dne"], F["cn_flags.mpx"], F["cn_flags.reserved"], F["cn_flags.cancel_pending"], F["cn_flags.last_frag"], F["cn_flags.first_frag"]];
const textField = defineField("_ws.text", { name: "Text item", type: "none" });

/** A bound presentation context: its interface and whether its transfer syntax is NDR64. */
interface Context {
  uuid: string;
  ndr64: boolean;
}

/** A request, for its response: the context's interface, the operation, when and where it was. */
interface Call extends Context {
  opnum: number;
  frame: number;
  sec: number;
  nsec: number;
}

/** Bound contexts by connection and context ID, and each request's (call ID) for its response. */
class DcerpcState {
  readonly contexts = new Map<string, Context>();
  readonly calls = new Map<string, Call>();
  /** Responses' calls by frame, for re-dissection (a call ID may be used again later). */
  readonly answered = new Map<number, Call>();
}

/** The request a response answers: by call ID on the first pass, as the first pass found it after. */
function answeredCall(st: DcerpcState, key: string, pinfo: PacketInfo): Call | undefined {
  if (pinfo.visited) return st.answered.get(pinfo.num);
  const call = st.calls.get(key);
  if (call) st.answered.set(pinfo.num, call);
  return call;
}

/** Wireshark's dcerpc heuristic on pipes: version 5.0/5.1, a known packet type, a fragment length that fits. */
export function looksDcerpc(data: Uint8Array, at: number, end: number): boolean {
  if (end - at < 16) return false;
  if (data[at] !== 5 || data[at + 1]! > 1 || data[at + 2]! > 19) return false;
  const fragLen = data[at + 8]! | (data[at + 9]! << 8);
  return fragLen >= 16;
}

/** A UUID in its text form (first three groups little-endian, as NDR sends them). */
function uuidText(d: Uint8Array, at: number, end: number): string {
  ensure(at, 16, end);
  const h = (i: number): string => d[at + i]!.toString(16).padStart(2, "0");
  return `${h(3)}${h(2)}${h(1)}${h(0)}-${h(5)}${h(4)}-${h(7)}${h(6)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}

function uuidName(uuid: string): string {
  return UUID_NAMES.get(uuid) ?? uuid;
}

/** The item's text (and -T fields value): "… Request, Fragment: Single, FragLen: 152, Call: 2, Ctx: 1[, [Req: #874]]". */
function itemLabel(data: Uint8Array, offset: number, end: number, call: Call | undefined): string {
  const type = data[offset + 2]!;
  let label = `Distributed Computing Environment / Remote Procedure Call (DCE/RPC) ${PACKET_TYPES[type] ?? `Unknown (${type})`}, Fragment: ${FRAGMENTS[data[offset + 3]! & 3]}`;
  if (end - offset >= 16) label += `, FragLen: ${le16(data, offset + 8, end)}, Call: ${le32(data, offset + 12, end)}`;
  if ((type === 0 || type === 2) && end - offset >= 22) label += `, Ctx: ${le16(data, offset + 20, end)}`;
  if (type === 2 && call) label += `, [Req: #${call.frame}]`;
  return label;
}

/** The data representation (C706 §12.6.3.1): byte order and character set in the first byte, floating point in the second. */
function dataRepresentation(data: Uint8Array, at: number, tree: PacketInfo["tree"]): void {
  const d0 = data[at]!;
  const d1 = data[at + 1]!;
  const label = tree.detailed
    ? `Data Representation: ${Array.from(data.subarray(at, at + 4), (b) => b.toString(16).padStart(2, "0")).join("")} (Order: ${BYTE_ORDERS[d0 >> 4] ?? "Unknown"}, Char: ${CHARACTER_SETS[d0 & 15] ?? "Unknown"}, Float: ${FLOAT_FORMATS[d1] ?? "Unknown"})`
    : undefined;
  tree.open(F.drep, at, 4, data.subarray(at, at + 4), label);
  tree.add(F["drep.byteorder"], at, 1, d0 >> 4);
  tree.add(F["drep.character"], at, 1, d0 & 15);
  tree.add(F["drep.fp"], at + 1, 1, d1);
  tree.close();
}

/** A stub to hand on (dcerpc_try_handoff): where it is and the call it belongs to. */
interface Stub {
  at: number;
  end: number;
  call: Call;
  request: boolean;
}

export function dissectDcerpc(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  enterLayer(pinfo, "dcerpc");
  pinfo.protocol = "DCERPC";
  const cols = pinfo.wantColumns;
  const tree = pinfo.tree;
  const st = pinfo.state.get("dcerpc", () => new DcerpcState());
  const conn = `${pinfo.tcpStream}`;
  const type = data[offset + 2]!;
  const callKey = end - offset >= 16 ? `${conn}/${le32(data, offset + 12, end)}` : "";
  const wantLabel = tree.detailed || tree.wants(F[""]);
  const answered = type === 2 && callKey ? answeredCall(st, callKey, pinfo) : undefined;
  tree.open(F[""], offset, end - offset, null, wantLabel ? itemLabel(data, offset, end, answered) : undefined);
  let stub: Stub | null = null;
  try {
    const flags = data[offset + 3]!;
    tree.add(F.ver, offset, 1, 5);
    tree.add(F.ver_minor, offset + 1, 1, data[offset + 1]!);
    tree.add(F.pkt_type, offset + 2, 1, type);
    tree.open(F.cn_flags, offset + 3, 1, flags);
    for (const f of FLAG_BITS) bitItem(tree, f, offset + 3, 1, flags);
    tree.close();
    dataRepresentation(data, offset + 4, tree);
    tree.add(F.cn_frag_len, offset + 8, 2, le16(data, offset + 8, end));
    tree.add(F.cn_auth_len, offset + 10, 2, le16(data, offset + 10, end));
    const callId = le32(data, offset + 12, end);
    tree.add(F.cn_call_id, offset + 12, 4, callId);
    if (cols) pinfo.info = `${PACKET_TYPES[type] ?? `Unknown (${type})`}: call_id: ${callId}, Fragment: ${FRAGMENTS[flags & 3]}`;
    let at = offset + 16;
    if (type === 11 || type === 14) {
      // Bind / Alter_context: max xmit, max recv, assoc group, then the presentation context list.
      tree.add(F.cn_max_xmit, at, 2, le16(data, at, end));
      tree.add(F.cn_max_recv, at + 2, 2, le16(data, at + 2, end));
      tree.add(F.cn_assoc_group, at + 4, 4, le32(data, at + 4, end));
      ensure(at + 8, 4, end);
      const n = data[at + 8]!;
      tree.add(F.cn_num_ctx_items, at + 8, 1, n);
      if (cols) pinfo.info += `, ${n} context items:`;
      at += 12;
      for (let i = 0; i < n; i++) {
        const ctxId = le16(data, at, end);
        tree.add(F.cn_ctx_id, at, 2, ctxId);
        ensure(at + 2, 2, end);
        const trans = data[at + 2]!;
        tree.add(F.cn_num_trans_items, at + 2, 1, trans);
        const iface = uuidText(data, at + 4, end);
        const ver = le16(data, at + 20, end);
        const minor = le16(data, at + 22, end);
        tree.add(F.cn_bind_if_ver, at + 20, 2, ver);
        at += 24;
        let syntax = "";
        for (let t = 0; t < trans; t++) {
          syntax = uuidText(data, at, end);
          ensure(at + 16, 4, end);
          at += 20;
        }
        if (!pinfo.visited) st.contexts.set(`${conn}/${ctxId}`, { uuid: iface, ndr64: syntax === NDR64_UUID });
        if (cols) pinfo.info += `${i > 0 ? "," : ""} ${uuidName(iface)} V${ver}.${minor} (${uuidName(syntax)})`;
      }
    } else if (type === 12 || type === 15) {
      // Bind_ack: max xmit, max recv, assoc group, secondary address (length-prefixed, padded to 4), results.
      const xmit = le16(data, at, end);
      const recv = le16(data, at + 2, end);
      tree.add(F.cn_max_xmit, at, 2, xmit);
      tree.add(F.cn_max_recv, at + 2, 2, recv);
      tree.add(F.cn_assoc_group, at + 4, 4, le32(data, at + 4, end));
      const secLen = le16(data, at + 8, end);
      at += 10 + secLen;
      at += (4 - ((at - offset) & 3)) & 3;
      ensure(at, 4, end);
      const n = data[at]!;
      tree.add(F.cn_num_results, at, 1, n);
      if (cols) pinfo.info += `, max_xmit: ${xmit} max_recv: ${recv}, ${n} results:`;
      at += 4;
      for (let i = 0; i < n; i++) {
        const result = le16(data, at, end);
        tree.add(F.cn_ack_result, at, 2, result);
        ensure(at, 24, end);
        if (cols) pinfo.info += `${i > 0 ? "," : ""} ${RESULTS[result] ?? `Unknown result (${result})`}`;
        at += 24;
      }
    } else if (type === 0 || type === 2) {
      tree.add(F.cn_alloc_hint, at, 4, le32(data, at, end));
      const ctxId = le16(data, at + 4, end);
      tree.add(F.cn_ctx_id, at + 4, 2, ctxId);
      let call: Call | undefined;
      if (type === 0) {
        const opnum = le16(data, at + 6, end);
        tree.add(F.opnum, at + 6, 2, opnum);
        if (cols) pinfo.info += `, opnum: ${opnum}, Ctx: ${ctxId}`;
        const ctx = st.contexts.get(`${conn}/${ctxId}`);
        if (ctx !== undefined) {
          call = { ...ctx, opnum, frame: pinfo.num, sec: pinfo.tsSec, nsec: pinfo.tsNsec };
          if (!pinfo.visited) st.calls.set(callKey, call);
        }
        at += 8;
      } else {
        ensure(at + 6, 2, end);
        tree.add(F.cn_cancel_count, at + 6, 1, data[at + 6]!);
        call = answered;
        if (cols) pinfo.info += `, Ctx: ${ctxId}`;
        if (call) {
          tree.add(F.opnum, offset, 0, call.opnum, GENERATED);
          tree.add(F.request_in, offset, 0, call.frame, GENERATED);
          const t = timeDiff(pinfo.tsSec, pinfo.tsNsec, call.sec, call.nsec);
          tree.add(F.time, at + 8, 0, t, GENERATED, tree.detailed ? `Time from request: ${relTimeToString(t[0], t[1])} seconds` : undefined);
        }
        at += 8;
      }
      if (call && call.uuid === SRVSVC_UUID && srvsvcOperation(call.opnum)) {
        const stubEnd = Math.min(end, offset + le16(data, offset + 8, end));
        if (stubEnd > at) {
          if (tree.detailed) {
            tree.open(textField, at, stubEnd - at, null, `Complete stub data (${stubEnd - at} bytes)`);
            tree.add(F.payload_stub_data, at, stubEnd - at, null, 0, `Payload stub data (${stubEnd - at} bytes)`);
            tree.close();
          } else tree.add(F.payload_stub_data, at, stubEnd - at, null);
        }
        stub = { at, end: stubEnd, call, request: type === 0 };
      }
    }
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    pinfo.malformed ||= "DCERPC PDU runs past the end of the data";
    tree.expert(offset, 0, "error", "Malformed Packet (Exception occurred)");
    if (cols) pinfo.info += "[Malformed Packet]";
  } finally {
    tree.close();
  }
  if (stub) dissectSrvsvc(data, stub, pinfo);
}

/**
 * SRVSVC's stub, as dcerpc_try_handoff and the PIDL dissector show it: the
 * "Server Service, <operation>" item (operation, and on a response the
 * request's frame), the NDR; unread bytes after it are a "Long frame"
 * warning, a stub that ends too soon a malformed packet (both SRVSVC's, the
 * protocol in charge then).
 */
function dissectSrvsvc(data: Uint8Array, stub: Stub, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  const { call, request } = stub;
  const op = srvsvcOperation(call.opnum)!;
  enterUnlistedLayer(pinfo, "srvsvc");
  pinfo.protocol = "SRVSVC";
  if (pinfo.wantColumns) pinfo.info = `${op} ${request ? "request" : "response"}`;
  const S = srvsvcFields;
  tree.open(S[""], stub.at, stub.end - stub.at, null, tree.detailed || tree.wants(S[""]) ? `Server Service, ${op}` : undefined);
  tree.add(S.opnum, stub.at, 0, call.opnum);
  if (!request) tree.add(F.request_in, stub.at, 0, call.frame, GENERATED);
  const ndr = new Ndr(data, stub.at, stub.end, call.ndr64);
  let outcome: "read" | "short" | "unknown" = "read";
  let werror: number | null = null;
  try {
    werror = readSrvsvcStub(ndr, call.opnum, request);
  } catch (e) {
    if (e instanceof Truncated) outcome = "short";
    else if (e instanceof NotDecoded) outcome = "unknown";
    else throw e;
  }
  ndr.emit(tree);
  if (werror !== null && werror !== 0 && pinfo.wantColumns) pinfo.info += `, Error: ${werrorText(werror)}`;
  const left = stub.end - ndr.at;
  if (outcome === "read" && left > 0) {
    tree.open(textField, ndr.at, left, null, "Long frame");
    expertField(pinfo, F.long_frame, ndr.at, 0, "warn", "Long frame", "Protocol", "SRVSVC");
    tree.close();
    if (pinfo.wantColumns) pinfo.info += `[Long frame (${left} bytes)]`;
  }
  tree.close();
  if (outcome === "short") markMalformed(pinfo, "SRVSVC", stub.at, "NDR stub runs past the end of the data");
}
