/**
 * Configuration profiles, as Wireshark's ("Profile: Default" in the status
 * bar): named sets of preferences, switched as a whole, kept in
 * localStorage, exported and imported as JSON files.
 *
 * A profile holds whatever the stores that registered a part contribute
 * (`registerProfilePart`: a name and a get/set of that store's state), so a
 * store adds itself without this module knowing it. Each store keeps its
 * live state as before; switching profile saves every part's state into the
 * profile being left and sets every part from the one chosen (a part the
 * profile has no value for is set to its defaults).
 */
import { create } from "zustand";

export interface ProfilePart {
  /** The store's state to keep in a profile (JSON-serialisable). */
  get(): unknown;
  /** Sets the store's state from a profile's value; undefined: the store's defaults. */
  set(value: unknown): void;
}

export const DEFAULT_PROFILE = "Default";
const KEY = "pcapscope.profiles";

type Values = Record<string, unknown>;

interface Saved {
  current: string;
  profiles: Record<string, Values>;
}

export interface ProfilesState {
  current: string;
  /** Profile names, Default first, then in name order. */
  names: string[];
}

const parts = new Map<string, ProfilePart>();
let saved: Saved = { current: DEFAULT_PROFILE, profiles: { [DEFAULT_PROFILE]: {} } };

export const useProfilesStore = create<ProfilesState>()(() => ({ current: DEFAULT_PROFILE, names: [DEFAULT_PROFILE] }));

function sortedNames(): string[] {
  return Object.keys(saved.profiles).sort((a, b) => (a === DEFAULT_PROFILE ? -1 : b === DEFAULT_PROFILE ? 1 : a.localeCompare(b)));
}

function persist(): void {
  useProfilesStore.setState({ current: saved.current, names: sortedNames() });
  try {
    localStorage.setItem(KEY, JSON.stringify(saved));
  } catch {
    // Storage unavailable: profiles last as long as the page.
  }
}

function isValues(v: unknown): v is Values {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads the saved profiles (call once at start-up; tests call it after changing storage). */
export function loadProfiles(): void {
  saved = { current: DEFAULT_PROFILE, profiles: { [DEFAULT_PROFILE]: {} } };
  try {
    const raw = typeof localStorage === "undefined" ? null : localStorage.getItem(KEY);
    const s = raw === null ? null : (JSON.parse(raw) as Partial<Saved>);
    if (s && isValues(s.profiles)) {
      for (const [name, values] of Object.entries(s.profiles)) if (isValues(values)) saved.profiles[name] = values;
      if (typeof s.current === "string" && s.current in saved.profiles) saved.current = s.current;
    }
  } catch {
    // Unreadable: start with the Default profile.
  }
  useProfilesStore.setState({ current: saved.current, names: sortedNames() });
}

/** Adds a store's part to every profile (a second registration of a name replaces the first). */
export function registerProfilePart(name: string, part: ProfilePart): void {
  parts.set(name, part);
}

/** The registered parts' current state. */
function snapshot(): Values {
  const values: Values = {};
  for (const [name, part] of parts) values[name] = part.get();
  return values;
}

function apply(values: Values): void {
  for (const [name, part] of parts) part.set(values[name]);
}

/** Keeps the stores' state in the current profile (before leaving it, copying or exporting it). */
export function saveCurrentProfile(): void {
  saved.profiles[saved.current] = { ...saved.profiles[saved.current], ...snapshot() };
  persist();
}

function checkName(name: string): string {
  const n = name.trim();
  if (n === "") throw new Error("A profile needs a name");
  if (n in saved.profiles) throw new Error(`A profile named "${n}" exists`);
  return n;
}

/** Switches to profile `name`: the stores take its state. */
export function switchProfile(name: string): void {
  if (!(name in saved.profiles) || name === saved.current) return;
  saveCurrentProfile();
  saved.current = name;
  apply(saved.profiles[name]!);
  persist();
}

/** A new profile with every part's defaults, switched to. */
export function newProfile(name: string): void {
  const n = checkName(name);
  saved.profiles[n] = {};
  switchProfile(n);
}

/** A copy of profile `from` named `to`, switched to. */
export function copyProfile(from: string, to: string): void {
  const n = checkName(to);
  if (from === saved.current) saveCurrentProfile();
  saved.profiles[n] = structuredClone(saved.profiles[from] ?? {});
  switchProfile(n);
}

/** Renames a profile (not Default). */
export function renameProfile(from: string, to: string): void {
  if (from === DEFAULT_PROFILE || !(from in saved.profiles)) throw new Error(`The ${from} profile cannot be renamed`);
  const n = checkName(to);
  saved.profiles[n] = saved.profiles[from]!;
  delete saved.profiles[from];
  if (saved.current === from) saved.current = n;
  persist();
}

/** Deletes a profile (not Default); deleting the current one switches to Default. */
export function deleteProfile(name: string): void {
  if (name === DEFAULT_PROFILE || !(name in saved.profiles)) return;
  if (saved.current === name) {
    saved.current = DEFAULT_PROFILE;
    apply(saved.profiles[DEFAULT_PROFILE]!);
  }
  delete saved.profiles[name];
  persist();
}

const FORMAT = "pcapscope-profile";

/** Profile `name` as a JSON file's text. */
export function exportProfile(name: string): string {
  if (name === saved.current) saveCurrentProfile();
  return JSON.stringify({ format: FORMAT, version: 1, name, parts: saved.profiles[name] ?? {} }, null, 2) + "\n";
}

/**
 * A profile from a file exportProfile wrote, added under its own name (or
 * that name with " (2)"… when taken) and switched to; returns the name.
 */
export function importProfile(text: string): string {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw new Error("Not a profile file: it is not JSON");
  }
  const f = file as { format?: unknown; name?: unknown; parts?: unknown };
  if (!isValues(f) || f.format !== FORMAT || !isValues(f.parts)) throw new Error("Not a pcapscope profile file");
  const base = typeof f.name === "string" && f.name.trim() !== "" ? f.name.trim() : "Imported";
  let name = base;
  for (let k = 2; name in saved.profiles; k++) name = `${base} (${k})`;
  saved.profiles[name] = f.parts;
  switchProfile(name);
  return name;
}

loadProfiles();
