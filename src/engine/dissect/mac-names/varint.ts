/**
 * The varint digits of the MAC name tables (data.ts): 64 characters that need
 * no escaping in a string literal. A digit's index below 32 is the last 5 bits
 * of a number; 32 and above carry 5 bits and say more digits follow
 * (little-endian, so 48-bit keys decode with arithmetic, not 32-bit shifts).
 */
export const VARINT_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/** Digit value of each character code (-1: not a digit). */
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < VARINT_ALPHABET.length; i++) DIGIT[VARINT_ALPHABET.charCodeAt(i)] = i;

/** One varint (the update script writes the tables with it). */
export function encodeVarint(n: number): string {
  let s = "";
  for (;;) {
    const digit = n % 32;
    n = Math.floor(n / 32);
    if (n === 0) return s + VARINT_ALPHABET[digit];
    s += VARINT_ALPHABET[digit + 32];
  }
}

/** How many varints a string holds (one final digit each), to size arrays before reading. */
export function countVarints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (DIGIT[text.charCodeAt(i)]! < 32) n++;
  return n;
}

/** Reads varints one after another from a string. */
export class VarintReader {
  private at = 0;
  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.at >= this.text.length;
  }

  next(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const d = DIGIT[this.text.charCodeAt(this.at++)]!;
      if (d < 0) throw new Error(`bad varint digit at ${this.at - 1}`);
      if (d < 32) return value + d * scale;
      value += (d - 32) * scale;
      scale *= 32;
    }
  }
}
