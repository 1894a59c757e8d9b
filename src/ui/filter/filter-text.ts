/**
 * Where the caret is in the filter bar's text, for completion: the field or
 * protocol name being typed (letters, digits, `_`, `.`, `-`), unless the
 * caret is inside a quoted string or on a number or address.
 */
const NAME_CHAR = /[A-Za-z0-9_.-]/;

export interface WordAtCaret {
  start: number;
  /** End of the whole word (the caret may sit inside it). */
  end: number;
  /** The part before the caret: what completions must start with. */
  prefix: string;
}

function insideString(text: string, caret: number): boolean {
  let inside = false;
  for (let i = 0; i < caret; i++) {
    const c = text[i];
    if (inside && c === "\\") i++;
    else if (c === '"') inside = !inside;
  }
  return inside;
}

/** The name being typed at `caret`, or null when there is none to complete. */
export function wordAtCaret(text: string, caret: number): WordAtCaret | null {
  if (caret < 0 || caret > text.length || insideString(text, caret)) return null;
  let start = caret;
  while (start > 0 && NAME_CHAR.test(text[start - 1]!)) start--;
  let end = caret;
  while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
  const prefix = text.slice(start, caret);
  // Names start with a letter or `_`; digits and hex are values (10.0.0.1, 0x02, ff:ff).
  if (!/^[A-Za-z_]/.test(prefix)) return null;
  // After a colon it is a byte of an address or byte string (ff:ff), never a name.
  if (text[start - 1] === ":") return null;
  return { start, end, prefix };
}

/** The text with the word at the caret replaced by `name`; the caret goes after it. */
export function acceptCompletion(text: string, word: WordAtCaret, name: string): { text: string; caret: number } {
  return { text: text.slice(0, word.start) + name + text.slice(word.end), caret: word.start + name.length };
}
