/**
 * The packet list's sort: a permutation of rows by one column, ties in frame
 * order. Addresses and protocols sort by their text in "natural" order
 * (10.0.0.2 before 10.0.0.10), through a rank per interned string.
 */
import type { PacketIndex } from "../index/packet-index";
import type { StringTable } from "../index/string-table";
import type { SortDirection, SortKey } from "./types";

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Rows 0..n-1 in display order (display position → row); `info`: each row's Info text, for the Info column. */
export function sortedRows(ix: PacketIndex, n: number, key: SortKey, direction: SortDirection, info: readonly string[] | null): Uint32Array {
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const sign = direction === "asc" ? 1 : -1;
  let cmp: ((a: number, b: number) => number) | null = null;
  switch (key) {
    case "number":
      break;
    case "time": {
      const sec = ix.tsSec;
      const nsec = ix.tsNsec;
      cmp = (a, b) => sec[a]! - sec[b]! || nsec[a]! - nsec[b]!;
      break;
    }
    case "source":
    case "destination": {
      const rank = naturalRanks(ix.addresses);
      const col = key === "source" ? ix.src : ix.dst;
      cmp = (a, b) => rank[col[a]!]! - rank[col[b]!]!;
      break;
    }
    case "protocol": {
      const rank = naturalRanks(ix.protocols);
      const col = ix.protocol;
      cmp = (a, b) => rank[col[a]!]! - rank[col[b]!]!;
      break;
    }
    case "length": {
      const len = ix.origLen;
      cmp = (a, b) => len[a]! - len[b]!;
      break;
    }
    case "info": {
      const texts = info ?? [];
      cmp = (a, b) => {
        const x = texts[a] ?? "";
        const y = texts[b] ?? "";
        return x < y ? -1 : x > y ? 1 : 0;
      };
      break;
    }
  }
  if (cmp) {
    const c = cmp;
    perm.sort((a, b) => sign * c(a, b) || a - b);
  } else if (sign < 0) {
    perm.reverse();
  }
  return perm;
}

/** Rank of each string id in "natural" order (10.0.0.2 before 10.0.0.10). */
export function naturalRanks(table: StringTable): Uint32Array {
  const ids = table.strings.map((_, i) => i).sort((a, b) => collator.compare(table.strings[a]!, table.strings[b]!) || a - b);
  const rank = new Uint32Array(ids.length);
  ids.forEach((id, r) => (rank[id] = r));
  return rank;
}
