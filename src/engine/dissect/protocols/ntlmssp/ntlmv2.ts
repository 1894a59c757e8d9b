/**
 * NTLMv2's keys (MS-NLMP §3.3.2), computed the way Wireshark's NTLMSSP
 * dissector tries them when no keytab or password is configured: with the
 * NT hash of the empty password. When that password was the one used, the
 * AUTHENTICATE message's NTProofStr matches and the session keys follow:
 *
 *   NTOWFv2        = HMAC-MD5(MD4(UNICODE(Passwd)), UNICODE(Uppercase(User) + UserDom))
 *   NTProofStr     = HMAC-MD5(NTOWFv2, ServerChallenge + temp)   (temp: the NT response after its first 16 bytes)
 *   SessionBaseKey = HMAC-MD5(NTOWFv2, NTProofStr)
 *   KeyExchangeKey = SessionBaseKey                                (§3.4.5.1 KXKEY, NTLMv2)
 *   ExportedSessionKey = RC4K(KeyExchangeKey, EncryptedRandomSessionKey) with NEGOTIATE_KEY_EXCH, else KeyExchangeKey
 */
import { hmacMd5 } from "../../md5";
import { md4 } from "./md4";
import { rc4 } from "./rc4";

export const NEGOTIATE_KEY_EXCH = 0x40000000;

/** A password's NT hash (NTOWFv1, §3.3.1) and where it came from, as Wireshark names it in its expert item. */
export interface NtHash {
  origin: string;
  hash: Uint8Array;
}

/** UTF-16LE, the "UNICODE()" of MS-NLMP. */
function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}

/** Uppercase(User) code unit by code unit, so the length stays (a character whose upper case is two, like ß, is kept). */
function upper(s: string): string {
  let out = "";
  for (const ch of s) {
    const u = ch.toUpperCase();
    out += u.length === ch.length ? u : ch;
  }
  return out;
}

export function ntHash(password: string): Uint8Array {
  return md4(utf16le(password));
}

/**
 * The NT hashes tried with no password configured: the empty password's
 * (31d6cfe0…), which Wireshark names "<Global NT Password>" (its
 * ntlmssp.nt_password preference, empty by default).
 */
export const DEFAULT_NT_HASHES: readonly NtHash[] = [{ origin: "<Global NT Password>", hash: ntHash("") }];

export function ntowfv2(hash: Uint8Array, user: string, domain: string): Uint8Array {
  return hmacMd5(hash, utf16le(upper(user) + domain));
}

function equal16(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface Ntlmv2Keys {
  /** The NT hash whose NTProofStr matched. */
  used: NtHash;
  baseSessionKey: Uint8Array;
  /** The exported session key. */
  sessionKey: Uint8Array;
}

/**
 * The keys of an NTLMv2 AUTHENTICATE message, or null when none of `hashes`
 * reproduces its NTProofStr. `ntResponse` is the NtChallengeResponse
 * (NTProofStr then the client's blob, more than 24 bytes: §2.2.2.8);
 * `encryptedKey` the EncryptedRandomSessionKey, zero-padded to 16 bytes.
 *
 * Wireshark 4.0 also derives KeyExchangeKey with DES when NEGOTIATE_LM_KEY
 * or REQUEST_NON_NT_SESSION_KEY is set; §3.4.5.1 says NTLMv2 uses the
 * SessionBaseKey whatever the flags, and so do we.
 */
export function ntlmv2Keys(hashes: readonly NtHash[], user: string, domain: string, serverChallenge: Uint8Array, ntResponse: Uint8Array, flags: number, encryptedKey: Uint8Array): Ntlmv2Keys | null {
  if (ntResponse.length <= 24) return null;
  const challengeAndTemp = new Uint8Array(8 + ntResponse.length - 16);
  challengeAndTemp.set(serverChallenge.subarray(0, 8));
  challengeAndTemp.set(ntResponse.subarray(16), 8);
  for (const used of hashes) {
    const owf = ntowfv2(used.hash, user, domain);
    const proof = hmacMd5(owf, challengeAndTemp);
    if (!equal16(proof, ntResponse)) continue;
    const baseSessionKey = hmacMd5(owf, proof);
    const sessionKey = flags & NEGOTIATE_KEY_EXCH ? rc4(baseSessionKey, encryptedKey) : baseSessionKey;
    return { used, baseSessionKey, sessionKey };
  }
  return null;
}
