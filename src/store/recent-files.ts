/** Recently opened files: names, sizes and dates only (never capture data), in localStorage. */
import type { FileMeta } from "./capture-store";

export interface RecentFile extends FileMeta {
  openedAt: number;
}

const KEY = "pcapscope.recent";
const MAX = 8;

export function recentFiles(): RecentFile[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? "[]") as unknown;
    return Array.isArray(list) ? (list as RecentFile[]).filter((f) => typeof f?.name === "string") : [];
  } catch {
    return [];
  }
}

export function rememberFile(file: FileMeta): void {
  try {
    const same = (f: FileMeta): boolean => f.name === file.name && f.size === file.size && f.lastModified === file.lastModified;
    const list = [
      { name: file.name, size: file.size, lastModified: file.lastModified, openedAt: Date.now() },
      ...recentFiles().filter((f) => !same(f)),
    ];
    localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
  } catch {
    // Storage unavailable: the list is a nicety.
  }
}

export function forgetRecentFiles(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // ignore
  }
}
