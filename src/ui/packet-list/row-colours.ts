/**
 * Row colours from the colouring rule index the worker sends with each row:
 * a place in the list of conversation colours and colouring rules the rows
 * were last coloured with (store/colour-rules-store.ts).
 */
import type { RgbPair } from "../../engine/session/colorfilters";
import { appliedColour } from "../../store/colour-rules-store";

export function ruleColours(colourIndex: number, dark: boolean): RgbPair | null {
  const rule = appliedColour(colourIndex);
  if (!rule) return null;
  return dark ? rule.dark : rule.light;
}

export function ruleName(colourIndex: number): string | null {
  return appliedColour(colourIndex)?.name ?? null;
}
