/**
 * How Wireshark names an OBJECT IDENTIFIER when no MIB is loaded (tshark's
 * default: its OID registry holds the three roots of X.660 plus the arcs
 * other dissectors register, mostly without names).
 *
 * - `resolved`: the deepest *named* node, then the remaining arcs
 *   ("iso.3.6.1.2.1.1.5.0"): the text in brackets after an Object Name, and
 *   the trap enterprise in the Info column.
 * - `infoName`: the deepest node of any kind; when it has a name,
 *   "name.rest", otherwise the plain dotted form. Under the second-level arcs
 *   that registered dissectors populate (1.3 for the Internet, 1.2 member
 *   bodies, 2.16 countries...) the deepest node is nameless, so varbinds show
 *   as "1.3.6.1.2.1.1.5.0" while "0.1" shows as "itu-t.1".
 *
 * Only the roots are named here: the names Wireshark would take from a loaded
 * MIB are not known to us (tshark prints the same text when none is loaded).
 */

const ROOTS = ["itu-t", "iso", "joint-iso-itu-t"];

/** Second-level arcs that exist (nameless) in tshark 4.0's OID registry without MIBs. */
const REGISTERED_SECOND_ARCS = new Set(["0.0", "0.2", "0.4", "0.9", "1.0", "1.2", "1.3", "2.1", "2.2", "2.5", "2.6", "2.9", "2.16", "2.23"]);

export function resolvedOid(arcs: readonly (number | bigint)[]): string {
  const root = typeof arcs[0] === "number" ? ROOTS[arcs[0]] : undefined;
  if (root === undefined) return arcs.join(".");
  return [root, ...arcs.slice(1)].join(".");
}

export function infoOid(arcs: readonly (number | bigint)[]): string {
  if (arcs.length >= 2 && REGISTERED_SECOND_ARCS.has(`${arcs[0]}.${arcs[1]}`)) return arcs.join(".");
  return resolvedOid(arcs);
}
