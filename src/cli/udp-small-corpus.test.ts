/**
 * NBNS, LLMNR, mDNS, IGMP and NTP against live tshark on the shared captures
 * that carry them (../shared/captures, never copied into the project): every
 * packet tshark names one of these protocols must have the same `-r` summary
 * line (with -n) and the same value of every field of those protocols. Runs
 * when the folder and tshark exist; otherwise skips with a printed notice.
 */
import { protocolCorpus } from "./protocol-corpus";

const CAPTURES = [
  "lan-windows-nbns-llmnr-ssdp-dhcpv6-icmpv6-nd-igmpv3-smb.pcap",
  "mdns-ipv4-ipv6-avahi-query-response-igmpv3-mldv2.pcap",
  "igmpv2-general-and-group-query-report-leave.pcap",
  "ntp-v3-symmetric-active-pool-sync-with-dns.pcap",
  "netmon2-wsus-http-soap-ntp-nbns-dhcpv6-llmnr.cap",
  "snoop-solaris-1998-lan-stp-nbns-ipx-appletalk.snoop",
];
/** The Protocol column values of the protocols under test. */
const MINE = /^(NBNS|LLMNR|MDNS|IGMP|IGMPv[0-3]|NTP)$/;
const FIELDS = [
  "_ws.col.Protocol", "_ws.col.Info",
  "nbns.id", "nbns.flags", "nbns.flags.opcode", "nbns.flags.rcode", "nbns.count.queries", "nbns.count.answers", "nbns.count.add_rr",
  "nbns.name", "nbns.type", "nbns.class", "nbns.ttl", "nbns.data_length", "nbns.nb_flags", "nbns.addr", "nbns.netbios_name",
  "igmp.version", "igmp.type", "igmp.max_resp", "igmp.checksum", "igmp.checksum.status", "igmp.maddr", "igmp.s", "igmp.qrv", "igmp.qqic",
  "igmp.num_src", "igmp.saddr", "igmp.num_grp_recs", "igmp.record_type",
  "ntp.flags", "ntp.flags.li", "ntp.flags.vn", "ntp.flags.mode", "ntp.stratum", "ntp.ppoll", "ntp.precision", "ntp.rootdelay",
  "ntp.rootdispersion", "ntp.refid", "ntp.reftime", "ntp.org", "ntp.rec", "ntp.xmt", "ntp.keyid", "ntp.mac",
  "dns.id", "dns.flags", "dns.qry.name", "dns.qry.type", "dns.qry.qu", "dns.resp.name", "dns.resp.cache_flush", "dns.resp.ttl", "dns.a", "dns.aaaa",
];

protocolCorpus({
  name: "udp-small corpus",
  title: "NBNS, LLMNR, mDNS, IGMP and NTP against live tshark",
  captures: CAPTURES,
  fields: FIELDS,
  mine: MINE,
  summaryLines: true,
});
