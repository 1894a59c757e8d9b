/**
 * Corpus test: on the public captures in ../shared/captures (never copied into
 * the project), what `tshark -q --export-objects ftp-data,DIR` writes is a
 * subset, by content hash, of what `pcapscope ... --export-objects ftp-data,DIR`
 * writes. Runs when the folder and tshark exist; otherwise skips with a
 * printed notice.
 *
 * One kind of tshark object cannot be matched by hash because it is damaged:
 * tshark 4.0 appends ftp-data segments in packet order and leaves out
 * segments it shows as plain TCP (an out-of-order segment before the rest),
 * so its file lacks bytes ours has. Such an object must then be a contiguous
 * slice of one of ours (same bytes, ours longer): printed as a notice.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { run } from "./main";

const sharedDir = resolve(process.env.PCAPSCOPE_SHARED ?? join(__dirname, "../../../shared"), "captures");
const captures = existsSync(sharedDir)
  ? readdirSync(sharedDir)
      .filter((f) => /\.(pcap|pcapng)$/.test(f))
      .sort()
  : [];
const tshark = !spawnSync("tshark", ["-v"], { stdio: "ignore" }).error;

if (captures.length === 0) console.log(`ftp export corpus: skipped, ${sharedDir} not found (set PCAPSCOPE_SHARED to point elsewhere)`);
else if (!tshark) console.log("ftp export corpus: skipped, tshark is not installed");

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

function readAll(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!existsSync(dir)) return out;
  for (const n of readdirSync(dir)) if (n !== "manifest.json") out.set(n, readFileSync(join(dir, n)));
  return out;
}

describe.skipIf(captures.length === 0 || !tshark)("ftp export corpus: a superset of tshark's on ../shared/captures", () => {
  for (const name of captures) {
    it(name, async () => {
      const base = mkdtempSync(join(tmpdir(), "pcapscope-corpus-"));
      try {
        const theirsDir = join(base, "tshark");
        const oursDir = join(base, "ours");
        spawnSync("tshark", ["-r", join(sharedDir, name), "-q", "--export-objects", `ftp-data,${theirsDir}`], { stdio: "ignore" });
        const code = await run(["-r", join(sharedDir, name), "-q", "--export-objects", `ftp-data,${oursDir}`], {
          stdout: () => undefined,
          stderr: () => undefined,
        });
        // Damaged captures may end early (exit 1): what was read is still exported.
        expect([0, 1]).toContain(code);
        const theirs = readAll(theirsDir);
        const ours = readAll(oursDir);
        const ourHashes = new Set([...ours.values()].map(sha256));
        for (const [file, bytes] of theirs) {
          if (ourHashes.has(sha256(bytes))) continue;
          const within = [...ours.entries()].find(([, b]) => b.length > bytes.length && b.indexOf(bytes) >= 0);
          expect(within, `${name}: tshark's ${file} (${bytes.length} bytes) is in no object we export`).toBeDefined();
          console.log(
            `ftp export corpus: ${name}: tshark's ${file} (${bytes.length} bytes) is a damaged slice of our ${within![0]} (${within![1].length} bytes)`,
          );
        }
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    });
  }
});
