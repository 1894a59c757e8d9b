/**
 * The Files view's "Unattributed FTP data": data connections of sessions
 * whose commands cannot be read (FTPS, a capture started mid-session) that
 * the analysis took for FTP data (engine/ftp/unattributed.ts). Each row is
 * what "Download all" writes for it (its manifest entry: name, content
 * type, size, hashes, likely session, confidence, reasons) with the source
 * the worker reads it from for a download of its own.
 *
 * A connection whose bytes equal a file already exported has no entry of
 * its own (the plan writes each content once), so it has no row either.
 */
import type { ExportSource, ManifestEntry } from "../../engine/ftp/export";
import type { FtpAnalysisSummary } from "../../engine/ftp/transcript";
import type { FtpAttribution, FtpDataChannel } from "../../engine/ftp/types";

export interface UnattributedRow {
  entry: ManifestEntry;
  channel: FtpDataChannel;
  attribution: FtpAttribution;
  source: ExportSource;
}

export function unattributedRows(analysis: FtpAnalysisSummary | null, manifest: readonly ManifestEntry[] | null): UnattributedRow[] {
  if (!analysis || !manifest) return [];
  const byStream = new Map<number, FtpDataChannel>();
  for (const dc of analysis.dataChannels) if (dc.attribution) byStream.set(dc.stream, dc);
  const rows: UnattributedRow[] = [];
  for (const entry of manifest) {
    if (entry.kind !== "unattributed" || entry.dataStream === null) continue;
    const channel = byStream.get(entry.dataStream);
    if (!channel?.attribution) continue;
    // The plan names the direction by who sent the bytes: upload = client → server (0).
    const direction = entry.direction === "upload" ? 0 : 1;
    rows.push({ entry, channel, attribution: channel.attribution, source: { kind: "channel", dataChannelId: channel.id, direction } });
  }
  return rows;
}

/** How many unattributed data connections the analysis linked to session `id`. */
export function unattributedCount(analysis: FtpAnalysisSummary, id: number): number {
  let n = 0;
  for (const dc of analysis.dataChannels) if (dc.attribution && dc.sessionId === id) n++;
  return n;
}
