/**
 * LLC/SNAP, Spanning Tree (STP, RSTP, PVST+), CDP, DTP, PIM, the Ethernet loopback
 * protocol, GRE, ICMPv6 Neighbor Discovery and MLD, and TSO-offloaded IPv4
 * against live tshark: `-n -T fields` of the columns and these protocols'
 * fields, on the shared captures that carry them (with the PIM Hellos the GRE
 * capture tunnels). A packet is compared when tshark's frame.protocols has one
 * of those layers.
 * Skipped with a notice without tshark or ../shared/captures.
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { hasTshark } from "../../scripts/follow-compare";
import { run } from "./main";
import { sharedCapturesDir } from "./corpus-files";

const COLUMNS = ["frame.number", "frame.protocols", "_ws.col.Protocol", "_ws.col.Info", "_ws.expert.message"];
const LLC = ["eth.len", "eth.padding", "vlan.len", "llc.dsap", "llc.dsap.sap", "llc.ssap", "llc.ssap.cr", "llc.control", "llc.control.ftype", "llc.oui", "llc.pid", "llc.cisco_pid", "llc.type"];
const STP = ["stp.version", "stp.type", "stp.flags", "stp.flags.tc", "stp.root.prio", "stp.root.ext", "stp.root.hw", "stp.root.cost", "stp.bridge.hw", "stp.port", "stp.msg_age", "stp.max_age", "stp.hello", "stp.forward", "stp.pvst.tlvtype", "stp.pvst.origvlan"];
const CDP = ["cdp.version", "cdp.ttl", "cdp.checksum.status", "cdp.tlv.type", "cdp.tlv.len", "cdp.deviceid", "cdp.portid", "cdp.platform", "cdp.software_version", "cdp.capabilities", "cdp.nrgyz.ip_address", "cdp.ip_prefix", "cdp.native_vlan", "cdp.duplex"];
const DTP_LOOP = ["dtp.version", "dtp.tlv_type", "dtp.tos", "dtp.tas", "dtp.tot", "dtp.tat", "dtp.senderid", "loop.skipcount", "loop.function", "loop.receipt_number"];
const GRE = ["gre.flags_and_version", "gre.proto", "gre.key", "gre.sequence_number"];
const PIM = ["pim.version", "pim.type", "pim.cksum.status", "pim.optiontype", "pim.optionlength", "pim.holdtime", "pim.dr_priority", "pim.generation_id", "pim.state_refresh_version"];
const ICMPV6 = ["icmpv6.type", "icmpv6.code", "icmpv6.checksum.status", "icmpv6.nd.ns.target_address", "icmpv6.nd.na.target_address", "icmpv6.nd.na.flag.s", "icmpv6.nd.ra.cur_hop_limit", "icmpv6.nd.ra.router_lifetime", "icmpv6.opt.type", "icmpv6.opt.length", "icmpv6.opt.linkaddr", "icmpv6.opt.prefix", "icmpv6.mldr.nb_mcast_records", "icmpv6.mldr.mar.multicast_address", "icmpv6.mldr.mar.record_type"];
const IPV4_TCP = ["ip.len", "ip.id", "tcp.len", "tcp.seq", "tcp.ack"];

/** Each capture, the fields compared and the layers that select its packets. */
const CASES: { file: string; fields: string[]; layers: RegExp }[] = [
  { file: "gre-keepalive-cmd-gre-in-gre-plus-stp-pvst-cdp-dtp.pcap", fields: [...LLC, ...STP, ...CDP, ...DTP_LOOP, ...GRE, ...PIM], layers: /:(llc|loop|gre)(:|$)/ },
  { file: "snoop-solaris-1998-lan-stp-nbns-ipx-appletalk.snoop", fields: [...LLC, ...STP], layers: /:llc:stp$/ },
  { file: "lan-windows-nbns-llmnr-ssdp-dhcpv6-icmpv6-nd-igmpv3-smb.pcap", fields: ICMPV6, layers: /:icmpv6$/ },
  { file: "mdns-ipv4-ipv6-avahi-query-response-igmpv3-mldv2.pcap", fields: ICMPV6, layers: /:icmpv6$/ },
  // The NetMon capture's HTTP is another dissector's: only the IPv4 and TCP lengths and numbers, on every TCP packet.
  { file: "netmon2-wsus-http-soap-ntp-nbns-dhcpv6-llmnr.cap", fields: IPV4_TCP, layers: /:tcp(:|$)/ },
];

const tshark = hasTshark();
const shared = existsSync(sharedCapturesDir);
if (!tshark) console.log("link-layer corpus: skipped, tshark is not installed");
else if (!shared) console.log(`link-layer corpus: skipped, ${sharedCapturesDir} not found`);

const tally = { compared: 0, identical: 0 };

describe.skipIf(!tshark || !shared)("LLC, STP, CDP, DTP, PIM, LOOP, GRE, ICMPv6 ND and TSO IPv4 against live tshark", () => {
  it.each(CASES.map((c) => [c.file, c] as const))(
    "%s",
    async (_name, c) => {
      const file = join(sharedCapturesDir, c.file);
      // -T fields with the columns first; the NetMon case skips the columns its HTTP lines would fail.
      const fields = c.fields === IPV4_TCP ? ["frame.number", "frame.protocols", ...c.fields] : [...COLUMNS, ...c.fields];
      const args = ["-n", "-r", file, "-T", "fields", ...fields.flatMap((f) => ["-e", f])];
      const expected = execFileSync("tshark", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 << 20 }).split("\n");
      let out = "";
      await run(args, { stdout: (s) => (out += s), stderr: () => {} });
      const actual = out.split("\n");
      const differences: string[] = [];
      let compared = 0;
      expected.forEach((line, i) => {
        const protocols = line.split("\t")[1] ?? "";
        if (!c.layers.test(protocols)) return;
        // The NetMon capture's HTTP layers are not ours: compare from the IPv4 fields on.
        const strip = (l: string | undefined): string => (c.fields === IPV4_TCP ? (l ?? "").split("\t").slice(2).join("\t") : (l ?? ""));
        compared++;
        if (strip(line) !== strip(actual[i])) differences.push(`tshark: ${line}\nours:   ${actual[i]}`);
      });
      tally.compared += compared;
      tally.identical += compared - differences.length;
      expect(compared).toBeGreaterThan(0);
      expect(differences.slice(0, 5).join("\n")).toBe("");
    },
    120_000,
  );
  it("summary", () => {
    console.log(`link-layer corpus: ${tally.identical} of ${tally.compared} packets identical to tshark in every compared field`);
  });
});
