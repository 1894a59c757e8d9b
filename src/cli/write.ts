/**
 * `-w FILE`: the packets the display filter keeps (all without -Y; -c counts
 * packets read) written as pcapng, pcap or nsecpcap (-F), as tshark writes
 * them; nothing is printed. The engine makes the file's parts
 * (engine/session/export-packets.ts); this only puts them in the file or on
 * standard output ("-w -").
 */
import { closeSync, openSync, writeSync } from "node:fs";
import type { CliOptions } from "./args";
import type { FileSource } from "./file-source";
import type { Io } from "./io";
import { reportReadFailure } from "./packets";
import { CaptureSession } from "../engine/session/capture-session";
import { exportParts } from "../engine/session/export-packets";
import { captureChunks, CaptureWriteError } from "../engine/capture/write-capture";

/** Chunks are gathered up to this size between two writes. */
const WRITE_BUFFER = 1 << 20;

/** Returns the exit code: 0, 1 for a capture that cannot be read or is damaged (what came before is written), 2 for packets the format cannot hold. */
export async function writeCapture(source: FileSource, opts: CliOptions, io: Io): Promise<number> {
  const target = opts.writeFile!;
  const session = new CaptureSession(source, {
    colours: false,
    followFacts: false,
    hashFtpData: false,
    prepareFtp: false,
    ...(opts.count !== undefined ? { limit: opts.count } : {}),
  });
  const loaded = await session.load();
  const failure = session.loadError;
  if (failure?.thrown) return reportReadFailure(source.name, failure.error, io);
  if (opts.displayFilter !== undefined) await session.applyDisplayFilter(opts.displayFilter);

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
    for await (const chunk of captureChunks(await exportParts(session, session.displayedRows(), opts.writeFormat), source)) {
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
  if (failure) {
    io.stderr(`pcapscope: ${(failure.error as Error).message}; the ${loaded.packets} packets before it were written.\n`);
    return 1;
  }
  return 0;
}
