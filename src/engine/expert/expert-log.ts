/**
 * Every expert item of a capture, as Wireshark's Expert Information keeps
 * them: for each item its frame and its entry (severity level, protocol and
 * summary; the group is the entry's first item's, as tshark's tap keeps it).
 * Items are two 32-bit numbers in growable typed arrays, entries are interned
 * once, so a million items cost 8 MB and no object each.
 */
import type { ExpertGroup, ExpertSink } from "../dissect/expert-info";

export interface ExpertEntry {
  /** 0 comment … 4 error (ExpertLevel). */
  level: number;
  group: ExpertGroup;
  protocol: string;
  summary: string;
}

const INITIAL = 1024;

export class ExpertLog implements ExpertSink {
  private frames = new Uint32Array(INITIAL);
  private itemEntries = new Uint32Array(INITIAL);
  private size = 0;
  private readonly entryList: ExpertEntry[] = [];
  /** Per level: protocol → summary → entry id (tshark's tap matches protocol and summary within a level). */
  private readonly byLevel: Map<string, Map<string, number>>[] = [new Map(), new Map(), new Map(), new Map(), new Map()];
  /** What `commit` last accepted: `rollback` returns here. */
  private committedItems = 0;
  private committedEntries = 0;

  add(frame: number, level: number, group: ExpertGroup, protocol: string, summary: string): void {
    let bySummary = this.byLevel[level]!.get(protocol);
    if (!bySummary) this.byLevel[level]!.set(protocol, (bySummary = new Map()));
    let entry = bySummary.get(summary);
    if (entry === undefined) {
      entry = this.entryList.length;
      this.entryList.push({ level, group, protocol, summary });
      bySummary.set(summary, entry);
    }
    if (this.size === this.frames.length) {
      this.frames = grow(this.frames);
      this.itemEntries = grow(this.itemEntries);
    }
    this.frames[this.size] = frame;
    this.itemEntries[this.size++] = entry;
  }

  /** Keeps the items added so far (a tap whose filter accepted the packet). */
  commit(): void {
    this.committedItems = this.size;
    this.committedEntries = this.entryList.length;
  }

  /** Drops the items added since the last `commit`, and the entries they made (so entries stay in first-kept order). */
  rollback(): void {
    this.size = this.committedItems;
    while (this.entryList.length > this.committedEntries) {
      const e = this.entryList.pop()!;
      this.byLevel[e.level]!.get(e.protocol)!.delete(e.summary);
    }
  }

  get count(): number {
    return this.size;
  }
  get entries(): readonly ExpertEntry[] {
    return this.entryList;
  }
  frameAt(i: number): number {
    return this.frames[i]!;
  }
  entryAt(i: number): number {
    return this.itemEntries[i]!;
  }

  /** Items per entry, in one walk over the items. */
  counts(): Uint32Array {
    const out = new Uint32Array(this.entryList.length);
    for (let i = 0; i < this.size; i++) out[this.itemEntries[i]!]!++;
    return out;
  }

  /** The frames of entry `entry`'s items, in capture order (a frame twice when it has the item twice). */
  framesOf(entry: number): Uint32Array {
    let n = 0;
    for (let i = 0; i < this.size; i++) if (this.itemEntries[i] === entry) n++;
    const out = new Uint32Array(n);
    n = 0;
    for (let i = 0; i < this.size; i++) if (this.itemEntries[i] === entry) out[n++] = this.frames[i]!;
    return out;
  }
}

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
