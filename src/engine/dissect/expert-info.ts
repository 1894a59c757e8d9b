/**
 * What an expert item is, beyond the tree's message and severity: Wireshark's
 * group (PI_CHECKSUM … PI_DEPRECATED, epan/proto.h) and the protocol that
 * raised it (pinfo->current_proto, the short name: "TCP", "IPv4", "ARP/RARP").
 * A pass that wants every item of the capture (tshark's `-z expert`, the
 * Expert Information view) sets `PacketInfo.expertSink`; it is null otherwise,
 * so dissection pays one null check per item and nothing per packet.
 */

/** Wireshark's expert groups, in code order: group code = (index + 1) << 24. The names are expert_group_vals'. */
export const EXPERT_GROUPS = [
  "Checksum",
  "Sequence",
  "Response",
  "Request",
  "Undecoded",
  "Reassemble",
  "Malformed",
  "Debug",
  "Protocol",
  "Security",
  "Comment",
  "Decryption",
  "Assumption",
  "Deprecated",
] as const;
export type ExpertGroup = (typeof EXPERT_GROUPS)[number];

/** The group's code as `_ws.expert.group` carries it (PI_SEQUENCE = 0x02000000 …). */
export function expertGroupCode(group: ExpertGroup): number {
  return (EXPERT_GROUPS.indexOf(group) + 1) * 0x1000000;
}

/**
 * Severity levels as tshark's expert tap orders them (tap-expert.c's
 * severity_level_t): comment 0, chat 1, note 2, warn 3, error 4.
 */
export const ExpertLevel = { COMMENT: 0, CHAT: 1, NOTE: 2, WARN: 3, ERROR: 4 } as const;

/** Receives every expert item of a pass, in dissection order. */
export interface ExpertSink {
  add(frame: number, level: number, group: ExpertGroup, protocol: string, summary: string): void;
}

/**
 * Wireshark's short protocol names for the filter names some dissectors
 * report their malformed layer under (proto_register_protocol's second
 * argument): what `-z expert` prints in its Protocol column.
 */
const SHORT_NAMES: Record<string, string> = {
  eth: "Ethernet",
  sll: "SLL",
  null: "Null",
  arp: "ARP/RARP",
  vlan: "VLAN",
  ieee8021ad: "IEEE 802.1AD",
  raw: "Raw",
  tcp: "TCP",
  udp: "UDP",
  frame: "Frame",
};
export function expertProtocolName(name: string): string {
  return SHORT_NAMES[name] ?? name;
}

/** epan's ITEM_LABEL_LENGTH: an item's text (and so an expert summary) keeps at most 239 characters. */
export const SUMMARY_MAX = 239;
