import { useCaptureStore } from "../../store/capture-store";
import { dismissProblem, reopenCapture } from "../../store/session";

/** Problems in plain words (not a capture, damaged file, worker failure: then "Open again" starts a fresh worker). */
export function ErrorBanner() {
  const problem = useCaptureStore((s) => s.problem);
  const crashed = useCaptureStore((s) => s.crashed);
  if (!problem) return null;
  return (
    <div className="error-banner app-alert">
      <span role="alert">{problem}</span>
      {crashed && (
        <button type="button" className="button button-small error-banner-reopen" onClick={() => void reopenCapture()}>
          Open again
        </button>
      )}
      <button type="button" className="button button-small" onClick={dismissProblem} aria-label="Dismiss message">
        ×
      </button>
    </div>
  );
}
