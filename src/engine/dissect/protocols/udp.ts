/**
 * User Datagram Protocol (RFC 768), IP protocol 17.
 *
 *   +0 source port  +2 destination port  +4 length (header + data)  +6 checksum  +8 data
 *
 * Follows Wireshark 4.0's packet-udp.c:
 * - A length below 8 stops dissection ("[BAD UDP LENGTH n < 8]"); a length
 *   beyond the IP payload is reported but dissection goes on with what the
 *   IP payload holds. An IPv6 length of 0 is a jumbogram (RFC 2675 §4).
 * - A zero checksum means "none" over IPv4 (RFC 768) but is illegal over
 *   IPv6 (RFC 8200 §8.1); other checksums are not verified (tshark's default).
 * - udp.stream numbers conversations in order of first appearance; a
 *   conversation another protocol announced with a wildcard side collects
 *   every datagram it matches, as Wireshark's UDP conversations do.
 * - The payload goes to an announced conversation's dissector, then the
 *   udp.port table (lower port first), the heuristics, then data.
 * - A datagram quoted in an ICMP error still gets its stream, but no
 *   timestamps, and never touches the columns.
 */
import { defineField, defineFields } from "../field";
import { heuristicsFor, register, table, type Dissector } from "../dissector";
import { dissectData, enterLayer, expert, markMalformed, u16 } from "../common";
import { matchConversation, type Expectation } from "../conversation";
import { relTimeToString } from "../format";
import { PortType, type PacketInfo } from "../packet-info";
import { GENERATED, HIDDEN } from "../tree";
import { addressesFor, EndpointPairTable, transportAddresses } from "../../reassembly/endpoint-table";
import { FrameColumnF64, FrameColumnI32 } from "../../reassembly/frame-columns";
import { normDelta } from "../../reassembly/tcp-analysis";

const CHECKSUM_STATUS = { 0: "Bad", 1: "Good", 2: "Unverified", 3: "Not present", 4: "Illegal" };
const CHECKSUM_UNVERIFIED = 2;
const CHECKSUM_NOT_PRESENT = 3;
const CHECKSUM_ILLEGAL = 4;

export const udpFields = defineFields("udp", {
  "": { name: "User Datagram Protocol", type: "protocol" },
  srcport: { name: "Source Port", type: "uint16" },
  dstport: { name: "Destination Port", type: "uint16" },
  port: { name: "Source or Destination Port", type: "uint16" },
  length: { name: "Length", type: "uint16" },
  checksum: { name: "Checksum", type: "uint16", base: "hex" },
  "checksum.status": { name: "Checksum Status", type: "uint8", base: "none", vals: CHECKSUM_STATUS },
  stream: { name: "Stream index", type: "uint32" },
  time_relative: { name: "Time since first frame", type: "reltime" },
  time_delta: { name: "Time since previous frame", type: "reltime" },
  payload: { name: "Payload", type: "bytes" },
  // Expert items (FT_NONE fields in tshark).
  possible_traceroute: { name: "Possible traceroute", type: "none" },
  "length.bad": { name: "Bad length value", type: "none" },
  "length.bad_zero": { name: "Length is zero but payload < 65536", type: "none" },
  "checksum.zero": { name: "Illegal checksum value (0)", type: "none" },
});

/** Wireshark's text-only subtrees ("[Timestamps]"). */
const textField = defineField("_ws.text", { name: "Text item", type: "none" });

const ARROW = "\u2192";

class UdpState {
  /**
   * Address/port pair → conversation id (Wireshark's exact conversations).
   * A pair maps to its latest conversation: a dissector that creates a new
   * one for the pair (SNMP does, RFC 3417 §3 agents may answer from another
   * port) replaces the mapping for the frames after it.
   */
  readonly pairs = new EndpointPairTable();
  /** Per conversation id: its udp.stream (-1 until UDP first numbers it) and the dissector set on it, if any. */
  readonly convStream: number[] = [];
  readonly convOwner: (Dissector | undefined)[] = [];
  /** Per frame: 1 + the conversation id UDP used, so re-dissection finds the conversation of that time. */
  readonly frameConv = new FrameColumnI32();
  /** The conversation id `streamOf` found for the datagram being dissected. */
  lastConv = -1;
  count = 0;
  private cap = 0;
  firstSec = new Float64Array(0);
  firstNsec = new Int32Array(0);
  prevSec = new Float64Array(0);
  prevNsec = new Int32Array(0);
  /** Streams of conversations announced with a wildcard side (they gather several address/port pairs). */
  readonly byExpectation = new Map<Expectation, number>();
  /** udp.time_delta per frame, for re-dissection. */
  readonly deltaSec = new FrameColumnF64();
  readonly deltaNsec = new FrameColumnI32();

  create(sec: number, nsec: number): number {
    if (this.count === this.cap) {
      const cap = Math.max(1024, this.cap * 2);
      const g = <T extends Float64Array | Int32Array>(a: T, b: T): T => (b.set(a), b);
      this.firstSec = g(this.firstSec, new Float64Array(cap));
      this.firstNsec = g(this.firstNsec, new Int32Array(cap));
      this.prevSec = g(this.prevSec, new Float64Array(cap));
      this.prevNsec = g(this.prevNsec, new Int32Array(cap));
      this.cap = cap;
    }
    const s = this.count++;
    this.firstSec[s] = this.prevSec[s] = sec;
    this.firstNsec[s] = this.prevNsec[s] = nsec;
    return s;
  }

  /** conversation_new for the prepared pair: a conversation UDP has not numbered yet. */
  newConversation(owner: Dissector | undefined): number {
    const c = this.convStream.length;
    this.convStream.push(-1);
    this.convOwner.push(owner);
    this.pairs.set(c);
    return c;
  }
}

/** The UDP state of a capture (streams): for Follow UDP Stream, statistics and tests. */
export function udpState(pinfo: PacketInfo): UdpState {
  return pinfo.state.get("udp", () => new UdpState());
}

/** Prepares `st.pairs` for the datagram's address/port pair (false: addresses unusable). */
function preparePair(data: Uint8Array, offset: number, pinfo: PacketInfo, st: UdpState, sport: number, dport: number): boolean {
  if (pinfo.inErrorPacket) {
    addressesFor(data, offset, pinfo.srcAddr, pinfo.dstAddr, true, 17);
    return st.pairs.prepare(transportAddresses.src, sport, transportAddresses.dst, dport);
  }
  return st.pairs.prepareAt(pinfo.srcAddrBytes, pinfo.srcAddrAt, pinfo.srcAddrLen, sport, pinfo.dstAddrBytes, pinfo.dstAddrAt, pinfo.dstAddrLen, dport);
}

/**
 * find_or_create_conversation for the datagram's address/port pair, then its
 * udp.stream (numbered when UDP first meets the conversation). Returns the
 * stream, with the conversation id in `st.lastConv` (-1 for a wildcard one).
 */
function streamOf(data: Uint8Array, offset: number, pinfo: PacketInfo, st: UdpState, sport: number, dport: number): number {
  st.lastConv = -1;
  if (!preparePair(data, offset, pinfo, st, sport, dport)) return -1;
  const frame = pinfo.num;
  const firstUdp = !pinfo.inErrorPacket && pinfo.udpStream < 0;
  let c = pinfo.visited && firstUdp ? st.frameConv.get(frame) - 1 : -1;
  if (c < 0) c = st.pairs.get();
  if (c < 0) {
    // No conversation of its own: one announced with a wildcard side may cover it.
    const e = pinfo.inErrorPacket ? undefined : matchConversation(pinfo, "udp");
    if (e && (e.addrB === null || e.portB === null)) {
      let s = st.byExpectation.get(e) ?? -1;
      if (s < 0) {
        s = st.create(pinfo.tsSec, pinfo.tsNsec);
        st.byExpectation.set(e, s);
      }
      return s;
    }
    c = st.newConversation(undefined);
  }
  st.lastConv = c;
  if (firstUdp && !pinfo.visited) st.frameConv.set(frame, c + 1);
  let s = st.convStream[c]!;
  if (s < 0) st.convStream[c] = s = st.create(pinfo.tsSec, pinfo.tsNsec);
  return s;
}

/**
 * Wireshark's pattern `find_conversation(exact)`, then `conversation_new`
 * with the dissector set when the conversation found is not the caller's:
 * the new conversation supersedes the pair's old one for later frames, so
 * the next datagram of the pair starts a new udp.stream (tshark 4.0's SNMP
 * dissector does this for every PDU). Returns the conversation's id, stable
 * on re-dissection, for the caller's per-conversation state.
 */
export function ownUdpConversation(pinfo: PacketInfo, owner: Dissector, memo: FrameColumnI32): number {
  const st = udpState(pinfo);
  if (pinfo.visited) {
    const c = memo.get(pinfo.num) - 1;
    if (c >= 0) return c;
  }
  if (!st.pairs.prepareAt(pinfo.srcAddrBytes, pinfo.srcAddrAt, pinfo.srcAddrLen, pinfo.srcPort, pinfo.dstAddrBytes, pinfo.dstAddrAt, pinfo.dstAddrLen, pinfo.dstPort)) return -1;
  let c = st.pairs.get();
  if (c < 0 || st.convOwner[c] !== owner) c = st.newConversation(owner);
  if (!pinfo.visited) memo.set(pinfo.num, c + 1);
  return c;
}

export const udp: Dissector = {
  name: "udp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    const inError = pinfo.inErrorPacket;
    const cols = pinfo.wantColumns && !inError;
    const capLen = end - offset;
    // What the IP layer says follows, which the snap length may have cut.
    const repLen = pinfo.takeReportedLength(offset, end);
    enterLayer(pinfo, "udp");
    if (capLen < 4) return truncated(pinfo, offset, capLen, false);

    const sport = u16(data, offset);
    const dport = u16(data, offset + 2);
    if (!inError) {
      pinfo.protocol = "UDP";
      if (cols) pinfo.info = `${sport} ${ARROW} ${dport}`;
    }
    tree.open(udpFields[""], offset, Math.min(8, capLen), null, tree.detailed ? `User Datagram Protocol, Src Port: ${sport}, Dst Port: ${dport}` : undefined);
    tree.add(udpFields.srcport, offset, 2, sport);
    tree.add(udpFields.dstport, offset + 2, 2, dport);
    tree.add(udpFields.port, offset, 2, sport, HIDDEN);
    tree.add(udpFields.port, offset + 2, 2, dport, HIDDEN);
    traceroute(pinfo, sport, offset);
    traceroute(pinfo, dport, offset + 2);

    if (capLen < 6) return truncated(pinfo, offset, capLen, true);
    let ulen = u16(data, offset + 4);
    let jumbo = false;
    tree.add(udpFields.length, offset + 4, 2, ulen);
    if (ulen === 0 && pinfo.srcAddrLen === 16) {
      // RFC 2675 §4: a jumbogram's length is the IPv6 payload's.
      ulen = repLen;
      jumbo = true;
    }
    if (ulen < 8) {
      // The length includes the 8-byte header.
      tree.add(udpFields["length.bad"], offset + 4, 2, 1, HIDDEN | GENERATED);
      expert(pinfo, offset + 4, 2, "error", `Bad length value ${ulen} < 8`, "Malformed", "UDP");
      if (cols) pinfo.info += ` [BAD UDP LENGTH ${ulen} < 8]`;
      tree.close();
      return capLen;
    }
    if (ulen > repLen && !inError) {
      tree.add(udpFields["length.bad"], offset + 4, 2, 1, HIDDEN | GENERATED);
      expert(pinfo, offset + 4, 2, "error", `Bad length value ${ulen} > IP payload length`, "Malformed", "UDP");
      if (cols) pinfo.info += ` [BAD UDP LENGTH ${ulen} > IP PAYLOAD LENGTH]`;
    }
    if (jumbo && ulen < 65536) {
      tree.add(udpFields["length.bad_zero"], offset + 4, 2, 1, HIDDEN | GENERATED);
      expert(pinfo, offset + 4, 2, "warn", "Length is zero but payload < 65536", "Protocol", "UDP");
    }
    if (cols) {
      pinfo.info += ` Len=${ulen - 8}`;
      if (jumbo) pinfo.info += " [Jumbogram]";
    }

    if (capLen < 8) return truncated(pinfo, offset, capLen, true);
    const sum = u16(data, offset + 6);
    if (sum === 0) {
      // RFC 768: zero means "no checksum"; RFC 8200 §8.1 forbids that over IPv6.
      const ignored = pinfo.srcAddrLen !== 16 || inError;
      tree.add(udpFields.checksum, offset + 6, 2, 0, 0, tree.detailed ? `Checksum: 0x0000 [zero-value ${ignored ? "ignored" : "illegal"}]` : undefined);
      tree.add(udpFields["checksum.status"], offset + 6, 2, ignored ? CHECKSUM_NOT_PRESENT : CHECKSUM_ILLEGAL, GENERATED, tree.detailed ? `[Checksum Status: ${ignored ? "Not present" : "Illegal"}]` : undefined);
      if (!ignored) {
        tree.add(udpFields["checksum.zero"], offset + 6, 2, 1, HIDDEN | GENERATED);
        expert(pinfo, offset + 6, 2, "error", "Illegal checksum value (0)", "Checksum", "UDP");
        if (cols) pinfo.info += " [ILLEGAL CHECKSUM (0)]";
      }
    } else {
      tree.add(udpFields.checksum, offset + 6, 2, sum, 0, tree.detailed ? `Checksum: 0x${sum.toString(16).padStart(4, "0")} [unverified]` : undefined);
      tree.add(udpFields["checksum.status"], offset + 6, 0, CHECKSUM_UNVERIFIED, GENERATED, tree.detailed ? "[Checksum Status: Unverified]" : undefined);
    }

    // Also inside an ICMP error: Wireshark's UDP sets pinfo's ports there too, and the port columns show the quoted ones.
    pinfo.portType = PortType.UDP;
    pinfo.srcPort = sport;
    pinfo.dstPort = dport;
    const st = udpState(pinfo);
    const s = streamOf(data, offset, pinfo, st, sport, dport);
    const conv = st.lastConv;
    if (s >= 0) {
      tree.add(udpFields.stream, offset + 8, 0, s, GENERATED);
      if (!inError) pinfo.udpStream = s;
    }
    if (ulen === 8) {
      // Nothing after the header.
      tree.close();
      return capLen;
    }
    if (!inError && s >= 0) timestamps(pinfo, st, s);

    const payload = offset + 8;
    // The payload ends at the UDP length, or earlier where the IP payload or the capture does.
    const repPayload = Math.min(repLen, ulen) - 8;
    const payEnd = Math.min(end, payload + Math.max(0, repPayload));
    if (inError && payEnd <= payload) {
      tree.close();
      return capLen;
    }
    if (payEnd <= payload && repPayload > 0) return truncated(pinfo, offset, capLen, true);
    if (tree.detailed || tree.wants(udpFields.payload)) {
      // The item runs to the end of the IP payload; its label counts what the UDP length allows.
      const n = payEnd - payload;
      tree.add(udpFields.payload, payload, end - payload, data.subarray(payload, end), 0, tree.detailed ? `UDP payload (${n} byte${n === 1 ? "" : "s"})` : undefined);
    }
    tree.close();
    // decode_udp_ports hands the payload to the root tree: inside an ICMP error the quoted datagram's payload
    // (DNS, SNMP) is a top-level item after the ICMP one, as tshark's tree and Protocol Hierarchy have it.
    tree.enterRoot?.();
    decodePorts(data, payload, payEnd, pinfo, sport, dport, conv >= 0 ? st.convOwner[conv] : undefined);
    tree.leaveRoot?.();
    return capLen;
  },
};

/** LBL traceroute probes use ports 33435..33464, three attempts per hop. */
function traceroute(pinfo: PacketInfo, port: number, at: number): void {
  if (port <= 32768 + 666 || port > 32768 + 666 + 30) return;
  const n = port - 32768 - 666 - 1;
  pinfo.tree.add(udpFields.possible_traceroute, at, 2, 1, HIDDEN | GENERATED);
  expert(pinfo, at, 2, "chat", `Possible traceroute: hop #${Math.floor(n / 3) + 1}, attempt #${(n % 3) + 1}`, "Sequence", "UDP");
}

/** udp.time_relative / udp.time_delta in a "[Timestamps]" tree; the delta is kept per frame for re-dissection. */
function timestamps(pinfo: PacketInfo, st: UdpState, s: number): void {
  const frame = pinfo.num;
  if (!pinfo.visited) {
    const d = normDelta(pinfo.tsSec - st.prevSec[s]!, pinfo.tsNsec - st.prevNsec[s]!);
    st.deltaSec.set(frame, d[0]);
    st.deltaNsec.set(frame, d[1]);
    st.prevSec[s] = pinfo.tsSec;
    st.prevNsec[s] = pinfo.tsNsec;
  }
  const tree = pinfo.tree;
  if (!tree.detailed && !tree.wants(udpFields.time_relative) && !tree.wants(udpFields.time_delta)) return;
  const d = normDelta(pinfo.tsSec - st.firstSec[s]!, pinfo.tsNsec - st.firstNsec[s]!);
  const rel: [number, number] = [d[0], d[1]];
  const delta: [number, number] = [st.deltaSec.get(frame), st.deltaNsec.get(frame)];
  tree.open(textField, 0, 0, null, "[Timestamps]", GENERATED);
  tree.add(udpFields.time_relative, 0, 0, rel, GENERATED, tree.detailed ? `[Time since first frame: ${relTimeToString(rel[0], rel[1])} seconds]` : undefined);
  tree.add(udpFields.time_delta, 0, 0, delta, GENERATED, tree.detailed ? `[Time since previous frame: ${relTimeToString(delta[0], delta[1])} seconds]` : undefined);
  tree.close();
}

/** decode_udp_ports: the conversation's dissector, an announced conversation, the lower then the higher port, the heuristics, data. */
function decodePorts(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, sport: number, dport: number, owner: Dissector | undefined): void {
  const savedProto = pinfo.protocol;
  const savedInfo = pinfo.info;
  const layerCount = pinfo.layers.length;
  const tryOne = (d: Dissector | undefined): boolean => {
    if (!d) return false;
    if (d.dissect(data, offset, end, pinfo) > 0) {
      if (pinfo.inErrorPacket) {
        // The columns belong to the ICMP error.
        pinfo.protocol = savedProto;
        pinfo.info = savedInfo;
      }
      return true;
    }
    pinfo.truncateLayers(layerCount); // a dissector that declines leaves no layer behind
    return false;
  };
  if (owner && !pinfo.inErrorPacket && tryOne(owner)) return;
  const e = matchConversation(pinfo, "udp");
  if (e && tryOne(e.dissector)) return;
  const t = table("udp.port");
  const low = sport < dport ? sport : dport;
  const high = sport < dport ? dport : sport;
  // Port 0 means "unused" (RFC 768 source port).
  if (low && tryOne(t.get(low))) return;
  if (high && high !== low && tryOne(t.get(high))) return;
  for (const h of heuristicsFor("udp")) if (tryOne(h)) return;
  if (end > offset) dissectData(data, offset, end, pinfo);
}

/**
 * A field the capture does not hold: Wireshark's bounds exception ends the
 * layer there (silently inside an ICMP error, which quotes a datagram's start).
 */
function truncated(pinfo: PacketInfo, offset: number, capLen: number, open: boolean): number {
  if (!pinfo.inErrorPacket) markMalformed(pinfo, "UDP", offset + capLen, "UDP header truncated");
  if (open) pinfo.tree.close();
  return Math.max(capLen, 1);
}

register("ip.proto", 17, udp);
