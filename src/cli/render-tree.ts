/** Text rendering of a details tree (-V) and of packet bytes (-x), in tshark's layout. */
import type { TreeNode } from "../engine/dissect/tree";
import { defaultLabel } from "../engine/dissect/format";
import { GENERATED } from "../engine/dissect/tree";

export function nodeLabel(n: TreeNode): string {
  const text = n.label ?? defaultLabel(n.field, n.value);
  return n.flags & GENERATED && !text.startsWith("[") ? `[${text}]` : text;
}

export function renderTree(roots: readonly TreeNode[]): string {
  const lines: string[] = [];
  const walk = (nodes: readonly TreeNode[], depth: number): void => {
    for (const n of nodes) {
      lines.push(" ".repeat(depth * 4) + nodeLabel(n));
      if (n.children) walk(n.children, depth + 1);
    }
  };
  walk(roots, 0);
  return lines.join("\n");
}

export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, "0"));
    const left = hex.slice(0, 8).join(" ");
    const right = hex.slice(8).join(" ");
    const text = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
    lines.push(`${off.toString(16).padStart(4, "0")}  ${(left + (right ? "  " + right : "")).padEnd(49)}  ${text}`);
  }
  return lines.join("\n");
}
