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
 *   NetServerEnum2 response data: an entry per server (level 0: name[16];
 *   level 1: name[16], major, minor, server type, comment pointer), the
 *   pointer's low 16 bits minus the converter being the comment's offset in
 *   the data (MS-RAP §2.5.5.3.1, §2.5.5.3.2)
 */
import { defineFields } from "../../field";
import { enterUnlistedLayer } from "../../common";
import { Truncated, ensure } from "../../bytes";
import type { PacketInfo } from "../../packet-info";
import { serverTypeSuffix } from "../smb/names";
import { le16, le32 } from "../smb/le";
import { defineField } from "../../field";
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

/** packet-smb-pipe.c's status_vals (MS-RAP return codes). */
const STATUS: Record<number, string> = {
  0: "Success",
  5: "User has insufficient privilege",
  65: "Network access is denied",
  86: "The specified password is invalid",
  234: "Additional data is available",
  2114: "Service is not running on the remote computer",
  2123: "Supplied buffer is too small",
  2141: "Server is not configured for transactions (IPC$ not shared)",
  2212: "An error occurred while loading or running the logon script",
  2214: "The logon was not validated by any server",
  2217: "The logon server is running an older software version",
  2221: "The user name was not found",
  2226: "Operation not permitted on Backup Domain Controller",
  2240: "The user is not allowed to logon from this computer",
  2241: "The user is not allowed to logon at this time",
  2242: "The user password has expired",
  2243: "The password cannot be changed",
  2246: "The password is too short",
};

export const lanmanFields = defineFields("lanman", {
  "": { name: "Microsoft Windows Lanman Remote API Protocol", type: "protocol" },
  function_code: { name: "Function Code", type: "uint16", vals: FUNCTIONS },
  param_desc: { name: "Parameter Descriptor", type: "string" },
  ret_desc: { name: "Return Descriptor", type: "string" },
  level: { name: "Detail Level", type: "uint16" },
  recv_buf_len: { name: "Receive Buffer Length", type: "uint16" },
  status: { name: "Status", type: "uint16", vals: STATUS },
  convert: { name: "Convert", type: "uint16" },
  entry_count: { name: "Entry Count", type: "uint16" },
  available_count: { name: "Available Entries", type: "uint16" },
  enumeration_domain: { name: "Enumeration Domain", type: "string" },
  server: { name: "Server", type: "none" },
  "server.name": { name: "Server Name", type: "string" },
  "server.major": { name: "Major Version", type: "uint8" },
  "server.minor": { name: "Minor Version", type: "uint8" },
  "server.comment": { name: "Server Comment", type: "string" },
});
const textField = defineField("_ws.text", { name: "Text item", type: "none" });
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

/** What a request tells its response: the function code (-1: none read) and the detail level (-1: none). */
export interface LanmanRequest {
  cmd: number;
  level: number;
}

/** Dissects a request's parameters in data[offset, end). */
export function dissectLanmanRequest(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): LanmanRequest {
  open(pinfo, offset, end);
  const tree = pinfo.tree;
  let cmd = -1;
  let level = -1;
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
      level = le16(data, at, end);
      tree.add(F.level, at, 2, level);
      tree.add(F.recv_buf_len, at + 2, 2, le16(data, at + 2, end));
      const type = le32(data, at + 4, end);
      tree.add(browserFields.server_type, at + 4, 4, type);
      if (pinfo.wantColumns) pinfo.info += serverTypeSuffix(type);
      at += 8;
      // The descriptor's last item: "z" the domain to enumerate, "O" a null pointer in its place.
      if (pdesc[6] === "O") tree.add(F.enumeration_domain, at, 0, "", 0, tree.detailed ? "Enumeration Domain: (Null pointer)" : undefined);
      else if (pdesc[6] === "z") {
        const [domain, dlen] = stringz(data, at, end);
        tree.add(F.enumeration_domain, at, dlen, domain);
      }
    }
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    malformedHere(pinfo, offset);
  } finally {
    tree.close();
  }
  return { cmd, level };
}

export function dissectLanmanResponse(data: Uint8Array, params: number, paramsEnd: number, dataAt: number, dataEnd: number, req: LanmanRequest, pinfo: PacketInfo): void {
  const cmd = req.cmd;
  // The item spans the parameters and the data (packet-smb-pipe.c's tree covers both).
  open(pinfo, params, Math.max(params, dataEnd > dataAt ? dataEnd : paramsEnd));
  const tree = pinfo.tree;
  const empty = paramsEnd <= params && dataEnd <= dataAt;
  if (pinfo.wantColumns) pinfo.info = `${functionName(cmd)} ${empty ? "Interim Response" : "Response"}`;
  tree.add(F.function_code, params, 0, cmd);
  try {
    if (!empty) {
      tree.add(F.status, params, 2, le16(data, params, paramsEnd));
      const convert = le16(data, params + 2, paramsEnd);
      tree.add(F.convert, params + 2, 2, convert);
      if (cmd === NET_SERVER_ENUM2) {
        const entries = le16(data, params + 4, paramsEnd);
        tree.add(F.entry_count, params + 4, 2, entries);
        tree.add(F.available_count, params + 6, 2, le16(data, params + 6, paramsEnd));
        if (req.level === 0 || req.level === 1) servers(data, dataAt, dataEnd, entries, req.level, convert, pinfo);
      }
    }
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    malformedHere(pinfo, params);
  } finally {
    tree.close();
  }
}

/** NetServerEnum2's entries: level 0 a name, level 1 also versions, server type and a comment pointer. */
function servers(data: Uint8Array, dataAt: number, dataEnd: number, entries: number, level: number, convert: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  const size = level === 0 ? 16 : 26;
  tree.open(textField, dataAt, Math.min(entries * size, dataEnd - dataAt), null, "Servers");
  try {
    for (let i = 0, at = dataAt; i < entries; i++, at += size) {
      // A short entry ends the list with the exception Wireshark's reads raise (before its item, here).
      ensure(at, size, dataEnd);
      const [name] = stringz(data, at, at + 16);
      tree.open(F.server, at, size, null, tree.detailed ? `Server: ${name}` : undefined);
      tree.add(F["server.name"], at, 16, name);
      if (level === 1) {
        tree.add(F["server.major"], at + 16, 1, data[at + 16]!);
        tree.add(F["server.minor"], at + 17, 1, data[at + 17]!);
        tree.add(browserFields.server_type, at + 18, 4, le32(data, at + 18, dataEnd));
        // The comment is where the pointer says, counted from the data (get_stringz_pointer_value).
        const ptr = dataAt + ((le32(data, at + 22, dataEnd) & 0xffff) - convert);
        let nul = ptr;
        while (nul >= dataAt && nul < dataEnd && data[nul] !== 0) nul++;
        if (ptr >= dataAt && nul < dataEnd) tree.add(F["server.comment"], ptr, nul + 1 - ptr, stringz(data, ptr, nul + 1)[0]);
        else tree.add(F["server.comment"], 0, 0, "<String goes past end of frame>");
      }
      tree.close();
    }
  } finally {
    tree.close();
  }
}
