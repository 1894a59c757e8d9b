/**
 * Telnet-style lines (RFC 959 §4: the control connection follows the Telnet
 * protocol, lines end with CRLF) out of one direction's reassembled bytes.
 *
 * Bytes arrive in pieces (TCP segments); a line may span several pieces and
 * a piece may hold several lines: every complete line is emitted with the
 * frame of its first byte and the frame that completed it. A bare LF also
 * ends a line (many clients and servers send it); a lone CR is kept. Telnet
 * commands (IAC …, RFC 854) are removed: clients send `IAC IP IAC DM` before
 * ABOR (RFC 959 §4.1.3). A hole in the stream (lost segments) drops the
 * partial line it cuts and marks the next line as following a gap.
 */
import { shortAscii } from "../dissect/bytes";

/** One line, valid during the `emit` call that hands it over (the splitter reuses it and its bytes). */
export interface Line {
  /** The line without its end-of-line, Telnet commands removed. */
  bytes: Uint8Array;
  /** Frame with the line's first byte, frame that completed it. */
  frame: number;
  lastFrame: number;
  time: number;
  /** Offset of the first byte in this direction's stream. */
  streamOffset: number;
  /**
   * A hole in the stream came right before this line: its start may be lost
   * (the bytes before the hole on the same line are dropped; the caller
   * decides whether what is left still reads as a line).
   */
  afterGap: boolean;
}

const CR = 0x0d;
const LF = 0x0a;
const IAC = 0xff;
/** Telnet WILL, WONT, DO, DONT take one option byte; SB ... IAC SE is a subnegotiation. */
const WILL = 0xfb;
const DONT = 0xfe;
const SB = 0xfa;
const SE = 0xf0;

/** Longest line kept (a control channel is not a data channel; beyond this the rest of the line is dropped). */
const MAX_LINE = 64 * 1024;

export class LineSplitter {
  private buf = new Uint8Array(256);
  private len = 0;
  private start = -1;
  private startFrame = 0;
  private startTime = 0;
  private gap = false;
  /** Telnet parser state: 0 data, 1 after IAC, 2 option byte expected, 3 in SB, 4 IAC inside SB. */
  private telnet = 0;

  constructor(private readonly emit: (line: Line) => void) {}

  /** A run of bytes starting at `streamOffset`, carried by `frame`. */
  push(bytes: Uint8Array, frame: number, time: number, streamOffset: number): void {
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i]!;
      switch (this.telnet) {
        case 1:
          if (c === IAC) break; // IAC IAC: a literal 0xff
          this.telnet = c >= WILL && c <= DONT ? 2 : c === SB ? 3 : 0;
          continue;
        case 2:
          this.telnet = 0;
          continue;
        case 3:
          if (c === IAC) this.telnet = 4;
          continue;
        case 4:
          this.telnet = c === SE ? 0 : 3;
          continue;
        default:
          if (c === IAC) {
            this.telnet = 1;
            continue;
          }
      }
      this.telnet = 0;
      if (c === LF) {
        const end = this.len > 0 && this.buf[this.len - 1] === CR ? this.len - 1 : this.len;
        if (this.start < 0) {
          // An empty line: inside a multi-line reply it is part of the text.
          this.start = streamOffset + i;
          this.startFrame = frame;
          this.startTime = time;
        }
        this.flush(end, frame);
        continue;
      }
      if (this.start < 0) {
        this.start = streamOffset + i;
        this.startFrame = frame;
        this.startTime = time;
      }
      if (this.len < MAX_LINE) this.append(c);
    }
  }

  /** Bytes the capture does not have: the line they cut is lost. */
  gapOf(): void {
    this.len = 0;
    this.start = -1;
    this.telnet = 0;
    this.gap = true;
  }

  /** End of the stream: a last line without CRLF still counts. */
  finish(lastFrame: number): void {
    if (this.start >= 0 && this.len > 0) this.flush(this.len, lastFrame);
  }

  private append(c: number): void {
    if (this.len === this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[this.len++] = c;
  }

  /** The line handed out, refilled for each: a control connection can carry a million lines. */
  private readonly line: Line = { bytes: this.buf, frame: 0, lastFrame: 0, time: 0, streamOffset: 0, afterGap: false };

  private flush(end: number, frame: number): void {
    const line = this.line;
    line.bytes = this.buf.subarray(0, end);
    line.frame = this.startFrame;
    line.lastFrame = frame;
    line.time = this.startTime;
    line.streamOffset = this.start;
    line.afterGap = this.gap;
    this.emit(line);
    this.gap = false;
    this.len = 0;
    this.start = -1;
  }
}

const utf8 = new TextDecoder("utf-8");

/**
 * Capture text as a JS string: UTF-8 (RFC 2640), invalid sequences as U+FFFD. Data, never markup.
 * Short ASCII lines (nearly all of a control connection) skip TextDecoder's fixed cost per call
 * (bytes.ts): a million-line session spent 0.7 s in it in chromium's worker.
 */
export function decodeText(bytes: Uint8Array): string {
  return shortAscii(bytes, 0, bytes.length) ?? utf8.decode(bytes);
}
