/**
 * Marked packets (Edit ▸ Mark Packet, Ctrl+M in Wireshark): frame numbers,
 * shown black in the list and exportable with Export Specified Packets.
 * They belong to the capture they were made on: opening another forgets them.
 */
import { create } from "zustand";
import { useCaptureStore } from "./capture-store";

export interface MarkState {
  /** Frame numbers of the marked packets. */
  marked: ReadonlySet<number>;
  toggle(frame: number): void;
  clear(): void;
}

export const useMarkStore = create<MarkState>()((set) => ({
  marked: new Set(),
  toggle: (frame) =>
    set((s) => {
      const marked = new Set(s.marked);
      if (!marked.delete(frame)) marked.add(frame);
      return { marked };
    }),
  clear: () => set({ marked: new Set() }),
}));

/** Marks the selected packet, or unmarks it. */
export function toggleMark(frame: number | null): void {
  if (frame !== null) useMarkStore.getState().toggle(frame);
}

useCaptureStore.subscribe((s, prev) => {
  if (s.generation !== prev.generation && useMarkStore.getState().marked.size) useMarkStore.getState().clear();
});
