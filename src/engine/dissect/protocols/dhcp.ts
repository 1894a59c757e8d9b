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
 */
import { defineFields, vals, type FieldDef, type FieldValue } from "../field";
import { register } from "../dissector";
import { enterLayer, MISSING, bitsLabel, expertField, malformed } from "../common";
import { etherToString, ipv4ToString, timeSecsToStr } from "../format";
import type { PacketInfo } from "../packet-info";
import { HIDDEN, type ProtoTree } from "../tree";
import { Truncated, asciiString, ensure, g8, g16, g32 } from "../bytes";
import { getDnsName, TEXT } from "./dns";

const MAGIC = 0x63825363;

/** Option names (Wireshark's opt_info table, used in "Option: (n) Name" and request-list items). */
const OPT_NAMES: string[] = [
  "Padding", "Subnet Mask", "Time Offset", "Router", "Time Server", "Name Server", "Domain Name Server", "Log Server",
  "Quotes Server", "LPR Server", "Impress Server", "Resource Location Server", "Host Name", "Boot File Size",
  "Merit Dump File", "Domain Name", "Swap Server", "Root Path", "Extensions Path", "IP Forwarding",
  "Non-Local Source Routing", "Policy Filter", "Maximum Datagram Reassembly Size", "Default IP Time-to-Live",
  "Path MTU Aging Timeout", "Path MTU Plateau Table", "Interface MTU", "All Subnets are Local", "Broadcast Address",
  "Perform Mask Discovery", "Mask Supplier", "Perform Router Discover", "Router Solicitation Address", "Static Route",
  "Trailer Encapsulation", "ARP Cache Timeout", "Ethernet Encapsulation", "TCP Default TTL", "TCP Keepalive Interval",
  "TCP Keepalive Garbage", "Network Information Service Domain", "Network Information Service Servers",
  "Network Time Protocol Servers", "Vendor-Specific Information", "NetBIOS over TCP/IP Name Server",
  "NetBIOS over TCP/IP Datagram Distribution Name Server", "NetBIOS over TCP/IP Node Type", "NetBIOS over TCP/IP Scope",
  "X Window System Font Server", "X Window System Display Manager", "Requested IP Address", "IP Address Lease Time",
  "Option Overload", "DHCP Message Type", "DHCP Server Identifier", "Parameter Request List", "Message",
  "Maximum DHCP Message Size", "Renewal Time Value", "Rebinding Time Value", "Vendor class identifier",
  "Client identifier", "Novell/Netware IP domain", "Novell Options", "Network Information Service+ Domain",
  "Network Information Service+ Servers", "TFTP Server Name", "Bootfile name", "Mobile IP Home Agent", "SMTP Server",
  "POP3 Server", "NNTP Server", "Default WWW Server", "Default Finger Server", "Default IRC Server", "StreetTalk Server",
  "StreetTalk Directory Assistance Server", "User Class Information", "Directory Agent Information",
  "Service Location Agent Scope", "Rapid commit", "Client Fully Qualified Domain Name", "Agent Information Option",
  "iSNS", "Removed/Unassigned", "Novell Directory Services Servers", "Novell Directory Services Tree Name",
  "Novell Directory Services Context", "BCMCS Controller Domain Name [TODO:RFC4280]",
  "BCMCS Controller IPv4 address [TODO:RFC4280]", "Authentication", "Client last transaction time",
  "Associated IP option", "Client System Architecture", "Client Network Device Interface", "LDAP [TODO:RFC3679]",
  "Removed/Unassigned", "UUID/GUID-based Client Identifier", "Open Group's User Authentication [TODO:RFC2485]",
  "Civic Addresses Configuration", "PCode", "TCode", "Removed/unassigned", "Removed/unassigned", "Removed/unassigned",
  "Removed/unassigned", "Removed/unassigned", "Removed/unassigned", "Removed/Unassigned", "Unassigned",
  "Removed/Unassigned", "Unassigned", "NetInfo Parent Server Address", "NetInfo Parent Server Tag",
  "URL [TODO:RFC3679]", "Removed/Unassigned", "DHCP Auto-Configuration", "Name Service Search",
  "Subnet Selection Option", "Domain Search", "SIP Servers", "Classless Static Route",
  "CableLabs Client Configuration [TODO:RFC3495]", "Coordinate-based Location Configuration", "V-I Vendor Class",
  "V-I Vendor-specific Information", "Removed/Unassigned", "Removed/Unassigned", "DOCSIS full security server IP [TODO]",
  "PXE - undefined (vendor specific)", "PXE - undefined (vendor specific)", "PXE - undefined (vendor specific)",
  "PXE - undefined (vendor specific)", "PXE - undefined (vendor specific)", "PXE - undefined (vendor specific)",
  "PXE - undefined (vendor specific)", "OPTION_PANA_AGENT [TODO:RFC5192]", "LoST Server Domain Name",
  "CAPWAP Access Controllers", "IPv4 Address-MoS", "IPv4 FQDN-MoS", "SIP UA Configuration Domains",
  "IPv4 Address ANDSF", "Zerotouch Redirect [TODO: draft-ietf-netconf-zerotouch]",
  "Geospatial Location [TODO:RFC6225]", "Forcerenew Nonce Capable", "RDNSS Selection", "Unassigned", "Unassigned",
  "Unassigned", "TFTP Server Address", "Leasequery Status code", "Leasequery Base Time",
  "Leasequery Start Time of State", "Leasequery Query Start Time", "Leasequery Query End Time",
  "Leasequery Dhcp State", "Leasequery Data Source", "PCP Server", "Portparams", "DHCP Captive-Portal",
  "Manufacturer Usage Description",
];
for (let i = 162; i <= 174; i++) OPT_NAMES[i] = "Unassigned";
OPT_NAMES[175] = "Etherboot";
OPT_NAMES[176] = "IP Telephone";
OPT_NAMES[177] = "Etherboot";
for (let i = 178; i <= 207; i++) OPT_NAMES[i] = "Unassigned";
Object.assign(OPT_NAMES, {
  208: "PXELINUX Magic", 209: "PXE Configuration file", 210: "PXE Path Prefix", 211: "Reboot Time", 212: "6RD",
  213: "V4 Access Domain", 220: "Subnet Allocation", 221: "Virtual Subnet Selection", 255: "End",
});
for (let i = 214; i <= 219; i++) OPT_NAMES[i] = "Unassigned";
OPT_NAMES[222] = OPT_NAMES[223] = "Unassigned";
for (let i = 224; i <= 254; i++) OPT_NAMES[i] = "Private";
OPT_NAMES[242] = "Private/Avaya IP Telephone";
OPT_NAMES[249] = "Private/Classless Static Route (Microsoft)";
OPT_NAMES[252] = "Private/Proxy autodiscovery";

/** DHCP message types (option 53, RFC 2132 §9.6 and later). */
const OPT53 = vals({
  1: "Discover", 2: "Offer", 3: "Request", 4: "Decline", 5: "ACK", 6: "NAK", 7: "Release", 8: "Inform",
  9: "Force Renew", 10: "Lease query", 11: "Lease Unassigned", 12: "Lease Unknown", 13: "Lease Active",
  14: "Bulk Lease Query", 15: "Lease Query Done", 16: "Active LeaseQuery", 17: "Lease Query Status", 18: "TLS",
});
const ARP_HRD = vals({
  1: "Ethernet", 2: "Experimental Ethernet", 3: "AX.25", 4: "ProNET", 5: "Chaos", 6: "IEEE 802", 7: "ARCNET",
  8: "Hyperchannel", 9: "Lanstar", 10: "Autonet Short Address", 11: "Localtalk", 12: "LocalNet", 13: "Ultra link",
  14: "SMDS", 15: "Frame Relay", 16: "ATM", 17: "HDLC", 18: "Fibre Channel", 19: "ATM", 20: "Serial Line",
  21: "ATM", 22: "MIL-STD-188-220", 23: "Metricom", 24: "IEEE 1394.1995", 25: "MAPOS", 26: "Twinaxial", 27: "EUI-64",
  28: "HIPARP", 29: "IP and ARP over ISO 7816-3", 30: "ARPSec", 31: "IPsec tunnel", 32: "InfiniBand", 33: "TIA-102 Project 25 Common Air Interface",
  34: "Wiegand Interface", 35: "Pure IP", 36: "HW_EXP1", 37: "HFI", 256: "HW_EXP2", 257: "AEthernet",
});

const u8 = "uint8" as const;
const u16 = "uint16" as const;
const u32 = "uint32" as const;
const ip = "ipv4" as const;
const sz = "string" as const;

export const dhcpFields = defineFields("dhcp", {
  "": { name: "Dynamic Host Configuration Protocol", type: "protocol" },
  bootp: { name: "Frame is BOOTP", type: "boolean" },
  type: { name: "Message type", type: u8, vals: { 1: "Boot Request", 2: "Boot Reply" } },
  "hw.type": { name: "Hardware type", type: u8, base: "hex", vals: ARP_HRD },
  "hw.len": { name: "Hardware address length", type: u8 },
  hops: { name: "Hops", type: u8 },
  id: { name: "Transaction ID", type: u32, base: "hex" },
  secs: { name: "Seconds elapsed", type: u16 },
  flags: { name: "Bootp flags", type: u16, base: "hex" },
  "flags.bc": { name: "Broadcast flag", type: "boolean", bitmask: 0x8000, bitWidth: 16, tfs: ["Broadcast", "Unicast"] },
  "flags.reserved": { name: "Reserved flags", type: u16, base: "hex", bitmask: 0x7fff, bitWidth: 16 },
  "ip.client": { name: "Client IP address", type: ip },
  "ip.your": { name: "Your (client) IP address", type: ip },
  "ip.server": { name: "Next server IP address", type: ip },
  "ip.relay": { name: "Relay agent IP address", type: ip },
  "hw.addr": { name: "Client hardware address", type: "bytes" },
  "hw.addr_padding": { name: "Client hardware address padding", type: "bytes" },
  "hw.mac_addr": { name: "Client MAC address", type: "ether" },
  server: { name: "Server host name", type: sz },
  file: { name: "Boot file name", type: sz },
  cookie: { name: "Magic cookie", type: ip },
  vendor_specific_options: { name: "Bootp vendor specific options", type: "bytes" },
  "fqdn.flags": { name: "Flags", type: u8, base: "hex" },
  "fqdn.mbz": { name: "Reserved flags", type: u8, base: "hex", bitmask: 0xf0, bitWidth: 8 },
  "fqdn.n": { name: "Server DDNS", type: "boolean", bitmask: 0x8, bitWidth: 8, tfs: ["Some server updates", "All server updates"] },
  "fqdn.e": { name: "Encoding", type: "boolean", bitmask: 0x4, bitWidth: 8, tfs: ["Binary encoding", "ASCII encoding"] },
  "fqdn.o": { name: "Server overrides", type: "boolean", bitmask: 0x2, bitWidth: 8, tfs: ["Override", "No override"] },
  "fqdn.s": { name: "Server", type: "boolean", bitmask: 0x1, bitWidth: 8, tfs: ["Server", "Client"] },
  "fqdn.rcode1": { name: "A-RR result", type: u8 },
  "fqdn.rcode2": { name: "PTR-RR result", type: u8 },
  "fqdn.name": { name: "Client name", type: sz },
  "client_id.uuid": { name: "Client Identifier (UUID)", type: "bytes" },
  client_hardware_address: { name: "Client hardware address", type: sz },
  "client_id.iaid": { name: "IAID", type: sz },
  "client_id.duid_type": { name: "DUID Type", type: u16 },
  "client_id.duid_llt_hw_type": { name: "Hardware type", type: u16 },
  "client_id.duid_ll_hw_type": { name: "Hardware type", type: u16 },
  "client_id.time": { name: "Time", type: u32 },
  "client_id.link_layer_address": { name: "Link layer address", type: sz },
  "client_id.enterprise_num": { name: "Enterprise-number", type: u32 },
  client_id: { name: "Identifier", type: "bytes" },
  "client_id.type": { name: "Type", type: u8 },
  "client_id.undef": { name: "Client Identifier", type: sz },
  "option.type": { name: "Option", type: u8 },
  "option.length": { name: "Length", type: u8 },
  "option.value": { name: "Value", type: "bytes" },
  "option.value.uint": { name: "Value", type: u8 },
  "option.value.int": { name: "Value", type: "int32" },
  "option.value.string": { name: "Value", type: sz },
  "option.value.address": { name: "Value", type: ip },
  "option.value.bool": { name: "Value", type: "boolean" },
  "option.padding": { name: "Padding", type: "bytes" },
  "option.end": { name: "Option End", type: u8 },
  "option.dhcp": { name: "DHCP", type: u8, vals: OPT53 },
  "option.request_list_item": { name: "Parameter Request List Item", type: u8 },
  "option.option_overload": { name: "Option Overload", type: u8, vals: { 1: "Boot file name holds options", 2: "Server host name holds options", 3: "Boot file and server host names hold options" } },
  "option.vendor_class_id": { name: "Vendor class identifier", type: sz },
  "option.vendor.value": { name: "Value", type: "bytes" },
  "option.policy_filter.ip": { name: "IP Address", type: ip },
  "option.policy_filter.subnet_mask": { name: "Subnet Mask", type: ip },
  "option.static_route.ip": { name: "Destination IP Address", type: ip },
  "option.static_route.router": { name: "Destination Router", type: ip },
  "option.user_class": { name: "Instance of User Class", type: u8 },
  "option.user_class.length": { name: "User Class Length", type: u8 },
  "option.user_class.data": { name: "User Class Data", type: "bytes" },
  "option.user_class.text": { name: "User Class Data (Text)", type: sz },
  "option.client_system_architecture": { name: "Client System Architecture", type: u16 },
  client_network_id_major: { name: "Major Version", type: u8 },
  client_network_id_minor: { name: "Minor Version", type: u8 },
  "option.dhcp_dns_domain_search_list_rfc_3396_detected": { name: "Encoding Long Options detected (RFC 3396)", type: sz },
  "option.dhcp_dns_domain_search_list_refer_last_option": { name: "For the data, please refer to last option 119", type: sz },
  "option.dhcp_dns_domain_search_list_fqdn": { name: "FQDN", type: sz },
  "option.classless_static_route": { name: "Subnet/MaskWidth-Router", type: "bytes" },
  "option.vi_class.enterprise": { name: "Enterprise", type: u32 },
  "option.vi_class.length": { name: "CableLab Address Mode", type: u8 },
  "option.vi_class.data": { name: "NetInfo Parent Server Tag", type: sz },
  "option.novell_dss.ip": { name: "IP Address", type: ip },
  "option.dhcp_name_service_search_option": { name: "Name Service", type: sz },
  "option.forcerenew_nonce.algorithm": { name: "Algorithm", type: u8 },
  bad_length: { name: "length isn't 0", type: "none" },
  secs_le: { name: "Seconds elapsed appears to be encoded as little-endian", type: "none" },
  end_option_missing: { name: "End option missing", type: "none" },
  client_address_not_given: { name: "Client address not given", type: "none" },
  server_name_overloaded_by_dhcp: { name: "Server name option overloaded by DHCP", type: "none" },
  boot_filename_overloaded_by_dhcp: { name: "Boot file name option overloaded by DHCP", type: "none" },
  "option.option_overload.sname_end_missing": { name: "sname overload end option missing", type: "none" },
  "option.option_overload.file_end_missing": { name: "file overload end option missing", type: "none" },
  "option.classless_static.route": { name: "Mask width > 32", type: "none" },
  "option.nonstd_data": { name: "Non standard compliant option data", type: "none" },
  "option.client_architecture.ambiguous": { name: "Client Architecture ID may be ambiguous", type: "none" },
  "option.dhcp_name_service.invalid": { name: "Invalid Name Service", type: "none" },
  "malformed.duid": { name: "DUID: malformed option", type: "none" },
});

const F = dhcpFields;

/**
 * The "basic type" options (Wireshark's DHCP_OPTION_BASICTYPE_RANGE and
 * opt_info ftype): how a plain option's value is shown, and in which field.
 */
type Kind = "ipv4" | "ipv4_list" | "string" | "bool" | "u8" | "u16" | "u16_list" | "time_s" | "time_u";
const BASIC: [number, Kind, string, FieldDef["type"]][] = [
  [1, "ipv4", "subnet_mask", ip], [2, "time_s", "time_offset", "int32"], [3, "ipv4_list", "router", ip],
  [4, "ipv4_list", "time_server", ip], [5, "ipv4_list", "name_server", ip], [6, "ipv4_list", "domain_name_server", ip],
  [7, "ipv4_list", "log_server", ip], [8, "ipv4_list", "quotes_server", ip], [9, "ipv4_list", "lpr_server", ip],
  [10, "ipv4_list", "impress_server", ip], [11, "ipv4_list", "resource_location_server", ip],
  [12, "string", "hostname", sz], [13, "u16", "boot_file_size", u16], [14, "string", "merit_dump_file", sz],
  [15, "string", "domain_name", sz], [16, "ipv4", "swap_server", ip], [17, "string", "root_path", sz],
  [18, "string", "extension_path", sz], [19, "bool", "ip_forwarding", "boolean"],
  [20, "bool", "non_local_source_routing", "boolean"], [22, "u16", "max_datagram_reassembly_size", u16],
  [23, "u8", "default_ip_ttl", u8], [24, "time_u", "path_mtu_aging_timeout", u32],
  [25, "u16_list", "path_mtu_plateau_table_item", u16], [26, "u16", "interface_mtu", u16],
  [27, "bool", "all_subnets_are_local", "boolean"], [28, "ipv4", "broadcast_address", ip],
  [29, "bool", "perform_mask_discovery", "boolean"], [30, "bool", "mask_supplier", "boolean"],
  [31, "bool", "perform_router_discover", "boolean"], [32, "ipv4", "router_solicitation_address", ip],
  [34, "bool", "trailer_encapsulation", "boolean"], [35, "time_u", "arp_cache_timeout", u32],
  [36, "bool", "ethernet_encapsulation", "boolean"], [37, "u8", "tcp_default_ttl", u8],
  [38, "time_u", "tcp_keepalive_interval", u32], [39, "bool", "tcp_keepalive_garbage", "boolean"],
  [40, "string", "nis_domain", sz], [41, "ipv4_list", "nis_server", ip], [42, "ipv4_list", "ntp_server", ip],
  [44, "ipv4_list", "netbios_over_tcpip_name_server", ip], [45, "ipv4_list", "netbios_over_tcpip_dd_name_server", ip],
  [46, "u8", "netbios_over_tcpip_node_type", u8], [47, "string", "netbios_over_tcpip_scope", sz],
  [48, "ipv4_list", "xwindows_system_font_server", ip], [49, "ipv4_list", "xwindows_system_display_manager", ip],
  [50, "ipv4", "requested_ip_address", ip], [51, "time_u", "ip_address_lease_time", u32],
  [54, "ipv4", "dhcp_server_id", ip], [56, "string", "message", sz], [57, "u16", "dhcp_max_message_size", u16],
  [58, "time_u", "renewal_time_value", u32], [59, "time_u", "rebinding_time_value", u32],
  [64, "string", "nis_plus_domain", sz], [65, "ipv4_list", "nis_plus_server", ip], [66, "string", "tftp_server_name", sz],
  [67, "string", "bootfile_name", sz], [68, "ipv4_list", "mobile_ip_home_agent", ip], [69, "ipv4_list", "smtp_server", ip],
  [70, "ipv4_list", "pop3_server", ip], [71, "ipv4_list", "nntp_server", ip], [72, "ipv4_list", "default_www_server", ip],
  [73, "ipv4_list", "default_finger_server", ip], [74, "ipv4_list", "default_irc_server", ip],
  [75, "ipv4_list", "streettalk_server", ip], [76, "ipv4_list", "streettalk_da_server", ip],
  [86, "string", "novell_ds_tree_name", sz], [87, "string", "novell_ds_context", sz],
  [91, "time_u", "client_last_transaction_time", u32], [92, "ipv4_list", "associated_ip_option", ip],
  [100, "string", "tz_pcode", sz], [101, "string", "tz_tcode", sz], [112, "ipv4_list", "netinfo_parent_server_address", ip],
  [113, "string", "netinfo_parent_server_tag", sz], [116, "u8", "dhcp_auto_configuration", u8],
  [118, "ipv4_list", "subnet_selection_option", ip], [137, "string", "lost_server_domain_name", sz],
  [138, "ipv4_list", "capwap_access_controller", ip], [142, "ipv4_list", "andsf_server", ip],
  [150, "ipv4_list", "tftp_server_address", ip], [153, "time_u", "bulk_lease.start_time_of_state", u32],
  [156, "u8", "bulk_lease.dhcp_state", u8], [157, "bool", "bulk_lease.data_source", "boolean"],
  [161, "string", "mudurl", sz], [209, "string", "pxe_config_file", sz], [210, "string", "pxe_path_prefix", sz],
  [252, "string", "private_proxy_autodiscovery", sz],
];
const basicByCode = new Map<number, { kind: Kind; field: FieldDef }>();
for (const [code, kind, abbrev, type] of BASIC) {
  const spec = defineFields("dhcp.option", { [abbrev]: { name: basicName(code), type } });
  basicByCode.set(code, { kind, field: spec[abbrev]! });
}
/** The field names Wireshark gives the basic options (mostly the option name, singular for lists). */
function basicName(code: number): string {
  const special: Record<number, string> = {
    41: "Network Information Service Server", 42: "Network Time Protocol Server", 25: "Path MTU Plateau Table Item",
    65: "Network Information Service+ Server", 118: "Subnet Selection Option", 138: "CAPWAP Access Controllers",
    142: "ANDSF Server", 150: "TFTP Server Address", 153: "Start Time Of State", 156: "Dhcp State",
    157: "Data Source", 161: "MUDURL", 209: "PXELINUX configuration file", 210: "PXELINUX path prefix",
    252: "Private/Proxy autodiscovery", 100: "TZ PCode", 101: "TZ TCode", 24: "Path MTU Aging Timeout",
    68: "Mobile IP Home Agent",
  };
  return special[code] ?? OPT_NAMES[code]!;
}

// ---------------------------------------------------------------------------

interface Walk {
  dhcpType: string | null;
  overload: number;
  atEnd: boolean;
  /** RFC 3396: option 119 blocks in this message and the one being shown. */
  searchBlocks: number;
  searchIndex: number;
  searchData: number[];
}

const ctx = {
  d: new Uint8Array(0) as Uint8Array,
  end: 0,
  /** Where this message starts in the caller's data (the tree is shifted by it; experts are not). */
  base: 0,
  pinfo: null as unknown as PacketInfo,
  tree: null as unknown as ProtoTree,
  detailed: false,
};

/** ei_dhcp_bad_length: an option value of the wrong size (the tree offsets are the option's). */
function badLength(off: number, len: number, message: string): void {
  expertField(ctx.pinfo, F.bad_length, off + ctx.base, len, "error", message);
}

function addBytes(f: FieldDef, off: number, len: number, flags = 0): void {
  if (len === -1) len = Math.max(0, ctx.end - off);
  ensure(off, len, ctx.end);
  ctx.tree.add(f, off, len, len === 0 ? MISSING : ctx.d.subarray(off, off + len), flags);
}
function addU8(f: FieldDef, off: number, label?: string): number {
  const v = g8(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 1, v, 0, label);
  return v;
}
function addU16(f: FieldDef, off: number): number {
  const v = g16(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 2, v);
  return v;
}
function addU32(f: FieldDef, off: number): number {
  const v = g32(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 4, v);
  return v;
}
function addIp(f: FieldDef, off: number): number {
  return addU32(f, off);
}
/** FT_STRING/FT_STRINGZ with ENC_ASCII and an explicit length: the value stops at the first NUL. */
function addString(f: FieldDef, off: number, len: number): string {
  if (len === -1) len = Math.max(0, ctx.end - off);
  ensure(off, len, ctx.end);
  const s = asciiString(ctx.d, off, off + len);
  ctx.tree.add(f, off, len, s);
  return s;
}

/** tvb_arphrdaddr_to_str(): an Ethernet address, or the bytes in hex (at most 36 shown), or "<No address>". */
function arphrdAddr(off: number, len: number, htype: number): string {
  if (len === 0) return "<No address>";
  ensure(off, len, ctx.end);
  if ((htype === 1 || htype === 6) && len === 6) return etherToString(ctx.d.subarray(off, off + 6));
  let s = "";
  const n = Math.min(len, 36);
  for (let i = 0; i < n; i++) s += ctx.d[off + i]!.toString(16).padStart(2, "0");
  return len > 36 ? s + "\u2026" : s;
}

/**
 * dhcp_option(): one option at `voff` below `eoff`. The first pass (no tree)
 * never throws while reading what it needs; the second builds the tree.
 * Returns the bytes the option takes.
 */
function dhcpOption(voff: number, eoff: number, first: boolean, w: Walk): number {
  const { d, tree } = ctx;
  const end = ctx.end;
  const code = g8(d, voff, end);
  if (code === 0) {
    let i = voff + 1;
    for (; i < eoff; i++) if (g8(d, i, end) !== 0) break;
    const n = i - voff;
    if (!first) {
      tree.open(F["option.type"], voff, 1, 0, ctx.detailed ? "Option: (0) Padding" : undefined);
      addBytes(F["option.padding"], voff, n);
      tree.close();
    }
    return n;
  }
  if (code === 255) {
    if (!first) {
      tree.open(F["option.type"], voff, 1, 0, ctx.detailed ? "Option: (255) End" : undefined);
      addU8(F["option.end"], voff);
      tree.close();
    }
    w.atEnd = true;
    return 1;
  }
  if (first) {
    if (voff + 2 > end) return 1;
    const optlen = d[voff + 1]!;
    if (voff + 2 + optlen <= end) {
      if (code === 52) w.overload = d[voff + 2]!;
      else if (code === 53) {
        const t = voff + 2 < end ? d[voff + 2]! : 0;
        w.dhcpType = OPT53.get(t) ?? `Unknown Message Type (0x${t.toString(16).padStart(2, "0")})`;
      } else if (code === 119) w.searchBlocks++;
    }
    return optlen + 2;
  }
  const optlen = g8(d, voff + 1, end);
  const consumed = optlen + 2;
  const name = OPT_NAMES[code] ?? "unknown";
  const label = ctx.detailed ? `Option: (${code}) ${name}` : undefined;
  tree.open(F["option.type"], voff, consumed, code, label);
  try {
    addU8(F["option.length"], voff + 1);
    addBytes(F["option.value"], voff + 2, optlen, HIDDEN);
    // The option's own dissector sees only the option data (a sub-tvb): reads past it throw.
    const pktEnd = ctx.end;
    ctx.end = voff + 2 + optlen;
    try {
      optionValue(code, voff + 2, optlen, w, label, pktEnd);
    } finally {
      ctx.end = pktEnd;
    }
  } finally {
    tree.close();
  }
  return consumed;
}

/** The value of one option (Wireshark's per-option dissectors). `o` and `len` bound the option data. */
function optionValue(code: number, o: number, len: number, w: Walk, label: string | undefined, pktEnd: number): void {
  const { d, tree, end } = ctx;
  const oend = o + len;
  const rd8 = (p: number): number => g8(d, p, end);
  const basic = basicByCode.get(code);
  if (basic) {
    const f = basic.field;
    switch (basic.kind) {
      case "ipv4":
        if (len !== 4) return badLength(o, len, "length isn't 4");
        addIp(f, o);
        if (label !== undefined) tree.setLabel(`${label} (${ipv4ToString(g32(d, o, end))})`);
        return;
      case "ipv4_list":
        for (let i = o, left = len; left > 0; i += 4, left -= 4) {
          if (left < 4) return badLength(o, len, "Option length isn't a multiple of 4");
          addIp(f, i);
        }
        return;
      case "string":
        addString(f, o, len);
        return;
      case "bool":
        if (len !== 1) return badLength(o, len, "length isn't 1");
        tree.add(f, o, 1, g8(d, o, end) !== 0);
        return;
      case "u8":
        if (len !== 1) return badLength(o, len, "length isn't 1");
        addU8(f, o);
        return;
      case "u16":
        if (len !== 2) return badLength(o, len, "length isn't 2");
        addU16(f, o);
        return;
      case "u16_list":
        for (let i = o, left = len; left > 0; i += 2, left -= 2) {
          if (left < 2) return badLength(o, len, "Option length isn't a multiple of 2");
          addU16(f, i);
        }
        return;
      case "time_s": {
        if (len !== 4) return badLength(o, len, "length isn't 4");
        const v = g32(d, o, end) | 0;
        tree.add(f, o, 4, v, 0, ctx.detailed ? `${f.name}: (${v}s) ${v < 0 ? "-" + timeSecsToStr(-v) : timeSecsToStr(v)}` : undefined);
        return;
      }
      case "time_u": {
        if (len !== 4) return badLength(o, len, "length isn't 4");
        const v = g32(d, o, end);
        tree.add(f, o, 4, v, 0, ctx.detailed ? `${f.name}: (${v}s) ${v === 0xffffffff ? "infinity" : timeSecsToStr(v)}` : undefined);
        return;
      }
    }
  }
  switch (code) {
    case 21:
    case 33: {
      const [a, b] = code === 21 ? [F["option.policy_filter.ip"], F["option.policy_filter.subnet_mask"]] : [F["option.static_route.ip"], F["option.static_route.router"]];
      let i = o;
      for (; oend - i >= 8; i += 8) {
        addIp(a, i);
        addIp(b, i + 4);
      }
      if (oend - i > 0) badLength(o, len, "Option length isn't a multiple of 8");
      return;
    }
    case 43:
      addBytes(F["option.vendor.value"], o, len);
      return;
    case 52: {
      if (len < 1) return badLength(o, len, "length isn't >= 1");
      const byte = addU8(F["option.option_overload"], o);
      if (w.overload >= 1 && w.overload <= 3) {
        const sub = (start: number, size: number, text: string): void => {
          ensure(start, size, pktEnd);
          tree.open(TEXT, start, size, null, text);
          const saved = ctx.end;
          ctx.end = pktEnd;
          try {
            const sw: Walk = { ...w, overload: 0, atEnd: false, searchIndex: 0 };
            for (let p = start; p < start + size && !sw.atEnd; ) p += dhcpOption(p, start + size, false, sw);
          } finally {
            ctx.end = saved;
            tree.close();
          }
        };
        if (byte & 2) sub(44, 64, "Server host name option overload");
        if (byte & 1) sub(108, 128, "Boot file name option overload");
        w.overload = 0;
      }
      return;
    }
    case 53: {
      const t = rd8(o);
      tree.add(F["option.dhcp"], o, 1, t);
      if (label !== undefined) tree.setLabel(`${label} (${OPT53.get(t) ?? `Unknown Message Type (0x${t.toString(16).padStart(2, "0")})`})`);
      return;
    }
    case 55:
      for (let i = o; i < oend; i++) {
        const b = rd8(i);
        tree.add(F["option.request_list_item"], i, 1, b, 0, ctx.detailed ? `Parameter Request List Item: (${b}) ${OPT_NAMES[b] ?? "unknown"}` : undefined);
      }
      return;
    case 60:
      addString(F["option.vendor_class_id"], o, len);
      return;
    case 61: {
      const byte = len > 0 ? rd8(o) : 0;
      if (len === 7 && byte > 0 && byte < 48) {
        tree.add(F["hw.type"], o, 1, byte);
        if (byte === 1 || byte === 6) {
          ensure(o + 1, 6, end);
          tree.add(F["hw.mac_addr"], o + 1, 6, d.subarray(o + 1, o + 7));
        } else tree.add(F.client_hardware_address, o + 1, 6, arphrdAddr(o + 1, 6, byte));
      } else if (len === 17 && byte === 0) {
        addBytes(F["client_id.uuid"], o + 1, 16);
      } else if (byte === 255) {
        tree.add(F["client_id.iaid"], o + 1, 4, arphrdAddr(o + 1, 4, byte));
        const p = o + 5;
        const duid = g16(d, p, end);
        tree.add(F["client_id.duid_type"], p, 2, duid);
        if (duid === 1 && len >= 8) {
          const hw = g16(d, p + 2, end);
          tree.add(F["client_id.duid_llt_hw_type"], p + 2, 2, hw);
          addU32(F["client_id.time"], p + 4);
          if (len > 8) tree.add(F["client_id.link_layer_address"], p + 8, len - 13, arphrdAddr(p + 8, len - 13, hw));
        } else if (duid === 2 && len >= 6) {
          addU32(F["client_id.enterprise_num"], p + 2);
          if (len > 6) addBytes(F.client_id, p + 6, len - 11);
        } else if (duid === 3 && len >= 4) {
          const hw = g16(d, p + 2, end);
          tree.add(F["client_id.duid_ll_hw_type"], p + 2, 2, hw);
          if (len > 4) tree.add(F["client_id.link_layer_address"], p + 4, len - 9, arphrdAddr(p + 4, len - 9, hw));
        }
      } else if (byte === 0 && len > 1) {
        addU8(F["client_id.type"], o);
        addString(F["client_id.undef"], o + 1, len - 1);
      }
      return;
    }
    case 77: {
      if (len < 2) return badLength(o, len, "length isn't >= 2");
      if (!(oend - o >= 4 && d[o] === 0x69 && d[o + 1] === 0x50 && d[o + 2] === 0x58 && d[o + 3] === 0x45)) {
        // "iPXE" violates RFC 3004; Wireshark shows the whole value as data then.
        let idx = 0;
        let p = o;
        while (p < oend) {
          if (oend - p >= 14 && asciiString(d, p, p + 14, false) === "RRAS.Microsoft") {
            tree.open(F["option.user_class"], p, 1, idx, ctx.detailed ? `Instance of User Class: [${idx}]` : undefined);
            addString(F["option.user_class.text"], p, 14);
            tree.close();
            p += 14;
          } else {
            tree.open(F["option.user_class"], p, 1, idx, ctx.detailed ? `Instance of User Class: [${idx}]` : undefined);
            let cl: number;
            try {
              cl = addU8(F["option.user_class.length"], p);
              p++;
              if (cl !== 0) addBytes(F["option.user_class.data"], p, cl);
            } finally {
              tree.close();
            }
            if (cl === 0) break;
            p += cl;
          }
          idx++;
        }
      } else {
        addBytes(F["option.user_class.data"], o, len);
      }
      return;
    }
    case 81: {
      if (len < 3) return badLength(o, len, "length isn't >= 3");
      const fl = rd8(o);
      tree.open(F["fqdn.flags"], o, 1, fl);
      tree.add(F["fqdn.mbz"], o, 1, fl & 0xf0);
      tree.add(F["fqdn.n"], o, 1, (fl & 8) !== 0);
      tree.add(F["fqdn.e"], o, 1, (fl & 4) !== 0);
      tree.add(F["fqdn.o"], o, 1, (fl & 2) !== 0);
      tree.add(F["fqdn.s"], o, 1, (fl & 1) !== 0);
      tree.close();
      addU8(F["fqdn.rcode1"], o + 1);
      addU8(F["fqdn.rcode2"], o + 2);
      if (len > 3) {
        if (fl & 4) {
          const r = getDnsName(d, o + 3, len - 3, o + 3, end);
          tree.add(F["fqdn.name"], o + 3, len - 3, r.text);
        } else addString(F["fqdn.name"], o + 3, len - 3);
      }
      return;
    }
    case 85: {
      let i = o;
      for (; oend - i >= 4; i += 4) addIp(F["option.novell_dss.ip"], i);
      if (oend - i > 0) badLength(o, len, "Option length isn't a multiple of 4");
      return;
    }
    case 93: {
      let i = o;
      for (; oend - i > 1; i += 2) {
        if (addU16(F["option.client_system_architecture"], i) === 9) {
          expertField(ctx.pinfo, F["option.client_architecture.ambiguous"], i + ctx.base, 2, "note", "Client Architecture ID 9 is often incorrectly used for EFI x64");
        }
      }
      if (oend - i > 0) badLength(o, len, "Option length isn't a multiple of 2");
      return;
    }
    case 94: {
      const t = rd8(o);
      if (t === 1) {
        tree.add(F.client_network_id_major, o + 1, 1, rd8(o + 1));
        tree.add(F.client_network_id_minor, o + 2, 1, rd8(o + 2));
      }
      return;
    }
    case 97: {
      const byte = len > 0 ? rd8(o) : 0;
      if (len === 7 && byte > 0 && byte < 48) {
        tree.add(F["hw.type"], o, 1, byte);
        if (byte === 1 || byte === 6) {
          ensure(o + 1, 6, end);
          tree.add(F["hw.mac_addr"], o + 1, 6, d.subarray(o + 1, o + 7));
        } else tree.add(F.client_hardware_address, o + 1, 6, arphrdAddr(o + 1, 6, byte));
      } else if (len === 17 && byte === 0) addBytes(F["client_id.uuid"], o + 1, 16);
      return;
    }
    case 117: {
      if (len < 2) return badLength(o, len, "length isn't >= 2");
      if (len & 1) return badLength(o, len, `length (${len}) isn't even number`);
      const names: Record<number, string> = {
        0: "Local naming information (e.g., an /etc/hosts file on a UNIX machine) (0)", 6: "Domain Name Server Option (6)",
        41: "Network Information Servers Option (41)", 44: "NetBIOS over TCP/IP Name Server Option (44)",
        65: "Network Information Service+ Servers Option (65)",
      };
      for (let i = o; i < oend; i += 2) {
        const ns = g16(d, i, end);
        if (names[ns]) tree.add(F["option.dhcp_name_service_search_option"], i, 2, names[ns]!);
        else expertField(ctx.pinfo, F["option.dhcp_name_service.invalid"], i + ctx.base, 2, "error", `Invalid Name Service (${ns}). RFC 2937 defines only 0, 6, 41, 44, and 65 as possible values.`);
      }
      return;
    }
    case 119: {
      // RFC 3396: long options arrive split; names are decoded once all blocks are in.
      w.searchIndex++;
      if (w.searchBlocks > 1) {
        tree.add(F["option.dhcp_dns_domain_search_list_rfc_3396_detected"], o, len, `${w.searchIndex}/${w.searchBlocks}`);
        if (w.searchIndex !== w.searchBlocks) tree.add(F["option.dhcp_dns_domain_search_list_refer_last_option"], o, len, `${w.searchBlocks}/${w.searchBlocks}`);
      }
      if (len) {
        ensure(o, len, end);
        for (let i = o; i < oend; i++) w.searchData.push(d[i]!);
      }
      if (w.searchIndex === w.searchBlocks && w.searchData.length) {
        const buf = Uint8Array.from(w.searchData);
        w.searchData = [];
        for (let p = 0; p < buf.length; ) {
          const r = getDnsName(buf, p, buf.length, 0, buf.length);
          if (w.searchBlocks === 1) tree.add(F["option.dhcp_dns_domain_search_list_fqdn"], o + p, r.used, r.raw);
          else tree.add(F["option.dhcp_dns_domain_search_list_fqdn"], 0, 0, r.raw);
          p += r.used;
        }
      }
      return;
    }
    case 121:
    case 249: {
      if (len < 5) return badLength(o, len, "length isn't >= 5");
      let p = o;
      while (p < oend) {
        const mw = rd8(p);
        if (mw > 32) {
          expertField(ctx.pinfo, F["option.classless_static.route"], o + ctx.base, len, "error", `Mask width (${mw}) > 32`);
          return;
        }
        const sig = Math.trunc((mw + 7) / 8);
        let text = "";
        const itemLen = 1 + sig + 4;
        p++;
        if (oend - (p + sig + 4) < 0) {
          tree.add(F["option.classless_static_route"], p - 1, itemLen, d.subarray(p - 1, Math.min(end, p - 1 + itemLen)));
          return;
        }
        if (mw === 0) text = "default";
        else {
          const parts: number[] = [];
          for (let i = 0; i < sig; i++) parts.push(rd8(p++));
          for (let i = sig; i < 4; i++) parts.push(0);
          text = `${parts.join(".")}/${mw}`;
        }
        text += `-${ipv4ToString(g32(d, p, end))}`;
        ensure(p - 1 - (mw === 0 ? 0 : sig), itemLen, end);
        const start = p - 1 - (mw === 0 ? 0 : sig);
        tree.add(F["option.classless_static_route"], start, itemLen, d.subarray(start, start + itemLen), 0, ctx.detailed ? `Subnet/MaskWidth-Router: ${text}` : undefined);
        p += 4;
      }
      return;
    }
    case 124: {
      if (len === 1) return;
      let p = o;
      while (oend - p >= 5) {
        addU32(F["option.vi_class.enterprise"], p);
        p += 4;
        const dl = addU8(F["option.vi_class.length"], p);
        p++;
        addString(F["option.vi_class.data"], p, dl);
        p += dl;
      }
      return;
    }
    case 145:
      for (let i = o; i < oend; i++) tree.add(F["option.forcerenew_nonce.algorithm"], i, 1, rd8(i));
      return;
    default:
      return;
  }
}

function dissectBootp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, proxy: boolean): number {
  const tree = pinfo.tree;
  const d = offset === 0 ? data : data.subarray(offset, end);
  const e = end - offset;
  ctx.d = d;
  ctx.end = e;
  ctx.base = offset;
  ctx.pinfo = pinfo;
  ctx.tree = tree;
  ctx.detailed = tree.detailed;
  const cols = pinfo.wantColumns && !pinfo.inErrorPacket;
  if (proxy && (e < 240 || g32Safe(d, 236) !== MAGIC)) return 0;

  enterLayer(pinfo, "dhcp");
  if (!pinfo.inErrorPacket) pinfo.protocol = "BOOTP";
  if (cols) pinfo.info = "";
  // The tree uses offsets relative to this message; shift them back to the data's coordinates.
  const shifted = offset === 0 ? tree : shiftTree(tree, offset);
  ctx.tree = shifted;
  let opened = false;
  try {
    const op = g8(d, 0, e);
    const htype = g8(d, 1, e);
    const hlen = g8(d, 2, e);
    if (op === 1) {
      if ((htype === 1 || htype === 6) && hlen === 6) {
        const a = arphrdAddr(28, hlen, htype);
        if (cols) pinfo.info = `Boot Request from ${a} (${etherToString(d.subarray(28, 34))})`;
      } else {
        const a = arphrdAddr(28, hlen, htype);
        if (cols) pinfo.info = `Boot Request from ${a}`;
      }
    } else if (op === 2) {
      if (cols) pinfo.info = "Boot Reply";
    } else if (cols) pinfo.info = `Unknown BOOTP message type (${op})`;

    const magic = e >= 240 && g32Safe(d, 236) === MAGIC;
    let voff = magic ? 240 : 300;
    const eoff = e;

    // First pass: the message type decides DHCP vs BOOTP (and the protocol item's text).
    const w: Walk = { dhcpType: null, overload: 0, atEnd: false, searchBlocks: 0, searchIndex: 0, searchData: [] };
    for (let t = voff; t < eoff && !w.atEnd; ) t += dhcpOption(t, eoff, true, w);
    const wantLabel = tree.detailed || tree.wants(F[""]);
    const label = wantLabel ? `Dynamic Host Configuration Protocol${w.dhcpType !== null ? ` (${w.dhcpType})` : ""}` : undefined;
    shifted.open(F[""], 0, e, label ?? null, label);
    opened = true;
    if (w.dhcpType !== null) {
      if (!pinfo.inErrorPacket) pinfo.protocol = "DHCP";
      const xid = g32(d, 4, e);
      if (cols) pinfo.info = `${proxy ? "proxy" : ""}DHCP ${w.dhcpType.padEnd(8)} - Transaction ID 0x${xid.toString(16)}`;
    }

    const t = shifted;
    t.add(F.type, 0, 1, op);
    t.add(F["hw.type"], 1, 1, htype);
    t.add(F["hw.len"], 2, 1, hlen);
    addU8(F.hops, 3);
    addU32(F.id, 4);
    const secsLe = g8(d, 8, e) | (g8(d, 9, e) << 8);
    if (secsLe > 0 && secsLe <= 0xff) {
      t.add(F.secs, 8, 2, secsLe);
      expertField(pinfo, F.secs_le, 8 + offset, 2, "note", "Seconds elapsed appears to be encoded as little-endian");
    } else addU16(F.secs, 8);
    const flags = g16(d, 10, e);
    t.open(F.flags, 10, 2, flags, tree.detailed ? `Bootp flags: 0x${flags.toString(16).padStart(4, "0")} (${flags & 0x8000 ? "Broadcast" : "Unicast"})` : undefined);
    t.add(F["flags.bc"], 10, 2, (flags & 0x8000) !== 0, 0, tree.detailed ? bitsLabel(flags, 0x8000, 16, `Broadcast flag: ${flags & 0x8000 ? "Broadcast" : "Unicast"}`) : undefined);
    t.add(F["flags.reserved"], 10, 2, flags & 0x7fff, 0, tree.detailed ? bitsLabel(flags, 0x7fff, 16, `Reserved flags: 0x${(flags & 0x7fff).toString(16).padStart(4, "0")}`) : undefined);
    t.close();
    addIp(F["ip.client"], 12);
    addIp(F["ip.your"], 16);
    addIp(F["ip.server"], 20);
    addIp(F["ip.relay"], 24);
    if (hlen > 0 && hlen <= 16) {
      if ((htype === 1 || htype === 6) && hlen === 6) {
        ensure(28, 6, e);
        t.add(F["hw.mac_addr"], 28, 6, d.subarray(28, 34));
      } else {
        const text = arphrdAddr(28, hlen, htype);
        ensure(28, 16, e);
        t.add(F["hw.addr"], 28, 16, d.subarray(28, 44), 0, tree.detailed ? `Client hardware address: ${text}` : undefined);
      }
      if (16 - hlen > 0) addBytes(F["hw.addr_padding"], 28 + hlen, 16 - hlen);
    } else {
      expertField(pinfo, F.client_address_not_given, 28 + offset, 16, "note", "Client address not given");
    }
    if (w.overload & 2) expertField(pinfo, F.server_name_overloaded_by_dhcp, 44 + offset, 64, "note", "Server name option overloaded by DHCP");
    else if (g8(d, 44, e) !== 0) addString(F.server, 44, 64);
    else t.add(F.server, 44, 64, "", 0, tree.detailed ? "Server host name not given" : undefined);
    if (w.overload & 1) expertField(pinfo, F.boot_filename_overloaded_by_dhcp, 108 + offset, 128, "note", "Boot file name option overloaded by DHCP");
    else if (g8(d, 108, e) !== 0) addString(F.file, 108, 128);
    else t.add(F.file, 108, 128, "", 0, tree.detailed ? "Boot file name not given" : undefined);

    voff = 236;
    if (w.dhcpType === null) t.add(F.bootp, 0, 0, true, HIDDEN);
    if (magic) {
      t.add(F.cookie, voff, 4, MAGIC, 0, tree.detailed ? "Magic cookie: DHCP" : undefined);
      voff += 4;
    } else {
      addBytes(F.vendor_specific_options, voff, 64);
      voff += 64;
    }
    const w2: Walk = { dhcpType: w.dhcpType, overload: w.overload, atEnd: false, searchBlocks: w.searchBlocks, searchIndex: 0, searchData: [] };
    while (voff < eoff && !w2.atEnd) voff += dhcpOption(voff, eoff, false, w2);
    if (w.dhcpType !== null && !w2.atEnd) expertField(pinfo, F.end_option_missing, offset, e, "warn", "End option missing");
    if (voff < eoff) addBytes(F["option.padding"], voff, eoff - voff);
  } catch (err) {
    if (!(err instanceof Truncated)) throw err;
    if (!opened) {
      shifted.open(F[""], 0, e, null);
      opened = true;
    }
    malformed(pinfo, "DHCP", offset, "message runs past the end of the data");
  } finally {
    if (opened) shifted.close();
  }
  return end - offset;
}

function g32Safe(d: Uint8Array, o: number): number {
  return o + 4 <= d.length ? ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0 : -1;
}

/** A view of `tree` whose offsets are relative to `base` (the DHCP message inside the data). */
function shiftTree(tree: ProtoTree, base: number): ProtoTree {
  return {
    get detailed() {
      return tree.detailed;
    },
    wants: (f) => tree.wants(f),
    add: (f: FieldDef, o: number, l: number, v: FieldValue, fl?: number, lb?: string) => tree.add(f, o + base, l, v, fl, lb),
    open: (f: FieldDef, o: number, l: number, v?: FieldValue, lb?: string, fl?: number) => tree.open(f, o + base, l, v, lb, fl),
    close: (l?: number) => tree.close(l),
    setLabel: (s: string) => tree.setLabel(s),
    expert: (o, l, s, m, f) => tree.expert(o + base, l, s, m, f),
    setSource: (i: number) => tree.setSource(i),
  };
}

/** DHCP/BOOTP on the server and client ports (RFC 2131 §4.1). */
export const dhcp = {
  name: "dhcp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const proxy = pinfo.srcPort === 4011 || pinfo.dstPort === 4011;
    return dissectBootp(data, offset, end, pinfo, proxy);
  },
};

register("udp.port", [67, 68, 4011], dhcp);
