/**
 * NBNS, LLMNR, mDNS, IGMP and NTP against live tshark on the shared captures
 * that carry them (../shared/captures, never copied into the project): every
 * packet tshark names one of these protocols must have the same `-r` summary
 * line (with -n) and the same value of every field of those protocols. Runs
 * when the folder and tshark exist; otherwise skips with a printed notice.
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { run } from "./main";
import { hasTshark, ourFields, tsharkFields } from "../../scripts/tshark-compare";
import { sharedCapturesDir } from "./corpus-files";

const CAPTURES = [
  "lan-windows-nbns-llmnr-ssdp-dhcpv6-icmpv6-nd-igmpv3-smb.pcap",
  "mdns-ipv4-ipv6-avahi-query-response-igmpv3-mldv2.pcap",
  "igmpv2-general-and-group-query-report-leave.pcap",
  "ntp-v3-symmetric-active-pool-sync-with-dns.pcap",
  "netmon2-wsus-http-soap-ntp-nbns-dhcpv6-llmnr.cap",
  "snoop-solaris-1998-lan-stp-nbns-ipx-appletalk.snoop",
];
/** The Protocol column values of the protocols under test. */
const MINE = /^(NBNS|LLMNR|MDNS|IGMP|IGMPv[0-3]|NTP)$/;
const FIELDS = [
  "nbns.id", "nbns.flags", "nbns.flags.opcode", "nbns.flags.rcode", "nbns.count.queries", "nbns.count.answers", "nbns.count.add_rr",
  "nbns.name", "nbns.type", "nbns.class", "nbns.ttl", "nbns.data_length", "nbns.nb_flags", "nbns.addr", "nbns.netbios_name",
  "igmp.version", "igmp.type", "igmp.max_resp", "igmp.checksum", "igmp.checksum.status", "igmp.maddr", "igmp.s", "igmp.qrv", "igmp.qqic",
  "igmp.num_src", "igmp.saddr", "igmp.num_grp_recs", "igmp.record_type",
  "ntp.flags", "ntp.flags.li", "ntp.flags.vn", "ntp.flags.mode", "ntp.stratum", "ntp.ppoll", "ntp.precision", "ntp.rootdelay",
  "ntp.rootdispersion", "ntp.refid", "ntp.reftime", "ntp.org", "ntp.rec", "ntp.xmt", "ntp.keyid", "ntp.mac",
  "dns.id", "dns.flags", "dns.qry.name", "dns.qry.type", "dns.qry.unicast_response", "dns.resp.name", "dns.resp.cache_flush", "dns.resp.ttl", "dns.a", "dns.aaaa",
  "_ws.col.Protocol", "_ws.col.Info",
];

const present = CAPTURES.filter((c) => existsSync(join(sharedCapturesDir, c)));
const tshark = hasTshark();
if (present.length === 0) console.log(`udp-small corpus: skipped, the captures are not in ${sharedCapturesDir}`);
else if (!tshark) console.log("udp-small corpus: skipped, tshark is not installed");

function tsharkSummary(file: string): string[] {
  try {
    return execFileSync("tshark", ["-n", "-r", file], { encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, TZ: "UTC" } }).split("\n");
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? "").split("\n");
  }
}

async function ourSummary(file: string): Promise<string[]> {
  let out = "";
  await run(["-n", "-r", file], { stdout: (s) => (out += s), stderr: () => {} });
  return out.split("\n");
}

/** The Protocol column of a summary line (the word after the destination, or the sixth word without an arrow). */
function protocolOf(line: string): string {
  const words = line.trim().split(/\s+/);
  const arrow = words.indexOf("\u2192");
  return arrow >= 0 ? (words[arrow + 2] ?? "") : (words[5] ?? "");
}

describe.skipIf(present.length === 0 || !tshark)("NBNS, LLMNR, mDNS, IGMP and NTP against live tshark", () => {
  for (const name of present) {
    it(name, { timeout: 120_000 }, async () => {
      const file = join(sharedCapturesDir, name);
      const theirs = tsharkSummary(file);
      const ours = await ourSummary(file);
      const wrongLines: string[] = [];
      let compared = 0;
      theirs.forEach((line, i) => {
        if (!MINE.test(protocolOf(line))) return;
        compared++;
        if (ours[i] !== line) wrongLines.push(`tshark: ${line}\nours:   ${ours[i]}`);
      });
      const tf = tsharkFields(file, FIELDS).split("\n");
      const of = (await ourFields(file, FIELDS)).stdout.split("\n");
      const protoCol = FIELDS.indexOf("_ws.col.Protocol");
      const wrongFields: string[] = [];
      tf.forEach((row, i) => {
        const t = row.split("\t");
        if (!MINE.test(t[protoCol] ?? "")) return;
        const o = (of[i] ?? "").split("\t");
        FIELDS.forEach((f, j) => {
          if ((t[j] ?? "") !== (o[j] ?? "")) wrongFields.push(`frame ${i + 1} ${f}: tshark=${JSON.stringify(t[j])} ours=${JSON.stringify(o[j])}`);
        });
      });
      console.log(`${name}: ${compared - wrongLines.length}/${compared} summary lines of these protocols equal tshark's`);
      expect(compared).toBeGreaterThan(0);
      expect(wrongLines.slice(0, 10)).toEqual([]);
      expect(wrongFields.slice(0, 20)).toEqual([]);
    });
  }
});
