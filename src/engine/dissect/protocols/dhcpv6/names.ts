/**
 * Value names DHCPv6 shows in the details tree and the Info column, as
 * tshark 4.0 spells them: message types (RFC 8415 §7.3 plus the IANA
 * registry), option codes (RFC 8415 §21 and the options that followed),
 * status codes (RFC 8415 §21.13), DUID types (RFC 8415 §11.1) and the
 * smaller enumerations some options carry.
 */
import { vals } from "../../field";

/** Message types (RFC 8415 §7.3; 14–17 RFC 5007/5460, 18–19 draft reconfigure). */
export const MSG_TYPES = vals({
  1: "Solicit", 2: "Advertise", 3: "Request", 4: "Confirm", 5: "Renew", 6: "Rebind", 7: "Reply", 8: "Release",
  9: "Decline", 10: "Reconfigure", 11: "Information-request", 12: "Relay-forw", 13: "Relay-reply",
  14: "Leasequery", 15: "Leasequery-reply", 16: "Leasequery-done", 17: "Leasequery-data",
  18: "Reconfigure-request", 19: "Reconfigure-reply",
});

export const RELAY_FORW = 12;
export const RELAY_REPL = 13;

/** Option codes (IANA "DHCPv6 Option Codes"; 165–167 are provisional values Wireshark uses). */
export const OPTION_NAMES = vals({
  1: "Client Identifier", 2: "Server Identifier", 3: "Identity Association for Non-temporary Address",
  4: "Identity Association for Temporary Address", 5: "IA Address", 6: "Option Request", 7: "Preference",
  8: "Elapsed time", 9: "Relay Message", 11: "Authentication", 12: "Server unicast", 13: "Status code",
  14: "Rapid Commit", 15: "User Class", 16: "Vendor Class", 17: "Vendor-specific Information",
  18: "Interface-Id", 19: "Reconfigure Message", 20: "Reconfigure Accept", 21: "SIP Server Domain Name List",
  22: "SIP Servers IPv6 Address List", 23: "DNS recursive name server", 24: "Domain Search List",
  25: "Identity Association for Prefix Delegation", 26: "IA Prefix", 27: "Network Information Server",
  28: "Network Information Server V2", 29: "Network Information Server Domain Name",
  30: "Network Information Server V2 Domain Name", 31: "Simple Network Time Protocol Server", 32: "Lifetime",
  33: "BCMCS Server Domain", 34: "BCMCS Servers IPv6 Address List", 36: "Geoconf Civic Address",
  37: "Remote Identifier", 38: "Subscriber Identifier", 39: "Client Fully Qualified Domain Name",
  40: "PANA Agents IPv6 Address List", 41: "Time Zone", 42: "Time Zone Database", 43: "Echo Request Option",
  44: "Leasequery Query", 45: "Leasequery Client Data", 46: "Client Last Transaction Time",
  47: "Leasequery Relay Data", 48: "Leasequery Client Link Address List", 49: "Home Network Identifier FQDN",
  50: "Visited Home Network Information", 51: "LoST Server", 52: "CAPWAP Access Controllers", 53: "Relay-ID",
  54: "MoS IPv6 Address", 55: "MoS Domain Name List", 56: "NTP Server", 57: "Access Network Domain Name",
  58: "SIP User Agent Configuration Service Domains", 59: "Boot File URL", 60: "Boot File Parameters",
  61: "Client System Architecture Type", 62: "Client Network Interface Identifier", 63: "Geolocation",
  64: "Dual-Stack Lite AFTR Name", 65: "ERP Local Domain Name", 66: "Relay-Supplied Options",
  67: "Prefix Exclude", 68: "Virtual Subnet Selection", 69: "Identified Home Network Information",
  70: "Unrestricted Home Network Information", 71: "Home Network Prefix", 72: "Home Agent Address",
  73: "Home Agent FQDN", 74: "RDNSS Selection", 75: "Kerberos Principal Name", 76: "Kerberos Realm Name",
  77: "Kerberos Default Realm Name", 78: "Kerberos KDC", 79: "Client Link-Layer Address", 80: "Link Address",
  81: "RADIUS", 82: "SOL_MAX_RT", 83: "INF_MAX_RT", 84: "Address Selection", 85: "Address Selection table",
  86: "PCP Server", 87: "DHCPv4 Message", 88: "DHCP 4o6 Servers Address", 89: "S46 Rule", 90: "S46 BR",
  91: "S46 DMR", 92: "S46 IPv4/IPv6 Address Binding", 93: "S46 Port Parameters", 94: "S46 MAP-E Container",
  95: "S46 MAP-T Container", 96: "S46 Lightweight 4over6 Container", 97: "4rd Options", 98: "4rd Mapping Rule",
  99: "4rd Non-Mapping Rule", 100: "LQ Server Base Time", 101: "LQ Server Query Start Time",
  102: "LQ Server Query End Time", 103: "Captive Portal", 104: "MPL Parameter Configuration",
  105: "Access Technology Type", 106: "Access Network Name", 107: "Access Point Name",
  108: "Access Point BSSID", 109: "Access Network Operator ID", 110: "Access Network Operator Realm",
  111: "S46 Priority", 112: "Manufacturer Usage Description", 113: "IPv4/IPv6 Multicast Prefixes",
  114: "Failover Binding Status", 115: "Failover Connect Flags", 116: "Failover DNS Removal Info",
  117: "Failover DNS Hostname", 118: "Failover DNS Zone Name", 119: "Failover DNS Flags",
  120: "Failover Expiration Time", 121: "Failover Maximum Number Unacked BNDUPD Messages",
  122: "Failover Maximum Client Lead Time (MCLT)", 123: "Failover Partner Lifetime",
  124: "Failover Partner Lifetime Sent", 125: "Failover Partner Down Time",
  126: "Failover Partner Raw Client Time", 127: "Failover Protocol Version", 128: "Failover Keepalive Time",
  129: "Failover Reconfigure Data", 130: "Failover Relationship Name", 131: "Failover Server Flags",
  132: "Failover Server State", 133: "Failover Start Time of State", 134: "Failover State Expiration Time",
  135: "Relay Source Port", 136: "SZTP Redirect", 137: "Softwire Source Binding Prefix Hint",
  143: "ANDSF IPv6 Address", 165: "Mobile IPv6 Home Agent", 166: "Mobile IPv6 Home Address",
  167: "Network Access Identifier",
});

/** The option item's text: its name, or "DHCP option N" for codes without one. */
export function optionName(code: number): string {
  return OPTION_NAMES.get(code) ?? `DHCP option ${code}`;
}

/** Status codes (RFC 8415 §21.13; 7–11 RFC 5007/5460, 12–15 RFC 7653). */
export const STATUS_CODES = vals({
  0: "Success", 1: "UnspecFail", 2: "NoAddrAvail", 3: "NoBinding", 4: "NotOnLink", 5: "UseMulticast",
  6: "NoPrefixAvail", 7: "UnknownQueryType", 8: "MalformedQuery", 9: "NotConfigured", 10: "NotAllowed",
  11: "QueryTerminated", 12: "DataMissing", 13: "CatchUpComplete", 14: "NotSupported", 15: "TLSConnectionRefused",
});

/** DUID types (RFC 8415 §11.1; 4 is RFC 6355). */
export const DUID_TYPES = vals({
  1: "link-layer address plus time", 2: "assigned by vendor based on Enterprise number", 3: "link-layer address",
  4: "Universally Unique IDentifier (UUID)",
});

/** NTP server suboptions (RFC 5908 §4). */
export const NTP_SUBOPTIONS = vals({ 1: "NTP Server Address", 2: "NTP Multicast Address", 3: "NTP Server FQDN" });

/** Leasequery query types (RFC 5007 §4.1.2.1, RFC 5460 §5.3). */
export const LQ_QUERY_TYPES = vals({ 1: "by-address", 2: "by-clientID", 3: "by-relayID", 4: "by-linkAddress", 5: "by-remoteID" });

/** Softwire option codes in OPTION_S46_PRIORITY (RFC 8026 §4.1). */
export const S46_CODES = vals({ 64: "DS-Lite", 88: "DHCPv4 over DHCPv6", 94: "MAP-E", 95: "MAP-T", 96: "Lightweight 4over6" });

/** Failover binding states (RFC 8156 §5.3). */
export const FAILOVER_BINDING_STATUS = vals({
  0: "reserved", 1: "ACTIVE", 2: "EXPIRED", 3: "RELEASED", 4: "PENDING-FREE", 5: "FREE", 6: "FREE-BACKUP",
  7: "ABANDONED", 8: "RESET",
});

/** Failover server states (RFC 8156 §5.21). */
export const FAILOVER_SERVER_STATES = vals({
  0: "reserved", 1: "Startup state (1)", 2: "Normal state", 3: "Communications interrupted", 4: "Partner down",
  5: "Synchronizing", 6: "Recovering bindings from partner", 7: "Waiting out MCLT after RECOVER",
  8: "Interlock state prior to NORMAL", 9: "Comm. failed during resolution", 10: "Primary resolved its conflicts",
});

/**
 * A few IANA Private Enterprise Numbers, for "Enterprise ID: Microsoft (311)"
 * labels (Wireshark reads the whole registry; numbers not listed here show as
 * "Unknown (n)", and -T fields prints the number either way).
 */
export const ENTERPRISES = vals({
  2: "IBM (https://w3.ibm.com/standards )", 9: "ciscoSystems", 11: "Hewlett-Packard", 43: "3Com", 311: "Microsoft",
  1916: "Extreme Networks", 2011: "HUAWEI Technology Co.,Ltd", 2636: "Juniper Networks, Inc.",
  3561: "Broadband Forum (previously 'DSL Forum')", 4413: "Broadcom Limited",
  4491: "Cable Television Laboratories, Inc.", 4526: "Netgear", 6527: "Nokia", 6876: "VMware Inc.",
  8072: "net-snmp", 11129: "Google, Inc.", 12356: "Fortinet, Inc.", 14988: "MikroTik", 25506: "H3C",
  30065: "Arista Networks, Inc.", 32473: "Example Enterprise Number for Documentation Use",
});

/** RFC 4704 §4.1 flag meanings, as [set, clear]. */
export const FQDN_N: readonly [string, string] = ["Server SHOULD NOT perform PTR RR updates", "Server SHOULD perform PTR RR updates"];
export const FQDN_O: readonly [string, string] = [
  "Server HAS overridden client's S bit preference",
  "Server HAS NOT overridden client's S bit preference",
];
export const FQDN_S: readonly [string, string] = ["Server SHOULD perform AAAA RR updates", "Server SHOULD NOT perform AAAA RR updates"];
export const TRUE_FALSE: readonly [string, string] = ["True", "False"];
