/**
 * Echo request/reply matching (packet-icmp.c transaction_start/_end), shared
 * with ICMPv6.
 */
import { expert } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import type { icmpFields } from "./fields";

export interface EchoTransaction {
  requestFrame: number;
  responseFrame: number;
  requestSec: number;
  requestNsec: number;
}

/**
 * Requests waiting for a reply, keyed by address pair and the 64-bit
 * (checksum, identifier, sequence) key Wireshark uses; matched pairs by frame
 * number for re-dissection.
 */
export class EchoMatcher {
  private readonly unmatched = new Map<string, EchoTransaction>();
  private readonly matched = new Map<number, EchoTransaction>();

  request(pinfo: PacketInfo, key: string): EchoTransaction | undefined {
    if (pinfo.visited) return this.matched.get(pinfo.num);
    const t: EchoTransaction = { requestFrame: pinfo.num, responseFrame: 0, requestSec: pinfo.tsSec, requestNsec: pinfo.tsNsec };
    this.unmatched.set(key, t);
    return t;
  }

  reply(pinfo: PacketInfo, key: string): EchoTransaction | undefined {
    if (pinfo.visited) {
      const t = this.matched.get(pinfo.num);
      return t && t.responseFrame === pinfo.num ? t : undefined;
    }
    const t = this.unmatched.get(key);
    if (!t) return undefined;
    // A second reply to the same request is not matched again: Wireshark keeps the
    // answered request and ignores it; forgetting it gives the same result in less memory.
    this.unmatched.delete(key);
    t.responseFrame = pinfo.num;
    this.matched.set(t.requestFrame, t);
    this.matched.set(t.responseFrame, t);
    return t;
  }
}

/** Order-independent key for the conversation's two addresses (find_conversation matches both directions). */
export function addressPairKey(pinfo: PacketInfo): string {
  const a = pinfo.netSrc;
  const b = pinfo.netDst;
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/** Response time in milliseconds, as Wireshark's nstime_to_msec (rounded to the nanosecond to avoid float noise). */
export function responseTimeMs(pinfo: PacketInfo, t: EchoTransaction): number {
  const ms = (pinfo.tsSec - t.requestSec) * 1000 + (pinfo.tsNsec - t.requestNsec) / 1e6;
  return Math.round(ms * 1e6) / 1e6;
}

/** " (request in 3)" / resp_to / resptime for a matched reply; " (reply in 4)" / resp_in for a request. */
export function addEchoMatch(
  pinfo: PacketInfo,
  t: EchoTransaction | undefined,
  isReply: boolean,
  f: { resp_in: typeof icmpFields.resp_in; resp_to: typeof icmpFields.resp_to; resptime: typeof icmpFields.resptime; no_resp: typeof icmpFields.no_resp },
  nonUnicast: "" | "broadcast" | "multicast",
  protoLabel: string,
): void {
  const tree = pinfo.tree;
  if (isReply) {
    if (!t) return;
    tree.add(f.resp_to, 0, 0, t.requestFrame, GENERATED);
    const ms = responseTimeMs(pinfo, t);
    tree.add(f.resptime, 0, 0, ms, GENERATED, tree.detailed ? `Response time: ${ms.toFixed(3)} ms` : undefined);
    if (pinfo.wantColumns) pinfo.info += ` (request in ${t.requestFrame})`;
    return;
  }
  if (!t) {
    if (nonUnicast) {
      if (pinfo.wantColumns) pinfo.info += ` (${nonUnicast})`;
    } else if (pinfo.visited) {
      tree.add(f.no_resp, 0, 0, null, GENERATED);
      if (pinfo.wantColumns) pinfo.info += " (no response found!)";
      expert(pinfo, 0, 0, "warn", `No response seen to ${protoLabel} request`, "Sequence", protoLabel);
    }
    return;
  }
  if (t.responseFrame) {
    tree.add(f.resp_in, 0, 0, t.responseFrame, GENERATED);
    if (pinfo.wantColumns) pinfo.info += ` (reply in ${t.responseFrame})`;
  }
}

export function matcher(pinfo: PacketInfo): EchoMatcher {
  return pinfo.state.get("icmp.echo", () => new EchoMatcher());
}
