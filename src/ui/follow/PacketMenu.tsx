/**
 * The packet list's context menu: Follow TCP/UDP Stream of the packet
 * right-clicked (which becomes the selected one, as in Wireshark).
 */
import { useCallback, useState, type MouseEvent, type ReactNode } from "react";
import { ContextMenu } from "../details/ContextMenu";
import { useSelectionStore } from "../../store/selection-store";
import { followSelected } from "../../store/follow-store";
import { useSelectedTarget } from "./FollowControls";

export function usePacketMenu(): [(e: MouseEvent) => void, ReactNode] {
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  const target = useSelectedTarget();
  const onContextMenu = useCallback((e: MouseEvent) => {
    const row = (e.target as Element).closest("[data-number]");
    const number = row ? Number(row.getAttribute("data-number")) : NaN;
    if (!Number.isInteger(number)) return;
    e.preventDefault();
    useSelectionStore.getState().selectPacket(number);
    setAt({ x: e.clientX, y: e.clientY });
  }, []);
  const close = useCallback(() => setAt(null), []);
  const menu = at ? (
    <ContextMenu
      x={at.x}
      y={at.y}
      label="Packet"
      onClose={close}
      items={[
        { label: "Follow TCP Stream", disabled: !target || target.tcp < 0, action: () => void followSelected("tcp") },
        { label: "Follow UDP Stream", disabled: !target || target.udp < 0, action: () => void followSelected("udp") },
      ]}
    />
  ) : null;
  return [onContextMenu, menu];
}
