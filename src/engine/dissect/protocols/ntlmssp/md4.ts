/**
 * MD4 (RFC 1320), which NTLM still uses for the NT hash of a password
 * (MS-NLMP §3.3.1: NTOWF = MD4(UNICODE(Passwd))). Not hash-wasm for the same
 * reason `md5.ts` is not: its hashers are made asynchronously and a dissector
 * runs synchronously. Padding and digest are MD5's (RFC 1320 §3.1-3.2, §3.5).
 */
import { mdDigest, mdPaddedWords } from "../../md5";

const rotl = (x: number, s: number): number => ((x << s) | (x >>> (32 - s))) >>> 0;

/** Round 2's and round 3's word orders and the shifts of each round (RFC 1320 §3.4). */
const ORDER2 = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
const ORDER3 = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
const SHIFTS = [
  [3, 7, 11, 19],
  [3, 5, 9, 13],
  [3, 9, 11, 15],
];

export function md4(msg: Uint8Array): Uint8Array {
  const words = mdPaddedWords(msg);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let blk = 0; blk < words.length; blk += 16) {
    // s[0..3] = A, B, C, D; step i updates s[(4 - i % 4) % 4]: A, D, C, B, A, …
    const s = h.slice();
    for (let i = 0; i < 48; i++) {
      const round = i >> 4;
      const j = i & 15;
      const t = (4 - (i & 3)) & 3;
      const b = s[(t + 1) & 3]!;
      const c = s[(t + 2) & 3]!;
      const d = s[(t + 3) & 3]!;
      let f: number;
      let k: number;
      let add: number;
      if (round === 0) {
        f = (b & c) | (~b & d); // F(X,Y,Z) = XY v not(X) Z
        k = j;
        add = 0;
      } else if (round === 1) {
        f = (b & c) | (b & d) | (c & d); // G(X,Y,Z) = XY v XZ v YZ
        k = ORDER2[j]!;
        add = 0x5a827999;
      } else {
        f = b ^ c ^ d; // H(X,Y,Z) = X xor Y xor Z
        k = ORDER3[j]!;
        add = 0x6ed9eba1;
      }
      s[t] = rotl((s[t]! + f + words[blk + k]! + add) >>> 0, SHIFTS[round]![i & 3]!);
    }
    for (let i = 0; i < 4; i++) h[i] = (h[i]! + s[i]!) >>> 0;
  }
  return mdDigest(h);
}
