/**
 * The Client FQDN option (RFC 4704 §4): flags, then a domain name.
 *
 *   +-----+-+-+-+
 *   | MBZ |N|O|S|   N: no server DNS updates; O: server overrode S; S: server updates AAAA
 *   +-----+-+-+-+
 *
 * Clients send it in Solicit, Request, Renew and Rebind (§5), servers in
 * Advertise and Reply (§6); the flags read differently from each side, so
 * the message type decides which bits are shown and how they are summed up.
 */
import { bitsLabel } from "../../common";
import type { Ctx } from "./context";
import { domainField } from "./domain";
import { dhcpv6Fields as F } from "./fields";
import { badOption } from "./option-checks";

const CLIENT_TYPES = new Set([1, 3, 5, 6]);
const SERVER_TYPES = new Set([2, 7]);

/** The flags summary, by the N and S bits (mask 0x5), for a client and for a server. */
const CLIENT_SUMMARY: Record<number, string> = {
  0: "[CLIENT wants to update its AAAA RRs and SERVER to update its PTR RRs",
  1: "[CLIENT wants SERVER to update both its AAAA and PTR RRs",
  4: "[CLIENT prefers that the server not perform *any* DNS updates",
  5: "[ERROR: CLIENT prefers that the server not perform *any* DNS updates\n        In which case the 'S' bit MUST be 0",
};
const SERVER_SUMMARY: Record<number, string> = {
  0: "[CLIENT SHALL update AAAA RRs; SERVER SHALL update PTR RRs",
  1: "[SERVER SHALL update both AAAA and PTR RRs",
  4: "[CLIENT SHALL update AAAA RRs; SERVER SHALL NOT perform any DNS updates",
  5: "[ERROR: SERVER SHALL NOT perform *any* DNS updates in which case         the 'S' bit MUST be 0",
};

export function clientFqdn(c: Ctx, off: number, len: number, msgType: number): void {
  if (len < 1) {
    badOption(c, off, len, "FQDN: malformed option");
    return;
  }
  const client = CLIENT_TYPES.has(msgType);
  if (!client && !SERVER_TYPES.has(msgType)) {
    const label = c.detailed
      ? "Only the following message types are permitted to use OPTION_CLIENT_FQDN:\nSOLICIT, REQUEST, RENEW, REBIND, ADVERTISE, and REPLY"
      : undefined;
    c.open(F["clientfqdn.bad_msgtype"], off - 4, 1, msgType, label);
    c.expert(F.bad_msgtype, off - 4, 1, "error", "This message type is not permitted to use OPTION_CLIENT_FQDN");
    c.close();
    return;
  }
  const flags = c.u8(off);
  const ns = flags & 0x5;
  let label: string | undefined;
  if (c.detailed) {
    const summary = (client ? CLIENT_SUMMARY : SERVER_SUMMARY)[ns]!;
    // A server's O bit with a consistent N/S pair means it overrode the client's S preference.
    const suffix = !client && flags & 0x2 && (ns === 0 || ns === 1) ? "]\n[Server has overridden the client's S bit]" : "]";
    label = `Flags: 0x${flags.toString(16).padStart(2, "0")}  ${summary}${suffix}`;
  }
  c.open(F.client_fqdn_flags, off, 1, flags, label);
  const bits = client
    ? [F["clientfqdn.client.n"], F["clientfqdn.client.s"]]
    : [F["clientfqdn.server.n"], F["clientfqdn.server.o"], F["clientfqdn.server.s"]];
  for (const f of bits) {
    const set = (flags & f.bitmask!) !== 0;
    c.add(f, off, 1, set, c.detailed ? bitsLabel(flags, f.bitmask!, 8, `${f.name}: ${f.tfs![set ? 0 : 1]}`) : undefined);
  }
  c.close();
  // §4.1: "If the N bit is 1, the S bit MUST be 0."
  if (ns === 5) c.expert(F.s_bit_should_be_zero, off, 1, "error", "ERROR: When the N-bit is set, the S-bit must be reset");
  domainField(c, F.client_domain, off + 1, len - 1);
}
