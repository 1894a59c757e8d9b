/**
 * A control connection's exchanges (types.ts `FtpExchange`: a command and
 * the replies it got) stored by column: typed arrays for the numbers, one
 * string per command line and per reply. A session can hold hundreds of
 * thousands of exchanges (the bench's small-packets capture: 530,000
 * commands over 36 sessions); as objects, with their reply arrays, line
 * arrays and strings, each cost about 1.1 KB and the garbage collector took a
 * third of the report's time walking them. Views read a few at a time
 * (transcript pages, one session's diagram): `at` builds an exchange when
 * asked for.
 *
 * Replies are stored in arrival order, chained per exchange: a transfer's
 * 226 can come after replies to commands sent meanwhile (control.ts).
 */
import { grown } from "../reassembly/tcp-analysis/records";
import type { FtpCommand, FtpExchange, FtpReply } from "./types";

const NONE = -1;

/** Columns start this long and double when full. */
const FIRST_CAPACITY = 16;

/** A column twice as long, its values kept. */
const doubled = <T extends Int32Array | Float64Array>(a: T): T => grown(a, a.length * 2);

/**
 * One string for each text a connection repeats: a control connection says
 * the same few things again and again ("TYPE I", "250 Directory successfully
 * changed."), and a string per line kept was 155 MB of the bench's
 * small-packets report (530,000 commands), most of it copies. Only short
 * texts, and at most `limit` of them, so that a connection of unique lines
 * costs a bounded map.
 */
class Interner {
  private readonly seen = new Map<string, string>();
  constructor(
    private readonly limit: number,
    private readonly longest = 80,
  ) {}
  intern(s: string): string {
    if (s.length > this.longest) return s;
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    if (this.seen.size < this.limit) this.seen.set(s, s);
    return s;
  }
  /** Forgets every text (a parsed connection keeps no map). */
  clear(): void {
    this.seen.clear();
  }
}

/** Where and when a command line or a reply was seen. */
class Positions {
  frame = new Int32Array(FIRST_CAPACITY);
  lastFrame = new Int32Array(FIRST_CAPACITY);
  time = new Float64Array(FIRST_CAPACITY);
  streamOffset = new Float64Array(FIRST_CAPACITY);

  /** Columns cut to `n` entries (the doubling's spare room let go). */
  trim(n: number): void {
    this.frame = this.frame.slice(0, n);
    this.lastFrame = this.lastFrame.slice(0, n);
    this.time = this.time.slice(0, n);
    this.streamOffset = this.streamOffset.slice(0, n);
  }

  put(i: number, p: { frame: number; lastFrame: number; time: number; streamOffset: number }): void {
    if (i === this.frame.length) {
      this.frame = doubled(this.frame);
      this.lastFrame = doubled(this.lastFrame);
      this.time = doubled(this.time);
      this.streamOffset = doubled(this.streamOffset);
    }
    this.frame[i] = p.frame;
    this.lastFrame[i] = p.lastFrame;
    this.time[i] = p.time;
    this.streamOffset[i] = p.streamOffset;
  }
}

export class FtpExchangeLog implements Iterable<FtpExchange> {
  private count = 0;
  /** Per exchange: its command (index into the command columns) or NONE, first and last reply or NONE, ids or NONE. */
  private commandOf = new Int32Array(FIRST_CAPACITY);
  private firstReply = new Int32Array(FIRST_CAPACITY);
  private lastReply = new Int32Array(FIRST_CAPACITY);
  private replies = new Int32Array(FIRST_CAPACITY);
  private transfer = new Int32Array(FIRST_CAPACITY);
  private announces = new Int32Array(FIRST_CAPACITY);

  private commands = 0;
  private readonly raw: string[] = [];
  private readonly verbs: string[] = [];
  /** Verbs are few: one string each, shared by every command of this log that uses it. */
  private readonly verbNames = new Interner(1024);
  /** Command lines and reply texts that repeat, one string each. */
  private readonly lines = new Interner(8192);
  /** Where the argument starts in the raw line, or NONE (no space: the argument is ""). */
  private argumentAt = new Int32Array(FIRST_CAPACITY);
  private readonly commandAt = new Positions();

  private replyCount = 0;
  private code = new Int32Array(FIRST_CAPACITY);
  /** The reply's lines joined with "\n" (a line never holds one: lines.ts splits on LF). */
  private readonly text: string[] = [];
  private nextReply = new Int32Array(FIRST_CAPACITY);
  private readonly replyAt = new Positions();

  get length(): number {
    return this.count;
  }

  /** A new exchange: a command, or replies nobody asked for (null). Returns its index. */
  add(command: FtpCommand | null): number {
    const i = this.count++;
    if (i === this.commandOf.length) {
      this.commandOf = doubled(this.commandOf);
      this.firstReply = doubled(this.firstReply);
      this.lastReply = doubled(this.lastReply);
      this.replies = doubled(this.replies);
      this.transfer = doubled(this.transfer);
      this.announces = doubled(this.announces);
    }
    this.firstReply[i] = this.lastReply[i] = this.transfer[i] = this.announces[i] = NONE;
    this.replies[i] = 0;
    this.commandOf[i] = command ? this.putCommand(command) : NONE;
    return i;
  }

  /** A reply to exchange `i`, after those it has. */
  addReply(i: number, reply: FtpReply): void {
    const r = this.replyCount++;
    if (r === this.code.length) {
      this.code = doubled(this.code);
      this.nextReply = doubled(this.nextReply);
    }
    this.code[r] = reply.code;
    this.text.push(this.lines.intern(reply.text));
    this.nextReply[r] = NONE;
    this.replyAt.put(r, reply);
    if (this.lastReply[i] === NONE) this.firstReply[i] = r;
    else this.nextReply[this.lastReply[i]!] = r;
    this.lastReply[i] = r;
    this.replies[i]!++;
  }

  private putCommand(c: FtpCommand): number {
    const k = this.commands++;
    if (k === this.argumentAt.length) this.argumentAt = doubled(this.argumentAt);
    this.raw.push(this.lines.intern(c.raw));
    this.verbs.push(this.verbNames.intern(c.verb));
    // parseCommand's split (messages.ts): the argument is what follows the first space.
    const sp = c.raw.indexOf(" ");
    this.argumentAt[k] = sp < 0 ? NONE : sp + 1;
    this.commandAt.put(k, c);
    return k;
  }

  /** Lets go of the columns' spare room once the connection is parsed (up to half of what they hold); adding after it still works. */
  trim(): void {
    this.verbNames.clear();
    this.lines.clear();
    const n = this.count;
    this.commandOf = this.commandOf.slice(0, Math.max(1, n));
    this.firstReply = this.firstReply.slice(0, Math.max(1, n));
    this.lastReply = this.lastReply.slice(0, Math.max(1, n));
    this.replies = this.replies.slice(0, Math.max(1, n));
    this.transfer = this.transfer.slice(0, Math.max(1, n));
    this.announces = this.announces.slice(0, Math.max(1, n));
    this.argumentAt = this.argumentAt.slice(0, Math.max(1, this.commands));
    this.commandAt.trim(Math.max(1, this.commands));
    this.code = this.code.slice(0, Math.max(1, this.replyCount));
    this.nextReply = this.nextReply.slice(0, Math.max(1, this.replyCount));
    this.replyAt.trim(Math.max(1, this.replyCount));
  }

  /** Exchange `i` as the model's object (a new one at each call: changing it changes nothing here). */
  at(i: number): FtpExchange {
    const replies: FtpReply[] = [];
    for (let r = this.firstReply[i]!; r !== NONE; r = this.nextReply[r]!) replies.push(this.reply(r));
    return {
      command: this.command(i),
      replies,
      announcesDataChannelId: this.announcesDataChannelId(i),
      transferId: this.transferId(i),
    };
  }

  /** Exchange `i`'s command, or null. */
  command(i: number): FtpCommand | null {
    const k = this.commandOf[i]!;
    if (k === NONE) return null;
    const raw = this.raw[k]!;
    const at = this.argumentAt[k]!;
    const p = this.commandAt;
    return {
      verb: this.verbs[k]!,
      argument: at === NONE ? "" : raw.slice(at),
      raw,
      frame: p.frame[k]!,
      lastFrame: p.lastFrame[k]!,
      time: p.time[k]!,
      streamOffset: p.streamOffset[k]!,
    };
  }

  private reply(r: number): FtpReply {
    const text = this.text[r]!;
    const lines = text.split("\n");
    const p = this.replyAt;
    return {
      code: this.code[r]!,
      lines,
      text,
      multiline: lines.length > 1,
      frame: p.frame[r]!,
      lastFrame: p.lastFrame[r]!,
      time: p.time[r]!,
      streamOffset: p.streamOffset[r]!,
    };
  }

  /** Exchange `i`'s verb (upper case), or null when it has no command; builds nothing. */
  verb(i: number): string | null {
    const k = this.commandOf[i]!;
    return k === NONE ? null : this.verbs[k]!;
  }

  /** Frame and time of exchange `i`'s command (0 without one). */
  commandFrame(i: number): number {
    const k = this.commandOf[i]!;
    return k === NONE ? 0 : this.commandAt.frame[k]!;
  }

  commandTime(i: number): number {
    const k = this.commandOf[i]!;
    return k === NONE ? 0 : this.commandAt.time[k]!;
  }

  /** Lines exchange `i` puts in the transcript: its command and each reply. */
  lineCount(i: number): number {
    return (this.commandOf[i] === NONE ? 0 : 1) + this.replies[i]!;
  }

  transferId(i: number): number | null {
    const t = this.transfer[i]!;
    return t === NONE ? null : t;
  }

  setTransferId(i: number, id: number): void {
    this.transfer[i] = id;
  }

  announcesDataChannelId(i: number): number | null {
    const a = this.announces[i]!;
    return a === NONE ? null : a;
  }

  setAnnouncesDataChannelId(i: number, id: number): void {
    this.announces[i] = id;
  }

  *[Symbol.iterator](): Iterator<FtpExchange> {
    for (let i = 0; i < this.count; i++) yield this.at(i);
  }

  /** Every exchange as objects (one session's diagram; tests). */
  toArray(): FtpExchange[] {
    return Array.from({ length: this.count }, (_, i) => this.at(i));
  }

  /** JSON.stringify writes the exchanges as the model's objects. */
  toJSON(): FtpExchange[] {
    return this.toArray();
  }
}
