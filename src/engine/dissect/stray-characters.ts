/**
 * Wireshark's "Trailing stray characters" (proto.c's
 * detect_trailing_stray_characters): a string item read with an ASCII or
 * UTF-8 encoding whose bytes hold a NUL with non-NUL bytes after it. The
 * value ends at the NUL (field values are C strings); the warning says that
 * bytes were left out.
 *
 * proto.c checks it while it fills in the item, so the warning exists only
 * where the item is really made: there is a tree, and the item is not faked
 * (TRY_TO_FAKE_THIS_ITEM: in a tree nobody shows, an item whose field no
 * filter names is never made). tshark -q -z expert alone builds no tree and
 * never counts it; a display or tap filter that does not name the field
 * does not either; -V, -T fields and the details pane show it.
 */
import { expert } from "./common";
import type { FieldDef } from "./field";
import type { PacketInfo } from "./packet-info";
import type { ProtoTree } from "./tree";

/** True when a NUL ends the string early and non-NUL bytes follow it. */
export function hasStrayAfterNul(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end && b[i] !== 0) i++;
  for (; i < end; i++) if (b[i] !== 0) return true;
  return false;
}

/**
 * Whether Wireshark would make the item of `f` in this tree: a tree that is
 * shown (the details pane, -V, -T fields), or one whose filter names `f`.
 */
function itemMade(tree: ProtoTree, f: FieldDef): boolean {
  return tree.built && (tree.detailed || tree.shown === true || tree.wants(f));
}

/** The warning for the string item of `f` at [start, end), when its bytes have stray characters after a NUL. */
export function strayCharacters(pinfo: PacketInfo, f: FieldDef, data: Uint8Array, start: number, end: number, protocol: string): void {
  if (hasStrayAfterNul(data, start, end) && itemMade(pinfo.tree, f)) {
    expert(pinfo, start, end - start, "warn", "Trailing stray characters", "Undecoded", protocol);
  }
}
