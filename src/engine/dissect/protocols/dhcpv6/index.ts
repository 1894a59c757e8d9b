/**
 * DHCPv6 (RFC 8415) on UDP ports 546 (client) and 547 (server/relay), as
 * Wireshark 4.0 registers it. The Protocol column reads "DHCPv6"; the Info
 * column is rebuilt from nothing, as tshark's is: the message type, then
 * "XID: 0x…" (or, for a relay message, "L: <link address>"), then the
 * client DUID ("CID: …") and every IA address ("IAA: …") met on the way,
 * each followed by a space, and a relayed message's own text after its
 * relay's.
 *
 * Files here: names.ts (value names), fields.ts (field definitions),
 * context.ts (bounds-checked reads and items), message.ts (headers),
 * walk.ts (the option walk), option-checks.ts (length checks), options.ts
 * (RFC 8415 options), options-ext.ts (later RFCs),
 * softwire.ts (RFC 7598), failover.ts (RFC 8156), duid.ts (RFC 8415 §11),
 * fqdn.ts (RFC 4704), domain.ts (domain-name fields).
 *
 * Not decoded: CableLabs' vendor suboptions (enterprise 4491) and the
 * bulk leasequery of RFC 5460 over TCP port 547.
 */
import { enterLayer, expert, reportedEnd, wsFields, malformed } from "../../common";
import { register, type Dissector } from "../../dissector";
import type { PacketInfo } from "../../packet-info";
import { Truncated } from "../../bytes";
import { Ctx, TooDeep } from "./context";
import { dissectMessage } from "./message";
import { coreOption } from "./options";
import { extOption } from "./options-ext";
import { addOptionDecoder } from "./walk";

// RFC 8415's options first, then the later RFCs'.
addOptionDecoder(coreOption);
addOptionDecoder(extOption);

export { dhcpv6Fields } from "./fields";

/** One context, reused: dissections do not overlap. */
const ctx = new Ctx();

/** The hop state outside any relay message. */
const OUTERMOST = { count: 0, at: -1, inRelay: false } as const;

export const dhcpv6: Dissector = {
  name: "dhcpv6",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    enterLayer(pinfo, "dhcpv6");
    if (!pinfo.inErrorPacket) {
      pinfo.protocol = "DHCPv6";
      if (pinfo.wantColumns) pinfo.info = "";
    }
    const c = ctx;
    c.start(data, end, reportedEnd(data, end, pinfo), pinfo);
    try {
      dissectMessage(c, offset, c.rend, { ...OUTERMOST });
    } catch (e) {
      if (e instanceof Truncated) {
        c.closeAll();
        malformed(pinfo, "DHCPv6", end, "message runs past the end of the data");
      } else if (e instanceof TooDeep) {
        c.closeAll();
        dissectorBug(pinfo, offset, e.message);
      } else {
        throw e;
      }
    } finally {
      c.finish();
    }
    if (pinfo.wantColumns && !pinfo.inErrorPacket && pinfo.info.length > INFO_MAX / 3) pinfo.info = capInfo(pinfo.info);
    return end - offset;
  },
};

/** tshark's COL_MAX_INFO_LEN: the Info column keeps at most 4095 bytes (long relay chains reach it). */
const INFO_MAX = 4095;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function capInfo(info: string): string {
  const b = encoder.encode(info);
  if (b.length <= INFO_MAX) return info;
  // tshark cuts at the byte; we cut before a character the limit would split.
  let n = INFO_MAX;
  while (n > 0 && (b[n]! & 0xc0) === 0x80) n--;
  return decoder.decode(b.subarray(0, n));
}

/**
 * What tshark shows when a dissector gives up with an error of its own (here,
 * options nested past the tree's depth limit): a note in the tree and in the
 * Info column, and an error-level expert info.
 */
function dissectorBug(pinfo: PacketInfo, offset: number, message: string): void {
  if (pinfo.inErrorPacket) return;
  const text = `[Dissector bug, protocol DHCPv6: ${message}]`;
  if (!pinfo.malformed) pinfo.malformed = `DHCPv6: ${message}`;
  pinfo.tree.add(wsFields.malformed, offset, 0, null, 0, text);
  expert(pinfo, offset, 0, "error", message, "Malformed", "DHCPv6");
  if (pinfo.wantColumns) pinfo.info += text;
}

register("udp.port", [546, 547], dhcpv6);
