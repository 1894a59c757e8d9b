/**
 * SNMPv3Message (RFC 3412 §6): msgVersion, msgGlobalData (HeaderData), the
 * security parameters as an OCTET STRING (for the User-based Security Model,
 * RFC 3414 §2.4, a BER SEQUENCE inside it, shown at the message's level as
 * Wireshark does), then msgData: a plaintext ScopedPDU or encrypted octets.
 */
import type { PacketInfo } from "../../packet-info";
import { bitPattern, MISSING } from "../../common";
import { BerClass, BerError, berInteger, readHeader, UniversalTag, type BerHeader } from "../../ber";
import type { FieldDef } from "../../field";
import { dissectEngineId } from "./engine-id";
import type { PduContext } from "./pdu";
import { snmpFields as F } from "./fields";

const USM = 3;

type PdusFn = (c: PduContext, offset: number, end: number) => number;

function universal(c: PduContext, o: number, end: number, tag: number, what: string): BerHeader {
  const h = readHeader(c.d, o, end);
  if (h.cls !== BerClass.UNIVERSAL || h.tag !== tag) throw new BerError(`${what}: wrong tag`, o);
  return h;
}

function integer(c: PduContext, f: FieldDef, o: number, end: number): [number, number] {
  const h = universal(c, o, end, UniversalTag.INTEGER, f.name);
  const v = berInteger(f, c.d, h.contents, h.length);
  c.tree.add(f, h.contents, h.length, v);
  return [v, h.contents + h.length];
}

/** An OCTET STRING item as FT_BYTES: "<MISSING>" when empty, as tshark prints it. */
function octets(c: PduContext, f: FieldDef, o: number, end: number, engineId = false): number {
  const h = universal(c, o, end, UniversalTag.OCTET_STRING, f.name);
  const n = h.length;
  const v = n === 0 ? MISSING : c.d.subarray(h.contents, h.contents + n);
  if (engineId && n > 0) {
    c.tree.open(f, h.contents, n, v);
    dissectEngineId(c.tree, c.d, h.contents, n);
    c.tree.close();
  } else c.tree.add(f, h.contents, n, v);
  return h.contents + n;
}

function text(c: PduContext, f: FieldDef, o: number, end: number): number {
  const h = universal(c, o, end, UniversalTag.OCTET_STRING, f.name);
  c.tree.add(f, h.contents, h.length, String.fromCharCode(...c.d.subarray(h.contents, h.contents + h.length)));
  return h.contents + h.length;
}

export function dissectV3(c: PduContext, outer: BerHeader, pinfo: PacketInfo, pdus: PdusFn): void {
  const d = c.d;
  const tree = c.tree;
  const end = outer.contents + outer.length;
  let o: number;
  [, o] = integer(c, F.msgVersion, outer.contents, end);

  // HeaderData ::= SEQUENCE { msgID, msgMaxSize, msgFlags OCTET STRING (SIZE(1)), msgSecurityModel }
  const hd = universal(c, o, end, UniversalTag.SEQUENCE, "msgGlobalData");
  const hdEnd = hd.contents + hd.length;
  let model = 0;
  tree.open(F.msgGlobalData_element, hd.contents, hd.length, null, "msgGlobalData");
  try {
    let p = hd.contents;
    [, p] = integer(c, F.msgID, p, hdEnd);
    [, p] = integer(c, F.msgMaxSize, p, hdEnd);
    const fl = universal(c, p, hdEnd, UniversalTag.OCTET_STRING, "msgFlags");
    const flags = fl.length > 0 ? d[fl.contents]! : 0;
    tree.open(F.msgFlags, fl.contents, fl.length, d.subarray(fl.contents, fl.contents + fl.length));
    if (fl.length > 0) {
      // RFC 3412 §6.4: reportableFlag 0x04, privFlag 0x02, authFlag 0x01.
      for (const [f, mask] of [[F["v3.flags.report"], 4], [F["v3.flags.crypt"], 2], [F["v3.flags.auth"], 1]] as const) {
        const on = (flags & mask) !== 0;
        tree.add(f, fl.contents, 1, on, 0, tree.detailed ? `${bitPattern(flags, mask, 8)} = ${f.name}: ${on ? "Set" : "Not set"}` : undefined);
      }
    }
    tree.close();
    [model] = integer(c, F.msgSecurityModel, fl.contents + fl.length, hdEnd);
  } finally {
    tree.close();
  }
  o = hdEnd;

  const sp = universal(c, o, end, UniversalTag.OCTET_STRING, "msgSecurityParameters");
  if (model === USM) usmParameters(c, sp.contents, sp.contents + sp.length);
  else tree.add(F.msgSecurityParameters, sp.contents, sp.length, d.subarray(sp.contents, sp.contents + sp.length));
  o = sp.contents + sp.length;

  // ScopedPduData ::= CHOICE { plaintext ScopedPDU, encryptedPDU OCTET STRING }
  const body = readHeader(d, o, end);
  const encrypted = body.cls === BerClass.UNIVERSAL && body.tag === UniversalTag.OCTET_STRING;
  const choice = encrypted ? 1 : 0;
  tree.open(F.msgData, o, body.contents + body.length - o, choice, tree.detailed ? `msgData: ${encrypted ? "encryptedPDU" : "plaintext"} (${choice})` : undefined);
  try {
    if (encrypted) {
      tree.add(F.encryptedPDU, body.contents, body.length, d.subarray(body.contents, body.contents + body.length));
      // Without the user's privacy key the PDU stays opaque.
      if (pinfo.wantColumns && !pinfo.inErrorPacket) pinfo.info = "encryptedPDU: privKey Unknown";
    } else {
      if (body.cls !== BerClass.UNIVERSAL || body.tag !== UniversalTag.SEQUENCE) throw new BerError("msgData: wrong tag", o);
      // ScopedPDU ::= SEQUENCE { contextEngineID, contextName, data }
      const sEnd = body.contents + body.length;
      tree.open(F.plaintext_element, body.contents, body.length, null, "plaintext");
      try {
        let p = octets(c, F.contextEngineID, body.contents, sEnd, true);
        p = text(c, F.contextName, p, sEnd);
        pdus(c, p, sEnd);
      } finally {
        tree.close();
      }
    }
  } finally {
    tree.close();
  }
}

/** UsmSecurityParameters (RFC 3414 §2.4): engine ID, boots, time, user, auth and privacy parameters. */
function usmParameters(c: PduContext, offset: number, end: number): void {
  const seq = universal(c, offset, end, UniversalTag.SEQUENCE, "UsmSecurityParameters");
  const sEnd = seq.contents + seq.length;
  let o = octets(c, F.msgAuthoritativeEngineID, seq.contents, sEnd, true);
  [, o] = integer(c, F.msgAuthoritativeEngineBoots, o, sEnd);
  [, o] = integer(c, F.msgAuthoritativeEngineTime, o, sEnd);
  o = text(c, F.msgUserName, o, sEnd);
  o = octets(c, F.msgAuthenticationParameters, o, sEnd);
  octets(c, F.msgPrivacyParameters, o, sEnd);
}
