/**
 * The FTP model as the page asks for it: the analysis without the sessions'
 * exchanges and the listings' entries (a summary that stays small whatever
 * the capture), each session's transcript (its command and reply lines, in
 * order) by pages, and a listing's entries when its file is looked at.
 *
 * Why: a session can hold hundreds of thousands of commands (a scripted
 * client, a brute force); cloning every exchange to the page and rendering
 * every line made the Sessions view take tens of seconds on such captures.
 * The page now receives what it shows: the summary once, then the lines of
 * the rows on screen. (Likewise the 168,600 entries of the bench's 12,600
 * listings took most of the summary's clone.)
 */
import type { FtpAnalysis, FtpFile, FtpSession } from "./types";

/** A session without its exchanges: `transcriptLines` says how many lines `transcriptPage` serves. */
export type FtpSessionSummary = Omit<FtpSession, "exchanges"> & { transcriptLines: number };

/** A file without a listing's entries: `entryCount` says how many `listingEntries` serves. */
export type FtpFileSummary = Omit<FtpFile, "entries"> & { entryCount: number };

/** The analysis with summaries for sessions and files (everything else as is). */
export type FtpAnalysisSummary = Omit<FtpAnalysis, "sessions" | "files"> & { sessions: FtpSessionSummary[]; files: FtpFileSummary[] };

/** One transcript line: a command the client sent or a reply the server gave. */
export interface FtpTranscriptLine {
  /** Frame holding the line's first byte. */
  frame: number;
  fromClient: boolean;
  /** The command's verb in upper case (PASS lines are masked by the page, which knows whether to reveal them); null for replies. */
  verb: string | null;
  /** The command as sent, or the reply as "code text" (lines joined with "\n"; no code when the reply had none). */
  text: string;
}

/** Lines served at most per page. */
export const MAX_TRANSCRIPT_PAGE = 2000;

/** The summary of an analysis (its other arrays are shared, not copied: it is read-only, like the analysis). */
export function summarize(analysis: FtpAnalysis): FtpAnalysisSummary {
  const sessions = analysis.sessions.map(({ exchanges, ...rest }) => {
    let transcriptLines = 0;
    for (let i = 0; i < exchanges.length; i++) transcriptLines += exchanges.lineCount(i);
    return { ...rest, transcriptLines };
  });
  const files = analysis.files.map(({ entries, ...rest }) => ({ ...rest, entryCount: entries.length }));
  return { ...analysis, sessions, files };
}

/**
 * Pages of a session's transcript. The first line of every exchange is kept
 * in a typed array, so a page starts with a binary search rather than a walk
 * from the top.
 */
export class Transcript {
  /** firstLine[i]: the transcript line the i-th exchange starts at; one more entry holds the total. */
  private readonly firstLine: Int32Array;

  constructor(private readonly session: FtpSession) {
    const ex = session.exchanges;
    this.firstLine = new Int32Array(ex.length + 1);
    for (let i = 0; i < ex.length; i++) this.firstLine[i + 1] = this.firstLine[i]! + ex.lineCount(i);
  }

  get length(): number {
    return this.firstLine[this.firstLine.length - 1]!;
  }

  /** Lines [start, start + count) (fewer at the end; at most MAX_TRANSCRIPT_PAGE). */
  page(start: number, count: number): FtpTranscriptLine[] {
    const end = Math.min(this.length, start + Math.max(0, Math.min(count, MAX_TRANSCRIPT_PAGE)));
    const out: FtpTranscriptLine[] = [];
    if (start < 0 || start >= end) return out;
    let x = this.exchangeAt(start);
    let line = this.firstLine[x]!;
    const ex = this.session.exchanges;
    for (; line < end; x++) {
      const e = ex.at(x);
      if (e.command) {
        if (line >= start) out.push({ frame: e.command.frame, fromClient: true, verb: e.command.verb, text: e.command.raw });
        line++;
      }
      for (const r of e.replies) {
        if (line >= end) break;
        if (line >= start) out.push({ frame: r.frame, fromClient: false, verb: null, text: r.code > 0 ? `${r.code} ${r.text}` : r.text });
        line++;
      }
    }
    return out;
  }

  /** The exchange holding transcript line `line` (the last exchange starting at or before it). */
  private exchangeAt(line: number): number {
    let lo = 0;
    let hi = this.firstLine.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firstLine[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
