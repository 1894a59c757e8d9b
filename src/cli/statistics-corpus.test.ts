/**
 * `-z conv`, `-z endpoints` and `-z io,phs` against live tshark on every
 * capture the project recorded (fixtures/) and on the public captures in
 * ../shared/captures, byte for byte, statistic by statistic. Runs when
 * tshark exists (and the folder, for the shared captures); otherwise skips
 * with a printed notice.
 *
 * tshark runs with -n: pcapscope never resolves names, and tshark's
 * default MAC name resolution (vendor prefixes from its manuf file,
 * "Broadcast") changes the Ethernet tables' address texts and nothing
 * else. LC_ALL=C: tshark groups thousands only under a locale that asks for
 * it, pcapscope never does.
 *
 * Where we differ, KNOWN lists the capture and statistic with the reason
 * (protocols we do not dissect, and so on); such a statistic must still
 * differ (so a fix is noticed and the entry removed).
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { hasTshark } from "../../scripts/follow-compare";
import { run } from "./main";
import { captureFiles, fixturesDir, sharedCapturesDir } from "./corpus-files";

const sharedDir = sharedCapturesDir;
const captures = [
  ...captureFiles(fixturesDir, /\.(pcap|pcapng|cap|snoop|gz)$/),
  ...captureFiles(sharedDir, /\.(pcap|pcapng|cap|snoop|gz)$/),
];
const tshark = hasTshark();

if (!tshark) console.log("statistics corpus: skipped, tshark is not installed");
else if (!existsSync(sharedDir))
  console.log(`statistics corpus: ${sharedDir} not found (set PCAPSCOPE_SHARED to point elsewhere); fixtures only`);

const TYPES = ["eth", "ip", "ipv6", "tcp", "udp"];
const SPECS = [...TYPES.map((t) => `conv,${t}`), ...TYPES.map((t) => `endpoints,${t}`), "io,phs"];

const UNREAD = "pcapscope reads pcap and pcapng only (not this file's format), so it prints empty tables";
const notDissected = (protocols: string): string =>
  `Protocol Hierarchy: pcapscope does not dissect ${protocols} yet, so those packets end in "data" (or at the layer below)`;

/** "capture statistic" → why our output differs from tshark's. */
const KNOWN: Record<string, string> = {
  ...Object.fromEntries(
    [
      "snoop-solaris-1998-lan-stp-nbns-ipx-appletalk.snoop",
      "netmon2-wsus-http-soap-ntp-nbns-dhcpv6-llmnr.cap",
      "gzip-pcap-http-get-358kb-octet-stream-localhost.pcap.gz",
    ].flatMap((capture) => SPECS.map((spec) => [`${capture} ${spec}`, UNREAD])),
  ),
  "bsd-null-loopback-ipv4-ipv6.pcap io,phs": notDissected("BJNP (Canon's UDP 8611)"),
  "gre-keepalive-cmd-gre-in-gre-plus-stp-pvst-cdp-dtp.pcap io,phs": notDissected("Ethernet loopback (0x9000), LLC/STP, CDP, DTP, PIM"),
  "http-ipv6-multi-object-chunked-html-css-jpeg.pcap io,phs": notDissected("HTTP and its media types"),
  "pcap-bigendian-nanosec-http.pcap io,phs": notDissected("HTTP and its media types"),
  "http-dvwa-login-gzip-css-js-png-post-credentials.pcapng io,phs": notDissected("HTTP and its media types"),
  "rawip-linktype101-ipv4-ipv6-mixed.pcap io,phs": notDissected("HTTP and its media types"),
  "icmp-dest-unreach-embedding-udp-dns.pcap io,phs": notDissected("DNS inside an ICMP error's quoted datagram"),
  "igmpv2-general-and-group-query-report-leave.pcap io,phs": notDissected("IGMP"),
  "mdns-ipv4-ipv6-avahi-query-response-igmpv3-mldv2.pcap io,phs": notDissected("IGMP"),
  "imap-login-list-select-uid-fetch.pcap io,phs": notDissected("IMAP and IMF"),
  "pop3-user-pass-auth-plain-list-retr.pcapng io,phs": notDissected("POP and IMF"),
  "lan-windows-nbns-llmnr-ssdp-dhcpv6-icmpv6-nd-igmpv3-smb.pcap io,phs": notDissected("NetBIOS (NBNS, NBDGM), SMB, LLMNR, SSDP, IGMP"),
  "smtp-auth-login-mime-attachment-two-sessions.pcap io,phs": notDissected("SMTP, IMF, NBDGM/SMB and HTTP"),
  "malformed-fuzz-bigendian-mixed-incl-ftp.pcap io,phs": notDissected("NBNS, SIP/SDP, RTP and others in this fuzzed mix"),
  "ntp-v3-symmetric-active-pool-sync-with-dns.pcap io,phs": notDissected("NTP"),
  "ssh2-openssh-version-exchange-ecdh-kex.pcap io,phs": notDissected("SSH"),
  "telnet-login-openbsd-cleartext-user-password.pcap io,phs": notDissected("Telnet"),
  "pcapng-comments-ether-plus-sll-odd-timestamps.pcapng io,phs": `${notDissected("MySQL, X11, SSH, HTTP")}; and tshark 4.0 lists packet comments as a top-level pkt_comment item, ours stay inside the frame`,
};

/** The output cut into the statistics' blocks, keyed by spec (both print them in reverse order of the -z). */
function blocks(text: string): Map<string, string> {
  const parts = text
    .split(/(?=^={80}\n\S+ (?:Conversations|Endpoints)\n)|(?=^\n={67}\nProtocol Hierarchy)/m)
    .filter((p) => p.startsWith("=") || p.startsWith("\n="));
  const out = new Map<string, string>();
  const reversed = [...SPECS].reverse();
  parts.forEach((p, i) => out.set(reversed[i] ?? `extra ${i}`, p));
  return out;
}

async function ours(file: string): Promise<string> {
  let stdout = "";
  let stderr = "";
  await run(["-r", file, "-q", ...SPECS.flatMap((z) => ["-z", z])], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return stdout;
}

const tally = { identical: 0, total: 0 };

describe.skipIf(!tshark)("statistics corpus: byte-identical to live tshark", () => {
  it.each(captures.map((file) => [basename(file), file] as const))(
    "%s",
    async (name, file) => {
      const theirs = execFileSync("tshark", ["-n", "-r", file, "-q", ...SPECS.flatMap((z) => ["-z", z])], {
        encoding: "utf8",
        env: { ...process.env, LC_ALL: "C" },
        stdio: ["ignore", "pipe", "ignore"],
        maxBuffer: 64 << 20,
      });
      const expected = blocks(theirs);
      const actual = blocks(await ours(file));
      const differing = SPECS.filter((spec) => actual.get(spec) !== expected.get(spec));
      tally.total += SPECS.length;
      tally.identical += SPECS.length - differing.length;
      // Unlisted differences fail with both texts; listed ones must still differ.
      for (const spec of differing.filter((s) => !KNOWN[`${name} ${s}`])) expect(actual.get(spec), spec).toBe(expected.get(spec));
      const fixed = SPECS.filter((s) => KNOWN[`${name} ${s}`] && !differing.includes(s));
      expect(fixed, "listed in KNOWN but now equal to tshark's output: remove them").toEqual([]);
    },
    120_000,
  );
  it("summary", () => {
    console.log(
      `statistics corpus: ${tally.identical} of ${tally.total} statistics byte-identical to tshark over ${captures.length} captures`,
    );
  });
});
