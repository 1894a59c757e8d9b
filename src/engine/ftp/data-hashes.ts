/**
 * The FTP data connections hashed during the indexing pass, so that the FTP
 * report (Files, Sessions, exports) does not read a capture's transferred
 * bytes back to hash them: hashing 1 GB with MD5 and SHA-256 costs ~5 s of
 * one core here, the bulk of a report built after the pass.
 *
 * A stream is hashed when its first packet already belongs to a data
 * connection: TCP bound it to an FTP announcement (PORT, 227, EPRT, 229…) or
 * one of its ports is 20. Its rows are reassembled as Follow Stream
 * reassembles them (follow/pass-reassembly.ts), so the bytes hashed are by
 * construction the bytes Follow reads: each chunk is hashed from the frame in
 * hand, or from a copy of a payload held back behind a hole (up to MAX_HELD
 * bytes per connection). A chunk whose bytes are not kept is not hashed
 * here: that direction is read back by the report as before.
 *
 * Two WebAssembly hashers serve every connection: a connection's state is
 * saved when another one's segment comes (hash-wasm's save/load), so
 * hundreds of concurrent transfers cost a few hundred bytes each.
 */
import type { PacketInfo } from "../dissect/packet-info";
import { tcpState } from "../dissect/protocols/tcp/state";
import type { FollowFacts } from "../follow/follow-facts";
import { PassReassembly } from "../follow/pass-reassembly";
import { newSegment } from "../follow/tcp-reassembler";
import type { Direction } from "../follow/types";
import type { PacketIndex } from "../index/packet-index";
import { FrameColumnU8 } from "../reassembly/frame-columns";
import { type HashState, Hashes, type PassDigest } from "./content";
import { SNIFF_BYTES } from "./magic";

/**
 * MD5 and SHA-256 of many interleaved byte streams, each named by a key.
 * `update` must not keep `bytes` (the caller reuses them); a key's digest
 * comes after all its updates.
 */
export interface StreamHasher {
  update(key: number, bytes: Uint8Array): void;
  /** Forgets `key` (its bytes will not be asked for). */
  drop(key: number): void;
  digest(key: number): Promise<{ md5: string; sha256: string }>;
  /** No more work: a thread of its own may stop. */
  close?(): void;
}

/** The pass's hasher: here, or on another thread (hash-batches.ts). */
export type StreamHasherFactory = () => Promise<StreamHasher>;

/** Hashing on the pass's own thread. */
export const hashHere: StreamHasherFactory = async () => {
  const h = await InterleavedHashers.create();
  return {
    update: (key, bytes) => h.update(key, bytes),
    drop: (key) => h.drop(key),
    digest: (key) => Promise.resolve(h.digest(key)),
  };
};

/** MD5 and SHA-256 of many interleaved byte streams, on one pair of hashers (saved and loaded as the stream changes). */
export class InterleavedHashers {
  private current = -1;
  private readonly states = new Map<number, HashState>();

  private constructor(private readonly pair: Hashes) {}

  static async create(): Promise<InterleavedHashers> {
    return new InterleavedHashers(await Hashes.create());
  }

  update(key: number, bytes: Uint8Array): void {
    if (key !== this.current) this.switchTo(key);
    this.pair.update(bytes);
  }

  /** The hashes of everything `key` was given (nothing: the empty input's); `key` is then forgotten. */
  digest(key: number): { md5: string; sha256: string } {
    if (key !== this.current) this.switchTo(key);
    const out = this.pair.hex();
    this.states.delete(key);
    this.current = -1;
    return out;
  }

  drop(key: number): void {
    this.states.delete(key);
    if (key === this.current) this.current = -1;
  }

  private switchTo(key: number): void {
    if (this.current >= 0) this.states.set(this.current, this.pair.save());
    const saved = this.states.get(key);
    if (saved) this.pair.load(saved);
    else this.pair.init();
    this.current = key;
  }
}

/** Bytes of payloads held back per connection (out of order, or retransmitted), at most. */
const MAX_HELD = 8 << 20;

/** One hashed connection. */
class Hashed {
  readonly pass: PassReassembly;
  /** Per direction: bytes hashed, or -1 once a chunk could not be hashed. */
  readonly hashed = [0, 0];
  /** Per direction: the first bytes (kept for MIME sniffing: the report then reads nothing of the connection). */
  readonly head: [Uint8Array, Uint8Array] = [new Uint8Array(0), new Uint8Array(0)];

  constructor(
    readonly stream: number,
    hashers: StreamHasher,
  ) {
    this.pass = new PassReassembly((d, bytes) => {
      if (this.hashed[d]! < 0) return;
      if (!bytes) {
        this.hashed[d] = -1;
        hashers.drop(2 * stream + d);
        return;
      }
      hashers.update(2 * stream + d, bytes);
      const head = this.head[d]!;
      if (head.length < SNIFF_BYTES) {
        const more = new Uint8Array(Math.min(SNIFF_BYTES, head.length + bytes.length));
        more.set(head);
        more.set(bytes.subarray(0, more.length - head.length), head.length);
        this.head[d] = more;
      }
      this.hashed[d]! += bytes.length;
    }, MAX_HELD);
  }
}

const UNDECIDED = 0;
const HASHING = 1;
const SKIP = 2;

export class DataHashes {
  /** Per TCP stream: UNDECIDED, HASHING or SKIP. */
  private readonly state = new FrameColumnU8();
  private readonly open = new Map<number, Hashed>();
  private readonly done = new Map<number, [PassDigest | null, PassDigest | null]>();
  /** The segment handed to every reassembler (each reads it during `add` only). */
  private readonly segment = newSegment();

  constructor(
    private readonly follow: FollowFacts,
    private readonly index: PacketIndex,
    private readonly hashers: StreamHasher,
  ) {}

  /** Row `row` (of TCP stream `pinfo.tcpStream`, dissected from `frame`, already in the index and the follow facts). */
  record(row: number, pinfo: PacketInfo, frame: Uint8Array): void {
    const s = pinfo.tcpStream;
    if (s < 0) return;
    if (this.state.get(s) === UNDECIDED) {
      const ports = this.follow.portsOf(row);
      const dataPort = ports >>> 16 === 20 || (ports & 0xffff) === 20;
      const isData = !pinfo.inErrorPacket && (dataPort || tcpState(pinfo).bound.has(s));
      this.state.set(s, isData ? HASHING : SKIP);
      if (isData) this.open.set(s, new Hashed(s, this.hashers));
    }
    if (this.state.get(s) !== HASHING) return;
    // A payload not in its frame (TCP over IP fragments): Follow re-dissects; so does the report.
    if (!this.open.get(s)!.pass.addRow(row, frame, this.follow, this.index, this.segment)) this.abandon(s);
  }

  /** Ends the pass: what is still held back is flushed, the digests computed. */
  async finish(): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const h of this.open.values()) {
      h.pass.end();
      const out: [PassDigest | null, PassDigest | null] = [null, null];
      for (const d of [0, 1] as const) {
        const n = h.hashed[d]!;
        const key = 2 * h.stream + d;
        if (n > 0) pending.push(this.hashers.digest(key).then((x) => void (out[d] = { bytes: n, head: h.head[d]!, ...x })));
        else this.hashers.drop(key);
      }
      this.done.set(h.stream, out);
    }
    this.open.clear();
    // A digest that fails (the hashing thread died) leaves its direction unhashed: the report reads it back.
    await Promise.allSettled(pending);
    this.hashers.close?.();
  }

  /**
   * The digest of direction `direction` (node 0: the stream's first sender)
   * of TCP stream `stream`, when the pass hashed all its bytes; else null.
   */
  digest(stream: number, direction: Direction): PassDigest | null {
    return this.done.get(stream)?.[direction] ?? null;
  }

  private abandon(s: number): void {
    this.state.set(s, SKIP);
    this.open.delete(s);
    this.hashers.drop(2 * s);
    this.hashers.drop(2 * s + 1);
  }
}
