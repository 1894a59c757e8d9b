/**
 * DHCPv6 messages and the option walk.
 *
 * Client/server messages (RFC 8415 §8):   +0 msg-type  +1 transaction-id (3)  +4 options
 * Relay agent/server messages (§9):       +0 msg-type  +1 hop-count  +2 link-address (16)
 *                                          +18 peer-address (16)  +34 options
 *
 * A Relay-forw/Relay-reply carries the relayed message in its Relay Message
 * option (§21.10), which is dissected as a message of its own, with its own
 * protocol item, nested in the option. The options themselves: walk.ts.
 */
import { ipv6ToString } from "../../format";
import type { Ctx } from "./context";
import { dhcpv6Fields as F } from "./fields";
import { MSG_TYPES, RELAY_FORW, RELAY_REPL } from "./names";
import { option, type Hop, type Msg } from "./walk";

/** RFC 8415 §7.6: HOP_COUNT_LIMIT. */
const HOP_COUNT_LIMIT = 32;

/** Dissects the message at [off, eoff) (eoff: its end on the wire). */
export function dissectMessage(c: Ctx, off: number, eoff: number, hop: Hop): void {
  const type = c.u8(off);
  c.info(`${MSG_TYPES.get(type) ?? `Message Type ${type}`} `);
  c.open(F[""], off, Math.min(eoff, c.end) - off, null);
  const m: Msg = { type, atEnd: false, hop };
  if (type === RELAY_FORW || type === RELAY_REPL) {
    c.uint(F.msgtype, off, 1);
    const count = c.u8(off + 1);
    // tshark hangs the limit warning on the hop-count item, once both addresses were read.
    c.open(F.hopcount, off + 1, 1, count);
    if (count > HOP_COUNT_LIMIT && off + 34 <= c.end) {
      hopWarning(c, off + 1, `Hopcount (${count}) exceeds the maximum limit HOP_COUNT_LIMIT (${HOP_COUNT_LIMIT})`);
    }
    c.close();
    c.ip6(F.linkaddr, off + 2);
    c.ip6(F.peeraddr, off + 18);
    // Each relay toward the server adds one, so the enclosing relay must count one more than this one.
    if (hop.inRelay && count !== hop.count - 1) {
      hopWarning(c, hop.at, `hopcount is not correctly incremented by 1 (expected : ${count + 1}, actual : ${hop.count})`);
    }
    m.hop = { count, at: off + 1, inRelay: true };
    if (c.cols) c.info(`L: ${ip6Text(c, off + 2)} `);
    off += 34;
  } else {
    // The relay closest to the client sends hop count 0 (RFC 8415 §19.1.1).
    if (hop.count) hopWarning(c, hop.at, `Hopcount of most inner message has to equal 0 instead of ${hop.count}`);
    c.uint(F.msgtype, off, 1);
    const xid = c.uint(F.xid, off + 1, 3);
    c.info(`XID: 0x${xid.toString(16).padStart(6, "0")} `);
    off += 4;
  }
  while (off < eoff && !m.atEnd) off += option(c, off, eoff, m);
  c.close();
}

function hopWarning(c: Ctx, at: number, message: string): void {
  c.expert(F.error_hopcount, at, 1, "warn", message);
}

function ip6Text(c: Ctx, o: number): string {
  c.need(o, 16);
  return ipv6ToString(c.d.subarray(o, o + 16));
}
