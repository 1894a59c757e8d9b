/**
 * Downloads for the Files view's tables: one object, or an archive of all
 * ("Download all", built in the worker) under the capture's name, with a
 * short notice when one fails and a busy flag while an archive is built.
 * Shared by the FTP files, the unattributed FTP data and the HTTP objects.
 */
import { useState } from "react";
import { useCaptureStore } from "../../store/capture-store";
import type { AnalyzerClient } from "../../worker/client";
import { download as saveBlob } from "../download";

export interface Downloads {
  notice: string;
  busy: boolean;
  say(text: string): void;
  /** Saves what `make` reads as `name`; when it gives null, says `missing` instead. */
  save(make: (client: AnalyzerClient) => Promise<Blob | null>, name: string, missing?: string): Promise<void>;
  /** Builds an archive (busy meanwhile) and saves it as `<capture name>-<suffix>.zip`. */
  saveArchive(make: (client: AnalyzerClient) => Promise<Blob>, suffix: string): Promise<void>;
}

export function useDownloads(): Downloads {
  const client = useCaptureStore((s) => s.client);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);
  const say = (text: string): void => {
    setNotice(text);
    setTimeout(() => setNotice((n) => (n === text ? "" : n)), 4000);
  };
  const fail = (e: unknown): void => say(`Download failed: ${e instanceof Error ? e.message : String(e)}`);
  return {
    notice,
    busy,
    say,
    async save(make, name, missing = "") {
      if (!client) return;
      try {
        const blob = await make(client);
        if (blob) saveBlob(blob, name, 60_000);
        else say(missing);
      } catch (e) {
        fail(e);
      }
    },
    async saveArchive(make, suffix) {
      if (!client) return;
      setBusy(true);
      try {
        const name = (useCaptureStore.getState().file?.name ?? "capture").replace(/\.(pcapng|pcap|cap)$/i, "");
        saveBlob(await make(client), `${name}-${suffix}.zip`, 60_000);
      } catch (e) {
        fail(e);
      } finally {
        setBusy(false);
      }
    },
  };
}
