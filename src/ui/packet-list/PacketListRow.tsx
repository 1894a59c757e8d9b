import { memo } from "react";
import type { Row } from "@tanstack/react-table";
import type { features, PacketRow } from "./columns";
import { ruleColours, ruleName } from "./row-colours";
import { useMarkStore } from "../../store/mark-store";

/** A marked packet's row: Wireshark's default marked colours, over any colouring rule. */
const MARKED = { bg: "#000000", fg: "#ffffff" };

interface Props {
  row: Row<typeof features, PacketRow>;
  top: number;
  height: number;
  selected: boolean;
  colours: boolean;
  dark: boolean;
  /** Ids of the right-aligned columns. */
  rightAligned: ReadonlySet<string>;
  onSelect(number: number): void;
}

/** One packet row, coloured by the first matching colouring rule. */
export const PacketListRow = memo(function PacketListRow({ row, top, height, selected, colours, dark, rightAligned, onSelect }: Props) {
  const p = row.original;
  const marked = useMarkStore((s) => s.marked.has(p.number));
  const rule = selected ? null : marked ? MARKED : colours ? ruleColours(p.colourIndex, dark) : null;
  return (
    <div
      id={`packet-row-${p.position}`}
      role="row"
      aria-rowindex={p.position + 2}
      aria-selected={selected}
      data-number={p.number}
      data-marked={marked || undefined}
      className={`pl-row${selected ? " pl-selected" : ""}${p.pending ? " pl-pending" : ""}${marked ? " pl-marked" : ""}`}
      style={{ transform: `translateY(${top}px)`, height, ...(rule ? { background: rule.bg, color: rule.fg } : {}) }}
      title={colours && p.colourIndex ? `Colouring rule: ${ruleName(p.colourIndex)}` : undefined}
      onMouseDown={() => onSelect(p.number)}
    >
      {row.getAllCells().map((cell) => {
        const value = cell.getValue();
        return (
          <div
            key={cell.id}
            role="gridcell"
            data-column={cell.column.id}
            className={`pl-cell pl-col-${cell.column.id}${rightAligned.has(cell.column.id) ? " pl-right" : ""}`}
            style={{ width: cell.column.getSize() }}
          >
            {value === null || value === undefined ? "" : String(value)}
          </div>
        );
      })}
    </div>
  );
});
