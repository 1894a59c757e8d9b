/**
 * HTTP objects of the recorded fixtures against their ground truth
 * (fixtures/<name>.truth.json "http_objects": every object as the client
 * saved it, equal to the file the server served where there is one):
 * `--export-objects http` writes exactly those bytes, one file per object,
 * and the report names each after its request URI.
 */
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixturesDir } from "./corpus-files";
import { run } from "./main";
import { openCaptureFile } from "./file-source";
import { httpReportOf } from "../engine/http/service";

interface HttpTruth {
  capture: string;
  http_objects?: { uri: string; size: number; sha256: string }[];
}

const truths = readdirSync(fixturesDir)
  .filter((f) => f.endsWith(".truth.json"))
  .map((f) => JSON.parse(readFileSync(join(fixturesDir, f), "utf8")) as HttpTruth)
  .filter((t) => t.http_objects?.length);

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
/** "/login (form posted)" → "/login": the truth's note on which object of that URI it is. */
const uriOf = (truthUri: string): string => truthUri.replace(/ \(.*\)$/, "");

describe("HTTP objects come back byte-exact from the recorded fixtures", () => {
  it("there is a recorded HTTP fixture", () => expect(truths.length).toBeGreaterThan(0));
  for (const truth of truths) {
    const capture = join(fixturesDir, truth.capture);
    it(`${truth.capture}: every object exported with the bytes the client saved`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "pcapscope-http-truth-"));
      try {
        const out = join(dir, "objects");
        expect(await run(["-r", capture, "-q", "--export-objects", `http,${out}`], { stdout: () => undefined, stderr: () => undefined })).toBe(0);
        const written = existsSync(out) ? readdirSync(out).map((n) => sha256(readFileSync(join(out, n)))) : [];
        const expected = truth.http_objects!.map((o) => o.sha256);
        expect(written.sort()).toEqual([...expected].sort());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it(`${truth.capture}: each object under its request URI, with its size`, async () => {
      const source = await openCaptureFile(capture);
      try {
        const report = await httpReportOf(source);
        const found = await Promise.all(
          report.objects.map(async (o) => ({ uri: o.uri, size: o.size, sha256: sha256((await report.readObject(o.id))!) })),
        );
        const key = (o: { uri: string | null; size: number; sha256: string }) => `${o.uri} ${o.size} ${o.sha256}`;
        expect(found.map(key).sort()).toEqual(truth.http_objects!.map((o) => key({ ...o, uri: uriOf(o.uri) })).sort());
        expect(report.objects.every((o) => o.complete)).toBe(true);
      } finally {
        source.close();
      }
    });
  }
});
