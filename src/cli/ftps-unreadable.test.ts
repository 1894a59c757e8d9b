/**
 * FTP whose control channel cannot be read (issue 14), on captures the
 * recorder made (scripts/recorder/ftps-scenarios.sh) and checked against
 * their ground truth (the SHA-256 of each file as the server stored it):
 *
 * - ftps-clear-data-*: AUTH TLS, every command encrypted, data in the clear
 *   (PROT C). tshark 4.0 is no reference here: it sees TLS on port 21 and no
 *   PASV, so it marks no connection as ftp-data and exports nothing; the
 *   truth file is the reference. Every file must come out as unattributed FTP
 *   data of session 0, with a high confidence and its content type.
 * - ftps-ccc-*: AUTH TLS, login under TLS, then CCC: the control connection
 *   is read again where its TLS records end, so the transfers after it are
 *   ordinary files (tshark 4.0 exports the same ones) and nothing is left
 *   unattributed. Hand-built conversations: src/engine/ftp/unattributed.test.ts.
 * - a capture that starts mid-session: the mirror fixture cut at a data
 *   connection's SYN, after the PASV that announced it.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileSource } from "./file-source";
import { ftpReportOf } from "../engine/ftp/service";
import { exportPlan } from "../engine/ftp/export";
import type { FtpReport } from "../engine/ftp/analyze";

const fixtures = join(__dirname, "../../fixtures");
const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

interface Truth {
  files: { path: string; direction: string; size: number; sha256: string; mime?: string }[];
}
const truthOf = (name: string): Truth => JSON.parse(readFileSync(join(fixtures, `${name}.truth.json`), "utf8")) as Truth;

async function withReport<T>(path: string, f: (r: FtpReport) => Promise<T>): Promise<T> {
  const source = new FileSource(path);
  try {
    return await f(await ftpReportOf(source));
  } finally {
    source.close();
  }
}

/** Hashes of what `tshark --export-objects ftp-data` writes, or null without tshark. */
function tsharkExport(capture: string): Set<string> | null {
  const dir = mkdtempSync(join(tmpdir(), "pcapscope-tshark-"));
  try {
    const r = spawnSync("tshark", ["-r", capture, "-q", "--export-objects", `ftp-data,${join(dir, "out")}`], { stdio: "ignore" });
    if (r.error) return null;
    const out = join(dir, "out");
    return new Set(existsSync(out) ? readdirSync(out).map((n) => sha256(readFileSync(join(out, n)))) : []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The paths of the truth's files that tshark exports from `capture`, or null (said) without tshark. */
function exportedByTshark(capture: string, truth: Truth): string[] | null {
  const ts = tsharkExport(capture);
  if (ts) return truth.files.filter((f) => ts.has(f.sha256)).map((f) => f.path);
  console.log(`tshark not installed: its export of ${capture} not checked`);
  return null;
}

/** A pcap (little-endian, as the recorder writes) with the records before `firstFrame` left out: a capture started later. */
function pcapFrom(bytes: Uint8Array, firstFrame: number): Uint8Array {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(dv.getUint32(0, true)).toBe(0xa1b2c3d4);
  const parts = [bytes.subarray(0, 24)];
  for (let p = 24, frame = 1; p < bytes.length; frame++) {
    const end = p + 16 + dv.getUint32(p + 8, true);
    if (frame >= firstFrame) parts.push(bytes.subarray(p, end));
    p = end;
  }
  return Buffer.concat(parts);
}

describe("FTPS with cleartext data (PROT C): unattributed FTP data", () => {
  const name = "ftps-clear-data-lftp-pyftpdlib";
  const capture = join(fixtures, `${name}.pcap`);

  it("rebuilds every file the scenario moved, attributed to the TLS session with its evidence", async () => {
    const truth = truthOf(name);
    const plan = await withReport(capture, async (r) => {
      expect(r.analysis.sessions).toHaveLength(1);
      expect(r.analysis.sessions[0]).toMatchObject({ encrypted: true, clearedCommandChannel: false });
      expect(r.analysis.files).toEqual([]);
      return exportPlan(r.analysis);
    });
    for (const f of truth.files) {
      const e = plan.find((i) => i.entry.sha256 === f.sha256)?.entry;
      expect(e, `${f.path} not rebuilt`).toBeDefined();
      expect(e).toMatchObject({ kind: "unattributed", session: 0, confidence: "high", size: f.size, direction: f.direction });
      if (f.mime) expect(e!.mime).toBe(f.mime);
      expect(e!.reasons!.join(" ")).toMatch(/TLS from frame \d+.*one file.*FIN/);
    }
    // The fifth connection is lftp's cls -l (a listing, text).
    expect(plan.map((i) => i.entry.kind)).toEqual(Array(5).fill("unattributed"));
    // tshark sees no FTP after AUTH TLS: it exports nothing.
    expect(exportedByTshark(capture, truth) ?? []).toEqual([]);
  });
});

describe("FTPS with CCC: the control channel read again after the TLS close", () => {
  const name = "ftps-ccc-lftp-proftpd";
  const capture = join(fixtures, `${name}.pcap`);

  it("rebuilds the files of the commands after CCC as files, with nothing unattributed", async () => {
    const truth = truthOf(name);
    const plan = await withReport(capture, async (r) => {
      expect(r.analysis.sessions).toHaveLength(1);
      // Frame 80 is the first cleartext command (CWD /pub), as tshark shows it.
      expect(r.analysis.sessions[0]).toMatchObject({ encrypted: true, clearedCommandChannel: true, clearFrame: 80, user: null });
      for (const f of truth.files) {
        const file = r.analysis.files.find((x) => x.sha256 === f.sha256);
        expect(file, f.path).toMatchObject({ kind: "file", name: f.path, size: f.size, complete: true });
      }
      expect(r.analysis.dataChannels.filter((d) => d.attribution || d.unexplained)).toEqual([]);
      expect(r.analysis.alerts.find((a) => a.kind === "ftps")!.message).toMatch(/back to cleartext after CCC \(frame 80\)/);
      return exportPlan(r.analysis);
    });
    expect(plan.filter((i) => i.entry.kind === "unattributed" || i.entry.kind === "unexplained")).toEqual([]);
    // tshark 4.0 reads the commands after CCC too and exports every file.
    expect(exportedByTshark(capture, truth) ?? truth.files.map((f) => f.path)).toEqual(truth.files.map((f) => f.path));
  });
});

describe("a capture that starts mid-session", () => {
  it("takes the data connection whose PASV it missed for unattributed data of that session", async () => {
    const full = join(fixtures, "ftp-mlsd-mirror-lftp-pyftpdlib.pcap");
    const cut = await withReport(full, async (r) => {
      const f = r.analysis.files.find((x) => x.name === "/tree/docs/readme.txt")!;
      return r.analysis.dataChannels.find((d) => d.stream === f.dataStream)!.firstFrame;
    });
    const dir = mkdtempSync(join(tmpdir(), "pcapscope-midsession-"));
    try {
      const path = join(dir, "late.pcap");
      writeFileSync(path, pcapFrom(readFileSync(full), cut));
      const truth = truthOf("ftp-mlsd-mirror-lftp-pyftpdlib");
      const readme = truth.files.find((f) => f.path === "/tree/docs/readme.txt")!;
      await withReport(path, async (r) => {
        const plan = exportPlan(r.analysis);
        const e = plan.find((i) => i.entry.kind === "unattributed")?.entry;
        expect(e).toMatchObject({ sha256: readme.sha256, session: 0, confidence: "medium", mime: "text/plain" });
        expect(e!.reasons![0]).toMatch(/capture starts in the middle of session 0/);
        // The transfers announced after the cut are read as usual (under "/": the CWD before the cut is lost).
        for (const p of ["/tree/docs/report.csv", "/tree/media/logo.png", "/tree/media/archive.zip"]) {
          const want = truth.files.find((f) => f.path === p)!;
          expect(r.analysis.files.find((x) => x.sha256 === want.sha256)?.kind, p).toBe("file");
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
