/**
 * File ▸ Export Specified Packets and Export Packet Dissections, in the
 * worker. A capture file is built through the packet index from the
 * engine's parts (engine/session/export-packets.ts): long runs of packet
 * data become slices of the File itself, the rest (headers, short packets)
 * is read by windows into chunks of a few megabytes, so the Blob handed to
 * the page never needs a second copy of the capture in memory at once.
 */
import type { BlobLike } from "../engine/io/blob-source";
import type { CaptureSession } from "../engine/session/capture-session";
import { chosenRows, exportParts, type PacketChoice } from "../engine/session/export-packets";
import { captureChunks, type CapturePart, type OutputFormat } from "../engine/capture/write-capture";
import { cellText, type TimeContext } from "../engine/session/column-text";
import type { ColumnSpec, FieldColumn } from "../engine/session/column-types";
import { csvLine, textLine, type DissectionFormat } from "../engine/session/dissection-export";
import type { RowBatch } from "../engine/session/types";
import { packetJson } from "../engine/session/packet-json";
import { TreeBuilder } from "../engine/dissect/tree";
import { wsFields } from "../engine/dissect/common";

/** Ranges at least this long are File slices; shorter ones are copied into chunks. */
const SLICE_AT_LEAST = 64 * 1024;
const CHUNK = 4 << 20;
/** Rows formatted per batch for the dissections. */
const ROWS_PER_BATCH = 5000;

export interface ExportedPackets {
  blob: Blob;
  packets: number;
}

/** A column of the list as the page shows it. */
export interface ListColumn {
  title: string;
  spec: ColumnSpec;
  /** Its index in `fields` for a field column (-1: none). */
  field: number;
}

export interface DissectionRequest {
  columns: readonly ListColumn[];
  /** The field columns, as the packet list asks for them. */
  fields: readonly FieldColumn[];
  time: TimeContext;
  format: DissectionFormat;
}

/** Widths of the plain-text columns, as tshark pads its summary lines. */
const TEXT_WIDTH: Partial<Record<ColumnSpec["type"], number>> = {
  number: 5,
  time: 12,
  source: 15,
  destination: 15,
  protocol: 8,
  length: 6,
};
const RIGHT_ALIGNED = new Set<ColumnSpec["type"]>([
  "number",
  "time",
  "length",
  "source",
  "relative",
  "delta",
  "delta-displayed",
  "cumulative",
]);

export class ExportApi {
  constructor(
    private readonly current: () => CaptureSession,
    private readonly file: () => BlobLike | null,
    private readonly fill: (batch: RowBatch, fields: readonly FieldColumn[]) => Promise<void>,
  ) {}

  /** The chosen packets as a pcap or pcapng file. */
  async packets(choice: PacketChoice, format: OutputFormat): Promise<ExportedPackets> {
    const session = this.current();
    await session.load();
    const rows = chosenRows(session, choice);
    const parts = await exportParts(session, rows, format);
    const type = format === "pcapng" ? "application/x-pcapng" : "application/vnd.tcpdump.pcap";
    return { blob: new Blob(await this.blobParts(parts, session), { type }), packets: rows.length };
  }

  private async blobParts(parts: Iterable<CapturePart>, session: CaptureSession): Promise<BlobPart[]> {
    const file = this.file();
    const slices = typeof Blob !== "undefined" && file instanceof Blob ? file : null;
    const out: BlobPart[] = [];
    let chunk = new Uint8Array(CHUNK);
    let used = 0;
    const flush = (): void => {
      if (used) out.push(chunk.subarray(0, used));
      chunk = new Uint8Array(CHUNK);
      used = 0;
    };
    const copy = async (run: CapturePart[]): Promise<void> => {
      for await (const c of captureChunks(run, session.source)) {
        for (let at = 0; at < c.length;) {
          if (used === CHUNK) flush();
          const n = Math.min(c.length - at, CHUNK - used);
          chunk.set(c.subarray(at, at + n), used);
          used += n;
          at += n;
        }
      }
    };
    let run: CapturePart[] = [];
    for (const part of parts) {
      if (slices && !(part instanceof Uint8Array) && part.length >= SLICE_AT_LEAST) {
        await copy(run);
        run = [];
        flush();
        out.push(slices.slice(part.offset, part.offset + part.length));
      } else run.push(part);
    }
    await copy(run);
    flush();
    return out;
  }

  /** The displayed packets' list lines (in display order) as CSV or plain text, or their details as JSON (in frame order, as tshark). */
  async dissections(req: DissectionRequest): Promise<Blob> {
    const session = this.current();
    if (req.format === "json") return this.json(session);
    const ix = session.index;
    const ctx = { ...req.time, address: (id: number) => ix.addresses.get(id), protocol: (id: number) => ix.protocols.get(id) };
    const titles = req.columns.map((c) => c.title);
    const widths = req.columns.map((c) => Math.max(c.title.length, TEXT_WIDTH[c.spec.type] ?? 0));
    const right = req.columns.map((c) => RIGHT_ALIGNED.has(c.spec.type));
    const line = req.format === "csv" ? csvLine : (cells: readonly string[]) => textLine(cells, widths, right);
    const parts: string[] = [line(titles)];
    const total = session.displayedCount;
    for (let first = 0; first < total; first += ROWS_PER_BATCH) {
      // The tables are read from the index directly: the batch need carry none of their strings.
      const batch = await session.rows(first, ROWS_PER_BATCH, ix.addresses.size, ix.protocols.size);
      await this.fill(batch, req.fields);
      let text = "";
      for (let i = 0; i < batch.number.length; i++) text += line(req.columns.map((c) => cellText(c.spec, batch, i, ctx, c.field)));
      parts.push(text);
    }
    return new Blob(parts, { type: req.format === "csv" ? "text/csv" : "text/plain" });
  }

  private async json(session: CaptureSession): Promise<Blob> {
    const rows = session.displayedRows();
    const tree = new TreeBuilder(wsFields.expert, true);
    const parts: string[] = ["["];
    for (let first = 0; first < rows.length; first += ROWS_PER_BATCH) {
      const texts: string[] = [];
      await session.collectFields(Array.from(rows.subarray(first, first + ROWS_PER_BATCH)), tree, (row) => {
        texts.push(packetJson(tree.roots, session.index.tsSec[row]!));
      });
      parts.push((first ? ",\n" : "\n") + texts.join(",\n"));
    }
    parts.push(rows.length ? "\n]\n" : "]\n");
    return new Blob(parts, { type: "application/json" });
  }
}
