/**
 * Simple Network Management Protocol over UDP 161/162: v1 (RFC 1157), v2c
 * (RFC 1901, PDUs of RFC 3416), v2u, and v3 with the User-based Security
 * Model (RFC 3412 §6, RFC 3414 §2.4). Follows tshark 4.0's packet-snmp:
 *
 * - A message is a BER SEQUENCE whose first element is an INTEGER; anything
 *   else is not SNMP (the port goes to data).
 * - Every PDU looks up its exact UDP conversation and, unless SNMP already
 *   owns it, creates a new one owned by SNMP. That new conversation carries
 *   the request/response table, and it is why tshark's udp.stream changes
 *   after an SNMP request (see `ownUdpConversation`).
 * - snmp.response_in / response_to / time pair requests and responses by
 *   request-id within that conversation; on the first pass a request cannot
 *   know its response yet (tshark's one-pass output shows none).
 * - The Info column is the PDU's name then each variable binding's OID (and
 *   a v1 trap's enterprise); an encrypted v3 PDU reads "encryptedPDU:
 *   privKey Unknown" since we hold no keys.
 */
import { register, type Dissector } from "../../dissector";
import { dissectData, enterLayer, expert, markMalformed } from "../../common";
import { BerClass, BerError, readHeader, readInteger, UniversalTag, type BerHeader } from "../../ber";
import { PortType, type PacketInfo } from "../../packet-info";
import { GENERATED, type ProtoTree } from "../../tree";
import { relTimeToString, timeDiff } from "../../format";
import { FrameColumnI32 } from "../../../reassembly/frame-columns";
import { ownUdpConversation } from "../udp";
import { dissectPdus, type PduContext } from "./pdu";
import { dissectV3 } from "./v3";
import { snmpFields as F } from "./fields";

const REQUESTS = new Set([0, 1, 3, 5, 6]); // get, get-next, set, getBulk, inform
const RESPONSE = 2;

interface Transaction {
  requestFrame: number;
  responseFrame: number;
  sec: number;
  nsec: number;
}

class SnmpState {
  /** Per frame: 1 + the conversation SNMP used (stable on re-dissection). */
  readonly convOfFrame = new FrameColumnI32();
  /** Per conversation: request-id → transaction (Wireshark's snmp_conv_info_t). */
  readonly transactions = new Map<number, Map<number, Transaction>>();
}

/** dissect_snmp's test: a SEQUENCE that fits in the datagram, starting with an INTEGER. */
function looksLikeSnmp(d: Uint8Array, offset: number, end: number): boolean {
  try {
    const outer = readHeader(d, offset, end);
    if (outer.cls !== BerClass.UNIVERSAL || outer.tag !== UniversalTag.SEQUENCE) return false;
    const first = readHeader(d, outer.contents, end);
    return first.cls === BerClass.UNIVERSAL && first.tag === UniversalTag.INTEGER;
  } catch {
    return false;
  }
}

export const snmp: Dissector = {
  name: "snmp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    if (!looksLikeSnmp(data, offset, end)) return 0;
    const tree = pinfo.tree;
    const st = pinfo.state.get("snmp", () => new SnmpState());
    const conv = pinfo.portType === PortType.UDP && !pinfo.inErrorPacket ? ownUdpConversation(pinfo, snmp, st.convOfFrame) : -1;
    enterLayer(pinfo, "snmp");
    const outer = readHeader(data, offset, end);
    const messageEnd = outer.contents + outer.length;
    const versionH = readHeader(data, outer.contents, end);
    const version = Number(readInteger(data, versionH.contents, versionH.length));
    if (!pinfo.inErrorPacket) pinfo.protocol = "SNMP";
    tree.open(F[""], offset, messageEnd - offset, null);
    const c: PduContext = { d: data, tree, pinfo, info: [], strings: 0, withStrings: messageEnd >= end, pduTag: -1, requestId: 0 };
    // Request/response matching runs right after the PDU, inside the subtree that holds it.
    c.afterPdu = () => matchRequest(c, pinfo, st, conv, tree);
    let done = false;
    try {
      if (version === 0 || version === 1) communityMessage(c, outer, version, pinfo);
      else if (version === 2) v2uMessage(c, outer, pinfo);
      else if (version === 3) dissectV3(c, outer, pinfo, (cc, o, e) => pdus(cc, o, e, pinfo));
      else {
        tree.add(F.version, versionH.contents, versionH.length, version);
        expert(pinfo, offset, 0, "warn", "Unknown version", "Protocol", "SNMP");
      }
      done = true;
    } catch (e) {
      if (!(e instanceof BerError)) throw e;
      markMalformed(pinfo, "SNMP", e.offset, e.message);
    }
    tree.close();
    if (!done) return end - offset;
    if (messageEnd < end) dissectData(data, messageEnd, end, pinfo);
    else for (let i = 0; i < c.strings; i++) enterLayer(pinfo, "snmp");
    return end - offset;
  },
};

/** Message ::= SEQUENCE { version, community OCTET STRING, data PDUs } (RFC 1157 §4, RFC 1901 §3). */
function communityMessage(c: PduContext, outer: BerHeader, version: number, pinfo: PacketInfo): void {
  const end = outer.contents + outer.length;
  const v = readHeader(c.d, outer.contents, end);
  c.tree.add(F.version, v.contents, v.length, version);
  const comm = readHeader(c.d, v.contents + v.length, end);
  if (comm.cls !== BerClass.UNIVERSAL || comm.tag !== UniversalTag.OCTET_STRING) throw new BerError("community: wrong tag", comm.start);
  c.tree.add(F.community, comm.contents, comm.length, String.fromCharCode(...c.d.subarray(comm.contents, comm.contents + comm.length)));
  pdus(c, comm.contents + comm.length, end, pinfo);
}

/** Messagev2u (RFC 1910): parameters, then a plaintext PDU or encrypted octets. */
function v2uMessage(c: PduContext, outer: BerHeader, pinfo: PacketInfo): void {
  const end = outer.contents + outer.length;
  const v = readHeader(c.d, outer.contents, end);
  c.tree.add(F.version, v.contents, v.length, 2);
  const p = readHeader(c.d, v.contents + v.length, end);
  c.tree.add(F.parameters, p.contents, p.length, c.d.subarray(p.contents, p.contents + p.length));
  const next = p.contents + p.length;
  const body = readHeader(c.d, next, end);
  if (body.cls === BerClass.UNIVERSAL && body.tag === UniversalTag.OCTET_STRING) {
    c.tree.add(F.encrypted, body.contents, body.length, c.d.subarray(body.contents, body.contents + body.length));
  } else pdus(c, next, end, pinfo);
}

/** The PDUs CHOICE with its Info column: the PDU's name, then the OIDs (Wireshark clears Info first). */
function pdus(c: PduContext, offset: number, end: number, pinfo: PacketInfo): number {
  c.info.length = 0;
  const next = dissectPdus(c, offset, end);
  c.afterPdu?.();
  if (pinfo.wantColumns && !pinfo.inErrorPacket) pinfo.info = [PDU_NAME_OF(c.pduTag), ...c.info].join(" ");
  return next;
}

function PDU_NAME_OF(tag: number): string {
  return F.data.vals!.get(tag)!;
}

/** snmp_match_request_response: requests record themselves; a response finds its request by request-id. */
function matchRequest(c: PduContext, pinfo: PacketInfo, st: SnmpState, conv: number, tree: ProtoTree): void {
  if (conv < 0) return;
  let table = st.transactions.get(conv);
  if (!table) st.transactions.set(conv, (table = new Map()));
  let t = table.get(c.requestId);
  if (!t) table.set(c.requestId, (t = { requestFrame: 0, responseFrame: 0, sec: 0, nsec: 0 }));
  if (!pinfo.visited) {
    if (REQUESTS.has(c.pduTag)) {
      t.requestFrame = pinfo.num;
      t.responseFrame = 0;
      t.sec = pinfo.tsSec;
      t.nsec = pinfo.tsNsec;
    } else if (c.pduTag === RESPONSE) t.responseFrame = pinfo.num;
    else return;
  }
  if (t.requestFrame === 0 || t.responseFrame === 0) return;
  if (t.responseFrame === pinfo.num) {
    tree.add(F.response_to, 0, 0, t.requestFrame, GENERATED, tree.detailed ? `[Response To: ${t.requestFrame}]` : undefined);
    const d = timeDiff(pinfo.tsSec, pinfo.tsNsec, t.sec, t.nsec);
    tree.add(F.time, 0, 0, d, GENERATED, tree.detailed ? `[Time: ${relTimeToString(d[0], d[1])} seconds]` : undefined);
  } else {
    tree.add(F.response_in, 0, 0, t.responseFrame, GENERATED, tree.detailed ? `[Response In: ${t.responseFrame}]` : undefined);
  }
}

register("udp.port", [161, 162], snmp);
