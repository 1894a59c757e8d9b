import { useUpdateStore } from "../../store/update-store";
import "./update-notice.css";

/** Says, in the header, that a newer version is ready; it replaces this one only when asked, since that reloads the page. */
export function UpdateNotice() {
  const apply = useUpdateStore((s) => s.apply);
  if (!apply) return null;
  return (
    <div className="update-notice" role="status">
      <span title="Reloading switches to it and closes the open capture">New version ready</span>
      <button type="button" className="button button-small" onClick={apply}>
        Reload
      </button>
      <button type="button" className="button button-small" onClick={() => useUpdateStore.setState({ apply: null })}>
        Later
      </button>
    </div>
  );
}
