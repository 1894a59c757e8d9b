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
 * `md5.test.ts` checks it against hash-wasm.
 */
const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

export function md5Hex(text: string): string {
  const msg = new TextEncoder().encode(text);
  const n = ((msg.length + 8) >> 6) + 1;
  const words = new Uint32Array(n * 16);
  for (let i = 0; i < msg.length; i++) words[i >> 2]! |= msg[i]! << ((i & 3) * 8);
  words[msg.length >> 2]! |= 0x80 << ((msg.length & 3) * 8);
  words[n * 16 - 2] = (msg.length * 8) >>> 0;
  words[n * 16 - 1] = Math.floor((msg.length * 8) / 2 ** 32);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  for (let blk = 0; blk < n; blk++) {
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
  let out = "";
  for (const v of [a0, b0, c0, d0]) for (let i = 0; i < 4; i++) out += ((v >>> (8 * i)) & 0xff).toString(16).padStart(2, "0");
  return out;
}
