/**
 * EtherType 0xaaaa, which Wireshark 4.0 gives to its WSE remote Ethernet
 * dissector (packet-wreth.c). That dissector claims every frame of the type
 * but reads on only when the payload's first 16 bits are its subtype 0x0200;
 * for anything else it returns at once, having set nothing. tshark then shows
 * the frame as Ethernet alone: Protocol "Ethernet", Info "Ethernet II", no
 * data item and frame.protocols "eth" (checked on the fuzzed frames of
 * malformed-fuzz-bigendian-mixed-incl-ftp.pcap, where 0xaaaa is filler).
 *
 * The WSE protocol itself (subtype 0x0200) is not dissected: those frames are
 * left to the EtherType's data fallback ("0xaaaa", Data), as before.
 */
import { register } from "../dissector";
import { u16 } from "../common";
import type { PacketInfo } from "../packet-info";

const ETHERTYPE_WRETH = 0xaaaa;
const WSE_RETH_SUBTYPE = 0x0200;

export const wreth = {
  name: "wreth",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    if (end - offset >= 2 && u16(data, offset) === WSE_RETH_SUBTYPE) return 0;
    // Claimed and left alone: tshark lists no layer after eth for these frames.
    if (pinfo.layers[pinfo.layers.length - 1] === "ethertype") pinfo.truncateLayers(pinfo.layers.length - 1);
    // All of it, so that the EtherType layer adds no padding or trailer (tshark shows none).
    return end - offset;
  },
};

register("ethertype", ETHERTYPE_WRETH, wreth);
