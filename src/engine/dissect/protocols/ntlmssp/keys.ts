/**
 * The session keys of an AUTHENTICATE message, as Wireshark 4.0's NTLMSSP
 * dissector reports them: a CHALLENGE leaves its negotiated flags and
 * server challenge with the connection; the AUTHENTICATE after it, when it
 * carries an EncryptedRandomSessionKey and extended session security was
 * negotiated, has its NTLMv2 response tried against the NT hashes known (the
 * empty password's) and, on a match, gets three chat items (group Security,
 * protocol NTLMSSP) in its NTLMSSP tree: the hash used, the SessionBaseKey
 * and, when it differs from it, the exported session key.
 */
import { expert, u16le, u32le } from "../../common";
import { bytesToHex } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { DEFAULT_NT_HASHES, type Ntlmv2Keys, ntlmv2Keys } from "./ntlmv2";

const NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
const KEY_LEN = 16;

/** What a CHALLENGE left for the AUTHENTICATE after it on the same connection (Wireshark's ntlmssp_info). */
interface Challenge {
  flags: number;
  serverChallenge: Uint8Array;
}

class NtlmsspState {
  /** By connection: "t" + TCP stream, "u" + UDP stream. */
  readonly challenges = new Map<string, Challenge>();
  /** The keys found for an AUTHENTICATE, by frame: looked up, not recomputed, when the frame is dissected again. */
  readonly keys = new Map<number, Ntlmv2Keys>();
}

function connection(pinfo: PacketInfo): string | null {
  if (pinfo.inErrorPacket) return null;
  if (pinfo.tcpStream >= 0) return `t${pinfo.tcpStream}`;
  return pinfo.udpStream >= 0 ? `u${pinfo.udpStream}` : null;
}

const state = (pinfo: PacketInfo): NtlmsspState => pinfo.state.get("ntlmssp", () => new NtlmsspState());

/** CHALLENGE_MESSAGE (§2.2.1.2): NegotiateFlags at +20, ServerChallenge at +24. */
export function rememberChallenge(data: Uint8Array, msg: number, end: number, pinfo: PacketInfo): void {
  const conn = connection(pinfo);
  if (conn === null || pinfo.visited || msg + 32 > end) return;
  state(pinfo).challenges.set(conn, { flags: u32le(data, msg + 20), serverChallenge: data.slice(msg + 24, msg + 32) });
}

/** A security buffer's bytes (length LE16, offset LE32 from the message start), null when outside the message. */
function securityBuffer(data: Uint8Array, msg: number, at: number, end: number): Uint8Array | null {
  const len = u16le(data, at);
  const off = msg + u32le(data, at + 4);
  return off + len <= end ? data.subarray(off, off + len) : null;
}

/**
 * Where the AUTHENTICATE message's payload begins, relative to the message:
 * the session key and flags fields exist only before it (old clients omit
 * them). A buffer whose offset points into the fixed fields is not counted.
 */
function payloadStart(data: Uint8Array, msg: number, end: number): number {
  let start = end - msg;
  for (let at = 12; at <= 44; at += 8) {
    const off = u32le(data, msg + at + 4);
    if (off > at + 8) start = Math.min(start, off);
  }
  return start;
}

function findKeys(data: Uint8Array, msg: number, end: number, user: string, domain: string, pinfo: PacketInfo): Ntlmv2Keys | null {
  const st = state(pinfo);
  if (pinfo.visited) return st.keys.get(pinfo.num) ?? null;
  const dataStart = payloadStart(data, msg, end);
  if (dataStart <= 52 || msg + 60 > end) return null; // no EncryptedRandomSessionKeyFields
  const sessionBlob = securityBuffer(data, msg, msg + 52, end);
  if (sessionBlob === null || sessionBlob.length === 0 || sessionBlob.length > KEY_LEN) return null;
  const encryptedKey = new Uint8Array(KEY_LEN);
  encryptedKey.set(sessionBlob);
  const conn = connection(pinfo);
  const challenge = conn === null ? undefined : st.challenges.get(conn);
  // The CHALLENGE's flags rule; with none seen, the AUTHENTICATE's own (and a zero challenge, which will not verify).
  const ownFlags = dataStart > 60 && msg + 64 <= end ? u32le(data, msg + 60) : 0;
  const flags = challenge && challenge.flags !== 0 ? challenge.flags : ownFlags;
  if (!(flags & NEGOTIATE_EXTENDED_SESSIONSECURITY)) return null;
  const ntResponse = securityBuffer(data, msg, msg + 20, end);
  if (ntResponse === null) return null;
  const keys = ntlmv2Keys(DEFAULT_NT_HASHES, user, domain, challenge?.serverChallenge ?? new Uint8Array(8), ntResponse, flags, encryptedKey);
  if (keys) st.keys.set(pinfo.num, keys);
  return keys;
}

/** The AUTHENTICATE_MESSAGE's key items, for the message data[msg, end) of `user` in `domain`. */
export function sessionKeyItems(data: Uint8Array, msg: number, end: number, user: string, domain: string, pinfo: PacketInfo): void {
  const k = findKeys(data, msg, end, user, domain, pinfo);
  if (k === null) return;
  const say = (text: string): void => expert(pinfo, msg, end - msg, "chat", text, "Security", "NTLMSSP");
  say(`NTLMv2 authenticated using ${k.used.origin} (${bytesToHex(k.used.hash.subarray(0, 4))}...)`);
  const base = bytesToHex(k.baseSessionKey);
  say(`NTLMv2 BaseSessionKey (${base})`);
  const session = bytesToHex(k.sessionKey);
  if (session !== base) say(`NTLMSSP SessionKey (${session})`);
}
