/** What is selected: a packet (by frame number), a field of its tree, the bytes tab. */
import { create } from "zustand";

export interface SelectionState {
  /** Frame number of the selected packet. */
  packet: number | null;
  /** DetailNode id of the selected field within that packet's tree. */
  field: number | null;
  /** Data source shown in the bytes pane. */
  source: number;
  selectPacket(packet: number | null): void;
  selectField(field: number | null, source?: number): void;
  setSource(source: number): void;
  clear(): void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  packet: null,
  field: null,
  source: 0,
  selectPacket: (packet) => set((s) => (s.packet === packet ? s : { packet, field: null, source: 0 })),
  selectField: (field, source) => set((s) => ({ field, source: source ?? s.source })),
  setSource: (source) => set({ source }),
  clear: () => set({ packet: null, field: null, source: 0 }),
}));
