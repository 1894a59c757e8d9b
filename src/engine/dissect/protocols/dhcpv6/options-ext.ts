/**
 * Options defined after RFC 8415's core set: DNS (RFC 3646), SIP (RFC 3319),
 * NIS (RFC 3898), SNTP (RFC 4075), information refresh (RFC 4242), BCMCS
 * (RFC 4280), remote and subscriber IDs (RFC 4649, RFC 4580), PANA (RFC
 * 5192), time zones (RFC 4833), leasequery (RFC 5007), CAPWAP (RFC 5417),
 * NTP (RFC 5908), DS-Lite (RFC 6334), prefix exclude (RFC 6603), softwire
 * priority (RFC 8026), captive portal (RFC 7710), MUD (RFC 8520), relay port
 * (RFC 8357) and Mobile IPv6 (draft values); softwire.ts and failover.ts
 * take RFC 7598 and RFC 8156. Data at [off, off + len), as in options.ts.
 */
import type { FieldDef } from "../../field";
import { ipv6ToString } from "../../format";
import type { Ctx } from "./context";
import { domainField } from "./domain";
import { dhcpv6Fields as F } from "./fields";
import { NTP_SUBOPTIONS } from "./names";
import { failover } from "./failover";
import { badOption, fixed } from "./option-checks";
import { softwire } from "./softwire";
import { walkOptions, type Msg } from "./walk";

/** A list of IPv6 addresses; a length not a multiple of 16 is malformed. */
function addresses(c: Ctx, f: FieldDef, off: number, len: number, what: string, numbered = false): void {
  if (len % 16) {
    badOption(c, off, len, `${what}: malformed option`);
    return;
  }
  for (let i = 0; i < len; i += 16) {
    // DNS and SNTP servers are numbered in the tree (" 1 DNS server address: ...").
    if (numbered && c.detailed) {
      c.need(off + i, 16);
      c.ip6(f, off + i, ` ${i / 16 + 1} ${f.name}: ${ipv6ToString(c.d.subarray(off + i, off + i + 16))}`);
    } else c.ip6(f, off + i);
  }
}

/** A domain-name list in a text subtree, when there is anything to list. */
function domainList(c: Ctx, f: FieldDef, off: number, len: number, title: string): void {
  if (len <= 0) return;
  c.openText(off, len, title);
  domainField(c, f, off, len);
  c.close();
}

/** Decodes the options listed above; false when `code` is none of them. */
export function extOption(c: Ctx, code: number, off: number, len: number, m: Msg): boolean {
  switch (code) {
    case 21:
      domainList(c, F.sip_server_domain_search_fqdn, off, len, "SIP Servers Domain Search List");
      return true;
    case 22:
      addresses(c, F.sip_server_a, off, len, "SIP servers address");
      return true;
    case 23: // RFC 3646 §3: DNS recursive name servers
      addresses(c, F.dns_server, off, len, "DNS servers address", true);
      return true;
    case 24: // RFC 3646 §4: domain search list
      domainList(c, F.search_list_entry, off, len, "Domain name suffix search list");
      return true;
    case 27:
      addresses(c, F.nis_server, off, len, "NIS servers address");
      return true;
    case 28:
      addresses(c, F.nisp_server, off, len, "NISP servers address");
      return true;
    case 29:
      domainList(c, F.nis_fqdn, off, len, "nis-domain-name");
      return true;
    case 30:
      domainList(c, F.nisp_fqdn, off, len, "nisp-domain-name");
      return true;
    case 31:
      addresses(c, F.sntp_server, off, len, "SNTP servers address", true);
      return true;
    case 32:
      fixed(c, F.lifetime, off, len, 4, "LIFETIME: malformed option");
      return true;
    case 33:
      domainList(c, F.bcmcs_server_fqdn, off, len, "BCMCS Servers Domain Search List");
      return true;
    case 34:
      addresses(c, F.bcmcs_server_a, off, len, "BCMCS servers address");
      return true;
    case 37: // RFC 4649: enterprise number, then the remote-id
      if (len < 4) {
        badOption(c, off, len, "REMOTE_ID: malformed option");
      } else {
        c.uint(F["remoteid.enterprise"], off, 4);
        c.bytes(F.remoteid_enterprise_id, off + 4, len - 4);
      }
      return true;
    case 38:
      if (len === 0) badOption(c, off, len, "SUBSCRIBER_ID: malformed option");
      else c.ascii(F.subscriber_id, off, len);
      return true;
    case 40:
      addresses(c, F.pana_agent, off, len, "PANA agent address");
      return true;
    case 41:
      if (len > 0) c.ascii(F.timezone, off, len);
      return true;
    case 42:
      if (len > 0) c.ascii(F.tzdb, off, len);
      return true;
    case 44:
      leasequery(c, off, len, m);
      return true;
    case 45: // RFC 5007 §4.1.2.2: client data is a list of options
      walkOptions(c, off, off + len, m);
      return true;
    case 46:
      fixed(c, F.clt_time, off, len, 4, "CLT_TIME: malformed option");
      return true;
    case 47: // RFC 5007 §4.1.2.4: peer address, then the relayed message (shown as text)
      if (len < 16) {
        badOption(c, off, len, "LQ_RELAY_DATA: malformed option");
      } else {
        c.ip6(F.lq_relay_data_peer_addr, off);
        c.ascii(F.lq_relay_data_msg, off + 16, len - 16);
      }
      return true;
    case 48:
      addresses(c, F.lq_client_link, off, len, "LQ client links address");
      return true;
    case 52:
      addresses(c, F.capwap_ac_v6, off, len, "CAPWAP Access Controllers address");
      return true;
    case 56:
      ntpServer(c, off, len);
      return true;
    case 64: // RFC 6334 §3: the AFTR name
      domainField(c, F.aftr_name, off, len);
      return true;
    case 67: // RFC 6603 §4.2: prefix length, then the subnet ID bits
      if (len < 2 || len > 17) {
        badOption(c, off, len, "PD_EXCLUDE: malformed option");
      } else {
        c.uint(F["pd_exclude.pref_len"], off, 1);
        c.bytes(F["pd_exclude.subnet_id"], off + 1, len - 1);
      }
      return true;
    case 103:
      c.ascii(F.captive_portal, off, len);
      return true;
    case 111: // RFC 8026 §4.1: a list of softwire option codes
      for (let o = off; off + len - o >= 2; o += 2) c.uint(F.option_code, o, 2);
      return true;
    case 112:
      if (len > 0) c.ascii(F.mudurl, off, len);
      return true;
    case 135:
      fixed(c, F.relay_port, off, len, 2, "Relay Port: malformed option");
      return true;
    case 165:
      if (len !== 16) badOption(c, off, len, "MIP6_HA: malformed option");
      else c.ip6(F.mip6_home_agent, off);
      return true;
    case 166:
      if (len !== 16) badOption(c, off, len, "MIP6_HOA: malformed option");
      else c.ip6(F.mip6_home_address, off);
      return true;
    case 167: // tshark leaves out the last two bytes
      if (len < 4) badOption(c, off, len, "NAI: malformed option");
      else c.ascii(F.nai, off, len - 2);
      return true;
    default:
      return softwire(c, code, off, len, m) || failover(c, code, off, len);
  }
}

/** RFC 5007 §4.1.2.1: query type, link address, then options. */
function leasequery(c: Ctx, off: number, len: number, m: Msg): void {
  if (len < 17) return badOption(c, off, len, "LQ-QUERY: malformed option");
  const type = c.u8(off);
  c.open(F.lq_query, off, 1, type);
  // RFC 5460 §5.3: by relay-id, link address and remote-id only over TCP (bulk leasequery).
  if (type >= 3 && type <= 5) {
    c.expert(F["bulk_leasequery.bad_query_type"], off, 1, "warn", "LQ-QUERY: Query types only supported by Bulk Leasequery");
  }
  c.close();
  c.ip6(F.lq_query_link_address, off + 1);
  walkOptions(c, off + 17, off + len, m);
}

/** RFC 5908 §4: suboptions (type (2), length (2), data): an address, a multicast address or an FQDN. */
function ntpServer(c: Ctx, off: number, len: number): void {
  if (len < 4) return badOption(c, off, len, "NTP Server: malformed option");
  for (let t = 0; len > t; ) {
    const type = c.u16(off + t);
    const n = c.u16(off + t + 2);
    if (n > len - t) return badOption(c, off, len, "NTP Server: suboption too long");
    c.openText(off + t, 4 + n, NTP_SUBOPTIONS.get(type) ?? `NTP Server suboption ${type}`);
    c.uint(F["ntpserver.option.type"], off + t, 2);
    c.uint(F["ntpserver.option.length"], off + t + 2, 2);
    t += 4;
    if (type === 1) c.ip6(F["ntpserver.addr"], off + t);
    else if (type === 2) c.ip6(F["ntpserver.mc_addr"], off + t);
    // §4.3: internationalized names are not allowed, so the plain decoder will do.
    else if (type === 3) domainField(c, F["ntpserver.fqdn"], off + t, n);
    c.close();
    t += n;
  }
}

