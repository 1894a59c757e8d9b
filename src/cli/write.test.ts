/**
 * `-w` against tshark's `-w` on every fixture and (when ../shared/captures
 * and tshark exist; otherwise skipped with a printed notice) every shared
 * pcap/pcapng capture, for a few display filters and each format.
 *
 * What is compared: a pcap output byte for byte, whole. A pcapng output block
 * by block: every Enhanced Packet Block byte for byte and in order (interface,
 * timestamp in the interface's units, lengths, data, comments), the
 * Interface Description Blocks byte for byte and in order, and the Section
 * Header Block when the input is pcapng (both copy the input's). Not
 * compared: where an interface block stands among the packet blocks (tshark
 * writes an interface met after the first packets where it first needs it;
 * we write all of them first), and the section header of a pcap input (its
 * shb_userappl names the writing program).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { hasTshark } from "../../scripts/tshark-compare";
import { run } from "./main";
import { pcapFile } from "../engine/capture/testing";

const fixturesDir = resolve(__dirname, "../../fixtures");
const sharedDir = resolve(process.env.PCAPSCOPE_SHARED ?? join(__dirname, "../../../shared"), "captures");
const captureFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.(pcap|pcapng)$/.test(f))
        .sort()
    : [];
const fixtures = captureFiles(fixturesDir);
const shared = captureFiles(sharedDir);
const tshark = hasTshark();
const tmp = mkdtempSync(join(tmpdir(), "pcapscope-w-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

if (!tshark) console.log("-w: comparison with tshark skipped, tshark is not installed");
else if (shared.length === 0) console.log(`-w: shared captures skipped, ${sharedDir} not found (set PCAPSCOPE_SHARED to point elsewhere)`);

interface Blocks {
  section: string;
  interfaces: string[];
  packets: string[];
  other: string[];
}

function pcapngBlocks(bytes: Uint8Array): Blocks {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const b: Blocks = { section: "", interfaces: [], packets: [], other: [] };
  for (let at = 0; at < bytes.length;) {
    const type = v.getUint32(at, true);
    const length = v.getUint32(at + 4, true);
    const hex = Buffer.from(bytes.subarray(at, at + length)).toString("hex");
    if (type === 0x0a0d0d0a) b.section = hex;
    else if (type === 1) b.interfaces.push(hex);
    else if (type === 6) b.packets.push(hex);
    else b.other.push(hex);
    at += length;
  }
  return b;
}

const sh = promisify(execFile);
let seq = 0;

/** Runs both with the same filter and format; returns the exit codes and the files. */
async function both(input: string, filter: string | null, format: string) {
  const n = seq++;
  const theirs = join(tmp, `t${n}`);
  const ours = join(tmp, `o${n}`);
  const args = ["-r", input, ...(filter === null ? [] : ["-Y", filter]), "-F", format];
  const tsharkCode = await sh("tshark", ["-n", ...args, "-w", theirs]).then(
    () => 0,
    (e: { code: number }) => e.code,
  );
  let stderr = "";
  const code = await run([...args, "-w", ours], { stdout: () => undefined, stderr: (s) => (stderr += s) });
  return { tsharkCode, code, stderr, theirs: readFileSync(theirs), ours: readFileSync(ours) };
}

/** Whether a pcapng's first section header names the program that wrote it (shb_userappl). */
function hasUserAppl(bytes: Uint8Array): boolean {
  return sectionOptions(pcapngBlocks(bytes).section).some(([code]) => code === 4);
}

/** [code, value in hex] of a section header's options (given in hex). */
function sectionOptions(hex: string): [number, string][] {
  const b = Buffer.from(hex, "hex");
  const out: [number, string][] = [];
  for (let p = 24; p + 4 <= b.length - 4;) {
    const code = b.readUInt16LE(p);
    const length = b.readUInt16LE(p + 2);
    if (code === 0) break;
    out.push([code, b.subarray(p + 4, p + 4 + length).toString("hex")]);
    p += 4 + ((length + 3) & ~3);
  }
  return out;
}

function expectSame(r: Awaited<ReturnType<typeof both>>, inputIsPcapng: boolean, sectionHasApplication: boolean, format: string): void {
  expect(r.code, r.stderr).toBe(r.tsharkCode);
  if (format !== "pcapng") {
    expect(r.ours.length).toBe(r.theirs.length);
    expect(Buffer.compare(r.ours, r.theirs)).toBe(0);
    return;
  }
  const ours = pcapngBlocks(r.ours);
  const theirs = pcapngBlocks(r.theirs);
  expect(ours.packets.length).toBe(theirs.packets.length);
  // One at a time: a difference names its packet.
  ours.packets.forEach((p, k) => expect(p, `packet block ${k + 1}`).toBe(theirs.packets[k]));
  expect(ours.interfaces).toEqual(theirs.interfaces);
  expect(ours.other).toEqual([]);
  // Both copy a pcapng's section header; when it names no program, each adds its own name.
  if (inputIsPcapng && sectionHasApplication) expect(ours.section).toBe(theirs.section);
  else if (inputIsPcapng) {
    const others = (hex: string) => sectionOptions(hex).filter(([code]) => code !== 4);
    expect(others(ours.section)).toEqual(others(theirs.section));
  }
}

/** Filters tried: none, one the index answers, one that dissects. */
const CASES: [string | null, string][] = [
  [null, "pcapng"],
  ["tcp || dns", "pcap"],
  ["frame.len > 100 && !arp", "pcapng"],
  ["udp", "nsecpcap"],
];

function compareAll(dir: string, names: string[], cases: [string | null, string][]): void {
  for (const name of names) {
    // tshark's start-up is most of the time: captures run side by side.
    it.concurrent(
      name,
      async () => {
        const input = join(dir, name);
        const sectionHasApplication = name.endsWith(".pcapng") && hasUserAppl(readFileSync(input));
        for (const [filter, format] of cases) {
          const r = await both(input, filter, format);
          expectSame(r, name.endsWith(".pcapng"), sectionHasApplication, format);
        }
      },
      60_000,
    );
  }
}

describe.skipIf(!tshark)("-w: the same file as tshark -w on every fixture", () => compareAll(fixturesDir, fixtures, CASES));
describe.skipIf(!tshark || shared.length === 0)("-w: the same file as tshark -w on ../shared/captures", () =>
  compareAll(sharedDir, shared, CASES.slice(1, 3)),
);

describe("-w", () => {
  const input = join(tmp, "in.pcap");
  writeFileSync(
    input,
    pcapFile({ linkType: 1 }, [
      { sec: 1, frac: 10, data: [1, 2, 3] },
      { sec: 2, frac: 20, data: [4, 5] },
      { sec: 3, frac: 30, data: [6] },
    ]),
  );

  it("writes to standard output with -w - and prints nothing else", async () => {
    const chunks: Uint8Array[] = [];
    let text = "";
    const code = await run(["-r", input, "-F", "pcap", "-c", "2", "-w", "-"], {
      stdout: (s) => (text += s),
      stderr: (s) => (text += s),
      stdoutBytes: (b) => chunks.push(b.slice()),
    });
    expect(code).toBe(0);
    expect(text).toBe("");
    const out = Buffer.concat(chunks);
    // -c 2: the first two packets, copied as they are.
    expect(Buffer.compare(out, readFileSync(input).subarray(0, 24 + 16 + 3 + 16 + 2))).toBe(0);
  });

  it("refuses what it would otherwise leave undone beside -w", async () => {
    let stderr = "";
    const io = { stdout: () => undefined, stderr: (s: string) => (stderr += s) };
    expect(await run(["-r", input, "-2", "-w", join(tmp, "y")], io)).toBe(2);
    expect(await run(["-r", input, "-z", "follow,tcp,ascii,0", "-w", join(tmp, "y")], io)).toBe(2);
    expect(stderr).toBe("pcapscope: -w cannot be combined with -2 yet\npcapscope: -w cannot be combined with -z yet\n");
  });

  it("will not write over the capture it reads", async () => {
    let stderr = "";
    const before = readFileSync(input);
    expect(await run(["-r", input, "-w", input], { stdout: () => undefined, stderr: (s) => (stderr += s) })).toBe(2);
    expect(stderr).toContain("that is the capture being read");
    expect(Buffer.compare(readFileSync(input), before)).toBe(0);
  });

  it("refuses a format it does not write", async () => {
    let stderr = "";
    expect(await run(["-r", input, "-F", "k12text", "-w", join(tmp, "x")], { stdout: () => undefined, stderr: (s) => (stderr += s) })).toBe(
      2,
    );
    expect(stderr).toContain("pcap, nsecpcap, pcapng");
  });
});
