/**
 * The address headers' parts as Wireshark 4.0's IMF dissector splits them
 * (dissect_imf_mailbox, _address, _address_list, _mailbox_list): a list at
 * each comma (RFC 5322 §3.4; a comma inside a quoted display name splits it
 * too, as in Wireshark), a mailbox's display name before "<" and its address
 * between "<" and ">", a group's name before ":". Each range runs to the end
 * of the header, its CRLF included, as Wireshark's does.
 */
import { defineFields } from "../../field";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";

export const addressFields = defineFields("imf", {
  display_name: { name: "Display-Name", type: "string" },
  address: { name: "Address", type: "string" },
  "address_list.item": { name: "Item", type: "string" },
  "mailbox_list.item": { name: "Item", type: "string" },
});

/** How a header's value is split. */
export const enum AddressKind {
  MAILBOX,
  MAILBOX_LIST,
  ADDRESS_LIST,
}

/** The headers that hold addresses (Wireshark's imf_fields subdissectors). */
export const ADDRESS_HEADERS: ReadonlyMap<string, AddressKind> = new Map([
  ["from", AddressKind.MAILBOX_LIST],
  ["sender", AddressKind.MAILBOX],
  ["reply-to", AddressKind.ADDRESS_LIST],
  ["to", AddressKind.ADDRESS_LIST],
  ["cc", AddressKind.ADDRESS_LIST],
  ["bcc", AddressKind.ADDRESS_LIST],
  ["resent-from", AddressKind.MAILBOX_LIST],
  ["resent-sender", AddressKind.MAILBOX],
  ["resent-to", AddressKind.ADDRESS_LIST],
  ["resent-cc", AddressKind.ADDRESS_LIST],
  ["resent-bcc", AddressKind.ADDRESS_LIST],
  ["delivered-to", AddressKind.MAILBOX],
  ["x-original-to", AddressKind.ADDRESS_LIST],
]);

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** tvb_find_guint8 within [from, from + len) and the buffer. */
function find(data: Uint8Array, from: number, len: number, end: number, byte: number): number {
  const stop = Math.min(from + Math.max(len, 0), end);
  for (let i = from; i < stop; i++) if (data[i] === byte) return i;
  return -1;
}

function add(pinfo: PacketInfo, f: (typeof addressFields)[keyof typeof addressFields], data: Uint8Array, start: number, len: number, end: number): void {
  const tree = pinfo.tree;
  if (!tree.detailed && !tree.wants(f)) return;
  const e = Math.min(start + Math.max(len, 0), end);
  tree.add(f, start, e - start, formatText(data, start, e));
}

/** Splits the value at data[offset, offset + length) as `kind` says. */
export function dissectAddresses(pinfo: PacketInfo, kind: AddressKind, data: Uint8Array, offset: number, length: number, end: number): void {
  if (kind === AddressKind.MAILBOX) mailbox(pinfo, data, offset, length, end);
  else list(pinfo, kind, data, offset, length, end);
}

function mailbox(pinfo: PacketInfo, data: Uint8Array, offset: number, length: number, end: number): void {
  const open = find(data, offset, length, end, 0x3c);
  if (open < 0) {
    add(pinfo, addressFields.address, data, offset, length, end);
    return;
  }
  let o = offset;
  while (o < open && isSpace(data[o]!)) o++;
  // Wireshark takes the name to end one byte before "<" (the blank it expects there).
  if (o !== open) add(pinfo, addressFields.display_name, data, o, open - o - 1, end);
  const close = find(data, open + 1, length - (open + 1 - o), end, 0x3e);
  if (close >= 0) add(pinfo, addressFields.address, data, open + 1, close - open - 1, end);
}

function address(pinfo: PacketInfo, data: Uint8Array, offset: number, length: number, end: number): void {
  const colon = find(data, offset, length, end, 0x3a);
  if (colon < 0) {
    mailbox(pinfo, data, offset, length, end);
    return;
  }
  // A group (RFC 5322 §3.4): "name: mailbox, mailbox;".
  add(pinfo, addressFields.display_name, data, offset, colon - offset - 1, end);
  let at = colon + 1;
  while (at < offset + length && isSpace(data[at]!)) at++;
  if (at < end && data[at] !== 0x3b) list(pinfo, AddressKind.MAILBOX_LIST, data, at, length - (at - offset), end);
}

function list(pinfo: PacketInfo, kind: AddressKind, data: Uint8Array, offset: number, length: number, end: number): void {
  const itemField = kind === AddressKind.ADDRESS_LIST ? addressFields["address_list.item"] : addressFields["mailbox_list.item"];
  let item = offset;
  for (;;) {
    const comma = find(data, item, length - (item - offset), end, 0x2c);
    const len = comma < 0 ? length - (item - offset) : comma - item;
    add(pinfo, itemField, data, item, len, end);
    if (kind === AddressKind.ADDRESS_LIST) address(pinfo, data, item, len, end);
    else mailbox(pinfo, data, item, len, end);
    if (comma < 0) break;
    item = comma + 1;
  }
}
