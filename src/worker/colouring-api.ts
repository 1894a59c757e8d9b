/**
 * The analyst's colouring rules in the analyzer: compiled here (as
 * Wireshark compiles colouring rules: a field it does not know is absent),
 * used by the indexing pass of the next capture opened and, for the open
 * one, by a recolour of every row (no reload). A row's colourIndex is the
 * place + 1 of its rule in the list last given, so the page colours rows
 * from its own copy of that list. AnalyzerApi exposes these calls.
 */
import type { CaptureSession, WorkProgress } from "../engine/session/capture-session";
import { COMPILED_COLOUR_RULES, compileColourRule, type CompiledColourRule } from "../engine/session/colour-rules";
import { checkFilterText, type FilterCheckResult } from "./filter-api";

/** One colouring rule as the page sends it, in priority order (colours stay with the page). */
export interface ColourRuleInput {
  name: string;
  filter: string;
  enabled: boolean;
}

export interface ColourRulesResult {
  /** Per rule given: why it is not applied (its filter's error), or null. */
  errors: (string | null)[];
  /** False when a newer list replaced this one before the rows were recoloured. */
  applied: boolean;
}

/** A row keeps its rule's number in a byte (0: none). */
export const MAX_COLOUR_RULES = 255;

export class ColouringApi {
  /** The rules the next indexing pass colours with. */
  rules: readonly CompiledColourRule[] = COMPILED_COLOUR_RULES;

  constructor(private readonly session: () => CaptureSession | null) {}

  /** Checks a colouring rule's filter as it is typed (an empty filter is valid and matches nothing). */
  check(text: string): FilterCheckResult {
    return checkFilterText(text, (t) => compileColourRule({ name: "", filter: t }, 1).filter);
  }

  /**
   * Compiles the enabled rules whose filters are valid and not empty, each
   * numbered by its place in `list`; the others are listed but match nothing.
   */
  compile(list: readonly ColourRuleInput[]): { rules: CompiledColourRule[]; errors: (string | null)[] } {
    const rules: CompiledColourRule[] = [];
    const errors = list.map((r, i): string | null => {
      if (i >= MAX_COLOUR_RULES) return `only ${MAX_COLOUR_RULES} colouring rules can apply`;
      let compiled: CompiledColourRule | null = null;
      const check = checkFilterText(r.filter, (t) => (compiled = compileColourRule({ name: r.name, filter: t }, i + 1)).filter);
      if (!check.ok) return check.message;
      if (compiled && r.enabled) rules.push(compiled);
      return null;
    });
    return { rules, errors };
  }

  /** Replaces the rules and recolours the open capture's rows with them. */
  async set(list: readonly ColourRuleInput[], onProgress?: WorkProgress): Promise<ColourRulesResult> {
    const { rules, errors } = this.compile(list);
    this.rules = rules;
    const session = this.session();
    const applied = session ? await session.recolour(rules, onProgress) : true;
    return { errors, applied };
  }
}
