/**
 * Spanning Tree BPDU fields (IEEE 802.1D-2004 §9, 802.1Q-2014 §14 for MSTP,
 * Cisco PVST+), named and typed as Wireshark 4.0's packet-bpdu.c registers them.
 */
import { defineField, defineFields, vals } from "../../field";

const YES_NO = ["Yes", "No"] as const;

export const BPDU_TYPE_CONF = 0x00;
export const BPDU_TYPE_RST = 0x02;
export const BPDU_TYPE_TCN = 0x80;

export const ROLE_NAMES = vals({ 1: "Alternate or Backup", 2: "Root", 3: "Designated" });

export const stpFields = defineFields("stp", {
  "": { name: "Spanning Tree Protocol", type: "protocol" },
  protocol: { name: "Protocol Identifier", type: "uint16", base: "hex", vals: { 0: "Spanning Tree Protocol" } },
  version: { name: "Protocol Version Identifier", type: "uint8", vals: { 0: "Spanning Tree", 2: "Rapid Spanning Tree", 3: "Multiple Spanning Tree", 4: "Shortest Path Tree" } },
  type: { name: "BPDU Type", type: "uint8", base: "hex", vals: { 0x00: "Configuration", 0x02: "Rapid/Multiple Spanning Tree", 0x80: "Topology Change Notification" } },
  flags: { name: "BPDU flags", type: "uint8", base: "hex" },
  "flags.tcack": { name: "Topology Change Acknowledgment", type: "boolean", bitmask: 0x80, bitWidth: 8, tfs: YES_NO },
  "flags.agreement": { name: "Agreement", type: "boolean", bitmask: 0x40, bitWidth: 8, tfs: YES_NO },
  "flags.forwarding": { name: "Forwarding", type: "boolean", bitmask: 0x20, bitWidth: 8, tfs: YES_NO },
  "flags.learning": { name: "Learning", type: "boolean", bitmask: 0x10, bitWidth: 8, tfs: YES_NO },
  "flags.port_role": { name: "Port Role", type: "uint8", vals: ROLE_NAMES, bitmask: 0x0c, bitWidth: 8 },
  "flags.proposal": { name: "Proposal", type: "boolean", bitmask: 0x02, bitWidth: 8, tfs: YES_NO },
  "flags.tc": { name: "Topology Change", type: "boolean", bitmask: 0x01, bitWidth: 8, tfs: YES_NO },
  "root.prio": { name: "Root Bridge Priority", type: "uint16" },
  "root.ext": { name: "Root Bridge System ID Extension", type: "uint16" },
  "root.hw": { name: "Root Bridge System ID", type: "ether" },
  "root.cost": { name: "Root Path Cost", type: "uint32" },
  "bridge.prio": { name: "Bridge Priority", type: "uint16" },
  "bridge.ext": { name: "Bridge System ID Extension", type: "uint16" },
  "bridge.hw": { name: "Bridge System ID", type: "ether" },
  port: { name: "Port identifier", type: "uint16", base: "hex" },
  msg_age: { name: "Message Age", type: "double" },
  max_age: { name: "Max Age", type: "double" },
  hello: { name: "Hello Time", type: "double" },
  forward: { name: "Forward Delay", type: "double" },
  version_1_length: { name: "Version 1 Length", type: "uint8" },
  "pvst.tlvtype": { name: "Type", type: "uint16", base: "hex", vals: { 0: "Originating VLAN" } },
  "pvst.tlvlen": { name: "Length", type: "uint16" },
  "pvst.origvlan": { name: "Originating VLAN", type: "uint16" },
  "pvst.tlvval": { name: "Value", type: "bytes" },
});

export const mstpFields = defineFields("mstp", {
  version_3_length: { name: "Version 3 Length", type: "uint16" },
  config_format_selector: { name: "MST Config ID format selector", type: "uint8" },
  config_name: { name: "MST Config name", type: "string" },
  config_revision_level: { name: "MST Config revision", type: "uint16" },
  config_digest: { name: "MST Config digest", type: "bytes" },
  cist_internal_root_path_cost: { name: "CIST Internal Root Path Cost", type: "uint32" },
  "cist_bridge.prio": { name: "CIST Bridge Priority", type: "uint16" },
  "cist_bridge.ext": { name: "CIST Bridge Identifier System ID Extension", type: "uint16" },
  "cist_bridge.hw": { name: "CIST Bridge Identifier System ID", type: "ether" },
  cist_remaining_hops: { name: "CIST Remaining hops", type: "uint8" },
  "msti.flags": { name: "MSTI flags", type: "uint8", base: "hex" },
  "msti.priority": { name: "Priority", type: "uint8", base: "hex", bitmask: 0xf0, bitWidth: 8 },
  "msti.msti_id": { name: "MSTID", type: "uint16", bitmask: 0x0fff, bitWidth: 16 },
  "msti.root.hw": { name: "Regional Root", type: "ether" },
  "msti.root_cost": { name: "Internal root path cost", type: "uint32" },
  "msti.bridge_priority": { name: "Bridge Identifier Priority", type: "uint8" },
  "msti.port_priority": { name: "Port identifier priority", type: "uint8" },
  "msti.remaining_hops": { name: "Remaining hops", type: "uint8" },
});

/** Text-only items (the identifier and MST subtrees). */
export const textField = defineField("_ws.text", { name: "Text item", type: "none" });
