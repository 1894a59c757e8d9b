/**
 * The F5 Ethernet trailer heuristic against live tshark on the shared
 * capture where it fires (../shared/captures, skipped with a notice without
 * it or tshark): a 1998 Solaris snoop whose frame 165, an ARP request, ends in
 * 18 bytes of 010d… that pass the heuristic but are no trailer. On its ARP,
 * IPX SAP and NBIPX frames (those with Ethernet trailers), what tshark lists
 * (frame.protocols), the Ethernet trailer, the F5 items and the expert items
 * must be equal; io,phs is compared by statistics-corpus.test.ts.
 */
import { protocolCorpus } from "./protocol-corpus";

protocolCorpus({
  name: "F5 Ethernet trailer corpus",
  title: "F5 Ethernet trailer heuristic against live tshark",
  captures: ["snoop-solaris-1998-lan-stp-nbns-ipx-appletalk.snoop"],
  fields: ["_ws.col.Protocol", "_ws.col.Info", "frame.protocols", "eth.trailer", "f5ethtrailer", "f5ethtrailer.low", "f5ethtrailer.type", "_ws.expert.message"],
  mine: /^(ARP|IPX SAP|NBIPX)$/,
});
