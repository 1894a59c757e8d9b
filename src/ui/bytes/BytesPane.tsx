/**
 * The packet bytes: offset, hex and ASCII, one tab per data source (the
 * frame, then reassembled buffers). The selected field's bytes are
 * highlighted; clicking a byte selects the deepest field covering it.
 */
import { useEffect, useMemo, useRef, type MouseEvent } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { deepestDetailAt, findDetail } from "../../engine/session/details";
import type { PacketDetails } from "../../engine/session/types";
import { useSelectionStore } from "../../store/selection-store";
import { BYTES_PER_LINE, lineCount } from "./hex";
import { HexLine } from "./HexLine";
import "./bytes.css";

const LINE_HEIGHT = 18;

export function BytesPane({ details }: { details: PacketDetails | null }) {
  const fieldId = useSelectionStore((s) => s.field);
  const source = useSelectionStore((s) => s.source);
  const selectField = useSelectionStore((s) => s.selectField);
  const setSource = useSelectionStore((s) => s.setSource);
  const scroller = useRef<HTMLDivElement>(null);

  const sources = details?.sources ?? [];
  const current = Math.max(0, Math.min(source, sources.length - 1));
  const bytes = sources[current]?.bytes ?? null;
  const node = useMemo(() => (details && fieldId !== null ? (findDetail(details.tree, fieldId)?.node ?? null) : null), [details, fieldId]);
  const hl = node && node.source === current && node.length > 0 ? { start: node.offset, end: node.offset + node.length } : null;

  // No React Compiler here: the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: bytes ? lineCount(bytes.length) : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 8,
  });

  const hlLine = hl ? Math.floor(hl.start / BYTES_PER_LINE) : -1;
  useEffect(() => {
    if (hlLine >= 0) virtualizer.scrollToIndex(hlLine, { align: "auto" });
  }, [hlLine, virtualizer]);

  const onClick = (e: MouseEvent<HTMLDivElement>): void => {
    const target = (e.target as HTMLElement).closest<HTMLElement>("[data-offset]");
    if (!target || !details) return;
    const offset = Number(target.dataset.offset);
    const hit = deepestDetailAt(details.tree, current, offset);
    if (hit) selectField(hit.id, current);
  };

  if (!details || !bytes) {
    return <div className="hx-empty" role="region" aria-label="Packet bytes" />;
  }

  return (
    <div className="hx-pane">
      <div className="hx-tabs" role="tablist" aria-label="Data sources">
        {sources.map((s, i) => (
          <button
            key={i}
            type="button"
            role="tab"
            aria-selected={i === current}
            aria-controls="packet-bytes"
            className="hx-tab"
            onClick={() => setSource(i)}
          >
            {s.name}
          </button>
        ))}
      </div>
      <div ref={scroller} id="packet-bytes" className="hx-scroller" role="region" aria-label="Packet bytes" tabIndex={0} onClick={onClick}>
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div key={item.index} className="hx-line" style={{ transform: `translateY(${item.start}px)`, height: LINE_HEIGHT }}>
              <HexLine bytes={bytes} line={item.index} hlStart={hl?.start ?? -1} hlEnd={hl?.end ?? -1} />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
