/**
 * The colouring rules' gates (colour-rules.ts) are never wrong: over every
 * fixture and shared capture (../shared/captures, never copied into the
 * project; skipped with a notice when absent), every field a packet has
 * passes its gate, and colouring with the gates gives every packet the
 * colour it gets with every rule tried on it, for Wireshark's rules and for
 * one rule per protocol the registry defines.
 */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { readCapture } from "../engine/capture/open";
import { Dissection } from "../engine/dissect/dissection";
import { layerName } from "../engine/dissect/common";
import { allFields, type FieldDef } from "../engine/dissect/field";
import type { PacketInfo } from "../engine/dissect/packet-info";
import { FieldCollector, type ProtoTree } from "../engine/dissect/tree";
import { isPlaceholder } from "../engine/filter/names";
import {
  COMPILED_COLOUR_RULES,
  ColourClassifier,
  compileColourRules,
  fieldGate,
  protocolLayers,
  type CompiledColourRule,
} from "../engine/session/colour-rules";
import { captureFiles, fixturesDir, sharedCapturesDir } from "./corpus-files";
import { openCaptureFile } from "./file-source";

if (!existsSync(sharedCapturesDir)) console.log(`colour rule gates: shared captures skipped, ${sharedCapturesDir} not found`);

const CAPTURE = /\.(pcap|pcapng|cap|snoop|gz)$/;
const files = [...captureFiles(fixturesDir, CAPTURE), ...captureFiles(sharedCapturesDir, CAPTURE)];

/** Every packet of `file`, dissected into `tree` (reset before each), handed to `each`. */
async function eachPacket(file: string, tree: ProtoTree & { reset(): void }, each: (pinfo: PacketInfo, data: Uint8Array) => void): Promise<void> {
  const source = await openCaptureFile(file);
  const d = new Dissection();
  try {
    await readCapture(source, (rec, data) => {
      tree.reset();
      each(d.dissect(rec, data, tree, false), data);
    });
  } finally {
    source.close();
  }
}

/** Each packet's colour rule number, from a pass of its own. */
async function colours(file: string, rules: readonly CompiledColourRule[]): Promise<number[]> {
  const c = new ColourClassifier([], rules);
  const out: number[] = [];
  await eachPacket(file, c.collector, (pinfo, data) => out.push(c.classify(pinfo, data)));
  return out;
}

const ungated = (rules: readonly CompiledColourRule[]): CompiledColourRule[] => rules.map((r) => ({ ...r, gate: null }));

const fields = allFields().filter((f) => f.id >= 0 && !isPlaceholder(f));
/** One rule per protocol the registry defines ("http", "smb", "eigrp"...), each as its own colour. */
const protocolRules = compileColourRules(
  fields
    .filter((f) => f.type === "protocol")
    .map((f) => ({ name: f.abbrev, filter: f.abbrev, light: { bg: "#ffffff", fg: "#000000" }, dark: { bg: "#000000", fg: "#ffffff" } })),
);

describe("colour rule gates", () => {
  it("are derived for every protocol the registry defines", () => {
    expect(protocolRules.length).toBeGreaterThan(100);
    for (const r of protocolRules) {
      // A protocol named p.x (ip.options.nop, ipv6.routing) is gated on p's layers; _ws.* are no protocol's.
      const p = r.rule.filter.split(".")[0]!;
      if (p === "frame" || p === "pkt_comment" || p === "_ws") expect(r.gate, r.rule.filter).toBeNull();
      else expect([...r.gate!], r.rule.filter).toEqual(protocolLayers(p));
      expect(protocolLayers(p) ?? [p], r.rule.filter).toContain(p);
    }
    const gates = Object.fromEntries(COMPILED_COLOUR_RULES.map((c) => [c.rule.name, c.gate ? [...c.gate].sort() : null]));
    expect(gates).toMatchObject({
      SMB: ["ipx", "nbns", "nbss", "netbios", "smb"],
      HTTP: ["http", "ssdp", "tcp"],
      Routing: ["cdp", "eigrp", "igmp"],
      DCERPC: ["dcerpc"],
      "TTL low or unexpected": ["ip"],
      "Checksum Errors": null,
    });
  });

  for (const file of files) {
    it(`are never wrong on ${basename(file)}`, async () => {
      // Every field a packet has: its gate lets the packet through.
      const c = new FieldCollector(fields);
      const gates = new Map<FieldDef, ReadonlySet<string> | null>(fields.map((f) => [f, fieldGate(f)]));
      const wrong = new Set<string>();
      await eachPacket(file, c, ({ layers }) => {
        for (const [f, gate] of gates) if (gate && c.head(f) >= 0 && !layers.some((l) => gate.has(layerName(l)))) wrong.add(`${f.abbrev} in ${layers.join(":")}`);
      });
      expect([...wrong]).toEqual([]);
      // Colouring with the gates is colouring without them.
      for (const rules of [COMPILED_COLOUR_RULES, protocolRules]) expect(await colours(file, rules)).toEqual(await colours(file, ungated(rules)));
    }, 120_000);
  }
});
