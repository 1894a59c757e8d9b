/**
 * Any combination of -T fields, -Y, -V, -z follow, --export-objects and
 * --diagram reads the capture once (issue 10), and prints what the same
 * options print run one at a time: the packets, then each -z's output; the
 * same exported files; the same diagrams.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "./main";
import type * as Open from "../engine/capture/open";

// Counts the reads of a capture: every pass goes through readCapture.
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock("../engine/capture/open", async (importOriginal) => {
  const original = await importOriginal<typeof Open>();
  return {
    ...original,
    readCapture: (...args: Parameters<typeof original.readCapture>) => {
      reads.count++;
      return original.readCapture(...args);
    },
  };
});

const FIXTURES = join(__dirname, "../../fixtures");
const ACTIVE = join(FIXTURES, "ftp-active-tnftp-vsftpd-ls-get.pcap");
const UPLOADS = join(FIXTURES, "ftp-upload-stor-appe-stou-pyftpdlib.pcap");

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; reads: number }> {
  let stdout = "";
  let stderr = "";
  reads.count = 0;
  const code = await run(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr, reads: reads.count };
}

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "pcapscope-one-read-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(dir).sort()) out[n] = readFileSync(join(dir, n)).toString("base64");
  return out;
}

describe("one read of the capture for every combination", () => {
  it("-T fields -Y with -z follow and --export-objects: one read, the outputs of the separate runs", async () => {
    const fields = ["-T", "fields", "-e", "frame.number", "-e", "tcp.stream", "-e", "ftp.request.command", "-Y", "ftp || ftp-data"];
    const follows = ["-z", "follow,tcp,ascii,0", "-z", "follow,tcp,hex,1"];
    const together = tempDir();
    const alone = tempDir();
    const all = await cli("-r", UPLOADS, ...fields, ...follows, "--export-objects", `ftp-data,${together}`);
    expect(all.reads).toBe(1);
    expect(all.code).toBe(0);
    const packets = await cli("-r", UPLOADS, ...fields);
    const followed = await cli("-r", UPLOADS, "-q", ...follows);
    const exported = await cli("-r", UPLOADS, "-q", "--export-objects", `ftp-data,${alone}`);
    expect(packets.reads + followed.reads + exported.reads).toBe(3);
    expect(all.stdout).toBe(packets.stdout + followed.stdout);
    expect(all.stdout.length).toBeGreaterThan(packets.stdout.length);
    expect(files(together)).toEqual(files(alone));
    expect(Object.keys(files(together)).length).toBeGreaterThan(1);
  });

  it("--diagram with --export-objects: one read, the diagrams of a run of its own", async () => {
    const dir = tempDir();
    const both = await cli("-r", ACTIVE, "--diagram", "ftp", "--diagram-args", "--export-objects", `ftp-data,${dir}`);
    expect(both.reads).toBe(1);
    const diagrams = await cli("-r", ACTIVE, "--diagram", "ftp", "--diagram-args");
    expect(both.stdout).toBe(diagrams.stdout);
    expect(both.stdout).toContain("sequenceDiagram");
    expect(readdirSync(dir)).toContain("manifest.json");
  });

  it("-V -Y with -z follow: one read; summary lines with -c and follow of the packets read", async () => {
    const verbose = await cli("-r", ACTIVE, "-V", "-Y", "ftp", "-z", "follow,tcp,raw,0");
    expect(verbose.reads).toBe(1);
    const alone = await cli("-r", ACTIVE, "-V", "-Y", "ftp");
    const followed = await cli("-r", ACTIVE, "-q", "-z", "follow,tcp,raw,0");
    expect(verbose.stdout).toBe(alone.stdout + followed.stdout);
    const counted = await cli("-r", ACTIVE, "-c", "12", "-z", "follow,tcp,raw,0");
    expect(counted.reads).toBe(1);
    expect(counted.stdout).toBe((await cli("-r", ACTIVE, "-c", "12")).stdout + (await cli("-r", ACTIVE, "-c", "12", "-q", "-z", "follow,tcp,raw,0")).stdout);
  });

  it("-2 prints from its own two passes, the views from one more", async () => {
    const r = await cli("-r", ACTIVE, "-2", "-z", "follow,tcp,ascii,0");
    expect(r.reads).toBe(3);
    expect(r.stdout).toBe((await cli("-r", ACTIVE, "-2")).stdout + (await cli("-r", ACTIVE, "-q", "-z", "follow,tcp,ascii,0")).stdout);
  });
});
