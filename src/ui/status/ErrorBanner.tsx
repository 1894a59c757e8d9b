import { useCaptureStore } from "../../store/capture-store";
import { dismissProblem } from "../../store/session";

/** Problems in plain words (not a capture, damaged file, worker failure). */
export function ErrorBanner() {
  const problem = useCaptureStore((s) => s.problem);
  if (!problem) return null;
  return (
    <div className="error-banner app-alert">
      <span role="alert">{problem}</span>
      <button type="button" className="button button-small" onClick={dismissProblem} aria-label="Dismiss message">
        ×
      </button>
    </div>
  );
}
