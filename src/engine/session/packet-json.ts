/**
 * A packet's details as `tshark -T json` writes them: an object per packet
 * with `_index`, `_type`, `_score` and `_source.layers`, a key per protocol
 * holding its fields by their Wireshark names with tshark's -T fields text
 * as values; a field with a subtree has its value and then
 * "NAME_tree": {…}; a text line is its label with "" as value (or its
 * subtree). As tshark does by default, a name repeated in one object is
 * written again rather than merged into an array.
 */
import { formatFieldValue, defaultLabel } from "../dissect/format";
import { SEVERITY_CODES, type TreeNode } from "../dissect/tree";

const INDENT = "  ";

const q = (s: string): string => JSON.stringify(s);

/** The value as tshark's JSON shows it: -T fields text, but bytes with colons between them and "" for an item without a value. */
function valueText(n: TreeNode): string {
  if (n.field.type === "none") return "";
  if (n.field.type === "bytes" && n.value instanceof Uint8Array)
    return Array.from(n.value, (b) => b.toString(16).padStart(2, "0")).join(":");
  return formatFieldValue(n.field, n.value);
}

function members(nodes: readonly TreeNode[], depth: number): string {
  const pad = INDENT.repeat(depth);
  const out: string[] = [];
  for (const n of nodes) {
    const abbrev = n.field.abbrev;
    if (abbrev.startsWith("_ws.text")) {
      // A text line: its label (without a generated item's brackets) is the key.
      const label = (n.label ?? defaultLabel(n.field, n.value)).replace(/^\[(.*)\]$/s, "$1");
      out.push(`${pad}${q(label)}: ${n.children?.length ? object(n.children, depth) : '""'}`);
    } else if (n.severity) {
      // An expert item is tshark's _ws.expert object: its own field, message, severity and group (TreeBuilder's children).
      const expert = n.children?.length
        ? object(n.children, depth)
        : `{\n${pad}${INDENT}"_ws.expert.message": ${q(String(n.value ?? n.label ?? ""))},\n${pad}${INDENT}"_ws.expert.severity": ${q(String(SEVERITY_CODES[n.severity]))}\n${pad}}`;
      out.push(`${pad}"_ws.expert": ${expert}`);
    } else if (n.children?.length && n.field.type === "none") {
      // An item without a value of its own is its subtree.
      out.push(`${pad}${q(abbrev)}: ${object(n.children, depth)}`);
    } else {
      out.push(`${pad}${q(abbrev)}: ${q(valueText(n))}`);
      if (n.children?.length) out.push(`${pad}${q(abbrev + "_tree")}: ${object(n.children, depth)}`);
    }
  }
  return out.join(",\n");
}

function object(nodes: readonly TreeNode[], depth: number): string {
  if (nodes.length === 0) return "{}";
  return `{\n${members(nodes, depth + 1)}\n${INDENT.repeat(depth)}}`;
}

/** One packet's JSON object (as an element of tshark's top-level array, indented for it). */
export function packetJson(roots: readonly TreeNode[], tsSec: number): string {
  const day = new Date(tsSec * 1000);
  const index = Number.isNaN(day.getTime()) ? "packets" : `packets-${day.toISOString().slice(0, 10)}`;
  // Layers are objects; a field at the top (FTP's working directory) is written as any field is.
  const layers = roots
    .map((r) => (r.field.type === "protocol" ? `${INDENT.repeat(4)}${q(r.field.abbrev)}: ${object(r.children ?? [], 4)}` : members([r], 4)))
    .join(",\n");
  return [
    `${INDENT}{`,
    `${INDENT.repeat(2)}"_index": ${q(index)},`,
    `${INDENT.repeat(2)}"_type": "doc",`,
    `${INDENT.repeat(2)}"_score": null,`,
    `${INDENT.repeat(2)}"_source": {`,
    `${INDENT.repeat(3)}"layers": {`,
    layers,
    `${INDENT.repeat(3)}}`,
    `${INDENT.repeat(2)}}`,
    `${INDENT}}`,
  ].join("\n");
}
