/**
 * The FTP forensics of the open capture for the Sessions, Files and
 * Credentials views: asked of the worker once per capture (after indexing),
 * kept here so switching tabs does not ask again; plus what each view has
 * selected.
 */
import { useEffect } from "react";
import { create } from "zustand";
import type { ManifestEntry } from "../../engine/ftp/export";
import type { FtpAnalysisSummary } from "../../engine/ftp/transcript";
import { useCaptureStore } from "../../store/capture-store";

export interface FtpState {
  /** Capture generation the data belongs to. */
  generation: number;
  status: "idle" | "loading" | "ready" | "error";
  /** Sessions without their exchanges: transcripts are asked for by pages (TranscriptTable). */
  analysis: FtpAnalysisSummary | null;
  /** The export plan's entries ("Download all"): files, listings, extra parts. */
  manifest: ManifestEntry[] | null;
  error: string | null;
  session: number | null;
  file: number | null;
  /** Passwords shown in clear: credential ids, and whether transcripts show PASS arguments. */
  revealed: ReadonlySet<number>;
  revealTranscript: boolean;
  set(patch: Partial<Omit<FtpState, "set">>): void;
}

export const useFtpStore = create<FtpState>()((set) => ({
  generation: -1,
  status: "idle",
  analysis: null,
  manifest: null,
  error: null,
  session: null,
  file: null,
  revealed: new Set(),
  revealTranscript: false,
  set: (patch) => set(patch),
}));

/** Loads the FTP analysis of the current capture when it is indexed; returns the store's state. */
export function useFtp(): FtpState {
  const client = useCaptureStore((s) => s.client);
  const loadState = useCaptureStore((s) => s.state);
  const generation = useCaptureStore((s) => s.generation);
  const packets = useCaptureStore((s) => s.packets);
  const state = useFtpStore();
  // A damaged capture stops loading with an error; its packets up to the damage are analysed.
  const loaded = loadState === "ready" || (loadState === "error" && packets > 0);
  useEffect(() => {
    if (!client || !loaded) return;
    const s = useFtpStore.getState();
    if (s.generation === generation && s.status !== "error") return;
    s.set({
      generation,
      status: "loading",
      analysis: null,
      manifest: null,
      error: null,
      session: null,
      file: null,
      revealed: new Set(),
      revealTranscript: false,
    });
    Promise.all([client.ftpSummary(), client.ftpManifest()]).then(
      ([analysis, manifest]) => {
        if (useFtpStore.getState().generation !== generation) return;
        useFtpStore
          .getState()
          .set({ status: "ready", analysis, manifest, session: analysis.sessions[0]?.id ?? null, file: analysis.files[0]?.id ?? null });
      },
      (e: unknown) => {
        if (useFtpStore.getState().generation !== generation) return;
        useFtpStore.getState().set({ status: "error", error: e instanceof Error ? e.message : String(e) });
      },
    );
  }, [client, loaded, generation]);
  const current = state.generation === generation;
  return current ? state : { ...state, status: loaded ? "loading" : "idle", analysis: null, manifest: null };
}
