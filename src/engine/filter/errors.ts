/**
 * Where and what went wrong in a display filter: the message tshark 4.0
 * prints, and the span of the filter text it points at (tshark draws a
 * caret and tildes under it).
 */
export interface Location {
  /** Offset of the first character (UTF-16 code units of the filter text). */
  start: number;
  length: number;
}

export class FilterError extends Error {
  constructor(
    message: string,
    readonly loc: Location | null = null,
    /** The text `loc` points into when macros rewrote the filter (tshark shows that text). */
    readonly expanded: string | null = null,
  ) {
    super(message);
  }
}

/**
 * tshark's three-line report: the message, the filter indented by four
 * spaces, and "^~~~" under the offending text (no caret when the error has
 * no place, such as an unexpected end).
 */
export function describeFilterError(filter: string, e: FilterError, program = "tshark"): string {
  const lines = [`${program}: ${e.message}`];
  if (e.loc) {
    lines.push(`    ${e.expanded ?? filter}`);
    lines.push(`    ${" ".repeat(e.loc.start)}^${"~".repeat(Math.max(0, e.loc.length - 1))}`);
  }
  return lines.join("\n");
}
