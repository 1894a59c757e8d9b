/**
 * JA3 and JA3S (Salesforce's TLS fingerprints, as Wireshark 4.0 computes
 * them): the values a hello collects as it is dissected, GREASE left out.
 */

/** JA3 pieces gathered while the Client Hello is dissected (GREASE values skipped, RFC 8701). */
export const ja3 = { ciphers: [] as number[], exts: [] as number[], groups: [] as number[], formats: [] as number[], version: 0, on: false, cut: 0 };

/** ja3.cut: how far a broken extensions block got (Wireshark appends the pieces as it goes and returns early). */
export const JA3_WHOLE = 0;

export const JA3_NO_EXTS = 1; // the extensions length itself was bad: nothing after the ciphers

export const JA3_EXTS_ONLY = 2; // an extension's length was bad: the types so far, no groups/formats

export function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && (v >> 8) === (v & 0xff);
}
