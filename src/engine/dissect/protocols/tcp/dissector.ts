/**
 * The TCP header, field by field as Wireshark 4.0's dissect_tcp reads it:
 * ports, stream, sequence numbers, flags, window, checksum, then the
 * options, the analysis and the payload (in their own files); and TCP's
 * place in the ip.proto table.
 */
import { register, type Dissector } from "../../dissector";
import { enterLayer, u16, u32, view } from "../../common";
import { PortType, type PacketInfo } from "../../packet-info";
import { GENERATED, HIDDEN } from "../../tree";
import { tcpFlagsText } from "../../tcp-flags";
import { Completeness, TcpAnalysis, TH } from "../../../reassembly/tcp-analysis";
import { addressesFor, transportAddresses } from "../../../reassembly/endpoint-table";
import { addFlagsTree, addTimestamps, connectionEvents, containedError, latin1, printAnalysis, truncated, updateCompleteness, verifyWindowScaling } from "./analysis";
import { ARROW, COMPLETENESS_TEXT, ei, infoUint, tcpExpert, tcpFields } from "./fields";
import { OptFail, dissectOptions } from "./options";
import { Binding, bindConversation, dissectPayload, rebindWildcard, recheckWildcard } from "./payload";
import { Ctx, tcpState } from "./state";

const ctxs: Ctx[] = [];

let depth = 0;

export const tcp: Dissector = {
  name: "tcp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const x = ctxs[depth] ?? (ctxs[depth] = new Ctx());
    depth++;
    try {
      return dissectTcp(data, offset, end, pinfo, x);
    } finally {
      depth--;
    }
  },
};

function dissectTcp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, x: Ctx): number {
  const tree = pinfo.tree;
  const inError = pinfo.inErrorPacket;
  const cols = pinfo.wantColumns && !inError;
  const capLen = end - offset;
  // What the IP layer says follows, which the snap length may have cut (tvb_reported_length).
  const repLen = pinfo.takeReportedLength(offset, end);
  enterLayer(pinfo, "tcp");
  if (capLen < 4) return truncated(pinfo, offset, capLen, false);

  const sport = u16(data, offset);
  const dport = u16(data, offset + 2);
  if (!inError) {
    pinfo.protocol = "TCP";
    if (cols) pinfo.info = `${sport} ${ARROW} ${dport}`;
  }
  tree.open(tcpFields[""], offset, capLen);
  tree.add(tcpFields.srcport, offset, 2, sport);
  tree.add(tcpFields.dstport, offset + 2, 2, dport);
  tree.add(tcpFields.port, offset, 2, sport, HIDDEN);
  tree.add(tcpFields.port, offset + 2, 2, dport, HIDDEN);
  // An ICMP error quotes only 8 bytes of the datagram for sure (RFC 792), so
  // the sequence number goes in right away there.
  const layers = pinfo.layers;
  const icmpIp = inError && layers[layers.length - 2] === "ip" && layers[layers.length - 3] === "icmp";
  if (icmpIp) {
    if (capLen < 8) return truncated(pinfo, offset, capLen, true);
    tree.add(tcpFields.seq, offset + 4, 4, u32(data, offset + 4));
  }
  // Also inside an ICMP error: Wireshark's TCP sets pinfo's ports there too, and the port columns show the quoted ones.
  pinfo.portType = PortType.TCP;
  pinfo.srcPort = sport;
  pinfo.dstPort = dport;
  if (capLen < 8) return truncated(pinfo, offset, capLen, true);
  const rawSeq = u32(data, offset + 4);
  if (capLen < 12) return truncated(pinfo, offset, capLen, true);
  const rawAck = u32(data, offset + 8);
  if (capLen < 14) return truncated(pinfo, offset, capLen, true);
  const hlen = (data[offset + 12]! >> 4) * 4;
  const flags = u16(data, offset + 12) & 0xfff;
  if (capLen < 16) return truncated(pinfo, offset, capLen, true);
  const rawWin = u16(data, offset + 14);
  if (!inError) pinfo.tcpFlags = flags;

  const st = tcpState(pinfo);
  const c = st.convs;
  const frame = pinfo.num;
  const visited = pinfo.visited;
  const ta = c.ta;
  ta.clear();
  x.st = st;
  x.c = c;
  x.visited = visited;
  x.cols = cols;
  x.sport = sport;
  x.dport = dport;
  x.flags = flags;
  x.fence = "";
  x.protoLock = null;

  // The conversation: the latest one of this address/port pair.
  let s = -1;
  let isNew = false;
  let keyed: boolean;
  if (inError) {
    addressesFor(data, offset, pinfo.srcAddr, pinfo.dstAddr, inError, 6);
    keyed = c.pairs.prepare(transportAddresses.src, sport, transportAddresses.dst, dport);
  } else {
    keyed = c.pairs.prepareAt(pinfo.srcAddrBytes, pinfo.srcAddrAt, pinfo.srcAddrLen, sport, pinfo.dstAddrBytes, pinfo.dstAddrAt, pinfo.dstAddrLen, dport);
  }
  if (keyed) {
    s = visited ? c.find(frame) : c.pairs.get();
    if (s < 0) {
      s = c.create(frame, pinfo.tsSec, pinfo.tsNsec);
      isNew = true;
    }
    if (!visited && !isNew && !inError) {
      const moved = recheckWildcard(pinfo, st, s);
      if (moved) {
        s = c.create(frame, pinfo.tsSec, pinfo.tsNsec);
        rebindWildcard(pinfo, st, s, moved);
      }
    }
    if (!visited) {
      const f0 = 2 * s + c.pairs.direction;
      const synOnly = (flags & (TH.SYN | TH.ACK)) === TH.SYN;
      if (synOnly && c.baseSeqSet(f0)) {
        if (rawSeq !== c.baseSeq[f0]) {
          // A SYN with another initial sequence number on a known pair: a new
          // connection reusing the ports (RFC 9293 §3.4.1), so a new stream.
          s = c.create(frame, pinfo.tsSec, pinfo.tsNsec);
          c.completeness[s] = Completeness.SYNSENT;
          ta.exists = true;
          ta.flags |= TcpAnalysis.REUSED_PORTS;
        } else {
          // The same SYN again (a retransmission): restore the expected
          // sequence number a RST carrying the acknowledged one may have
          // moved (RFC 9293 §3.10.7.3; Wireshark issue 17616).
          c.nextSeq[f0] = c.maxSeqToBeAcked[f0]!;
        }
      } else if ((flags & (TH.SYN | TH.ACK)) === (TH.SYN | TH.ACK) && c.baseSeqSet(f0) && rawSeq !== c.baseSeq[f0]) {
        c.baseSeq[f0] = rawSeq;
        ta.exists = true;
        ta.flags |= TcpAnalysis.REUSED_PORTS;
      }
      // A conversation another protocol announced (FTP data) is found, not
      // created, by TCP: Wireshark then counts no SYN_SENT in its completeness.
      if (isNew && !inError) {
        const binding = bindConversation(pinfo, st, s);
        if (binding === Binding.FOUND) isNew = false;
        else if (binding === Binding.REUSED && synOnly) {
          // As for a reused pair above: Wireshark's new conversation starts as SYN_SENT.
          c.completeness[s] = Completeness.SYNSENT;
          ta.exists = true;
          ta.flags |= TcpAnalysis.REUSED_PORTS;
        }
      }
      c.stampDelta(s, frame, pinfo.tsSec, pinfo.tsNsec);
    }
  }
  const dir = c.pairs.direction;
  const f = 2 * s + dir;
  const r = 2 * s + (dir ^ 1);
  x.s = s;
  x.dir = dir;
  x.f = f;
  x.r = r;
  if (s >= 0) {
    tree.add(tcpFields.stream, offset, 0, s, GENERATED);
    const cv = c.completeness[s]!;
    tree.add(tcpFields.completeness, 0, 0, cv, GENERATED, tree.detailed ? `[Conversation completeness: ${COMPLETENESS_TEXT[cv] ?? "Incomplete"} (${cv})]` : undefined);
    if (!visited) c.numSack[f] = 0;
    if (!inError) pinfo.tcpStream = s;
  }

  // The segment length comes from the IP payload length; then the analysis.
  let seq = rawSeq;
  let ack = rawAck;
  let win = rawWin;
  let seglen = 0;
  let haveSeglen = false;
  if (!inError) {
    if (repLen < hlen) {
      tcpExpert(pinfo, ei.short_segment, offset, 0, "warn", "Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)");
    } else {
      seglen = repLen - hlen;
      haveSeglen = true;
      tree.add(tcpFields.len, offset + 12, 1, seglen, GENERATED);
      if (s >= 0) {
        if (!visited) c.analyze(s, dir, frame, pinfo.tsSec, pinfo.tsNsec, rawSeq, rawAck, seglen, flags, rawWin);
        else c.load(frame);
        seq = (rawSeq - c.baseSeq[f]!) >>> 0;
        if (flags & TH.ACK) ack = (rawAck - c.baseSeq[r]!) >>> 0;
        // SYNs are never scaled (RFC 7323 §2.2).
        if (!(flags & TH.SYN) && c.winScale[f]! >= 0) win = rawWin << c.winScale[f]!;
      }
    }
  } else if (visited && s >= 0) {
    c.load(frame);
  }
  const nxtseq = (seq + seglen) >>> 0;
  x.ack = ack;

  if (cols) {
    pinfo.info += ` [${tcpFlagsText(flags)}] Seq=${seq}`;
    if (flags & TH.ACK) pinfo.info += ` Ack=${ack}`;
    pinfo.info += ` Win=${win}`;
  }
  const relative = s >= 0 && haveSeglen;
  if (!icmpIp) {
    tree.add(tcpFields.seq, offset + 4, 4, seq, 0, tree.detailed && relative ? `Sequence Number: ${seq}    (relative sequence number)` : undefined);
    tree.add(tcpFields.seq_raw, offset + 4, 4, rawSeq);
  }

  const hdrLabel = tree.detailed ? `${(hlen >> 2).toString(2).padStart(4, "0")} .... = Header Length: ${hlen} bytes (${hlen >> 2})` : undefined;
  if (hlen < 20) {
    // RFC 9293 §3.1: the data offset counts 32-bit words and is at least 5.
    if (cols) pinfo.info += `, bogus TCP header length (${hlen}, must be at least 20)`;
    tree.add(tcpFields.hdr_len, offset + 12, 1, hlen, 0, hdrLabel);
    tcpExpert(pinfo, ei.bogus_header_length, offset + 12, 1, "error", `Bogus TCP header length (${hlen}, must be at least 20)`);
    tree.close(capLen);
    return capLen;
  }

  if (s >= 0 && !visited) updateCompleteness(c, s, isNew, flags, seglen);

  if (haveSeglen) {
    const n = flags & (TH.SYN | TH.FIN) ? (nxtseq + 1) >>> 0 : nxtseq; // SYN and FIN take one sequence number
    tree.add(tcpFields.nxtseq, offset, 0, n, GENERATED, tree.detailed && s >= 0 ? `[Next Sequence Number: ${n}    (relative sequence number)]` : undefined);
  }
  tree.add(tcpFields.ack, offset + 8, 4, ack, 0, tree.detailed && relative && flags & TH.ACK ? `Acknowledgment Number: ${ack}    (relative ack number)` : undefined);
  tree.add(tcpFields.ack_raw, offset + 8, 4, rawAck);
  if (!(flags & TH.ACK) && rawAck !== 0) tcpExpert(pinfo, ei["ack.nonzero"], offset + 8, 4, "note");

  tree.add(tcpFields.hdr_len, offset + 12, 1, hlen, 0, hdrLabel);
  addFlagsTree(tree, offset, flags);
  tree.add(tcpFields.window_size_value, offset + 14, 2, rawWin);
  tree.add(tcpFields.window_size, offset + 14, 2, win, GENERATED);
  if (!(flags & TH.SYN) && s >= 0) {
    const ws = c.winScale[f]!;
    const v = ws >= 0 ? 1 << ws : ws;
    const how = ws === -1 ? " (unknown)" : ws === -2 ? " (no window scaling used)" : "";
    tree.add(tcpFields.window_size_scalefactor, offset + 14, 2, v, GENERATED, tree.detailed ? `[Window size scaling factor: ${v}${how}]` : undefined);
  }
  if (s >= 0) connectionEvents(pinfo, x, offset);

  if (capLen < 18) return truncated(pinfo, offset, capLen, true);
  const sum = u16(data, offset + 16);
  tree.add(tcpFields.checksum, offset + 16, 2, sum, 0, tree.detailed ? `Checksum: 0x${sum.toString(16).padStart(4, "0")} [unverified]` : undefined);
  tree.add(tcpFields["checksum.status"], offset + 16, 0, 2, GENERATED, tree.detailed ? "[Checksum Status: Unverified]" : undefined);
  // Checksums are not verified (tshark's default), so reassembly only needs
  // every byte captured, and never for a datagram quoted in an ICMP error.
  const desegmentOk = capLen >= repLen && !inError && s >= 0;

  if (capLen < 20) return truncated(pinfo, offset, capLen, true);
  const urp = u16(data, offset + 18);
  tree.add(tcpFields.urgent_pointer, offset + 18, 2, urp);
  if (flags & TH.URG) {
    if (cols) infoUint(pinfo, "Urg", urp);
  } else if (urp) {
    tcpExpert(pinfo, ei["urgent_pointer.non_zero"], offset + 18, 2, "note");
  }
  if (haveSeglen && cols) infoUint(pinfo, "Len", seglen);

  // Options; the "[Timestamps]" tree follows the options item.
  const optlen = hlen - 20;
  let optionsFail = OptFail.NONE;
  if (optlen) {
    const bc = Math.min(capLen - 20, optlen);
    tree.open(tcpFields.options, offset + 20, bc, view(tree, tcpFields.options, data, offset + 20, offset + 20 + bc), tree.detailed ? `Options: (${optlen} bytes)` : undefined);
    x.hdrRepEnd = offset + repLen;
    optionsFail = dissectOptions(data, offset + 20, optlen, capLen - 20, pinfo, x);
    tree.close();
  }
  if (s >= 0) addTimestamps(pinfo, c, s, frame);
  if (optionsFail === OptFail.CONTAINED) return containedError(pinfo, offset, capLen);
  if (optionsFail !== OptFail.NONE) return truncated(pinfo, offset, capLen, true);

  if (s >= 0) {
    printAnalysis(pinfo, x);
    if (!visited && !inError) {
      c.save(frame);
      // Window scaling is used only when both SYNs carried the option (RFC 7323 §2.2).
      if (flags & TH.SYN) verifyWindowScaling(c, f, r, (flags & TH.ACK) !== 0);
    }
    if (!inError) pinfo.tcpAnalysis = ta.exists ? ta.flags : 0;
  }
  if (tree.detailed) {
    let label = `Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}, Seq: ${seq}`;
    if (flags & TH.ACK) label += `, Ack: ${ack}`;
    if (haveSeglen) label += `, Len: ${seglen}`;
    tree.setLabel(label);
  }

  const payload = offset + hlen;
  // Past the captured bytes: Wireshark's tvb_captured_length_remaining throws.
  if (payload > end) return truncated(pinfo, offset, capLen, true, hlen);
  if (payload === end) {
    tree.close(hlen);
    return capLen;
  }
  if (flags & TH.RST) {
    // RFC 9293 §3.5.3 (RFC 1122 4.2.2.12): a RST may carry text explaining it.
    tree.add(tcpFields.reset_cause, payload, end - payload, tree.detailed || tree.wants(tcpFields.reset_cause) ? latin1(data, payload, end) : "");
    tree.close(hlen);
    return capLen;
  }
  const repEnd = offset + Math.max(repLen, hlen);
  const repBytes = repEnd - payload;
  if (tree.detailed || tree.wants(tcpFields.payload)) {
    tree.add(tcpFields.payload, payload, end - payload, data.subarray(payload, end), 0, tree.detailed ? `TCP payload (${repBytes} byte${repBytes === 1 ? "" : "s"})` : undefined);
  }
  tree.close(hlen);

  x.start = payload;
  x.end = end;
  x.repEnd = repEnd;
  x.taFlags = ta.exists ? ta.flags : 0;
  x.canDesegment = desegmentOk;
  x.fence = cols ? x.fence : "";
  // A SYN's data starts one past its sequence number (Wireshark bug 9882).
  x.seq = flags & TH.SYN ? (seq + 1) >>> 0 : seq;
  x.nxtseq = flags & TH.SYN ? (nxtseq + 1) >>> 0 : nxtseq;
  dissectPayload(data, pinfo, x);
  return capLen;
}

register("ip.proto", 6, tcp);
