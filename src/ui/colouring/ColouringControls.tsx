/**
 * The toolbar's colouring controls: "Coloring Rules…" (the dialog), and
 * "Reset colours" while conversations are coloured (Ctrl+1 … Ctrl+0; reset
 * also with Ctrl+Space, whose keys this installs).
 */
import { useState } from "react";
import { resetConversationColours, useColourRulesStore } from "../../store/colour-rules-store";
import { ColouringRulesDialog } from "./ColouringRulesDialog";
import { useConversationColours } from "./useConversationColours";

export function ColouringControls() {
  const [open, setOpen] = useState(false);
  const coloured = useColourRulesStore((s) => s.conversations.filter((c) => c !== null).length);
  useConversationColours();
  return (
    <>
      <button type="button" className="button button-small toolbar-item" onClick={() => setOpen(true)}>
        Coloring Rules…
      </button>
      {coloured > 0 && (
        <button
          type="button"
          className="button button-small toolbar-item"
          title="Clear the conversation colours (Ctrl+Space)"
          onClick={() => void resetConversationColours()}
        >
          Reset colours ({coloured})
        </button>
      )}
      {open && <ColouringRulesDialog onClose={() => setOpen(false)} />}
    </>
  );
}
