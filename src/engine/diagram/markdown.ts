/**
 * Markdown around the diagrams: headings and tables hold capture text (file
 * and user names), so it is escaped for Markdown as carefully as the diagrams
 * escape it for Mermaid: every ASCII punctuation mark that Markdown or HTML
 * could read as syntax is backslash-escaped (CommonMark §2.4), control
 * characters are made visible, and a fenced block can never be closed early
 * (the Mermaid text holds no backtick: they are entity codes there).
 */
import type { FtpAnalysis, FtpFile } from "../ftp/types";
import type { DiagramPart } from "./mermaid";

const MD_SPECIAL = /[\\`*_{}[\]<>#+!|~&$@]/g;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/** Capture text for a Markdown heading or table cell. */
export function escapeMarkdown(text: string): string {
  // Punctuation first: the backslashes of the visible escapes below stay single
  // (a backslash before a letter is literal in Markdown).
  return text.replace(MD_SPECIAL, (c) => `\\${c}`).replace(INVISIBLE, (c) => {
    const cp = c.codePointAt(0)!;
    const named: Record<number, string> = { 10: "\\n", 13: "\\r", 9: "\\t", 0: "\\0" };
    return named[cp] ?? (cp < 0x100 ? `\\x${cp.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`);
  });
}

/** A fenced Mermaid block (the text ends with a newline). */
export function mermaidBlock(text: string): string {
  return "```mermaid\n" + text + (text.endsWith("\n") ? "" : "\n") + "```\n";
}

/**
 * One heading and block per part: `### 3. Download readme.txt` and, when the
 * diagram was split, `### 3. Download readme.txt (part 1 of 2)`. `heading`
 * is plain text (escaped here).
 */
export function partsMarkdown(level: number, heading: string, parts: readonly DiagramPart[]): string {
  const hashes = "#".repeat(level);
  return parts
    .map((p) => {
      const suffix = p.parts > 1 ? ` (part ${p.part} of ${p.parts})` : "";
      return `${hashes} ${escapeMarkdown(heading)}${suffix}\n\n${mermaidBlock(p.text)}`;
    })
    .join("\n");
}

function size(n: number): string {
  return n.toLocaleString("en-US");
}

/** The files of a session as a Markdown table: name, direction, size, SHA-256 (listings left out). */
export function filesTable(analysis: FtpAnalysis, sessionId: number): string {
  const files = analysis.files.filter((f: FtpFile) => f.kind === "file" && (f.sessionId === sessionId || f.sessionIds.includes(sessionId)));
  if (files.length === 0) return "No files were transferred in this session.\n";
  const rows = files.map((f) => {
    const note = f.complete ? "" : " (incomplete)";
    return `| ${escapeMarkdown(f.name)} | ${f.direction} | ${size(f.size)}${note} | \`${f.sha256}\` |`;
  });
  return ["| File | Direction | Size (bytes) | SHA-256 |", "|---|---|---:|---|", ...rows].join("\n") + "\n";
}
