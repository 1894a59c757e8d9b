/**
 * SIP, SDP and RTP against live tshark on the shared capture that carries
 * them (a fuzzed VoIP session: REGISTER/INVITE/CANCEL exchanges, SDP offers
 * and the RTP stream an offer announced). Every packet tshark calls SIP,
 * SIP/SDP or RTP must have the same Protocol, Info (with tshark's
 * "[Malformed Packet]" marks) and field values. Skips with a printed notice
 * without ../shared or tshark.
 */
import { protocolCorpus } from "./protocol-corpus";

protocolCorpus({
  name: "sip corpus",
  title: "SIP/SDP/RTP against tshark on the shared captures",
  captures: ["malformed-fuzz-bigendian-mixed-incl-ftp.pcap"],
  mine: /^(SIP|SIP\/SDP|RTP)$/,
  fields: [
    "_ws.col.Protocol", "_ws.col.Info",
    "sip.Method", "sip.r-uri", "sip.Status-Code", "sip.CSeq.seq", "sip.CSeq.method", "sip.Max-Forwards", "sip.Expires", "sip.Content-Length",
    "sdp.version", "sdp.owner", "sdp.session_name", "sdp.connection_info", "sdp.time", "sdp.media", "sdp.media_attr",
    "rtp.version", "rtp.padding", "rtp.ext", "rtp.cc", "rtp.marker", "rtp.p_type", "rtp.seq", "rtp.timestamp", "rtp.ssrc", "rtp.setup-frame", "rtp.setup-method",
    "frame.protocols",
  ],
});
