/**
 * `--export-objects ftp-data` reads each transfer once (issue 10): the FTP
 * report's scan writes every transfer's content into the export folder as it
 * hashes it (TransferSpool), and the export reads the capture again only for
 * what is not one transfer's content as is (parts' wire bytes, files stitched
 * from segments or with holes, unexplained connections). The folder it writes
 * is the one the export writes reading everything back, byte for byte; and
 * so is the folder written and hashed on the export's second thread
 * (ExportThread), manifest.json and its digests included.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileSource } from "./file-source";
import { exportObjects, TransferSpool } from "./export-objects";
import { ExportThread } from "./export-thread";
import { nativeDigests } from "./native-digests";
import { ftpReportOf } from "../engine/ftp/service";

const FIXTURES = join(__dirname, "../../fixtures");
const captures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".ftp-manifest.json"))
  .map((f) => f.replace(/\.ftp-manifest\.json$/, ""))
  .map((stem) => readdirSync(FIXTURES).find((f) => f === `${stem}.pcap` || f === `${stem}.pcapng`))
  .filter((f): f is string => f !== undefined)
  .sort();

let scratch = "";
let folders = 0;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "pcapscope-spool-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder of its own per export. */
function folder(): string {
  const dir = join(scratch, String(folders++));
  mkdirSync(dir);
  return dir;
}

/** The folder's files: "name sha256", by name. */
const contents = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .map((n) => `${n} ${createHash("sha256").update(readFileSync(join(dir, n))).digest("hex")}`);

/**
 * Exports `capture`'s FTP objects into a new folder, spooled or not, on this
 * thread or with the export's second thread (as the CLI does); counts the
 * objects read back from the capture.
 */
async function exported(
  capture: string,
  spooled: boolean | "threaded",
  prepare?: (dir: string) => void,
): Promise<{ dir: string; readBack: number; kinds: string[] }> {
  const dir = folder();
  prepare?.(dir);
  const thread = spooled === "threaded" ? new ExportThread() : null;
  const spool = spooled ? new TransferSpool(dir, thread ?? undefined) : undefined;
  const source = new FileSource(join(FIXTURES, capture));
  try {
    const report = await ftpReportOf(source, { digests: thread?.digests ?? nativeDigests, ...(spool ? { transferSinks: spool.sinks } : {}) });
    const readExport = vi.spyOn(report, "readExport");
    await exportObjects({ ftp: () => Promise.resolve(report), http: () => Promise.reject(new Error("no http")) }, [{ protocol: "ftp-data", dir }], spool);
    return { dir, readBack: readExport.mock.calls.length, kinds: readExport.mock.calls.map(([s]) => s.kind) };
  } finally {
    thread?.close();
    source.close();
  }
}

describe("FTP export writes files from the report's one read", () => {
  it("finds the FTP fixtures", () => {
    expect(captures.length).toBeGreaterThan(10);
  });

  for (const capture of captures) {
    it(`${capture}: the folder the export writes reading everything back, no temporary file left`, async () => {
      const once = await exported(capture, true);
      const twice = await exported(capture, false);
      expect(contents(once.dir)).toEqual(contents(twice.dir));
      expect(readdirSync(once.dir).filter((n) => n.startsWith("."))).toEqual([]);
      expect(once.readBack).toBeLessThanOrEqual(twice.readBack);
    });

    it(`${capture}: written and hashed on the export thread, the same folder as on this thread alone`, async () => {
      const threaded = await exported(capture, "threaded");
      const alone = await exported(capture, true);
      expect(contents(threaded.dir)).toEqual(contents(alone.dir));
      expect(readdirSync(threaded.dir).filter((n) => n.startsWith("."))).toEqual([]);
      expect(threaded.kinds).toEqual(alone.kinds);
    });
  }

  it("reads nothing back when every object is one transfer's content (RETR, LIST)", async () => {
    const r = await exported("ftp-active-tnftp-vsftpd-ls-get.pcap", true);
    expect(contents(r.dir)).toHaveLength(5); // 2 files, 2 listings, manifest.json
    expect(r.readBack).toBe(0);
  });

  it("TYPE A: the files (CRLF converted) come from the scan, only the wire bytes of the parts are read back", async () => {
    const r = await exported("ftp-ascii-type-a-curl-vsftpd.pcap", true);
    expect(r.kinds).toEqual(["payload", "payload"]);
  });

  it("lftp pget: the first segment ran to the end (the others were aborted), so the file is its content; the parts are read back", async () => {
    const r = await exported("ftp-pget-segmented-lftp-vsftpd.pcap", true);
    expect(r.kinds).toEqual(["payload", "payload", "payload"]);
  });

  it("REST resume: the file (a hole, then the bytes after REST) is read back, as is the part", async () => {
    const r = await exported("ftp-rest-resume-curl-vsftpd.pcap", true);
    expect(r.kinds).toEqual(["file", "payload"]);
  });

  for (const mode of [true, "threaded"] as const) {
    it(`never writes over a file already in the folder under a temporary name${mode === "threaded" ? " (export thread)" : ""}`, async () => {
      let squatter = "";
      const r = await exported("ftp-active-tnftp-vsftpd-ls-get.pcap", mode, (dir) => {
        // The first transfer's temporary name (TransferSpool: .pcapscope-PID-tTRANSFER.tmp).
        squatter = join(dir, `.pcapscope-${process.pid}-t0.tmp`);
        writeFileSync(squatter, "the analyst's");
      });
      expect(readFileSync(squatter, "utf8")).toBe("the analyst's");
      expect(r.readBack).toBe(1);
    });
  }
});
