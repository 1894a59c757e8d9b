/**
 * Wireshark's View ▸ Colorize Conversation: Ctrl+1 … Ctrl+0 colour the
 * selected packet's conversation with one of ten colours, ahead of every
 * colouring rule; Ctrl+Space resets them. The conversation is the first
 * the packet has of TCP, UDP, IPv4, IPv6, Ethernet, as Wireshark's
 * conversation_filter_from_packet tries them, written as its conversation
 * filter (store/conversation-filter.ts).
 */
import { useEffect } from "react";
import { useCaptureStore } from "../../store/capture-store";
import { colourConversation, resetConversationColours } from "../../store/colour-rules-store";
import { conversationFilters, type ConversationKind } from "../../store/conversation-filter";
import { useSelectionStore } from "../../store/selection-store";

const ORDER: readonly ConversationKind[] = ["tcp", "udp", "ip", "ipv6", "eth"];

/** Colours the selected packet's conversation with colour `slot` (0: Ctrl+1 … 9: Ctrl+0); false when it has none. */
export async function colourSelectedConversation(slot: number): Promise<boolean> {
  const client = useCaptureStore.getState().client;
  const packet = useSelectionStore.getState().packet;
  if (!client || packet === null) return false;
  const details = await client.details(packet);
  if (!details) return false;
  const filters = conversationFilters(details.tree);
  const filter = ORDER.map((k) => filters[k]).find((f) => f !== null);
  if (!filter) return false;
  await colourConversation(slot, filter);
  return true;
}

export function useConversationColours(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.ctrlKey || e.altKey || e.metaKey) return;
      if (e.code === "Space") {
        e.preventDefault();
        void resetConversationColours();
        return;
      }
      const m = /^Digit([0-9])$/.exec(e.code);
      if (!m) return;
      e.preventDefault();
      const digit = Number(m[1]);
      void colourSelectedConversation(digit === 0 ? 9 : digit - 1);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
