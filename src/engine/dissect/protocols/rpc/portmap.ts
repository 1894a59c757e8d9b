/**
 * Portmap (RFC 1833 §3, program 100000) under ONC RPC, as Wireshark 4.0's
 * packet-portmap.c adds to RPC's Info: a GETPORT call names the program
 * ("YPSERV(100004) V:2 UDP"), its reply the port (" Port:N", or
 * " PROGRAM_NOT_AVAILABLE" for 0). CALLIT's forwarded call is not named in
 * Info (Wireshark makes the columns read-only before it).
 */
import { defineFields } from "../../field";
import { ipProtoName } from "../ipproto-names";
import type { PacketInfo } from "../../packet-info";
import { u32 } from "../../common";

export const PORTMAP_PROGRAM = 100000;

/** Procedure names of versions 2–4 that Wireshark shares (RFC 1833). */
export const PORTMAP_PROCEDURES: Record<number, string> = { 0: "NULL", 1: "SET", 2: "UNSET", 3: "GETPORT", 4: "DUMP", 5: "CALLIT" };

/** Names of the RPC programs a GETPORT call may ask about (their Wireshark dissectors' short names). */
const PROGRAM_NAMES = new Map<number, string>([
  [100000, "Portmap"],
  [100003, "NFS"],
  [100004, "YPSERV"],
  [100005, "MOUNT"],
  [100007, "YPBIND"],
  [100011, "RQUOTA"],
  [100021, "NLM"],
  [100024, "STAT"],
  [100227, "NFSACL"],
]);

export function rpcProgramName(prog: number): string {
  return PROGRAM_NAMES.get(prog) ?? "Unknown";
}

export const portmapFields = defineFields("portmap", {
  "": { name: "Portmap", type: "protocol" },
  procedure_v2: { name: "V2 Procedure", type: "uint32", vals: PORTMAP_PROCEDURES },
  prog: { name: "Program", type: "uint32" },
  version: { name: "Version", type: "uint32" },
  proto: { name: "Protocol", type: "uint32" },
  port: { name: "Port", type: "uint32" },
});

/** A GETPORT call's arguments (prog, vers, prot, port); false when they are not all there. */
export function getportCall(data: Uint8Array, at: number, end: number, pinfo: PacketInfo): boolean {
  if (at + 16 > end) return false;
  const prog = u32(data, at);
  const version = u32(data, at + 4);
  const proto = u32(data, at + 8);
  const tree = pinfo.tree;
  tree.add(portmapFields.prog, at, 4, prog);
  tree.add(portmapFields.version, at + 4, 4, version);
  tree.add(portmapFields.proto, at + 8, 4, proto);
  tree.add(portmapFields.port, at + 12, 4, u32(data, at + 12));
  if (pinfo.wantColumns) pinfo.appendInfo(` ${rpcProgramName(prog)}(${prog}) V:${version} ${ipProtoName(proto)}`);
  return true;
}

/** A GETPORT reply's port. */
export function getportReply(data: Uint8Array, at: number, end: number, pinfo: PacketInfo): boolean {
  if (at + 4 > end) return false;
  const port = u32(data, at);
  pinfo.tree.add(portmapFields.port, at, 4, port);
  if (pinfo.wantColumns) pinfo.appendInfo(port ? ` Port:${port}` : " PROGRAM_NOT_AVAILABLE");
  return true;
}
