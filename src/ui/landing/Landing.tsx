import { useState } from "react";
import { forgetRecentFiles, recentFiles, type RecentFile } from "../../store/recent-files";
import { chooseFile } from "../open/OpenControls";
import { formatBytes } from "../status/format";
import "./landing.css";

/** What the page shows before a capture is open. */
export function Landing() {
  const [recent, setRecent] = useState<RecentFile[]>(() => recentFiles());
  return (
    <main className="landing">
      <section className="landing-drop" aria-label="Open a capture">
        <p className="landing-title">Drop a pcap or pcapng file anywhere on this page</p>
        <p>
          <button type="button" className="button button-primary" onClick={chooseFile}>
            Choose a file…
          </button>{" "}
          or use <strong>Open sample capture</strong> above for an FTP session recorded by this project.
        </p>
        <p className="landing-privacy">
          Nothing is uploaded: the file is read in this tab, by a Web Worker, and never leaves your computer.
        </p>
      </section>
      {recent.length > 0 && (
        <section className="landing-recent" aria-label="Recent files">
          <h2>Recent files</h2>
          <p className="landing-note">Only names, sizes and dates are remembered; open the file again to see it.</p>
          <ul>
            {recent.map((f) => (
              <li key={`${f.name}:${f.size}:${f.lastModified}`}>
                <span className="landing-file">{f.name}</span> <span className="landing-meta">{formatBytes(f.size)}</span>{" "}
                <span className="landing-meta">opened {new Date(f.openedAt).toLocaleString()}</span>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              forgetRecentFiles();
              setRecent([]);
            }}
          >
            Forget recent files
          </button>
        </section>
      )}
    </main>
  );
}
