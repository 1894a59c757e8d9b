/**
 * "Profile: Default" in the status bar, as Wireshark's: a click opens the
 * profiles (switch by clicking one; new, copy, rename, delete; export the
 * chosen one as a JSON file, import one).
 */
import { useState, type FormEvent } from "react";
import {
  copyProfile,
  DEFAULT_PROFILE,
  deleteProfile,
  exportProfile,
  importProfile,
  newProfile,
  renameProfile,
  switchProfile,
  useProfilesStore,
} from "../../store/profiles";
import "../../store/profile-parts";
import { download } from "../download";
import { ModalDialog } from "../layout/ModalDialog";
import { ImportButton } from "../colouring/ImportButton";
import "../colouring/colouring.css";

type Naming = { action: "new" | "copy" | "rename"; name: string } | null;

export function ProfileSwitch() {
  const current = useProfilesStore((s) => s.current);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-small status-profile" title="Configuration profiles" onClick={() => setOpen(true)}>
        Profile: {current}
      </button>
      {open && <ProfileDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ProfileDialog({ onClose }: { onClose(): void }) {
  const { current, names } = useProfilesStore();
  const [naming, setNaming] = useState<Naming>(null);
  const [error, setError] = useState<string | null>(null);

  const attempt = (f: () => void): void => {
    try {
      f();
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!naming) return;
    const { action, name } = naming;
    attempt(() => {
      if (action === "new") newProfile(name);
      else if (action === "copy") copyProfile(current, name);
      else renameProfile(current, name);
      setNaming(null);
    });
  };

  return (
    <ModalDialog label="Configuration profiles" className="profile-dialog" onClose={onClose}>
      <ul role="listbox" aria-label="Profiles">
        {names.map((n) => (
          <li key={n} role="option" aria-selected={n === current} onClick={() => switchProfile(n)}>
            {n}
          </li>
        ))}
      </ul>
      {naming ? (
        <form className="dialog-form" onSubmit={submit}>
          <input aria-label="Profile name" value={naming.name} autoFocus onChange={(e) => setNaming({ ...naming, name: e.target.value })} />
          <button type="submit" className="button button-primary">
            {naming.action === "new" ? "Create" : naming.action === "copy" ? "Copy" : "Rename"}
          </button>
          <button type="button" className="button" onClick={() => setNaming(null)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="colouring-buttons">
          <button type="button" className="button" onClick={() => setNaming({ action: "new", name: "" })}>
            New
          </button>
          <button type="button" className="button" onClick={() => setNaming({ action: "copy", name: `${current} copy` })}>
            Copy
          </button>
          <button
            type="button"
            className="button"
            disabled={current === DEFAULT_PROFILE}
            onClick={() => setNaming({ action: "rename", name: current })}
          >
            Rename
          </button>
          <button type="button" className="button" disabled={current === DEFAULT_PROFILE} onClick={() => deleteProfile(current)}>
            Delete
          </button>
          <ImportButton
            label="Import profile file"
            accept=".json,application/json"
            onFile={(f) => void f.text().then((t) => attempt(() => importProfile(t)))}
          />
          <button
            type="button"
            className="button"
            onClick={() =>
              download(
                new Blob([exportProfile(current)], { type: "application/json" }),
                `${current.replace(/[^\w.-]+/g, "_")}.profile.json`,
              )
            }
          >
            Export…
          </button>
          <span className="colouring-spacer" />
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        </div>
      )}
      {error && (
        <p className="dialog-error" role="status">
          {error}
        </p>
      )}
    </ModalDialog>
  );
}
