/** Names of link types for the status bar, as Wireshark's capture file properties say them. */
const NAMES: Record<number, string> = {
  0: "BSD loopback",
  1: "Ethernet",
  12: "Raw IP",
  14: "Raw IP",
  101: "Raw IP",
  105: "IEEE 802.11 Wireless LAN",
  108: "OpenBSD loopback",
  113: "Linux cooked-mode capture v1",
  127: "IEEE 802.11 plus radiotap header",
  228: "Raw IPv4",
  229: "Raw IPv6",
  276: "Linux cooked-mode capture v2",
};

export function linkTypeName(linkType: number): string {
  return NAMES[linkType] ?? `Link type ${linkType}`;
}
