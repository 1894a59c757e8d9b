/**
 * The session key items on hand-built CHALLENGE and AUTHENTICATE messages
 * (MS-NLMP §2.2.1.2, §2.2.1.3) of a user whose password is empty, through
 * `ntlmsspInfo` as SMB and SMB2 call it: which messages get them, their
 * text, and that a re-dissection finds them again. The key derivation itself
 * is checked against MS-NLMP's vectors in ntlmv2.test.ts; a real capture
 * against tshark in src/cli/ntlmssp-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { hmacMd5 } from "../../md5";
import { PacketInfo } from "../../packet-info";
import { CaptureState } from "../../state";
import { NULL_TREE } from "../../tree";
import { ntlmsspInfo } from "./ntlmssp";
import { ntHash, ntowfv2 } from "./ntlmv2";
import { rc4 } from "./rc4";

const le16 = (v: number): number[] => [v & 0xff, v >> 8];
const le32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
const utf16 = (s: string): number[] => Array.from(s).flatMap((c) => [c.charCodeAt(0), 0]);
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const SIGNATURE = [...Array.from("NTLMSSP", (c) => c.charCodeAt(0)), 0];

const FLAGS = 0xe28a8215; // KEY_EXCH, 56, 128, VERSION, TARGET_INFO, EXTENDED_SESSIONSECURITY, ALWAYS_SIGN, NTLM, SIGN, REQUEST_TARGET, UNICODE
const SERVER_CHALLENGE = [1, 2, 3, 4, 5, 6, 7, 8];
const EXPORTED_KEY = new Uint8Array(16).fill(0x55);

function challenge(serverChallenge = SERVER_CHALLENGE, flags = FLAGS): Uint8Array {
  return Uint8Array.from([
    ...SIGNATURE,
    ...le32(2), // MessageType
    ...le16(0), ...le16(0), ...le32(48), // TargetNameFields
    ...le32(flags), // NegotiateFlags
    ...serverChallenge, // ServerChallenge
    ...new Array<number>(8).fill(0), // Reserved
    ...le16(0), ...le16(0), ...le32(48), // TargetInfoFields
  ]);
}

/** An AUTHENTICATE from `user` in `domain` answering `serverChallenge` with `password`'s NTLMv2 response. */
function authenticate(user: string, domain: string, password: string, { serverChallenge = SERVER_CHALLENGE, withKey = true } = {}): Uint8Array {
  const owf = ntowfv2(ntHash(password), user, domain);
  const temp = [1, 1, 0, 0, 0, 0, 0, 0, ...new Array<number>(8).fill(0), ...new Array<number>(8).fill(0xaa), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const proof = hmacMd5(owf, Uint8Array.from([...serverChallenge, ...temp]));
  const encryptedKey = rc4(hmacMd5(owf, proof), EXPORTED_KEY);
  const payload: number[][] = [new Array<number>(24).fill(0), [...proof, ...temp], utf16(domain), utf16(user), utf16("HOST"), withKey ? [...encryptedKey] : []];
  const fixed = 88; // header, six buffers, flags, version, MIC
  const buffers: number[] = [];
  let at = fixed;
  for (const p of payload) {
    buffers.push(...le16(p.length), ...le16(p.length), ...le32(at));
    at += p.length;
  }
  return Uint8Array.from([...SIGNATURE, ...le32(3), ...buffers, ...le32(FLAGS), ...new Array<number>(8 + 16).fill(0), ...payload.flat()]);
}

/** Messages through one capture's state; each returns the expert items it added as "group/protocol: text". */
function connection() {
  const state = new CaptureState();
  let num = 0;
  return (msg: Uint8Array, { stream = 0, visited = false, frame = 0 } = {}): string[] => {
    const items: string[] = [];
    const pinfo = new PacketInfo(NULL_TREE, state);
    pinfo.num = frame || ++num;
    pinfo.visited = visited;
    pinfo.tcpStream = stream;
    pinfo.expertSink = { add: (_f, level, group, protocol, text) => void items.push(`${level} ${group}/${protocol}: ${text}`) };
    ntlmsspInfo(msg, 0, msg.length, pinfo);
    return items;
  };
}

const emptyHash = hex(ntHash("")).slice(0, 8);

describe("NTLMSSP session key items", () => {
  it("reports the empty password, the SessionBaseKey and the exported key on the AUTHENTICATE after a CHALLENGE", () => {
    const send = connection();
    expect(send(challenge())).toEqual([]);
    const items = send(authenticate("user", "DESKTOP", ""));
    const base = hex(hmacMd5(ntowfv2(ntHash(""), "user", "DESKTOP"), authenticate("user", "DESKTOP", "").subarray(88 + 24, 88 + 40)));
    expect(emptyHash).toBe("31d6cfe0");
    expect(items).toEqual([
      "1 Security/NTLMSSP: NTLMv2 authenticated using <Global NT Password> (31d6cfe0...)",
      `1 Security/NTLMSSP: NTLMv2 BaseSessionKey (${base})`,
      `1 Security/NTLMSSP: NTLMSSP SessionKey (${"55".repeat(16)})`,
    ]);
    // Re-dissected later (the details pane), after another CHALLENGE on the connection: the same items.
    send(challenge([9, 9, 9, 9, 9, 9, 9, 9]));
    expect(send(authenticate("user", "DESKTOP", ""), { visited: true, frame: 2 })).toEqual(items);
  });

  it("says nothing for another password, a challenge of another connection or none, or no session key", () => {
    const send = connection();
    send(challenge());
    expect(send(authenticate("user", "DESKTOP", "secret"))).toEqual([]);
    expect(send(authenticate("user", "DESKTOP", ""), { stream: 1 })).toEqual([]);
    expect(send(authenticate("user", "DESKTOP", "", { withKey: false }))).toEqual([]);
    expect(send(authenticate("user", "DESKTOP", "", { serverChallenge: [8, 7, 6, 5, 4, 3, 2, 1] }))).toEqual([]);
    // First seen on a re-dissection only: nothing was found on the first pass.
    expect(send(authenticate("user", "DESKTOP", ""), { visited: true, frame: 99 })).toEqual([]);
  });

  it("needs extended session security in the CHALLENGE's flags", () => {
    const send = connection();
    send(challenge(SERVER_CHALLENGE, FLAGS & ~0x00080000));
    expect(send(authenticate("user", "DESKTOP", ""))).toEqual([]);
  });
});
