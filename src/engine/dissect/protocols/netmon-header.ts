/**
 * NetMon's "Network Monitor Header" (Wireshark's packet-netmon.c,
 * dissect_netmon_header): the comment a Network Monitor 2.x file attaches
 * to a frame (its comment table, read by capture/netmon.ts). The comment is
 * not in the frame's bytes: both fields are generated, the item covers no
 * bytes, and the frame's own link layer follows as another top-level item,
 * dissected through the wtap_encap table with the record's own link type
 * (wiretap's sub_encap).
 */
import { defineFields } from "../field";
import { register, table } from "../dissector";
import { dissectData, enterLayer } from "../common";
import { formatTextString } from "../format-text";
import { GENERATED } from "../tree";
import type { PacketInfo } from "../packet-info";
import { LinkType } from "../../capture/types";
import { fitLabel } from "./dhcpv6/context";

export const netmonHeaderFields = defineFields("netmon_header", {
  "": { name: "Network Monitor Header", type: "protocol" },
  title_comment: { name: "Comment title", type: "string" },
  description_comment: { name: "Comment description", type: "string" },
});

const WTAP_ENCAP_TABLE = table("wtap_encap");

/** An item label as tshark stores it: the value through format_text, cut to its label length. */
function label(name: string, value: string): string {
  return fitLabel(`${name}: ${formatTextString(value)}`, name.length);
}

export const netmonHeader = {
  name: "netmon_header",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const comment = pinfo.netmon;
    if (comment === null) return 0;
    const { tree } = pinfo;
    const F = netmonHeaderFields;
    enterLayer(pinfo, "netmon_header");
    tree.open(F[""], offset, 0);
    const detailed = tree.detailed;
    tree.add(F.title_comment, offset, 0, comment.title, GENERATED, detailed ? label(F.title_comment.name, comment.title) : undefined);
    tree.add(
      F.description_comment,
      offset,
      0,
      comment.description,
      GENERATED,
      detailed ? label(F.description_comment.name, comment.description) : undefined,
    );
    tree.close();
    // The frame's own link layer, as a top-level item after the header.
    if (WTAP_ENCAP_TABLE.tryCall(pinfo.linkType, data, offset, end, pinfo) < 0) dissectData(data, offset, end, pinfo);
    return end - offset;
  },
};

register("wtap_encap", LinkType.NETMON_HEADER, netmonHeader);
