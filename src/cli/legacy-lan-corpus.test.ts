/**
 * AppleTalk (AARP, DDP, NBP, RTMP), IPX (SAP, RIP, NBIPX, NLSP) and DECnet
 * (DNA routing, LAT) against live tshark on the 1998 Solaris snoop capture of
 * a campus LAN (../shared/captures, never copied into the project): on every
 * packet tshark gives one of these Protocol columns, the columns and every
 * field of these protocols must equal tshark's `-T fields` values. Skips with
 * a printed notice when the capture or tshark is absent.
 */
import { protocolCorpus } from "./protocol-corpus";

protocolCorpus({
  name: "legacy LAN corpus",
  title: "AppleTalk, IPX and DECnet against tshark",
  captures: ["snoop-solaris-1998-lan-stp-nbns-ipx-appletalk.snoop"],
  fields: [
    "_ws.col.Protocol", "_ws.col.Info", "frame.protocols",
    "aarp.hard.type", "aarp.proto.type", "aarp.hard.size", "aarp.proto.size", "aarp.opcode", "aarp.src.hw_mac", "aarp.src.proto_id", "aarp.dst.hw_mac", "aarp.dst.proto_id",
    "ddp.hopcount", "ddp.len", "ddp.checksum", "ddp.dst.net", "ddp.src.net", "ddp.dst.node", "ddp.src.node", "ddp.dst_socket", "ddp.src_socket", "ddp.type",
    "nbp.info", "nbp.op", "nbp.count", "nbp.tid", "nbp.net", "nbp.node", "nbp.port", "nbp.enum", "nbp.object", "nbp.type", "nbp.zone",
    "rtmp.net", "nbp.nodeid", "nbp.nodeid.length", "rtmp.tuple.net", "rtmp.tuple.range_start", "rtmp.tuple.range_end", "rtmp.tuple.dist", "rtmp.version", "rtmp.function",
    "ipx.checksum", "ipx.src", "ipx.dst", "ipx.addr", "ipx.len", "ipx.hops", "ipx.packet_type", "ipx.dst.net", "ipx.dst.node", "ipx.dst.socket", "ipx.src.net", "ipx.src.node", "ipx.src.socket",
    "ipxsap.packet_type", "ipxsap.request", "ipxsap.response", "ipxsap.server.type", "ipxsap.server.name", "ipxsap.server.network", "ipxsap.server.node", "ipxsap.server.socket", "ipxsap.server.intermediate_networks",
    "ipxrip.packet_type", "ipxrip.response", "ipxrip.route_vector", "ipxrip.hops", "ipxrip.ticks",
    "nmpi.packettype", "nmpi.name_flags", "nmpi.name_flags.group", "nmpi.ipx_network",
    "nlsp.irpd", "nlsp.header_length", "nlsp.type", "nlsp.major_version", "nlsp.packet_length", "nlsp.hello.circuit_type", "nlsp.hello.sending_router_system_id", "nlsp.hello.holding_timer", "nlsp.hello.priority", "nlsp.hello.designated_router_system_id",
    "dec_dna.flags", "dec_dna.flags.control", "dec_dna.rt.msg_type", "dec_dna.ctl.id", "dec_dna.ctl.tiinfo", "dec_dna.ctl.iinfo.node_type", "dec_dna.ctl.blk_size", "dec_dna.ctl.prio", "dec_dna.ctl.seed", "dec_dna.ctl_neighbor", "dec_dna.ctl.timer", "dec_dna.ctl.router_id", "dec_dna.ctl.router_state", "dec_dna.ctl.router_prio",
    "lat.msg_typ", "lat.master", "lat.server_circuit_timer", "lat.data_link_rcv_frame_size", "lat.node_status", "lat.node_name", "lat.node_description", "lat.service_name_count", "lat.service.name", "lat.service.description", "lat.node_service_class",
  ],
  mine: /^(AARP|DDP|NBP|RTMP|IPX|IPX SAP|IPX RIP|NBIPX|NLSP|DEC DNA|LAT)$/,
  known: {},
});
