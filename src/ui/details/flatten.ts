/** The details tree as the list of lines currently shown (expanded subtrees only). */
import type { DetailNode } from "../../engine/session/types";

export interface TreeLine {
  node: DetailNode;
  depth: number;
  /** Expansion key: the path of field names, so a layer stays open from packet to packet. */
  key: string;
  parentId: number | null;
  expanded: boolean;
}

export function expansionKey(parentKey: string, node: DetailNode): string {
  return parentKey ? `${parentKey}/${node.abbrev}` : node.abbrev;
}

export function flattenTree(nodes: readonly DetailNode[], expanded: ReadonlySet<string>, forcedOpen: ReadonlySet<number>): TreeLine[] {
  const out: TreeLine[] = [];
  const walk = (list: readonly DetailNode[], depth: number, parentKey: string, parentId: number | null): void => {
    for (const node of list) {
      const key = expansionKey(parentKey, node);
      const open = !!node.children && (expanded.has(key) || forcedOpen.has(node.id));
      out.push({ node, depth, key, parentId, expanded: open });
      if (open) walk(node.children!, depth + 1, key, node.id);
    }
  };
  walk(nodes, 0, "", null);
  return out;
}
