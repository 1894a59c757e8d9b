/**
 * "Follow TCP/UDP Stream" on a Conversations row. A row is an address and
 * port pair, not a stream number, so its filter is applied first and the
 * stream of the first packet it keeps is followed (the Follow pane then
 * shows `tcp.stream eq N`); "Back" in the pane restores the filter there
 * was before the row was followed, not the row's.
 */
import type { FollowProtocol } from "../../engine/follow/types";
import { useCaptureStore } from "../../store/capture-store";
import { applyDisplayFilter } from "../../store/filter-store";
import { followStream, useFollowStore } from "../../store/follow-store";
import { useViewStore } from "../../store/view-store";

export async function followConversation(protocol: FollowProtocol, filter: string): Promise<void> {
  const { client } = useCaptureStore.getState();
  if (!client) return;
  const f = useFollowStore.getState();
  const before = f.stream === null ? useViewStore.getState().filter : f.previousFilter;
  useViewStore.getState().setTab("packets");
  if (!(await applyDisplayFilter(filter))) return;
  const first = (await client.rows(0, 1)).number[0];
  if (first === undefined) return;
  const target = await client.followTarget(first);
  const stream = protocol === "tcp" ? target.tcp : target.udp;
  if (stream < 0) {
    useCaptureStore.setState({ problem: `Packet ${first} is not part of a ${protocol.toUpperCase()} stream` });
    return;
  }
  const following = followStream(protocol, stream);
  // followStream took the row's filter as the one to restore; Back should restore the analyst's.
  useFollowStore.setState({ previousFilter: before });
  await following;
}
