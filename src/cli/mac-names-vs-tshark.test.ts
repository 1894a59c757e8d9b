/**
 * MAC address names against live tshark (without -n): a capture of Ethernet
 * headers whose addresses come from every entry of our tables (each OUI with a
 * random host part, with the group and locally administered bits, each
 * /28-/36 block and well-known range with random low bits, each exact
 * address) and random addresses; eth.src_resolved, eth.dst_resolved and the
 * OUI fields must equal tshark's for every one. Skips with a notice without
 * tshark.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasTshark } from "../../scripts/tshark-compare";
import { pcapFile, type PcapPacket } from "../engine/capture/testing";
import { ouiLongName, resolveEtherName } from "../engine/dissect/mac-names";
import { tableKeys } from "../engine/dissect/mac-names/tables";

const tshark = hasTshark();
if (!tshark) console.log("mac-names-vs-tshark: skipped, tshark is not installed");

/** A fixed-seed generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

function addressesToTest(): Uint8Array[] {
  const rand = lcg(13);
  const out: Uint8Array[] = [];
  const of48 = (k: number): Uint8Array => Uint8Array.from([5, 4, 3, 2, 1, 0].map((s) => Math.floor(k / 2 ** (8 * s)) & 0xff));
  const keys = tableKeys();
  keys.ouis.forEach((oui, i) => {
    const host = rand() & 0xffffff;
    out.push(of48(oui * 2 ** 24 + host));
    // A group address of this vendor's OUI, and a locally administered one: Wireshark's second try and its absence.
    if (i % 4 === 0) out.push(of48((oui | 0x010000) * 2 ** 24 + host), of48((oui | 0x020000) * 2 ** 24 + host));
  });
  for (const k of keys.ranges) out.push(of48(k), of48(k + (rand() & 0xfff)), of48(k + (rand() & 0xffffff) * 0x100 + (rand() & 0xff)));
  for (const k of keys.exact) out.push(of48(k));
  for (let i = 0; i < 4000; i++) out.push(of48((rand() & 0xffffff) * 2 ** 24 + (rand() & 0xffffff)));
  return out;
}

describe.skipIf(!tshark)("MAC names against tshark", () => {
  it("names every table entry and random addresses as tshark does", () => {
    const addrs = addressesToTest();
    const packets: PcapPacket[] = [];
    for (let i = 0; i < addrs.length; i += 2) {
      const dst = addrs[i]!;
      const src = addrs[i + 1] ?? addrs[0]!;
      packets.push({ sec: 1, frac: 0, data: [...dst, ...src, 0x88, 0xb5] });
    }
    const dir = mkdtempSync(join(tmpdir(), "mac-names-"));
    try {
      const file = join(dir, "macs.pcap");
      writeFileSync(file, pcapFile({}, packets));
      const fields = ["eth.dst_resolved", "eth.src_resolved", "eth.dst.oui_resolved", "eth.src.oui_resolved"];
      const out = execFileSync("tshark", ["-r", file, "-T", "fields", "-E", "separator=/t", ...fields.flatMap((f) => ["-e", f])], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
        stdio: ["ignore", "pipe", "ignore"],
      });
      const lines = out.split("\n");
      const bad: string[] = [];
      let compared = 0;
      packets.forEach((p, i) => {
        const data = Uint8Array.from(p.data);
        const oui = (o: number): string => ouiLongName((data[o]! << 16) | (data[o + 1]! << 8) | data[o + 2]!) ?? "";
        const ours = [resolveEtherName(data, 0), resolveEtherName(data, 6), oui(0), oui(6)].join("\t");
        compared += 2;
        if (ours !== lines[i] && bad.length < 20) bad.push(`frame ${i + 1}: tshark "${lines[i]}" ours "${ours}"`);
      });
      console.log(`mac-names-vs-tshark: ${compared} addresses compared, ${bad.length} frames differ`);
      expect(bad).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
