/**
 * The Internet checksum (RFC 1071) and its tree items, as Wireshark's
 * in_cksum and proto_tree_add_checksum show them; shared with ICMPv6 and GRE.
 */
import { expert } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { CHECKSUM_STATUS } from "../ipv4";
import type { icmpFields } from "./fields";

/** 16-bit one's complement sum of data[start, end) added to `sum` (RFC 1071), not yet folded. */
export function onesSum(data: Uint8Array, start: number, end: number, sum = 0): number {
  let i = start;
  for (; i + 1 < end; i += 2) sum += (data[i]! << 8) | data[i + 1]!;
  if (i < end) sum += data[i]! << 8;
  return sum;
}

/** Folds a running sum to 16 bits and complements it: 0 when a checksum verifies. */
export function finishChecksum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** in_cksum_shouldbe: the checksum the header should have carried. */
export function checksumShouldBe(received: number, computed: number): number {
  let s = received + computed;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s;
}

/**
 * proto_tree_add_checksum with PROTO_CHECKSUM_VERIFY|IN_CKSUM (`computed` is
 * the complemented sum over the message including the checksum field: 0 means
 * good), or unverified with a reason (`computed` null).
 */
export function addChecksum(
  pinfo: PacketInfo,
  fields: { checksum: typeof icmpFields.checksum; status: typeof icmpFields.checksum },
  o: number,
  received: number,
  computed: number | null,
  unverifiedWhy: string,
): void {
  const tree = pinfo.tree;
  const hex = (v: number): string => `0x${v.toString(16).padStart(4, "0")}`;
  if (computed === null) {
    tree.add(fields.checksum, o, 2, received, 0, tree.detailed ? `Checksum: ${hex(received)} [unverified]${unverifiedWhy ? ` [${unverifiedWhy}]` : ""}` : undefined);
    tree.add(fields.status, o, 0, 2, GENERATED, statusLabel(tree.detailed, 2));
  } else if (computed === 0) {
    tree.add(fields.checksum, o, 2, received, 0, tree.detailed ? `Checksum: ${hex(received)} [correct]` : undefined);
    tree.add(fields.status, o, 0, 1, GENERATED, statusLabel(tree.detailed, 1));
  } else {
    const should = checksumShouldBe(received, computed);
    tree.add(fields.checksum, o, 2, received, 0, tree.detailed ? `Checksum: ${hex(received)} [incorrect, should be ${hex(should)}]` : undefined);
    tree.add(fields.status, o, 0, 0, GENERATED, statusLabel(tree.detailed, 0));
    expert(pinfo, o, 2, "warn", `Bad checksum [should be ${hex(should)}]`, "Checksum", fields.checksum.abbrev.startsWith("icmpv6") ? "ICMPv6" : "ICMP");
  }
}

/** proto_checksum_vals is BASE_NONE: the tree shows the name alone ("Checksum Status: Good"). */
export function statusLabel(detailed: boolean, status: keyof typeof CHECKSUM_STATUS): string | undefined {
  return detailed ? `Checksum Status: ${CHECKSUM_STATUS[status]}` : undefined;
}
