/**
 * What a fuzz case runs, in this process: the engine API as the app's worker
 * drives it, and the command line's code paths through `run()`. Each returns
 * the packet count it saw and whether a problem was reported; anything
 * thrown propagates to the oracle (check.ts), which calls it a failure.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MemorySource, type ByteSource } from "../../engine/io/byte-source";
import { inflateGzip, isGzip, MemorySink } from "../../engine/io/gzip";
import { CaptureError } from "../../engine/capture/types";
import { CaptureSession } from "../../engine/session/capture-session";
import type { PassTap } from "../../engine/session/pass-facts";
import { run } from "../main";

export interface TargetResult {
  packets: number;
  /** The reader or the session said the capture is damaged or not a capture. */
  problem: boolean;
  /** A non-CaptureError thrown inside the indexing pass, which the pass turned into a problem (a reader or dissector bug). */
  swallowed?: unknown;
  /** Packets whose dissection threw (the malformed mark says "internal error"). */
  internalErrors: string[];
}

async function sourceOf(bytes: Uint8Array): Promise<ByteSource> {
  const source: ByteSource = new MemorySource(bytes, "fuzz");
  if (!isGzip(bytes)) return source;
  const inflated = (await inflateGzip(source, new MemorySink()))!;
  inflated.source.compression = inflated.compression;
  return inflated.source;
}

/** Load, then what a user does first: rows, a few packets' details, a filter, Follow TCP, the FTP report, statistics. */
export async function engineTarget(bytes: Uint8Array): Promise<TargetResult> {
  const internal: string[] = [];
  // Dissection turns anything a dissector throws into a malformed mark; "internal error" there is a bug, not bad input.
  const noteInternal = (packet: number, text: string | null | undefined): void => {
    if (text?.includes("internal error")) internal.push(`packet ${packet}: ${text}`);
  };
  const tap = (): PassTap => ({ columns: true, tree: () => null, packet: (rec, _data, pinfo) => noteInternal(rec.number, pinfo.malformed) });
  const session = new CaptureSession(await sourceOf(bytes), { statistics: true, prepareFtp: false, tap });
  const loaded = await session.load();
  const n = session.packetCount;
  await session.rows(0, 100);
  await session.rows(Math.max(0, n - 50), 50);
  for (const number of new Set([1, Math.ceil(n / 2), n])) if (number >= 1) noteInternal(number, JSON.stringify(await session.details(number)));
  await session.applyDisplayFilter('tcp.len > 0 || ftp.request.command == "RETR" || dns || frame.len >= 1500');
  await session.rows(0, 100);
  await session.applyDisplayFilter("");
  if (session.follows().streamCount("tcp") > 0) await session.follow("tcp", 0);
  if (session.follows().streamCount("udp") > 0) await session.follow("udp", 0);
  await session.ftpReport();
  session.statistics();
  const thrown = session.loadError?.thrown && !(session.loadError.error instanceof CaptureError);
  return {
    packets: loaded.packets,
    problem: loaded.problem !== null,
    internalErrors: internal,
    ...(thrown ? { swallowed: session.loadError!.error } : {}),
  };
}

const FIELDS = [
  "frame.number", "frame.time_epoch", "frame.len", "frame.protocols", "eth.src", "eth.type", "vlan.id", "ip.src", "ip.dst",
  "ip.len", "ip.flags.mf", "ipv6.src", "ipv6.nxt", "tcp.stream", "tcp.srcport", "tcp.seq", "tcp.len", "tcp.flags",
  "tcp.analysis.flags", "udp.length", "icmp.type", "dns.qry.name", "dns.a", "ftp.request.command", "ftp.request.arg",
  "ftp.response.code", "ftp-data.command", "tls.handshake.extensions_server_name", "_ws.col.Protocol",
  "_ws.col.Info",
].flatMap((f) => ["-e", f]);

/** The CLI's views, one set of arguments per case in turn (each reads the file once). */
export const CLI_RUNS: readonly ((file: string, dir: string) => string[])[] = [
  (f) => ["-r", f, "-T", "fields", ...FIELDS, "-E", "header=y", "-E", "occurrence=a"],
  (f) => ["-r", f, "-Y", "tcp.len > 0 or udp or ftp.response.code >= 400", "-T", "fields", ...FIELDS],
  (f) => ["-r", f, "-q", "-z", "follow,tcp,ascii,0", "-z", "conv,ip", "-z", "io,phs"],
  (f, dir) => ["-r", f, "-q", "--export-objects", `ftp-data,${join(dir, "objects")}`],
  (f) => ["-r", f, "--diagram", "ftp", "--diagram-detail", "packets"],
  (f) => ["-r", f, "-V", "-c", "20"],
];

export interface CliResult {
  code: number;
  stderr: string;
  args: string[];
}

/** Runs one CLI view over `bytes` written to `dir` (a folder of the caller's, emptied here). */
export async function cliTarget(bytes: Uint8Array, which: number, dir: string): Promise<CliResult> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "input");
  writeFileSync(file, bytes);
  const args = CLI_RUNS[which % CLI_RUNS.length]!(file, dir);
  let stderr = "";
  const code = await run(args, { stdout: () => undefined, stderr: (s) => (stderr += s), stdoutBytes: () => undefined });
  return { code, stderr, args };
}
