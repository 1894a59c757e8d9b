/**
 * LANMAN remote administration (MS-RAP) over the \PIPE\LANMAN transaction, as
 * Wireshark 4.0's packet-smb-pipe.c names it: Protocol "LANMAN", Info
 * "<function> Request" (NetServerEnum2 adds ", <server type>" per type bit,
 * as the browser does) or "<function> Response" (the function comes from
 * the request, the response does not repeat it).
 *
 *   request parameters: +0 function code (LE16), parameter descriptor and
 *   return descriptor (NUL-terminated), then the parameters the descriptor
 *   lists; NetServerEnum2 ("WrLehD…"): level, receive buffer length, server type
 *   response parameters: +0 status, +2 converter, +4 entry count, +6 available
 */
import { defineFields } from "../../field";
import { enterUnlistedLayer } from "../../common";
import { Truncated } from "../../bytes";
import type { PacketInfo } from "../../packet-info";
import { serverTypeSuffix } from "../smb/names";
import { le16, le32 } from "../smb/le";
import { browserFields, stringz } from "../browser/browser";

/** Function codes (MS-RAP §2.5.1) of the ones commonly seen. */
const FUNCTIONS: Record<number, string> = {
  0: "NetShareEnum",
  1: "NetShareGetInfo",
  13: "NetServerGetInfo",
  63: "NetWkstaGetInfo",
  104: "NetServerEnum2",
  119: "NetServerEnum3",
  132: "WWkstaUserLogon",
};
const NET_SERVER_ENUM2 = 104;

export const lanmanFields = defineFields("lanman", {
  "": { name: "Microsoft Windows Lanman Remote API Protocol", type: "protocol" },
  function_code: { name: "Function Code", type: "uint16", vals: FUNCTIONS },
  param_desc: { name: "Parameter Descriptor", type: "string" },
  ret_desc: { name: "Return Descriptor", type: "string" },
  level: { name: "Detail Level", type: "uint16" },
  recv_buf_len: { name: "Receive Buffer Length", type: "uint16" },
  status: { name: "Status", type: "uint16" },
  convert: { name: "Convert", type: "uint16" },
  entry_count: { name: "Entry Count", type: "uint16" },
  available_count: { name: "Available Entries", type: "uint16" },
});
const F = lanmanFields;

function functionName(cmd: number): string {
  return FUNCTIONS[cmd] ?? `Unknown Command (${cmd})`;
}

function open(pinfo: PacketInfo, offset: number, end: number): void {
  enterUnlistedLayer(pinfo, "lanman");
  pinfo.protocol = "LANMAN";
  pinfo.tree.open(F[""], offset, end - offset, null, pinfo.tree.detailed ? "Microsoft Windows Lanman Remote API Protocol" : undefined);
}

function malformedHere(pinfo: PacketInfo, offset: number): void {
  pinfo.malformed ||= "LANMAN parameters run past the end of the data";
  pinfo.tree.expert(offset, 0, "error", "Malformed Packet (Exception occurred)");
  if (pinfo.wantColumns) pinfo.info += "[Malformed Packet]";
}

/** Dissects a request's parameters in data[offset, end); returns its function code (the response needs it). */
export function dissectLanmanRequest(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  open(pinfo, offset, end);
  const tree = pinfo.tree;
  let cmd = -1;
  try {
    cmd = le16(data, offset, end);
    if (pinfo.wantColumns) pinfo.info = `${functionName(cmd)} Request`;
    tree.add(F.function_code, offset, 2, cmd);
    let at = offset + 2;
    const [pdesc, plen] = stringz(data, at, end);
    tree.add(F.param_desc, at, plen, pdesc);
    at += plen;
    const [rdesc, rlen] = stringz(data, at, end);
    tree.add(F.ret_desc, at, rlen, rdesc);
    at += rlen;
    if (cmd === NET_SERVER_ENUM2) {
      tree.add(F.level, at, 2, le16(data, at, end));
      tree.add(F.recv_buf_len, at + 2, 2, le16(data, at + 2, end));
      const type = le32(data, at + 4, end);
      tree.add(browserFields.server_type, at + 4, 4, type);
      if (pinfo.wantColumns) pinfo.info += serverTypeSuffix(type);
    }
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    malformedHere(pinfo, offset);
  } finally {
    tree.close();
  }
  return cmd;
}

export function dissectLanmanResponse(data: Uint8Array, params: number, paramsEnd: number, _dataAt: number, _dataEnd: number, cmd: number, pinfo: PacketInfo): void {
  open(pinfo, params, Math.max(params, paramsEnd));
  const tree = pinfo.tree;
  const empty = paramsEnd <= params && _dataEnd <= _dataAt;
  if (pinfo.wantColumns) pinfo.info = `${functionName(cmd)} ${empty ? "Interim Response" : "Response"}`;
  tree.add(F.function_code, params, 0, cmd, 1);
  try {
    if (!empty) {
      tree.add(F.status, params, 2, le16(data, params, paramsEnd));
      tree.add(F.convert, params + 2, 2, le16(data, params + 2, paramsEnd));
      if (cmd === NET_SERVER_ENUM2) {
        tree.add(F.entry_count, params + 4, 2, le16(data, params + 4, paramsEnd));
        tree.add(F.available_count, params + 6, 2, le16(data, params + 6, paramsEnd));
      }
    }
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    malformedHere(pinfo, params);
  } finally {
    tree.close();
  }
}
