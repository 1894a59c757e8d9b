/**
 * What the fixed header and the extension headers share while one datagram is
 * read, and the bounds error they all raise.
 */
import { markMalformed } from "../../common";
import type { PacketInfo } from "../../packet-info";

/** Per-datagram facts shared by the header and its extension headers (Wireshark's ipv6_pinfo_t). */
export interface Ipv6Context {
  /** Start of the IPv6 header in `data` (for the fixed-header offsets). */
  start: number;
  plen: number;
  /** Payload length left after the extension headers seen so far (frag_plen). */
  fragPlen: number;
  /** Length of the IPv6 tree item: 40 + extension headers inside it. */
  itemLen: number;
  hlim: number;
  srcText: string;
  /** The destination as Wireshark's pinfo->dst sees it: a routing header's final address replaces the header's. */
  dstText: string;
  /** Whether the IPv6 subtree is still open (extension headers go inside it). */
  treeOpen: boolean;
  /** End of the datagram in the current buffer, and whether it is cut by the payload length (not the capture). */
  end: number;
  cutByLength: boolean;
  /** Where the datagram ends on the wire (beyond `end` when a snap length cut it). */
  repEnd: number;
  firstExt: boolean;
}

/**
 * The datagram runs out before a header ends: tshark's bounds exception. When
 * the end comes from the payload length (not from the snap length), it is a
 * malformed packet even in a truncated capture (ReportedBoundsError).
 */
export function outOfBytes(pinfo: PacketInfo, protocol: string, at: number, ctx: Ipv6Context | null, captureEnd: number): void {
  if (ctx && ctx.cutByLength && at <= captureEnd && pinfo.capLen < pinfo.len) {
    const capLen = pinfo.capLen;
    pinfo.capLen = pinfo.len;
    markMalformed(pinfo, protocol, at, `${protocol} header runs past the payload length`);
    pinfo.capLen = capLen;
    return;
  }
  markMalformed(pinfo, protocol, at, `${protocol} header truncated`);
}
