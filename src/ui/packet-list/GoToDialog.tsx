import { useEffect, useRef, useState, type FormEvent } from "react";
import { useCaptureStore } from "../../store/capture-store";
import { useSelectionStore } from "../../store/selection-store";

/** Ctrl+G: a small dialog that selects a packet by number. */
export function GoToDialog() {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const packets = useCaptureStore((s) => s.packets);
  const selectPacket = useSelectionStore((s) => s.selectPacket);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "g" && useCaptureStore.getState().packets > 0) {
        e.preventDefault();
        setOpen(true);
        setError(null);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    if (open) input.current?.select();
  }, [open]);

  if (!open) return null;

  const close = (): void => {
    setOpen(false);
    document.querySelector<HTMLElement>('[role="grid"][aria-label="Packet list"]')?.focus();
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const n = Number(text.trim());
    if (!Number.isInteger(n) || n < 1 || n > packets) {
      setError(`Enter a packet number from 1 to ${packets}`);
      return;
    }
    selectPacket(n);
    close();
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div role="dialog" aria-modal="true" aria-label="Go to packet" className="dialog" onKeyDown={(e) => e.key === "Escape" && close()}>
        <form className="dialog-form" onSubmit={submit}>
          <label>
            Packet number{" "}
            <input
              ref={input}
              inputMode="numeric"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={error !== null}
              autoFocus
            />
          </label>
          <button type="submit" className="button button-primary">
            Go to packet
          </button>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
        </form>
        {error && (
          <p className="dialog-error" role="status">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
