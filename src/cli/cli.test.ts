import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "./main";
import { pcapFile } from "../engine/capture/testing";

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** An Ethernet frame with an unknown EtherType, so no other dissector is involved. */
const frame = (n: number): number[] => [
  ...[0x00, 0x11, 0x22, 0x33, 0x44, 0x55], // destination
  ...[0x02, 0x00, 0x00, 0x00, 0x00, n], // source
  ...[0x88, 0xb5], // EtherType: local experimental
  ...[0xde, 0xad, 0xbe, 0xef], // payload
];

let dir: string;
let good: string;
let truncated: string;
let notCapture: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pcapscope-cli-"));
  const bytes = pcapFile({}, [1, 2, 3].map((n) => ({ sec: 1_700_000_000 + n, frac: 250_000, data: frame(n) })));
  good = join(dir, "good.pcap");
  writeFileSync(good, bytes);
  truncated = join(dir, "truncated.pcap");
  writeFileSync(truncated, bytes.subarray(0, bytes.length - 3));
  notCapture = join(dir, "notes.txt");
  writeFileSync(notCapture, "just some text\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pcapscope CLI", () => {
  it("prints one summary line per packet, -c stops early", async () => {
    const all = await cli("-r", good);
    expect(all.code).toBe(0);
    expect(all.stdout.trim().split("\n")).toHaveLength(3);
    // MAC names by default, as tshark; -n prints the addresses.
    expect(all.stdout).toContain("02:00:00:00:00:01 → CIMSYS_33:44:55");
    expect((await cli("-n", "-r", good)).stdout).toContain("02:00:00:00:00:01 → 00:11:22:33:44:55");
    expect((await cli("-N", "m", "-r", good)).stdout).toContain("→ CIMSYS_33:44:55");
    expect((await cli("-N", "t", "-r", good)).code).toBe(2);
    const two = await cli("-r", good, "-c", "2");
    expect(two.stdout.trim().split("\n")).toHaveLength(2);
  });

  it("prints fields with a header, tab separated", async () => {
    const r = await cli("-r", good, "-T", "fields", "-e", "frame.number", "-e", "frame.time_relative", "-e", "eth.type", "-E", "header=y");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "frame.number\tframe.time_relative\teth.type\n1\t0.000000000\t0x88b5\n2\t1.000000000\t0x88b5\n3\t2.000000000\t0x88b5\n",
    );
  });

  it("honours -E separator, occurrence and quote", async () => {
    const r = await cli("-r", good, "-c", "1", "-T", "fields", "-e", "eth.src", "-e", "eth.addr", "-E", "separator=;", "-E", "occurrence=f", "-E", "quote=d");
    expect(r.stdout).toBe('"02:00:00:00:00:01";"00:11:22:33:44:55"\n');
  });

  it("exits 2 with one line on an unknown flag or field", async () => {
    const flag = await cli("-r", good, "--frobnicate");
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim().split("\n")).toHaveLength(1);
    const field = await cli("-r", good, "-T", "fields", "-e", "no.such.field");
    expect(field.code).toBe(2);
    expect(field.stderr).toMatch(/no\.such\.field/);
    expect(field.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 1 on a file that is not a capture, naming what it looks like and its first bytes", async () => {
    const r = await cli("-r", notCapture);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a capture file \(it looks like text; first bytes: 6a 75 73 74/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("exits 1 on a damaged file after printing every packet before the damage", async () => {
    const r = await cli("-r", truncated, "-T", "fields", "-e", "frame.number");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("1\n2\n");
    expect(r.stderr).toMatch(/packet 3 at byte 92/);
  });

  it("exits 1 on a missing file", async () => {
    const r = await cli("-r", join(dir, "nope.pcap"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/doesn't exist/);
  });
});
