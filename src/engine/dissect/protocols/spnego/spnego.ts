/**
 * GSS-API framing (RFC 2743 §3.1) and SPNEGO (RFC 4178) in SMB and SMB2
 * security blobs, as Wireshark 4.0's packet-gssapi.c and packet-spnego.c
 * show them: an initial token ([APPLICATION 0], the mechanism OID, then
 * SPNEGO's negTokenInit) or a bare negTokenResp ("negTokenTarg"), each a
 * layer of its own (gss-api, spnego). A token for NTLMSSP (mechToken,
 * responseToken) goes to NTLMSSP, and so does mechListMIC as its verifier
 * (MS-NLMP §2.2.2.9), when the mechanism is NTLMSSP: the first of the
 * initiator's mechTypes, the acceptor's supportedMech, or the last one this
 * connection named.
 *
 *   NegotiationToken ::= CHOICE { negTokenInit [0] NegTokenInit, negTokenResp [1] NegTokenResp }
 *   NegTokenInit ::= SEQUENCE { mechTypes [0] MechTypeList, reqFlags [1] ContextFlags OPTIONAL,
 *                               mechToken [2] OCTET STRING OPTIONAL, mechListMIC [3] OCTET STRING OPTIONAL }
 *   NegTokenResp ::= SEQUENCE { negState [0] ENUMERATED OPTIONAL, supportedMech [1] MechType OPTIONAL,
 *                               responseToken [2] OCTET STRING OPTIONAL, mechListMIC [3] OCTET STRING OPTIONAL }
 */
import { BerError, oidToString, readHeader, readOid, readUnsigned, type BerHeader } from "../../ber";
import { enterLayer } from "../../common";
import { defineFields } from "../../field";
import type { PacketInfo } from "../../packet-info";
import { ntlmsspInfo } from "../ntlmssp/ntlmssp";
import { ntlmsspVerifier } from "../ntlmssp/verifier";

export const gssapiFields = defineFields("gss-api", {
  "": { name: "GSS-API Generic Security Service Application Program Interface", type: "protocol" },
  OID: { name: "OID", type: "string" },
});

export const spnegoFields = defineFields("spnego", {
  "": { name: "Simple Protected Negotiation", type: "protocol" },
  negTokenInit_element: { name: "negTokenInit", type: "none" },
  negTokenTarg_element: { name: "negTokenTarg", type: "none" },
  mechTypes: { name: "mechTypes", type: "uint32" },
  MechType: { name: "MechType", type: "oid" },
  reqFlags: { name: "reqFlags", type: "bytes" },
  mechToken: { name: "mechToken", type: "bytes" },
  mechListMIC: { name: "mechListMIC", type: "bytes" },
  negResult: { name: "negResult", type: "uint32", vals: { 0: "accept-completed", 1: "accept-incomplete", 2: "reject", 3: "request-mic" } },
  supportedMech: { name: "supportedMech", type: "oid" },
  responseToken: { name: "responseToken", type: "bytes" },
});
const G = gssapiFields;
const S = spnegoFields;

const SPNEGO_OID = "1.3.6.1.5.5.2";
const NTLMSSP_OID = "1.3.6.1.4.1.311.2.2.10";

/** The names Wireshark gives the OIDs of Windows SPNEGO exchanges (oids.c), for labels. */
const OID_NAMES: Record<string, string> = {
  [SPNEGO_OID]: "SPNEGO - Simple Protected Negotiation",
  [NTLMSSP_OID]: "NTLMSSP - Microsoft NTLM Security Support Provider",
  "1.3.6.1.4.1.311.2.2.30": "NEGOEX - SPNEGO Extended Negotiation Security Mechanism",
  "1.2.840.48018.1.2.2": "MS KRB5 - Microsoft Kerberos 5",
  "1.2.840.113554.1.2.2": "KRB5 - Kerberos 5",
  "1.2.840.113554.1.2.2.3": "KRB5 - Kerberos 5 - User to User",
};

/** The mechanism each connection last named, and what a response without one used, by frame (re-dissection). */
class SpnegoState {
  readonly mech = new Map<string, string>();
  readonly byFrame = new Map<number, string>();
}

function oidAt(data: Uint8Array, h: BerHeader): string {
  return oidToString(readOid(data, h.contents, h.length));
}

function expect(data: Uint8Array, at: number, end: number, tag: number): BerHeader {
  const h = readHeader(data, at, end);
  if (((h.cls << 6) | (h.constructed ? 0x20 : 0) | h.tag) !== tag) throw new BerError(`unexpected tag 0x${tag.toString(16)}`, at);
  return h;
}

/**
 * A security blob in data[start, end): GSS-API and SPNEGO when it is one
 * (else NTLMSSP alone, if it holds a token); returns what Info gets from
 * NTLMSSP (", NTLMSSP_AUTH, User: …").
 */
export function dissectSecurityBlob(data: Uint8Array, start: number, end: number, pinfo: PacketInfo): string {
  const first = data[start];
  if (first !== 0x60 && first !== 0xa0 && first !== 0xa1) return ntlmsspInfo(data, start, end, pinfo);
  const tree = pinfo.tree;
  enterLayer(pinfo, "gss-api");
  tree.open(G[""], start, end - start, null, tree.detailed ? "GSS-API Generic Security Service Application Program Interface" : undefined);
  let info = "";
  let spnegoOpen = false;
  try {
    let at = start;
    let stop = end;
    if (first === 0x60) {
      const app = readHeader(data, start, end);
      stop = app.contents + app.length;
      const oid = expect(data, app.contents, stop, 0x06);
      const text = oidAt(data, oid);
      tree.add(G.OID, oid.contents, oid.length, text, 0, tree.detailed ? `OID: ${text}${OID_NAMES[text] ? ` (${OID_NAMES[text]})` : ""}` : undefined);
      at = oid.contents + oid.length;
      if (text !== SPNEGO_OID) return "";
    }
    enterLayer(pinfo, "spnego");
    tree.open(S[""], at, stop - at, null, tree.detailed ? "Simple Protected Negotiation" : undefined);
    spnegoOpen = true;
    const choice = readHeader(data, at, stop);
    const seq = expect(data, choice.contents, choice.contents + choice.length, 0x30);
    const st = pinfo.state.get("spnego", () => new SpnegoState());
    const conn = `${pinfo.tcpStream}`;
    if (choice.tag === 0 && choice.cls === 2) info = negTokenInit(data, seq, st, conn, pinfo);
    else if (choice.tag === 1 && choice.cls === 2) info = negTokenTarg(data, seq, st, conn, pinfo);
  } catch (e) {
    // A token that does not parse stops here, unmarked: tshark raises no exception for one either (packet-gssapi.c
    // hands what it cannot read to the data dissector, which is not done here).
    if (!(e instanceof BerError)) throw e;
  } finally {
    if (spnegoOpen) tree.close();
    tree.close();
  }
  return info;
}

/** The [n] elements of a SEQUENCE, in order. */
function* elements(data: Uint8Array, seq: BerHeader): Generator<BerHeader> {
  const stop = seq.contents + seq.length;
  for (let at = seq.contents; at < stop; ) {
    const h = readHeader(data, at, stop);
    yield h;
    at = h.contents + h.length;
  }
}

function octets(data: Uint8Array, el: BerHeader): BerHeader {
  return expect(data, el.contents, el.contents + el.length, 0x04);
}

/** A token for the mechanism: NTLMSSP's when it is NTLMSSP (under the field, as packet-spnego.c hands it on). */
function token(data: Uint8Array, f: typeof S.mechToken, os: BerHeader, mech: string | undefined, pinfo: PacketInfo): string {
  const tree = pinfo.tree;
  const stop = os.contents + os.length;
  tree.open(f, os.contents, os.length, data.subarray(os.contents, stop));
  const info = mech === NTLMSSP_OID ? ntlmsspInfo(data, os.contents, stop, pinfo) : "";
  tree.close();
  return info;
}

function mic(data: Uint8Array, os: BerHeader, mech: string | undefined, pinfo: PacketInfo): void {
  const stop = os.contents + os.length;
  pinfo.tree.open(S.mechListMIC, os.contents, os.length, data.subarray(os.contents, stop));
  if (mech === NTLMSSP_OID) ntlmsspVerifier(data, os.contents, stop, pinfo);
  pinfo.tree.close();
}

function negTokenInit(data: Uint8Array, seq: BerHeader, st: SpnegoState, conn: string, pinfo: PacketInfo): string {
  const tree = pinfo.tree;
  tree.open(S.negTokenInit_element, seq.start, seq.contents + seq.length - seq.start);
  let mech: string | undefined;
  let info = "";
  for (const el of elements(data, seq)) {
    if (el.cls !== 2) continue;
    if (el.tag === 0) {
      const list = expect(data, el.contents, el.contents + el.length, 0x30);
      const types = [...elements(data, list)];
      tree.open(S.mechTypes, list.contents, list.length, types.length, tree.detailed ? `mechTypes: ${types.length} item${types.length === 1 ? "" : "s"}` : undefined);
      for (const t of types) {
        const text = oidAt(data, t);
        mech ??= text;
        tree.add(S.MechType, t.contents, t.length, text, 0, tree.detailed ? `MechType: ${text}${OID_NAMES[text] ? ` (${OID_NAMES[text]})` : ""}` : undefined);
      }
      tree.close();
      if (mech && !pinfo.visited) st.mech.set(conn, mech);
    } else if (el.tag === 1) tree.add(S.reqFlags, el.contents, el.length, data.subarray(el.contents, el.contents + el.length));
    else if (el.tag === 2) info = token(data, S.mechToken, octets(data, el), mech, pinfo);
    else if (el.tag === 3) mic(data, octets(data, el), mech, pinfo);
  }
  tree.close();
  return info;
}

function negTokenTarg(data: Uint8Array, seq: BerHeader, st: SpnegoState, conn: string, pinfo: PacketInfo): string {
  const tree = pinfo.tree;
  tree.open(S.negTokenTarg_element, seq.start, seq.contents + seq.length - seq.start);
  // The connection's mechanism until this token names one.
  let mech = pinfo.visited ? st.byFrame.get(pinfo.num) : st.mech.get(conn);
  if (!pinfo.visited && mech) st.byFrame.set(pinfo.num, mech);
  let info = "";
  for (const el of elements(data, seq)) {
    if (el.cls !== 2) continue;
    if (el.tag === 0) {
      const e = expect(data, el.contents, el.contents + el.length, 0x0a);
      tree.add(S.negResult, e.contents, e.length, Number(readUnsigned(data, e.contents, e.length)));
    } else if (el.tag === 1) {
      const oid = expect(data, el.contents, el.contents + el.length, 0x06);
      const text = oidAt(data, oid);
      tree.add(S.supportedMech, oid.contents, oid.length, text, 0, tree.detailed ? `supportedMech: ${text}${OID_NAMES[text] ? ` (${OID_NAMES[text]})` : ""}` : undefined);
      mech = text;
      if (!pinfo.visited) {
        st.mech.set(conn, text);
        st.byFrame.set(pinfo.num, text);
      }
    } else if (el.tag === 2) info = token(data, S.responseToken, octets(data, el), mech, pinfo);
    else if (el.tag === 3) mic(data, octets(data, el), mech, pinfo);
  }
  tree.close();
  return info;
}
