/**
 * SNMP PDUs (RFC 1157 §4.1, RFC 3416 §3): the request/response shape, the v1
 * Trap-PDU and GetBulkRequest, and the variable bindings with their values
 * (RFC 2578 §7.1 SMIv2 types, RFC 3416 §3 noSuchObject/noSuchInstance/
 * endOfMibView). Values are typed by their BER tag alone, as tshark does
 * without MIBs.
 */
import { BerClass, BerError, berInteger, readHeader, readInteger, readOid, readUnsigned, UniversalTag, type BerHeader } from "../../ber";
import type { ProtoTree } from "../../tree";
import { defineField, type FieldDef, type FieldValue } from "../../field";
import { expert, u32, MISSING } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { bytesToHex, ipv4ToString, ipv6ToString } from "../../format";
import { infoOid, resolvedOid } from "./oid-names";
import { PDU_NAMES, pduElementFields, snmpFields as F } from "./fields";

/** What dissecting one PDU needs and leaves behind. */
export interface PduContext {
  d: Uint8Array;
  tree: ProtoTree;
  /** For expert items (a VarBind's exception value). */
  pinfo: PacketInfo;
  /** The Info column's words after the PDU's name (OIDs, the trap enterprise). */
  info: string[];
  /**
   * Values of OIDs with a registered string sub-dissector (sysDescr, sysName):
   * a second SNMP layer, which Wireshark runs only when nothing follows the
   * message (`withStrings`); its item sits under the value's.
   */
  strings: number;
  withStrings: boolean;
  /** Set from the PDU: its tag and request-id (for request/response matching). */
  pduTag: number;
  requestId: number;
  /** Called once the PDU is dissected (request/response matching). */
  afterPdu?: () => void;
}

/** OIDs whose OCTET STRING value Wireshark hands to its "snmp.variable_oid" string dissector. */
const STRING_OIDS = new Set(["1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.5.0"]);

/** Wireshark's text-only items (the VarBind subtree has no field of its own). */
const TEXT = defineField("_ws.text", { name: "Text item", type: "none" });

const APP = { IPADDRESS: 0, COUNTER32: 1, GAUGE32: 2, TIMETICKS: 3, OPAQUE: 4, NSAP: 5, COUNTER64: 6, UNSIGNED32: 7 } as const;

/** The data CHOICE: its item carries the PDU's tag as the value, the element subtree its name. */
export function dissectPdus(c: PduContext, offset: number, end: number, dataField: FieldDef = F.data): number {
  const h = readHeader(c.d, offset, end);
  const tag = h.tag;
  const name = h.cls === BerClass.CONTEXT ? PDU_NAMES.get(tag) : undefined;
  const next = h.contents + h.length;
  if (name === undefined) throw new BerError(`unknown PDU tag ${tag}`, offset);
  c.pduTag = tag;
  c.tree.open(dataField, offset, next - offset, tag, c.tree.detailed ? `${dataField.name}: ${name} (${tag})` : undefined);
  c.tree.open(pduElementFields[tag]!, h.contents, h.length, null, name);
  try {
    if (tag === 4) trapPdu(c, h);
    else requestPdu(c, h);
  } finally {
    c.tree.close();
    c.tree.close();
  }
  return next;
}

/** The universal-class item at `o` with the expected tag. */
function expectUniversal(c: PduContext, o: number, end: number, tag: number, what: string): BerHeader {
  const h = readHeader(c.d, o, end);
  if (h.cls !== BerClass.UNIVERSAL || h.tag !== tag) throw new BerError(`${what}: wrong tag`, o);
  return h;
}

function intItem(c: PduContext, f: FieldDef, o: number, end: number): [number, number] {
  const h = expectUniversal(c, o, end, UniversalTag.INTEGER, f.name);
  const v = berInteger(f, c.d, h.contents, h.length);
  c.tree.add(f, h.contents, h.length, v);
  return [v, h.contents + h.length];
}

function requestPdu(c: PduContext, pdu: BerHeader): void {
  const end = pdu.contents + pdu.length;
  const [requestId, afterId] = intItem(c, F.request_id, pdu.contents, end);
  let o = afterId;
  c.requestId = requestId;
  const bulk = c.pduTag === 5;
  [, o] = intItem(c, bulk ? F.non_repeaters : F.error_status, o, end);
  [, o] = intItem(c, bulk ? F.max_repetitions : F.error_index, o, end);
  varBindings(c, o, end);
}

function trapPdu(c: PduContext, pdu: BerHeader): void {
  const end = pdu.contents + pdu.length;
  const d = c.d;
  let o = pdu.contents;
  const ent = expectUniversal(c, o, end, UniversalTag.OID, "enterprise");
  const arcs = readOid(d, ent.contents, ent.length);
  const dotted = arcs.join(".");
  c.tree.add(F.enterprise, ent.contents, ent.length, dotted, 0, c.tree.detailed ? `enterprise: ${dotted} (${resolvedOid(arcs)})` : undefined);
  c.info.push(resolvedOid(arcs));
  o = ent.contents + ent.length;
  const addr = readHeader(d, o, end);
  if (addr.cls !== BerClass.APPLICATION || addr.tag !== APP.IPADDRESS) throw new BerError("agent-addr: wrong tag", o);
  c.tree.add(F.agent_addr, addr.contents, addr.length, addr.length === 4 ? u32(d, addr.contents) : null);
  o = addr.contents + addr.length;
  [, o] = intItem(c, F.generic_trap, o, end);
  [, o] = intItem(c, F.specific_trap, o, end);
  const ts = readHeader(d, o, end);
  if (ts.cls !== BerClass.APPLICATION || ts.tag !== APP.TIMETICKS) throw new BerError("time-stamp: wrong tag", o);
  c.tree.add(F.time_stamp, ts.contents, ts.length, Number(readUnsigned(d, ts.contents, ts.length)));
  varBindings(c, ts.contents + ts.length, end);
}

function varBindings(c: PduContext, offset: number, end: number): void {
  const h = expectUniversal(c, offset, end, UniversalTag.SEQUENCE, "variable-bindings");
  const listEnd = h.contents + h.length;
  // The item's value is the count, known only after the walk: count first.
  let n = 0;
  for (let o = h.contents; o < listEnd; n++) {
    const vb = readHeader(c.d, o, listEnd);
    o = vb.contents + vb.length;
  }
  c.tree.open(F.variable_bindings, h.contents, h.length, n, c.tree.detailed ? `variable-bindings: ${n} item${n === 1 ? "" : "s"}` : undefined);
  try {
    for (let o = h.contents; o < listEnd; ) o = varBind(c, o, listEnd);
  } finally {
    c.tree.close();
  }
}

/** One VarBind: SEQUENCE { name OBJECT IDENTIFIER, value ObjectSyntax | error } (RFC 3416 §3). */
function varBind(c: PduContext, offset: number, end: number): number {
  const d = c.d;
  const tree = c.tree;
  const seq = expectUniversal(c, offset, end, UniversalTag.SEQUENCE, "VarBind");
  const seqEnd = seq.contents + seq.length;
  const nameH = expectUniversal(c, seq.contents, seqEnd, UniversalTag.OID, "ObjectName");
  const arcs = readOid(d, nameH.contents, nameH.length);
  const dotted = arcs.join(".");
  const value = readHeader(d, nameH.contents + nameH.length, seqEnd);
  tree.open(TEXT, seq.contents, seq.length, null, "VarBind");
  try {
    tree.add(F.name, nameH.contents, nameH.length, dotted, 0, tree.detailed ? `Object Name: ${dotted} (${resolvedOid(arcs)})` : undefined);
    const asString = c.withStrings && value.cls === BerClass.UNIVERSAL && value.tag === UniversalTag.OCTET_STRING && value.length > 0 && STRING_OIDS.has(dotted);
    const label = valueItem(c, value, asString);
    if (asString) c.strings++;
    if (tree.detailed) {
      const sep = label.indexOf(": ");
      const named = infoOid(arcs);
      tree.setLabel(`${named === dotted ? dotted : `${named} (${dotted})`}: ${sep >= 0 ? label.slice(sep + 2) : label}`);
    }
  } finally {
    tree.close();
  }
  c.info.push(infoOid(arcs));
  return seqEnd;
}

/** The value item of a VarBind; returns its label (for the VarBind's own label). */
function valueItem(c: PduContext, h: BerHeader, asString: boolean): string {
  const d = c.d;
  const o = h.contents;
  const n = h.length;
  const add = (f: FieldDef, v: FieldValue, text: string, name = f.name): string => {
    const label = `${name}${text}`;
    if (!asString) c.tree.add(f, o, n, v, 0, c.tree.detailed ? label : undefined);
    else {
      c.tree.open(f, o, n, v, c.tree.detailed ? label : undefined);
      c.tree.add(F["var-bind_str"], o, n, String.fromCharCode(...d.subarray(o, o + n)));
      c.tree.close();
    }
    return label;
  };
  if (h.cls === BerClass.CONTEXT) {
    const f = h.tag === 0 ? F.noSuchObject : h.tag === 1 ? F.noSuchInstance : h.tag === 2 ? F.endOfMibView : undefined;
    if (!f) throw new BerError("wrong tag for SNMP VarBind error value", h.start);
    const label = add(f, null, "");
    // RFC 3416 §3: an exception instead of a value; Wireshark notes it as a response problem (ei_snmp_varbind_response).
    expert(c.pinfo, o, n, "note", f.name, "Response", "SNMP");
    return label;
  }
  if (h.cls === BerClass.UNIVERSAL) {
    switch (h.tag) {
      case UniversalTag.INTEGER: {
        const v = n >= 1 && n <= 4 ? Number(readInteger(d, o, n)) : null;
        return add(F["value.int"], v, v === null ? "" : `: ${v}`);
      }
      case UniversalTag.OCTET_STRING:
        return add(F["value.octets"], n === 0 ? MISSING : d.subarray(o, o + n), `: ${n === 0 ? MISSING : printable(d, o, n)}`);
      case UniversalTag.OID: {
        const arcs = readOid(d, o, n);
        return add(F["value.oid"], arcs.join("."), `: ${arcs.join(".")} (${resolvedOid(arcs)})`);
      }
      case UniversalTag.NULL:
        return add(F["value.null"], null, "");
    }
  } else if (h.cls === BerClass.APPLICATION) {
    switch (h.tag) {
      case APP.IPADDRESS:
        if (n === 4) return add(F["value.ipv4"], u32(d, o), `: ${ipv4ToString(u32(d, o))}`);
        if (n === 16) return add(F["value.ipv6"], d.subarray(o, o + 16), `: ${ipv6ToString(d.subarray(o, o + 16))}`);
        return add(F["value.addr"], d.subarray(o, o + n), `: ${bytesToHex(d.subarray(o, o + n))}`);
      case APP.UNSIGNED32:
        return signed64(add, F["value.u32"], d, o, n);
      case APP.GAUGE32:
        return signed64(add, F["value.g32"], d, o, n);
      case APP.COUNTER32:
      case APP.TIMETICKS:
      case APP.NSAP:
      case APP.COUNTER64: {
        const f = h.tag === APP.TIMETICKS ? F["value.timeticks"] : h.tag === APP.NSAP ? F["value.nsap"] : F["value.counter"];
        // A leading zero octet keeps a 64-bit value positive in BER: nine octets fit.
        const v = n > 9 || (n === 9 && d[o] !== 0) ? null : readUnsigned(d, o, n);
        // Counter64 shares snmp.value.counter with Counter32 in tshark, under its own name.
        return add(f, v, v === null ? "" : `: ${v}`, h.tag === APP.COUNTER64 ? "Value (Counter64)" : f.name);
      }
      case APP.OPAQUE:
        return add(F["value.opaque"], d.subarray(o, o + n), `: ${bytesToHex(d.subarray(o, o + n))}`);
    }
  }
  return add(F["value.unk"], d.subarray(o, o + n), `: ${bytesToHex(d.subarray(o, o + n))}`);
}

/** FT_INT64 read from n octets, sign-extended (Wireshark's proto_tree_add_item for FT_INT64). */
function signed64(add: (f: FieldDef, v: FieldValue, text: string) => string, f: FieldDef, d: Uint8Array, o: number, n: number): string {
  const v = n >= 1 && n <= 8 ? readInteger(d, o, n) : null;
  return add(f, v, v === null ? "" : `: ${v}`);
}

/** BASE_SHOW_ASCII_PRINTABLE: quoted text when every octet is printable ASCII, else hex. */
function printable(d: Uint8Array, o: number, n: number): string {
  for (let i = 0; i < n; i++) {
    const b = d[o + i]!;
    if (b < 0x20 || b > 0x7e) return bytesToHex(d.subarray(o, o + n));
  }
  return `"${String.fromCharCode(...d.subarray(o, o + n))}"`;
}
