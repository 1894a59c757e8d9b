/** How the capture is shown: active tab, time format, colouring, MAC names, sort, display filter, pane sizes. */
import { create } from "zustand";
import type { SortDirection } from "../engine/session/types";

/** The Time column formats (labels in ui/packet-list/time-format.ts). */
export type TimeFormat = "absolute" | "utc" | "epoch" | "relative" | "delta";

export interface SortState {
  /** The id of the column sorted by (column-prefs.ts). */
  key: string;
  direction: SortDirection;
}

export interface ViewState {
  tab: string;
  timeFormat: TimeFormat;
  colouring: boolean;
  /** MAC address names ("Broadcast", "IntelCor_8b:f9:de") in the list, details and filters, as Wireshark by default. */
  macNames: boolean;
  sort: SortState | null;
  /** The display filter in force ("" for none; while a file loads, the one to apply), kept in the URL hash. */
  filter: string;
  /** Fraction of the Packets view the list takes, and of the lower part the details take. */
  listFraction: number;
  detailsFraction: number;
  setTab(tab: string): void;
  setTimeFormat(f: TimeFormat): void;
  setColouring(on: boolean): void;
  setMacNames(on: boolean): void;
  setSort(s: SortState | null): void;
  setFilter(f: string): void;
  setListFraction(f: number): void;
  setDetailsFraction(f: number): void;
}

const PREFS_KEY = "pcapscope.view";

interface Prefs {
  timeFormat?: TimeFormat;
  colouring?: boolean;
  macNames?: boolean;
  listFraction?: number;
  detailsFraction?: number;
}

function loadPrefs(): Prefs {
  try {
    return JSON.parse(localStorage.getItem(PREFS_KEY) ?? "{}") as Prefs;
  } catch {
    return {};
  }
}

function savePrefs(s: ViewState): void {
  try {
    const p: Prefs = { timeFormat: s.timeFormat, colouring: s.colouring, macNames: s.macNames, listFraction: s.listFraction, detailsFraction: s.detailsFraction };
    localStorage.setItem(PREFS_KEY, JSON.stringify(p));
  } catch {
    // Private mode or storage full: preferences are a nicety.
  }
}

const prefs = typeof localStorage === "undefined" ? {} : loadPrefs();

export const useViewStore = create<ViewState>()((set, get) => {
  const setAndSave = (patch: Partial<ViewState>): void => {
    set(patch);
    savePrefs(get());
  };
  return {
    tab: "packets",
    timeFormat: prefs.timeFormat ?? "relative",
    colouring: prefs.colouring ?? true,
    macNames: prefs.macNames ?? true,
    sort: null,
    filter: "",
    listFraction: prefs.listFraction ?? 0.5,
    detailsFraction: prefs.detailsFraction ?? 0.55,
    setTab: (tab) => set({ tab }),
    setTimeFormat: (timeFormat) => setAndSave({ timeFormat }),
    setColouring: (colouring) => setAndSave({ colouring }),
    setMacNames: (macNames) => setAndSave({ macNames }),
    setSort: (sort) => set({ sort }),
    setFilter: (filter) => set({ filter }),
    setListFraction: (listFraction) => setAndSave({ listFraction }),
    setDetailsFraction: (detailsFraction) => setAndSave({ detailsFraction }),
  };
});
