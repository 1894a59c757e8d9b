/**
 * The packet list's context menu for the packet right-clicked (which
 * becomes the selected one, as in Wireshark): Follow TCP/UDP/HTTP Stream
 * (HTTP when the packet's TCP stream carries HTTP), and
 * "Conversation Filter" ▸ Ethernet, IPv4, IPv6, TCP, UDP, each offered
 * when the packet has that layer; "Apply/Prepare as Filter" on the value of
 * the cell right-clicked (packet-list/column-filter.ts).
 */
import { useCallback, useMemo, useState, type MouseEvent, type ReactNode } from "react";
import { ContextMenu, type MenuItem } from "../details/ContextMenu";
import { usePacketDetails } from "../details/usePacketDetails";
import { useSelectionStore } from "../../store/selection-store";
import { followSelected } from "../../store/follow-store";
import { applyDisplayFilter } from "../../store/filter-store";
import { CONVERSATION_KINDS, conversationFilters } from "../../store/conversation-filter";
import { useSelectedTarget } from "./FollowControls";
import { filterMenus } from "../details/filter-menus";
import { useColumnPrefs } from "../../store/column-prefs";
import { cellFilter } from "../packet-list/column-filter";

export function usePacketMenu(): [(e: MouseEvent) => void, ReactNode] {
  const [at, setAt] = useState<{ x: number; y: number; filter?: string } | null>(null);
  const target = useSelectedTarget();
  const packet = useSelectionStore((s) => s.packet);
  // The layers come from the packet's details tree, read only while the menu is open.
  const { details } = usePacketDetails(at ? packet : null);
  const conversations = useMemo(() => (details ? conversationFilters(details.tree) : null), [details]);
  const onContextMenu = useCallback((e: MouseEvent) => {
    const row = (e.target as Element).closest("[data-number]");
    const number = row ? Number(row.getAttribute("data-number")) : NaN;
    if (!Number.isInteger(number)) return;
    e.preventDefault();
    useSelectionStore.getState().selectPacket(number);
    // The cell right-clicked: its column's field and value make "Apply as Filter".
    const cell = (e.target as Element).closest("[data-column]");
    const column = useColumnPrefs.getState().columns.find((c) => c.id === cell?.getAttribute("data-column"));
    setAt({ x: e.clientX, y: e.clientY, filter: column && cell ? cellFilter(column.spec, cell.textContent ?? "") : undefined });
  }, []);
  const close = useCallback(() => setAt(null), []);
  const conversationItems: MenuItem[] = CONVERSATION_KINDS.map(({ kind, label }) => {
    const filter = conversations?.[kind] ?? null;
    return { label, disabled: filter === null, title: filter ?? undefined, action: () => filter && void applyDisplayFilter(filter) };
  });
  const menu = at ? (
    <ContextMenu
      x={at.x}
      y={at.y}
      label="Packet"
      onClose={close}
      items={[
        { label: "Follow TCP Stream", disabled: !target || target.tcp < 0, action: () => void followSelected("tcp") },
        { label: "Follow UDP Stream", disabled: !target || target.udp < 0, action: () => void followSelected("udp") },
        { label: "Follow HTTP Stream", disabled: !target?.http, action: () => void followSelected("http") },
        { label: "Conversation Filter", disabled: !conversations, submenu: conversationItems },
        ...filterMenus(at.filter),
      ]}
    />
  ) : null;
  return [onContextMenu, menu];
}
