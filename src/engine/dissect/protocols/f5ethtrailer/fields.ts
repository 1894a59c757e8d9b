/**
 * The F5 Ethernet trailer's fields as Wireshark 4.0 registers them
 * (packet-f5ethtrailer.c; `tshark -G fields | grep f5ethtrailer`). Several
 * items share an abbreviation with another name (Slot 0- or 1-based): the
 * dissector gives those their label.
 */
import { defineFields } from "../../field";

export const f5Fields = defineFields("f5ethtrailer", {
  "": { name: "F5 Ethernet Trailer Protocol", type: "protocol" },
  header: { name: "F5 Trailer Header", type: "none" },
  type: { name: "Type", type: "uint16" },
  length: { name: "Trailer length", type: "uint16" },
  version: { name: "Version", type: "uint16" },
  low: { name: "Low Details", type: "none" },
  medium: { name: "Medium Details", type: "none" },
  high: { name: "High Details", type: "none" },
  ingress: { name: "Ingress", type: "boolean" },
  slot: { name: "Slot (0-based)", type: "uint8" },
  tmm: { name: "TMM (0-based)", type: "uint8" },
  vipnamelen: { name: "Length", type: "uint8" },
  vip: { name: "Name", type: "string" },
  anyflowid: { name: "Flow ID or peer flow ID", type: "uint64", base: "hex" },
  flowid: { name: "Flow ID", type: "uint64", base: "hex" },
  peerid: { name: "Peer ID", type: "uint64", base: "hex" },
  cfflags: { name: "Connflow Flags", type: "uint32", base: "hex" },
  cfflags2: { name: "Connflow Flags High Bits", type: "uint32", base: "hex" },
  flowtype: { name: "Flow Type", type: "uint8", base: "hex" },
  haunit: { name: "HA Unit", type: "uint8", base: "hex" },
  reserved: { name: "Reserved", type: "uint32", base: "hex" },
  priority: { name: "Priority", type: "uint8" },
  rstcause: { name: "RST cause", type: "none" },
  rstcauselen: { name: "Length", type: "uint8" },
  rstcausever: { name: "Version", type: "uint8", base: "dec_hex", bitmask: 0xfe, bitWidth: 8 },
  rstcausepeer: { name: "Peer", type: "uint8", bitmask: 0x01, bitWidth: 8 },
  rstcauseval: { name: "Value", type: "uint64", base: "hex" },
  rstcauseline: { name: "Line", type: "uint16" },
  rstcausetxt: { name: "Cause", type: "string" },
  peeripproto: { name: "Peer IP Protocol", type: "uint8" },
  peervlan: { name: "Peer VLAN", type: "uint16" },
  peerremoteaddr: { name: "Peer remote address", type: "ipv4" },
  peerremoteaddr6: { name: "Peer remote address", type: "ipv6" },
  peerlocaladdr: { name: "Peer local address", type: "ipv4" },
  peerlocaladdr6: { name: "Peer local address", type: "ipv6" },
  peeraddr: { name: "Peer remote or local address", type: "ipv4" },
  peeraddr6: { name: "Peer remote or local address", type: "ipv6" },
  peerremotertdom: { name: "Peer remote route domain", type: "uint16" },
  peerlocalrtdom: { name: "Peer local route domain", type: "uint16" },
  peerrtdom: { name: "Peer remote or local route domain", type: "uint16" },
  peerremoteport: { name: "Peer remote port", type: "uint16" },
  peerlocalport: { name: "Peer local port", type: "uint16" },
  peerport: { name: "Peer remote or local port", type: "uint16" },
  nopeer: { name: "No peer connection information", type: "none" },
});
