/**
 * The packet list's columns in the analyzer: the values a row batch needs
 * beyond the packet index (displayed-packet deltas and bytes, field
 * columns), and sorting by any column type. One ColumnValues per open
 * capture; AnalyzerApi exposes these calls.
 */
import type { CaptureSession, WorkProgress } from "../engine/session/capture-session";
import { ColumnValues } from "../engine/session/column-values";
import type { ColumnSpec, FieldColumn } from "../engine/session/column-types";
import type { RowBatch, SortDirection, SortKey } from "../engine/session/types";

/** Column types the session's own sort handles (the time types sort as the Time column). */
const SESSION_SORTS: Partial<Record<ColumnSpec["type"], SortKey>> = {
  number: "number",
  time: "time",
  relative: "time",
  absolute: "time",
  utc: "time",
  source: "source",
  destination: "destination",
  protocol: "protocol",
  length: "length",
  info: "info",
};

export class ColumnsApi {
  private of: { session: CaptureSession; values: ColumnValues } | null = null;
  private sortSeq = 0;

  constructor(private readonly current: () => CaptureSession) {}

  private values(): { session: CaptureSession; values: ColumnValues } {
    const session = this.current();
    if (this.of?.session !== session) this.of = { session, values: new ColumnValues(session) };
    return this.of;
  }

  /** Fills a batch's displayed-packet columns and the field columns asked for. */
  fill(batch: RowBatch, fields: readonly FieldColumn[]): Promise<void> {
    return this.values().values.fill(batch, fields);
  }

  /** Sorts the display order by a column; returns the display order (display position → row). */
  async sort(spec: ColumnSpec, direction: SortDirection, onProgress?: WorkProgress): Promise<Uint32Array> {
    const { session, values } = this.values();
    const seq = ++this.sortSeq;
    const key = SESSION_SORTS[spec.type];
    if (key) return session.sort(key, direction, onProgress);
    const perm = await values.sortedRows(spec, direction, onProgress);
    // A sort asked for meanwhile (a second click on the header) decides the order shown.
    return seq === this.sortSeq ? session.useOrder(perm) : perm;
  }
}
