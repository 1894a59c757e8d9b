/**
 * Toolbar entries for Follow Stream: the "Follow TCP Stream" button (also
 * Ctrl+Alt+Shift+T, and Ctrl+Alt+Shift+U for UDP, as in Wireshark). The
 * filter it sets shows in the filter bar.
 */
import { useEffect, useState } from "react";
import { useCaptureStore } from "../../store/capture-store";
import { useSelectionStore } from "../../store/selection-store";
import { followSelected } from "../../store/follow-store";
import type { FollowTarget } from "../../worker/follow-api";
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

export function FollowControls() {
  const target = useSelectedTarget();

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey && e.altKey && e.shiftKey)) return;
      if (e.code === "KeyT") {
        e.preventDefault();
        void followSelected("tcp");
      } else if (e.code === "KeyU") {
        e.preventDefault();
        void followSelected("udp");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button
        type="button"
        className="button button-small follow-toolbar-button"
        disabled={!target || target.tcp < 0}
        title="Show the reassembled TCP conversation of the selected packet (Ctrl+Alt+Shift+T)"
        aria-keyshortcuts="Control+Alt+Shift+T"
        onClick={() => void followSelected("tcp")}
      >
        Follow TCP Stream
      </button>
      {target && target.udp >= 0 && (
        <button
          type="button"
          className="button button-small follow-toolbar-button"
          title="Ctrl+Alt+Shift+U"
          aria-keyshortcuts="Control+Alt+Shift+U"
          onClick={() => void followSelected("udp")}
        >
          Follow UDP Stream
        </button>
      )}
    </>
  );
}
