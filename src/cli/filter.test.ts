/**
 * -Y, -2 and -R on a recorded fixture: the frames printed are tshark's
 * (`tshark -r fixtures/ftp-active-tnftp-vsftpd-ls-get.pcap -Y …` printed the
 * expectations), and errors are tshark's words with exit status 2.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { run } from "./main";

const FIXTURE = join(__dirname, "../../fixtures/ftp-active-tnftp-vsftpd-ls-get.pcap");

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe("pcapscope -Y", () => {
  it("prints only the packets the filter selects, with -T fields", async () => {
    const r = await cli("-r", FIXTURE, "-Y", 'ftp.request.command == "USER" or ftp.request.command == "PASS"', "-T", "fields", "-e", "frame.number", "-e", "ftp.request.arg");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("8\tanonymous\n11\tpcapscope@example.org\n");
  });

  it("prints summary lines and details trees of the selected packets only", async () => {
    const lines = (await cli("-r", FIXTURE, "-Y", "tcp.flags.syn == 1 && tcp.flags.ack == 0")).stdout.trim().split("\n");
    expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual(["3", "29", "45", "63", "83"]);
    const v = await cli("-r", FIXTURE, "-Y", "frame.number == 8", "-V");
    expect(v.stdout).toContain("Frame 8:");
    expect(v.stdout).toContain("Request command: USER");
    expect(v.stdout).not.toContain("Frame 9:");
  });

  it("counts read packets with -c, as tshark does", async () => {
    const r = await cli("-r", FIXTURE, "-c", "20", "-Y", "ftp", "-T", "fields", "-e", "frame.number");
    expect(r.stdout.trim().split("\n").map(Number).every((n) => n <= 20)).toBe(true);
  });

  it("stops after -c packets read", async () => {
    const r = await cli("-r", FIXTURE, "-Y", "ftp.request", "-T", "fields", "-e", "frame.number", "-c", "12");
    expect(r.stdout).toBe("6\n8\n10\n11\n12\n");
  });

  it("exits 2 with tshark's message and caret on a bad filter", async () => {
    const r = await cli("-r", FIXTURE, "-Y", "tcp.prot == 1");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('pcapscope: Left side of "==" expression must be a field or function, not tcp.prot.\n    tcp.prot == 1\n    ^~~~~~~~\n');
  });
});

describe("pcapscope -2 and -R", () => {
  it("refuses -R without -2, as tshark does", async () => {
    const r = await cli("-r", FIXTURE, "-R", "ftp");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/-R without -2 is deprecated/);
  });

  it("drops what the read filter rejects and numbers the rest anew, as tshark does", async () => {
    const r = await cli("-r", FIXTURE, "-2", "-R", "ftp.response.code == 150", "-T", "fields", "-e", "frame.number");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("1\n2\n3\n4\n");
  });
});
