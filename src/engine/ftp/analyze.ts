/**
 * FTP forensics over a whole capture: control sessions, their data
 * connections, transfers, the files they carried (byte-exact, hashed),
 * credentials and alerts. See types.ts for the model and README.md for the
 * approach.
 *
 * Input: the capture's TCP streams as Follow TCP Stream gives them (chunk
 * descriptors; bytes read on demand). Each step has its own file:
 *  - control-sessions.ts: find the control connections and parse each one
 *    (control.ts) into a session;
 *  - data-channels.ts: link every other stream to the announcement it
 *    connects to (PORT/EPRT/PASV/EPSV…, RFC 959's default);
 *  - unattributed.ts: connections no readable announcement explains (FTPS,
 *    a capture that starts mid-session): encrypted, or unattributed FTP data;
 *  - transfers.ts: give each transfer command its announcement's channel;
 *  - payloads.ts: read each transfer's payload once (content.ts): hashes,
 *    holes, TYPE A; sizes from earlier listings;
 *  - files.ts: parts of one path stitched at their REST offsets (lftp's pget),
 *    APPE placed after the version it appends to; listings parsed;
 *  - alerts.ts: credentials and alerts;
 *  - report.ts: the result, and reading files back.
 */
import { addDefaultAnnouncements, linkDataChannels } from "./data-channels";
import { addUnreadableChannels } from "./unattributed";
import { findControlStreams, type FtpProgress, type FtpStreamSource, parseSessions } from "./control-sessions";
import { collectAlerts, collectCredentials } from "./alerts";
import type { DigestPairFactory } from "./content";
import { FileBuilder } from "./files";
import { type HashedDirections, scanTransfers, scanUnexplainedChannels, sizesFromListings, type TransferSinks } from "./payloads";
import { FtpReport } from "./report";
import { buildTransfers } from "./transfers";

export { BRUTE_FORCE_THRESHOLD } from "./alerts";
export { FtpReport } from "./report";
export type { FtpStreamSource } from "./control-sessions";

export interface FtpAnalyzeOptions {
  /** Ports treated as FTP control ports without looking at the bytes (default [21]). */
  controlPorts?: readonly number[];
  /** Look for FTP on other ports by its greeting (default true). */
  probe?: boolean;
  /** Progress: streams looked at / total, then transfers read / total. */
  onProgress?: FtpProgress;
  /** The indexing pass's hashes of data connections (data-hashes.ts): those payloads are not read to hash them. */
  hashed?: HashedDirections;
  /** How payloads read after the pass are hashed (default hash-wasm's pairs; content.ts). */
  digests?: DigestPairFactory;
  /** Each transfer's content as its payload is read to hash it (the CLI's export writes files from it: payloads.ts). */
  transferSinks?: TransferSinks;
}

export async function analyzeFtp(source: FtpStreamSource, options: FtpAnalyzeOptions = {}): Promise<FtpReport> {
  const progress = options.onProgress;
  const scan = await findControlStreams(source, new Set(options.controlPorts ?? [21]), options.probe ?? true, progress);
  const { sessions, parsed } = await parseSessions(scan.controls);

  const defaultPort = addDefaultAnnouncements(sessions, parsed);
  const channels = linkDataChannels(scan, sessions, parsed, defaultPort);
  await addUnreadableChannels(scan, sessions, parsed, channels);
  const { dataChannels } = channels;

  const { transfers, payloads } = buildTransfers(sessions, parsed, channels);
  const scans = await scanTransfers(transfers, payloads, dataChannels, progress, options.hashed, options.digests, options.transferSinks);
  const channelRefs = await scanUnexplainedChannels(channels, options.hashed, options.digests);
  sizesFromListings(sessions, transfers, scans);

  const builder = new FileBuilder(sessions, dataChannels, transfers, scans, payloads, options.digests);
  await builder.build();

  const credentials = collectCredentials(sessions);
  const alerts = collectAlerts(sessions, dataChannels, builder.files, credentials, builder.cleanEnds);

  return new FtpReport(
    { sessions, dataChannels, transfers, files: builder.files, credentials, alerts },
    payloads,
    builder.plans,
    channelRefs,
  );
}
