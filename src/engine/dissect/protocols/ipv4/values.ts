/**
 * Value names and label helpers that IPv4 shares with IPv6, ICMP, ICMPv6 and
 * GRE: the text-only tree item, DSCP/ECN names, bit-field labels, checksum
 * status names.
 */
import { defineField, type FieldDef, type FieldValue } from "../../field";
import { bitPattern } from "../../common";
import { defaultLabel } from "../../format";
import type { ProtoTree } from "../../tree";

/** Wireshark's text-only tree items (proto_tree_add_subtree with no field). */
export const textField = defineField("_ws.text", { name: "Text item", type: "none" });

/** DSCP names, full (tree) and short (the DS field summary), RFC 2474/2597/3246/4594/5865/8622. */
export const DSCP_NAMES: Record<number, string> = {
  0: "Default", 1: "Lower Effort", 8: "Class Selector 1", 10: "Assured Forwarding 11", 12: "Assured Forwarding 12",
  14: "Assured Forwarding 13", 16: "Class Selector 2", 18: "Assured Forwarding 21", 20: "Assured Forwarding 22",
  22: "Assured Forwarding 23", 24: "Class Selector 3", 26: "Assured Forwarding 31", 28: "Assured Forwarding 32",
  30: "Assured Forwarding 33", 32: "Class Selector 4", 34: "Assured Forwarding 41", 36: "Assured Forwarding 42",
  38: "Assured Forwarding 43", 40: "Class Selector 5", 44: "Voice Admit", 46: "Expedited Forwarding",
  48: "Class Selector 6", 56: "Class Selector 7",
};
const DSCP_SHORT: Record<number, string> = {
  0: "CS0", 1: "LE", 8: "CS1", 10: "AF11", 12: "AF12", 14: "AF13", 16: "CS2", 18: "AF21", 20: "AF22", 22: "AF23",
  24: "CS3", 26: "AF31", 28: "AF32", 30: "AF33", 32: "CS4", 34: "AF41", 36: "AF42", 38: "AF43", 40: "CS5",
  44: "VA", 46: "EF", 48: "CS6", 56: "CS7",
};
export const ECN_NAMES: Record<number, string> = {
  0: "Not ECN-Capable Transport",
  1: "ECN-Capable Transport codepoint '01'",
  2: "ECN-Capable Transport codepoint '10'",
  3: "Congestion Experienced",
};
const ECN_SHORT = ["Not-ECT", "ECT(1)", "ECT(0)", "CE"];

/** "DSCP: CS0, ECN: Not-ECT", shared with IPv6's traffic class. */
export function dsSummary(dscp: number, ecn: number): string {
  return `DSCP: ${DSCP_SHORT[dscp] ?? "Unknown"}, ECN: ${ECN_SHORT[ecn]}`;
}

/**
 * tshark's label for a bit field, "..1. .... = More fragments: Set": the field's
 * bits of `raw` then its usual "Name: value" text (or `text`). Only built for
 * the details pane.
 */
export function bitsLabel(tree: ProtoTree, f: FieldDef, raw: number, value: FieldValue, text?: string): string | undefined {
  if (!tree.detailed) return undefined;
  return `${bitPattern(raw, f.bitmask ?? 0, f.bitWidth ?? 8)} = ${text ?? defaultLabel(f, value)}`;
}

export const CHECKSUM_STATUS = { 0: "Bad", 1: "Good", 2: "Unverified", 3: "Not present", 4: "Illegal" };
export const CHECKSUM_UNVERIFIED = 2;
