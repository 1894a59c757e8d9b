/**
 * `-z expert[,error|warn|note|chat|comment][,FILTER]` as tshark 4.0.17 reads
 * and prints it (ui/cli/tap-expert.c): the level is matched as a
 * case-insensitive prefix of what follows "expert" (so ",warning" is ",warn"
 * and no filter, and an unknown word is the start of the filter); then, from
 * Errors down to Comments, each level that has items: its total, and one line
 * per protocol and summary with how often it occurred and its group.
 */
import { ExpertLevel } from "../dissect/expert-info";
import type { ExpertLog } from "./expert-log";

export interface ExpertTapSpec {
  /** Items below this level are not listed (ExpertLevel). */
  lowest: number;
  /** The tap's display filter as written; null: every packet. */
  filterText: string | null;
}

const LEVEL_WORDS: [string, number][] = [
  [",error", ExpertLevel.ERROR],
  [",warn", ExpertLevel.WARN],
  [",note", ExpertLevel.NOTE],
  [",chat", ExpertLevel.CHAT],
  [",comment", ExpertLevel.COMMENT],
];

/** Parses a -z argument; null when it is not an expert tap. */
export function parseExpertTap(z: string): ExpertTapSpec | null {
  if (!z.startsWith("expert")) return null;
  let rest = z.slice("expert".length);
  let lowest: number = ExpertLevel.COMMENT;
  for (const [word, level] of LEVEL_WORDS) {
    if (rest.slice(0, word.length).toLowerCase() === word) {
      lowest = level;
      rest = rest.slice(word.length);
      break;
    }
  }
  // Anything not starting with a comma after the level is ignored, as tshark ignores it.
  return { lowest, filterText: rest.startsWith(",") ? rest.slice(1) : null };
}

const TITLES = ["Comments", "Chats", "Notes", "Warns", "Errors"];

/** tshark's -z expert text for the items of `log` at `lowest` and above. */
export function expertTapText(log: ExpertLog, lowest: number): string {
  const counts = log.counts();
  let out = "";
  for (let level = ExpertLevel.ERROR; level >= lowest; level--) {
    let total = 0;
    let lines = "";
    log.entries.forEach((e, id) => {
      if (e.level !== level || counts[id] === 0) return;
      total += counts[id]!;
      lines += `${String(counts[id]).padStart(12)} ${e.group.padStart(10)} ${e.protocol.padStart(18)}  ${e.summary}\n`;
    });
    if (total === 0) continue;
    out += `\n${TITLES[level]} (${total})\n=============\n   Frequency      Group           Protocol  Summary\n${lines}`;
  }
  return out;
}
