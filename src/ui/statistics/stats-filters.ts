/**
 * The filters Wireshark's Conversations and Endpoints dialogs write for a
 * row ("Apply as Filter ▸ Selected ▸ A ↔ B"): both addresses of a link or
 * network conversation, the address and port of each end of a TCP/UDP one
 * (`ip.addr==A && tcp.port==PA && ip.addr==B && tcp.port==PB`), and one
 * address (with its port) for an endpoint. A TCP or UDP row's addresses are
 * IPv6 when they have a colon, as the dialog decides.
 */
import type { ConversationEntry, EndpointEntry, TapName } from "../../engine/stats/snapshot";

/** The address field of a tap's rows: eth.addr, ip.addr, ipv6.addr (tcp and udp by the address's form). */
function addressField(tap: TapName, address: string): string {
  if (tap === "eth" || tap === "ip" || tap === "ipv6") return `${tap}.addr`;
  return address.includes(":") ? "ipv6.addr" : "ip.addr";
}

function hasPorts(tap: TapName): tap is "tcp" | "udp" {
  return tap === "tcp" || tap === "udp";
}

/** One end's terms: `ip.addr==A` or, with ports, `ip.addr==A && tcp.port==P`. */
function end(tap: TapName, address: string, port: number): string {
  const addr = `${addressField(tap, address)}==${address}`;
  return hasPorts(tap) ? `${addr} && ${tap}.port==${port}` : addr;
}

/** The filter for a conversation row: A's terms, then B's. */
export function conversationFilter(tap: TapName, c: ConversationEntry): string {
  return `${end(tap, c.a, c.portA)} && ${end(tap, c.b, c.portB)}`;
}

/** The filter for an endpoint row. */
export function endpointFilter(tap: TapName, e: EndpointEntry): string {
  return end(tap, e.address, e.port);
}
