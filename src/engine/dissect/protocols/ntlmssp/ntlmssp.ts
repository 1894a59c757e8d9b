/**
 * NTLMSSP messages (MS-NLMP §2.2.1) inside the security blobs of SMB's and
 * SMB2's session setups, as far as Wireshark 4.0's Info column shows them:
 * the message type ("NTLMSSP_NEGOTIATE", "NTLMSSP_CHALLENGE",
 * "NTLMSSP_AUTH") and, for AUTHENTICATE, "User: DOMAIN\user".
 *
 *   +0 "NTLMSSP\0"  +8 message type (LE32)
 *   AUTHENTICATE: +12 LM response, +20 NT response, +28 domain, +36 user,
 *   +44 workstation (each a security buffer: length LE16, max LE16, offset LE32
 *   from the message start), +60 negotiate flags (bit 0: Unicode strings)
 *
 * The blob is SPNEGO (RFC 4178) around the token; rather than decoding its
 * DER we find the NTLMSSP signature in it, which is where the token begins
 * whatever the wrapping (a raw NTLMSSP blob, negTokenInit, negTokenResp).
 *
 * A CHALLENGE's server challenge and flags are kept for the connection, and
 * an AUTHENTICATE then gets the session key items tshark shows (`keys.ts`).
 */
import { defineFields } from "../../field";
import { enterLayer, u16le, u32le } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { rememberChallenge, sessionKeyItems } from "./keys";

const SIGNATURE = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00]; // "NTLMSSP\0"
const MESSAGE_TYPES: Record<number, string> = { 1: "NTLMSSP_NEGOTIATE", 2: "NTLMSSP_CHALLENGE", 3: "NTLMSSP_AUTH" };
const NEGOTIATE_UNICODE = 0x00000001;

export const ntlmsspFields = defineFields("ntlmssp", {
  "": { name: "NTLM Secure Service Provider", type: "protocol" },
  identifier: { name: "NTLMSSP identifier", type: "string" },
  messagetype: { name: "NTLM Message Type", type: "uint32", base: "hex", vals: MESSAGE_TYPES },
  "auth.domain": { name: "Domain name", type: "string" },
  "auth.username": { name: "User name", type: "string" },
  "auth.hostname": { name: "Host name", type: "string" },
});
const F = ntlmsspFields;

function findSignature(data: Uint8Array, start: number, end: number): number {
  outer: for (let i = start; i + 12 <= end; i++) {
    for (let k = 0; k < 8; k++) if (data[i + k] !== SIGNATURE[k]) continue outer;
    return i;
  }
  return -1;
}

/** A security buffer's string; null when it points outside the message. */
function bufferString(data: Uint8Array, msg: number, at: number, end: number, unicode: boolean): { text: string; off: number; len: number } | null {
  if (at + 8 > end) return null;
  const len = u16le(data, at);
  const off = msg + u32le(data, at + 4);
  if (len === 0) return { text: "", off, len: 0 };
  if (off + len > end) return null;
  let text = "";
  if (unicode) for (let i = off; i + 1 < off + len; i += 2) text += String.fromCharCode(u16le(data, i));
  else for (let i = off; i < off + len; i++) text += String.fromCharCode(data[i]!);
  return { text, off, len };
}

/**
 * Dissects the NTLMSSP token in data[start, end) if there is one and returns
 * what Info gets (", NTLMSSP_AUTH, User: D\u"), or "" when the blob holds none.
 */
export function ntlmsspInfo(data: Uint8Array, start: number, end: number, pinfo: PacketInfo): string {
  const msg = findSignature(data, start, end);
  if (msg < 0) return "";
  enterLayer(pinfo, "ntlmssp");
  const tree = pinfo.tree;
  tree.open(F[""], msg, end - msg, null, tree.detailed ? "NTLM Secure Service Provider" : undefined);
  tree.add(F.identifier, msg, 8, "NTLMSSP");
  const type = u32le(data, msg + 8);
  tree.add(F.messagetype, msg + 8, 4, type);
  let info = `, ${MESSAGE_TYPES[type] ?? `Unknown NTLMSSP message type`}`;
  if (type === 2) rememberChallenge(data, msg, end, pinfo);
  if (type === 3 && msg + 64 <= end) {
    const unicode = (u32le(data, msg + 60) & NEGOTIATE_UNICODE) !== 0;
    const domain = bufferString(data, msg, msg + 28, end, unicode);
    const user = bufferString(data, msg, msg + 36, end, unicode);
    const host = bufferString(data, msg, msg + 44, end, unicode);
    if (domain) tree.add(F["auth.domain"], domain.off, domain.len, domain.text || "NULL");
    if (user) tree.add(F["auth.username"], user.off, user.len, user.text || "NULL");
    if (host) tree.add(F["auth.hostname"], host.off, host.len, host.text || "NULL");
    if (domain && user) {
      info += `, User: ${domain.text}\\${user.text}`;
      sessionKeyItems(data, msg, end, user.text, domain.text, pinfo);
    }
  }
  tree.close();
  return info;
}
