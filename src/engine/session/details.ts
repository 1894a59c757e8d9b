/**
 * The details tree as the UI gets it: the engine's TreeNodes (which carry
 * FieldDefs and subarrays of packet bytes) flattened into plain labelled
 * nodes with byte ranges, and the lookups the bytes pane needs.
 */
import { wsFields } from "../dissect/common";
import { defaultLabel, displayValue } from "../dissect/format";
import { GENERATED, type TreeNode } from "../dissect/tree";
import { matchSelectedFilter } from "../filter/match-selected";
import type { DataSource } from "../dissect/packet-info";
import type { DataSourceBytes, DetailNode } from "./types";

/** "Name: value", generated fields in [brackets], as Wireshark's tree reads. */
export function nodeLabel(n: TreeNode): string {
  const text = n.label ?? defaultLabel(n.field, n.value);
  return n.flags & GENERATED && !text.startsWith("[") ? `[${text}]` : text;
}

function nodeValue(n: TreeNode): string {
  const t = n.field.type;
  if (t === "none" || t === "protocol" || n.value === null) return n.label !== undefined && t === "none" ? n.label : "";
  return displayValue(n.field, n.value);
}

/** Converts a TreeBuilder's roots; ids are pre-order indices. */
export function toDetailNodes(roots: readonly TreeNode[]): DetailNode[] {
  let next = 0;
  const convert = (n: TreeNode): DetailNode => {
    const out: DetailNode = {
      id: next++,
      label: nodeLabel(n),
      abbrev: n.field.abbrev,
      value: nodeValue(n),
      source: n.source,
      offset: n.offset,
      length: n.length,
      generated: (n.flags & GENERATED) !== 0,
    };
    const filter = matchSelectedFilter(n.field, n.value);
    if (filter !== null) out.filter = filter;
    if (n.severity) out.severity = n.severity;
    if (n.field === wsFields.malformed) {
      out.severity = "error";
      out.malformed = true;
    }
    if (n.children && n.children.length > 0) {
      out.children = n.children.map(convert);
      if (out.children.some((c) => c.malformed)) out.malformed = true;
    }
    return out;
  };
  return roots.map(convert);
}

/** The byte tabs: the frame, then each reassembled buffer; bytes are copied so they can be transferred. */
export function dataSources(frame: Uint8Array, extra: readonly DataSource[]): DataSourceBytes[] {
  const named = (name: string, bytes: Uint8Array): DataSourceBytes => ({
    name: /\bbytes?\)$/.test(name) ? name : `${name} (${bytes.length} byte${bytes.length === 1 ? "" : "s"})`,
    bytes: bytes.slice(),
  });
  return [named("Frame", frame), ...extra.map((s) => named(s.name, s.bytes))];
}

/** Pre-order walk. */
export function walkDetails(nodes: readonly DetailNode[], visit: (n: DetailNode, ancestors: readonly DetailNode[]) => void): void {
  const stack: DetailNode[] = [];
  const go = (list: readonly DetailNode[]): void => {
    for (const n of list) {
      visit(n, stack);
      if (n.children) {
        stack.push(n);
        go(n.children);
        stack.pop();
      }
    }
  };
  go(nodes);
}

/** The node with this id and its ancestors (outermost first), or null. */
export function findDetail(nodes: readonly DetailNode[], id: number): { node: DetailNode; ancestors: DetailNode[] } | null {
  let found: { node: DetailNode; ancestors: DetailNode[] } | null = null;
  walkDetails(nodes, (n, ancestors) => {
    if (!found && n.id === id) found = { node: n, ancestors: [...ancestors] };
  });
  return found;
}

/**
 * The field a click on byte `offset` of data source `source` selects: the
 * deepest node covering it (a shorter one wins among equally deep ones), as
 * Wireshark's bytes pane does.
 */
export function deepestDetailAt(nodes: readonly DetailNode[], source: number, offset: number): DetailNode | null {
  let best: DetailNode | null = null;
  let bestDepth = -1;
  walkDetails(nodes, (n, ancestors) => {
    if (n.source !== source || n.length <= 0 || offset < n.offset || offset >= n.offset + n.length) return;
    const depth = ancestors.length;
    if (depth > bestDepth || (depth === bestDepth && best !== null && n.length < best.length)) {
      best = n;
      bestDepth = depth;
    }
  });
  return best;
}
