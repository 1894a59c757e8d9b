/**
 * SNMP fields, named as tshark 4.0 names them (`tshark -G fields`), with the
 * value strings of RFC 1157 (v1), RFC 3416 (v2c PDUs), RFC 3412 (v3 message)
 * and RFC 3411 (SnmpEngineID).
 */
import { defineField, defineFields, vals } from "../../field";

/** The PDU choice (RFC 3416 §3): context tag → name, also the Info column's first word. */
export const PDU_NAMES = vals({
  0: "get-request",
  1: "get-next-request",
  2: "get-response",
  3: "set-request",
  4: "trap",
  5: "getBulkRequest",
  6: "informRequest",
  7: "snmpV2-trap",
  8: "report",
});

/** The FT_NONE item that opens each PDU's subtree, by PDU tag. */
export const PDU_ELEMENTS = ["get_request", "get_next_request", "get_response", "set_request", "trap", "getBulkRequest", "informRequest", "snmpV2_trap", "report"] as const;

const VERSIONS = { 0: "version-1", 1: "v2c", 2: "v2u", 3: "snmpv3" };

const ERROR_STATUS = {
  0: "noError", 1: "tooBig", 2: "noSuchName", 3: "badValue", 4: "readOnly", 5: "genErr", 6: "noAccess",
  7: "wrongType", 8: "wrongLength", 9: "wrongEncoding", 10: "wrongValue", 11: "noCreation",
  12: "inconsistentValue", 13: "resourceUnavailable", 14: "commitFailed", 15: "undoFailed",
  16: "authorizationError", 17: "notWritable", 18: "inconsistentName",
};

const GENERIC_TRAPS = { 0: "coldStart", 1: "warmStart", 2: "linkDown", 3: "linkUp", 4: "authenticationFailure", 5: "egpNeighborLoss", 6: "enterpriseSpecific" };

/** RFC 3411 §5 SnmpSecurityModel. */
const SECURITY_MODELS = { 0: "Any", 1: "V1", 2: "V2C", 3: "USM" };

/** RFC 3411 §5 SnmpEngineID formats (octet 5 when the first bit is set). */
export const ENGINE_ID_FORMATS = vals({ 1: "IPv4 address", 2: "IPv6 address", 3: "MAC address", 4: "Text, administratively assigned", 5: "Octets, administratively assigned" });

export const snmpFields = defineFields("snmp", {
  "": { name: "Simple Network Management Protocol", type: "protocol" },
  version: { name: "version", type: "int32", vals: VERSIONS },
  community: { name: "community", type: "string" },
  parameters: { name: "parameters", type: "bytes" },
  encrypted: { name: "encrypted", type: "bytes" },
  data: { name: "data", type: "uint32", vals: PDU_NAMES },
  msgVersion: { name: "msgVersion", type: "int32", vals: VERSIONS },
  msgGlobalData_element: { name: "msgGlobalData", type: "none" },
  msgID: { name: "msgID", type: "uint32" },
  msgMaxSize: { name: "msgMaxSize", type: "uint32" },
  msgFlags: { name: "msgFlags", type: "bytes" },
  "v3.flags.report": { name: "Reportable", type: "boolean", bitmask: 0x4, bitWidth: 8, tfs: ["Set", "Not set"] },
  "v3.flags.crypt": { name: "Encrypted", type: "boolean", bitmask: 0x2, bitWidth: 8, tfs: ["Set", "Not set"] },
  "v3.flags.auth": { name: "Authenticated", type: "boolean", bitmask: 0x1, bitWidth: 8, tfs: ["Set", "Not set"] },
  msgSecurityModel: { name: "msgSecurityModel", type: "uint32", vals: SECURITY_MODELS },
  msgSecurityParameters: { name: "msgSecurityParameters", type: "bytes" },
  msgAuthoritativeEngineID: { name: "msgAuthoritativeEngineID", type: "bytes" },
  msgAuthoritativeEngineBoots: { name: "msgAuthoritativeEngineBoots", type: "uint32" },
  msgAuthoritativeEngineTime: { name: "msgAuthoritativeEngineTime", type: "uint32" },
  msgUserName: { name: "msgUserName", type: "string" },
  msgAuthenticationParameters: { name: "msgAuthenticationParameters", type: "bytes" },
  msgPrivacyParameters: { name: "msgPrivacyParameters", type: "bytes" },
  msgData: { name: "msgData", type: "uint32", vals: { 0: "plaintext", 1: "encryptedPDU" } },
  plaintext_element: { name: "plaintext", type: "none" },
  encryptedPDU: { name: "encryptedPDU", type: "bytes" },
  contextEngineID: { name: "contextEngineID", type: "bytes" },
  contextName: { name: "contextName", type: "string" },
  "engineid.conform": { name: "Engine ID Conformance", type: "boolean", bitmask: 0x80, bitWidth: 8, tfs: ["RFC3411 (SNMPv3)", "RFC1910 (Non-SNMPv3)"] },
  "engineid.enterprise": { name: "Engine Enterprise ID", type: "uint32" },
  "engineid.format": { name: "Engine ID Format", type: "uint8" },
  "engineid.ipv4": { name: "Engine ID Data: IPv4 address", type: "ipv4" },
  "engineid.ipv6": { name: "Engine ID Data: IPv6 address", type: "ipv6" },
  "engineid.cisco.type": { name: "Engine ID Data: Cisco type", type: "uint8", base: "hex", vals: { 0: "Agent", 1: "Manager" } },
  "engineid.mac": { name: "Engine ID Data: MAC address", type: "ether" },
  "engineid.text": { name: "Engine ID Data: Text", type: "string" },
  "engineid.time": { name: "Engine ID Data: Creation Time", type: "abstime", base: "dec" },
  "engineid.data": { name: "Engine ID Data", type: "bytes" },
  agentid_trailer: { name: "AgentID Trailer", type: "bytes" },
  request_id: { name: "request-id", type: "int32" },
  error_status: { name: "error-status", type: "int32", vals: ERROR_STATUS },
  error_index: { name: "error-index", type: "int32" },
  non_repeaters: { name: "non-repeaters", type: "uint32" },
  max_repetitions: { name: "max-repetitions", type: "uint32" },
  variable_bindings: { name: "variable-bindings", type: "uint32" },
  enterprise: { name: "enterprise", type: "oid" },
  agent_addr: { name: "agent-addr", type: "ipv4" },
  generic_trap: { name: "generic-trap", type: "int32", vals: GENERIC_TRAPS },
  specific_trap: { name: "specific-trap", type: "int32" },
  time_stamp: { name: "time-stamp", type: "uint32" },
  name: { name: "Object Name", type: "oid" },
  "value.int": { name: "Value (Integer32)", type: "int64" },
  "value.octets": { name: "Value (OctetString)", type: "bytes" },
  "value.oid": { name: "Value (OID)", type: "oid" },
  "value.null": { name: "Value (Null)", type: "none" },
  "value.ipv4": { name: "Value (IpAddress)", type: "ipv4" },
  "value.ipv6": { name: "Value (IpAddress)", type: "ipv6" },
  "value.addr": { name: "Value (IpAddress)", type: "bytes" },
  "value.u32": { name: "Value (Unsigned32)", type: "int64" },
  "value.g32": { name: "Value (Gauge32)", type: "int64" },
  "value.unk": { name: "Value (Unknown)", type: "bytes" },
  "value.counter": { name: "Value (Counter32)", type: "uint64" },
  "value.nsap": { name: "Value (NSAP)", type: "uint64" },
  "value.timeticks": { name: "Value (Timeticks)", type: "uint64" },
  "value.opaque": { name: "Value (Opaque)", type: "bytes" },
  noSuchObject: { name: "noSuchObject", type: "none" },
  noSuchInstance: { name: "noSuchInstance", type: "none" },
  endOfMibView: { name: "endOfMibView", type: "none" },
  "var-bind_str": { name: "Variable-binding-string", type: "string" },
  response_in: { name: "Response In", type: "framenum" },
  response_to: { name: "Response To", type: "framenum" },
  time: { name: "Time", type: "reltime" },
});

/** The FT_NONE items that open each PDU's subtree (snmp.get_request_element...), by PDU tag. */
export const pduElementFields = PDU_ELEMENTS.map((n, i) => defineField(`snmp.${n}_element`, { name: PDU_NAMES.get(i)!, type: "none" }));
