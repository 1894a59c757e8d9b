/**
 * What the FTP analysis needs of the indexing pass, so that the report of an
 * open capture reads nothing from the file but the data connections' bytes
 * (which it hashes) and dissects nothing again:
 *
 * - The payloads of every TCP stream that may be a control connection: a
 *   side on a control port (21), or a first segment with payload that opens
 *   with a "220" greeting (FTP elsewhere, which the analysis probes for).
 *   They are copied into 1 MiB blocks, no object per packet. Control
 *   connections are a sliver of a capture; the caps bound what a protocol
 *   that also greets with 220 (SMTP with attachments) can cost, and past
 *   them the segments are read back from the file like any other.
 * - For every other segment whose payload opens like a greeting or a
 *   command, its `openingClass` (probe.ts; one byte, stored only when not 0):
 *   the probe answers from it.
 *
 * The payload's place in the frame is Follow Stream's (follow-facts.ts),
 * which must have recorded the row first.
 */
import type { PacketInfo } from "../dissect/packet-info";
import type { FollowFacts } from "../follow/follow-facts";
import { FrameColumnU8 } from "../reassembly/frame-columns";
import { KeptPayloads } from "../reassembly/kept-payloads";
import { GREETING, openingClass } from "./probe";

/** Per-stream decision, taken at its first segment with payload. */
const UNDECIDED = 0;
const KEEP = 1;
const SKIP = 2;

export interface FtpFactsOptions {
  /** Ports whose streams are control connections (the analysis' default: [21]). */
  controlPorts?: readonly number[];
  /**
   * Keep the payloads of streams on a control port too (default true; false
   * when the pass parses them itself, control-parses.ts: the report then
   * reads none of their bytes, and one it could not parse is read back from
   * the file).
   */
  keepControlPorts?: boolean;
  /** Bytes kept per stream and in all (defaults 8 MiB and 64 MiB). */
  maxStreamBytes?: number;
  maxBytes?: number;
}

export class FtpFacts {
  private readonly controlPorts: ReadonlySet<number>;
  private readonly keepControlPorts: boolean;
  private state = new Uint8Array(1024);
  private readonly payloads: KeptPayloads;
  /** Per row: openingClass of a payload that was not kept. */
  private readonly openings = new FrameColumnU8();

  constructor(
    private readonly follow: FollowFacts,
    options: FtpFactsOptions = {},
  ) {
    this.controlPorts = new Set(options.controlPorts ?? [21]);
    this.keepControlPorts = options.keepControlPorts ?? true;
    this.payloads = new KeptPayloads(options.maxStreamBytes ?? 8 << 20, options.maxBytes ?? 64 << 20);
  }

  /** Records row `row` (a TCP segment of stream `pinfo.tcpStream`, dissected from `frame`). No allocation but new blocks. */
  record(row: number, pinfo: PacketInfo, frame: Uint8Array): void {
    const stream = pinfo.tcpStream;
    const offset = this.follow.payloadOffset(row);
    if (stream < 0 || offset < 0) return;
    const length = this.follow.payloadLength(row);
    if (stream >= this.state.length) this.grow(stream);
    let state = this.state[stream]!;
    if (state === UNDECIDED) {
      const ports = this.follow.portsOf(row);
      const src = ports >>> 16;
      const dst = ports & 0xffff;
      // Port 20 is a data connection's: the analysis never probes it.
      if (this.controlPorts.has(src) || this.controlPorts.has(dst)) state = this.keepControlPorts ? KEEP : SKIP;
      else if (src !== 20 && dst !== 20 && openingClass(frame, offset, length) & GREETING) state = KEEP;
      else state = SKIP;
      this.state[stream] = state;
    }
    if (state === KEEP && this.payloads.keep(row, stream, frame, offset, length)) return;
    const opening = openingClass(frame, offset, length);
    if (opening) this.openings.set(row, opening);
  }

  private grow(stream: number): void {
    let n = this.state.length;
    while (n <= stream) n *= 2;
    const state = new Uint8Array(n);
    state.set(this.state);
    this.state = state;
  }

  /** Row `row`'s payload when it was kept (a view into a block: do not write), else null. */
  kept(row: number): Uint8Array | null {
    return this.payloads.kept(row, this.follow.payloadLength(row));
  }

  /** openingClass of row `row`'s payload when it was not kept (0: neither a greeting nor a command). */
  opening(row: number): number {
    return this.openings.get(row);
  }

  /** Bytes of payload kept. */
  get keptBytes(): number {
    return this.payloads.bytes;
  }
}
