/**
 * "Export Packet Dissections": the packet list as CSV or plain text, one
 * line per displayed packet with the cells as the list shows them.
 *
 * Text from a capture is data: in CSV every cell is quoted (quotes doubled,
 * as Wireshark writes its CSV) and a cell a spreadsheet would run as a
 * formula, one starting with = + - @ a tab or a carriage return, gets a
 * single quote in front (OWASP's advice on CSV injection). In plain text,
 * line breaks inside a cell become spaces so a packet stays one line.
 */

/** The list as CSV or text lines, or the packets' details as `tshark -T json` (packet-json.ts). */
export type DissectionFormat = "csv" | "text" | "json";

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: made inert if it could be a formula, then quoted. */
export function csvCell(text: string): string {
  const inert = FORMULA_START.test(text) ? "'" + text : text;
  return '"' + inert.replace(/"/g, '""') + '"';
}

export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(",") + "\n";
}

/**
 * A plain-text line: each cell but the last padded to its column's width
 * (right-aligned when `right`), as tshark lays out its summary lines.
 */
export function textLine(cells: readonly string[], widths: readonly number[], right: readonly boolean[]): string {
  const last = cells.length - 1;
  return (
    cells
      .map((c, k) => {
        const flat = c.replace(/[\r\n]+/g, " ");
        if (k === last) return flat;
        return right[k] ? flat.padStart(widths[k]!) : flat.padEnd(widths[k]!);
      })
      .join(" ")
      .trimEnd() + "\n"
  );
}
