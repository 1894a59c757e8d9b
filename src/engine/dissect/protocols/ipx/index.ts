/**
 * Novell IPX and the protocols on its sockets that Wireshark 4.0 dissects and
 * 1990s LANs carry: SAP, RIP, NetBIOS over IPX, NLSP. `ipx` is exported for
 * the hand-off of Novell's raw 802.3 frames (ieee8023.ts); EtherType 0x8137
 * and the NetWare LLC SAPs are registered by ipx.ts itself.
 */
import "./sap";
import "./rip";
import "./nbipx";
import "./nlsp";
export { ipx, ETHERTYPE_IPX, ipxAddressText, registerIpxSocket } from "./ipx";
