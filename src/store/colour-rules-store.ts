/**
 * The analyst's colouring rules (View ▸ Coloring Rules…) and Wireshark's
 * temporary conversation colours (Ctrl+1…Ctrl+0), kept in localStorage.
 *
 * The worker compiles and applies them: the list it gets is the ten
 * conversation slots first (an empty slot matches nothing), then the rules
 * in priority order, and a row's colourIndex is a place in that list + 1.
 * `applied` is the page's copy of the list the rows were last coloured
 * with, so a row is painted from the list its colourIndex refers to.
 */
import { create } from "zustand";
import {
  hexToRgb16,
  readColorfilters,
  ruleColoursOf,
  WIRESHARK_COLORFILTERS,
  writeColorfilters,
  type ColorfilterEntry,
  type RgbPair,
  type Rgb16,
} from "../engine/session/colorfilters";
import type { AnalyzerClient } from "../worker/client";
import type { ColourRuleInput } from "../worker/colouring-api";
import { useCaptureStore } from "./capture-store";

export interface EditableColourRule extends ColorfilterEntry {
  id: string;
}

/** One entry of the list the rows are coloured with. */
export interface AppliedColour {
  name: string;
  light: RgbPair;
  dark: RgbPair;
}

/** Wireshark's ten conversation colours (gui.colorized_frame.bg; black text), Ctrl+1 … Ctrl+0. */
export const CONVERSATION_COLOURS: readonly string[] = [
  "#ffc0c0",
  "#ffc0ff",
  "#e0c0e0",
  "#c0c0ff",
  "#c0e0e0",
  "#c0ffff",
  "#c0ffc0",
  "#ffffc0",
  "#e0e0c0",
  "#e0e0e0",
];

export interface ColourRulesState {
  rules: EditableColourRule[];
  /** Per conversation colour (slot 0 = Ctrl+1): the conversation filter it colours, or null. */
  conversations: (string | null)[];
  /** The list the rows' colourIndex refers to (conversation slots, then rules). */
  applied: AppliedColour[];
  /** Why a rule is not applied (its filter's error), by rule id. */
  errors: Record<string, string>;
  /** Rows are being recoloured. */
  busy: boolean;
}

const KEY = "pcapscope.colourRules";

let nextId = 0;
function newId(): string {
  return `r${Date.now().toString(36)}${(nextId++).toString(36)}`;
}

export function withIds(entries: readonly ColorfilterEntry[]): EditableColourRule[] {
  return entries.map((e) => ({ ...e, id: newId() }));
}

/** Wireshark's default rules, as new editable copies. */
export function defaultColourRules(): EditableColourRule[] {
  return withIds(readColorfilters(WIRESHARK_COLORFILTERS).rules);
}

const isRgb = (c: unknown): c is Rgb16 => Array.isArray(c) && c.length === 3 && c.every((v) => Number.isInteger(v) && v >= 0 && v <= 65535);

/** Rules from saved or imported JSON; anything that is not a rule is dropped. */
export function toColourRules(value: unknown): EditableColourRule[] {
  if (!Array.isArray(value)) return defaultColourRules();
  const ok = (r: unknown): r is ColorfilterEntry => {
    const o = r as ColorfilterEntry | null;
    return typeof o?.name === "string" && typeof o.filter === "string" && typeof o.enabled === "boolean" && isRgb(o.bg) && isRgb(o.fg);
  };
  return withIds(value.filter(ok).map(({ name, filter, enabled, bg, fg }) => ({ name, filter, enabled, bg, fg })));
}

function load(): EditableColourRule[] {
  try {
    const raw = localStorage.getItem(KEY);
    return raw === null ? defaultColourRules() : toColourRules(JSON.parse(raw));
  } catch {
    return defaultColourRules();
  }
}

/** The rules without their ids, as saved and as profiles keep them. */
export function plainRules(rules: readonly EditableColourRule[]): ColorfilterEntry[] {
  return rules.map(({ name, filter, enabled, bg, fg }) => ({ name, filter, enabled, bg, fg }));
}

function save(rules: readonly EditableColourRule[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(plainRules(rules)));
  } catch {
    // Storage unavailable: the rules last as long as the page.
  }
}

export const useColourRulesStore = create<ColourRulesState>()(() => {
  const rules = typeof localStorage === "undefined" ? defaultColourRules() : load();
  const conversations = new Array<string | null>(CONVERSATION_COLOURS.length).fill(null);
  return { rules, conversations, applied: appliedList(rules, conversations), errors: {}, busy: false };
});

/** The list the worker gets, in its order: the conversation slots, then the rules. */
export function workerList(rules: readonly EditableColourRule[], conversations: readonly (string | null)[]): ColourRuleInput[] {
  const slots = conversations.map((filter, i) => ({ name: conversationName(i), filter: filter ?? "", enabled: filter !== null }));
  return [...slots, ...rules.map(({ name, filter, enabled }) => ({ name, filter, enabled }))];
}

function conversationName(slot: number): string {
  return `Conversation colour ${slot + 1}`;
}

function appliedList(rules: readonly EditableColourRule[], conversations: readonly (string | null)[]): AppliedColour[] {
  const slots = conversations.map((_, i) => {
    const light = { bg: CONVERSATION_COLOURS[i]!, fg: "#000000" };
    return { name: conversationName(i), light, dark: ruleColoursOf({ bg: hexToRgb16(light.bg), fg: [0, 0, 0] }).dark };
  });
  return [...slots, ...rules.map((r) => ({ name: r.name, ...ruleColoursOf(r) }))];
}

let sequence = 0;

/**
 * Sends the rules and conversation colours to the worker (which recolours
 * the open capture's rows) and, once the rows are recoloured, makes them
 * the list rows are painted from and has the list fetch its rows again.
 */
async function send(client: AnalyzerClient | null): Promise<void> {
  const { rules, conversations } = useColourRulesStore.getState();
  const seq = ++sequence;
  if (!client) {
    useColourRulesStore.setState({ applied: appliedList(rules, conversations), errors: {}, busy: false });
    return;
  }
  useColourRulesStore.setState({ busy: true });
  try {
    const list = workerList(rules, conversations);
    const result = await client.setColourRules(list);
    if (seq !== sequence || !result.applied) return;
    const errors: Record<string, string> = {};
    result.errors.forEach((e, i) => {
      const rule = rules[i - conversations.length];
      if (e && rule) errors[rule.id] = e;
    });
    useColourRulesStore.setState({ applied: appliedList(rules, conversations), errors, busy: false });
    if (useCaptureStore.getState().client === client) useCaptureStore.getState().rows?.invalidate();
  } catch {
    // A closed or crashed worker: the next capture gets the rules when it opens.
    if (seq === sequence) useColourRulesStore.setState({ busy: false });
  }
}

function sendToCurrent(): Promise<void> {
  return send(useCaptureStore.getState().client);
}

/** Replaces the rules (saved), recolouring the open capture. */
export function setColourRules(rules: readonly EditableColourRule[]): Promise<void> {
  const list = rules.map((r) => ({ ...r }));
  useColourRulesStore.setState({ rules: list });
  save(list);
  return sendToCurrent();
}

/** The rules of a colorfilters file (Wireshark's format), replacing the current ones; returns the lines that were not rules. */
export async function importColorfilters(text: string): Promise<string[]> {
  const file = readColorfilters(text);
  await setColourRules(withIds(file.rules));
  return file.errors;
}

/** The current rules as a colorfilters file. */
export function exportColorfilters(): string {
  return writeColorfilters(useColourRulesStore.getState().rules);
}

/** Colours a conversation with colour `slot` (0…9, Ctrl+1…Ctrl+0), ahead of every rule. */
export function colourConversation(slot: number, filter: string): Promise<void> {
  const conversations = [...useColourRulesStore.getState().conversations];
  if (slot < 0 || slot >= conversations.length) return Promise.resolve();
  conversations[slot] = filter;
  useColourRulesStore.setState({ conversations });
  return sendToCurrent();
}

/** Clears the conversation colours (Wireshark's "Reset Colorization"). */
export function resetConversationColours(): Promise<void> {
  useColourRulesStore.setState({ conversations: new Array<string | null>(CONVERSATION_COLOURS.length).fill(null) });
  return sendToCurrent();
}

/** The colours of a row's colourIndex (0: none). */
export function appliedColour(colourIndex: number): AppliedColour | null {
  return colourIndex > 0 ? (useColourRulesStore.getState().applied[colourIndex - 1] ?? null) : null;
}

// A new capture's worker gets the rules before it opens the file (the set
// that starts the generation comes before client.open), so its indexing
// pass colours with them.
useCaptureStore.subscribe((s, prev) => {
  if (s.generation !== prev.generation && s.client) void send(s.client);
});
