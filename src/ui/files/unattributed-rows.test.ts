/**
 * The Files view's unattributed rows through the worker API (in Node, no
 * worker) on the recorded FTPS capture whose commands are encrypted and whose
 * data is not (PROT C): every file the server moved is a row, and the source
 * a row downloads from gives exactly the file's bytes (the truth's SHA-256).
 */
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AnalyzerApi } from "../../worker/analyzer-api";
import { unattributedCount, unattributedRows } from "./unattributed-rows";

const fixtures = join(__dirname, "../../../fixtures");

interface Truth {
  files: { path: string; direction: string; size: number; sha256: string; mime?: string }[];
}

async function opened(name: string): Promise<AnalyzerApi> {
  const api = new AnalyzerApi({ prepareFtp: false });
  const file = join(fixtures, name);
  await api.open(new Blob([readFileSync(file)]), file);
  return api;
}

describe("unattributedRows", () => {
  it("lists every file of the PROT C session with its source, hashes, session and confidence", async () => {
    const api = await opened("ftps-clear-data-lftp-pyftpdlib.pcap");
    try {
      const analysis = await api.ftpSummary();
      const rows = unattributedRows(analysis, await api.ftpManifest());
      const truth = JSON.parse(readFileSync(join(fixtures, "ftps-clear-data-lftp-pyftpdlib.truth.json"), "utf8")) as Truth;
      // The truth's files and lftp's listing (cls -l), each once.
      expect(rows).toHaveLength(truth.files.length + 1);
      expect(unattributedCount(analysis, 0)).toBe(rows.length);
      for (const f of truth.files) {
        const row = rows.find((r) => r.entry.sha256 === f.sha256);
        expect(row, f.path).toBeDefined();
        expect(row!.entry).toMatchObject({ size: f.size, direction: f.direction, session: 0 });
        expect(row!.attribution.confidence).toBe("high");
        expect(row!.entry.reasons).toEqual(row!.attribution.reasons);
        if (f.mime) expect(row!.entry.mime).toBe(f.mime);
        const bytes = new Uint8Array(await (await api.ftpObject(row!.source)).arrayBuffer());
        expect(createHash("sha256").update(bytes).digest("hex"), f.path).toBe(f.sha256);
      }
    } finally {
      api.close();
    }
  });

  it("has no rows where every connection has its command (the CCC capture reads them again)", async () => {
    const api = await opened("ftps-ccc-lftp-proftpd.pcap");
    try {
      const analysis = await api.ftpSummary();
      expect(unattributedRows(analysis, await api.ftpManifest())).toEqual([]);
      expect(unattributedCount(analysis, 0)).toBe(0);
      expect(analysis.files.map((f) => f.name)).toEqual(["/pub", "/pub/readme.txt", "/pub/logo.png", "/incoming/upload-3.bin"]);
    } finally {
      api.close();
    }
  });

  it("is empty before the analysis arrives", () => {
    expect(unattributedRows(null, null)).toEqual([]);
  });
});
