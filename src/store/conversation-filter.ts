/**
 * "Conversation Filter" for a packet, in the forms Wireshark writes: both
 * ends of the packet's Ethernet, IPv4 or IPv6 conversation, or of its
 * TCP/UDP connection (`ip.addr==A && tcp.port==P && ip.addr==B &&
 * tcp.port==Q`). Read from the packet's details tree: each end's value is
 * the one "Apply as Filter" writes for its field, so addresses are spelt as
 * filters want them. The innermost layer counts, as Wireshark's dl/net
 * addresses do (a tunnel's inner IP, not the outer).
 */
import type { DetailNode } from "../engine/session/types";

export type ConversationKind = "eth" | "ip" | "ipv6" | "tcp" | "udp";

export const CONVERSATION_KINDS: readonly { kind: ConversationKind; label: string }[] = [
  { kind: "eth", label: "Ethernet" },
  { kind: "ip", label: "IPv4" },
  { kind: "ipv6", label: "IPv6" },
  { kind: "tcp", label: "TCP" },
  { kind: "udp", label: "UDP" },
];

/** The value side of a child field's filter (`ip.src == 10.0.0.1` → `10.0.0.1`). */
function valueOf(layer: DetailNode, abbrev: string): string | null {
  const node = layer.children?.find((c) => c.abbrev === abbrev);
  const prefix = `${abbrev} == `;
  return node?.filter?.startsWith(prefix) ? node.filter.slice(prefix.length) : null;
}

function pair(field: string, a: string | null, b: string | null): string | null {
  return a !== null && b !== null ? `${field}==${a} && ${field}==${b}` : null;
}

/** Both ends (source, destination) of a layer's addresses: ip.src/ip.dst, eth.src/eth.dst... */
function ends(layer: DetailNode | undefined, src: string, dst: string): [string, string] | null {
  if (!layer) return null;
  const a = valueOf(layer, src);
  const b = valueOf(layer, dst);
  return a !== null && b !== null ? [a, b] : null;
}

/** Index of the last layer named one of `abbrevs` before position `before` (-1: none). */
function lastIndex(layers: readonly DetailNode[], abbrevs: readonly string[], before = layers.length): number {
  for (let i = Math.min(before, layers.length) - 1; i >= 0; i--) if (abbrevs.includes(layers[i]!.abbrev)) return i;
  return -1;
}

function transport(layers: readonly DetailNode[], proto: "tcp" | "udp"): string | null {
  const at = lastIndex(layers, [proto]);
  if (at < 0) return null;
  const ports = ends(layers[at], `${proto}.srcport`, `${proto}.dstport`);
  const net = layers[lastIndex(layers, ["ip", "ipv6"], at)];
  const addrs = net ? ends(net, `${net.abbrev}.src`, `${net.abbrev}.dst`) : null;
  if (!ports || !addrs || !net) return null;
  const a = `${net.abbrev}.addr`;
  const p = `${proto}.port`;
  return `${a}==${addrs[0]} && ${p}==${ports[0]} && ${a}==${addrs[1]} && ${p}==${ports[1]}`;
}

/** The filter for each kind of conversation the packet is in (null: it has no such layer). */
export function conversationFilters(tree: readonly DetailNode[]): Record<ConversationKind, string | null> {
  const net = (abbrev: "eth" | "ip" | "ipv6"): string | null => {
    const e = ends(tree[lastIndex(tree, [abbrev])], `${abbrev}.src`, `${abbrev}.dst`);
    return e ? pair(`${abbrev}.addr`, e[0], e[1]) : null;
  };
  return { eth: net("eth"), ip: net("ip"), ipv6: net("ipv6"), tcp: transport(tree, "tcp"), udp: transport(tree, "udp") };
}
