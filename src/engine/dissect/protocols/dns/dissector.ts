/**
 * DNS's places in the dissector tables: UDP and TCP port 53, MDNS on 5353,
 * LLMNR on 5355, and Wireshark's "dns_udp" heuristic for other ports.
 */
import { register, registerHeuristic } from "../../dissector";
import type { PacketInfo } from "../../packet-info";
import { dns, llmnr, mdns } from "./message";

/**
 * UDP ports Wireshark 4.0 hands to some other dissector by default
 * (`tshark -G decodes`, udp.port, less DNS/MDNS/LLMNR). Wireshark tries port
 * dissectors before heuristics, so a datagram on one of these ports never
 * reaches the DNS heuristic there; NBNS (137) in particular looks like DNS.
 * Declining them keeps us in step where we have no dissector for that port.
 */
const OTHER_UDP_PORTS = new Set<number>([
  0, 7, 13, 19, 37, 49, 67, 68, 69, 88, 111, 123, 137, 138, 161, 162, 173, 177, 213, 269, 319, 320, 389, 427, 434, 464, 473, 496, 500, 502, 513, 514, 520, 521, 524, 525, 539, 546, 547, 573, 623, 631, 646, 654, 664, 698, 699, 701, 750, 853, 854, 910, 921, 925, 1001, 1044, 1052, 1069, 1089, 1090, 1091, 1101, 1113, 1153, 1194, 1293, 1547, 1628, 1629, 1645, 1646, 1700, 1701, 1718, 1719, 1745, 1755, 1812, 1813, 1900, 1985, 2029, 2048, 2055, 2067, 2099, 2123, 2152, 2157, 2190, 2221, 2222, 2231, 2246, 2268, 2269, 2313, 2345, 2424, 2427, 2428, 2727, 2887, 2944, 2945, 2948, 2949, 2960, 3000, 3121, 3130, 3205, 3222, 3250, 3333, 3343, 3357, 3386, 3389, 3452, 3455, 3478, 3483, 3503, 3540, 3544, 3567, 3622, 3671, 3784, 3785, 3792, 3799, 3804, 3819, 3863, 3956, 4000, 4011, 4058, 4305, 4306, 4307, 4341, 4342, 4500, 4533, 4534, 4551, 4555, 4556, 4569, 4665, 4672, 4713, 4729, 4739, 4754, 4784, 4789, 4790, 4791, 4991, 5000, 5001, 5031, 5050, 5060, 5072, 5094, 5246, 5247, 5264, 5265, 5350, 5351, 5404, 5405, 5436, 5555, 5567, 5678, 5683, 5684, 5868, 6060, 6073, 6081, 6084, 6087, 6118, 6160, 6343, 6543, 6635, 6666, 6696, 6784, 6970, 7000, 7001, 7002, 7003, 7004, 7005, 7006, 7007, 7008, 7009, 7010, 7021, 7074, 7075, 7255, 7275, 7784, 8000, 8116, 8161, 8200, 8211, 8600, 8611, 8612, 8613, 8614, 8755, 8767, 8805, 8848, 9003, 9200, 9201, 9202, 9203, 9214, 9600, 9875, 9877, 9899, 9901, 9955, 9956, 9996, 9999, 10253, 10500, 11211, 11273, 11898, 12000, 12001, 12002, 12003, 12004, 12220, 12222, 12223, 13400, 13819, 13907, 13910, 17220, 17500, 17754, 17755, 17756, 18246, 19132, 19788, 19948, 19999, 20000, 20561, 22222, 23272, 24576, 24577, 25826, 26000, 27036, 27500, 27910, 27950, 27951, 27952, 27953, 27960, 27961, 27962, 27963, 30030, 32000, 32512, 34962, 34980, 37008, 41170, 44818, 45564, 47000, 47808, 49999, 54328, 56000, 56001, 56500, 56501, 57000, 57001, 57032, 57033, 57500, 57501, 57532, 57533, 59000, 59001, 59032, 59033, 59500, 59501, 59532, 59533, 60001,
]);

/**
 * Wireshark's "dns_udp" heuristic (enabled by default): a standard query or
 * response with plausible counts, for DNS on ports nobody registered.
 */
export const dnsHeuristic = {
  name: "dns",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    if (end - offset <= 12) return 0;
    if (OTHER_UDP_PORTS.has(pinfo.srcPort) || OTHER_UDP_PORTS.has(pinfo.dstPort)) return 0;
    const flags = (data[offset + 2]! << 8) | data[offset + 3]!;
    if (flags & 0x7800) return 0;
    const quest = (data[offset + 4]! << 8) | data[offset + 5]!;
    const ans = (data[offset + 6]! << 8) | data[offset + 7]!;
    const auth = (data[offset + 8]! << 8) | data[offset + 9]!;
    const add = (data[offset + 10]! << 8) | data[offset + 11]!;
    if (!(flags & 0x8000)) {
      if (quest !== 1 || ans !== 0 || auth !== 0) return 0;
    } else if (quest > 1 || ans > 100 || auth > 10) return 0;
    if (add > 10) return 0;
    return dns.dissect(data, offset, end, pinfo);
  },
};

register("udp.port", 53, dns);
register("udp.port", 5353, mdns);
register("udp.port", 5355, llmnr);
register("tcp.port", [53, 5353], dns);
registerHeuristic("udp", dnsHeuristic);
