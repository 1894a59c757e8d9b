import type { ReactTable } from "@tanstack/react-table";
import type { PacketRow } from "./columns";
import { RIGHT_ALIGNED } from "./columns";
import type { features } from "./columns";

interface Props {
  table: ReactTable<typeof features, PacketRow>;
  height: number;
  width: number;
}

/** Column headers: click to sort (ascending, descending, off), drag the right edge to resize. */
export function PacketListHeader({ table, height, width }: Props) {
  return (
    <div className="pl-head" role="rowgroup" style={{ height, minWidth: width }}>
      {table.getHeaderGroups().map((group) => (
        <div key={group.id} role="row" aria-rowindex={1} className="pl-row pl-head-row">
          {group.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            const title = String(header.column.columnDef.header ?? header.id);
            return (
              <div
                key={header.id}
                role="columnheader"
                aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                className={`pl-cell pl-col-${header.id}${RIGHT_ALIGNED.has(header.id) ? " pl-right" : ""}`}
                style={{ width: header.getSize() }}
              >
                <button type="button" className="pl-sort" onClick={header.column.getToggleSortingHandler()} title={`Sort by ${title}`}>
                  {title}
                  <span className="pl-sort-mark" aria-hidden="true">
                    {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
                  </span>
                </button>
                <div
                  className={`pl-resizer${header.column.getIsResizing() ? " pl-resizing" : ""}`}
                  onMouseDown={header.getResizeHandler()}
                  onTouchStart={header.getResizeHandler()}
                  aria-hidden="true"
                />
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
