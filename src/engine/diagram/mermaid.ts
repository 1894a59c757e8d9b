/**
 * Mermaid sequence diagrams: a small model (participants, arrows, notes, each
 * arrow with its frame number), the text writer, and the splitter that keeps
 * every part under Mermaid's limits.
 *
 * CORRECT BY CONSTRUCTION. Capture text never becomes Mermaid syntax: labels
 * are `MermaidText`, which only the `mm` template tag makes, escaping every
 * interpolated value and checking every literal part. What Mermaid 11's
 * sequence grammar (sequenceDiagram.jison) treats specially, and why each is
 * escaped in capture text:
 *
 *   ;  ends a statement (NEWLINE token)      #  starts a comment, or an entity code
 *   %  "%%" comments, "%%{init}%%" directives    :  starts message text; Mermaid's entity
 *   <  >  HTML in labels, "->>" and "-->" arrows     pre-pass rewrites "style…:…#…;" lines
 *   "  '  `  quotes                              $  "$$…$$" is drawn as KaTeX math
 *   &  HTML entities                            {  }  @  "@{…}" participant metadata
 *   ,  ends a participant alias (escaped there only: message text may hold commas)
 *   newlines and other control characters end the statement
 *
 * They are written as Mermaid's numeric entity codes ("#59;" for ";"), which
 * Mermaid decodes to the character when it draws the text: the reader sees
 * the capture's text literally, Mermaid never sees syntax. Control and
 * formatting characters (newlines, bidi overrides) become visible escapes
 * ("\n", "\u202E") first. Literal parts written by pcapscope may use ":" only
 * when followed by a space (Mermaid's entity pre-pass rewrites
 * "style…:…#…;" lines otherwise).
 *
 * Limits (mermaid/dist config): `maxTextSize` 50,000 characters, beyond which
 * Mermaid draws "Maximum text size in diagram exceeded" instead of the diagram
 * and raises no error; layout time grows quickly past a few hundred
 * messages. `splitDiagram` cuts long diagrams into numbered parts under both.
 */

/** Text ready to be written into a Mermaid statement. Only `mm` makes it. */
export type MermaidText = string & { readonly __mermaid: unique symbol };

/** A participant id: letters and digits, chosen by pcapscope (never capture text). */
export type ParticipantId = string;

export interface Participant {
  id: ParticipantId;
  label: MermaidText;
}

/** `->>` from the client side, `-->>` from the server side (the convention). */
export type Arrow = "->>" | "-->>";

export interface DiagramMessage {
  kind: "message";
  from: ParticipantId;
  to: ParticipantId;
  arrow: Arrow;
  text: MermaidText;
  /** Frame number (1-based) of the packet the arrow stands for. */
  frame: number;
}

export interface DiagramNote {
  kind: "note";
  /** One participant, or the two it spans. */
  over: [ParticipantId] | [ParticipantId, ParticipantId];
  text: MermaidText;
  /** Frame the note refers to, when there is one (the first data packet of a transfer...). */
  frame: number | null;
}

export type DiagramItem = DiagramMessage | DiagramNote;

export interface SequenceDiagram {
  participants: Participant[];
  items: DiagramItem[];
}

/** How arrows show their frame: not at all, Mermaid's own numbering, or the frame number in the label. */
export type Numbering = "none" | "autonumber" | "frame";

export interface WriteOptions {
  numbering?: Numbering;
  /** First number for `autonumber` (parts after the first continue the count). */
  autonumberStart?: number;
  /** Indentation of statements (two spaces, as Mermaid's docs write them). */
  indent?: string;
}

// ---------------------------------------------------------------------------
// Escaping

/** Characters written as entity codes (see the header comment). */
const SPECIAL = new Set([...";#%:<>\"'`$&{}@"]);
/** Control (Cc), format (Cf: bidi overrides, zero-width...), line/paragraph separators, lone surrogates. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const C_ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0" };

/** Default length at which capture text is cut (with "…"). */
export const MAX_ARGUMENT_CHARS = 60;

/** A visible escape for an invisible character: \n, \r, \t, \0, \xNN, \uNNNN. */
function visibleEscape(ch: string): string {
  const known = C_ESCAPES[ch];
  if (known) return known;
  const cp = ch.codePointAt(0)!;
  return cp < 0x100 ? `\\x${cp.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Capture text as Mermaid text: invisible characters made visible, cut to
 * `max` characters (counted before escaping, so an escape is never cut), every
 * special character as an entity code. Letters, digits, spaces and harmless
 * punctuation pass unchanged, so ordinary text stays readable in the Markdown
 * source too.
 */
export function escapeText(text: string, max = Infinity): MermaidText {
  let out = "";
  let count = 0;
  for (const ch of text) {
    if (count++ >= max) return (out + "…") as MermaidText;
    if (INVISIBLE.test(ch)) out += visibleEscape(ch);
    else if (SPECIAL.has(ch)) out += `#${ch.codePointAt(0)!};`;
    else out += ch;
  }
  return out as MermaidText;
}

/** What a literal part written by pcapscope may contain (checked by `mm`); ":" only before a space. */
const SAFE_LITERAL = /^(?:[A-Za-z0-9 .,/+\-=[\]()·•…–→←↔]|: )*$/;

/** Mermaid text already made, interpolated into `mm` as is. */
class Made {
  constructor(readonly value: MermaidText) {}
}

/** Wraps Mermaid text for interpolation into `mm` without escaping it again. */
export function raw(text: MermaidText): Made {
  return new Made(text);
}

/** A value interpolated into `mm`: capture text (escaped; `{ text, max }` to cut it), a number, or `raw(...)`. */
export type MmValue = string | number | Made | { text: string; max?: number };

/**
 * Builds Mermaid text: literal parts are pcapscope's own (checked: letters,
 * digits, spaces, a few punctuation marks, ":" followed by a space); every
 * `${value}` is capture text and is escaped. Numbers are written in decimal.
 *
 *   mm`FTP [Request: ${verb}]`
 */
export function mm(literals: TemplateStringsArray, ...values: MmValue[]): MermaidText {
  let out = "";
  for (let i = 0; i < literals.length; i++) {
    const lit = literals[i]!;
    if (!SAFE_LITERAL.test(lit)) throw new Error(`mm: unsafe literal ${JSON.stringify(lit)}`);
    out += lit;
    if (i < values.length) {
      const v = values[i]!;
      if (typeof v === "number") out += Number.isFinite(v) ? String(v) : escapeText(String(v));
      else if (typeof v === "string") out += escapeText(v);
      else if (v instanceof Made) out += v.value;
      else out += escapeText(v.text, v.max ?? Infinity);
    }
  }
  return out as MermaidText;
}

/** Joins Mermaid texts with a literal separator (checked like `mm` literals). */
export function joinText(parts: readonly MermaidText[], separator: string): MermaidText {
  if (!SAFE_LITERAL.test(separator)) throw new Error(`joinText: unsafe separator ${JSON.stringify(separator)}`);
  return parts.join(separator) as MermaidText;
}

/**
 * Decodes Mermaid text back to what Mermaid draws (entity codes to
 * characters): for tests, tooltips and plain-text views.
 */
export function decodeText(text: string): string {
  return text.replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
}

// ---------------------------------------------------------------------------
// Writing

const ID = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * "participant C as Client 10.77.0.2": an alias ends at ",", so commas
 * (literal or not) are written as entity codes there.
 */
function participantLine(p: Participant, indent: string): string {
  return `${indent}participant ${p.id} as ${p.label.replace(/,/g, "#44;")}\n`;
}

/** The statement of one item (no indentation, no newline). */
export function itemLine(item: DiagramItem, numbering: Numbering = "none"): string {
  if (item.kind === "message") {
    const prefix = numbering === "frame" ? `[${item.frame}] ` : "";
    return `${item.from}${item.arrow}${item.to}: ${prefix}${item.text}`;
  }
  const prefix = numbering === "frame" && item.frame !== null ? `[${item.frame}] ` : "";
  return `Note over ${item.over.join(",")}: ${prefix}${item.text}`;
}

/** The Mermaid source of a diagram (ends with a newline). */
export function writeMermaid(d: SequenceDiagram, options: WriteOptions = {}): string {
  const indent = options.indent ?? "  ";
  const numbering = options.numbering ?? "none";
  const known = new Set<string>();
  let out = "sequenceDiagram\n";
  if (numbering === "autonumber") {
    const start = options.autonumberStart ?? 1;
    out += start === 1 ? `${indent}autonumber\n` : `${indent}autonumber ${start}\n`;
  }
  for (const p of d.participants) {
    if (!ID.test(p.id)) throw new Error(`participant id ${JSON.stringify(p.id)} is not a plain identifier`);
    known.add(p.id);
    out += participantLine(p, indent);
  }
  for (const item of d.items) {
    const ids = item.kind === "message" ? [item.from, item.to] : item.over;
    for (const id of ids) if (!known.has(id)) throw new Error(`undeclared participant ${id}`);
    out += indent + itemLine(item, numbering) + "\n";
  }
  return out;
}

// ---------------------------------------------------------------------------
// Splitting

export interface SplitLimits {
  /** Items (arrows and notes) per part. */
  maxItems?: number;
  /** Characters of Mermaid source per part (Mermaid's maxTextSize is 50,000). */
  maxChars?: number;
}

/** Defaults well under Mermaid's limits: a few hundred messages render in well under a second. */
export const DEFAULT_LIMITS: Required<SplitLimits> = { maxItems: 250, maxChars: 40_000 };

export interface DiagramPart {
  /** 1-based part number and the number of parts. */
  part: number;
  parts: number;
  diagram: SequenceDiagram;
  /** The Mermaid source. */
  text: string;
  /** Frame of each arrow, in order (the n-th arrow Mermaid draws is frames[n]). */
  frames: number[];
  /** Frame of each note (null when it has none), in order. */
  noteFrames: (number | null)[];
}

/**
 * Cuts a diagram into parts of at most `maxItems` items and `maxChars`
 * characters each (one item is never cut). Each part declares only the
 * participants it uses, in the original order; with `autonumber`, parts
 * continue the count.
 */
export function splitDiagram(d: SequenceDiagram, options: WriteOptions = {}, limits: SplitLimits = {}): DiagramPart[] {
  const maxItems = Math.max(1, limits.maxItems ?? DEFAULT_LIMITS.maxItems);
  const maxChars = limits.maxChars ?? DEFAULT_LIMITS.maxChars;
  const numbering = options.numbering ?? "none";
  const indent = options.indent ?? "  ";
  const participantChars = new Map(d.participants.map((p) => [p.id, participantLine(p, indent).length]));
  const header = "sequenceDiagram\n".length + (numbering === "autonumber" ? `${indent}autonumber 1000000\n`.length : 0);

  const chunks: DiagramItem[][] = [];
  let current: DiagramItem[] = [];
  let used = new Set<string>();
  let chars = header;
  for (const item of d.items) {
    const ids = item.kind === "message" ? [item.from, item.to] : item.over;
    let extra = indent.length + itemLine(item, numbering).length + 1;
    for (const id of ids) if (!used.has(id)) extra += participantChars.get(id) ?? 0;
    if (current.length > 0 && (current.length >= maxItems || chars + extra > maxChars)) {
      chunks.push(current);
      current = [];
      used = new Set();
      chars = header;
      extra = indent.length + itemLine(item, numbering).length + 1;
      for (const id of ids) extra += participantChars.get(id) ?? 0;
    }
    current.push(item);
    for (const id of ids) used.add(id);
    chars += extra;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);

  let arrows = 0;
  return chunks.map((items, i) => {
    const ids = new Set(items.flatMap((it) => (it.kind === "message" ? [it.from, it.to] : it.over)));
    // An empty diagram still shows its participants.
    const participants = items.length ? d.participants.filter((p) => ids.has(p.id)) : d.participants;
    const diagram: SequenceDiagram = { participants, items };
    const text = writeMermaid(diagram, { ...options, autonumberStart: (options.autonumberStart ?? 1) + arrows });
    const frames = items.filter((it): it is DiagramMessage => it.kind === "message").map((m) => m.frame);
    arrows += frames.length;
    const noteFrames = items.filter((it): it is DiagramNote => it.kind === "note").map((n) => n.frame);
    return { part: i + 1, parts: chunks.length, diagram, text, frames, noteFrames };
  });
}
