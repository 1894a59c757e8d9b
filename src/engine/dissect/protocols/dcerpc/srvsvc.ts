/**
 * SRVSVC (MS-SRVS), the Server Service over \PIPE\srvsvc: its interface
 * UUID, operation names by opnum as Wireshark 4.0 writes them (its own short
 * names, not MS-SRVS §3.1.4's Netr… ones), and the NDR of the operations
 * decoded so far, read as Wireshark's PIDL-generated packet-dcerpc-srvsvc.c
 * reads them from its srvsvc.idl (Samba's, not MS-SRVS's: NetShareEnumAll
 * takes the level and the union as two parameters where MS-SRVS §3.1.4.8
 * has one SHARE_ENUM_STRUCT, so on an NDR64 call the union's discriminant
 * is read from the structure's padding, as tshark does).
 */
import { defineFields } from "../../field";
import type { Ndr } from "./ndr";

export const SRVSVC_UUID = "4b324fc8-1670-01d3-1278-5a47bf6ee188";

const OPERATIONS: Record<number, string> = {
  8: "NetConnEnum",
  9: "NetFileEnum",
  10: "NetFileGetInfo",
  11: "NetFileClose",
  12: "NetSessEnum",
  13: "NetSessDel",
  14: "NetShareAdd",
  15: "NetShareEnumAll",
  16: "NetShareGetInfo",
  17: "NetShareSetInfo",
  18: "NetShareDel",
  19: "NetShareDelSticky",
  20: "NetShareCheck",
  21: "NetSrvGetInfo",
  22: "NetSrvSetInfo",
  23: "NetDiskEnum",
  24: "NetServerStatisticsGet",
  25: "NetTransportAdd",
  26: "NetTransportEnum",
  27: "NetTransportDel",
  28: "NetRemoteTOD",
  30: "NetPathType",
  31: "NetPathCanonicalize",
  32: "NetPathCompare",
  33: "NetNameValidate",
  35: "NetPRNameCompare",
  36: "NetShareEnum",
  37: "NetShareDelStart",
  38: "NetShareDelCommit",
};

export function srvsvcOperation(opnum: number): string | undefined {
  return OPERATIONS[opnum];
}

/** srvsvc_ShareType (MS-SRVS §2.2.2.4: the type and its TEMPORARY and SPECIAL bits, Samba's names). */
const SHARE_TYPES: Record<number, string> = {
  0: "STYPE_DISKTREE",
  0x40000000: "STYPE_DISKTREE_TEMPORARY",
  0x80000000: "STYPE_DISKTREE_HIDDEN",
  1: "STYPE_PRINTQ",
  0x40000001: "STYPE_PRINTQ_TEMPORARY",
  0x80000001: "STYPE_PRINTQ_HIDDEN",
  2: "STYPE_DEVICE",
  0x40000002: "STYPE_DEVICE_TEMPORARY",
  0x80000002: "STYPE_DEVICE_HIDDEN",
  3: "STYPE_IPC",
  0x40000003: "STYPE_IPC_TEMPORARY",
  0x80000003: "STYPE_IPC_HIDDEN",
};

/** packet-dcerpc-srvsvc.c's field names (srvsvc.<struct or function>.<member>). */
export const srvsvcFields = defineFields("srvsvc", {
  "": { name: "Server Service", type: "protocol" },
  opnum: { name: "Operation", type: "uint16", vals: OPERATIONS },
  werror: { name: "Windows Error", type: "uint32", base: "hex", vals: { 0: "WERR_OK" } },
  "srvsvc_NetShareEnumAll.server_unc": { name: "Server Unc", type: "string" },
  "srvsvc_NetShareEnumAll.level": { name: "Level", type: "uint32" },
  "srvsvc_NetShareEnumAll.ctr": { name: "Ctr", type: "none" },
  "srvsvc_NetShareEnumAll.max_buffer": { name: "Max Buffer", type: "uint32" },
  "srvsvc_NetShareEnumAll.totalentries": { name: "Totalentries", type: "uint32" },
  "srvsvc_NetShareEnumAll.resume_handle": { name: "Resume Handle", type: "uint32" },
  "srvsvc_NetShareCtr.ctr0": { name: "Ctr0", type: "none" },
  "srvsvc_NetShareCtr.ctr1": { name: "Ctr1", type: "none" },
  "srvsvc_NetShareCtr0.count": { name: "Count", type: "uint32" },
  "srvsvc_NetShareCtr0.array": { name: "Array", type: "none" },
  "srvsvc_NetShareCtr1.count": { name: "Count", type: "uint32" },
  "srvsvc_NetShareCtr1.array": { name: "Array", type: "none" },
  "srvsvc_NetShareInfo0.name": { name: "Name", type: "string" },
  "srvsvc_NetShareInfo1.name": { name: "Name", type: "string" },
  "srvsvc_NetShareInfo1.type": { name: "Type", type: "uint32", vals: SHARE_TYPES },
  "srvsvc_NetShareInfo1.comment": { name: "Comment", type: "string" },
});
const F = srvsvcFields;

/** Thrown where the stub holds what is not decoded here (a union arm, an operation): the reading stops, with no verdict. */
export class NotDecoded {}

/** WERROR codes Wireshark names (a few of WERR_errors): the response's Info appends ", Error: NAME" when not 0. */
const WERRORS: Record<number, string> = {
  0x5: "WERR_ACCESS_DENIED",
  0x57: "WERR_INVALID_PARAM",
  0x7c: "WERR_INVALID_LEVEL",
  0xea: "WERR_MORE_DATA",
};

export function werrorText(status: number): string {
  return WERRORS[status] ?? `Unknown DOS error 0x${status.toString(16).padStart(8, "0")}`;
}

/** A pointed-to [string] uint16 (UTF-16, conformant varying). */
function namePointer(n: Ndr, label: string, f: (typeof F)["srvsvc_NetShareInfo0.name"]): void {
  n.pointer("unique", `Pointer to ${label} (uint16)`, () => n.cvString(f));
}

/** srvsvc_NetShareCtr0/1: a count and a pointer to an array of NetShareInfo0/1. */
function shareCtr(n: Ndr, level: 0 | 1): void {
  const count = level === 0 ? F["srvsvc_NetShareCtr0.count"] : F["srvsvc_NetShareCtr1.count"];
  const array = level === 0 ? F["srvsvc_NetShareCtr0.array"] : F["srvsvc_NetShareCtr1.array"];
  n.u32(count);
  n.pointer("unique", `Pointer to Array (srvsvc_NetShareInfo${level})`, () =>
    n.conformantArray(() =>
      n.struct(array, true, () => {
        if (level === 0) namePointer(n, "Name", F["srvsvc_NetShareInfo0.name"]);
        else {
          namePointer(n, "Name", F["srvsvc_NetShareInfo1.name"]);
          n.u32(F["srvsvc_NetShareInfo1.type"]);
          namePointer(n, "Comment", F["srvsvc_NetShareInfo1.comment"]);
        }
      }),
    ),
  );
}

/** The srvsvc_NetShareCtr union behind the "Pointer to Ctr": its own discriminant, then a pointer to the level's container. */
function shareCtrUnion(n: Ndr): void {
  n.union("srvsvc_NetShareCtr", F["srvsvc_NetShareEnumAll.ctr"], (level) => {
    if (level !== 0 && level !== 1) throw new NotDecoded();
    const ctr = level === 0 ? F["srvsvc_NetShareCtr.ctr0"] : F["srvsvc_NetShareCtr.ctr1"];
    n.pointer("unique", `Pointer to Ctr${level} (srvsvc_NetShareCtr${level})`, () => n.struct(ctr, true, () => shareCtr(n, level)));
  });
}

function netShareEnumAllRequest(n: Ndr): void {
  namePointer(n, "Server Unc", F["srvsvc_NetShareEnumAll.server_unc"]);
  n.pointer("ref", "Pointer to Level (uint32)", () => n.u32(F["srvsvc_NetShareEnumAll.level"]));
  n.pointer("ref", "Pointer to Ctr (srvsvc_NetShareCtr)", () => shareCtrUnion(n));
  n.u32(F["srvsvc_NetShareEnumAll.max_buffer"]);
  n.pointer("unique", "Pointer to Resume Handle (uint32)", () => n.u32(F["srvsvc_NetShareEnumAll.resume_handle"]));
}

/** Returns the WERROR. */
function netShareEnumAllResponse(n: Ndr): number {
  n.pointer("ref", "Pointer to Level (uint32)", () => n.u32(F["srvsvc_NetShareEnumAll.level"]));
  n.pointer("ref", "Pointer to Ctr (srvsvc_NetShareCtr)", () => shareCtrUnion(n));
  n.pointer("ref", "Pointer to Totalentries (uint32)", () => n.u32(F["srvsvc_NetShareEnumAll.totalentries"]));
  n.pointer("unique", "Pointer to Resume Handle (uint32)", () => n.u32(F["srvsvc_NetShareEnumAll.resume_handle"]));
  return n.u32(F.werror);
}

/** The stub readers by opnum; a response's returns its WERROR. */
const READERS: Record<number, { request: (n: Ndr) => void; response: (n: Ndr) => number }> = {
  15: { request: netShareEnumAllRequest, response: netShareEnumAllResponse },
};

/** Reads an operation's stub into `n`; returns a response's WERROR (null for a request). Throws NotDecoded for an operation not decoded here. */
export function readSrvsvcStub(n: Ndr, opnum: number, request: boolean): number | null {
  const r = READERS[opnum];
  if (!r) throw new NotDecoded();
  if (request) {
    r.request(n);
    return null;
  }
  return r.response(n);
}
