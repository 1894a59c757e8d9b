/**
 * Tree items of the fixed header that more than one place adds: the flags
 * byte, and an address with its hidden ip.addr/ip.host twins (the header's
 * addresses, and a source route's final destination shown as ip.dst).
 */
import type { PacketInfo } from "../../packet-info";
import { GENERATED, HIDDEN } from "../../tree";
import { ipFields } from "./fields";
import { bitsLabel } from "./values";

const FLAG_NAMES = ["Reserved bit", "Don't fragment", "More fragments"];
const FLAG_FIELDS = [ipFields["flags.rb"], ipFields["flags.df"], ipFields["flags.mf"]];

export function addFlags(pinfo: PacketInfo, byte: number, o: number): void {
  const tree = pinfo.tree;
  const flags = byte >> 5;
  let label: string | undefined;
  if (tree.detailed) {
    label = `Flags: 0x${flags.toString(16)}`;
    for (let i = 0; i < 3; i++) if (flags & (4 >> i)) label += `, ${FLAG_NAMES[i]}`;
  }
  tree.open(ipFields.flags, o, 1, flags, label && bitsLabel(tree, ipFields.flags, byte, flags, label));
  for (const f of FLAG_FIELDS) {
    const v = (byte & f.bitmask!) !== 0;
    tree.add(f, o, 1, v, 0, bitsLabel(tree, f, byte, v));
  }
  tree.close();
}

export function addAddress(
  pinfo: PacketInfo,
  f: typeof ipFields.src,
  host: typeof ipFields.src_host,
  o: number,
  value: number,
  text: string,
): void {
  const tree = pinfo.tree;
  tree.add(f, o, 4, value >>> 0);
  tree.add(ipFields.addr, o, 4, value >>> 0, HIDDEN);
  // Host names are the addresses themselves: name resolution is off (tshark -n).
  tree.add(host, o, 4, text, HIDDEN | GENERATED);
  tree.add(ipFields.host, o, 4, text, HIDDEN | GENERATED);
}
