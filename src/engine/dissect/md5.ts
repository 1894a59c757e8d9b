/**
 * MD5 (RFC 1321) of a string's UTF-8 bytes, as lower-case hex: the JA3/JA3S
 * fingerprints Wireshark 4.0 adds to Client and Server Hellos.
 *
 * Not hash-wasm (which hashes the exported files, `ftp/content.ts`): its
 * hashers are created asynchronously (`createMD5()` compiles WebAssembly and
 * returns a Promise), while a dissector runs synchronously, packet by packet,
 * and no engine entry point awaits an initialisation the dissectors could
 * rely on. A top-level await here would make every module that imports a
 * dissector asynchronous, the worker included, whose message handler would
 * then be installed only once it settled. JA3 hashes a few hundred bytes once
 * per hello, so this small implementation costs nothing measurable;
 * `md5.test.ts` checks it against hash-wasm. NTLMSSP keys HMAC-MD5 (RFC 2104)
 * over it, and MD4 (`protocols/ntlmssp/md4.ts`) pads its input as MD5 does.
 */
import { bytesToHex } from "./format";

const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/**
 * The message padded as MD4 and MD5 pad it (RFC 1320 §3.1-3.2, RFC 1321
 * §3.1-3.2): a 1 bit, zeros to 56 bytes mod 64, the bit length as a 64-bit
 * little-endian number; as little-endian 32-bit words, 16 a block.
 */
export function mdPaddedWords(msg: Uint8Array): Uint32Array {
  const n = ((msg.length + 8) >> 6) + 1;
  const words = new Uint32Array(n * 16);
  for (let i = 0; i < msg.length; i++) words[i >> 2]! |= msg[i]! << ((i & 3) * 8);
  words[msg.length >> 2]! |= 0x80 << ((msg.length & 3) * 8);
  words[n * 16 - 2] = (msg.length * 8) >>> 0;
  words[n * 16 - 1] = Math.floor((msg.length * 8) / 2 ** 32);
  return words;
}

/** The 16-byte digest of MD4's and MD5's four state words, low byte first. */
export function mdDigest(state: readonly number[]): Uint8Array {
  const out = new Uint8Array(16);
  state.forEach((v, k) => {
    for (let i = 0; i < 4; i++) out[k * 4 + i] = (v >>> (8 * i)) & 0xff;
  });
  return out;
}

/** MD5 (RFC 1321) of bytes. */
export function md5(msg: Uint8Array): Uint8Array {
  const words = mdPaddedWords(msg);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  for (let blk = 0; blk < words.length >> 4; blk++) {
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const tmp = d;
      d = c;
      c = b;
      const x = (a + f + MD5_K[i]! + words[blk * 16 + g]!) >>> 0;
      const sh = MD5_S[(i >> 4) * 4 + (i & 3)]!;
      b = (b + ((x << sh) | (x >>> (32 - sh)))) >>> 0;
      a = tmp;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  return mdDigest([a0, b0, c0, d0]);
}

/** MD5 of a string's UTF-8 bytes, as lower-case hex (JA3). */
export function md5Hex(text: string): string {
  return bytesToHex(md5(new TextEncoder().encode(text)));
}

/**
 * HMAC-MD5 (RFC 2104): MD5((K ^ opad) || MD5((K ^ ipad) || text)), a key
 * longer than MD5's 64-byte block hashed first.
 */
export function hmacMd5(key: Uint8Array, text: Uint8Array): Uint8Array {
  const k = new Uint8Array(64);
  k.set(key.length > 64 ? md5(key) : key);
  const inner = new Uint8Array(64 + text.length);
  const outer = new Uint8Array(64 + 16);
  for (let i = 0; i < 64; i++) {
    inner[i] = k[i]! ^ 0x36;
    outer[i] = k[i]! ^ 0x5c;
  }
  inner.set(text, 64);
  outer.set(md5(inner), 64);
  return md5(outer);
}
