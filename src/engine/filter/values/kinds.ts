/**
 * The kinds of filter values (Wireshark's ftypes, grouped), their runtime
 * forms, which operations each kind allows and which kinds compare.
 */
import type { FieldDef } from "../../dissect/field";

export type Kind = "none" | "protocol" | "uint" | "int" | "bool" | "ipv4" | "ipv6" | "ether" | "string" | "bytes" | "oid" | "reltime" | "abstime" | "double";

export interface Ipv4Net {
  addr: number;
  mask: number;
}
export interface Ipv6Net {
  bytes: Uint8Array;
  prefix: number;
}
export type Value = number | bigint | string | Uint8Array | Ipv4Net | Ipv6Net;

/**
 * A protocol's value is the bytes its item covers; `contains` and `matches`
 * search its whole buffer, from the item's start to the end of the data
 * (Wireshark's protocol fvalue keeps the tvb), kept under this key.
 */
export const PROTOCOL_TAIL = Symbol("protocolTail");
export type ProtocolBytes = Uint8Array & { [PROTOCOL_TAIL]?: Uint8Array };

export function kindOf(f: FieldDef): Kind {
  switch (f.type) {
    case "none":
    case "protocol":
    case "ipv4":
    case "ipv6":
    case "ether":
    case "string":
    case "bytes":
    case "oid":
    case "reltime":
    case "abstime":
      return f.type;
    case "boolean":
      return "bool";
    case "int8":
    case "int16":
    case "int32":
    case "int64":
      return "int";
    case "double":
    case "float":
      return "double";
    default:
      return "uint";
  }
}

/** Wireshark's ftype_pretty_name, for messages. */
export function prettyName(f: FieldDef | Kind): string {
  const t = typeof f === "string" ? f : f.type;
  switch (t) {
    case "uint8": return "Unsigned integer (1 byte)";
    case "uint16": return "Unsigned integer (2 bytes)";
    case "uint24": return "Unsigned integer (3 bytes)";
    case "uint32": case "uint": return "Unsigned integer (4 bytes)";
    case "uint64": return "Unsigned integer (8 bytes)";
    case "int8": return "Signed integer (1 byte)";
    case "int16": return "Signed integer (2 bytes)";
    case "int32": case "int": return "Signed integer (4 bytes)";
    case "int64": return "Signed integer (8 bytes)";
    case "framenum": return "Frame number";
    case "boolean": case "bool": return "Boolean";
    case "ipv4": return "IPv4 address";
    case "ipv6": return "IPv6 address";
    case "ether": return "Ethernet or other MAC address";
    case "string": return "Character string";
    case "bytes": return "Byte sequence";
    case "oid": return "ASN.1 object identifier";
    case "reltime": return "Time offset";
    case "abstime": return "Date and time";
    case "double": return "Floating point (double-precision)";
    case "float": return "Floating point (single-precision)";
    case "protocol": return "Protocol";
    default: return "Label";
  }
}

/** What each type supports (the ftype function tables of 4.0). */
export const CAN = {
  eq: (k: Kind) => k !== "none",
  cmp: (k: Kind) => k !== "none",
  contains: (k: Kind) => k === "bytes" || k === "ether" || k === "oid" || k === "protocol" || k === "string",
  matches: (k: Kind) => k === "bytes" || k === "ether" || k === "protocol" || k === "string",
  slice: (k: Kind) => k === "bytes" || k === "ether" || k === "oid" || k === "protocol" || k === "string" || k === "ipv4" || k === "ipv6",
  bitwiseAnd: (k: Kind) => k === "uint" || k === "int" || k === "bytes" || k === "ether" || k === "oid" || k === "ipv4" || k === "ipv6",
  add: (k: Kind) => k === "uint" || k === "int" || k === "double" || k === "reltime",
  subtract: (k: Kind) => k === "uint" || k === "int" || k === "double" || k === "reltime",
  multiply: (k: Kind) => k === "uint" || k === "int" || k === "double",
  divide: (k: Kind) => k === "uint" || k === "int" || k === "double",
  modulo: (k: Kind) => k === "uint" || k === "int",
  unaryMinus: (k: Kind) => k === "uint" || k === "int" || k === "double" || k === "reltime",
  isNegative: (k: Kind) => k === "uint" || k === "int" || k === "bool" || k === "double" || k === "reltime",
};

/** The byte-like types (is_bytes_type): a slice compares with them directly. */
export function isBytesKind(k: Kind): boolean {
  return k === "bytes" || k === "ether" || k === "ipv6" || k === "oid";
}

export const INTS = new Set<Kind>(["uint", "int", "bool"]);
/** compatible_ftypes: may two fields' values be compared? */
export function compatible(a: Kind, b: Kind): boolean {
  if (INTS.has(a) && a !== "bool") return INTS.has(b);
  switch (a) {
    case "bytes":
    case "ether":
    case "oid":
      return b === "bytes" || b === "ether" || b === "oid";
    default:
      return a === b;
  }
}
