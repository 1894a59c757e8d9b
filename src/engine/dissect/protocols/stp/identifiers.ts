/**
 * The parts of a BPDU that STP, RSTP and MSTP share (packet-bpdu.c): bridge
 * identifiers with 802.1t system ID extensions (a 4-bit priority ×4096 and a
 * 12-bit extension before the MAC: Wireshark's default) and the flags byte.
 */
import { ensure } from "../../bytes";
import { bitsLabel, u16 } from "../../common";
import { etherAt } from "../../format";
import type { FieldDef } from "../../field";
import type { PacketInfo } from "../../packet-info";
import { ROLE_NAMES, stpFields as F, textField } from "./fields";

export function hex(v: number, digits: number): string {
  return `0x${v.toString(16).padStart(digits, "0")}`;
}

/** "Root Identifier: 32768 / 1 / aa:bb:cc:00:03:00" and its three items. */
export function addBridgeId(
  pinfo: PacketInfo,
  data: Uint8Array,
  o: number,
  end: number,
  title: string,
  prio: FieldDef,
  ext: FieldDef,
  hw: FieldDef,
): void {
  const tree = pinfo.tree;
  ensure(o, 8, end);
  const id = u16(data, o);
  const mac = etherAt(data, o + 2);
  tree.open(textField, o, 8, null, tree.detailed ? `${title}: ${id & 0xf000} / ${id & 0x0fff} / ${mac}` : undefined);
  tree.add(prio, o, 1, id & 0xf000);
  tree.add(ext, o, 2, id & 0x0fff);
  tree.add(hw, o + 2, 6, tree.wants(hw) ? data.subarray(o + 2, o + 8) : null);
  tree.close();
}

const FLAG_NAMES: readonly [number, string][] = [
  [0x80, "Topology Change Acknowledgment"],
  [0x40, "Agreement"],
  [0x20, "Forwarding"],
  [0x10, "Learning"],
  [0x02, "Proposal"],
  [0x01, "Topology Change"],
];

/**
 * The flags byte with BMT_NO_FALSE|BMT_NO_TFS: the label lists the set flags
 * by name ("BPDU flags: 0x3c, Forwarding, Learning, Port Role: Designated").
 * STP configuration BPDUs have only TCA and TC; RST flags (and MSTI flags) all seven.
 */
export function addFlags(pinfo: PacketInfo, o: number, flags: number, rst: boolean, field = F.flags): void {
  const tree = pinfo.tree;
  let label: string | undefined;
  if (tree.detailed) {
    const parts: string[] = [];
    for (const [bit, name] of FLAG_NAMES) {
      if (!rst && bit !== 0x80 && bit !== 0x01) continue;
      if (bit === 0x02 && rst && (flags & 0x0c) !== 0) parts.push(`Port Role: ${ROLE_NAMES.get((flags & 0x0c) >> 2)}`);
      if (flags & bit) parts.push(name);
    }
    label = `${field.name}: ${hex(flags, 2)}${parts.map((p) => `, ${p}`).join("")}`;
  }
  tree.open(field, o, 1, flags, label);
  tree.add(F["flags.tcack"], o, 1, (flags & 0x80) !== 0);
  if (rst) {
    tree.add(F["flags.agreement"], o, 1, (flags & 0x40) !== 0);
    tree.add(F["flags.forwarding"], o, 1, (flags & 0x20) !== 0);
    tree.add(F["flags.learning"], o, 1, (flags & 0x10) !== 0);
    const role = (flags & 0x0c) >> 2;
    tree.add(F["flags.port_role"], o, 1, role, 0, tree.detailed ? bitsLabel(flags, 0x0c, 8, `Port Role: ${ROLE_NAMES.get(role) ?? "Unknown"} (${role})`) : undefined);
    tree.add(F["flags.proposal"], o, 1, (flags & 0x02) !== 0);
  }
  tree.add(F["flags.tc"], o, 1, (flags & 0x01) !== 0);
  tree.close();
}

