/**
 * DNS (RFC 1034/1035), multicast DNS (RFC 6762) and LLMNR (RFC 4795), over UDP
 * and over TCP with the two-byte length prefix (RFC 1035 §4.2.2, RFC 7766 §8).
 *
 *   +0 ID (2)  +2 flags (2)  +4 QDCOUNT  +6 ANCOUNT  +8 NSCOUNT  +10 ARCOUNT  +12 questions, RRs
 *
 * The dissector follows Wireshark 4.0's packet-dns.c step by step, because the
 * Info column, the field occurrences and the point where a damaged message
 * turns "[Malformed Packet]" all depend on the order in which it reads: Info
 * text for a record is appended only after the record's name, type, class and
 * length were read, every `proto_tree_add_item` checks that its bytes exist,
 * and a read past the end abandons the rest of the message (Wireshark's
 * ReportedBoundsError). Reads here go through bounds-checked helpers that throw
 * a private sentinel; `dissect` catches it and marks the packet malformed, so
 * nothing escapes to the caller.
 *
 * Request/response matching (dns.response_in / dns.response_to / dns.time) is
 * per conversation and transaction ID, with Wireshark's retransmission rules.
 */
import { defineField, defineFields, vals, type FieldDef, type FieldValue } from "../field";
import { register, registerHeuristic } from "../dissector";
import { bitsLabel, enterLayer, expertField, malformed, MISSING, PRESENT } from "../common";
import { ipv4ToString, ipv6ToString, timeDiff, timeSecsToStr } from "../format";
import { asciiString, ensure, g8, g16, g32, Truncated, truncated } from "../bytes";
import { formatText } from "../format-text";
import { PortType, type PacketInfo } from "../packet-info";
import { GENERATED, type ProtoTree } from "../tree";
import { hostTable } from "../hosts";

// ---------------------------------------------------------------------------
// Fields (tshark 4.0 abbreviations and types).
// ---------------------------------------------------------------------------

const T = {
  A: 1, NS: 2, MD: 3, MF: 4, CNAME: 5, SOA: 6, MB: 7, MG: 8, MR: 9, NULL: 10, WKS: 11, PTR: 12, HINFO: 13,
  MINFO: 14, MX: 15, TXT: 16, RP: 17, AFSDB: 18, X25: 19, ISDN: 20, RT: 21, NSAP: 22, NSAP_PTR: 23, SIG: 24,
  KEY: 25, PX: 26, GPOS: 27, AAAA: 28, LOC: 29, NXT: 30, SRV: 33, NAPTR: 35, KX: 36, CERT: 37, A6: 38,
  DNAME: 39, OPT: 41, APL: 42, DS: 43, SSHFP: 44, IPSECKEY: 45, RRSIG: 46, NSEC: 47, DNSKEY: 48, DHCID: 49,
  NSEC3: 50, NSEC3PARAM: 51, TLSA: 52, HIP: 55, CDS: 59, CDNSKEY: 60, OPENPGPKEY: 61, CSYNC: 62, ZONEMD: 63,
  SVCB: 64, HTTPS: 65, SPF: 99, NID: 104, L32: 105, L64: 106, LP: 107, EUI48: 108, EUI64: 109, TKEY: 249,
  TSIG: 250, IXFR: 251, AXFR: 252, CAA: 257, DLV: 32769, WINS: 65281, WINS_R: 65282, XPF: 65422,
} as const;

/** dns_types_vals: the short names used in the Info column. (MAILB/MAILA are swapped in Wireshark 4.0; kept.) */
const TYPE_NAMES = new Map<number, string>(Object.entries({
  0: "Unused", 1: "A", 2: "NS", 3: "MD", 4: "MF", 5: "CNAME", 6: "SOA", 7: "MB", 8: "MG", 9: "MR", 10: "NULL",
  11: "WKS", 12: "PTR", 13: "HINFO", 14: "MINFO", 15: "MX", 16: "TXT", 17: "RP", 18: "AFSDB", 19: "X25",
  20: "ISDN", 21: "RT", 22: "NSAP", 23: "NSAP-PTR", 24: "SIG", 25: "KEY", 26: "PX", 27: "GPOS", 28: "AAAA",
  29: "LOC", 30: "NXT", 31: "EID", 32: "NIMLOC", 33: "SRV", 34: "ATMA", 35: "NAPTR", 36: "KX", 37: "CERT",
  38: "A6", 39: "DNAME", 40: "SINK", 41: "OPT", 42: "APL", 43: "DS", 44: "SSHFP", 45: "IPSECKEY", 46: "RRSIG",
  47: "NSEC", 48: "DNSKEY", 49: "DHCID", 50: "NSEC3", 51: "NSEC3PARAM", 52: "TLSA", 55: "HIP", 57: "RKEY",
  58: "TALINK", 59: "CDS", 60: "CDNSKEY", 61: "OPENPGPKEY", 62: "CSYNC", 63: "ZONEMD", 64: "SVCB", 65: "HTTPS",
  99: "SPF", 100: "UINFO", 101: "UID", 102: "GID", 103: "UNSPEC", 104: "NID", 105: "L32", 106: "L64", 107: "LP",
  108: "EUI48", 109: "EUI64", 249: "TKEY", 250: "TSIG", 251: "IXFR", 252: "AXFR", 253: "MAILA", 254: "MAILB",
  255: "ANY", 256: "URI", 257: "CAA", 32768: "TA", 32769: "DLV", 65281: "WINS", 65282: "WINS-R", 65422: "XPF",
}).map(([k, v]) => [Number(k), v]));

/** dns_types_description_vals: what the tree shows for Type fields. */
const TYPE_DESCRIPTIONS = vals({
  0: "Unused", 1: "A (Host Address)", 2: "NS (authoritative Name Server)", 3: "MD (Mail Destination)",
  4: "MF (Mail Forwarder)", 5: "CNAME (Canonical NAME for an alias)", 6: "SOA (Start Of a zone of Authority)",
  7: "MB (MailBox domain name)", 8: "MG (Mail Group member)", 9: "MR (Mail Rename domain)", 10: "NULL RR",
  11: "WKS (Well Known Service)", 12: "PTR (domain name PoinTeR)", 13: "HINFO (host information)",
  14: "MINFO (Mailbox or mail list information)", 15: "MX (Mail eXchange)", 16: "TXT (Text strings)",
  17: "RP (Responsible Person)", 18: "AFSDB (AFS Data Base location)", 19: "X25 (XX.25 PSDN address)",
  20: "ISDN (ISDN address)", 21: "RT (Route Through)", 22: "NSAP (NSAP address)",
  23: "NSAP-PTR (NSAP domain name pointer)", 24: "SIG (security signature)", 25: "KEY (security key)",
  26: "PX (X.400 mail mapping information)", 27: "GPOS (Geographical Position)", 28: "AAAA (IPv6 Address)",
  29: "LOC (Location Information)", 30: "NXT (Next Domain)", 31: "EID (Endpoint Identifier)",
  32: "NIMLOC (Nimrod Locator)", 33: "SRV (Server Selection)", 34: "ATMA (ATM Address)",
  35: "NAPTR (Naming Authority Pointer)", 36: "KX (Key Exchanger)", 37: "CERT", 38: "A6 (OBSOLETE - use AAAA)",
  39: "DNAME", 40: "SINK", 41: "OPT", 42: "APL", 43: "DS (Delegation Signer)", 44: "SSHFP (SSH Key Fingerprint)",
  45: "IPSECKEY", 46: "RRSIG (Resource Record Signature)", 47: "NSEC (Next Secure)",
  48: "DNSKEY (DNS Public Key)", 49: "DHCID", 50: "NSEC3", 51: "NSEC3PARAM", 52: "TLSA",
  55: "HIP (Host Identity Protocol)", 57: "RKEY", 58: "TALINK (Trust Anchor LINK)", 59: "CDS (Child DS)",
  60: "CDNSKEY (DNSKEY(s) the Child wants reflected in DS)", 61: "OPENPGPKEY (OpenPGP Key)",
  62: "CSYNC (Child-to-Parent Synchronization)", 63: "ZONEMD", 64: "SVCB (General Purpose Service Endpoints)",
  65: "HTTPS (HTTPS Specific Service Endpoints)", 99: "SPF", 100: "UINFO", 101: "UID", 102: "GID", 103: "UNSPEC",
  104: "NID (NodeID)", 105: "L32 (Locator32)", 106: "L64 (Locator64)", 107: "LP (Locator FQDN)", 108: "EUI48",
  109: "EUI64", 249: "TKEY (Transaction Key)", 250: "TSIG (Transaction Signature)",
  251: "IXFR (incremental transfer)", 252: "AXFR (transfer of an entire zone)", 253: "MAILB (mailbox-related RRs)",
  254: "MAILA (mail agent RRs)", 255: "* (A request for all records the server/cache has available)", 256: "URI",
  257: "CAA (Certification Authority Restriction)", 32768: "TA (DNSSEC Trust Authorities)",
  32769: "DLV (DNSSEC Lookaside Validation)", 65281: "WINS", 65282: "WINS-R", 65422: "XPF",
});

const CLASSES = vals({ 1: "IN", 2: "CS", 3: "CH", 4: "HS", 254: "NONE", 255: "ANY" });
const OPCODES = vals({ 0: "Standard query", 1: "Inverse query", 2: "Server status request", 4: "Zone change notification", 5: "Dynamic update", 6: "DNS Stateful operations (DSO)" });
const RCODES = vals({
  0: "No error", 1: "Format error", 2: "Server failure", 3: "No such name", 4: "Not implemented", 5: "Refused",
  6: "Name exists", 7: "RRset exists", 8: "RRset does not exist", 9: "Not authoritative", 10: "Name out of zone",
  11: "DSO-Type not implemented", 16: "Bad OPT Version or TSIG Signature Failure", 17: "Key not recognized",
  18: "Signature out of time window", 19: "Bad TKEY Mode", 20: "Duplicate key name", 21: "Algorithm not supported",
  22: "Bad Truncation", 23: "Bad/missing Server Cookie",
});
const EDNS_OPT_CODES = vals({
  0: "Reserved", 1: "LLQ - Long-lived query", 2: "UL - Update lease", 3: "NSID - Name Server Identifier",
  4: "Owner (reserved)", 5: "DAU - DNSSEC Algorithm Understood (RFC6975)", 6: "DHU - DS Hash Understood (RFC6975)",
  7: "N3U - NSEC3 Hash Understood (RFC6975)", 0x50fa: "Experimental - CSUBNET - Client subnet",
  8: "CSUBNET - Client subnet", 9: "EDNS EXPIRE (RFC7314)", 10: "COOKIE", 11: "EDNS TCP Keepalive", 12: "PADDING",
  13: "CHAIN", 15: "Extended DNS Error",
});
const DNSSEC_ALGOS = vals({
  1: "RSA/MD5", 2: "Diffie-Hellman", 3: "DSA", 4: "Elliptic curve crypto", 5: "RSA/SHA1", 6: "DSA + NSEC3/SHA1",
  7: "RSA/SHA1 + NSEC3/SHA1", 8: "RSA/SHA-256", 10: "RSA/SHA-512", 12: "GOST R 34.10-2001",
  13: "ECDSA Curve P-256 with SHA-256", 14: "ECDSA Curve P-386 with SHA-386", 15: "Ed25519", 16: "Ed448",
  157: "HMAC/MD5", 252: "Indirect key", 253: "Private, domain name", 254: "Private, OID",
});
const DS_DIGESTS = vals({ 0: "Reserved digest", 1: "SHA-1", 2: "SHA-256", 3: "GOST R 34.11-94", 4: "SHA-384" });

const u16 = "uint16" as const;
const u8 = "uint8" as const;
const u32 = "uint32" as const;
const str = "string" as const;
const bytes = "bytes" as const;

export const dnsFields = defineFields("dns", {
  "": { name: "Domain Name System", type: "protocol" },
  length: { name: "Length", type: u16 },
  id: { name: "Transaction ID", type: u16, base: "hex" },
  flags: { name: "Flags", type: u16, base: "hex" },
  "flags.response": { name: "Response", type: "boolean", bitmask: 0x8000, bitWidth: 16, tfs: ["Message is a response", "Message is a query"] },
  "flags.opcode": { name: "Opcode", type: u16, bitmask: 0x7800, bitWidth: 16, vals: OPCODES },
  "flags.authoritative": { name: "Authoritative", type: "boolean", bitmask: 0x400, bitWidth: 16, tfs: ["Server is an authority for domain", "Server is not an authority for domain"] },
  "flags.conflict": { name: "Conflict", type: "boolean", bitmask: 0x400, bitWidth: 16, tfs: ["The sender received multiple responses", "None"] },
  "flags.truncated": { name: "Truncated", type: "boolean", bitmask: 0x200, bitWidth: 16, tfs: ["Message is truncated", "Message is not truncated"] },
  "flags.recdesired": { name: "Recursion desired", type: "boolean", bitmask: 0x100, bitWidth: 16, tfs: ["Do query recursively", "Don't do query recursively"] },
  "flags.tentative": { name: "Tentative", type: "boolean", bitmask: 0x100, bitWidth: 16, tfs: ["Tentative", "Not tentative"] },
  "flags.recavail": { name: "Recursion available", type: "boolean", bitmask: 0x80, bitWidth: 16, tfs: ["Server can do recursive queries", "Server can't do recursive queries"] },
  "flags.z": { name: "Z", type: "boolean", bitmask: 0x40, bitWidth: 16, tfs: ["reserved - incorrect!", "reserved (0)"] },
  "flags.authenticated": { name: "Answer authenticated", type: "boolean", bitmask: 0x20, bitWidth: 16, tfs: ["Answer/authority portion was authenticated by the server", "Answer/authority portion was not authenticated by the server"] },
  "flags.checkdisable": { name: "Non-authenticated data", type: "boolean", bitmask: 0x10, bitWidth: 16, tfs: ["Acceptable", "Unacceptable"] },
  "flags.rcode": { name: "Reply code", type: u16, bitmask: 0xf, bitWidth: 16, vals: RCODES },
  "count.queries": { name: "Questions", type: u16 },
  "count.zones": { name: "Zones", type: u16 },
  "count.answers": { name: "Answer RRs", type: u16 },
  "count.prerequisites": { name: "Prerequisites", type: u16 },
  "count.auth_rr": { name: "Authority RRs", type: u16 },
  "count.updates": { name: "Updates", type: u16 },
  "count.add_rr": { name: "Additional RRs", type: u16 },
  "qry.name": { name: "Name", type: str },
  "qry.name.len": { name: "Name Length", type: u16 },
  "count.labels": { name: "Label Count", type: u16 },
  "qry.type": { name: "Type", type: u16, vals: TYPE_DESCRIPTIONS },
  "qry.class": { name: "Class", type: u16, base: "hex", vals: CLASSES },
  "qry.qu": { name: '"QU" question', type: "boolean", bitmask: 0x8000, bitWidth: 16 },
  "resp.name": { name: "Name", type: str },
  "resp.type": { name: "Type", type: u16, vals: TYPE_DESCRIPTIONS },
  "resp.class": { name: "Class", type: u16, base: "hex", vals: CLASSES },
  "resp.cache_flush": { name: "Cache flush", type: "boolean", bitmask: 0x8000, bitWidth: 16 },
  "resp.ext_rcode": { name: "Higher bits in extended RCODE", type: u8, base: "hex" },
  "resp.edns0_version": { name: "EDNS0 version", type: u8 },
  "resp.z": { name: "Z", type: u16, base: "hex" },
  "resp.z.do": { name: "DO bit", type: "boolean", bitmask: 0x8000, bitWidth: 16, tfs: ["Accepts DNSSEC security RRs", "Cannot handle DNSSEC security RRs"] },
  "resp.z.reserved": { name: "Reserved", type: u16, base: "hex", bitmask: 0x7fff, bitWidth: 16 },
  "resp.ttl": { name: "Time to live", type: u32 },
  "resp.len": { name: "Data length", type: u16 },
  "rr.udp_payload_size": { name: "UDP payload size", type: u16 },
  "srv.service": { name: "Service", type: str },
  "srv.proto": { name: "Protocol", type: str },
  "srv.name": { name: "Name", type: str },
  "srv.priority": { name: "Priority", type: u16 },
  "srv.weight": { name: "Weight", type: u16 },
  "srv.port": { name: "Port", type: u16 },
  "srv.target": { name: "Target", type: str },
  "naptr.order": { name: "Order", type: u16 },
  "naptr.preference": { name: "Preference", type: u16 },
  "naptr.flags_length": { name: "Flags Length", type: u8 },
  "naptr.flags": { name: "Flags", type: str },
  "naptr.service_length": { name: "Service Length", type: u8 },
  "naptr.service": { name: "Service", type: str },
  "naptr.regex_length": { name: "Regex Length", type: u8 },
  "naptr.regex": { name: "Regex", type: str },
  "naptr.replacement_length": { name: "Replacement Length", type: u8 },
  "naptr.replacement": { name: "Replacement", type: str },
  a: { name: "Address", type: "ipv4" },
  md: { name: "Mail Destination", type: str },
  mf: { name: "Mail Forwarder", type: str },
  mb: { name: "MailBox Domaine", type: str },
  mg: { name: "Mail Group member", type: str },
  mr: { name: "Mail Rename domaine", type: str },
  null: { name: "Null (data)", type: bytes },
  aaaa: { name: "AAAA Address", type: "ipv6" },
  cname: { name: "CNAME", type: str },
  "soa.mname": { name: "Primary name server", type: str },
  "soa.rname": { name: "Responsible authority's mailbox", type: str },
  "soa.serial_number": { name: "Serial Number", type: u32 },
  "soa.refresh_interval": { name: "Refresh Interval", type: u32 },
  "soa.retry_interval": { name: "Retry Interval", type: u32 },
  "soa.expire_limit": { name: "Expire limit", type: u32 },
  "soa.minimum_ttl": { name: "Minimum TTL", type: u32 },
  "ptr.domain_name": { name: "Domain Name", type: str },
  "wks.address": { name: "Address", type: "ipv4" },
  "wks.protocol": { name: "Protocol", type: u8 },
  "wks.bits": { name: "Bits", type: u8, base: "hex" },
  "hinfo.cpu_length": { name: "CPU Length", type: u8 },
  "hinfo.cpu": { name: "CPU", type: str },
  "hinfo.os_length": { name: "OS Length", type: u8 },
  "hinfo.os": { name: "OS", type: str },
  "minfo.r": { name: "Responsible Mailbox", type: str },
  "minfo.e": { name: "Error Mailbox", type: str },
  "mx.preference": { name: "Preference", type: u16 },
  "mx.mail_exchange": { name: "Mail Exchange", type: str },
  "txt.length": { name: "TXT Length", type: u8 },
  txt: { name: "TXT", type: str },
  openpgpkey: { name: "OpenPGP Key", type: str },
  "csync.soa": { name: "SOA", type: u32 },
  "csync.flags": { name: "Flags", type: u16, base: "hex" },
  "csync.flags.immediate": { name: "immediate", type: "boolean", bitmask: 0x1, bitWidth: 16 },
  "csync.flags.soaminimum": { name: "soaminimum", type: "boolean", bitmask: 0x2, bitWidth: 16 },
  "csync.type_bitmap": { name: "Type Bitmap", type: bytes },
  "zonemd.serial": { name: "Serial", type: u32 },
  "zonemd.scheme": { name: "Scheme", type: u8 },
  "zonemd.hash_algo": { name: "Hash Algorithm", type: u8 },
  "zonemd.digest": { name: "Digest", type: bytes },
  "svcb.svcpriority": { name: "SvcPriority", type: u16 },
  "svcb.targetname": { name: "TargetName", type: str },
  "svcb.svcparam.key": { name: "SvcParamKey", type: u16 },
  "svcb.svcparam.value.length": { name: "SvcParamValue length", type: u16 },
  "svcb.svcparam.value": { name: "SvcParamValue", type: bytes },
  "svcb.svcparam": { name: "SvcParam", type: "none" },
  "svcb.svcparam.mandatory.key": { name: "Mandatory key", type: u16 },
  "svcb.svcparam.alpn.length": { name: "ALPN length", type: u8 },
  "svcb.svcparam.alpn": { name: "ALPN", type: str },
  "svcb.svcparam.port": { name: "Port", type: u16 },
  "svcb.svcparam.ipv4hint.ip": { name: "IP", type: "ipv4" },
  "svcb.svcparam.echconfig": { name: "ECHConfig", type: bytes },
  "svcb.svcparam.ipv6hint.ip": { name: "IP", type: "ipv6" },
  "svcb.svcparam.odohconfig": { name: "ODoHConfig", type: bytes },
  "spf.length": { name: "SPF Length", type: u8 },
  spf: { name: "SPF", type: str },
  "ilnp.nid.preference": { name: "Preference", type: u16 },
  "ilnp.nid": { name: "NodeID", type: bytes },
  "ilnp.l32.preference": { name: "Preference", type: u16 },
  "ilnp.l32": { name: "Locator32", type: "ipv4" },
  "ilnp.l64.preference": { name: "Preference", type: u16 },
  "ilnp.l64": { name: "Locator64", type: bytes },
  "ilnp.lp.preference": { name: "Preference", type: u16 },
  "ilnp.lp": { name: "Locator FQDN", type: str },
  eui48: { name: "EUI48 Address", type: "ether" },
  eui64: { name: "EUI64 Address", type: bytes },
  "rrsig.type_covered": { name: "Type Covered", type: u16, vals: TYPE_DESCRIPTIONS },
  "rrsig.algorithm": { name: "Algorithm", type: u8, vals: DNSSEC_ALGOS },
  "rrsig.labels": { name: "Labels", type: u8 },
  "rrsig.original_ttl": { name: "Original TTL", type: u32 },
  "rrsig.signature_expiration": { name: "Signature Expiration", type: "abstime", base: "dec" },
  "rrsig.signature_inception": { name: "Signature Inception", type: "abstime", base: "dec" },
  "rrsig.key_tag": { name: "Key Tag", type: u16 },
  "rrsig.signers_name": { name: "Signer's name", type: str },
  "rrsig.signature": { name: "Signature", type: bytes },
  "dnskey.flags": { name: "Flags", type: u16, base: "hex" },
  "dnskey.flags.zone_key": { name: "Zone Key", type: "boolean", bitmask: 0x100, bitWidth: 16, tfs: ["This is the zone key for specified zone", "This it not a zone key"] },
  "dnskey.flags.key_revoked": { name: "Key Revoked", type: "boolean", bitmask: 0x80, bitWidth: 16, tfs: ["Yes", "No"] },
  "dnskey.flags.secure_entry_point": { name: "Key Signing Key", type: "boolean", bitmask: 0x1, bitWidth: 16, tfs: ["Yes", "No"] },
  "dnskey.flags.reserved": { name: "Key Signing Key", type: u16, base: "hex", bitmask: 0xfe7e, bitWidth: 16 },
  "dnskey.protocol": { name: "Protocol", type: u8 },
  "dnskey.algorithm": { name: "Algorithm", type: u8, vals: DNSSEC_ALGOS },
  "dnskey.key_id": { name: "Key id", type: u16 },
  "dnskey.public_key": { name: "Public Key", type: bytes },
  "key.flags": { name: "Flags", type: u16, base: "hex" },
  "key.flags.authentication": { name: "Key allowed for authentication", type: "boolean", bitmask: 0x8000, bitWidth: 16 },
  "key.flags.confidentiality": { name: "Key allowed for confidentiality", type: "boolean", bitmask: 0x4000, bitWidth: 16 },
  "key.flags.required": { name: "Key required", type: "boolean", bitmask: 0x2000, bitWidth: 16 },
  "key.flags.associated_user": { name: "Key is associated with a user", type: "boolean", bitmask: 0x400, bitWidth: 16 },
  "key.flags.associated_named_entity": { name: "Key is associated with the named entity", type: "boolean", bitmask: 0x200, bitWidth: 16 },
  "key.flags.ipsec": { name: "Key use with IPSEC", type: "boolean", bitmask: 0x80, bitWidth: 16 },
  "key.flags.mime": { name: "Key use with MIME security multiparts", type: "boolean", bitmask: 0x40, bitWidth: 16 },
  "key.flags.signatory": { name: "Signatory", type: u16, bitmask: 0xf, bitWidth: 16 },
  "key.protocol": { name: "Protocol", type: u8 },
  "key.algorithm": { name: "Algorithm", type: u8, vals: DNSSEC_ALGOS },
  "key.key_id": { name: "Key ID", type: u16 },
  "key.public_key": { name: "Public Key", type: bytes },
  "px.preference": { name: "Preference", type: u16 },
  "px.map822": { name: "MAP822", type: str },
  "px.map400": { name: "MAPX400", type: str },
  "tkey.algo_name": { name: "Algorithm name", type: str },
  "tkey.signature_expiration": { name: "Signature Expiration", type: "abstime", base: "dec" },
  "tkey.signature_inception": { name: "Signature Inception", type: "abstime", base: "dec" },
  "tkey.mode": { name: "Mode", type: u16 },
  "tkey.error": { name: "Error", type: u16 },
  "tkey.key_size": { name: "Key Size", type: u16 },
  "tkey.key_data": { name: "Key Data", type: bytes },
  "tkey.other_size": { name: "Other Size", type: u16 },
  "tkey.other_data": { name: "Other Data", type: bytes },
  "ipseckey.gateway_precedence": { name: "Gateway Precedence", type: u8 },
  "ipseckey.gateway_algorithm": { name: "Gateway Algorithm", type: u8 },
  "ipseckey.gateway_type": { name: "Gateway Type", type: u8 },
  "ipseckey.gateway_ipv4": { name: "IPv4 Gateway", type: "ipv4" },
  "ipseckey.gateway_ipv6": { name: "IPv6 Gateway", type: "ipv6" },
  "ipseckey.gateway_dns": { name: "DNS Gateway", type: str },
  "ipseckey.public_key": { name: "Public Key", type: bytes },
  "xpf.ip_version": { name: "IP Version", type: u16 },
  "xpf.protocol": { name: "Protocol", type: u8 },
  "xpf.source_ipv4": { name: "IPv4 Source", type: "ipv4" },
  "xpf.destination_ipv4": { name: "IPv4 Destination", type: "ipv4" },
  "xpf.source_ipv6": { name: "IPv6 Source", type: "ipv6" },
  "xpf.destination_ipv6": { name: "IPv6 Destination", type: "ipv6" },
  "xpf.sport": { name: "Source port", type: u16 },
  "xpf.dport": { name: "Destination port", type: u16 },
  "a6.prefix_len": { name: "Prefix len", type: u8 },
  "a6.address_suffix": { name: "Address Suffix", type: "ipv6" },
  "a6.prefix_name": { name: "Prefix name", type: str },
  dname: { name: "Dname", type: str },
  "loc.version": { name: "Version", type: u8 },
  "loc.size": { name: "Size", type: u8 },
  "loc.horizontal_precision": { name: "Horizontal Precision", type: u8 },
  "loc.vertical_precision": { name: "Vertical Precision", type: u8 },
  "loc.latitude": { name: "Latitude", type: u32 },
  "loc.longitude": { name: "Longitude", type: u32 },
  "loc.altitude": { name: "Altitude", type: u32 },
  "loc.unknown_data": { name: "Unknown data", type: bytes },
  "nxt.next_domain_name": { name: "Next Domain Name", type: str },
  "kx.preference": { name: "Preference", type: u16 },
  "kx.key_exchange": { name: "Key Exchange", type: str },
  "cert.type": { name: "Type", type: u16 },
  "cert.key_tag": { name: "Key Tag", type: u16, base: "hex" },
  "cert.algorithm": { name: "Algorithm", type: u8, vals: DNSSEC_ALGOS },
  "cert.certificate": { name: "Certificate (or CRL)", type: bytes },
  "nsec.next_domain_name": { name: "Next Domain Name", type: str },
  ns: { name: "Name Server", type: str },
  opt: { name: "Option", type: "none" },
  "opt.code": { name: "Option Code", type: u16, vals: EDNS_OPT_CODES },
  "opt.len": { name: "Option Length", type: u16 },
  "opt.data": { name: "Option Data", type: bytes },
  "opt.dau": { name: "DAU", type: u8, vals: DNSSEC_ALGOS },
  "opt.dhu": { name: "DHU", type: u8, vals: DNSSEC_ALGOS },
  "opt.n3u": { name: "N3U", type: u8 },
  "opt.client.family": { name: "Family", type: u16 },
  "opt.client.netmask": { name: "Source Netmask", type: u8 },
  "opt.client.scope": { name: "Scope Netmask", type: u8 },
  "opt.client.addr": { name: "Client Subnet", type: bytes },
  "opt.client.addr4": { name: "Client Subnet", type: "ipv4" },
  "opt.client.addr6": { name: "Client Subnet", type: "ipv6" },
  "opt.cookie.client": { name: "Client Cookie", type: bytes },
  "opt.cookie.server": { name: "Server Cookie", type: bytes },
  "opt.edns_tcp_keepalive.timeout": { name: "Timeout", type: u16 },
  "opt.padding": { name: "Padding", type: bytes },
  "opt.chain.fqdn": { name: "Closest Trust Point", type: str },
  "opt.ext_error.info_code": { name: "Info Code", type: u16 },
  "opt.ext_error.extra_text": { name: "Extra Text", type: str },
  "nsec3.algo": { name: "Hash algorithm", type: u8, vals: { 0: "Reserved", 1: "SHA-1" } },
  "nsec3.flags": { name: "NSEC3 flags", type: u8 },
  "nsec3.flags.opt_out": { name: "NSEC3 Opt-out flag", type: "boolean", bitmask: 0x1, bitWidth: 8, tfs: ["Additional insecure delegations allowed", "Additional insecure delegations forbidden"] },
  "nsec3.iterations": { name: "NSEC3 iterations", type: u16 },
  "nsec3.salt_length": { name: "Salt length", type: u8 },
  "nsec3.salt_value": { name: "Salt value", type: bytes },
  "nsec3.hash_length": { name: "Hash length", type: u8 },
  "nsec3.hash_value": { name: "Next hashed owner", type: str },
  "tlsa.certificate_usage": { name: "Certificate Usage", type: u8 },
  "tlsa.selector": { name: "Selector", type: u8 },
  "tlsa.matching_type": { name: "Matching Type", type: u8 },
  "tlsa.certificate_association_data": { name: "Certificate Association Data", type: bytes },
  "tsig.algorithm_name": { name: "Algorithm Name", type: str },
  "tsig.time_signed": { name: "Time Signed", type: "abstime", base: "dec" },
  "tsig.original_id": { name: "Original Id", type: u16 },
  "tsig.error": { name: "Error", type: u16 },
  "tsig.fudge": { name: "Fudge", type: u16 },
  "tsig.mac_size": { name: "MAC Size", type: u16 },
  "tsig.other_len": { name: "Other Len", type: u16 },
  "tsig.mac": { name: "MAC", type: "none" },
  "tsig.other_data": { name: "Other Data", type: bytes },
  response_in: { name: "Response In", type: "framenum" },
  response_to: { name: "Request In", type: "framenum" },
  retransmission: { name: "Retransmission", type: "boolean" },
  retransmit_request_in: { name: "Retransmitted request. Original request in", type: "framenum" },
  retransmit_response_in: { name: "Retransmitted response. Original response in", type: "framenum" },
  time: { name: "Time", type: "reltime" },
  unsolicited: { name: "Unsolicited", type: "boolean" },
  "sshfp.algorithm": { name: "Algorithm", type: u8 },
  "sshfp.fingerprint.type": { name: "Fingerprint type", type: u8 },
  "sshfp.fingerprint": { name: "Fingerprint", type: bytes },
  "hip.hit.length": { name: "HIT length", type: u8 },
  "hip.hit.pk.algo": { name: "HIT length", type: u8 },
  "hip.pk.length": { name: "PK length", type: u16 },
  "hip.hit": { name: "Host Identity Tag", type: bytes },
  "hip.pk": { name: "HIP Public Key", type: bytes },
  "hip.rendezvous_server": { name: "Rendezvous Server", type: str },
  "dhcid.rdata": { name: "DHCID Data", type: bytes },
  "ds.key_id": { name: "Key id", type: u16, base: "hex" },
  "ds.algorithm": { name: "Algorithm", type: u8, vals: DNSSEC_ALGOS },
  "ds.digest_type": { name: "Digest Type", type: u8, vals: DS_DIGESTS },
  "ds.digest": { name: "Digest", type: bytes },
  "apl.address_family": { name: "Address Family", type: u16 },
  "apl.coded_prefix": { name: "Prefix Length", type: u8 },
  "apl.negation": { name: "Negation Flag", type: "boolean", bitmask: 0x80, bitWidth: 8 },
  "apl.afdlength": { name: "Address Length", type: u8, bitmask: 0x7f, bitWidth: 8 },
  "apl.afdpart.ipv4": { name: "Address", type: "ipv4" },
  "apl.afdpart.ipv6": { name: "Address", type: "ipv6" },
  "apl.afdpart.data": { name: "Address", type: bytes },
  "gpos.longitude_length": { name: "Longitude length", type: u8 },
  "gpos.longitude": { name: "Longitude", type: str },
  "gpos.latitude_length": { name: "Latitude length", type: u8 },
  "gpos.latitude": { name: "Latitude", type: str },
  "gpos.altitude_length": { name: "Altitude length", type: u8 },
  "gpos.altitude": { name: "Altitude", type: str },
  "rp.mailbox": { name: "Mailbox", type: str },
  "rp.txt_rr": { name: "TXT RR", type: str },
  "afsdb.subtype": { name: "Subtype", type: u16 },
  "afsdb.hostname": { name: "Hostname", type: str },
  "x25.length": { name: "Length", type: u8 },
  "x25.psdn_address": { name: "PSDN-Address", type: str },
  "idsn.length": { name: "Length", type: u8 },
  "idsn.address": { name: "ISDN Address", type: str },
  "idsn.sa.length": { name: "Length", type: u8 },
  "idsn.sa.address": { name: "Sub Address", type: str },
  "rt.subtype": { name: "Preference", type: u16 },
  "rt.intermediate_host": { name: "Intermediate Hostname", type: str },
  "nsap.rdata": { name: "NSAP Data", type: bytes },
  "nsap_ptr.owner": { name: "Owner", type: str },
  "caa.flags": { name: "CAA Flags", type: u8, base: "hex" },
  "caa.flags.issuer_critical": { name: "Issuer Critical", type: "boolean", bitmask: 0x80, bitWidth: 8 },
  "caa.issue": { name: "Issue", type: str },
  "caa.issuewild": { name: "Issue Wildcard", type: str },
  "caa.iodef": { name: "Report URL", type: str },
  "caa.unknown": { name: "Unknown tag", type: str },
  "caa.tag_length": { name: "Tag length", type: u8 },
  "caa.tag": { name: "Tag", type: str },
  "caa.value": { name: "Value", type: str },
  "extraneous.data": { name: "Extraneous Data Bytes", type: bytes },
  "extraneous.length": { name: "Extraneous Data Length", type: "int32" },
  "wins.local_flag": { name: "Local Flag", type: "boolean", bitmask: 0x1, bitWidth: 32 },
  "wins.lookup_timeout": { name: "Lookup timeout", type: u32 },
  "wins.cache_timeout": { name: "Cache timeout", type: u32 },
  "wins.nb_wins_servers": { name: "Number of WINS servers", type: u32 },
  "wins.wins_server": { name: "WINS Server Address", type: "ipv4" },
  "winsr.local_flag": { name: "Local Flag", type: "boolean", bitmask: 0x1, bitWidth: 32 },
  "winsr.lookup_timeout": { name: "Lookup timeout", type: u32 },
  "winsr.cache_timeout": { name: "Cache timeout", type: u32 },
  "winsr.name_result_domain": { name: "Name Result Domain", type: str },
  data: { name: "Data", type: bytes },
  dso: { name: "DNS Stateful Operation", type: "none" },
  "dso.tlv": { name: "DSO TLV", type: "none" },
  "dso.tlv.type": { name: "Type", type: u16 },
  "dso.tlv.length": { name: "Length", type: u16 },
  "dso.tlv.data": { name: "Data", type: bytes },
  "dso.tlv.keepalive.inactivity": { name: "Inactivity Timeout", type: u32 },
  "dso.tlv.keepalive.interval": { name: "Keepalive Interval", type: u32 },
  "dso.tlv.retrydelay.retrydelay": { name: "Retry Delay", type: u32 },
  "dso.tlv.encpad.padding": { name: "Padding", type: bytes },
  "rr.opt.bad_length": { name: "Length too long for any type of IP address.", type: "none" },
  "undecoded.type": { name: "Undecoded option", type: "none" },
  "depr.opc": { name: "Deprecated opcode", type: "none" },
  "ttl.high_bit_set": { name: "The uppermost bit of the TTL is set (RFC 2181, section 8)", type: "none" },
  key_id_buffer_too_short: { name: "Buffer too short to compute a key id", type: "none" },
  retransmit_request: { name: "DNS query retransmission", type: "none" },
  retransmit_response: { name: "DNS response retransmission", type: "none" },
  extraneous: { name: "Extraneous data", type: "none" },
});

/** Wireshark's text-only item ("text"): subtrees such as "Queries" that carry no value. */
export const TEXT = defineField("text", { name: "Text item", type: "none" });

export const mdnsFields = defineFields("mdns", { "": { name: "Multicast Domain Name System", type: "protocol" } });
export const llmnrFields = defineFields("llmnr", { "": { name: "Link-local Multicast Name Resolution", type: "protocol" } });

const F = dnsFields;

// ---------------------------------------------------------------------------
// Name expansion (RFC 1035 §3.1, §4.1.4), as Wireshark's expand_dns_name.
// ---------------------------------------------------------------------------

/** Wireshark's MAX_DNAME_LEN: the expanded-name buffer size (and pointer-follow limit). */
const MAX_DNAME_LEN = 255;
const MIN_DNAME_LEN = 2;

/** Result of the last getDnsName call (module scratch: no allocation per name). */
const nameBuf = new Uint8Array(MAX_DNAME_LEN + 16);
interface NameResult {
  /** Bytes the name occupies at its position (not counting what pointers led to). */
  used: number;
  /** Display text: format_text of the expanded name, or a "<...>" marker. */
  text: string;
  /** Wireshark's name_len: bytes of the expanded name (or of the marker). */
  len: number;
  /** The raw C-string (for the "name" Info appends and label counting). */
  raw: string;
}
const nameResult: NameResult = { used: 0, text: "", len: 0, raw: "" };

function printInto(s: string, np: number, maxname: number): [number, number] {
  // snprintf(np, maxname, ...) and Wireshark's "print_len <= maxname" rule.
  const n = s.length;
  if (maxname > 0) {
    if (n <= maxname) {
      for (let k = 0; k < n; k++) nameBuf[np + k] = s.charCodeAt(k);
      return [np + n, maxname - n];
    }
    return [np, 0];
  }
  return [np, maxname];
}

/**
 * get_dns_name(): expands the (possibly compressed) name at `off`. Pointers
 * are relative to `msg` (the start of the DNS message). Loops are cut after
 * MAX_DNAME_LEN pointer hops; a name longer than the buffer becomes
 * "<Name too long>". Throws Truncated where Wireshark throws.
 */
export function getDnsName(d: Uint8Array, off: number, maxLen: number, msg: number, end: number): NameResult {
  const start = off;
  let np = 0;
  let nameLen = 0;
  let len = -1;
  let pointers = 0;
  let maxname = MAX_DNAME_LEN;
  for (;;) {
    if (maxLen && off - start > maxLen - 1) break;
    const comp = g8(d, off, end);
    off++;
    if (comp === 0) break;
    const kind = comp & 0xc0;
    if (kind === 0x00) {
      if (np !== 0) {
        if (maxname > 0) {
          nameBuf[np++] = 0x2e;
          nameLen++;
          maxname--;
        }
      } else {
        maxname--;
      }
      for (let c = comp; c > 0; c--) {
        if (maxLen && off - start > maxLen - 1) truncated();
        if (maxname > 0) {
          nameBuf[np++] = g8(d, off, end);
          nameLen++;
          maxname--;
        }
        off++;
      }
    } else if (kind === 0x40) {
      // Extended label (RFC 2673); only bitstring labels are known.
      if ((comp & 0x3f) === 0x01) {
        const bitCount = g8(d, off, end);
        off++;
        let labelLen = Math.trunc((bitCount - 1) / 8) + 1;
        [np, maxname] = printInto("\\[x", np, maxname);
        while (labelLen-- > 0) {
          if (maxname > 0) [np, maxname] = printInto(hex2(g8(d, off, end)), np, maxname);
          off++;
        }
        if (maxname > 0) [np, maxname] = printInto(`/${bitCount}]`, np, maxname);
      } else {
        len = off - start;
        if (len < 1) truncated();
        return finishName("<Unknown extended label>", len);
      }
    } else if (kind === 0x80) {
      truncated();
    } else {
      const indir = msg + (((comp & 0x3f) << 8) | g8(d, off, end));
      off++;
      pointers++;
      if (len < 0) len = off - start;
      // Wireshark's (odd) trivial-loop test, then the hop limit.
      if (indir === off + 2 || pointers > MAX_DNAME_LEN) {
        if (len < 1) truncated();
        return finishName("<Name contains a pointer that loops>", len);
      }
      off = indir;
    }
  }
  if (len < 0) len = off - start;
  if (maxname <= 0) return finishName("<Name too long>", len);
  // Zero-length name: the root.
  if ((np === 0 || nameBuf[0] === 0) && len <= MIN_DNAME_LEN) return finishName("<Root>", len);
  if (len < MIN_DNAME_LEN || (len > MIN_DNAME_LEN && nameLen === 0)) truncated();
  nameResult.used = len;
  nameResult.len = nameLen;
  nameResult.text = formatText(nameBuf, 0, nameLen);
  nameResult.raw = rawCString(nameLen);
  return nameResult;
}

function finishName(special: string, len: number): NameResult {
  // get_dns_name(): anything but the root needs at least two bytes (a marker's name_len is never 0).
  if (special !== "<Root>" && len < MIN_DNAME_LEN) truncated();
  nameResult.used = len;
  nameResult.len = special.length;
  nameResult.text = special;
  nameResult.raw = special;
  return nameResult;
}

/** The expanded name as the C string Wireshark appends with "%s" (stops at a NUL). */
function rawCString(n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    const c = nameBuf[i]!;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return formatTextString(s);
}

function formatTextString(s: string): string {
  // Raw bytes go to the Info column as-is in C; here they must become text. Use format_text rules.
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return formatText(b, 0, b.length);
}

function hex2(v: number): string {
  return (v < 16 ? "0" : "") + v.toString(16);
}

/** qname_labels_count(): dots + 1 for names longer than one byte. */
function labelCount(text: string, nameLen: number): number {
  if (nameLen <= 1) return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x2e) n++;
  return n;
}

// ---------------------------------------------------------------------------
// Request/response tracking.
// ---------------------------------------------------------------------------

interface Transaction {
  id: number;
  reqFrame: number;
  repFrame: number;
  reqSec: number;
  reqNsec: number;
  multipleResponds: boolean;
}

/** Per conversation: transactions by ID, each list in increasing request-frame order. */
class DnsState {
  readonly conversations = new Map<string, Map<number, Transaction[]>>();
}

function conversationKey(pinfo: PacketInfo): string {
  const a = `${pinfo.netSrc}/${pinfo.srcPort}`;
  const b = `${pinfo.netDst}/${pinfo.dstPort}`;
  return `${pinfo.portType}|${a < b ? a + "|" + b : b + "|" + a}`;
}

/** wmem_tree_lookup32_array_le on (id, frame): the latest transaction with this id started at or before `frame`. */
function lookup(list: Transaction[] | undefined, frame: number): Transaction | undefined {
  if (!list) return undefined;
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.reqFrame <= frame) return list[i];
  return undefined;
}

// ---------------------------------------------------------------------------
// The message.
// ---------------------------------------------------------------------------

const enum Transport {
  UDP,
  TCP,
}

/** Per-message context (one module-level object, reset for each message). */
const ctx = {
  d: new Uint8Array(0) as Uint8Array,
  end: 0,
  msg: 0,
  pinfo: null as unknown as PacketInfo,
  tree: null as unknown as ProtoTree,
  mdns: false,
  cols: false,
  detailed: false,
};

function info(s: string): void {
  if (ctx.cols) ctx.pinfo.info += s;
}

/** proto_tree_add_item: the bytes must exist (checked even if nobody wants the field). */
function item(f: FieldDef, off: number, len: number, value: FieldValue, label?: string): void {
  ensure(off, len, ctx.end);
  ctx.tree.add(f, off, len, value, 0, label);
}
/** proto_tree_add_item of an integer read from the packet. */
function itemU8(f: FieldDef, off: number): number {
  const v = g8(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 1, v);
  return v;
}
function itemU16(f: FieldDef, off: number): number {
  const v = g16(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 2, v);
  return v;
}
function itemU32(f: FieldDef, off: number, label?: (v: number) => string): number {
  const v = g32(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 4, v, 0, label && ctx.detailed ? label(v) : undefined);
  return v;
}
/** proto_tree_add_item of FT_BYTES: length -1 means "to the end", other negatives are bad data. */
function itemBytes(f: FieldDef, off: number, len: number): void {
  if (len === -1) len = Math.max(0, ctx.end - off);
  ensure(off, len, ctx.end);
  ctx.tree.add(f, off, len, len === 0 ? MISSING : ctx.d.subarray(off, off + len));
}
/** proto_tree_add_item of an ENC_ASCII FT_STRING. */
function itemAscii(f: FieldDef, off: number, len: number, utf8 = false): string {
  if (len === -1) len = Math.max(0, ctx.end - off);
  ensure(off, len, ctx.end);
  const s = utf8 ? formatUtf8Value(ctx.d, off, off + len) : asciiString(ctx.d, off, off + len);
  ctx.tree.add(f, off, len, s);
  return s;
}
function itemIpv4(f: FieldDef, off: number): number {
  const v = g32(ctx.d, off, ctx.end);
  ctx.tree.add(f, off, 4, v);
  return v;
}
function itemIpv6(f: FieldDef, off: number): Uint8Array {
  ensure(off, 16, ctx.end);
  const v = ctx.d.subarray(off, off + 16);
  ctx.tree.add(f, off, 16, v);
  return v;
}

/** ENC_UTF_8 string values: invalid sequences become U+FFFD; stops at NUL. */
function formatUtf8Value(b: Uint8Array, start: number, end: number): string {
  let e = start;
  while (e < end && b[e] !== 0) e++;
  return new TextDecoder("utf-8").decode(b.subarray(start, e));
}

function typeName(t: number): string {
  return TYPE_NAMES.get(t) ?? `Unknown (${t})`;
}
function className(c: number): string {
  return CLASSES.get(c) ?? "Unknown";
}
function ttlLabel(name: string): (v: number) => string {
  return (v) => `${name}: ${v} (${timeSecsToStr(v)})`;
}

function dissectQuery(off: number): { used: number; multi: boolean } {
  const { d, end, msg, tree } = ctx;
  const n = getDnsName(d, off, 0, msg, end);
  const nameUsed = n.used;
  const nameText = n.text;
  const nameLen = n.len;
  const qtype = g16(d, off + nameUsed, end);
  let qclass = g16(d, off + nameUsed + 2, end);
  const used = nameUsed + 4;
  let qu = 0;
  if (ctx.mdns) {
    qu = qclass & 0x8000;
    qclass &= 0x7fff;
  }
  const tn = typeName(qtype);
  info(` ${tn} ${nameText}`);
  if (ctx.mdns) info(`, "${qu ? "QU" : "QM"}" question`);
  const label = ctx.detailed ? `${nameText}: type ${tn}, class ${className(qclass)}${ctx.mdns ? `, "${qu ? "QU" : "QM"}" question` : ""}` : undefined;
  tree.open(TEXT, off, used, null, label);
  tree.add(F["qry.name"], off, nameUsed, nameText);
  tree.add(F["qry.name.len"], off, nameUsed, nameLen > 1 ? nameLen : 0, GENERATED);
  tree.add(F["count.labels"], off, nameUsed, labelCount(nameText, nameLen), GENERATED);
  tree.add(F["qry.type"], off + nameUsed, 2, qtype);
  if (ctx.mdns) {
    tree.add(F["qry.class"], off + nameUsed + 2, 2, qclass);
    tree.add(F["qry.qu"], off + nameUsed + 2, 2, qu !== 0);
  } else {
    tree.add(F["qry.class"], off + nameUsed + 2, 2, qclass);
  }
  tree.close();
  return { used, multi: qtype === T.AXFR || qtype === T.IXFR };
}

/** dissect_dns_answer(): one resource record; returns the bytes it claims (header + RDLENGTH). */
function dissectAnswer(start: number): number {
  const { d, end, msg, tree } = ctx;
  const n = getDnsName(d, start, 0, msg, end);
  const nameUsed = n.used;
  const ownerText = n.text;
  const ownerRaw = n.raw;
  const type = g16(d, start + nameUsed, end);
  let cls = g16(d, start + nameUsed + 2, end);
  let flush = 0;
  if (ctx.mdns) {
    flush = cls & 0x8000;
    cls &= 0x7fff;
  }
  const tn = typeName(type);
  const dataLen = g16(d, start + nameUsed + 8, end);
  const dataOff = start + nameUsed + 10;
  info(` ${tn}`);
  if (ctx.mdns && flush) info(", cache flush");

  const total = nameUsed + 10 + dataLen;
  // Wireshark 4.0 checks a subtree's byte range when it is added: RDLENGTH past the end stops here.
  ensure(start, total, end);
  let label: string | undefined;
  if (ctx.detailed) label = type !== T.OPT ? `${ownerText}: type ${tn}, class ${className(cls)}` : `${ownerText}: type ${tn}`;
  tree.open(TEXT, start, total, null, label);
  const suffix: string[] = [];
  try {
    let o = start;
    if (type !== T.OPT) {
      if (type === T.SRV && ownerText.length > 0) {
        const parts = splitN(ownerText, ".", 3);
        tree.add(F["srv.service"], o, nameUsed, parts[0]!);
        if (parts.length > 1) {
          tree.add(F["srv.proto"], o, nameUsed, parts[1]!);
          if (parts.length > 2) tree.add(F["srv.name"], o, nameUsed, parts[2]!);
        }
      } else {
        tree.add(F["resp.name"], o, nameUsed, ownerText);
      }
      o += nameUsed;
      itemU16(F["resp.type"], o);
      o += 2;
      if (ctx.mdns) {
        tree.add(F["resp.class"], o, 2, cls);
        tree.add(F["resp.cache_flush"], o, 2, flush !== 0);
      } else {
        itemU16(F["resp.class"], o);
      }
      o += 2;
      const ttl = itemU32(F["resp.ttl"], o, ttlLabel("Time to live"));
      if (ttl & 0x80000000) expertField(ctx.pinfo, F["ttl.high_bit_set"], o, 4, "warn", "The uppermost bit of the TTL is set (RFC 2181, section 8)");
      o += 4;
      itemU16(F["resp.len"], o);
    } else {
      tree.add(F["resp.name"], o, nameUsed, ownerText);
      o += nameUsed;
      itemU16(F["resp.type"], o);
      o += 2;
      if (ctx.mdns) {
        const v = g16(d, o, end);
        tree.add(F["rr.udp_payload_size"], o, 2, v & 0x7fff);
        tree.add(F["resp.cache_flush"], o, 2, (v & 0x8000) !== 0);
      } else {
        itemU16(F["rr.udp_payload_size"], o);
      }
      o += 2;
      itemU8(F["resp.ext_rcode"], o);
      o++;
      itemU8(F["resp.edns0_version"], o);
      o++;
      const z = g16(d, o, end);
      tree.open(F["resp.z"], o, 2, z);
      tree.add(F["resp.z.do"], o, 2, (z & 0x8000) !== 0, 0, ctx.detailed ? bitsLabel(z, 0x8000, 16, `DO bit: ${z & 0x8000 ? "Accepts DNSSEC security RRs" : "Cannot handle DNSSEC security RRs"}`) : undefined);
      tree.add(F["resp.z.reserved"], o, 2, z & 0x7fff, 0, ctx.detailed ? bitsLabel(z, 0x7fff, 16, `Reserved: 0x${(z & 0x7fff).toString(16).padStart(4, "0")}`) : undefined);
      tree.close();
      o += 2;
      itemU16(F["resp.len"], o);
    }
    if (ctx.mdns && flush) suffix.push(", cache flush");
    if (dataLen !== 0) rdata(type, cls, dataOff, dataLen, ownerRaw, suffix);
  } finally {
    if (ctx.detailed && suffix.length && label !== undefined) tree.setLabel(label + suffix.join(""));
    tree.close();
  }
  return total;
}

function splitN(s: string, sep: string, max: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < max - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** The RDATA of one RR, by type (Wireshark 4.0's switch, same reads in the same order). */
function rdata(type: number, cls: number, cur: number, dataLen: number, ownerRaw: string, suffix: string[]): void {
  const { d, end, msg, tree } = ctx;
  void cls;
  const name = (f: FieldDef, o: number): NameResult => {
    const r = getDnsName(d, o, 0, msg, end);
    tree.add(f, o, r.used, r.text);
    return r;
  };
  switch (type) {
    case T.A: {
      const v = g32(d, cur, end);
      const s = ipv4ToString(v);
      info(` ${s}`);
      suffix.push(`, addr ${s}`);
      tree.add(F.a, cur, 4, v);
      if (!ctx.pinfo.visited && !ctx.pinfo.inErrorPacket) hostTable(ctx.pinfo.state).addV4(ownerRaw, v);
      break;
    }
    case T.NS: {
      const r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, ns ${r.text}`);
      tree.add(F.ns, cur, r.used, r.text);
      break;
    }
    case T.MD:
    case T.MF:
    case T.MB:
    case T.MG:
    case T.MR: {
      info(` ${ownerRaw}`);
      const f = type === T.MD ? F.md : type === T.MF ? F.mf : type === T.MB ? F.mb : type === T.MG ? F.mg : F.mr;
      name(f, cur);
      break;
    }
    case T.CNAME: {
      const r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, cname ${r.text}`);
      tree.add(F.cname, cur, r.used, r.text);
      break;
    }
    case T.SOA: {
      let r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, mname ${r.text}`);
      tree.add(F["soa.mname"], cur, r.used, r.text);
      cur += r.used;
      r = name(F["soa.rname"], cur);
      cur += r.used;
      itemU32(F["soa.serial_number"], cur);
      cur += 4;
      itemU32(F["soa.refresh_interval"], cur, ttlLabel("Refresh Interval"));
      cur += 4;
      itemU32(F["soa.retry_interval"], cur, ttlLabel("Retry Interval"));
      cur += 4;
      itemU32(F["soa.expire_limit"], cur, ttlLabel("Expire limit"));
      cur += 4;
      itemU32(F["soa.minimum_ttl"], cur, ttlLabel("Minimum TTL"));
      break;
    }
    case T.NULL:
      info(` ${ownerRaw}`);
      itemBytes(F.null, cur, dataLen);
      break;
    case T.WKS: {
      let rrLen = dataLen;
      const v = g32(d, cur, end);
      const s = ipv4ToString(v);
      info(` ${s}`);
      suffix.push(`, addr ${s}`);
      tree.add(F["wks.address"], cur, 4, v);
      cur += 4;
      rrLen -= 4;
      itemU8(F["wks.protocol"], cur);
      cur++;
      rrLen--;
      while (rrLen !== 0) {
        const bits = g8(d, cur, end);
        if (bits !== 0) tree.add(F["wks.bits"], cur, 1, bits);
        cur++;
        rrLen--;
      }
      break;
    }
    case T.PTR: {
      const r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, ${r.text}`);
      tree.add(F["ptr.domain_name"], cur, r.used, r.text);
      break;
    }
    case T.HINFO: {
      const cpuLen = g8(d, cur, end);
      ensure(cur + 1, cpuLen, end);
      const cpu = asciiString(d, cur + 1, cur + 1 + cpuLen);
      const osOff = cur + 1 + cpuLen;
      const osLen = g8(d, osOff, end);
      ensure(osOff + 1, osLen, end);
      const os = asciiString(d, osOff + 1, osOff + 1 + osLen);
      info(` ${cpu} ${os}`);
      suffix.push(`, CPU ${cpu}, OS ${os}`);
      tree.add(F["hinfo.cpu_length"], cur, 1, cpuLen);
      tree.add(F["hinfo.cpu"], cur + 1, cpuLen, cpu);
      tree.add(F["hinfo.os_length"], osOff, 1, osLen);
      tree.add(F["hinfo.os"], osOff + 1, osLen, os);
      break;
    }
    case T.MINFO: {
      info(` ${ownerRaw}`);
      const r = name(F["minfo.r"], cur);
      name(F["minfo.e"], cur + r.used);
      break;
    }
    case T.MX: {
      const pref = g16(d, cur, end);
      const r = getDnsName(d, cur + 2, 0, msg, end);
      info(` ${pref} ${r.text}`);
      suffix.push(`, preference ${pref}, mx ${r.text}`);
      tree.add(F["mx.preference"], cur, 2, pref);
      tree.add(F["mx.mail_exchange"], cur + 2, r.used, r.text);
      break;
    }
    case T.TXT:
    case T.SPF: {
      const lenF = type === T.TXT ? F["txt.length"] : F["spf.length"];
      const txtF = type === T.TXT ? F.txt : F.spf;
      let rrLen = dataLen;
      let o = cur;
      while (rrLen !== 0) {
        const l = itemU8(lenF, o);
        o++;
        rrLen--;
        itemAscii(txtF, o, l, type === T.TXT && ctx.mdns);
        o += l;
        rrLen -= l;
      }
      break;
    }
    case T.RP: {
      info(` ${ownerRaw}`);
      const r = name(F["rp.mailbox"], cur);
      name(F["rp.txt_rr"], cur + r.used);
      break;
    }
    case T.AFSDB:
    case T.RT: {
      info(` ${ownerRaw}`);
      const r = getDnsName(d, cur + 2, 0, msg, end);
      itemU16(type === T.AFSDB ? F["afsdb.subtype"] : F["rt.subtype"], cur);
      tree.add(type === T.AFSDB ? F["afsdb.hostname"] : F["rt.intermediate_host"], cur + 2, r.used, r.text);
      break;
    }
    case T.X25: {
      info(` ${ownerRaw}`);
      const l = itemU8(F["x25.length"], cur);
      itemAscii(F["x25.psdn_address"], cur + 1, l);
      break;
    }
    case T.ISDN: {
      info(` ${ownerRaw}`);
      let rrLen = dataLen;
      const l = itemU8(F["idsn.length"], cur);
      cur++;
      rrLen--;
      itemAscii(F["idsn.address"], cur, l);
      cur += l;
      rrLen -= l;
      if (rrLen > 1) {
        const sl = itemU8(F["idsn.sa.length"], cur);
        cur++;
        itemAscii(F["idsn.sa.address"], cur, sl);
      }
      break;
    }
    case T.NSAP:
      info(` ${ownerRaw}`);
      itemBytes(F["nsap.rdata"], cur, dataLen);
      break;
    case T.NSAP_PTR:
      info(` ${ownerRaw}`);
      name(F["nsap_ptr.owner"], cur);
      break;
    case T.KEY: {
      let rrLen = dataLen;
      const flags = g16(d, cur, end);
      tree.open(F["key.flags"], cur, 2, flags);
      tree.add(F["key.flags.authentication"], cur, 2, (flags & 0x8000) !== 0);
      tree.add(F["key.flags.confidentiality"], cur, 2, (flags & 0x4000) !== 0);
      if ((flags & 0xc000) !== 0xc000) {
        tree.add(F["key.flags.required"], cur, 2, (flags & 0x2000) !== 0);
        tree.add(F["key.flags.associated_user"], cur, 2, (flags & 0x400) !== 0);
        tree.add(F["key.flags.associated_named_entity"], cur, 2, (flags & 0x200) !== 0);
        tree.add(F["key.flags.ipsec"], cur, 2, (flags & 0x80) !== 0);
        tree.add(F["key.flags.mime"], cur, 2, (flags & 0x40) !== 0);
        tree.add(F["key.flags.signatory"], cur, 2, flags & 0xf);
      }
      tree.close();
      cur += 2;
      rrLen -= 2;
      itemU8(F["key.protocol"], cur);
      cur++;
      rrLen--;
      const algo = itemU8(F["key.algorithm"], cur);
      cur++;
      rrLen--;
      const id = computeKeyId(cur - 4, rrLen + 4, algo);
      if (id !== null) tree.add(F["key.key_id"], 0, 0, id, GENERATED);
      if (rrLen !== 0) itemBytes(F["key.public_key"], cur, rrLen);
      break;
    }
    case T.PX: {
      info(` ${ownerRaw}`);
      itemU16(F["px.preference"], cur);
      cur += 2;
      const r = name(F["px.map822"], cur);
      name(F["px.map400"], cur + r.used);
      break;
    }
    case T.GPOS: {
      info(` ${ownerRaw}`);
      const l1 = itemU8(F["gpos.longitude_length"], cur);
      cur++;
      itemAscii(F["gpos.longitude"], cur, l1);
      cur += l1;
      const l2 = itemU8(F["gpos.latitude_length"], cur);
      cur++;
      itemAscii(F["gpos.latitude"], cur, l2);
      cur += l2;
      const l3 = itemU8(F["gpos.altitude_length"], cur);
      cur++;
      itemAscii(F["gpos.altitude"], cur, l3);
      break;
    }
    case T.AAAA: {
      ensure(cur, 16, end);
      const v = d.subarray(cur, cur + 16);
      const s = ipv6ToString(v);
      info(` ${s}`);
      suffix.push(`, addr ${s}`);
      tree.add(F.aaaa, cur, 16, v);
      if (!ctx.pinfo.visited && !ctx.pinfo.inErrorPacket) hostTable(ctx.pinfo.state).addV6(ownerRaw, v);
      break;
    }
    case T.LOC: {
      const version = itemU8(F["loc.version"], cur);
      if (version === 0) {
        cur++;
        itemU8(F["loc.size"], cur);
        cur++;
        itemU8(F["loc.horizontal_precision"], cur);
        cur++;
        itemU8(F["loc.vertical_precision"], cur);
        cur++;
        itemU32(F["loc.latitude"], cur);
        cur += 4;
        itemU32(F["loc.longitude"], cur);
        cur += 4;
        itemU32(F["loc.altitude"], cur);
      } else {
        itemBytes(F["loc.unknown_data"], cur, dataLen);
      }
      break;
    }
    case T.NXT: {
      const r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, next domain name ${r.text}`);
      tree.add(F["nxt.next_domain_name"], cur, r.used, r.text);
      cur += r.used;
      typeBitmapNxt(cur, dataLen - r.used);
      break;
    }
    case T.SRV: {
      const prio = itemU16(F["srv.priority"], cur);
      cur += 2;
      const weight = itemU16(F["srv.weight"], cur);
      cur += 2;
      const port = itemU16(F["srv.port"], cur);
      cur += 2;
      const r = name(F["srv.target"], cur);
      info(` ${prio} ${weight} ${port} ${r.text}`);
      suffix.push(`, priority ${prio}, weight ${weight}, port ${port}, target ${r.text}`);
      break;
    }
    case T.NAPTR: {
      let o = cur;
      const order = itemU16(F["naptr.order"], o);
      o += 2;
      const pref = itemU16(F["naptr.preference"], o);
      o += 2;
      const fl = itemU8(F["naptr.flags_length"], o);
      o++;
      const flags = itemAscii(F["naptr.flags"], o, fl);
      o += fl;
      const sl = itemU8(F["naptr.service_length"], o);
      o++;
      itemAscii(F["naptr.service"], o, sl);
      o += sl;
      const rl = itemU8(F["naptr.regex_length"], o);
      o++;
      itemAscii(F["naptr.regex"], o, rl);
      o += rl;
      const r = getDnsName(d, o, 0, msg, end);
      tree.add(F["naptr.replacement_length"], o, 0, r.len & 0xff, GENERATED);
      tree.add(F["naptr.replacement"], o, r.used, r.text);
      info(` ${order} ${pref} ${flags}`);
      suffix.push(`, order ${order}, preference ${pref}, flags ${flags}`);
      break;
    }
    case T.KX: {
      const r = getDnsName(d, cur + 2, 0, msg, end);
      const pref = g16(d, cur, end);
      info(` ${pref} ${r.text}`);
      suffix.push(`, preference ${pref}, kx ${r.text}`);
      tree.add(F["kx.preference"], cur, 2, pref);
      tree.add(F["kx.key_exchange"], cur + 2, r.used, r.text);
      break;
    }
    case T.CERT: {
      let rrLen = dataLen;
      itemU16(F["cert.type"], cur);
      cur += 2;
      rrLen -= 2;
      itemU16(F["cert.key_tag"], cur);
      cur += 2;
      rrLen -= 2;
      itemU8(F["cert.algorithm"], cur);
      cur++;
      rrLen--;
      if (rrLen !== 0) itemBytes(F["cert.certificate"], cur, rrLen);
      break;
    }
    case T.A6: {
      const a6 = cur;
      const preLen = g8(d, cur, end);
      cur++;
      // Wireshark keeps these in unsigned shorts: a prefix over 128 bits wraps around.
      const sufLen = (128 - preLen) & 0xffff;
      const sufBytes = sufLen ? Math.trunc((sufLen - 1) / 8) + 1 : 0;
      const suffixAddr = new Uint8Array(16);
      let k = 0;
      for (; k < 16 - sufBytes; k++) suffixAddr[k] = 0;
      for (; k < 16; k++) {
        suffixAddr[k] = g8(d, cur, end);
        cur++;
      }
      let pname = "";
      let used = 0;
      if (preLen > 0) {
        const r = getDnsName(d, cur, 0, msg, end);
        pname = r.text;
        used = r.used;
      }
      const s = ipv6ToString(suffixAddr);
      info(` ${preLen} ${s} ${pname}`);
      tree.add(F["a6.prefix_len"], a6, 1, preLen);
      if (sufLen) tree.add(F["a6.address_suffix"], a6 + 1, sufBytes, suffixAddr);
      if (preLen > 0) tree.add(F["a6.prefix_name"], a6 + 1 + sufBytes, used, pname);
      suffix.push(`, addr ${preLen} ${s} ${pname}`);
      break;
    }
    case T.DNAME: {
      const r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, dname ${r.text}`);
      tree.add(F.dname, cur, r.used, r.text);
      break;
    }
    case T.OPT:
      optRdata(cur, dataLen);
      break;
    case T.APL: {
      info(` ${ownerRaw}`);
      let rrLen = dataLen;
      while (rrLen > 1) {
        const af = itemU16(F["apl.address_family"], cur);
        cur += 2;
        rrLen -= 2;
        itemU8(F["apl.coded_prefix"], cur);
        cur++;
        rrLen--;
        const b = g8(d, cur, end);
        const afd = b & 0x7f;
        tree.add(F["apl.negation"], cur, 1, (b & 0x80) !== 0);
        tree.add(F["apl.afdlength"], cur, 1, afd);
        cur++;
        rrLen--;
        if (af === 1 && afd <= 4) {
          ensure(cur, afd, end);
          let v = 0;
          for (let i = 0; i < 4; i++) v = v * 256 + (i < afd ? d[cur + i]! : 0);
          tree.add(F["apl.afdpart.ipv4"], cur, afd, v);
        } else if (af === 2 && afd <= 16) {
          ensure(cur, afd, end);
          const a = new Uint8Array(16);
          a.set(d.subarray(cur, cur + afd));
          tree.add(F["apl.afdpart.ipv6"], cur, afd, a);
        } else {
          itemBytes(F["apl.afdpart.data"], cur, afd);
        }
        cur += afd;
        rrLen -= afd;
      }
      break;
    }
    case T.DS:
    case T.CDS:
    case T.DLV: {
      itemU16(F["ds.key_id"], cur);
      cur += 2;
      itemU8(F["ds.algorithm"], cur);
      cur++;
      itemU8(F["ds.digest_type"], cur);
      cur++;
      itemBytes(F["ds.digest"], cur, dataLen - 4);
      break;
    }
    case T.SSHFP: {
      itemU8(F["sshfp.algorithm"], cur);
      itemU8(F["sshfp.fingerprint.type"], cur + 1);
      if (dataLen - 2 !== 0) itemBytes(F["sshfp.fingerprint"], cur + 2, dataLen - 2);
      break;
    }
    case T.IPSECKEY: {
      let rrLen = dataLen;
      itemU8(F["ipseckey.gateway_precedence"], cur);
      cur++;
      rrLen--;
      const gw = itemU8(F["ipseckey.gateway_type"], cur);
      cur++;
      rrLen--;
      itemU8(F["ipseckey.gateway_algorithm"], cur);
      cur++;
      rrLen--;
      if (gw === 1) {
        itemIpv4(F["ipseckey.gateway_ipv4"], cur);
        cur += 4;
        rrLen -= 4;
      } else if (gw === 2) {
        itemIpv6(F["ipseckey.gateway_ipv6"], cur);
        cur += 16;
        rrLen -= 16;
      } else if (gw === 3) {
        const r = name(F["ipseckey.gateway_dns"], cur);
        cur += r.used;
        rrLen -= r.used;
      }
      if (rrLen !== 0) itemBytes(F["ipseckey.public_key"], cur, rrLen);
      break;
    }
    case T.RRSIG:
    case T.SIG: {
      let rrLen = dataLen;
      itemU16(F["rrsig.type_covered"], cur);
      cur += 2;
      rrLen -= 2;
      itemU8(F["rrsig.algorithm"], cur);
      cur++;
      rrLen--;
      itemU8(F["rrsig.labels"], cur);
      cur++;
      rrLen--;
      itemU32(F["rrsig.original_ttl"], cur, ttlLabel("Original TTL"));
      cur += 4;
      rrLen -= 4;
      const exp = g32(d, cur, end);
      tree.add(F["rrsig.signature_expiration"], cur, 4, [exp, 0]);
      cur += 4;
      rrLen -= 4;
      const inc = g32(d, cur, end);
      tree.add(F["rrsig.signature_inception"], cur, 4, [inc, 0]);
      cur += 4;
      rrLen -= 4;
      itemU16(F["rrsig.key_tag"], cur);
      cur += 2;
      rrLen -= 2;
      const r = name(F["rrsig.signers_name"], cur);
      cur += r.used;
      rrLen -= r.used;
      if (rrLen !== 0) itemBytes(F["rrsig.signature"], cur, rrLen);
      break;
    }
    case T.NSEC: {
      const r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, next domain name ${r.text}`);
      tree.add(F["nsec.next_domain_name"], cur, r.used, r.text);
      cur += r.used;
      typeBitmap(cur, dataLen - r.used);
      break;
    }
    case T.DNSKEY:
    case T.CDNSKEY: {
      let rrLen = dataLen;
      const flags = g16(d, cur, end);
      tree.open(F["dnskey.flags"], cur, 2, flags);
      tree.add(F["dnskey.flags.zone_key"], cur, 2, (flags & 0x100) !== 0);
      tree.add(F["dnskey.flags.key_revoked"], cur, 2, (flags & 0x80) !== 0);
      tree.add(F["dnskey.flags.secure_entry_point"], cur, 2, (flags & 0x1) !== 0);
      tree.add(F["dnskey.flags.reserved"], cur, 2, flags & 0xfe7e);
      tree.close();
      cur += 2;
      rrLen -= 2;
      itemU8(F["dnskey.protocol"], cur);
      cur++;
      rrLen--;
      const algo = itemU8(F["dnskey.algorithm"], cur);
      cur++;
      rrLen--;
      const id = computeKeyId(cur - 4, rrLen + 4, algo);
      if (id !== null) tree.add(F["dnskey.key_id"], 0, 0, id, GENERATED);
      itemBytes(F["dnskey.public_key"], cur, rrLen);
      break;
    }
    case T.DHCID:
      info(` ${ownerRaw}`);
      itemBytes(F["dhcid.rdata"], cur, dataLen);
      break;
    case T.NSEC3: {
      const initial = cur;
      itemU8(F["nsec3.algo"], cur);
      cur++;
      const fl = g8(d, cur, end);
      tree.open(F["nsec3.flags"], cur, 1, fl);
      tree.add(F["nsec3.flags.opt_out"], cur, 1, (fl & 1) !== 0);
      tree.close();
      cur++;
      itemU16(F["nsec3.iterations"], cur);
      cur += 2;
      const saltLen = itemU8(F["nsec3.salt_length"], cur);
      cur++;
      itemBytes(F["nsec3.salt_value"], cur, saltLen);
      cur += saltLen;
      const hashLen = itemU8(F["nsec3.hash_length"], cur);
      cur++;
      if (hashLen) {
        const alphabet = "0123456789abcdefghijklmnopqrstuv";
        let s = "";
        for (let bit = 0; bit / 8 < hashLen; bit += 5) s += alphabet[bits5(cur, bit)];
        tree.add(F["nsec3.hash_value"], cur, hashLen, s, GENERATED);
        cur += hashLen;
      }
      typeBitmap(cur, dataLen - (cur - initial));
      break;
    }
    case T.NSEC3PARAM: {
      info(` ${ownerRaw}`);
      itemU8(F["nsec3.algo"], cur);
      cur++;
      itemU8(F["nsec3.flags"], cur);
      cur++;
      itemU16(F["nsec3.iterations"], cur);
      cur += 2;
      const saltLen = itemU8(F["nsec3.salt_length"], cur);
      cur++;
      itemBytes(F["nsec3.salt_value"], cur, saltLen);
      break;
    }
    case T.TLSA: {
      info(` ${ownerRaw}`);
      itemU8(F["tlsa.certificate_usage"], cur);
      itemU8(F["tlsa.selector"], cur + 1);
      itemU8(F["tlsa.matching_type"], cur + 2);
      itemBytes(F["tlsa.certificate_association_data"], cur + 3, dataLen - 3);
      break;
    }
    case T.HIP: {
      info(` ${ownerRaw}`);
      let rrLen = dataLen;
      const hitLen = itemU8(F["hip.hit.length"], cur);
      cur++;
      rrLen--;
      itemU8(F["hip.hit.pk.algo"], cur);
      cur++;
      rrLen--;
      const pkLen = itemU16(F["hip.pk.length"], cur);
      cur += 2;
      rrLen -= 2;
      itemBytes(F["hip.hit"], cur, hitLen);
      cur += hitLen;
      rrLen -= hitLen;
      itemBytes(F["hip.pk"], cur, pkLen);
      cur += pkLen;
      rrLen -= pkLen;
      while (rrLen > 1) {
        const r = name(F["hip.rendezvous_server"], cur);
        cur += r.used;
        rrLen -= r.used;
      }
      break;
    }
    case T.OPENPGPKEY:
      itemAscii(F.openpgpkey, cur, dataLen);
      break;
    case T.CSYNC: {
      const initial = cur;
      itemU32(F["csync.soa"], cur);
      cur += 4;
      const fl = g16(d, cur, end);
      tree.open(F["csync.flags"], cur, 2, fl);
      tree.add(F["csync.flags.immediate"], cur, 2, (fl & 1) !== 0);
      tree.add(F["csync.flags.soaminimum"], cur, 2, (fl & 2) !== 0);
      tree.close();
      cur += 2;
      const rrLen = dataLen - (cur - initial);
      itemBytes(F["csync.type_bitmap"], cur, rrLen);
      typeBitmap(cur, rrLen);
      break;
    }
    case T.ZONEMD:
      itemU32(F["zonemd.serial"], cur);
      itemU8(F["zonemd.scheme"], cur + 4);
      itemU8(F["zonemd.hash_algo"], cur + 5);
      itemBytes(F["zonemd.digest"], cur + 6, dataLen - 6);
      break;
    case T.SVCB:
    case T.HTTPS:
      svcbRdata(cur, dataLen);
      break;
    case T.NID:
      itemU16(F["ilnp.nid.preference"], cur);
      itemBytes(F["ilnp.nid"], cur + 2, 8);
      break;
    case T.L32:
      itemU16(F["ilnp.l32.preference"], cur);
      itemIpv4(F["ilnp.l32"], cur + 2);
      break;
    case T.L64:
      itemU16(F["ilnp.l64.preference"], cur);
      itemBytes(F["ilnp.l64"], cur + 2, 8);
      break;
    case T.LP:
      itemU16(F["ilnp.lp.preference"], cur);
      name(F["ilnp.lp"], cur + 2);
      break;
    case T.EUI48:
      ensure(cur, 6, end);
      tree.add(F.eui48, cur, 6, d.subarray(cur, cur + 6));
      break;
    case T.EUI64:
      itemBytes(F.eui64, cur, 8);
      break;
    case T.TKEY: {
      const r = name(F["tkey.algo_name"], cur);
      cur += r.used;
      const inc = g32(d, cur, end);
      tree.add(F["tkey.signature_inception"], cur, 4, [inc, 0]);
      cur += 4;
      const exp = g32(d, cur, end);
      tree.add(F["tkey.signature_expiration"], cur, 4, [exp, 0]);
      cur += 4;
      itemU16(F["tkey.mode"], cur);
      cur += 2;
      itemU16(F["tkey.error"], cur);
      cur += 2;
      const keyLen = itemU16(F["tkey.key_size"], cur);
      cur += 2;
      if (keyLen !== 0) {
        itemBytes(F["tkey.key_data"], cur, keyLen);
        cur += keyLen;
      }
      const otherLen = itemU16(F["tkey.other_size"], cur);
      cur += 2;
      if (otherLen !== 0) itemBytes(F["tkey.other_data"], cur, otherLen);
      break;
    }
    case T.TSIG: {
      const r = name(F["tsig.algorithm_name"], cur);
      cur += r.used;
      ensure(cur, 6, end);
      const secs = g16(d, cur, end) * 2 ** 32 + g32(d, cur + 2, end);
      tree.add(F["tsig.time_signed"], cur, 6, [secs, 0]);
      cur += 6;
      itemU16(F["tsig.fudge"], cur);
      cur += 2;
      const macLen = itemU16(F["tsig.mac_size"], cur);
      cur += 2;
      if (macLen !== 0) {
        item(F["tsig.mac"], cur, macLen, PRESENT);
        cur += macLen;
      }
      itemU16(F["tsig.original_id"], cur);
      cur += 2;
      itemU16(F["tsig.error"], cur);
      cur += 2;
      const otherLen = itemU16(F["tsig.other_len"], cur);
      cur += 2;
      if (otherLen !== 0) itemBytes(F["tsig.other_data"], cur, otherLen);
      break;
    }
    case T.CAA: {
      const fl = g8(d, cur, end);
      tree.open(F["caa.flags"], cur, 1, fl);
      tree.add(F["caa.flags.issuer_critical"], cur, 1, (fl & 0x80) !== 0);
      tree.close();
      cur++;
      const tagLen = g8(d, cur, end);
      ensure(cur + 1, tagLen, end);
      const tag = asciiString(d, cur + 1, cur + 1 + tagLen);
      const valueLen = (dataLen - (tagLen + 2)) & 0xffff;
      ensure(cur + 1 + tagLen, valueLen, end);
      const value = caaValue(cur + 1 + tagLen, valueLen);
      const f = strncmpEq(tag, "issue", tagLen) ? F["caa.issue"] : strncmpEq(tag, "issuewild", tagLen) ? F["caa.issuewild"] : strncmpEq(tag, "iodef", tagLen) ? F["caa.iodef"] : F["caa.unknown"];
      tree.open(f, cur, 1 + tagLen + valueLen, value);
      tree.add(F["caa.tag_length"], cur, 1, tagLen);
      tree.add(F["caa.tag"], cur + 1, tagLen, tag);
      tree.add(F["caa.value"], cur + 1 + tagLen, valueLen, value);
      tree.close();
      break;
    }
    case T.WINS: {
      let rrLen = dataLen;
      const lf = g32(d, cur, end);
      tree.add(F["wins.local_flag"], cur, 4, (lf & 1) !== 0);
      cur += 4;
      rrLen -= 4;
      itemU32(F["wins.lookup_timeout"], cur);
      cur += 4;
      rrLen -= 4;
      itemU32(F["wins.cache_timeout"], cur);
      cur += 4;
      rrLen -= 4;
      let ns = itemU32(F["wins.nb_wins_servers"], cur);
      cur += 4;
      rrLen -= 4;
      while (rrLen !== 0 && ns !== 0) {
        itemIpv4(F["wins.wins_server"], cur);
        cur += 4;
        rrLen -= 4;
        ns--;
      }
      break;
    }
    case T.WINS_R: {
      const lf = g32(d, cur, end);
      tree.add(F["winsr.local_flag"], cur, 4, (lf & 1) !== 0);
      cur += 4;
      itemU32(F["winsr.lookup_timeout"], cur);
      cur += 4;
      itemU32(F["winsr.cache_timeout"], cur);
      cur += 4;
      const r = name(F["winsr.name_result_domain"], cur);
      info(` ${r.text}`);
      suffix.push(`, name result domain ${r.text}`);
      break;
    }
    case T.XPF: {
      const ver = g8(d, cur, end);
      tree.add(F["xpf.ip_version"], cur, 1, ver);
      cur++;
      if (ver === 4) {
        itemU8(F["xpf.protocol"], cur);
        cur++;
        itemIpv4(F["xpf.source_ipv4"], cur);
        cur += 4;
        itemIpv4(F["xpf.destination_ipv4"], cur);
        cur += 4;
        itemU16(F["xpf.sport"], cur);
        cur += 2;
        itemU16(F["xpf.dport"], cur);
      } else if (ver === 6) {
        itemU8(F["xpf.protocol"], cur);
        cur++;
        itemIpv6(F["xpf.source_ipv6"], cur);
        cur += 16;
        itemIpv6(F["xpf.destination_ipv6"], cur);
        cur += 16;
        itemU16(F["xpf.sport"], cur);
        cur += 2;
        itemU16(F["xpf.dport"], cur);
      }
      break;
    }
    default:
      expertField(ctx.pinfo, F["undecoded.type"], cur, 0, "warn", `Dissector for DNS Type (${type}) code not implemented, Contact Wireshark developers if you want this supported`);
      itemBytes(F.data, cur, dataLen);
      break;
  }
}

/** strncmp(a, b, n) == 0 on C strings. */
function strncmpEq(a: string, b: string, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ca = i < a.length ? a.charCodeAt(i) : 0;
    const cb = i < b.length ? b.charCodeAt(i) : 0;
    if (ca !== cb) return false;
    if (ca === 0) return true;
  }
  return true;
}

/** CAA value: the ENC_ASCII string (high bytes as U+FFFD) passed through format_text with the byte length. */
function caaValue(off: number, len: number): string {
  const parts: number[] = [];
  for (let i = off; i < off + len; i++) {
    const c = ctx.d[i]!;
    if (c < 0x80) parts.push(c);
    else parts.push(0xef, 0xbf, 0xbd);
  }
  const b = Uint8Array.from(parts.slice(0, len));
  return formatText(b, 0, b.length);
}

/** tvb_get_bits8(tvb, byteOffset*8 + bitOffset, 5): five bits, big-endian. */
function bits5(byteOff: number, bitOff: number): number {
  const first = byteOff + (bitOff >> 3);
  const shift = bitOff & 7;
  const hi = g8(ctx.d, first, ctx.end);
  let v = hi << 8;
  if (shift > 3) v |= g8(ctx.d, first + 1, ctx.end);
  return (v >> (11 - shift)) & 0x1f;
}

/** compute_key_id() (RFC 4034 Appendix B); null when the buffer is too short (Wireshark adds an expert item then). */
function computeKeyId(off: number, size: number, algo: number): number | null {
  const { d, end } = ctx;
  if (size < 4) {
    expertField(ctx.pinfo, F.key_id_buffer_too_short, off, size, "warn", "Buffer too short to compute a key id");
    return null;
  }
  if (algo === 1) return ((g8(d, off + size - 3, end) << 8) + g8(d, off + size - 2, end)) & 0xffff;
  let ac = 0;
  let o = off;
  let s = size;
  for (; s > 1; s -= 2, o += 2) ac += (g8(d, o, end) << 8) + g8(d, o + 1, end);
  if (s > 0) ac += g8(d, o, end) << 8;
  ac += (ac >>> 16) & 0xffff;
  return ac & 0xffff;
}

/** NSEC/NSEC3/CSYNC window-block type bitmap (RFC 4034 §4.1.2). */
function typeBitmap(cur: number, rrLen: number): void {
  const { d, end, tree } = ctx;
  while (rrLen !== 0) {
    const base = g8(d, cur, end);
    let size = g8(d, cur + 1, end);
    cur += 2;
    rrLen -= 2;
    let t = base * 256;
    for (; size; size--) {
      const b = g8(d, cur, end);
      for (let mask = 0x80; mask; mask >>= 1, t++) {
        if (b & mask) tree.add(F["resp.type"], cur, 1, t, 0, ctx.detailed ? `RR type in bit map: ${TYPE_DESCRIPTIONS.get(t) ?? `Unknown (${t})`}` : undefined);
      }
      cur++;
      rrLen--;
    }
  }
}

/** NXT's flat type bitmap (RFC 2535 §5.2). */
function typeBitmapNxt(cur: number, rrLen: number): void {
  const { d, end, tree } = ctx;
  let t = 0;
  while (rrLen !== 0) {
    const b = g8(d, cur, end);
    for (let mask = 0x80; mask; mask >>= 1, t++) {
      if (b & mask) tree.add(F["resp.type"], cur, 1, t, 0, ctx.detailed ? `RR type in bit map: ${TYPE_DESCRIPTIONS.get(t) ?? `Unknown (${t})`}` : undefined);
    }
    cur++;
    rrLen--;
  }
}

/** OPT pseudo-RR options (RFC 6891 §6.1.2). */
function optRdata(cur: number, dataLen: number): void {
  const { d, end, tree } = ctx;
  let rr = dataLen;
  while (rr > 0) {
    const code = g16(d, cur, end);
    rr -= 2;
    let optLen = g16(d, cur + 2, end);
    rr -= 2;
    ensure(cur, 4 + optLen, end);
    tree.open(F.opt, cur, 4 + optLen, PRESENT, ctx.detailed ? `Option: ${EDNS_OPT_CODES.get(code) ?? `Unknown (${code})`}` : undefined);
    try {
      tree.add(F["opt.code"], cur, 2, code);
      cur += 2;
      tree.add(F["opt.len"], cur, 2, optLen);
      cur += 2;
      itemBytes(F["opt.data"], cur, optLen);
      switch (code) {
        case 5:
        case 6:
        case 7: {
          const f = code === 5 ? F["opt.dau"] : code === 6 ? F["opt.dhu"] : F["opt.n3u"];
          while (optLen !== 0) {
            itemU8(f, cur);
            cur++;
            rr--;
            optLen--;
          }
          break;
        }
        case 0x50fa:
        case 8: {
          if (code === 0x50fa) expertField(ctx.pinfo, F["depr.opc"], cur - 4, 2, "warn", "Deprecated opcode. Client subnet OPT assigned as 8.");
          let addrLen = (optLen - 4) & 0xffff;
          const family = itemU16(F["opt.client.family"], cur);
          cur += 2;
          itemU8(F["opt.client.netmask"], cur);
          cur++;
          itemU8(F["opt.client.scope"], cur);
          cur++;
          if (addrLen > 16) {
            expertField(ctx.pinfo, F["rr.opt.bad_length"], cur - 6, 2, "error", "Length too long for any type of IP address.");
            addrLen = 16;
          }
          ensure(cur, addrLen, end);
          const a = new Uint8Array(16);
          a.set(d.subarray(cur, cur + addrLen));
          if (family === 1) tree.add(F["opt.client.addr4"], cur, addrLen, (((a[0]! << 24) | (a[1]! << 16) | (a[2]! << 8) | a[3]!) >>> 0));
          else if (family === 2) tree.add(F["opt.client.addr6"], cur, addrLen, a);
          else itemBytes(F["opt.client.addr"], cur, optLen - 4);
          cur += optLen - 4;
          rr -= optLen;
          break;
        }
        case 10:
          itemBytes(F["opt.cookie.client"], cur, 8);
          cur += 8;
          rr -= 8;
          optLen = (optLen - 8) & 0xffff;
          itemBytes(F["opt.cookie.server"], cur, optLen);
          cur += optLen;
          rr -= optLen;
          break;
        case 11:
          if (optLen === 2) itemU16(F["opt.edns_tcp_keepalive.timeout"], cur);
          cur += optLen;
          rr -= optLen;
          break;
        case 12:
          itemBytes(F["opt.padding"], cur, optLen);
          cur += optLen;
          rr -= optLen;
          break;
        case 13:
          if (optLen) itemAscii(F["opt.chain.fqdn"], cur, optLen);
          cur += optLen;
          rr -= optLen;
          break;
        case 15:
          if (optLen >= 2) {
            itemU16(F["opt.ext_error.info_code"], cur);
            cur += 2;
            rr -= 2;
            if (optLen > 2) {
              itemAscii(F["opt.ext_error.extra_text"], cur, optLen - 2, true);
              cur += optLen - 2;
              rr -= optLen - 2;
            }
          }
          break;
        default:
          cur += optLen;
          rr -= optLen;
      }
    } finally {
      tree.close();
    }
  }
}

const SVCB_KEYS = vals({ 0: "mandatory", 1: "alpn", 2: "no-default-alpn", 3: "port", 4: "ipv4hint", 5: "echconfig", 6: "ipv6hint", 32769: "odohconfig", 65535: "key65535" });

/** SVCB/HTTPS (RFC 9460) parameters, displayed like Wireshark 4.0. */
function svcbRdata(cur: number, dataLen: number): void {
  const { d, end, msg, tree } = ctx;
  const start = cur;
  itemU16(F["svcb.svcpriority"], cur);
  cur += 2;
  const r = getDnsName(d, cur, 0, msg, end);
  tree.add(F["svcb.targetname"], cur, r.used, r.text);
  cur += r.used;
  while (dataLen > cur - start) {
    ensure(cur, 0, end);
    tree.open(F["svcb.svcparam"], cur, Math.max(0, end - cur), PRESENT);
    try {
      const key = itemU16(F["svcb.svcparam.key"], cur);
      cur += 2;
      const len = itemU16(F["svcb.svcparam.value.length"], cur);
      cur += 2;
      tree.setLabel(`SvcParam: ${SVCB_KEYS.get(key) ?? `key${key}`}`);
      switch (key) {
        case 0:
          for (let i = 0; i < len; i += 2, cur += 2) itemU16(F["svcb.svcparam.mandatory.key"], cur);
          break;
        case 1:
          for (let i = 0; i < len; ) {
            const l = itemU8(F["svcb.svcparam.alpn.length"], cur);
            cur++;
            itemAscii(F["svcb.svcparam.alpn"], cur, l);
            cur += l;
            i += 1 + l;
          }
          break;
        case 2:
          break;
        case 3:
          itemU16(F["svcb.svcparam.port"], cur);
          cur += 2;
          break;
        case 4:
          for (let i = 0; i < len; i += 4, cur += 4) itemIpv4(F["svcb.svcparam.ipv4hint.ip"], cur);
          break;
        case 5:
          itemBytes(F["svcb.svcparam.echconfig"], cur, len);
          cur += len;
          break;
        case 6:
          for (let i = 0; i < len; i += 16, cur += 16) itemIpv6(F["svcb.svcparam.ipv6hint.ip"], cur);
          break;
        case 32769:
          itemBytes(F["svcb.svcparam.odohconfig"], cur, len);
          cur += len;
          break;
        default:
          if (len > 0) {
            itemBytes(F["svcb.svcparam.value"], cur, len);
            cur += len;
          }
      }
    } finally {
      tree.close();
    }
  }
}

/** DNS Stateful Operations TLVs (RFC 8490 §5.4). */
function dsoData(off: number): number {
  const { d, end, tree } = ctx;
  const start = off;
  tree.open(F.dso, off, Math.max(0, end - off), PRESENT);
  try {
    while (end - off >= 4) {
      const len = g16(d, off + 2, end);
      tree.open(F["dso.tlv"], off, len + 4, PRESENT);
      try {
        const type = itemU16(F["dso.tlv.type"], off);
        off += 2;
        itemU16(F["dso.tlv.length"], off);
        off += 2;
        if (type === 1) {
          itemU32(F["dso.tlv.keepalive.inactivity"], off);
          off += 4;
          itemU32(F["dso.tlv.keepalive.interval"], off);
          off += 4;
        } else if (type === 2) {
          itemU32(F["dso.tlv.retrydelay.retrydelay"], off);
          off += 4;
        } else if (len > 0) {
          itemBytes(type === 3 ? F["dso.tlv.encpad.padding"] : F["dso.tlv.data"], off, len);
          off += len;
        }
      } finally {
        tree.close();
      }
    }
  } finally {
    tree.close(off - start);
  }
  return off - start;
}

/**
 * dissect_dns_common(): one DNS message in [offset, end). For TCP, `offset`
 * points at the two-byte length. `kind` picks DNS / MDNS / LLMNR.
 */
function dissectMessage(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, transport: Transport, kind: 0 | 1 | 2): void {
  const tree = pinfo.tree;
  const isMdns = kind === 1;
  const isLlmnr = kind === 2;
  const base = transport === Transport.TCP ? offset + 2 : offset;
  ctx.d = data;
  ctx.end = end;
  ctx.msg = base;
  ctx.pinfo = pinfo;
  ctx.tree = tree;
  ctx.mdns = isMdns;
  ctx.cols = pinfo.wantColumns && !pinfo.inErrorPacket;
  ctx.detailed = tree.detailed;

  if (ctx.cols) pinfo.info = "";
  const protoField = isLlmnr ? llmnrFields[""] : isMdns ? mdnsFields[""] : F[""];
  let opened = false;
  try {
    const id = g16(data, base, end);
    const flags = g16(data, base + 2, end);
    const opcode = (flags >> 11) & 0xf;
    const rcode = flags & 0xf;
    const response = (flags & 0x8000) !== 0;
    if (ctx.cols) {
      pinfo.info = `${OPCODES.get(opcode) ?? `Unknown operation (${opcode})`}${response ? " response" : ""} 0x${id.toString(16).padStart(4, "0")}`;
      if (response && rcode !== 0) pinfo.info += ` ${RCODES.get(rcode) ?? `Unknown error (${rcode})`}`;
    }
    const isUpdate = opcode === 5;
    // tshark prints a protocol field as its tree text.
    const protoLabel =
      tree.detailed || tree.wants(protoField)
        ? `${isLlmnr ? "Link-local Multicast Name Resolution" : isMdns ? "Multicast Domain Name System" : "Domain Name System"} (${response ? "response" : "query"})`
        : undefined;
    tree.open(protoField, offset, end - offset, protoLabel ?? null, protoLabel);
    opened = true;

    // Transaction tracking (before the body, as Wireshark does: a later exception keeps the state).
    let trans: Transaction | undefined;
    let retransmission = false;
    if (!pinfo.inErrorPacket) {
      const st = pinfo.state.get("dns", () => new DnsState());
      const key = conversationKey(pinfo);
      let conv = st.conversations.get(key);
      if (!conv) st.conversations.set(key, (conv = new Map()));
      const list = conv.get(id);
      const found = lookup(list, pinfo.num);
      if (!pinfo.visited) {
        if (!response) {
          let fresh = false;
          if (!found || found.repFrame > 0) fresh = true;
          else {
            const [ds, dn] = timeDiff(pinfo.tsSec, pinfo.tsNsec, found.reqSec, found.reqNsec);
            if (ds + dn / 1e9 < RETRANSMISSION_TIMER) retransmission = true;
            else fresh = true;
          }
          if (fresh) {
            trans = { id, reqFrame: pinfo.num, repFrame: 0, reqSec: pinfo.tsSec, reqNsec: pinfo.tsNsec, multipleResponds: false };
            if (list) insertSorted(list, trans);
            else conv.set(id, [trans]);
          } else trans = found;
        } else if (found) {
          trans = found;
          if (found.repFrame === 0) found.repFrame = pinfo.num;
          else if (!found.multipleResponds) retransmission = true;
        }
      } else if (found) {
        trans = found;
        if (!response && found.reqFrame !== pinfo.num) {
          trans = { id, reqFrame: found.reqFrame, repFrame: 0, reqSec: pinfo.tsSec, reqNsec: pinfo.tsNsec, multipleResponds: false };
          retransmission = true;
        } else if (response && found.repFrame !== pinfo.num && !found.multipleResponds) {
          retransmission = true;
        }
      }
    }
    const t: Transaction = trans ?? { id, reqFrame: 0, repFrame: 0, reqSec: pinfo.tsSec, reqNsec: pinfo.tsNsec, multipleResponds: false };

    if (transport === Transport.TCP) itemU16(F.length, offset);
    tree.add(F.id, base, 2, id);
    const flagsLabel = tree.detailed
      ? `Flags: 0x${flags.toString(16).padStart(4, "0")} ${OPCODES.get(opcode) ?? "Unknown operation"}${response ? ` response, ${RCODES.get(rcode) ?? "Unknown error"}` : ""}`
      : undefined;
    tree.open(F.flags, base + 2, 2, flags, flagsLabel);
    const fo = base + 2;
    const bit = (f: FieldDef, mask: number): void => {
      const on = (flags & mask) !== 0;
      tree.add(f, fo, 2, on, 0, tree.detailed ? bitsLabel(flags, mask, 16, `${f.name}: ${f.tfs ? f.tfs[on ? 0 : 1] : on ? "True" : "False"}`) : undefined);
    };
    bit(F["flags.response"], 0x8000);
    tree.add(F["flags.opcode"], fo, 2, opcode, 0, tree.detailed ? bitsLabel(flags, 0x7800, 16, `Opcode: ${OPCODES.get(opcode) ?? "Unknown"} (${opcode})`) : undefined);
    if (isLlmnr) {
      if (response) tree.add(F["flags.conflict"], fo, 2, (flags & 0x400) !== 0, 0, tree.detailed ? bitsLabel(flags, 0x400, 16, `Conflict: ${flags & 0x400 ? "The name is not considered unique" : "The name is considered unique"}`) : undefined);
      else bit(F["flags.conflict"], 0x400);
      bit(F["flags.truncated"], 0x200);
      bit(F["flags.tentative"], 0x100);
      if (response) tree.add(F["flags.rcode"], fo, 2, rcode, 0, tree.detailed ? bitsLabel(flags, 0xf, 16, `Reply code: ${RCODES.get(rcode) ?? "Unknown"} (${rcode})`) : undefined);
    } else {
      if (response) bit(F["flags.authoritative"], 0x400);
      bit(F["flags.truncated"], 0x200);
      bit(F["flags.recdesired"], 0x100);
      if (response) bit(F["flags.recavail"], 0x80);
      bit(F["flags.z"], 0x40);
      if (response) bit(F["flags.authenticated"], 0x20);
      else if (flags & 0x20) {
        const on = true;
        tree.add(F["flags.authenticated"], fo, 2, on, 0, tree.detailed ? bitsLabel(flags, 0x20, 16, "AD bit: Set") : undefined);
      }
      bit(F["flags.checkdisable"], 0x10);
      if (response) tree.add(F["flags.rcode"], fo, 2, rcode, 0, tree.detailed ? bitsLabel(flags, 0xf, 16, `Reply code: ${RCODES.get(rcode) ?? "Unknown"} (${rcode})`) : undefined);
    }
    tree.close();

    const quest = g16(data, base + 4, end);
    tree.add(isUpdate ? F["count.zones"] : F["count.queries"], base + 4, 2, quest);
    const ans = g16(data, base + 6, end);
    tree.add(isUpdate ? F["count.prerequisites"] : F["count.answers"], base + 6, 2, ans);
    const auth = g16(data, base + 8, end);
    tree.add(isUpdate ? F["count.updates"] : F["count.auth_rr"], base + 8, 2, auth);
    const add = g16(data, base + 10, end);
    tree.add(F["count.add_rr"], base + 10, 2, add);

    let cur = base + 12;
    if (opcode === 6 && quest === 0 && ans === 0 && auth === 0 && add === 0) cur += dsoData(cur);

    if (quest > 0) {
      const start = cur;
      if (cur > end) truncated();
      tree.open(TEXT, cur, 0, null, isUpdate ? "Zone" : "Queries");
      let multi = false;
      try {
        for (let i = 0; i < quest; i++) {
          const q = dissectQuery(cur);
          if (q.multi) multi = true;
          cur += q.used;
        }
      } finally {
        tree.close(cur - start);
      }
      t.multipleResponds = multi;
    }
    const section = (count: number, label: string): void => {
      if (count <= 0) return;
      const start = cur;
      if (cur > end) truncated();
      tree.open(TEXT, cur, 0, null, label);
      try {
        for (let i = 0; i < count; i++) cur += dissectAnswer(cur);
      } finally {
        tree.close(cur - start);
      }
    };
    section(ans, isUpdate ? "Prerequisites" : "Answers");
    section(auth, isUpdate ? "Updates" : "Authoritative nameservers");
    section(add, "Additional records");

    if (!response) {
      if (retransmission && t.reqFrame && !pinfo.inErrorPacket) {
        expertField(pinfo, F.retransmit_request, base, 2, "note", `DNS query retransmission. Original request in frame ${t.reqFrame}`);
        tree.add(F.retransmit_request_in, 0, 0, t.reqFrame, GENERATED);
        tree.add(F.retransmission, 0, 0, true, GENERATED);
      } else if (t.repFrame) {
        tree.add(F.response_in, 0, 0, t.repFrame, GENERATED);
      }
    } else if (t.reqFrame) {
      if (retransmission && t.repFrame && !pinfo.inErrorPacket) {
        expertField(pinfo, F.retransmit_response, base, 2, "note", `DNS response retransmission. Original response in frame ${t.repFrame}`);
        tree.add(F.retransmit_response_in, 0, 0, t.repFrame, GENERATED);
        tree.add(F.retransmission, 0, 0, true, GENERATED);
      } else {
        tree.add(F.response_to, 0, 0, t.reqFrame, GENERATED);
        tree.add(F.time, 0, 0, timeDiff(pinfo.tsSec, pinfo.tsNsec, t.reqSec, t.reqNsec), GENERATED);
      }
    } else if (!retransmission) {
      tree.add(F.unsolicited, 0, 0, true, GENERATED);
    }

    const extra = end - cur;
    if (extra > 0) {
      tree.open(TEXT, cur, extra, null, tree.detailed ? `Extraneous Data (${extra} bytes)` : undefined);
      tree.add(F["extraneous.data"], cur, extra, data.subarray(cur, end));
      tree.add(F["extraneous.length"], 0, 0, extra, GENERATED);
      expertField(pinfo, F.extraneous, cur, extra, "warn", "Extraneous data");
      tree.close();
    }
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    malformed(pinfo, isLlmnr ? "LLMNR" : isMdns ? "MDNS" : "DNS", offset, "message runs past the end of the data");
  } finally {
    if (opened) tree.close();
  }
}

/** Seconds within which a repeated query ID is a retransmission (Wireshark's default). */
const RETRANSMISSION_TIMER = 5;

function insertSorted(list: Transaction[], t: Transaction): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.reqFrame > t.reqFrame) i--;
  list.splice(i, 0, t);
}

// ---------------------------------------------------------------------------
// Transports.
// ---------------------------------------------------------------------------

/**
 * DNS over TCP (RFC 1035 §4.2.2): a loop over length-prefixed messages, each
 * dissected on its own (Info shows the last one). A message not wholly in
 * [offset, end) is handed back to TCP through the desegmentation contract
 * (desegmentOffset counts from `offset`, as Wireshark's from the tvb start).
 */
function dissectTcp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  let off = offset;
  // Wireshark drops the layer of a dissector that added nothing to the tree
  // (packet.c call_dissector_work): a segment that only waits for more has no "dns".
  const waiting = (): number => {
    if (off === offset) pinfo.truncateLayers(pinfo.layers.length - 1);
    return end - offset;
  };
  while (off < end) {
    const remaining = end - off;
    if (remaining < 2) {
      if (pinfo.canDesegment) {
        pinfo.desegmentOffset = off - offset;
        pinfo.desegmentLen = -1;
        return waiting();
      }
    }
    if (remaining < 2) {
      // Not even the length field and no reassembly: Wireshark throws while reading it,
      // before DNS set any column.
      malformed(pinfo, "DNS", off, "length field truncated");
      return end - offset;
    }
    const plen = ((data[off]! << 8) | data[off + 1]!) + 2;
    if (pinfo.canDesegment && remaining < plen) {
      pinfo.desegmentOffset = off - offset;
      pinfo.desegmentLen = plen - remaining;
      return waiting();
    }
    if (!pinfo.inErrorPacket) pinfo.protocol = "DNS";
    dissectMessage(data, off, Math.min(end, off + plen), pinfo, Transport.TCP, 0);
    off += plen;
  }
  return end - offset;
}

function makeUdp(name: "dns" | "mdns" | "llmnr", protocol: string, kind: 0 | 1 | 2) {
  return {
    name,
    dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
      enterLayer(pinfo, name);
      if (kind === 0 && pinfo.portType === PortType.TCP) return dissectTcp(data, offset, end, pinfo);
      if (!pinfo.inErrorPacket) pinfo.protocol = protocol;
      dissectMessage(data, offset, end, pinfo, Transport.UDP, kind);
      return end - offset;
    },
  };
}

/** DNS over UDP (and, by pinfo.portType, over TCP). */
export const dns = makeUdp("dns", "DNS", 0);
export const mdns = makeUdp("mdns", "MDNS", 1);
export const llmnr = makeUdp("llmnr", "LLMNR", 2);

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
