/**
 * proto_tree_add_bitmask as Wireshark 4.0 draws it (BMT_NO_INT|BMT_NO_TFS):
 * the head item's text lists each set boolean by name and each integer that
 * has value names as "Name: value name" (integers without names are left
 * out), and each field below it reads "..1. .... = Name: value". Shared by
 * the small UDP/IP protocols (NBNS, NTP, IGMP).
 */
import type { FieldDef } from "../field";
import { bitsLabel } from "../common";
import type { ProtoTree } from "../tree";

/** The value of `f`'s bits in `word` (shifted down). */
export function bitsOf(f: FieldDef, word: number): number {
  const mask = f.bitmask!;
  let shift = 0;
  while (shift < 31 && !((mask >>> shift) & 1)) shift++;
  return (word & mask) >>> shift;
}

/** One bit field under a bitmask head: a boolean or a (named) integer of `width` bits. */
export function bitItem(tree: ProtoTree, f: FieldDef, off: number, size: number, word: number): void {
  const v = bitsOf(f, word);
  const width = f.bitWidth ?? size * 8;
  if (f.type === "boolean") {
    tree.add(f, off, size, v !== 0, 0, tree.detailed ? bitsLabel(word, f.bitmask!, width, `${f.name}: ${f.tfs ? f.tfs[v ? 0 : 1] : v ? "True" : "False"}`) : undefined);
    return;
  }
  const shown = f.base === "hex" ? `0x${v.toString(16).padStart(Math.ceil(bitCount(f.bitmask!) / 4), "0")}` : String(v);
  const text = f.vals ? `${f.vals.get(v) ?? "Unknown"} (${shown})` : shown;
  tree.add(f, off, size, v, 0, tree.detailed ? bitsLabel(word, f.bitmask!, width, `${f.name}: ${text}`) : undefined);
}

/** How many bits a mask has set (a hex bit field shows one digit per four of them: "0x0", "0xf"). */
function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask >>> 0; m; m >>>= 1) n += m & 1;
  return n;
}

/** The head item's text: "Flags: 0x2910, Opcode: Registration, Recursion desired, Broadcast". */
export function bitmaskHeadLabel(head: FieldDef, word: number, size: number, fields: readonly FieldDef[]): string {
  let s = head.base === "hex" ? `${head.name}: 0x${word.toString(16).padStart(size * 2, "0")}` : `${head.name}: ${word}`;
  for (const f of fields) {
    const v = bitsOf(f, word);
    if (f.type === "boolean") {
      if (v) s += `, ${f.name}`;
    } else if (f.vals) s += `, ${f.name}: ${f.vals.get(v) ?? "Unknown"}`;
  }
  return s;
}

/** A whole bitmask: the head item (label extended by `suffix`) with its fields beneath. */
export function bitmask(tree: ProtoTree, head: FieldDef, off: number, size: number, word: number, fields: readonly FieldDef[], suffix = ""): void {
  tree.open(head, off, size, word, tree.detailed ? bitmaskHeadLabel(head, word, size, fields) + suffix : undefined);
  for (const f of fields) bitItem(tree, f, off, size, word);
  tree.close();
}
