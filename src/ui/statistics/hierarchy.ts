/**
 * The rows of Statistics ▸ Protocol Hierarchy, as Wireshark's dialog shows
 * them: each protocol's share of all packets and bytes, and its "end"
 * packets and bytes, those of its frames no child protocol goes on to
 * (a node's frames minus its children's). The snapshot lists the nodes
 * depth first, so a node's children are the entries after it one level
 * deeper, up to the next entry at its own depth or above.
 */
import type { HierarchyEntry } from "../../engine/stats/snapshot";

export interface HierarchyRow extends HierarchyEntry {
  /** Position in the snapshot's list (depth-first order), and the parent's (-1 for a top level protocol). */
  index: number;
  parent: number;
  /** The protocols from the top down to this one ("eth/ip/tcp"): names it however the counts grow. */
  path: string;
  endFrames: number;
  endBytes: number;
  /** Percent of all packets and of all bytes. */
  framesPercent: number;
  bytesPercent: number;
}

export interface Hierarchy {
  rows: HierarchyRow[];
  /** Every packet counted, and their bytes: the top level protocols' sums (each packet has one). */
  frames: number;
  bytes: number;
}

function percent(part: number, whole: number): number {
  return whole > 0 ? (100 * part) / whole : 0;
}

export function hierarchyRows(entries: readonly HierarchyEntry[]): Hierarchy {
  let frames = 0;
  let bytes = 0;
  for (const e of entries) {
    if (e.depth !== 0) continue;
    frames += e.frames;
    bytes += e.bytes;
  }
  // The open ancestors: stack[d] is the index of the last entry seen at depth d.
  const stack: number[] = [];
  const rows: HierarchyRow[] = [];
  entries.forEach((e, index) => {
    stack.length = e.depth;
    const parent = e.depth > 0 ? (stack[e.depth - 1] ?? -1) : -1;
    stack.push(index);
    rows.push({
      ...e,
      index,
      parent,
      path: parent < 0 ? e.protocol : `${rows[parent]!.path}/${e.protocol}`,
      endFrames: e.frames,
      endBytes: e.bytes,
      framesPercent: percent(e.frames, frames),
      bytesPercent: percent(e.bytes, bytes),
    });
  });
  for (const r of rows) {
    if (r.parent < 0) continue;
    const p = rows[r.parent]!;
    p.endFrames -= r.frames;
    p.endBytes -= r.bytes;
  }
  return { rows, frames, bytes };
}

/**
 * The tree in another order: each node's children (and the top level)
 * sorted by `order`, every node still followed by its own subtree.
 */
export function sortTree(rows: readonly HierarchyRow[], order: (siblings: readonly HierarchyRow[]) => HierarchyRow[]): HierarchyRow[] {
  const children = new Map<number, HierarchyRow[]>();
  for (const r of rows) {
    const list = children.get(r.parent);
    if (list) list.push(r);
    else children.set(r.parent, [r]);
  }
  const out: HierarchyRow[] = [];
  const visit = (parent: number): void => {
    for (const r of order(children.get(parent) ?? [])) {
      out.push(r);
      visit(r.index);
    }
  };
  visit(-1);
  return out;
}

/** Paths of the rows that have children (those a collapse button is drawn for). */
export function parentPaths(rows: readonly HierarchyRow[]): Set<string> {
  const pathOf = new Map(rows.map((r) => [r.index, r.path]));
  const parents = new Set<string>();
  for (const r of rows) {
    const parent = pathOf.get(r.parent);
    if (parent !== undefined) parents.add(parent);
  }
  return parents;
}

/** The rows shown when the nodes at `collapsed` paths are collapsed: their descendants are left out (the rows stay in order). */
export function expandedRows(rows: readonly HierarchyRow[], collapsed: ReadonlySet<string>): HierarchyRow[] {
  if (collapsed.size === 0) return [...rows];
  return rows.filter((r) => {
    // A row is hidden when any proper ancestor's path ("eth/ip" of "eth/ip/tcp") is collapsed.
    for (let cut = r.path.lastIndexOf("/"); cut > 0; cut = r.path.lastIndexOf("/", cut - 1)) if (collapsed.has(r.path.slice(0, cut))) return false;
    return true;
  });
}
