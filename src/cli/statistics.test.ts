/**
 * -z statistics combined with the other outputs, against live tshark on a
 * fixture (skipped with a notice when tshark is missing): after the
 * packets, with -Y (which the statistics ignore, as tshark's taps do),
 * -T fields (the hierarchy then starts at "frame"), -c, a statistic's own filter, -z follow, the last -z first.
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { hasTshark } from "../../scripts/follow-compare";
import { run } from "./main";
import { fixturesDir } from "./corpus-files";

const tshark = hasTshark();
if (!tshark) console.log("statistics: comparisons with tshark skipped, tshark is not installed");

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await run(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const theirs = (argv: string[]): string =>
  execFileSync("tshark", ["-n", ...argv], { encoding: "utf8", env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "pipe", "ignore"] });

const FTP = join(fixturesDir, "ftp-active-tnftp-vsftpd-ls-get.pcap");
const IPV6 = join(fixturesDir, "ftp-ipv6-epsv-eprt-curl-pyftpdlib.pcapng");

describe.skipIf(!tshark)("-z statistics with other options, as tshark prints them", () => {
  const cases: [string, string[]][] = [
    ["after the summary lines, -Y ignored by the statistics", ["-r", FTP, "-Y", "ftp", "-z", "conv,tcp", "-z", "endpoints,eth"]],
    [
      "with -T fields and -c",
      ["-r", FTP, "-c", "30", "-T", "fields", "-e", "frame.number", "-e", "ip.src", "-z", "io,phs", "-z", "conv,ip"],
    ],
    [
      "each statistic behind its own filter",
      ["-r", FTP, "-q", "-z", "conv,tcp,tcp.port == 20", "-z", "endpoints,tcp,ftp", "-z", "io,phs,ftp-data"],
    ],
    ["mixed with -z follow, the last -z first", ["-r", FTP, "-q", "-z", "endpoints,ip", "-z", "follow,tcp,ascii,1", "-z", "conv,eth"]],
    ["IPv6", ["-r", IPV6, "-q", "-z", "conv,ipv6", "-z", "endpoints,ipv6", "-z", "conv,tcp", "-z", "endpoints,udp"]],
  ];
  for (const [what, argv] of cases) {
    it(what, async () => {
      const ours = await cli(argv);
      expect(ours.code).toBe(0);
      expect(ours.out).toBe(theirs(argv));
    });
  }
});

describe("-z statistic specs", () => {
  it("rejects a table type or filter tshark would reject", async () => {
    const bad = await cli(["-r", FTP, "-q", "-z", "conv,sctp"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("conv of eth, ip, ipv6, tcp or udp only");
    const filter = await cli(["-r", FTP, "-q", "-z", "endpoints,ip,ip.src ==="]);
    expect(filter.code).toBe(2);
    expect(filter.err).toContain("Couldn't register endpoints tap");
  });
  it("prints an empty table for a filter nothing matches", async () => {
    const r = await cli(["-r", FTP, "-q", "-z", "conv,udp,udp.port == 9"]);
    expect(r.out).toBe(
      [
        "=".repeat(80),
        "UDP Conversations",
        "Filter:udp.port == 9",
        " ".repeat(59) + "|       <-      | |       ->      | |     Total     |    Relative    |   Duration   |",
        " ".repeat(59) + "| Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |",
        "=".repeat(80),
        "",
      ].join("\n"),
    );
  });
});
