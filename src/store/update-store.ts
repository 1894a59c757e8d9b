/**
 * A newer version of the app has been installed by the service worker and
 * waits: it takes over only when the user says so, since taking over reloads
 * the page (and the capture open in it).
 */
import { create } from "zustand";

export interface UpdateState {
  /** Lets the waiting version take over and reloads the page; null while there is none. */
  apply: (() => void) | null;
}

export const useUpdateStore = create<UpdateState>()(() => ({ apply: null }));
