/**
 * The CLI writes `-T fields` lines straight into its output buffer as bytes
 * (`writeLine`); `line` builds the same line as a string, simply. Both must
 * give the same text for every field, option and packet.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { FileSource } from "./file-source";
import { FieldsPrinter } from "./fields-output";
import { Output } from "./output";
import type { FieldOptions } from "./args";
import { readCapture } from "../engine/capture/open";
import { Dissection } from "../engine/dissect/dissection";
import { allFields } from "../engine/dissect/field";
import "../engine/dissect/registry";

const fixtures = join(__dirname, "../../fixtures");
const captures = existsSync(fixtures)
  ? readdirSync(fixtures)
      .filter((f) => /\.(pcap|pcapng)$/.test(f))
      .sort()
      .slice(0, 4)
  : [];

const OPTIONS: FieldOptions[] = [
  { header: false, separator: "\t", occurrence: "a", aggregator: ",", quote: "" },
  { header: false, separator: "é", occurrence: "f", aggregator: "ü", quote: '"' },
  { header: false, separator: " ", occurrence: "l", aggregator: "😀", quote: "'" },
];

async function compare(file: string, names: string[], fo: FieldOptions): Promise<number> {
  const printer = new FieldsPrinter(names, fo);
  const chunks: Uint8Array[] = [];
  const out = new Output(
    () => {
      throw new Error("the byte sink is used");
    },
    (b) => chunks.push(b),
  );
  const dissection = new Dissection();
  const source = new FileSource(file);
  const expected: string[] = [];
  try {
    await readCapture(source, (rec, data) => {
      printer.collector.reset();
      const pinfo = dissection.dissect(rec, data, printer.collector, printer.wantColumns);
      expected.push(printer.line(rec, pinfo) + "\n");
      printer.writeLine(rec, pinfo, out);
    });
  } finally {
    source.close();
  }
  out.flush();
  expect(Buffer.concat(chunks).toString("utf8")).toBe(expected.join(""));
  return expected.length;
}

describe.skipIf(captures.length === 0)("-T fields: byte writer and string writer agree", () => {
  const every = allFields()
    .map((f) => f.abbrev)
    .filter((a) => a !== "_ws.text");
  const columns = ["_ws.col.No.", "_ws.col.Protocol", "_ws.col.Info", "_ws.col.Source", "_ws.col.Destination", "_ws.col.Length"];
  for (const name of captures) {
    it(name, async () => {
      for (const fo of OPTIONS) expect(await compare(join(fixtures, name), [...columns, ...every, "ip.src", "tcp.port"], fo)).toBeGreaterThan(0);
    });
  }
});
