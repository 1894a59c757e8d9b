/**
 * Follow Stream against tshark: tshark's `-z follow,PROTO,raw,N` output and
 * ours, parsed into per-stream, per-direction digests (byte count and
 * SHA-256 of what each node sent, as tshark prints it: gap markers are
 * bytes there). Used by the follow goldens (update-follow-goldens.ts), the
 * golden test and the corpus test, and by hand:
 *
 *   npx tsx scripts/follow-compare.ts FILE...     # per stream: same / differs
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { FileSource } from "../src/cli/file-source";
import { followStreams } from "../src/engine/follow/follow-index";
import { writeTsharkFollow, type RenderOptions, type TsharkFollowMode } from "../src/engine/follow/render";
import type { FollowIndex, FollowProtocol } from "../src/engine/follow/types";

export interface StreamDigest {
  stream: number;
  /** "Node 0" and "Node 1" as printed. */
  nodes: [string, string];
  /** Records (chunks and gap markers) printed. */
  records: number;
  bytes: [number, number];
  sha256: [string, string];
}

export interface FollowGolden {
  tshark: string;
  tcp: StreamDigest[];
  udp: StreamDigest[];
}

const SEPARATOR = "=".repeat(67);

function tshark(args: string[]): string {
  try {
    return execFileSync("tshark", args, { encoding: "latin1", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });
  } catch (e) {
    // tshark exits non-zero on damaged captures but still prints what it read.
    const out = (e as { stdout?: string }).stdout;
    if (typeof out === "string") return out;
    throw e;
  }
}

export function tsharkVersion(): string {
  return tshark(["--version"]).split("\n")[0]!.trim();
}

/** The stream indexes tshark assigns in a capture (tcp.stream and udp.stream values). */
export function tsharkStreamsAll(file: string): { tcp: number[]; udp: number[] } {
  const out = tshark(["-r", file, "-T", "fields", "-e", "tcp.stream", "-e", "udp.stream"]);
  const ids = { tcp: new Set<number>(), udp: new Set<number>() };
  for (const line of out.split("\n")) {
    const [t = "", u = ""] = line.split("\t");
    for (const v of t.split(",")) if (/^\d+$/.test(v)) ids.tcp.add(Number(v));
    for (const v of u.split(",")) if (/^\d+$/.test(v)) ids.udp.add(Number(v));
  }
  const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);
  return { tcp: sorted(ids.tcp), udp: sorted(ids.udp) };
}

export function tsharkStreams(file: string, protocol: FollowProtocol): number[] {
  return tsharkStreamsAll(file)[protocol];
}

export interface FollowRequest {
  protocol: FollowProtocol;
  mode: TsharkFollowMode;
  stream: number;
}

/** Where one request's output starts. */
function headerOf(r: FollowRequest): string {
  if (r.mode === "yaml") return "peers:\n  - peer: 0\n";
  return `\n${SEPARATOR}\nFollow: ${r.protocol},${r.mode}\nFilter: ${r.protocol}.stream eq ${r.stream}\n`;
}

/**
 * tshark's follow outputs for these requests, one tshark run for all of
 * them (it prints several -z in reverse order), split per request in the
 * order asked: each output runs up to where the next one's header starts.
 */
export function tsharkFollowMany(file: string, requests: readonly FollowRequest[]): string[] {
  if (requests.length === 0) return [];
  const args = ["-r", file, "-q"];
  for (const r of requests) args.push("-z", `follow,${r.protocol},${r.mode},${r.stream}`);
  const text = tshark(args);
  const printed = [...requests].reverse();
  const out: string[] = [];
  let at = 0;
  printed.forEach((r, i) => {
    const next = printed[i + 1];
    const end = next ? text.indexOf(headerOf(next), at + headerOf(r).length) : text.length;
    out.push(text.slice(at, end < 0 ? text.length : end));
    at = end < 0 ? text.length : end;
  });
  return out.reverse();
}

/** tshark's follow output for these streams, split per stream (in the order asked). */
export function tsharkFollow(file: string, protocol: FollowProtocol, mode: TsharkFollowMode, streams: readonly number[]): string[] {
  return tsharkFollowMany(
    file,
    streams.map((stream) => ({ protocol, mode, stream })),
  );
}

/** Our follow output for these streams (same split). */
export async function ourFollow(
  index: FollowIndex,
  protocol: FollowProtocol,
  mode: TsharkFollowMode,
  streams: readonly number[],
  options: RenderOptions = {},
): Promise<string[]> {
  const out: string[] = [];
  for (const n of streams) {
    let text = "";
    const s = index.stream(protocol, n);
    if (!s) throw new Error(`no ${protocol} stream ${n}`);
    await writeTsharkFollow(s, mode, (t) => (text += t), options);
    out.push(text);
  }
  return out;
}

export async function followIndexOf(file: string): Promise<FollowIndex> {
  const source = new FileSource(file);
  return followStreams(source);
}

/** Digest of one `follow,…,raw` output. */
export function digestRaw(stream: number, text: string): StreamDigest {
  const nodes: [string, string] = ["", ""];
  const hash = [createHash("sha256"), createHash("sha256")];
  const bytes: [number, number] = [0, 0];
  let records = 0;
  let body = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("Node 0: ")) nodes[0] = line.slice(8);
    else if (line.startsWith("Node 1: ")) {
      nodes[1] = line.slice(8);
      body = true;
    } else if (line === SEPARATOR) {
      body = false;
    } else if (body && line.length) {
      const d = line.startsWith("\t") ? 1 : 0;
      const b = Buffer.from(line.slice(d), "hex");
      hash[d]!.update(b);
      bytes[d] += b.length;
      records++;
    }
  }
  return { stream, nodes, records, bytes, sha256: [hash[0]!.digest("hex"), hash[1]!.digest("hex")] };
}

/** tshark's digests of every stream of a capture. */
export function tsharkDigests(file: string): { tcp: StreamDigest[]; udp: StreamDigest[] } {
  const out = { tcp: [] as StreamDigest[], udp: [] as StreamDigest[] };
  const all = tsharkStreamsAll(file);
  for (const protocol of ["tcp", "udp"] as const) {
    const texts = tsharkFollow(file, protocol, "raw", all[protocol]);
    out[protocol] = all[protocol].map((n, i) => digestRaw(n, texts[i] ?? ""));
  }
  return out;
}

export function hasTshark(): boolean {
  try {
    execFileSync("tshark", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// By hand: which streams of these captures match tshark's raw output.
if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  let same = 0;
  let differ = 0;
  for (const file of process.argv.slice(2)) {
    const index = await followIndexOf(file);
    for (const protocol of ["tcp", "udp"] as const) {
      const streams = tsharkStreams(file, protocol);
      const theirs = tsharkFollow(file, protocol, "raw", streams);
      const ours = await ourFollow(index, protocol, "raw", streams);
      streams.forEach((n, i) => {
        if (theirs[i] === ours[i]) same++;
        else {
          differ++;
          console.log(`${file} ${protocol}.stream eq ${n}: differs`);
        }
      });
    }
  }
  console.log(`${same} streams identical, ${differ} differ`);
}
