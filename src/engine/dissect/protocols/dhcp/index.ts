/**
 * DHCP and BOOTP (RFC 951, RFC 2131, options RFC 2132 and later), on UDP
 * ports 67/68 (and 4011, proxyDHCP / PXE, where the magic cookie is required).
 *
 *   +0 op  +1 htype  +2 hlen  +3 hops  +4 xid (4)  +8 secs (2)  +10 flags (2)
 *   +12 ciaddr  +16 yiaddr  +20 siaddr  +24 giaddr  +28 chaddr (16)
 *   +44 sname (64)  +108 file (128)  +236 magic cookie 99.130.83.99  +240 options
 *
 * As in Wireshark 4.0 (packet-dhcp.c), options are walked twice: a first pass
 * only looks for the message type (53), the overload flags (52) and the
 * vendor class (60) without throwing, which decides "DHCP" vs "BOOTP" and the
 * Info column; the second pass builds the tree, where an option whose length
 * runs past the data makes the packet malformed after its type and length
 * were shown (the hidden dhcp.option.value item is what fails).
 *
 * The folder: `fields.ts` (fields, option names, basic options), `context.ts`
 * (the message being read and the item helpers), `options.ts` (one option and
 * its value), `dissector.ts` (the header, the option walks, registration).
 */
export { dhcpFields } from "./fields";
export { dhcp } from "./dissector";
