/**
 * Follow Stream in the app: which stream the Follow pane shows and how
 * (format, direction), and the actions around it. Following sets the
 * display filter to "tcp.stream eq N" (the worker keeps an index-based row
 * subset; the list shows it, the status bar says "Displayed: M"); "Back"
 * restores the filter that was there before, "Filter out this stream"
 * leaves "!(tcp.stream eq N)".
 */
import { create } from "zustand";
import { useCaptureStore } from "./capture-store";
import { PacketOrder } from "./packet-order";
import { useSelectionStore } from "./selection-store";
import { useViewStore } from "./view-store";
import { AnalyzerClosedError } from "../worker/client";
import { sortPackets } from "./session";
import { parseStreamFilter, streamFilterText } from "../engine/follow/stream-filter";
import type { PaneFormat } from "../engine/follow/render";
import type { FollowProtocol, FollowSelection, FollowStreamInfo } from "../engine/follow/types";

export interface FollowState {
  /** The stream the pane shows, or null when it is closed. */
  protocol: FollowProtocol;
  stream: number | null;
  info: FollowStreamInfo | null;
  /** Streams the capture has (for previous/next). */
  streamCount: number;
  format: PaneFormat;
  selection: FollowSelection;
  /** The display filter before following (restored by Back). */
  previousFilter: string;
  loading: boolean;
  error: string | null;
}

export const useFollowStore = create<FollowState>()(() => ({
  protocol: "tcp",
  stream: null,
  info: null,
  streamCount: 0,
  format: "ascii",
  selection: "both",
  previousFilter: "",
  loading: false,
  error: null,
}));

function message(e: unknown): string {
  return e instanceof Error ? e.message.replace(/^Error: /, "") : String(e);
}

/**
 * Applies a display filter in the worker (only the stream form yet): the
 * packet list then shows the rows it keeps. An unsupported filter is
 * reported and leaves the list unfiltered.
 */
export async function applyDisplayFilter(text: string): Promise<boolean> {
  const { client, rows, generation } = useCaptureStore.getState();
  useViewStore.getState().setFilter(text);
  if (!client || !rows) return false;
  try {
    parseStreamFilter(text);
  } catch (e) {
    useCaptureStore.setState({ problem: message(e) });
    text = "";
  }
  try {
    const r = await client.setDisplayFilter(text);
    if (useCaptureStore.getState().generation !== generation) return false;
    const sort = useViewStore.getState().sort;
    useCaptureStore.setState({
      order: r.order ? new PacketOrder(r.order, true) : PacketOrder.IDENTITY,
      displayed: r.order ? r.displayed : null,
    });
    rows.invalidate();
    // Without a filter, a sort's order covers every row again.
    if (!r.order && sort) void sortPackets(sort);
    return true;
  } catch (e) {
    if (!(e instanceof AnalyzerClosedError))
      useCaptureStore.setState({ problem: `The display filter could not be applied: ${message(e)}` });
    return false;
  }
}

/** Opens the Follow pane on a stream and shows only its packets. */
export async function followStream(protocol: FollowProtocol, stream: number): Promise<void> {
  const { client } = useCaptureStore.getState();
  if (!client) return;
  const f = useFollowStore.getState();
  const previousFilter = f.stream === null ? useViewStore.getState().filter : f.previousFilter;
  useFollowStore.setState({ protocol, stream, info: null, loading: true, error: null, previousFilter });
  void applyDisplayFilter(streamFilterText({ protocol, stream, negate: false }));
  try {
    const [info, target] = await Promise.all([client.follow(protocol, stream), client.followTarget(0)]);
    const now = useFollowStore.getState();
    if (now.stream !== stream || now.protocol !== protocol) return;
    useFollowStore.setState({
      info,
      loading: false,
      streamCount: protocol === "tcp" ? target.tcpCount : target.udpCount,
      error: info ? null : `The capture has no ${protocol.toUpperCase()} stream ${stream}`,
    });
  } catch (e) {
    if (e instanceof AnalyzerClosedError) return;
    useFollowStore.setState({ loading: false, error: message(e) });
  }
}

/** Follows the stream of the selected packet (Follow TCP/UDP Stream). */
export async function followSelected(protocol: FollowProtocol): Promise<void> {
  const { client } = useCaptureStore.getState();
  const packet = useSelectionStore.getState().packet;
  if (!client || packet === null) return;
  const t = await client.followTarget(packet);
  const stream = protocol === "tcp" ? t.tcp : t.udp;
  if (stream < 0) {
    useCaptureStore.setState({ problem: `Packet ${packet} is not part of a ${protocol.toUpperCase()} stream` });
    return;
  }
  await followStream(protocol, stream);
}

/** "Back": closes the pane and restores the display filter there was before. */
export function closeFollow(): void {
  const { previousFilter, stream } = useFollowStore.getState();
  if (stream === null) return;
  useFollowStore.setState({ stream: null, info: null, error: null });
  void applyDisplayFilter(previousFilter);
}

/** "Filter out this stream": closes the pane and hides the stream's packets. */
export function filterOutStream(): void {
  const { protocol, stream } = useFollowStore.getState();
  if (stream === null) return;
  useFollowStore.setState({ stream: null, info: null, error: null });
  void applyDisplayFilter(streamFilterText({ protocol, stream, negate: true }));
}

export function setFollowFormat(format: PaneFormat): void {
  useFollowStore.setState({ format });
}

export function setFollowSelection(selection: FollowSelection): void {
  useFollowStore.setState({ selection });
}

// A new file closes the pane. A filter set while the file loaded (or restored
// from the URL) covers the rows indexed by then: applied again once loading ends.
useCaptureStore.subscribe((s, prev) => {
  if (s.generation !== prev.generation) useFollowStore.setState({ stream: null, info: null, error: null, previousFilter: "" });
  if (s.generation === prev.generation && prev.state === "loading" && s.state === "ready") {
    const filter = useViewStore.getState().filter;
    let supported = false;
    try {
      supported = parseStreamFilter(filter) !== null;
    } catch {
      supported = false;
    }
    if (supported) void applyDisplayFilter(filter);
  }
});
