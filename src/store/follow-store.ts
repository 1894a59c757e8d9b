/**
 * Follow Stream in the app: which stream the Follow pane shows and how
 * (format, direction), and the actions around it. Following sets the
 * display filter (filter-store) to "tcp.stream eq N", which the worker
 * answers from the packet index; "Back" restores the filter that was there
 * before, "Filter out this stream" leaves "!(tcp.stream eq N)". Follow HTTP
 * Stream follows TCP stream N's HTTP messages, under TCP's filter (as
 * Wireshark does).
 */
import { create } from "zustand";
import { useCaptureStore } from "./capture-store";
import { applyDisplayFilter } from "./filter-store";
import { useSelectionStore } from "./selection-store";
import { useViewStore } from "./view-store";
import { AnalyzerClosedError } from "../worker/client";
import type { PaneFormat } from "../engine/follow/render";
import type { FollowProtocol, FollowSelection, FollowStreamInfo } from "../engine/follow/types";
import type { FollowKind } from "../worker/follow-api";

export interface FollowState {
  /** The stream the pane shows, or null when it is closed. */
  protocol: FollowKind;
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

/** The transport whose stream a Follow kind numbers (HTTP's is TCP's). */
export function transportOf(kind: FollowKind): FollowProtocol {
  return kind === "http" ? "tcp" : kind;
}

/** Opens the Follow pane on a stream and shows only its packets. */
export async function followStream(protocol: FollowKind, stream: number): Promise<void> {
  const { client } = useCaptureStore.getState();
  if (!client) return;
  const f = useFollowStore.getState();
  const previousFilter = f.stream === null ? useViewStore.getState().filter : f.previousFilter;
  useFollowStore.setState({ protocol, stream, info: null, loading: true, error: null, previousFilter });
  // Asked before the filter is applied: the worker answers in turn, and the pane's text is what the
  // analyst waits for (the packet list's filter over every row follows it).
  const asked = Promise.all([client.follow(protocol, stream), client.followTarget(0)]);
  void applyDisplayFilter(`${transportOf(protocol)}.stream eq ${stream}`);
  try {
    const [info, target] = await asked;
    const now = useFollowStore.getState();
    if (now.stream !== stream || now.protocol !== protocol) return;
    useFollowStore.setState({
      info,
      loading: false,
      streamCount: protocol === "udp" ? target.udpCount : target.tcpCount,
      error: info ? null : `The capture has no ${transportOf(protocol).toUpperCase()} stream ${stream}`,
    });
  } catch (e) {
    if (e instanceof AnalyzerClosedError) return;
    useFollowStore.setState({ loading: false, error: message(e) });
  }
}

/** Follows the stream of the selected packet (Follow TCP/UDP/HTTP Stream). */
export async function followSelected(protocol: FollowKind): Promise<void> {
  const { client } = useCaptureStore.getState();
  const packet = useSelectionStore.getState().packet;
  if (!client || packet === null) return;
  const t = await client.followTarget(packet);
  const stream = protocol === "udp" ? t.udp : t.tcp;
  if (stream < 0 || (protocol === "http" && !t.http)) {
    const what = protocol === "http" ? "a TCP stream that carries HTTP" : `a ${protocol.toUpperCase()} stream`;
    useCaptureStore.setState({ problem: `Packet ${packet} is not part of ${what}` });
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
  void applyDisplayFilter(`!(${transportOf(protocol)}.stream eq ${stream})`);
}

export function setFollowFormat(format: PaneFormat): void {
  useFollowStore.setState({ format });
}

export function setFollowSelection(selection: FollowSelection): void {
  useFollowStore.setState({ selection });
}

// A new file closes the pane.
useCaptureStore.subscribe((s, prev) => {
  if (s.generation !== prev.generation) useFollowStore.setState({ stream: null, info: null, error: null, previousFilter: "" });
});
