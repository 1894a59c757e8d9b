/**
 * RC4, the stream cipher NTLM wraps the exported session key in when
 * NTLMSSP_NEGOTIATE_KEY_EXCH is set (MS-NLMP §3.1.5.1.2:
 * EncryptedRandomSessionKey = RC4K(KeyExchangeKey, ExportedSessionKey)).
 * Encrypting and decrypting are the same XOR with the key stream.
 */
export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  // Key scheduling.
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    const t = s[i]!;
    s[i] = s[j]!;
    s[j] = t;
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    const t = s[i]!;
    s[i] = s[j]!;
    s[j] = t;
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}
