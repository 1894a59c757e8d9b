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
 * connection); for SRVSVC the Protocol column and Info name the operation
 * (packet-dcerpc-srvsvc.c's opnum names), without decoding its NDR stub.
 */
import { defineFields } from "../../field";
import { enterLayer } from "../../common";
import { Truncated, ensure } from "../../bytes";
import type { PacketInfo } from "../../packet-info";
import { le16, le32 } from "../smb/le";
import { SRVSVC_UUID, srvsvcOperation } from "./srvsvc";

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
  drep: { name: "Data Representation", type: "bytes" },
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
  opnum: { name: "Opnum", type: "uint16" },
});
const F = dcerpcFields;

/** Bound interfaces by connection and context ID, and each request's (call ID) for its response. */
class DcerpcState {
  readonly contexts = new Map<string, string>();
  readonly calls = new Map<string, { uuid: string; opnum: number }>();
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

export function dissectDcerpc(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  enterLayer(pinfo, "dcerpc");
  pinfo.protocol = "DCERPC";
  const cols = pinfo.wantColumns;
  const tree = pinfo.tree;
  const st = pinfo.state.get("dcerpc", () => new DcerpcState());
  const conn = `${pinfo.tcpStream}`;
  tree.open(F[""], offset, end - offset, null, tree.detailed ? "Distributed Computing Environment / Remote Procedure Call (DCE/RPC)" : undefined);
  try {
    const type = data[offset + 2]!;
    const flags = data[offset + 3]!;
    tree.add(F.ver, offset, 1, 5);
    tree.add(F.ver_minor, offset + 1, 1, data[offset + 1]!);
    tree.add(F.pkt_type, offset + 2, 1, type);
    tree.add(F.cn_flags, offset + 3, 1, flags);
    tree.add(F.drep, offset + 4, 4, data.subarray(offset + 4, offset + 8));
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
        if (!pinfo.visited) st.contexts.set(`${conn}/${ctxId}`, iface);
        at += 24;
        let syntax = "";
        for (let t = 0; t < trans; t++) {
          syntax = uuidText(data, at, end);
          ensure(at + 16, 4, end);
          at += 20;
        }
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
      const callKey = `${conn}/${callId}`;
      let call: { uuid: string; opnum: number } | undefined;
      if (type === 0) {
        const opnum = le16(data, at + 6, end);
        tree.add(F.opnum, at + 6, 2, opnum);
        if (cols) pinfo.info += `, opnum: ${opnum}, Ctx: ${ctxId}`;
        const uuid = st.contexts.get(`${conn}/${ctxId}`);
        if (uuid !== undefined) {
          call = { uuid, opnum };
          if (!pinfo.visited) st.calls.set(callKey, call);
        }
      } else {
        call = st.calls.get(callKey);
        if (cols) pinfo.info += `, Ctx: ${ctxId}`;
      }
      if (call && call.uuid === SRVSVC_UUID) {
        const op = srvsvcOperation(call.opnum);
        if (op) {
          enterLayer(pinfo, "srvsvc");
          pinfo.protocol = "SRVSVC";
          if (cols) pinfo.info = `${op} ${type === 0 ? "request" : "response"}`;
        }
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
}
