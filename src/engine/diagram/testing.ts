/**
 * Test helper: Mermaid's own parser on generated text, in Node. Mermaid 11's
 * sequence parser (jison) needs no DOM: `mermaid.parse` registers the diagram
 * types, then `getDiagramFromText` gives the parsed database, whose actors and
 * messages are compared with what the generator meant to draw. Only tests
 * import this file (it pulls in mermaid).
 */
import mermaid from "mermaid";
import { decodeText, type SequenceDiagram } from "./mermaid";

export interface ParsedParticipant {
  id: string;
  /** The alias as Mermaid will draw it (entity codes decoded). */
  label: string;
}

export type ParsedItem =
  | { kind: "message"; from: string; to: string; arrow: "->>" | "-->>"; text: string }
  | { kind: "note"; from: string; to: string; text: string };

export interface ParsedSequence {
  participants: ParsedParticipant[];
  items: ParsedItem[];
  autonumber: boolean;
}

/** Mermaid's internal LINETYPE values (sequenceDb.ts). */
const SOLID = 0;
const DOTTED = 1;
const NOTE = 2;
const AUTONUMBER = 26;

/** Mermaid's entity placeholders ("ﬂ°°35¶ß") back to characters, as its renderer decodes them. */
function decodePlaceholders(s: string): string {
  return s.replace(/\uFB02\u00B0\u00B0(\d+)\u00B6\u00DF/g, (_, n: string) => String.fromCodePoint(Number(n)));
}

interface RawMessage {
  from?: string;
  to?: string;
  message?: unknown;
  type?: number;
}

let ready: Promise<unknown> | null = null;

/** Parses with Mermaid (throws Mermaid's parse error) and returns what it understood. */
export async function parseSequence(text: string): Promise<ParsedSequence> {
  ready ??= mermaid.parse("sequenceDiagram\n  A->>B: x\n");
  await ready;
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  if (diagram.type !== "sequence") throw new Error(`not a sequence diagram: ${diagram.type}`);
  const db = diagram.db as unknown as {
    getActors(): Map<string, { name: string; description: string }>;
    getMessages(): RawMessage[];
  };
  const participants = [...db.getActors().values()].map((a) => ({ id: a.name, label: decodePlaceholders(a.description) }));
  const items: ParsedItem[] = [];
  let autonumber = false;
  for (const m of db.getMessages()) {
    const t = typeof m.message === "string" ? decodePlaceholders(m.message) : "";
    switch (m.type) {
      case SOLID:
        items.push({ kind: "message", from: m.from!, to: m.to!, arrow: "->>", text: t });
        break;
      case DOTTED:
        items.push({ kind: "message", from: m.from!, to: m.to!, arrow: "-->>", text: t });
        break;
      case NOTE:
        items.push({ kind: "note", from: m.from!, to: m.to!, text: t });
        break;
      case AUTONUMBER:
        autonumber = true;
        break;
      default:
        throw new Error(`unexpected Mermaid statement type ${String(m.type)}`);
    }
  }
  return { participants, items, autonumber };
}

/**
 * What `d` should parse to: same participants and labels, same arrows and
 * notes in the same order, with the texts Mermaid will draw (a frame prefix
 * when `framePrefix`).
 */
export function expectedParse(d: SequenceDiagram, framePrefix = false): Omit<ParsedSequence, "autonumber"> {
  return {
    participants: d.participants.map((p) => ({ id: p.id, label: decodeText(p.label) })),
    items: d.items.map((it) => {
      const prefix = framePrefix && it.frame !== null ? `[${it.frame}] ` : "";
      return it.kind === "message"
        ? { kind: "message", from: it.from, to: it.to, arrow: it.arrow, text: prefix + decodeText(it.text) }
        : { kind: "note", from: it.over[0], to: it.over[1] ?? it.over[0], text: prefix + decodeText(it.text) };
    }),
  };
}
