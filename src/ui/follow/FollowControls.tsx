/**
 * Toolbar entries for Follow Stream: the "Follow TCP Stream" button (also
 * Ctrl+Alt+Shift+T, and Ctrl+Alt+Shift+U for UDP, Ctrl+Alt+Shift+H for
 * HTTP, as in Wireshark), and "Follow UDP Stream" / "Follow HTTP Stream"
 * when the selected packet's stream is one. The filter it sets shows in the
 * filter bar.
 */
import { useEffect, useState } from "react";
import { useCaptureStore } from "../../store/capture-store";
import { useSelectionStore } from "../../store/selection-store";
import { followSelected } from "../../store/follow-store";
import type { FollowKind, FollowTarget } from "../../worker/follow-api";
import "./follow.css";

/** The streams of the selected packet (null while unknown). */
export function useSelectedTarget(): FollowTarget | null {
  const client = useCaptureStore((s) => s.client);
  const packet = useSelectionStore((s) => s.packet);
  const [target, setTarget] = useState<{ packet: number; t: FollowTarget } | null>(null);
  useEffect(() => {
    if (!client || packet === null) return;
    let live = true;
    client.followTarget(packet).then(
      (t) => live && setTarget({ packet, t }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, packet]);
  return target && target.packet === packet ? target.t : null;
}

/** Ctrl+Alt+Shift+<key> follows the selected packet's stream of each kind, as in Wireshark. */
const SHORTCUTS: Record<string, FollowKind> = { KeyT: "tcp", KeyU: "udp", KeyH: "http" };

/** A toolbar button following the selected packet's stream of one kind. */
function FollowButton({ kind, disabled = false, title }: { kind: FollowKind; disabled?: boolean; title: string }) {
  const key = Object.keys(SHORTCUTS).find((k) => SHORTCUTS[k] === kind)!.slice(3);
  return (
    <button
      type="button"
      className="button button-small follow-toolbar-button"
      disabled={disabled}
      title={`${title} (Ctrl+Alt+Shift+${key})`}
      aria-keyshortcuts={`Control+Alt+Shift+${key}`}
      onClick={() => void followSelected(kind)}
    >
      Follow {kind.toUpperCase()} Stream
    </button>
  );
}

export function FollowControls() {
  const target = useSelectedTarget();

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const kind = SHORTCUTS[e.code];
      if (!(e.ctrlKey && e.altKey && e.shiftKey) || !kind) return;
      e.preventDefault();
      void followSelected(kind);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <FollowButton kind="tcp" disabled={!target || target.tcp < 0} title="Show the reassembled TCP conversation of the selected packet" />
      {target && target.udp >= 0 && <FollowButton kind="udp" title="Show the UDP conversation of the selected packet" />}
      {target?.http && <FollowButton kind="http" title="Show the HTTP messages of the selected packet's TCP stream, bodies decoded" />}
    </>
  );
}
