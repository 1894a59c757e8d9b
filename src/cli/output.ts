/**
 * Buffered stdout as UTF-8 bytes: one write per ~1 MiB instead of one per
 * line. Text goes in with `line`/`text`; the `-T fields` printer also writes
 * numbers and addresses straight in as bytes (`int`, `hex`, `ipv4`,
 * `ether`, `pad9`), so the hot loop builds no strings for them.
 *
 * With a byte sink (`writeBytes`) the bytes go out as they are; otherwise
 * they are decoded back to text for the string sink (tests capture output
 * that way).
 */
/** Fewer, larger writes: each one copies the buffer (see `flush`), and large copies are cheaper per byte. */
const FLUSH_AT = 1 << 20;
const HEX = "0123456789abcdef";
const HEX_CODES = Uint8Array.from(HEX, (c) => c.charCodeAt(0));
const encoder = new TextEncoder();

export class Output {
  buf = new Uint8Array(FLUSH_AT + (1 << 16));
  pos = 0;
  private readonly decoder: TextDecoder | null;

  constructor(
    private readonly write: (s: string) => void,
    private readonly writeBytes?: (b: Uint8Array) => void,
  ) {
    this.decoder = writeBytes ? null : new TextDecoder("utf-8");
  }

  /** Makes room for `n` more bytes (writing out what is buffered if needed). */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = new Uint8Array(Math.max(n, this.buf.length * 2));
  }

  line(s: string): void {
    this.text(s);
    this.endLine();
  }

  /** Ends the current line; writes out the buffer once it holds enough. */
  endLine(): void {
    this.reserve(1);
    this.buf[this.pos++] = 10;
    if (this.pos >= FLUSH_AT) this.flush();
  }

  /** A string, as UTF-8. */
  text(s: string): void {
    const n = s.length;
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.reserve(n * 3);
    if (n > 64) {
      this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
      return;
    }
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        // Not ASCII from here on: the encoder does the rest (i is never inside a surrogate pair).
        this.pos = p + encoder.encodeInto(i === 0 ? s : s.slice(i), b.subarray(p)).written;
        return;
      }
      b[p++] = c;
    }
    this.pos = p;
  }

  /** One ASCII byte. */
  byte(c: number): void {
    this.reserve(1);
    this.buf[this.pos++] = c;
  }

  /** A safe integer in decimal, as String(v) writes it. */
  int(v: number): void {
    this.reserve(24);
    const b = this.buf;
    let p = this.pos;
    if (v < 0) {
      b[p++] = 45;
      v = -v;
    }
    let digits = 1;
    for (let pow = 10; v >= pow && digits < 16; pow *= 10) digits++;
    let q = p + digits;
    this.pos = q;
    // Floating-point steps above 2^31, integer ones below.
    while (v > 0x7fffffff) {
      const d = v % 10;
      b[--q] = 48 + d;
      v = (v - d) / 10;
    }
    while (v >= 10) {
      const t = (v / 10) | 0;
      b[--q] = 48 + v - t * 10;
      v = t;
    }
    b[--q] = 48 + v;
  }

  /** 0 ≤ v < 1e9 with nine digits, leading zeros included (nanoseconds). */
  pad9(v: number): void {
    this.reserve(9);
    const b = this.buf;
    for (let q = this.pos + 8; q >= this.pos; q--) {
      const t = (v / 10) | 0;
      b[q] = 48 + v - t * 10;
      v = t;
    }
    this.pos += 9;
  }

  /** "0x" and 0 ≤ v < 2^32 in lower-case hex, zero-padded to `digits`. */
  hex(v: number, digits: number): void {
    let n = 1;
    for (let t = v >>> 4; t !== 0; t >>>= 4) n++;
    if (n < digits) n = digits;
    this.reserve(2 + n);
    const b = this.buf;
    b[this.pos] = 48;
    b[this.pos + 1] = 120;
    const end = this.pos + 2 + n;
    for (let q = end - 1; q >= this.pos + 2; q--) {
      b[q] = HEX_CODES[v & 15]!;
      v >>>= 4;
    }
    this.pos = end;
  }

  /** A dotted IPv4 address of the unsigned 32-bit `v`. */
  ipv4(v: number): void {
    this.reserve(15);
    this.octet(v >>> 24);
    this.buf[this.pos++] = 46;
    this.octet((v >>> 16) & 0xff);
    this.buf[this.pos++] = 46;
    this.octet((v >>> 8) & 0xff);
    this.buf[this.pos++] = 46;
    this.octet(v & 0xff);
  }

  private octet(v: number): void {
    const b = this.buf;
    if (v >= 100) {
      b[this.pos++] = 48 + ((v / 100) | 0);
      b[this.pos++] = 48 + (((v / 10) | 0) % 10);
    } else if (v >= 10) {
      b[this.pos++] = 48 + ((v / 10) | 0);
    }
    b[this.pos++] = 48 + (v % 10);
  }

  /** The 6-byte MAC address at m[o] as "aa:bb:cc:dd:ee:ff". */
  ether(m: Uint8Array, o: number): void {
    this.reserve(17);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < 6; i++) {
      if (i) b[p++] = 58;
      const x = m[o + i]!;
      b[p++] = HEX_CODES[x >> 4]!;
      b[p++] = HEX_CODES[x & 15]!;
    }
    this.pos = p;
  }

  flush(): void {
    if (this.pos === 0) return;
    // A copy: an asynchronous write may still hold the bytes after this returns.
    if (this.writeBytes) this.writeBytes(this.buf.slice(0, this.pos));
    else this.write(this.decoder!.decode(this.buf.subarray(0, this.pos), { stream: true }));
    this.pos = 0;
  }
}
