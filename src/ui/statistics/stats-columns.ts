/**
 * The columns of the Statistics tables (engine/stats/table-columns.ts, which
 * the worker sorts and copies by too) and the copies the page makes itself
 * (the Protocol Hierarchy's rows): CSV cells are quoted and a cell a
 * spreadsheet would run as a formula is made inert (csvCell), since
 * addresses and names come from the capture.
 */
import { csvLine } from "../../engine/session/dissection-export";
import { tableCsv as csvOf, type StatColumn } from "../../engine/stats/table-columns";

export {
  bitsPerSecond,
  cellText,
  compareKeys,
  compareValues,
  conversationColumns,
  endpointColumns,
  sortKey,
  tableJson,
  type StatColumn,
} from "../../engine/stats/table-columns";

export function tableCsv<Row>(columns: readonly StatColumn<Row>[], rows: Iterable<Row>): string {
  return csvOf(columns, rows, csvLine);
}
