/**
 * Analyze ▸ Expert Information for one open capture: the expert items of its
 * indexing pass (kept by an ExpertLog that the pass's dissection feeds; none
 * from the re-dissections that serve the details pane, Info or filters), read
 * a page at a time, and the FTP report's findings beside them.
 */
import type { PacketInfo } from "../engine/dissect/packet-info";
import type { ExpertGroup, ExpertSink } from "../engine/dissect/expert-info";
import { ExpertLog } from "../engine/expert/expert-log";
import { ExpertReader, type ExpertOverview, type ExpertRow } from "../engine/expert/overview";
import type { FtpAlert, FtpAlertKind, FtpAnalysis } from "../engine/ftp/types";

/** An FTP finding as the Expert Information view lists it. */
export interface FtpFindingRow {
  id: number;
  /** 4 Error (critical), 3 Warning, 2 Note (info): the view's severity levels. */
  level: number;
  kind: string;
  /** Plain words with capture text in them: rendered as text. */
  message: string;
  frames: number[];
}

const KIND_NAMES: Record<FtpAlertKind, string> = {
  "cleartext-credentials": "Cleartext credentials",
  "brute-force": "Brute force",
  ftps: "AUTH TLS (FTPS)",
  "size-mismatch": "Size mismatch",
  "overlap-mismatch": "Overlapping segments disagree",
  "incomplete-file": "Incomplete file",
  "unexplained-data-connection": "Unusual data connection",
  "unattributed-data": "Unattributed FTP data",
};
const LEVEL_OF: Record<FtpAlert["severity"], number> = { critical: 4, warning: 3, info: 2 };

/** Takes the items of first-pass dissections only (pinfo.visited is set by every re-dissection). */
class FirstPassSink implements ExpertSink {
  constructor(
    private readonly log: ExpertLog,
    private readonly pinfo: PacketInfo,
  ) {}
  add(frame: number, level: number, group: ExpertGroup, protocol: string, summary: string): void {
    if (!this.pinfo.visited) this.log.add(frame, level, group, protocol, summary);
  }
}

export class ExpertApi {
  private readonly log = new ExpertLog();
  private readonly reader = new ExpertReader(this.log);

  /** Starts listening to the pass that `pinfo` belongs to (before it reads its first packet). */
  constructor(private readonly pinfo: PacketInfo) {
    pinfo.expertSink = new FirstPassSink(this.log, pinfo);
  }

  /** The pass ended: later dissections add nothing. */
  finish(): void {
    if (this.pinfo.expertSink instanceof FirstPassSink) this.pinfo.expertSink = null;
  }

  overview(): ExpertOverview {
    return this.reader.overview();
  }

  entries(level: number, first: number, count: number): ExpertRow[] {
    return this.reader.entries(level, first, count);
  }

  frames(entry: number, first: number, count: number): { total: number; frames: Uint32Array } {
    return this.reader.frames(entry, first, count);
  }

  static ftpFindings(analysis: FtpAnalysis): FtpFindingRow[] {
    return analysis.alerts.map((a) => ({
      id: a.id,
      level: LEVEL_OF[a.severity],
      kind: KIND_NAMES[a.kind],
      message: a.message,
      frames: a.frames,
    }));
  }
}
