/** What the Diagrams view shows: kept across tab switches, reset for each new capture. */
import { create } from "zustand";
import type { DetailLevel } from "../../engine/diagram/ftp-exchanges";
import type { Numbering } from "../../engine/diagram/mermaid";
import type { DiagramRequest } from "../../engine/diagram/service";

export interface DiagramChoice {
  /** An FTP session's exchanges, a TCP stream's HTTP exchanges, or one TCP or UDP stream's flow graph. */
  source: "ftp" | "http" | "tcp" | "udp";
  session: number | null;
  /** Exchange index, or "all" for the whole session. */
  exchange: number | "all";
  /** The stream of the "tcp", "udp" and "http" sources. */
  stream: number;
  level: DetailLevel;
  /** Command arguments and reply text in the labels. */
  args: boolean;
  revealPasswords: boolean;
  numbering: Numbering;
}

interface DiagramStore extends DiagramChoice {
  /** Capture generation these choices belong to. */
  generation: number;
  set(patch: Partial<DiagramChoice>): void;
  resetFor(generation: number): void;
}

/** Parts of a split diagram drawn at once (each holds up to a few hundred arrows). */
export const PARTS_AT_ONCE = 6;

/** The worker's request for a choice (null: an FTP choice before its session is known). */
export function requestOf(choice: DiagramChoice): DiagramRequest | null {
  const options = { level: choice.level, arguments: choice.args, revealPasswords: choice.revealPasswords, numbering: choice.numbering };
  if (choice.source !== "ftp") return { kind: choice.source, stream: choice.stream, ...options };
  if (choice.session === null) return null;
  return { kind: "ftp", session: choice.session, exchange: choice.exchange, ...options };
}

export const initial: DiagramChoice = {
  source: "ftp",
  session: null,
  exchange: "all",
  stream: 0,
  level: "tcp",
  args: false,
  revealPasswords: false,
  numbering: "none",
};

export const useDiagramStore = create<DiagramStore>()((set) => ({
  ...initial,
  generation: -1,
  set: (patch) => set(patch),
  resetFor: (generation) => set({ ...initial, generation }),
}));
