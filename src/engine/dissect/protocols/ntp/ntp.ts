/**
 * Network Time Protocol (RFC 5905; v1-v3 RFC 1059/1119/1305), UDP and TCP
 * port 123, as Wireshark 4.0's packet-ntp.c dissects it:
 *
 *   +0 LI(2) VN(3) Mode(3)  +1 stratum  +2 poll  +3 precision
 *   +4 root delay  +8 root dispersion  +12 reference ID
 *   +16 reference, +24 origin, +32 receive, +40 transmit timestamps (64-bit NTP)
 *   +48 extension fields (RFC 7822), then key ID and MAC
 *
 * Info is "<version>, <mode>" ("NTP Version 3, client"); private (mode 7)
 * messages add ", Request|Response, <request code>". Control (mode 6) and
 * private messages are dissected as far as their headers. Requests and
 * responses are paired per conversation (client/server by "sequence" 0xffffffff,
 * control by its sequence, private by implementation): ntp.response_in,
 * ntp.request_in and ntp.delta_time appear when a packet is dissected again
 * (tshark -2, the details pane), as in Wireshark.
 */
import type { FieldDef } from "../../field";
import { register } from "../../dissector";
import { enterLayer, expert, malformed } from "../../common";
import { bitmask } from "../bitmask";
import { ensure, g16, g32, g8, Truncated } from "../../bytes";
import { ipv4ToString, timeDiff } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, type ProtoTree } from "../../tree";
import { INFO_MODES, ntpFields as F, PRIMARY_SOURCES, PRIV_REQUEST_CODES, stratumName, VERSIONS } from "./fields";

interface Transaction {
  reqFrame: number;
  respFrame: number;
  reqSec: number;
  reqNsec: number;
}

/** Per conversation: transactions by sequence key, each list in increasing request-frame order. */
class NtpState {
  readonly conversations = new Map<string, Map<number, Transaction[]>>();
}

function conversationKey(pinfo: PacketInfo): string {
  const a = `${pinfo.netSrc}/${pinfo.srcPort}`;
  const b = `${pinfo.netDst}/${pinfo.dstPort}`;
  return `${pinfo.portType}|${a < b ? a + "|" + b : b + "|" + a}`;
}

const SEQ_STANDARD = 0xffffffff;

/** The conversation's transactions for `seq` (wmem_tree_lookup32_array_le with the sequence check). */
function transactions(pinfo: PacketInfo, seq: number): Transaction[] {
  const st = pinfo.state.get("ntp", () => new NtpState());
  const key = conversationKey(pinfo);
  let conv = st.conversations.get(key);
  if (!conv) st.conversations.set(key, (conv = new Map()));
  let list = conv.get(seq);
  if (!list) conv.set(seq, (list = []));
  return list;
}

/** The latest transaction whose request is at or before `frame` (binary search: requests are in frame order). */
function latestAtOrBefore(list: Transaction[], frame: number): Transaction | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.reqFrame <= frame) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1] : undefined;
}

/** A request: remembered on the first pass; on a later one, its response's frame. */
function trackRequest(pinfo: PacketInfo, seq: number): void {
  if (pinfo.inErrorPacket) return;
  const list = transactions(pinfo, seq);
  if (!pinfo.visited) {
    if (list.length === 0 || list[list.length - 1]!.reqFrame < pinfo.num) list.push({ reqFrame: pinfo.num, respFrame: 0, reqSec: pinfo.tsSec, reqNsec: pinfo.tsNsec });
    return;
  }
  const t = latestAtOrBefore(list, pinfo.num);
  if (t && t.respFrame !== 0) pinfo.tree.add(F.response_in, 0, 0, t.respFrame, GENERATED);
}

/** A response: pairs with the latest request on the first pass; on a later one, the request's frame and the delay. */
function trackResponse(pinfo: PacketInfo, seq: number, onlyOwnFrame: boolean): void {
  if (pinfo.inErrorPacket) return;
  const t = latestAtOrBefore(transactions(pinfo, seq), pinfo.num);
  if (!t) return;
  if (!pinfo.visited) {
    if (t.respFrame === 0) t.respFrame = pinfo.num;
  } else if (!onlyOwnFrame || t.respFrame === pinfo.num) {
    pinfo.tree.add(F.request_in, 0, 0, t.reqFrame, GENERATED);
    pinfo.tree.add(F.delta_time, 0, 0, timeDiff(pinfo.tsSec, pinfo.tsNsec, t.reqSec, t.reqNsec), GENERATED);
  }
}

const STANDARD_FLAGS = [F["flags.li"], F["flags.vn"], F["flags.mode"]];
const PRIVATE_FLAGS = [F["priv.flags.r"], F["priv.flags.more"], F["flags.vn"], F["flags.mode"]];
const CONTROL_FLAGS2 = [F["ctrl.flags2.r"], F["ctrl.flags2.error"], F["ctrl.flags2.more"], F["ctrl.flags2.opcode"]];
const AUTH_SEQ = [F["priv.auth"], F["priv.seq"]];

/**
 * An NTP timestamp as proto_tree_add_item(ENC_TIME_NTP) reads it: seconds
 * since 1900 (era 0 when the top bit is set, else era 1 from 2036, RFC 5905
 * §6), the fraction truncated to nanoseconds; all zeros is "NULL".
 */
function timestamp(tree: ProtoTree, f: FieldDef, data: Uint8Array, off: number, end: number): void {
  const secs = g32(data, off, end);
  const frac = g32(data, off + 4, end);
  if (!tree.detailed && !tree.wants(f)) return;
  const nsec = Math.trunc(1000000000 * (frac / 4294967296));
  const sec = secs >= 0x80000000 ? secs - 2208988800 : secs + 2085978496;
  // Wireshark's ABSOLUTE_TIME_NTP_UTC prints the all-zero timestamp as "NULL".
  tree.add(f, off, 8, secs === 0 && nsec === 0 ? "NULL" : [sec, nsec]);
}

/** Root delay/dispersion: 16.16 fixed-point seconds. */
function fixed1616(tree: ProtoTree, f: FieldDef, data: Uint8Array, off: number, end: number): void {
  const v = g32(data, off, end);
  tree.add(f, off, 4, v, 0, tree.detailed ? `${f.name}: ${((v >>> 16) + (v & 0xffff) / 65536).toFixed(6)} seconds` : undefined);
}

function refidText(data: Uint8Array, off: number, stratum: number): string {
  if (stratum > 1) return ipv4ToString(g32(data, off, off + 4));
  const code = String.fromCharCode(data[off]!, data[off + 1]!, data[off + 2]!, data[off + 3]!);
  const known = PRIMARY_SOURCES.get(code);
  if (known) return known;
  let ascii = "";
  for (let i = 0; i < 4 && data[off + i] !== 0; i++) {
    const c = data[off + i]!;
    ascii += c < 0x80 ? String.fromCharCode(c) : "\ufffd";
  }
  return `Unidentified reference source '${ascii}'`;
}

/** dissect_ntp_std: modes 0-5. */
function dissectStandard(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  const flags = data[offset]!;
  bitmask(tree, F.flags, offset, 1, flags, STANDARD_FLAGS);
  const mode = flags & 7;
  if (mode === 3) trackRequest(pinfo, SEQ_STANDARD);
  else if (mode === 4) trackResponse(pinfo, SEQ_STANDARD, true);
  const stratum = g8(data, offset + 1, end);
  tree.add(F.stratum, offset + 1, 1, stratum, 0, tree.detailed ? `Peer Clock Stratum: ${stratumName(stratum)} (${stratum})` : undefined);
  const ppoll = g8(data, offset + 2, end);
  tree.add(F.ppoll, offset + 2, 1, ppoll, 0, tree.detailed ? `Peer Polling Interval: ${ppoll >= 4 && ppoll <= 17 ? `${ppoll} (${2 ** ppoll} seconds)` : `invalid (${ppoll})`}` : undefined);
  const precision = g8(data, offset + 3, end);
  tree.add(F.precision, offset + 3, 1, precision, 0, tree.detailed ? `Peer Clock Precision: ${(2 ** ((precision << 24) >> 24)).toFixed(6)} seconds` : undefined);
  fixed1616(tree, F.rootdelay, data, offset + 4, end);
  fixed1616(tree, F.rootdispersion, data, offset + 8, end);
  ensure(offset + 12, 4, end);
  tree.add(F.refid, offset + 12, 4, data.subarray(offset + 12, offset + 16), 0, tree.detailed ? `Reference ID: ${refidText(data, offset + 12, stratum)}` : undefined);
  timestamp(tree, F.reftime, data, offset + 16, end);
  timestamp(tree, F.org, data, offset + 24, end);
  timestamp(tree, F.rec, data, offset + 32, end);
  timestamp(tree, F.xmt, data, offset + 40, end);

  // Extension fields (RFC 7822) then a MAC: extensions run while their lengths are plausible;
  // trailing bytes too short for a MAC mean the last "extension" was the MAC.
  let efsEnd = offset + 48;
  let lastLen = 0;
  while (end - efsEnd >= 16) {
    const len = (data[efsEnd + 2]! << 8) | data[efsEnd + 3]!;
    if (len < 16 || end - efsEnd < len) break;
    efsEnd += len;
    lastLen = len;
  }
  const macLen = end - efsEnd;
  if (macLen !== 0 && !(macLen === 4 && g32(data, efsEnd, end) === 0) && macLen < 20) efsEnd -= lastLen;
  let cur = offset + 48;
  while (cur < efsEnd) cur = extension(data, cur, end, pinfo);
  if (end - cur >= 4) tree.add(F.keyid, cur, 4, data.subarray(cur, cur + 4));
  cur += 4;
  if (end - cur > 0) tree.add(F.mac, cur, end - cur, data.subarray(cur, end));
}

/** dissect_ntp_ext: one extension field; a bad length ends the message. */
function extension(data: Uint8Array, off: number, end: number, pinfo: PacketInfo): number {
  const tree = pinfo.tree;
  const len = g16(data, off + 2, end);
  ensure(off, len, end);
  tree.open(F.ext, off, len, 1);
  try {
    tree.add(F["ext.type"], off, 2, g16(data, off, end));
    tree.add(F["ext.length"], off + 2, 2, len);
    if (len < 8 || len % 4) {
      expert(pinfo, off + 2, 2, "error", len < 8 ? `Extension length ${len} < 8` : `Extension length ${len} isn't a multiple of 4`, "Malformed", "NTP");
      return end;
    }
    ensure(off + 4, len - 4, end);
    tree.add(F["ext.value"], off + 4, len - 4, data.subarray(off + 4, off + len));
    return off + len;
  } finally {
    tree.close();
  }
}

/** dissect_ntp_ctrl, as far as the header: flags, R/E/M/opcode, sequence, status, association, offset, count. */
function dissectControl(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  bitmask(tree, F.flags, offset, 1, data[offset]!, STANDARD_FLAGS);
  const flags2 = g8(data, offset + 1, end);
  bitmask(tree, F["ctrl.flags2"], offset + 1, 1, flags2, CONTROL_FLAGS2);
  const seq = g16(data, offset + 2, end);
  tree.add(F["ctrl.sequence"], offset + 2, 2, seq);
  if (flags2 & 0x80) trackResponse(pinfo, seq, false);
  else trackRequest(pinfo, seq);
  tree.add(F["ctrl.status"], offset + 4, 2, g16(data, offset + 4, end));
  tree.add(F["ctrl.associd"], offset + 6, 2, g16(data, offset + 6, end));
  tree.add(F["ctrl.offset"], offset + 8, 2, g16(data, offset + 8, end));
  tree.add(F["ctrl.count"], offset + 10, 2, g16(data, offset + 10, end));
}

/** ntpd's mode 7 implementation number: its messages go on with error, item count and item size. */
const XNTPD = 3;

/**
 * proto_tree_add_bits_item's text for `nbits` bits from bit `startBit` of the
 * bytes at `off`: the covered bytes as bit patterns ("0000 ...." per byte,
 * bytes two spaces apart), the others' bits as dots.
 */
function bitsText(data: Uint8Array, off: number, startBit: number, nbits: number): string {
  const first = startBit >> 3;
  const last = (startBit + nbits - 1) >> 3;
  const parts: string[] = [];
  for (let b = first; b <= last; b++) {
    let s = "";
    for (let i = 0; i < 8; i++) {
      const bit = b * 8 + i;
      s += bit >= startBit && bit < startBit + nbits ? String((data[off + b]! >> (7 - i)) & 1) : ".";
      if (i === 3) s += " ";
    }
    parts.push(s);
  }
  return parts.join("  ");
}

/** The XNTPD request header's second word: error (4 bits), item count (12), reserved (4), item size (12). */
function xntpdHeader(data: Uint8Array, offset: number, end: number, tree: ProtoTree): void {
  const w1 = g16(data, offset + 4, end);
  const w2 = g16(data, offset + 6, end);
  const items: [FieldDef, number, number, number][] = [
    [F["priv.err"], 32, 4, w1 >> 12],
    [F["priv.numitems"], 36, 12, w1 & 0xfff],
    [F["priv.reserved"], 48, 4, w2 >> 12],
    [F["priv.itemsize"], 52, 12, w2 & 0xfff],
  ];
  for (const [f, bit, n, v] of items) {
    const at = offset + (bit >> 3);
    const len = ((bit + n - 1) >> 3) - (bit >> 3) + 1;
    let label: string | undefined;
    if (tree.detailed) {
      const shown = f.base === "hex" ? `0x${v.toString(16).padStart(2, "0")}` : String(v);
      label = `${bitsText(data, offset, bit, n)} = ${f.name}: ${f.vals ? `${f.vals.get(v) ?? "Unknown"} (${shown})` : shown}`;
    }
    tree.add(f, at, len, v, 0, label);
  }
}

/** dissect_ntp_priv, as far as the header: R/More/VN/mode, auth and sequence, implementation, request code. */
function dissectPrivate(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, cols: boolean): void {
  const tree = pinfo.tree;
  const flags = data[offset]!;
  bitmask(tree, F.flags, offset, 1, flags, PRIVATE_FLAGS);
  bitmask(tree, F["priv.auth_seq"], offset + 1, 1, g8(data, offset + 1, end), AUTH_SEQ);
  const impl = g8(data, offset + 2, end);
  tree.add(F["priv.impl"], offset + 2, 1, impl);
  const reqcode = g8(data, offset + 3, end);
  tree.add(F["priv.reqcode"], offset + 3, 1, reqcode);
  if (cols) pinfo.info += `, ${flags & 0x80 ? "Response" : "Request"}, ${PRIV_REQUEST_CODES.get(reqcode) ?? "Unknown"}`;
  const seq = (0xff000000 | impl) >>> 0;
  if (impl === XNTPD) xntpdHeader(data, offset, end, tree);
  if (flags & 0x80) trackResponse(pinfo, seq, false);
  else trackRequest(pinfo, seq);
}

export const ntp = {
  name: "ntp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    enterLayer(pinfo, "ntp");
    const tree = pinfo.tree;
    const cols = pinfo.wantColumns && !pinfo.inErrorPacket;
    if (!pinfo.inErrorPacket) pinfo.protocol = "NTP";
    if (cols) pinfo.info = "";
    let opened = false;
    try {
      const flags = g8(data, offset, end);
      const mode = flags & 7;
      const summary = `${VERSIONS.get((flags >> 3) & 7)}, ${INFO_MODES.get(mode)}`;
      if (cols) pinfo.info = summary;
      tree.open(F[""], offset, end - offset, null, tree.detailed || tree.wants(F[""]) ? `Network Time Protocol (${summary})` : undefined);
      opened = true;
      if (mode === 6) dissectControl(data, offset, end, pinfo);
      else if (mode === 7) dissectPrivate(data, offset, end, pinfo, cols);
      else dissectStandard(data, offset, end, pinfo);
    } catch (e) {
      if (!(e instanceof Truncated)) throw e;
      malformed(pinfo, "NTP", offset, "message runs past the end of the data");
    } finally {
      if (opened) tree.close();
    }
    return end - offset;
  },
};

register("udp.port", 123, ntp);
register("tcp.port", 123, ntp);
