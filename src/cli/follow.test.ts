/**
 * Follow Stream on the recorded fixtures, without tshark:
 * - goldens: for every stream of every fixture, what each node sent (byte
 *   count and SHA-256) equals tshark's `-z follow,…,raw` output stored in
 *   `<name>.follow.json` (written by scripts/update-follow-goldens.ts). No
 *   fixture has a stream where we deliberately differ from tshark (those
 *   are in ../shared/captures: follow-corpus.test.ts);
 * - ground truth: the files transferred over lossy and plain connections
 *   come out with the SHA-256 the recorder computed on the server's disk;
 * - the `-z follow` command line.
 */
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { digestRaw, followIndexOf, ourFollow, type FollowGolden } from "../../scripts/follow-compare";
import { readDirection } from "../engine/follow/follow-stream";
import type { Direction } from "../engine/follow/types";
import { run } from "./main";
import { FileSource } from "./file-source";
import { CaptureSession } from "../engine/session/capture-session";

const fixturesDir = join(__dirname, "../../fixtures");
const captures = existsSync(fixturesDir)
  ? readdirSync(fixturesDir)
      .filter((f) => /\.(pcap|pcapng)$/.test(f))
      .sort()
  : [];
const golden = (name: string): FollowGolden =>
  JSON.parse(readFileSync(join(fixturesDir, name.replace(/\.[^.]+$/, "") + ".follow.json"), "utf8")) as FollowGolden;

describe("follow goldens: every stream of every fixture as tshark follows it", () => {
  it("has a golden per fixture", () => {
    expect(captures.length).toBeGreaterThan(0);
    for (const name of captures) expect(existsSync(join(fixturesDir, name.replace(/\.[^.]+$/, "") + ".follow.json")), name).toBe(true);
  });
  for (const name of captures) {
    it(name, async () => {
      const g = golden(name);
      const index = await followIndexOf(join(fixturesDir, name));
      expect(index.tcpCount).toBe(g.tcp.length);
      expect(index.udpCount).toBe(g.udp.length);
      for (const protocol of ["tcp", "udp"] as const) {
        const streams = g[protocol].map((d) => d.stream);
        const ours = await ourFollow(index, protocol, "raw", streams);
        const compat = await ourFollow(index, protocol, "raw", streams, { tsharkCompat: true });
        g[protocol].forEach((want, i) => {
          expect(digestRaw(want.stream, ours[i]!), `${protocol}.stream eq ${want.stream}`).toEqual(want);
          expect(digestRaw(want.stream, compat[i]!), `${protocol}.stream eq ${want.stream} (tshark compat)`).toEqual(want);
        });
      }
    });
  }
});

describe("follow in the app: the capture session builds the same streams as the file pass", () => {
  for (const name of captures) {
    it(name, async () => {
      const file = join(fixturesDir, name);
      const index = await followIndexOf(file);
      const session = new CaptureSession(new FileSource(file));
      await session.load();
      for (const protocol of ["tcp", "udp"] as const) {
        const count = protocol === "tcp" ? index.tcpCount : index.udpCount;
        for (let n = 0; n < count; n++) {
          const a = index.stream(protocol, n)!;
          const b = (await session.follow(protocol, n)) ?? index.stream(protocol, n)!;
          expect(b.info, `${protocol}.stream eq ${n}`).toEqual(a.info);
          expect(b.chunkColumns(0, a.info.chunkCount)).toEqual(a.chunkColumns(0, a.info.chunkCount));
        }
      }
    });
  }
});

interface Truth {
  files: { path: string; size: number; sha256: string; command?: string; rest_offset?: number }[];
}

describe("follow: transferred files come out whole (ground truth)", () => {
  for (const name of [
    "ftp-lossy-pasv-retransmissions-vsftpd.pcap",
    "ftp-pasv-curl-vsftpd-localuser.pcap",
    "ftp-parallel-sessions-vsftpd.pcapng",
  ]) {
    it(name, async () => {
      const truth = JSON.parse(readFileSync(join(fixturesDir, name.replace(/\.[^.]+$/, "") + ".truth.json"), "utf8")) as Truth;
      const index = await followIndexOf(join(fixturesDir, name));
      const seen = new Set<string>();
      for (let n = 0; n < index.tcpCount; n++) {
        const s = index.stream("tcp", n)!;
        for (const d of [0, 1] as Direction[]) {
          if (!s.info.bytes[d]) continue;
          const { bytes, gaps } = await readDirection(s, d);
          if (gaps.length === 0) seen.add(createHash("sha256").update(bytes).digest("hex"));
        }
      }
      const plain = truth.files.filter((f) => !f.rest_offset);
      expect(plain.length).toBeGreaterThan(0);
      for (const f of plain) expect(seen.has(f.sha256), `${f.path} (${f.size} bytes)`).toBe(true);
    });
  }
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await run(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe("pcapscope -z follow", () => {
  const file = join(fixturesDir, "ftp-pasv-curl-vsftpd-localuser.pcap");

  it("prints several -z in reverse order, like tshark", async () => {
    const r = await cli(["-r", file, "-q", "-z", "follow,tcp,raw,0", "-z", "follow,tcp,ascii,1"]);
    expect(r.code).toBe(0);
    const follows = [...r.out.matchAll(/^Follow: (.*)$/gm)].map((m) => m[1]);
    expect(follows).toEqual(["tcp,ascii", "tcp,raw"]);
    expect(r.out).toContain("Filter: tcp.stream eq 1\nNode 0: 10.77.0.2:46814\nNode 1: 10.77.0.1:40016\n\t138\n-rw-r--r--");
  });

  it("an unknown stream prints empty nodes; a UDP stream of a TCP-only capture too", async () => {
    const r = await cli(["-r", file, "-q", "-z", "follow,tcp,raw,99", "-z", "follow,udp,yaml,0"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "peers:\n  - peer: 0\n    host: \n    port: 0\n  - peer: 1\n    host: \n    port: 0\npackets:\n" +
        `\n${"=".repeat(67)}\nFollow: tcp,raw\nFilter: tcp.stream eq 99\nNode 0: :0\nNode 1: :0\n${"=".repeat(67)}\n`,
    );
  });

  it("without -q the packet list comes first", async () => {
    const r = await cli(["-r", file, "-c", "2", "-z", "follow,tcp,raw,0"]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toMatch(/^\s+1\s+0\.000000/);
    // -c 2 limits the follow too (two ARP packets: no stream 0 yet).
    expect(r.out).toContain("Follow: tcp,raw\nFilter: tcp.stream eq 0\nNode 0: :0\n");
  });

  it("rejects what tshark rejects, and other statistics", async () => {
    expect(await cli(["-r", file, "-q", "-z", "follow,tcp,foo,0"])).toMatchObject({
      code: 2,
      err: "pcapscope: follow - Invalid display mode.\n",
    });
    expect((await cli(["-r", file, "-q", "-z", "follow,tcp,raw,x"])).err).toBe("pcapscope: follow - Invalid address.\n");
    expect((await cli(["-r", file, "-q", "-z", "follow,sctp,raw,0"])).code).toBe(2);
    expect((await cli(["-r", file, "-q", "-z", "sip,stat"])).code).toBe(2);
  });

  it("agrees with the stored digests for the data connection, in raw form", async () => {
    const r = await cli(["-r", file, "-q", "-z", "follow,tcp,raw,2"]);
    const g = golden("ftp-pasv-curl-vsftpd-localuser.pcap");
    expect(digestRaw(2, r.out)).toEqual(g.tcp[2]);
  });
});
