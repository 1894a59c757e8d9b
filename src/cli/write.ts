/**
 * `-w FILE`: the packets the display filter keeps (all without -Y; -c counts
 * packets read) written as pcapng, pcap or nsecpcap (-F), as tshark writes
 * them; nothing is printed. The engine makes the file's parts
 * (engine/session/export-packets.ts); this only puts them in the file or on
 * standard output ("-w -").
 */
import { closeSync, openSync, statSync, writeSync } from "node:fs";
import type { CliOptions } from "./args";
import type { FileSource } from "./file-source";
import type { Io } from "./io";
import { reportReadFailure } from "./packets";
import { CaptureSession } from "../engine/session/capture-session";
import { exportParts } from "../engine/session/export-packets";
import { captureChunks, captureParts, CaptureWriteError, readInputHeaders, type CapturePart } from "../engine/capture/write-capture";
import { readCapture } from "../engine/capture/open";

/** Chunks are gathered up to this size between two writes. */
const WRITE_BUFFER = 1 << 20;

/** Returns the exit code: 0, 1 for a capture that cannot be read or is damaged (what came before is written), 2 for packets the format cannot hold. */
export async function writeCapture(source: FileSource, opts: CliOptions, io: Io): Promise<number> {
  const target = opts.writeFile!;
  const others = [
    opts.twoPass && "-2",
    opts.statistics.length && "-z",
    opts.exportObjects.length && "--export-objects",
    opts.diagram.length && "--diagram",
  ].filter((o): o is string => typeof o === "string");
  if (others.length) {
    // Refused rather than ignored: tshark would honour them beside -w.
    io.stderr(`pcapscope: -w cannot be combined with ${others.join(", ")} yet\n`);
    return 2;
  }
  let chosen: { parts: Iterable<CapturePart>; packets: number; damage: unknown };
  try {
    chosen = opts.displayFilter === undefined ? await everyPacket(source, opts) : await filteredPackets(source, opts, opts.displayFilter);
  } catch (e) {
    return reportReadFailure(source.name, e, io);
  }
  if (target !== "-" && sameFile(source.name, target)) {
    io.stderr(`pcapscope: -w ${target}: that is the capture being read\n`);
    return 2;
  }

  let sink: { write(b: Uint8Array): void; close(): void };
  if (target === "-") {
    const out = io.stdoutBytes;
    if (!out) throw new Error("standard output takes no bytes here");
    sink = { write: out, close: () => undefined };
  } else {
    let fd: number;
    try {
      fd = openSync(target, "w");
    } catch (e) {
      io.stderr(`pcapscope: The file "${target}" could not be created (${(e as NodeJS.ErrnoException).code ?? String(e)}).\n`);
      return 2;
    }
    sink = {
      write: (b) => {
        for (let at = 0; at < b.length;) at += writeSync(fd, b, at, b.length - at);
      },
      close: () => closeSync(fd),
    };
  }
  const buffer = new Uint8Array(WRITE_BUFFER);
  let used = 0;
  const flush = (): void => {
    if (used) sink.write(buffer.subarray(0, used));
    used = 0;
  };
  try {
    for await (const chunk of captureChunks(chosen.parts, source)) {
      if (used + chunk.length > buffer.length) flush();
      if (chunk.length >= buffer.length) sink.write(chunk);
      else {
        buffer.set(chunk, used);
        used += chunk.length;
      }
    }
  } catch (e) {
    if (!(e instanceof CaptureWriteError)) throw e;
    // As tshark does, the packets before the one that cannot be written stay in the file.
    flush();
    io.stderr(`pcapscope: ${source.name}: ${e.message}\n`);
    return 2;
  } finally {
    flush();
    sink.close();
  }
  if (chosen.damage) {
    io.stderr(`pcapscope: ${(chosen.damage as Error).message}; the ${chosen.packets} packets before it were read.\n`);
    return 1;
  }
  return 0;
}

/** Without -Y every packet is written: one plain read collects what the writer needs, nothing is dissected. */
async function everyPacket(source: FileSource, opts: CliOptions) {
  const f = {
    offset: [] as number[],
    capLen: [] as number[],
    origLen: [] as number[],
    tsSec: [] as number[],
    tsNsec: [] as number[],
    iface: [] as number[],
  };
  const comments = new Map<number, string[]>();
  const read = await readCapture(
    source,
    (rec) => {
      if (rec.comments) comments.set(f.offset.length, [...rec.comments]);
      f.offset.push(rec.dataOffset);
      f.capLen.push(rec.capLen);
      f.origLen.push(rec.origLen);
      f.tsSec.push(rec.tsSec);
      f.tsNsec.push(rec.tsNsec);
      f.iface.push(rec.interfaceId);
    },
    opts.count !== undefined ? { limit: opts.count } : {},
  );
  const parts = captureParts({
    info: read.info,
    frames: f,
    rows: Uint32Array.from(f.offset, (_, k) => k),
    format: opts.writeFormat,
    comments: (row) => comments.get(row) ?? null,
    headers: await readInputHeaders(source, read.info),
  });
  return { parts, packets: read.packets, damage: read.error };
}

/** With -Y, the packets the filter keeps, decided over a session's index (dissecting what the index cannot answer). */
async function filteredPackets(source: FileSource, opts: CliOptions, filter: string) {
  const session = new CaptureSession(source, {
    colours: false,
    followFacts: false,
    hashFtpData: false,
    prepareFtp: false,
    ...(opts.count !== undefined ? { limit: opts.count } : {}),
  });
  const loaded = await session.load();
  const failure = session.loadError;
  if (failure?.thrown) throw failure.error;
  await session.applyDisplayFilter(filter);
  return {
    parts: await exportParts(session, session.displayedRows(), opts.writeFormat),
    packets: loaded.packets,
    damage: failure?.error ?? null,
  };
}

/** Whether two paths name one file (writing the output would truncate the input under the reader). */
function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
