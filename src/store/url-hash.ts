/**
 * The URL hash keeps the display filter and the selected packet
 * (`#filter=tcp.port%3D%3D21&packet=123`), so a reload or a bookmark comes
 * back to the same place once the same file is opened again. Which file the
 * hash belongs to is remembered beside it (name, size, date in localStorage).
 */
import type { FileMeta } from "./capture-store";

export interface HashState {
  filter: string;
  packet: number | null;
}

export function parseHash(hash: string): HashState {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const n = Number(params.get("packet"));
  return { filter: params.get("filter") ?? "", packet: Number.isInteger(n) && n > 0 ? n : null };
}

export function formatHash(s: HashState): string {
  const params = new URLSearchParams();
  if (s.filter) params.set("filter", s.filter);
  if (s.packet !== null) params.set("packet", String(s.packet));
  const text = params.toString();
  return text ? `#${text}` : "";
}

const OWNER_KEY = "pcapscope.hashOwner";

export function hashOwner(): FileMeta | null {
  try {
    return JSON.parse(localStorage.getItem(OWNER_KEY) ?? "null") as FileMeta | null;
  } catch {
    return null;
  }
}

export function setHashOwner(file: FileMeta): void {
  try {
    localStorage.setItem(OWNER_KEY, JSON.stringify({ name: file.name, size: file.size, lastModified: file.lastModified }));
  } catch {
    // ignore
  }
}

/** Whether the hash state applies to `file`: it was written for it, or for no file we know of. */
export function hashAppliesTo(file: FileMeta, owner: FileMeta | null): boolean {
  return owner === null || (owner.name === file.name && owner.size === file.size);
}

/** Writes the hash without adding a history entry. */
export function writeHash(s: HashState): void {
  const next = formatHash(s);
  if (next === location.hash || (next === "" && location.hash === "")) return;
  history.replaceState(null, "", next ? next : location.pathname + location.search);
}
