/**
 * Filter values by type, with the rules of Wireshark 4.0's ftypes
 * (epan/ftypes, read for their semantics): how a literal, a quoted string or
 * a character constant becomes a value of a field's type (and the message
 * when it cannot), and how two values of a type compare, contain, match,
 * slice and combine.
 *
 * Runtime forms: integers and booleans are numbers (bigints past 2^53), IPv4
 * an unsigned number or a {addr, mask} network, IPv6 16 bytes or a
 * {bytes, prefix} network, times bigint nanoseconds, strings JS strings,
 * and every byte-like type (bytes, MAC addresses, OIDs, protocols, slices)
 * a Uint8Array.
 *
 * The folder: `kinds.ts` (kinds, runtime forms, what each allows),
 * `literals.ts` (text to values), `compare.ts` (comparisons, containment,
 * lengths and bytes).
 */
export {
  CAN,
  compatible,
  type Ipv4Net,
  type Ipv6Net,
  isBytesKind,
  type Kind,
  kindOf,
  prettyName,
  PROTOCOL_TAIL,
  type ProtocolBytes,
  type Value,
} from "./kinds";
export {
  bytesToText,
  encodeOid,
  fromCharconst,
  fromLiteral,
  fromString,
  fromValueName,
  hexToBytes,
  intValue,
  type NameResolver,
  parseIpv4,
  parseIpv6,
} from "./literals";
export { bytesOf, compare, contains, lengthOf, matchText } from "./compare";
