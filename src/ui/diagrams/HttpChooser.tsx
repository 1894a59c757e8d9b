/**
 * The Diagrams view's chooser of HTTP conversations: the TCP streams whose
 * packets Wireshark would call HTTP (the worker finds them in the packet
 * index), listed as "tcp.stream N: client → server (k messages)".
 */
import { useEffect, useState } from "react";
import type { HttpConversation } from "../../engine/diagram/conversation";
import { useCaptureStore } from "../../store/capture-store";
import { useDiagramStore } from "./diagram-store";

export function HttpChooser() {
  const client = useCaptureStore((s) => s.client);
  const loadState = useCaptureStore((s) => s.state);
  const generation = useCaptureStore((s) => s.generation);
  const stream = useDiagramStore((s) => s.stream);
  const [list, setList] = useState<{ generation: number; items: HttpConversation[] } | null>(null);

  useEffect(() => {
    if (!client || loadState !== "ready") return;
    let live = true;
    client.diagramHttpConversations().then(
      (items) => {
        if (!live) return;
        setList({ generation, items });
        const s = useDiagramStore.getState();
        if (items[0] && !items.some((c) => c.stream === s.stream)) s.set({ stream: items[0].stream });
      },
      () => live && setList({ generation, items: [] }),
    );
    return () => {
      live = false;
    };
  }, [client, loadState, generation]);

  const items = list?.generation === generation ? list.items : null;
  if (items && items.length === 0) return <span className="diagrams-field">No HTTP in this capture.</span>;
  return (
    <label className="diagrams-field">
      <span>Conversation</span>
      <select aria-label="HTTP conversation" value={stream} disabled={!items} onChange={(e) => useDiagramStore.getState().set({ stream: Number(e.target.value) })}>
        {(items ?? []).map((c) => (
          <option key={c.stream} value={c.stream}>
            {`tcp.stream ${c.stream}: ${c.title} (${c.messages} HTTP packet${c.messages === 1 ? "" : "s"})`}
          </option>
        ))}
      </select>
    </label>
  );
}
