/**
 * MAC names over real captures against live tshark (without -n): for every
 * Ethernet frame of ../shared/captures and the fixtures, eth.src_resolved,
 * eth.dst_resolved and the vendors' full names (eth.src.oui_resolved) must
 * equal tshark's, and so must the Source and Destination columns wherever
 * tshark's show the link-layer names (rows without a network layer: ARP, STP,
 * LLC…; rows with one, IP or IPX, are the network dissectors' business and
 * other corpus tests'). Skips with a notice without tshark or ../shared (then
 * the fixtures alone are compared).
 */
import { execFileSync } from "node:child_process";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { hasTshark } from "../../scripts/tshark-compare";
import { captureFiles, fixturesDir, sharedCapturesDir } from "./corpus-files";
import { run } from "./main";

const CAPTURE = /\.(pcap|pcapng|snoop|cap|gz)$/;
const shared = captureFiles(sharedCapturesDir, CAPTURE);
const files = [...shared, ...captureFiles(fixturesDir, CAPTURE)];
const tshark = hasTshark();
if (!tshark) console.log("mac-names corpus: skipped, tshark is not installed");
else if (shared.length === 0) console.log(`mac-names corpus: ${sharedCapturesDir} not found, comparing the fixtures only`);

const ARGS = ["-Y", "eth", "-T", "fields", ...["_ws.col.Source", "_ws.col.Destination", "eth.src_resolved", "eth.dst_resolved", "eth.src.oui_resolved"].flatMap((f) => ["-e", f])];

function theirs(file: string): string[] {
  let out: string;
  try {
    out = execFileSync("tshark", ["-r", file, ...ARGS], { encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });
  } catch (e) {
    // tshark exits non-zero on damaged captures but still prints what it read.
    out = (e as { stdout?: string }).stdout ?? "";
  }
  return out.split("\n").filter(Boolean);
}

async function ours(file: string): Promise<string[]> {
  let out = "";
  await run(["-r", file, ...ARGS], { stdout: (s) => void (out += s), stderr: () => undefined });
  return out.split("\n").filter(Boolean);
}

describe.skipIf(!tshark)("MAC names over the corpus against tshark", () => {
  it("names every Ethernet frame's addresses as tshark does", async () => {
    let frames = 0;
    let linkRows = 0;
    const bad: string[] = [];
    for (const file of files) {
      const t = theirs(file);
      const o = await ours(file);
      frames += t.length;
      t.forEach((line, i) => {
        const [src, dst, ...names] = line.split("\t");
        const [oSrc, oDst, ...oNames] = (o[i] ?? "").split("\t");
        // The columns are link-layer ones when they are the resolved Ethernet addresses.
        const linkColumns = src === names[0] && dst === names[1];
        if (linkColumns) linkRows++;
        const same = names.join("\t") === oNames.join("\t") && (!linkColumns || (src === oSrc && dst === oDst));
        if (!same && bad.length < 20) bad.push(`${basename(file)} line ${i + 1}: tshark "${line}" ours "${o[i] ?? ""}"`);
      });
      if (o.length !== t.length) bad.push(`${basename(file)}: ${t.length} Ethernet frames in tshark, ${o.length} here`);
    }
    console.log(`mac-names corpus: ${frames} Ethernet frames (${linkRows} with link-layer columns) in ${files.length} captures, ${bad.length} differences`);
    expect(frames).toBeGreaterThan(0);
    expect(linkRows).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  }, 600_000);
});
