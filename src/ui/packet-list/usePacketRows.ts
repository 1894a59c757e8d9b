import { useEffect, useMemo, useSyncExternalStore } from "react";
import type { RowCache } from "../../store/row-cache";
import type { PacketOrder } from "../../store/packet-order";
import { cellText, type CellContext, type TimeContext } from "../../engine/session/column-text";
import { fieldColumnKey, fieldColumnOf } from "../../engine/session/column-types";
import { shownFieldColumns, type ColumnPref } from "../../store/column-prefs";
import type { PacketRow } from "./columns";

const noSubscribe = (): (() => void) => () => undefined;
const zero = (): number => 0;

/**
 * The rows on screen, [first, end) in display order: asks the row cache for
 * them and rebuilds the small array of visible rows (the texts of the shown
 * columns) whenever a batch lands.
 */
export function usePacketRows(
  rows: RowCache | null,
  order: PacketOrder,
  first: number,
  end: number,
  available: number,
  time: TimeContext,
  shown: readonly ColumnPref[],
): PacketRow[] {
  const version = useSyncExternalStore(rows?.subscribe ?? noSubscribe, rows?.version ?? zero);

  useEffect(() => {
    rows?.request(first, end, available);
  }, [rows, first, end, available, version]);

  return useMemo(() => {
    const ctx: CellContext = { ...time, address: (id) => rows?.address(id) ?? "", protocol: (id) => rows?.protocol(id) ?? "" };
    // Each field column's place among those the batches carry.
    const fieldKeys = shownFieldColumns(shown).map(fieldColumnKey);
    const fieldIndex = shown.map((c) => {
      const f = fieldColumnOf(c.spec);
      return f ? fieldKeys.indexOf(fieldColumnKey(f)) : -1;
    });
    const out: PacketRow[] = [];
    for (let pos = first; pos < end; pos++) {
      const ref = rows?.row(pos);
      if (!ref) {
        const number = order.numberAt(pos);
        const cells = shown.map((c) => (c.spec.type === "number" ? String(number) : ""));
        out.push({ position: pos, number, cells, colourIndex: 0, pending: true });
        continue;
      }
      const { batch: b, i } = ref;
      out.push({
        position: pos,
        number: b.number[i]!,
        cells: shown.map((c, k) => cellText(c.spec, b, i, ctx, fieldIndex[k])),
        colourIndex: b.colourIndex[i]!,
        pending: false,
      });
    }
    return out;
    // `version` stands for the row cache's contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, order, first, end, version, time, shown]);
}
