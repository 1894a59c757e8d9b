import { useEffect } from "react";
import { useCaptureStore } from "../../store/capture-store";
import { useSelectionStore } from "../../store/selection-store";
import { writeHash } from "../../store/url-hash";
import { useViewStore } from "../../store/view-store";

/**
 * Mirrors the display filter and the selected packet into the URL hash,
 * a moment after they settle (holding an arrow key would otherwise call
 * history.replaceState faster than browsers allow).
 */
export function useHashSync(delayMs = 250): void {
  const packet = useSelectionStore((s) => s.packet);
  const filter = useViewStore((s) => s.filter);
  const hasFile = useCaptureStore((s) => s.file !== null);
  useEffect(() => {
    if (!hasFile) return;
    const timer = setTimeout(() => writeHash({ filter, packet }), delayMs);
    return () => clearTimeout(timer);
  }, [packet, filter, hasFile, delayMs]);
}
