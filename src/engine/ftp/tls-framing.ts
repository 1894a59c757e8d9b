/**
 * One direction of a control connection after AUTH TLS (RFC 4217 §4): TLS
 * records, skipped by their length, until the bytes at a record boundary
 * are no TLS record but an FTP line. That is how the channel returns to
 * cleartext after CCC (RFC 2228 §5.3 "Clear Command Channel", RFC 4217 §11):
 * each side sends its close_notify alert (RFC 8446 §6.1) and writes plain
 * text on the same TCP connection. The alert itself is encrypted in
 * TLS 1.3 (outer type 23), so the record framing, not the alert, tells
 * where the cleartext starts; the caller keeps the alert type when it is
 * visible (TLS ≤ 1.2, type 21).
 *
 * A record header is type (20 change_cipher_spec … 24 heartbeat), version
 * 0x03 0x0N, length ≤ 2^14 + 2048 (RFC 5246 §6.2.3). Those types are control
 * characters, so a boundary that starts with a printable letter or digit is
 * never TLS; the rest of the line is for the FTP parser to judge.
 */

const MAX_RECORD = (1 << 14) + 2048;

/** Where a fed run of bytes stands. */
export type FramingResult =
  /** Every byte was TLS (or unreadable after a hole). */
  | { clear: false }
  /** Cleartext starts at `offset` of the bytes just fed. */
  | { clear: true; offset: number };

function startsLine(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export class TlsFraming {
  private readonly header = new Uint8Array(5);
  private headerLength = 0;
  /** Body bytes of the current record still to skip. */
  private body = 0;
  /** A hole or a broken header: framing is lost until a chunk starts with a record or a line. */
  private lost = false;
  /** Content type of the last record header read (21: an alert in the clear, TLS ≤ 1.2). */
  lastType = -1;
  records = 0;

  /** Feeds the next bytes of this direction. */
  feed(bytes: Uint8Array): FramingResult {
    let i = 0;
    if (this.lost) {
      // After a hole only a chunk that starts a record or a line can be trusted.
      if (bytes.length > 0 && startsLine(bytes[0]!)) return { clear: true, offset: 0 };
      if (bytes.length < 3 || !this.plausibleStart(bytes[0]!, bytes[1]!, bytes[2]!)) return { clear: false };
      this.lost = false;
    }
    while (i < bytes.length) {
      if (this.body > 0) {
        const n = Math.min(this.body, bytes.length - i);
        this.body -= n;
        i += n;
        continue;
      }
      if (this.headerLength === 0 && startsLine(bytes[i]!)) return { clear: true, offset: i };
      this.header[this.headerLength++] = bytes[i++]!;
      if (this.headerLength < 5) continue;
      this.headerLength = 0;
      const [type, major, minor, hi, lo] = this.header as unknown as [number, number, number, number, number];
      const length = (hi << 8) | lo;
      if (!this.plausibleStart(type, major, minor) || length > MAX_RECORD) {
        this.lost = true;
        return { clear: false };
      }
      this.lastType = type;
      this.records++;
      this.body = length;
    }
    return { clear: false };
  }

  /** Bytes the capture lost: the record boundaries are no longer known. */
  gap(): void {
    this.lost = true;
    this.headerLength = 0;
    this.body = 0;
  }

  private plausibleStart(type: number, major: number, minor: number): boolean {
    return type >= 20 && type <= 24 && major === 3 && minor <= 4;
  }
}
