/**
 * The invoking packet an ICMPv6 error (types 1-4) or a Redirected Header
 * option (RFC 4861 §4.6.3) carries.
 */
import { dissectData, markMalformed } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { dissectQuoted } from "../icmp";

/** dissect_contained_icmpv6: the invoking packet, as IPv6 when it looks like one, else data. */
export function dissectContained(data: Uint8Array, o: number, end: number, pinfo: PacketInfo): void {
  if (o >= end) {
    // Wireshark reads the version nibble of the invoking packet unconditionally.
    markMalformed(pinfo, "ICMPv6", end, "no invoking packet");
    return;
  }
  if ((data[o]! & 0xf0) === 0x60) dissectQuoted(data, o, end, pinfo, 0x86dd);
  else dissectData(data, o, end, pinfo);
}
