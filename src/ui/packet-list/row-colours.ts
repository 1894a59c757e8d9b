/** Row colours from the colouring rule index the worker sends with each row. */
import { COLOUR_RULES, type RgbPair } from "../../engine/session/colorfilters";

export function ruleColours(colourIndex: number, dark: boolean): RgbPair | null {
  const rule = colourIndex > 0 ? COLOUR_RULES[colourIndex - 1] : undefined;
  if (!rule) return null;
  return dark ? rule.dark : rule.light;
}

export function ruleName(colourIndex: number): string | null {
  return COLOUR_RULES[colourIndex - 1]?.name ?? null;
}
