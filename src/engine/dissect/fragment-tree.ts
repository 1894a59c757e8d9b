/**
 * The fragment list IPv4 and IPv6 show under a reassembled datagram
 * (Wireshark's reassemble.c show_fragment_tree); the reassembly itself is
 * reassembly/ip-fragments.ts.
 */
import { FRAG_ERROR_FLAGS, FragFlag, type ReassembledDatagram } from "../reassembly/ip-fragments";
import type { FieldDef } from "./field";
import type { PacketInfo } from "./packet-info";
import { GENERATED } from "./tree";

/** The fields one protocol uses to show its fragments (Wireshark's fragment_items). */
export interface FragmentFields {
  fragments: FieldDef;
  fragment: FieldDef;
  overlap: FieldDef;
  overlapConflict: FieldDef;
  multipleTails: FieldDef;
  tooLong: FieldDef;
  /** Used instead of `fragment` for a fragment with an error flag (conflict, several tails, too long). */
  error: FieldDef;
  count: FieldDef;
  reassembledIn: FieldDef;
  reassembledLength: FieldDef;
  reassembledData: FieldDef;
  /** ip.fragments is FT_BYTES (its value is the reassembled payload); ipv6.fragments is FT_NONE. */
  fragmentsAreBytes: boolean;
  /** "IPv4 fragments": the Info column says "[Illegal IPv4 fragments]" on errors. */
  tag: string;
}

/**
 * The "[3 IPv4 Fragments (3508 bytes): #1(1480), #2(1480), #3(548)]" subtree,
 * added in the reassembled buffer's data source (the caller switches to it).
 */
export function addFragmentTree(pinfo: PacketInfo, f: FragmentFields, dg: ReassembledDatagram): void {
  const tree = pinfo.tree;
  const n = dg.bytes.length;
  const count = dg.pieces.length;
  let label: string | undefined;
  if (tree.detailed) {
    const name = count === 1 ? f.fragment.name : f.fragments.name;
    label = `${count} ${name} (${n} byte${n === 1 ? "" : "s"}): ` + dg.pieces.map((p) => `#${p.frame}(${p.length})`).join(", ");
  }
  tree.open(f.fragments, 0, n, f.fragmentsAreBytes ? dg.bytes : null, label, GENERATED);
  for (const p of dg.pieces) {
    const text = tree.detailed
      ? `Frame: ${p.frame}, payload: ${p.offset}-${p.offset + p.length - 1} (${p.length} byte${p.length === 1 ? "" : "s"})`
      : undefined;
    // Fragments reaching past the datagram's end are shown clipped, as Wireshark's tvb range is.
    const len = Math.max(0, Math.min(p.length, n - p.offset));
    if (p.flags & FRAG_ERROR_FLAGS) {
      // reassemble.c show_fragment: such a fragment is listed as hf_fragment_error, with its flags below.
      tree.open(f.error, Math.min(p.offset, n), len, p.frame, text, GENERATED);
      if (p.flags & FragFlag.OVERLAP) tree.add(f.overlap, Math.min(p.offset, n), 0, true, GENERATED);
      if (p.flags & FragFlag.OVERLAP_CONFLICT) tree.add(f.overlapConflict, Math.min(p.offset, n), 0, true, GENERATED);
      if (p.flags & FragFlag.MULTIPLE_TAILS) tree.add(f.multipleTails, Math.min(p.offset, n), 0, true, GENERATED);
      if (p.flags & FragFlag.TOO_LONG) tree.add(f.tooLong, Math.min(p.offset, n), 0, true, GENERATED);
      tree.close();
    } else {
      tree.add(f.fragment, Math.min(p.offset, n), len, p.frame, GENERATED, text);
    }
  }
  tree.add(f.count, 0, 0, count, GENERATED);
  tree.add(f.reassembledLength, 0, 0, n, GENERATED);
  tree.add(f.reassembledData, 0, n, dg.bytes, GENERATED);
  tree.close();
}
