/**
 * What the Expert Information view shows, a page at a time: per severity the
 * number of items and entries, an entry's row (group, protocol, summary,
 * count) and the frames of its items. Plain data, structured-clone friendly.
 */
import { ExpertLevel } from "../dissect/expert-info";
import type { ExpertLog } from "./expert-log";

/** Severity names, by level, as Wireshark's Expert Information says them. */
export const LEVEL_NAMES = ["Comment", "Chat", "Note", "Warning", "Error"];

export interface ExpertLevelTotal {
  level: number;
  /** Items of this severity. */
  items: number;
  /** Distinct entries (protocol and summary) among them. */
  entries: number;
}

export interface ExpertOverview {
  items: number;
  /** Error first, as Wireshark lists them; levels without items left out. */
  levels: ExpertLevelTotal[];
}

export interface ExpertRow {
  /** The entry's id, to ask for its frames. */
  entry: number;
  level: number;
  group: string;
  protocol: string;
  summary: string;
  count: number;
}

/** Reads an ExpertLog for the view; counts and per-level lists are made once per log size. */
export class ExpertReader {
  private countsAt = -1;
  private counts: Uint32Array = new Uint32Array(0);
  private byLevel: number[][] = [];
  private framesCache: { entry: number; at: number; frames: Uint32Array } | null = null;

  constructor(private readonly log: ExpertLog) {}

  private refresh(): void {
    if (this.countsAt === this.log.count) return;
    this.countsAt = this.log.count;
    this.counts = this.log.counts();
    this.byLevel = [[], [], [], [], []];
    this.log.entries.forEach((e, id) => {
      if (this.counts[id]! > 0) this.byLevel[e.level]!.push(id);
    });
  }

  overview(): ExpertOverview {
    this.refresh();
    const levels: ExpertLevelTotal[] = [];
    for (let level = ExpertLevel.ERROR; level >= ExpertLevel.COMMENT; level--) {
      const ids = this.byLevel[level]!;
      if (ids.length === 0) continue;
      let items = 0;
      for (const id of ids) items += this.counts[id]!;
      levels.push({ level, items, entries: ids.length });
    }
    return { items: this.log.count, levels };
  }

  /** Entries `first`… of severity `level`, in the order they first occurred. */
  entries(level: number, first: number, count: number): ExpertRow[] {
    this.refresh();
    const ids = this.byLevel[level] ?? [];
    return ids.slice(Math.max(0, first), Math.max(0, first) + Math.max(0, count)).map((id) => {
      const e = this.log.entries[id]!;
      return { entry: id, level: e.level, group: e.group, protocol: e.protocol, summary: e.summary, count: this.counts[id]! };
    });
  }

  /** Frames `first`… of entry `entry`'s items, with their total (the last entry's list is kept for the next page). */
  frames(entry: number, first: number, count: number): { total: number; frames: Uint32Array } {
    let cached = this.framesCache;
    if (!cached || cached.entry !== entry || cached.at !== this.log.count) {
      cached = { entry, at: this.log.count, frames: this.log.framesOf(entry) };
      this.framesCache = cached;
    }
    const start = Math.max(0, first);
    return { total: cached.frames.length, frames: cached.frames.slice(start, start + Math.max(0, count)) };
  }
}
