/**
 * The packet list: a grid of millions of rows drawn a screenful at a time.
 * The scroll range is scaled past MAX_SCROLL_HEIGHT (see scroll-scale.ts);
 * rows sit in a sticky window and are placed by their virtual offset.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useTable, type ColumnSizingState, type SortingState, type Updater } from "@tanstack/react-table";
import { useCaptureStore } from "../../store/capture-store";
import { useSelectionStore } from "../../store/selection-store";
import { useViewStore } from "../../store/view-store";
import { sortPackets } from "../../store/session";
import { usePrefersDark } from "../theme/usePrefersDark";
import { useColumnPrefs, resizeColumn } from "../../store/column-prefs";
import { features, rightAligned, tableColumns } from "./columns";
import { PacketListHeader } from "./PacketListHeader";
import { PacketListRow } from "./PacketListRow";
import { rowsPerPage, scrollMetrics, scrollTopForRow, visibleRows, type ScrollGeometry } from "./scroll-scale";
import type { TimeContext } from "./time-format";
import { usePacketRows } from "./usePacketRows";
import { usePacketMenu } from "../follow/PacketMenu";
import "./packet-list.css";

export const ROW_HEIGHT = 20;
const HEADER_HEIGHT = 24;

export function PacketList() {
  const rows = useCaptureStore((s) => s.rows);
  const count = useCaptureStore((s) => s.displayed ?? s.packets);
  const order = useCaptureStore((s) => s.order);
  const decimals = useCaptureStore((s) => s.summary?.timeDecimals ?? 6);
  const firstSec = useCaptureStore((s) => s.firstSec);
  const firstNsec = useCaptureStore((s) => s.firstNsec);
  const timeFormat = useViewStore((s) => s.timeFormat);
  const colouring = useViewStore((s) => s.colouring);
  const sort = useViewStore((s) => s.sort);
  const selected = useSelectionStore((s) => s.packet);
  const selectPacket = useSelectionStore((s) => s.selectPacket);
  const prefs = useColumnPrefs((s) => s.columns);
  const shown = useMemo(() => prefs.filter((c) => c.visible), [prefs]);
  const columns = useMemo(() => tableColumns(shown), [shown]);
  const right = useMemo(() => rightAligned(shown), [shown]);
  const dark = usePrefersDark();
  const [onContextMenu, packetMenu] = usePacketMenu();

  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = (): void => setViewport(Math.max(0, el.clientHeight - HEADER_HEIGHT));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const geo: ScrollGeometry = useMemo(() => ({ count, rowHeight: ROW_HEIGHT, viewport }), [count, viewport]);
  const metrics = scrollMetrics(geo);
  const vis = visibleRows(scrollTop, geo, 2);
  const time: TimeContext = useMemo(
    () => ({ format: timeFormat, decimals, firstSec, firstNsec }),
    [timeFormat, decimals, firstSec, firstNsec],
  );
  const data = usePacketRows(rows, order, vis.first, vis.end, count, time, shown);

  const sorting: SortingState = useMemo(() => (sort ? [{ id: sort.key, desc: sort.direction === "desc" }] : []), [sort]);
  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      void sortPackets(first ? { key: first.id, direction: first.desc ? "desc" : "asc" } : null);
    },
    [sorting],
  );
  // Widths live in the column preferences; a drag on a header's edge resizes there.
  const columnSizing: ColumnSizingState = useMemo(() => Object.fromEntries(shown.map((c) => [c.id, c.width])), [shown]);
  const onColumnSizingChange = useCallback(
    (updater: Updater<ColumnSizingState>) => {
      const next = typeof updater === "function" ? updater(columnSizing) : updater;
      for (const [id, width] of Object.entries(next)) if (width !== columnSizing[id]) resizeColumn(id, width);
    },
    [columnSizing],
  );
  const table = useTable({
    features,
    columns,
    data,
    getRowId: (row) => String(row.position),
    state: { sorting, columnSizing },
    onSortingChange,
    onColumnSizingChange,
    manualSorting: true,
    sortDescFirst: false,
    enableSortingRemoval: true,
    enableMultiSort: false,
    columnResizeMode: "onChange",
  });

  // Keep the selected packet in view when it changes (keys, Go to packet, URL) or the order does.
  const geoRef = useRef(geo);
  useLayoutEffect(() => {
    geoRef.current = geo;
  });
  useEffect(() => {
    const el = scroller.current;
    const g = geoRef.current;
    if (!el || selected === null || g.viewport <= 0) return;
    const pos = order.positionOf(selected);
    if (pos < 0 || pos >= g.count) return;
    const near = visibleRows(el.scrollTop, g, rowsPerPage(g));
    const align = pos >= near.first && pos < near.end ? "auto" : "center";
    const top = scrollTopForRow(pos, el.scrollTop, g, align);
    if (top !== el.scrollTop) {
      el.scrollTop = top;
      setScrollTop(el.scrollTop);
    }
  }, [selected, order, viewport]);

  const moveTo = useCallback(
    (pos: number) => {
      if (count === 0) return;
      const p = Math.max(0, Math.min(count - 1, pos));
      selectPacket(order.numberAt(p));
    },
    [count, order, selectPacket],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.altKey || e.metaKey || e.ctrlKey) return;
    const current = selected === null ? -1 : order.positionOf(selected);
    const page = rowsPerPage(geo);
    const moves: Record<string, () => number> = {
      ArrowDown: () => (current < 0 ? vis.first : current + 1),
      ArrowUp: () => (current < 0 ? vis.first : current - 1),
      PageDown: () => (current < 0 ? vis.first : current) + page,
      PageUp: () => (current < 0 ? vis.first : current) - page,
      Home: () => 0,
      End: () => count - 1,
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    moveTo(move());
  };

  const selectedPos = selected === null ? -1 : order.positionOf(selected);
  const activeId = selectedPos >= vis.first && selectedPos < vis.end ? `packet-row-${selectedPos}` : undefined;
  const totalWidth = table.getTotalSize();
  const tableRows = table.getRowModel().rows;

  return (
    <div
      ref={scroller}
      className="pl-scroller"
      role="grid"
      aria-label="Packet list"
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      aria-activedescendant={activeId}
      aria-busy={rows?.busy ?? false}
      tabIndex={0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onContextMenu={onContextMenu}
      data-scale={metrics.scale.toFixed(3)}
    >
      <PacketListHeader table={table} height={HEADER_HEIGHT} width={totalWidth} rightAligned={right} />
      <div className="pl-spacer" style={{ height: Math.max(metrics.realHeight, viewport), minWidth: totalWidth }}>
        <div className="pl-window" role="rowgroup" style={{ top: HEADER_HEIGHT, height: viewport }}>
          {tableRows.map((row, i) => (
            <PacketListRow
              key={row.id}
              row={row}
              top={vis.offset + i * ROW_HEIGHT}
              height={ROW_HEIGHT}
              selected={row.original.number === selected}
              colours={colouring}
              dark={dark}
              rightAligned={right}
              onSelect={selectPacket}
            />
          ))}
        </div>
      </div>
      {packetMenu}
    </div>
  );
}
