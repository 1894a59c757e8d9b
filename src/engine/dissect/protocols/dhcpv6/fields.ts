/**
 * DHCPv6 field definitions, with tshark 4.0's abbreviations, names, types and
 * bases (`tshark -G fields | grep -P '\tdhcpv6\.'`), so that `-e dhcpv6.xid`
 * and display filters read the same here as there. The CableLabs vendor
 * suboptions (enterprise 4491) and the TCP bulk-leasequery fields are not
 * defined: this dissector does not decode them. Enterprise numbers are
 * named from a short list for the details tree; tshark names them with a
 * custom function, so filters cannot use the names (filterNames: false).
 */
import { defineFields, type FieldSpec } from "../../field";
import { ARPHRD_NAMES } from "../arp";
import {
  DUID_TYPES, ENTERPRISES, FAILOVER_BINDING_STATUS, FAILOVER_SERVER_STATES, FQDN_N, FQDN_O, FQDN_S, LQ_QUERY_TYPES,
  MSG_TYPES, NTP_SUBOPTIONS, OPTION_NAMES, S46_CODES, STATUS_CODES, TRUE_FALSE,
} from "./names";

const u8 = "uint8" as const;
const u16 = "uint16" as const;
const u32 = "uint32" as const;
const str = "string" as const;
const bytes = "bytes" as const;
const ip6 = "ipv6" as const;
const ip4 = "ipv4" as const;
/** FT_NONE items behind expert infos (tshark prints "1" for them). */
const none = { type: "none" } as const;

/** An FT_BOOLEAN flag of an `width`-bit integer. */
const flag = (name: string, mask: number, width: number, tfs = TRUE_FALSE): FieldSpec =>
  ({ name, type: "boolean", bitmask: mask, bitWidth: width, tfs });

export const dhcpv6Fields = defineFields("dhcpv6", {
  "": { name: "DHCPv6", type: "protocol" },
  // RFC 8415 §8 (client/server header) and §9 (relay agent/server header).
  msgtype: { name: "Message type", type: u8, vals: MSG_TYPES },
  hopcount: { name: "Hopcount", type: u8 },
  xid: { name: "Transaction ID", type: "uint24", base: "hex" },
  linkaddr: { name: "Link address", type: ip6 },
  peeraddr: { name: "Peer address", type: ip6 },
  // RFC 8415 §21.1: every option starts with code and length.
  "option.type": { name: "Option", type: u16, vals: OPTION_NAMES },
  "option.length": { name: "Length", type: u16 },
  "option.type_str": { name: "Option", type: str },
  // RFC 4704 client FQDN.
  "clientfqdn.bad_msgtype": { name: "Illegal Message Type", type: u8, base: "hex", vals: MSG_TYPES },
  client_fqdn_flags: { name: "Flags", type: u8, base: "hex" },
  "clientfqdn.client.s": flag("S bit", 0x1, 8, FQDN_S),
  "clientfqdn.client.n": flag("N bit", 0x4, 8, FQDN_N),
  "clientfqdn.server.s": flag("S bit", 0x1, 8, FQDN_S),
  "clientfqdn.server.o": flag("O bit", 0x2, 8, FQDN_O),
  "clientfqdn.server.n": flag("N bit", 0x4, 8, FQDN_N),
  // Domain-name field diagnostics (RFC 1035 §3.1 encoding, RFC 8415 §10).
  domain_field_len: { name: "Empty domain name - field length", type: u16 },
  bogus_label_length: { name: "Non-DNS encoded name. Label length exceeds 63", type: u8 },
  domain_field_len_exceeded: { name: "Remaining length in the domain name field exceeded", type: u8 },
  decoded_portion: { name: "Portion successfully decoded", type: str },
  encoded_fqdn_gt_255: { name: "DNS-encoded labels of FQDN exceed 255 octets", type: u16 },
  root_only_domain_name: { name: "Root only domain name", type: str },
  tld: { name: "Top Level Domain name", type: str },
  partial_name_preceded_by_fqdn: { name: "Partial name preceded by FQDN", type: str },
  // DUIDs (RFC 8415 §11).
  "remoteid.enterprise": { name: "Enterprise ID", type: u32, vals: ENTERPRISES, filterNames: false },
  "duid.bytes": { name: "DUID", type: bytes },
  "duid.type": { name: "DUID Type", type: u16, vals: DUID_TYPES },
  "duidllt.time": { name: "DUID Time", type: "abstime", base: "dec" },
  "duidllt.link_layer_addr": { name: "Link-layer address", type: str },
  "duidllt.hwtype": { name: "Hardware type", type: u16, vals: ARPHRD_NAMES },
  "duidll.hwtype": { name: "Hardware type", type: u16, vals: ARPHRD_NAMES },
  "duiden.enterprise": { name: "Enterprise ID", type: u32, vals: ENTERPRISES, filterNames: false },
  "duiden.identifier": { name: "Identifier", type: bytes },
  "duidll.link_layer_addr": { name: "Link-layer address", type: str },
  "duiduuid.bytes": { name: "UUID", type: bytes },
  // Identity associations (RFC 8415 §21.4–21.6, §21.21–21.22).
  iaid: { name: "IAID", type: str },
  "iaid.t1": { name: "T1", type: u32 },
  "iaid.t2": { name: "T2", type: u32 },
  iata: { name: "IATA", type: str },
  "iaaddr.ip": { name: "IPv6 address", type: ip6 },
  "iaaddr.pref_lifetime": { name: "Preferred lifetime", type: u32 },
  "iaaddr.valid_lifetime": { name: "Valid lifetime", type: u32 },
  requested_option_code: { name: "Requested Option code", type: u16, vals: OPTION_NAMES },
  option_preference: { name: "Pref-value", type: u8 },
  elapsed_time: { name: "Elapsed time", type: u16, unit: "ms" },
  // Authentication (RFC 8415 §21.11).
  "auth.protocol": { name: "Protocol", type: u8 },
  "auth.algorithm": { name: "Algorithm", type: u8 },
  "auth.rdm": { name: "RDM", type: u8 },
  "auth.replay_detection": { name: "Replay Detection", type: bytes },
  "auth.info": { name: "Authentication Information", type: bytes },
  "auth.realm": { name: "DHCP realm", type: str },
  "auth.key_id": { name: "Key ID", type: u32 },
  "auth.md5_data": { name: "HMAC-MD5 data", type: bytes },
  unicast: { name: "IPv6 address", type: ip6 },
  status_code: { name: "Status Code", type: u16, vals: STATUS_CODES },
  status_msg: { name: "Status Message", type: str },
  "vendorclass.enterprise": { name: "Enterprise ID", type: u32, vals: ENTERPRISES, filterNames: false },
  "vendorclass.data": { name: "vendor-class-data", type: str },
  "vendoropts.enterprise": { name: "Enterprise ID", type: u32, vals: ENTERPRISES, filterNames: false },
  "vendoropts.enterprise.option_code": { name: "Option code", type: u16 },
  "vendoropts.enterprise.option_length": { name: "Option length", type: u16 },
  "vendoropts.enterprise.option_data": { name: "Option data", type: bytes },
  interface_id: { name: "Interface-ID", type: bytes },
  reconf_msg: { name: "Reconfigure message type", type: u8, vals: MSG_TYPES },
  // Address lists and domain lists of the configuration options.
  sip_server_domain_search_fqdn: { name: "SIP Server Domain Search FQDN", type: str },
  sip_server_a: { name: "SIP server address", type: ip6 },
  dns_server: { name: "DNS server address", type: ip6 },
  search_list_entry: { name: "List entry", type: str },
  nis_server: { name: "NIS server address", type: ip6 },
  nisp_server: { name: "NISP server address", type: ip6 },
  nis_fqdn: { name: "NIS FQDN", type: str },
  nisp_fqdn: { name: "NISP FQDN", type: str },
  sntp_server: { name: "SNTP server address", type: ip6 },
  lifetime: { name: "Lifetime", type: u32 },
  bcmcs_server_fqdn: { name: "BCMCS server FQDN", type: str },
  bcmcs_server_a: { name: "BCMCS server address", type: ip6 },
  remoteid_enterprise_id: { name: "Remote-ID", type: bytes },
  subscriber_id: { name: "Subscriber-ID", type: str },
  client_domain: { name: "Client Domain Name", type: str },
  pana_agent: { name: "PANA agents address", type: ip6 },
  timezone: { name: "Time-zone", type: str },
  tzdb: { name: "TZ-database", type: str },
  // Leasequery (RFC 5007, RFC 5460).
  lq_query: { name: "Query-type", type: u8, vals: LQ_QUERY_TYPES },
  lq_query_link_address: { name: "Link address", type: ip6 },
  clt_time: { name: "Clt_time", type: u32 },
  lq_relay_data_peer_addr: { name: "Peer address", type: ip6 },
  lq_relay_data_msg: { name: "DHCPv6 relay message", type: str },
  lq_client_link: { name: "LQ client links address", type: ip6 },
  capwap_ac_v6: { name: "CAPWAP Access Controllers address", type: ip6 },
  aftr_name: { name: "DS-Lite AFTR Name", type: str },
  "iaprefix.pref_lifetime": { name: "Preferred lifetime", type: u32 },
  "iaprefix.valid_lifetime": { name: "Valid lifetime", type: u32 },
  "iaprefix.pref_len": { name: "Prefix length", type: u8 },
  "iaprefix.pref_addr": { name: "Prefix address", type: ip6 },
  mip6_home_agent: { name: "Home Agent", type: ip6 },
  mip6_home_address: { name: "Home Address", type: ip6 },
  nai: { name: "NAI", type: str },
  "pd_exclude.pref_len": { name: "Prefix length", type: u8 },
  "pd_exclude.subnet_id": { name: "IPv6 subnet ID", type: bytes },
  "userclass.length": { name: "Length", type: u16 },
  "userclass.opaque_data": { name: "Suboption", type: bytes },
  "ntpserver.option.type": { name: "Suboption", type: u16, vals: NTP_SUBOPTIONS },
  "ntpserver.option.length": { name: "Length", type: u16 },
  "ntpserver.addr": { name: "NTP Server Address", type: ip6 },
  "ntpserver.mc_addr": { name: "NTP Multicast Address", type: ip6 },
  "ntpserver.fqdn": { name: "NTP Server FQDN", type: str },
  captive_portal: { name: "Captive Portal", type: str },
  option_code: { name: "S46 Option code", type: u16, base: "hex", vals: S46_CODES },
  mudurl: { name: "MUDURL", type: str },
  relay_port: { name: "Downstream Source Port", type: u16 },
  // Failover (RFC 8156).
  "failover.binding_status": { name: "Failover Binding Status", type: u8, vals: FAILOVER_BINDING_STATUS },
  "failover.connect.flags": { name: "Flags", type: u16, base: "hex" },
  "failover.connect.flags.reserved": flag("Reserved", 0xfffe, 16),
  "failover.connect.flags.f": flag("Fixed PD Length (F)", 0x0001, 16),
  "failover.dns_hostname": { name: "DNS Hostname", type: str },
  "failover.dns_zonename": { name: "DNS Zone Name", type: str },
  "failover.dns.flags": { name: "Flags", type: u16, base: "hex" },
  "failover.dns.flags.reserved": flag("Reserved", 0xfff0, 16),
  "failover.dns.flags.u": flag("Using Requested FQDN (U)", 0x0008, 16),
  "failover.dns.flags.s": flag("Synthesized Name (S)", 0x0004, 16),
  "failover.dns.flags.r": flag("Rev Uptodate (R)", 0x0002, 16),
  "failover.dns.flags.f": flag("Fwd Uptodate (F)", 0x0001, 16),
  "failover.expiration_time": { name: "Expiration Time", type: u32 },
  "failover.max_unacked_bndupd": { name: "Max number of unacked BNDUPD messages", type: u32 },
  "failover.mclt": { name: "Maximum Client Lead Time (MCLT)", type: u32 },
  "failover.partner_lifetime": { name: "Partner Lifetime", type: u32 },
  "failover.partner_lifetime_sent": { name: "Partner Lifetime Sent", type: u32 },
  "failover.partner_down_time": { name: "Partner Down Time", type: u32 },
  "failover.partner_raw_clt_time": { name: "Partner Raw Client Time", type: u32 },
  "failover.protocol.major_version": { name: "Protocol Major Version", type: u16 },
  "failover.protocol.minor_version": { name: "Protocol Minor Version", type: u16 },
  "failover.keepalive_time": { name: "Keepalive Time", type: u32 },
  "failover.reconfigure_time": { name: "Reconfigure Time", type: u32 },
  "failover.reconfigure_key": { name: "Reconfigure Key", type: bytes },
  "failover.relationship_name": { name: "Relationship Name", type: str },
  "failover.server.flags": { name: "Flags", type: u8, base: "hex" },
  "failover.server.flags.reserved": flag("Reserved", 0xf8, 8),
  "failover.server.flags.a": flag("Ack Startup (A)", 0x04, 8),
  "failover.server.flags.s": flag("Startup (S)", 0x02, 8),
  "failover.server.flags.c": flag("Communicated (C)", 0x01, 8),
  "failover.server_state": { name: "Server State", type: u8, vals: FAILOVER_SERVER_STATES },
  "failover.start_time_of_state": { name: "Start Time of State", type: u32 },
  "failover.state_expiration_time": { name: "State Expiration Time", type: u32 },
  // Softwire 46 (RFC 7598).
  "s46_rule.flags": { name: "Flags", type: u8, base: "hex" },
  "s46_rule.flags.reserved": flag("Reserved", 0xfe, 8),
  "s46_rule.flags.fmr": flag("Forwarding Mapping Rule", 0x01, 8),
  "s46_rule.ea_len": { name: "EA-bit length", type: u8 },
  "s46_rule.ipv4_pref_len": { name: "IPv4 prefix length", type: u8 },
  "s46_rule.ipv4_prefix": { name: "IPv4 prefix", type: ip4 },
  "s46_rule.ipv6_prefix_len": { name: "IPv6 prefix length", type: u8 },
  "s46_rule.ipv6_prefix": { name: "IPv6 prefix", type: ip6 },
  "s46_br.address": { name: "BR address", type: ip6 },
  "s46_dmr.dmr_pref_len": { name: "IPv6 prefix length", type: u8 },
  "s46_dmr.dmr_prefix": { name: "IPv6 prefix", type: ip6 },
  "s46_v4v6bind.ipv4_address": { name: "IPv4 Address", type: ip4 },
  "s46_v4v6bind.ipv6_pref_len": { name: "IPv6 prefix length", type: u8 },
  "s46_v4v6bind.ipv6_prefix": { name: "IPv6 prefix", type: ip6 },
  "s46_portparam.offset": { name: "Offset", type: u8 },
  "s46_portparam.psid_len": { name: "PSID length", type: u8 },
  "s46_portparam.psid": { name: "PSID", type: u16 },
  // Expert infos.
  bogus_length: { name: "Bogus length", ...none },
  malformed_option: { name: "Malformed option", ...none },
  no_suboption_len: { name: "no room left in option for suboption length", ...none },
  invalid_time_value: { name: "Invalid time value", ...none },
  invalid_type: { name: "Invalid type", ...none },
  error_hopcount: { name: "Detected error on hop-count", ...none },
  bad_msgtype: { name: "This message type is not permitted to use OPTION_CLIENT_FQDN", ...none },
  s_bit_should_be_zero: { name: "ERROR: When the N-bit is set, the S-bit must be reset", ...none },
  "expert.name_not_dns_encoded": { name: "ERROR: This name is not a DNS record encoded", ...none },
  "expert.domain_field_length_exceeded": { name: "ERROR: FQDN exceeds length of the domain name field", ...none },
  "expert.encoded_fqdn_gt_255": { name: "ERROR: FQDN's *encoded* length exceeds 255 octets [RFC 1035 3.1.]", ...none },
  "expert.root_only_domain_name": { name: "ERROR: A root-only domain name cannot be resolved.", ...none },
  "expert.tld_lookup": { name: "WARNING: TLDs are rarely resolvable ", ...none },
  "expert.partial_name_preceded_by_fqdn": { name: "ERROR: Partial name is preceded by an FQDN", ...none },
  "bulk_leasequery.bad_query_type": { name: "LQ-QUERY: Query types only supported by Bulk Leasequery", ...none },
});

export type Dhcpv6Field = keyof typeof dhcpv6Fields;
