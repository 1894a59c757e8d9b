/**
 * ONC RPC (RFC 5531) over UDP, for the programs we dissect (Portmap), as
 * Wireshark 4.0's packet-rpc.c shows them: Protocol the program's name,
 * Info "V<version> <procedure> Call" and "… Reply (Call In N)".
 *
 *   call:  xid, 0, rpcvers 2, prog, vers, proc, cred (flavor, opaque), verf (flavor, opaque), args
 *   reply: xid, 1, reply_stat (0 accepted), verf, accept_stat (0 success), results
 *
 * Wireshark finds RPC on UDP with a heuristic (on by default) that takes a
 * call only for a program it knows and a reply only to a call it saw; this
 * one rejects with two word compares before anything else, so a capture
 * without RPC pays nothing beyond that. Replies find their call by XID and
 * the client's address and port. Not done: RPC over TCP (record marking),
 * programs other than Portmap, denied and unsuccessful replies' details.
 */
import { registerHeuristic } from "../../dissector";
import { defineFields } from "../../field";
import { enterLayer, u32 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { getportCall, getportReply, PORTMAP_PROCEDURES, PORTMAP_PROGRAM, portmapFields } from "./portmap";

const CALL = 0;
const REPLY = 1;
const GETPORT = 3;

export const rpcFields = defineFields("rpc", {
  "": { name: "Remote Procedure Call", type: "protocol" },
  xid: { name: "XID", type: "uint32", base: "hex_dec" },
  msgtyp: { name: "Message Type", type: "uint32", vals: { 0: "Call", 1: "Reply" } },
  version: { name: "RPC Version", type: "uint32" },
  program: { name: "Program", type: "uint32" },
  programversion: { name: "Program Version", type: "uint32" },
  procedure: { name: "Procedure", type: "uint32" },
  "auth.flavor": { name: "Flavor", type: "uint32", vals: { 0: "AUTH_NULL", 1: "AUTH_UNIX", 2: "AUTH_SHORT", 3: "AUTH_DES", 6: "RPCSEC_GSS" } },
  replystat: { name: "Reply State", type: "uint32", vals: { 0: "accepted", 1: "denied" } },
  state_accept: { name: "Accept State", type: "uint32", vals: { 0: "RPC executed successfully", 1: "remote hasn't exported program", 2: "remote can't support version #", 3: "program can't support procedure", 4: "procedure can't decode params", 5: "remote error" } },
  // Wireshark files "This is a reply to a request in frame N" under rpc.repframe.
  repframe: { name: "Reply Frame", type: "framenum" },
});

/** A call seen, for its reply: frame, program version and procedure. */
interface PendingCall {
  frame: number;
  version: number;
  procedure: number;
}

/** Calls by XID and client endpoint (the reply goes back to where the call came from). */
class RpcCalls {
  readonly byKey = new Map<string, PendingCall>();
}

const calls = (pinfo: PacketInfo): RpcCalls => pinfo.state.get("rpc", () => new RpcCalls());

/** An opaque_auth (flavor, length, body padded to 4): its end, or -1 when cut short. */
function skipAuth(data: Uint8Array, at: number, end: number, pinfo: PacketInfo): number {
  if (at + 8 > end) return -1;
  const len = u32(data, at + 4);
  pinfo.tree.add(rpcFields["auth.flavor"], at, 4, u32(data, at));
  const next = at + 8 + ((len + 3) & ~3);
  return next > end ? -1 : next;
}

function dissectRpcUdp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  if (end - offset < 24) return 0;
  const type = u32(data, offset + 4);
  if (type === CALL) return call(data, offset, end, pinfo);
  if (type === REPLY) return reply(data, offset, end, pinfo);
  return 0;
}

function call(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  if (u32(data, offset + 8) !== 2 || u32(data, offset + 12) !== PORTMAP_PROGRAM) return 0;
  const version = u32(data, offset + 16);
  const procedure = u32(data, offset + 20);
  const procName = PORTMAP_PROCEDURES[procedure];
  if (version < 2 || version > 4 || procName === undefined) return 0;
  const xid = u32(data, offset);
  enterLayer(pinfo, "rpc");
  pinfo.protocol = "Portmap";
  const tree = pinfo.tree;
  tree.open(rpcFields[""], offset, end - offset, null, tree.detailed ? `Remote Procedure Call, Type:Call XID:0x${xid.toString(16).padStart(8, "0")}` : undefined);
  tree.add(rpcFields.xid, offset, 4, xid);
  tree.add(rpcFields.msgtyp, offset + 4, 4, CALL);
  tree.add(rpcFields.version, offset + 8, 4, 2);
  tree.add(rpcFields.program, offset + 12, 4, PORTMAP_PROGRAM);
  tree.add(rpcFields.programversion, offset + 16, 4, version);
  tree.add(rpcFields.procedure, offset + 20, 4, procedure);
  const afterCred = skipAuth(data, offset + 24, end, pinfo);
  const args = afterCred < 0 ? -1 : skipAuth(data, afterCred, end, pinfo);
  tree.close();
  if (pinfo.wantColumns) pinfo.setInfo(`V${version} ${procName} Call`);
  if (!pinfo.visited) calls(pinfo).byKey.set(`${xid} ${pinfo.netSrc} ${pinfo.srcPort}`, { frame: pinfo.num, version, procedure });
  enterLayer(pinfo, "portmap");
  tree.open(portmapFields[""], args < 0 ? end : args, args < 0 ? 0 : end - args);
  // Wireshark repeats the version under the program's tree (generated) before the procedure.
  tree.add(rpcFields.programversion, offset + 16, 0, version, GENERATED);
  tree.add(portmapFields.procedure_v2, offset + 20, 4, procedure, GENERATED);
  if (args >= 0 && procedure === GETPORT) getportCall(data, args, end, pinfo);
  tree.close();
  return end - offset;
}

function reply(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  const xid = u32(data, offset);
  const pending = calls(pinfo).byKey.get(`${xid} ${pinfo.netDst} ${pinfo.dstPort}`);
  if (!pending) return 0;
  enterLayer(pinfo, "rpc");
  pinfo.protocol = "Portmap";
  const tree = pinfo.tree;
  const procName = PORTMAP_PROCEDURES[pending.procedure]!;
  tree.open(rpcFields[""], offset, end - offset, null, tree.detailed ? `Remote Procedure Call, Type:Reply XID:0x${xid.toString(16).padStart(8, "0")}` : undefined);
  tree.add(rpcFields.xid, offset, 4, xid);
  tree.add(rpcFields.msgtyp, offset + 4, 4, REPLY);
  tree.add(rpcFields.program, offset, 0, PORTMAP_PROGRAM, GENERATED);
  tree.add(rpcFields.programversion, offset, 0, pending.version, GENERATED);
  tree.add(rpcFields.procedure, offset, 0, pending.procedure, GENERATED);
  const replyStat = u32(data, offset + 8);
  tree.add(rpcFields.replystat, offset + 8, 4, replyStat);
  tree.add(rpcFields.repframe, offset, 0, pending.frame, GENERATED);
  if (pinfo.wantColumns) pinfo.setInfo(`V${pending.version} ${procName} Reply (Call In ${pending.frame})`);
  let results = -1;
  if (replyStat === 0) {
    const afterVerf = skipAuth(data, offset + 12, end, pinfo);
    if (afterVerf >= 0 && afterVerf + 4 <= end) {
      const accept = u32(data, afterVerf);
      tree.add(rpcFields.state_accept, afterVerf, 4, accept);
      if (accept === 0) results = afterVerf + 4;
    }
  }
  tree.close();
  enterLayer(pinfo, "portmap");
  tree.open(portmapFields[""], results < 0 ? end : results, results < 0 ? 0 : end - results);
  tree.add(rpcFields.programversion, offset, 0, pending.version, GENERATED);
  tree.add(portmapFields.procedure_v2, offset, 0, pending.procedure, GENERATED);
  if (results >= 0 && pending.procedure === GETPORT) getportReply(data, results, end, pinfo);
  tree.close();
  return end - offset;
}

registerHeuristic("udp", { name: "rpc", dissect: dissectRpcUdp });
