/**
 * FTP export on the fixtures the project recorded (fixtures/*.truth.json holds
 * the SHA-256 of every file that crossed the wire, computed on the server):
 * - every transferred file is rebuilt byte-exact (its hash is a file's or, for
 *   APPE's appended bytes, a part's), except the ones listed in UNRECOVERABLE
 *   with the reason;
 * - the manifest equals the golden `<name>.ftp-manifest.json` (npm run goldens);
 * - the CLI writes what the manifest says, names stay inside the directory;
 * - with tshark installed, prints how many of the same files tshark recovers.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileSource } from "./file-source";
import { run } from "./main";
import { ftpReportOf as ftpReport } from "../engine/ftp/service";
import { exportPlan, type ManifestEntry } from "../engine/ftp/export";
import { FtpService } from "../engine/ftp/service";
import { readZip } from "../engine/ftp/testing";
import { ftpGolden, ftpGoldenPath } from "../../scripts/ftp-goldens";

const fixturesDir = join(__dirname, "../../fixtures");
const truths = readdirSync(fixturesDir)
  .filter((f) => f.endsWith(".truth.json"))
  .sort();

interface TruthFile {
  path: string;
  direction: string;
  size: number;
  sha256: string;
  command: string;
}

/** Files no capture-only tool can rebuild, and why. Keyed "capture path". */
const UNRECOVERABLE: Record<string, string> = {
  // curl -C -: the first 100000 bytes were on the client's disk already; only the rest crossed the wire
  // (the file object holds them at offset 100000, missingRanges [[0, 100000]], and the wire part is exported).
  "ftp-rest-resume-curl-vsftpd.pcap /pub/resume.bin": "only bytes after REST 100000 are in the capture",
  // PROT P: the data connection is TLS; without the session keys the file is ciphertext.
  "ftps-auth-tls-lftp-pyftpdlib.pcapng /private/secret.bin": "encrypted (FTPS, PROT P)",
};

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

function tsharkHashes(capture: string): Set<string> | null {
  const dir = mkdtempSync(join(tmpdir(), "pcapscope-tshark-"));
  rmSync(dir, { recursive: true });
  const r = spawnSync("tshark", ["-r", capture, "-q", "--export-objects", `ftp-data,${dir}`], { stdio: "ignore" });
  if (r.error) return null;
  const out = new Set<string>();
  if (existsSync(dir)) for (const n of readdirSync(dir)) out.add(sha256(readFileSync(join(dir, n))));
  rmSync(dir, { recursive: true, force: true });
  return out;
}

describe("FTP export on the recorded fixtures", () => {
  const counts = { ours: 0, tshark: 0, total: 0, tsharkRan: true };

  for (const t of truths) {
    const truth = JSON.parse(readFileSync(join(fixturesDir, t), "utf8")) as { capture: string; files: TruthFile[] };
    const capture = join(fixturesDir, truth.capture);

    it(`${truth.capture}: files rebuilt byte-exact, manifest as the golden`, async () => {
      const source = new FileSource(capture);
      try {
        const report = await ftpReport(source);
        const a = report.analysis;
        const plan = exportPlan(a);
        for (const f of truth.files) {
          counts.total++;
          const key = `${truth.capture} ${f.path}`;
          const file = a.files.find((x) => x.sha256 === f.sha256);
          const part = plan.find((i) => i.entry.sha256 === f.sha256);
          if (UNRECOVERABLE[key]) {
            expect(file, `${key} is listed as unrecoverable but was rebuilt: update UNRECOVERABLE`).toBeUndefined();
            continue;
          }
          expect(file ?? part, `${key} (${f.command}, ${f.size} bytes) not rebuilt`).toBeDefined();
          counts.ours++;
          if (file) {
            expect(file.name).toBe(f.path);
            expect(file.size).toBe(f.size);
            expect(file.complete).toBe(true);
            // The hash the analysis computed incrementally is the hash of the bytes it reads back.
            expect(sha256(await report.fileBytes(file.id))).toBe(f.sha256);
          }
        }
        expect(
          JSON.stringify(
            plan.map((i) => i.entry),
            null,
            2,
          ) + "\n",
        ).toBe(readFileSync(ftpGoldenPath(capture), "utf8"));
      } finally {
        source.close();
      }
      const ts = tsharkHashes(capture);
      if (!ts) counts.tsharkRan = false;
      else counts.tshark += truth.files.filter((f) => ts.has(f.sha256)).length;
    });
  }

  it("reports the totals", () => {
    console.log(
      `ftp export: ${counts.ours}/${counts.total} recorded transfers rebuilt byte-exact` +
        (counts.tsharkRan ? `; tshark 4.0 --export-objects ftp-data: ${counts.tshark}/${counts.total}` : "; tshark not installed"),
    );
    expect(counts.ours).toBe(counts.total - Object.keys(UNRECOVERABLE).length);
  });

  it("goldens are up to date with the generator", async () => {
    const cap = join(fixturesDir, "ftp-upload-stor-appe-stou-pyftpdlib.pcap");
    expect(await ftpGolden(cap)).toBe(readFileSync(ftpGoldenPath(cap), "utf8"));
  });

  it("writes every object and manifest.json with --export-objects, names inside the directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pcapscope-export-"));
    try {
      const err: string[] = [];
      const code = await run(
        ["-r", join(fixturesDir, "ftp-hostile-names-banner-pyftpdlib.pcap"), "-q", "--export-objects", `ftp-data,${dir}`],
        {
          stdout: () => undefined,
          stderr: (s) => err.push(s),
        },
      );
      expect(err.join("")).toBe("");
      expect(code).toBe(0);
      const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
        path: string;
        name: string;
        sha256: string;
        size: number;
      }[];
      const names = readdirSync(dir).sort();
      expect(names).toEqual([...manifest.map((m) => m.path), "manifest.json"].sort());
      for (const m of manifest) {
        // eslint-disable-next-line no-control-regex -- no control characters in local names
        expect(m.path).not.toMatch(/[/\\<>:"|?*\u0000-\u001f]/);
        const bytes = readFileSync(join(dir, m.path));
        expect(bytes.length).toBe(m.size);
        expect(sha256(bytes)).toBe(m.sha256);
      }
      // Same content twice (STOR then RETR): two objects, the second with a suffix.
      expect(manifest.map((m) => m.path)).toContain("_img src=x onerror=alert(1)_ (2).txt");
      expect(manifest.map((m) => m.name)).toContain("/drop/<img src=x onerror=alert(1)>.txt");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("zips every object with manifest.json for \"Download all\"; each entry's hash is the manifest's", async () => {
    const source = new FileSource(join(fixturesDir, "ftp-upload-stor-appe-stou-pyftpdlib.pcap"));
    try {
      const ftp = new FtpService(() => ftpReport(source));
      const zip = readZip(new Uint8Array(await (await ftp.archive()).arrayBuffer()));
      const manifest = JSON.parse(new TextDecoder().decode(zip.get("manifest.json"))) as ManifestEntry[];
      expect([...zip.keys()].sort()).toEqual([...manifest.map((m) => m.path), "manifest.json"].sort());
      for (const m of manifest) expect(sha256(zip.get(m.path)!), m.path).toBe(m.sha256);
      // STOR then APPE: the file as stored afterwards.
      expect(manifest.map((m) => m.sha256)).toContain("6ba80fc9002c68a9858d5538292ac6f95e4933184e260b735265fc41e0b21bc1");
      const f = (await ftp.analysis()).files.find((x) => x.name === "/incoming/journal.txt")!;
      expect(sha256(new Uint8Array(await (await ftp.blob({ kind: "file", fileId: f.id })).arrayBuffer()))).toBe(f.sha256);
      expect((await ftp.head(f.id, 10)).length).toBe(10);
    } finally {
      source.close();
    }
  });

  it("refuses other protocols as tshark's usage errors", async () => {
    const err: string[] = [];
    const code = await run(["-r", join(fixturesDir, "ftp-active-tnftp-vsftpd-ls-get.pcap"), "--export-objects", "smb,/tmp/x"], {
      stdout: () => undefined,
      stderr: (s) => err.push(s),
    });
    expect(code).toBe(2);
    expect(err.join("")).toMatch(/only ftp-data and http/);
  });
});
