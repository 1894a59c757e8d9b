/**
 * X11 and the small protocols of the shared captures (MySQL, ONC RPC and
 * Portmap, TFTP, YMSG, EIGRP, BJNP) against live tshark: on every packet
 * whose Protocol column is one of them, the columns and these fields must
 * equal tshark's `-T fields` values. Captures come from ../shared/captures
 * (never copied); skips with a printed notice without them or tshark.
 */
import { protocolCorpus } from "./protocol-corpus";

protocolCorpus({
  name: "small protocols corpus",
  title: "X11 and small protocols against tshark",
  captures: ["pcapng-comments-ether-plus-sll-odd-timestamps.pcapng"],
  fields: ["_ws.col.Protocol", "_ws.col.Info", "frame.protocols", "x11.opcode", "x11.request-length", "x11.eventcode", "x11.errorcode", "x11.reply", "x11.replylength", "mysql.packet_length", "mysql.packet_number", "mysql.protocol", "mysql.version", "mysql.caps.client", "mysql.user"],
  mine: /^(X11|MySQL)$/,
});

// frame.protocols is left out here: tshark goes on into the program a Portmap CALLIT forwards (YPSERV), which we do not dissect.
protocolCorpus({
  name: "small protocols corpus (RPC, BJNP, EIGRP)",
  title: "Portmap, BJNP and EIGRP against tshark",
  captures: ["snoop-solaris-1998-lan-stp-nbns-ipx-appletalk.snoop", "bsd-null-loopback-ipv4-ipv6.pcap"],
  fields: ["_ws.col.Protocol", "_ws.col.Info", "rpc.xid", "rpc.msgtyp", "rpc.program", "rpc.programversion", "rpc.procedure", "rpc.auth.flavor", "portmap.procedure_v2", "bjnp.id", "bjnp.type", "bjnp.code", "bjnp.seq_no", "bjnp.session_id", "bjnp.payload_len", "eigrp.version", "eigrp.opcode", "eigrp.checksum", "eigrp.checksum.status", "eigrp.flags", "eigrp.seq", "eigrp.ack", "eigrp.vrid", "eigrp.as", "tftp.opcode", "tftp.source_file", "tftp.destination_file", "tftp.type"],
  mine: /^(Portmap|BJNP|EIGRP|TFTP)$/,
});
