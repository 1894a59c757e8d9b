/** What the Diagrams view shows: kept across tab switches, reset for each new capture. */
import { create } from "zustand";
import type { DetailLevel } from "../../engine/diagram/ftp-exchanges";
import type { Numbering } from "../../engine/diagram/mermaid";

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

const initial: DiagramChoice = {
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
