/**
 * DHCP/BOOTP fields (tshark 4.0 abbreviations and types), option names
 * (Wireshark's opt_info table), message types, hardware types, and the
 * "basic" options whose value is one field of a simple kind (an address, a
 * list of addresses, a string, a number, a time), with their fields.
 */
import { defineFields, vals, type FieldDef } from "../../field";

export const MAGIC = 0x63825363;

/** Option names (Wireshark's opt_info table, used in "Option: (n) Name" and request-list items). */
export const OPT_NAMES: string[] = [
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
export const OPT53 = vals({
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

export const basicByCode = new Map<number, { kind: Kind; field: FieldDef }>();

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
