/** NTLMv2 keys against MS-NLMP §4.2.4's test vectors (user "User", domain "Domain", password "Password"). */
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../../format";
import { NEGOTIATE_KEY_EXCH, ntHash, ntlmv2Keys, ntowfv2 } from "./ntlmv2";

const hexBytes = (s: string): Uint8Array => Uint8Array.from(s.replace(/\s+/g, "").match(/../g)!, (b) => parseInt(b, 16));
const utf16 = (s: string): number[] => Array.from(s).flatMap((c) => [c.charCodeAt(0), 0]);

// §4.2.4: ServerChallenge, and the temp of §3.3.2 the client built from
// Time 0, ClientChallenge aa…aa and the server's AV pairs (NbDomainName
// "Domain", NbComputerName "Server", EOL).
const SERVER_CHALLENGE = hexBytes("0123456789abcdef");
const TEMP = Uint8Array.from([
  ...[0x01, 0x01, 0, 0, 0, 0, 0, 0], // Responserversion, HiResponserversion, Z(6)
  ...new Array<number>(8).fill(0), // Time
  ...new Array<number>(8).fill(0xaa), // ChallengeFromClient
  ...[0, 0, 0, 0], // Z(4)
  ...[0x02, 0x00, 0x0c, 0x00, ...utf16("Domain")], // MsvAvNbDomainName
  ...[0x01, 0x00, 0x0c, 0x00, ...utf16("Server")], // MsvAvNbComputerName
  ...[0, 0, 0, 0], // MsvAvEOL
  ...[0, 0, 0, 0], // Z(4)
]);
const NT_PROOF = "68cd0ab851e51c96aabc927bebef6a1c"; // §4.2.4.2.2
const NT_RESPONSE = Uint8Array.from([...hexBytes(NT_PROOF), ...TEMP]);
const ENCRYPTED_KEY = hexBytes("c5dad2544fc9799094ce1ce90bc9d03e"); // §4.2.4.2.3
const PASSWORD = [{ origin: "test", hash: ntHash("Password") }];

describe("NTLMv2 (MS-NLMP §4.2.4)", () => {
  it("gives the NT hash and NTOWFv2 of the test password", () => {
    expect(bytesToHex(ntHash("Password"))).toBe("a4f49c406510bdcab6824ee7c30fd852"); // §4.2.2.1.2
    expect(bytesToHex(ntowfv2(ntHash("Password"), "User", "Domain"))).toBe("0c868a403bfd7a93a3001ef22ef02e3f"); // §4.2.4.1.1
    // User is upper-cased, the domain is not.
    expect(bytesToHex(ntowfv2(ntHash("Password"), "user", "Domain"))).toBe("0c868a403bfd7a93a3001ef22ef02e3f");
    expect(bytesToHex(ntowfv2(ntHash("Password"), "User", "DOMAIN"))).not.toBe("0c868a403bfd7a93a3001ef22ef02e3f");
  });

  it("checks the NTProofStr and derives SessionBaseKey, then unwraps the RC4-encrypted RandomSessionKey", () => {
    const k = ntlmv2Keys(PASSWORD, "User", "Domain", SERVER_CHALLENGE, NT_RESPONSE, NEGOTIATE_KEY_EXCH, ENCRYPTED_KEY)!;
    expect(k.used.origin).toBe("test");
    expect(bytesToHex(k.baseSessionKey)).toBe("8de40ccadbc14a82f15cb0ad0de95ca3"); // §4.2.4.1.2
    expect(bytesToHex(k.sessionKey)).toBe("55".repeat(16)); // §4.2.4 RandomSessionKey
  });

  it("exports the SessionBaseKey itself without NEGOTIATE_KEY_EXCH", () => {
    const k = ntlmv2Keys(PASSWORD, "User", "Domain", SERVER_CHALLENGE, NT_RESPONSE, 0, ENCRYPTED_KEY)!;
    expect(bytesToHex(k.sessionKey)).toBe("8de40ccadbc14a82f15cb0ad0de95ca3");
  });

  it("finds nothing with another password, challenge, user or a tampered blob, and takes the first hash that matches", () => {
    const empty = [{ origin: "<Global NT Password>", hash: ntHash("") }];
    expect(ntlmv2Keys(empty, "User", "Domain", SERVER_CHALLENGE, NT_RESPONSE, NEGOTIATE_KEY_EXCH, ENCRYPTED_KEY)).toBeNull();
    expect(ntlmv2Keys(PASSWORD, "User", "Domain", hexBytes("0123456789abcdee"), NT_RESPONSE, 0, ENCRYPTED_KEY)).toBeNull();
    expect(ntlmv2Keys(PASSWORD, "Other", "Domain", SERVER_CHALLENGE, NT_RESPONSE, 0, ENCRYPTED_KEY)).toBeNull();
    const tampered = NT_RESPONSE.slice();
    tampered[40] = tampered[40]! ^ 1;
    expect(ntlmv2Keys(PASSWORD, "User", "Domain", SERVER_CHALLENGE, tampered, 0, ENCRYPTED_KEY)).toBeNull();
    expect(ntlmv2Keys([...empty, ...PASSWORD], "User", "Domain", SERVER_CHALLENGE, NT_RESPONSE, 0, ENCRYPTED_KEY)!.used.origin).toBe("test");
  });

  it("treats a response of 24 bytes or fewer as not NTLMv2", () => {
    expect(ntlmv2Keys(PASSWORD, "User", "Domain", SERVER_CHALLENGE, NT_RESPONSE.subarray(0, 24), 0, ENCRYPTED_KEY)).toBeNull();
  });
});
