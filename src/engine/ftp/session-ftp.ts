/**
 * The FTP report of an open capture (`CaptureSession.ftpReport`): its TCP
 * streams rebuilt from what the indexing pass recorded (Follow Stream's
 * per-segment facts, each stream's rows, the control connections' payloads
 * and the probe's opening classes: ftp-facts.ts) and handed to analyzeFtp,
 * with the control connections the pass parsed (control-parses.ts).
 * Nothing is dissected again and the file is read only for the data
 * connections' bytes, which the analysis hashes once (and for a stream whose
 * payload the pass could not place in its frame, TCP over IP fragments:
 * that stream's packets are re-dissected, as Follow Stream does).
 */
import { BlockCacheSource } from "../io/block-cache";
import type { ByteSource } from "../io/byte-source";
import type { PacketIndex } from "../index/packet-index";
import type { FollowFacts } from "../follow/follow-facts";
import { emptyStream } from "../follow/follow-index";
import { TableFollowStream } from "../follow/follow-stream";
import type { StreamRows } from "../follow/stream-rows";
import type { FollowStream } from "../follow/types";
import { analyzeFtp, type FtpAnalyzeOptions, type FtpReport, type FtpStreamSource } from "./analyze";
import type { FtpFacts } from "./ftp-facts";
import type { DataHashes } from "./data-hashes";
import type { ControlParses } from "./control-parses";

/** What the indexing pass recorded that the FTP analysis reads. */
export interface FtpPassFacts {
  readonly follow: FollowFacts;
  readonly tcpRows: StreamRows;
  readonly ftp: FtpFacts;
  /** The data connections the pass hashed (null: none). */
  readonly dataHashes?: DataHashes | null;
  /** The control connections the pass parsed (null: none). */
  readonly ftpControls?: ControlParses | null;
}

/**
 * The capture's TCP streams as the analysis reads them, from the pass's
 * facts. `refollow`: a stream rebuilt by re-dissecting its packets (the
 * session's Follow Stream), for the few the facts cannot build.
 */
export function recordedTcpStreams(
  facts: FtpPassFacts,
  index: PacketIndex,
  source: ByteSource,
  refollow: (stream: number) => Promise<FollowStream | null>,
): FtpStreamSource {
  const kept = (row: number): Uint8Array | null => facts.ftp.kept(row);
  return {
    tcpCount: facts.tcpRows.streams,
    stream(i: number): FollowStream | Promise<FollowStream | null> {
      const rows = facts.tcpRows.rowsOf(i);
      if (rows.length === 0) return emptyStream("tcp", i, source);
      return facts.follow.build("tcp", i, rows, index, source, kept) ?? refollow(i);
    },
    passControl: (i: number) => facts.ftpControls?.take(i) ?? null,
    opening(s: FollowStream, chunk: number): number | null {
      // Known when the chunk is a whole segment's payload read from the file
      // (kept payloads are in memory: reading them costs nothing).
      if (!(s instanceof TableFollowStream)) return null;
      const t = s.table;
      const loc = t.loc[chunk]!;
      const row = t.frame[chunk]! - 1;
      const at = facts.follow.payloadOffset(row);
      if (loc < 0 || at < 0 || index.offset[row]! + at !== loc || facts.follow.payloadLength(row) !== t.length[chunk]) return null;
      return facts.ftp.opening(row);
    },
  };
}

/**
 * The FTP analysis of the rows the pass indexed. The data connections' bytes
 * are read through a block cache (io/block-cache.ts): the analysis reads each
 * transfer's segments, scattered between other connections' packets, and a
 * sweep of large blocks costs a fraction of hundreds of small reads.
 */
export async function recordedFtpReport(
  facts: FtpPassFacts,
  index: PacketIndex,
  source: ByteSource,
  refollow: (stream: number) => Promise<FollowStream | null>,
  options: FtpAnalyzeOptions = {},
): Promise<FtpReport> {
  const blocks = new BlockCacheSource(source);
  try {
    const hashes = facts.dataHashes;
    const hashed = hashes ? { hashed: (stream: number, direction: 0 | 1) => hashes.digest(stream, direction) } : {};
    return await analyzeFtp(recordedTcpStreams(facts, index, blocks, refollow), { ...hashed, ...options });
  } finally {
    // The report keeps its streams (files are read again when saved): the blocks it swept are let go.
    blocks.clear();
  }
}
