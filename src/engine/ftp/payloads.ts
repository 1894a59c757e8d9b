/**
 * Step 5 of the analysis (analyze.ts): every transfer's payload read once
 * (content.ts: hashes, holes, TYPE A converted), what data connections no
 * command explains carried hashed as it is, and sizes that earlier listings
 * showed for RETRs the server gave none.
 */
import { type ContentSink, type DigestPairFactory, type PassDigest, type PayloadRead, type PayloadRef, type PayloadScan, readPayload, scanPayload } from "./content";
import type { Direction } from "../follow/types";
import type { FtpProgress } from "./control-sessions";
import type { DataChannels } from "./data-channels";
import { parseListing } from "./listing";
import { SNIFF_BYTES, sniffMime } from "./magic";
import { joinPath } from "./paths";
import { isListing } from "./transfers";
import type { FtpDataChannel, FtpSession, FtpTransfer } from "./types";

/** The indexing pass's hashes of a TCP stream's direction (data-hashes.ts), when it has them. */
export type HashedDirections = (stream: number, direction: Direction) => PassDigest | null;

/** Where a transfer's content goes as its payload is scanned (null: nowhere). */
export type TransferSinks = (transferId: number) => ContentSink | null;

/** Listings longer than this are kept as files but not parsed into entries. */
const MAX_LISTING_PARSE = 8 << 20;

/** Each transfer's payload scanned (null: no payload, or encrypted), its sizes, hashes and frames filled in. */
export async function scanTransfers(
  transfers: readonly FtpTransfer[],
  payloads: readonly (PayloadRef | null)[],
  dataChannels: readonly FtpDataChannel[],
  progress: FtpProgress | undefined,
  hashed?: HashedDirections,
  digests?: DigestPairFactory,
  sinks?: TransferSinks,
): Promise<(PayloadScan | null)[]> {
  const scans: (PayloadScan | null)[] = transfers.map(() => null);
  // In file order (the data connections' first frames), not session by session: sessions run side by
  // side over the whole capture, and a sweep per session reads each block of the file again, in small
  // reads once the block cache let it go (in chromium a read costs milliseconds however small: 12,600
  // transfers of 36 sessions waited 13.5 s of 20 s on them).
  const order = transfers.map((_, ti) => ti);
  const firstFrame = (ti: number): number => {
    const id = transfers[ti]!.dataChannelId;
    return id === null ? 0 : (dataChannels[id]?.firstFrame ?? 0);
  };
  order.sort((a, b) => firstFrame(a) - firstFrame(b) || a - b);
  // Each transfer's scan is filled in when its digests come: a digest pair on another thread (the CLI's)
  // hashes one transfer while the next is read. All are in before this returns.
  const digested: Promise<void>[] = [];
  let failure: { error: unknown } | null = null;
  for (let done = 0; done < order.length; done++) {
    if (failure) break;
    const ti = order[done]!;
    const t = transfers[ti]!;
    const ref = payloads[ti];
    if (!ref || ref.length === 0 || dataChannels[t.dataChannelId!]!.encrypted) continue;
    const sink = sinks?.(ti) ?? null;
    let read: PayloadRead;
    try {
      read = await readPayload(ref, SNIFF_BYTES, isListing(t) ? MAX_LISTING_PARSE : 0, hashed?.(ref.stream.info.stream, ref.direction), digests, sink);
    } finally {
      sink?.close();
    }
    digested.push(
      read.scan.then(
        (scan) => {
          scans[ti] = scan;
          t.payloadSize = scan.captured;
          t.payloadMissing = scan.missing;
          t.payloadMd5 = scan.md5;
          t.payloadSha256 = scan.sha256;
          t.firstDataFrame = scan.firstFrame;
          t.lastDataFrame = scan.lastFrame;
        },
        (error: unknown) => void (failure ??= { error }),
      ),
    );
    if (progress && (done & 15) === 15) progress("transfers", done + 1, transfers.length);
  }
  await Promise.all(digested);
  if (failure) throw (failure as { error: unknown }).error;
  progress?.("transfers", transfers.length, transfers.length);
  return scans;
}

/**
 * Data connections nothing explains: hash what they carried each way (they
 * are exported as they are); unattributed FTP data gets its content type. Returns each channel's payloads, [client→server, server→client].
 */
export async function scanUnexplainedChannels(
  { dataChannels, channelStreams }: DataChannels,
  hashed?: HashedDirections,
  digests?: DigestPairFactory,
): Promise<(PayloadRef | null)[][]> {
  const channelRefs: (PayloadRef | null)[][] = dataChannels.map(() => [null, null]);
  for (const dc of dataChannels) {
    if (!dc.unexplained || dc.encrypted) continue;
    const s = channelStreams[dc.id]!;
    const clientNode = s.info.nodes[0].address === dc.client.address && s.info.nodes[0].port === dc.client.port ? 0 : 1;
    for (const d of [0, 1] as const) {
      // d: 0 client→server, 1 server→client; stream direction k is sent by node k.
      const direction = (d === 0 ? clientNode : 1 - clientNode) as 0 | 1;
      if (s.info.bytes[direction] === 0) continue;
      const ref: PayloadRef = { stream: s, direction, length: s.info.bytes[direction] + s.info.missing[direction], ascii: false };
      // Unattributed FTP data: its content type from the first bytes (magic.ts), as for files.
      const scan = await scanPayload(ref, dc.attribution ? SNIFF_BYTES : 0, 0, hashed?.(s.info.stream, direction), digests);
      if (dc.attribution) dc.attribution.mime = sniffMime(scan.head);
      dc.md5[d] = scan.md5;
      dc.sha256[d] = scan.sha256;
      channelRefs[dc.id]![d] = ref;
    }
  }
  return channelRefs;
}

/** A RETR without a size from the server gets the size an earlier listing of its directory showed. */
export function sizesFromListings(
  sessions: readonly FtpSession[],
  transfers: readonly FtpTransfer[],
  scans: readonly (PayloadScan | null)[],
): void {
  const listed = new Map<string, number>();
  for (const ti of transfers.map((t) => t.id).sort((a, b) => transfers[a]!.commandFrame - transfers[b]!.commandFrame)) {
    const t = transfers[ti]!;
    const scan = scans[ti];
    const server = sessions[t.sessionId]!.server.address;
    if (isListing(t) && scan?.text && t.path !== null && t.command !== "NLST") {
      for (const e of parseListing(t.command, new TextDecoder().decode(scan.text))) {
        if (e.type === "file" && e.size !== null && !e.name.includes("/")) listed.set(`${server}\u0000${joinPath(t.path, e.name)}`, e.size);
      }
    } else if (t.command === "RETR" && t.expectedSize === null && t.path !== null) {
      const n = listed.get(`${server}\u0000${t.path}`);
      if (n !== undefined) {
        t.expectedSize = n;
        t.expectedSizeSource = "listing";
      }
    }
  }
}
