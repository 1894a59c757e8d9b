/**
 * The packet details tree: one expandable line per layer, then its fields.
 * Hovering a line shows its Wireshark field name; selecting one highlights
 * its bytes; its context menu applies or prepares the filter for it.
 * Long trees (big reassembled PDUs) are virtualized.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { findDetail } from "../../engine/session/details";
import type { DetailNode, PacketDetails } from "../../engine/session/types";
import { useSelectionStore } from "../../store/selection-store";
import { copyText } from "./clipboard";
import { ContextMenu, type MenuItem } from "./ContextMenu";
import { filterMenus } from "./filter-menus";
import { applyAsColumn } from "../../store/column-prefs";
import { flattenTree, type TreeLine } from "./flatten";
import "./details.css";

const LINE_HEIGHT = 20;

interface Props {
  details: PacketDetails | null;
  loading: boolean;
  error: string | null;
}

export function DetailsPane({ details, loading, error }: Props) {
  const fieldId = useSelectionStore((s) => s.field);
  const selectField = useSelectionStore((s) => s.selectField);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [menu, setMenu] = useState<{ x: number; y: number; node: DetailNode } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const tree = useMemo(() => details?.tree ?? [], [details]);
  const selected = useMemo(() => (fieldId === null ? null : findDetail(tree, fieldId)), [tree, fieldId]);
  // The selected field's ancestors are shown open, wherever the selection came from (e.g. a byte click).
  const forcedOpen = useMemo(() => new Set(selected?.ancestors.map((a) => a.id) ?? []), [selected]);
  const lines = useMemo(() => flattenTree(tree, expanded, forcedOpen), [tree, expanded, forcedOpen]);
  const selectedIndex = lines.findIndex((l) => l.node.id === fieldId);

  // No React Compiler here: the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 10,
  });

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  const toggle = useCallback(
    (line: TreeLine, open?: boolean) => {
      if (!line.node.children) return;
      const willOpen = open ?? !line.expanded;
      setExpanded((prev) => {
        const next = new Set(prev);
        if (willOpen) next.add(line.key);
        else next.delete(line.key);
        return next;
      });
      // Collapsing around the selection moves it to the collapsed line (it stays visible).
      if (!willOpen && selected?.ancestors.some((a) => a.id === line.node.id)) selectField(line.node.id, line.node.source);
    },
    [selected, selectField],
  );

  const select = (node: DetailNode): void => selectField(node.id, node.source);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (lines.length === 0) return;
    const at = Math.max(0, selectedIndex);
    const line = lines[at]!;
    switch (e.key) {
      case "ArrowDown":
        select(lines[Math.min(lines.length - 1, selectedIndex + 1)]!.node);
        break;
      case "ArrowUp":
        select(lines[Math.max(0, selectedIndex - 1)]!.node);
        break;
      case "ArrowRight":
        if (line.node.children && !line.expanded) toggle(line, true);
        else if (line.expanded) select(lines[at + 1]!.node);
        break;
      case "ArrowLeft":
        if (line.expanded) toggle(line, false);
        else if (line.parentId !== null) {
          const parent = lines.find((l) => l.node.id === line.parentId);
          if (parent) select(parent.node);
        }
        break;
      case "Enter":
      case " ":
        toggle(line);
        break;
      case "Home":
        select(lines[0]!.node);
        break;
      case "End":
        select(lines[lines.length - 1]!.node);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const onContextMenu = (e: MouseEvent, node: DetailNode): void => {
    e.preventDefault();
    select(node);
    setMenu({ x: e.clientX, y: e.clientY, node });
  };
  const closeMenu = useCallback(() => setMenu(null), []);

  const menuItems = (node: DetailNode): MenuItem[] => [
    { label: "Copy value", disabled: node.value === "", action: () => void copyText(node.value) },
    { label: "Copy field name", action: () => void copyText(node.abbrev) },
    { label: "Copy line", action: () => void copyText(node.label) },
    ...filterMenus(node.filter),
    {
      label: "Apply as Column",
      disabled: node.filter === undefined,
      title: node.filter === undefined ? "This line is text, not a field: it cannot be a column" : `A column of ${node.abbrev}`,
      action: () => applyAsColumn(node.abbrev),
    },
  ];

  if (!details) {
    return (
      <div className="dt-empty" role="region" aria-label="Packet details">
        {error ? `The packet could not be dissected: ${error}` : loading ? "Dissecting…" : "Select a packet to see its layers."}
      </div>
    );
  }

  return (
    <div
      ref={scroller}
      className="dt-scroller"
      role="tree"
      aria-label="Packet details"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-activedescendant={selectedIndex >= 0 ? `detail-${fieldId}` : undefined}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = lines[item.index]!;
          const n = line.node;
          const isSelected = n.id === fieldId;
          return (
            <div
              key={n.id}
              id={`detail-${n.id}`}
              role="treeitem"
              aria-level={line.depth + 1}
              aria-expanded={n.children ? line.expanded : undefined}
              aria-selected={isSelected}
              title={n.abbrev}
              data-field={n.abbrev}
              className={`dt-line${isSelected ? " dt-selected" : ""}${n.severity ? ` dt-${n.severity}` : ""}${n.malformed ? " dt-malformed" : ""}${line.depth === 0 ? " dt-layer" : ""}`}
              style={{ transform: `translateY(${item.start}px)`, height: LINE_HEIGHT, paddingLeft: 4 + line.depth * 16 }}
              onClick={() => select(n)}
              onDoubleClick={() => toggle(line)}
              onContextMenu={(e) => onContextMenu(e, n)}
            >
              <span
                className="dt-twisty"
                aria-hidden="true"
                onClick={(e) => {
                  e.stopPropagation();
                  select(n);
                  toggle(line);
                }}
              >
                {n.children ? (line.expanded ? "▾" : "▸") : ""}
              </span>
              <span className="dt-label">{n.label}</span>
            </div>
          );
        })}
      </div>
      {menu && <ContextMenu x={menu.x} y={menu.y} label={`Field ${menu.node.abbrev}`} items={menuItems(menu.node)} onClose={closeMenu} />}
    </div>
  );
}
