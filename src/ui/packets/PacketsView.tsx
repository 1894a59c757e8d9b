/** The "Packets" view: the display filter bar, the packet list; details tree and bytes below, side by side. */
import { useSelectionStore } from "../../store/selection-store";
import { useViewStore } from "../../store/view-store";
import { BytesPane } from "../bytes/BytesPane";
import { DetailsPane } from "../details/DetailsPane";
import { usePacketDetails } from "../details/usePacketDetails";
import { Split } from "../layout/Split";
import { PacketList } from "../packet-list/PacketList";
import { FollowPane } from "../follow/FollowPane";
import { FilterBar } from "../filter/FilterBar";
import { useFollowStore } from "../../store/follow-store";

export function PacketsView() {
  const listFraction = useViewStore((s) => s.listFraction);
  const detailsFraction = useViewStore((s) => s.detailsFraction);
  const setListFraction = useViewStore((s) => s.setListFraction);
  const setDetailsFraction = useViewStore((s) => s.setDetailsFraction);
  const packet = useSelectionStore((s) => s.packet);
  const { details, loading, error } = usePacketDetails(packet);
  // Follow Stream takes the lower part while it is open.
  const following = useFollowStore((s) => s.stream !== null);

  return (
    <div className="packets-view">
      <FilterBar />
      <Split
        direction="vertical"
        fraction={listFraction}
        onChange={setListFraction}
        label="Resize packet list"
        first={<PacketList />}
        second={
          following ? (
            <FollowPane />
          ) : (
            <Split
              direction="horizontal"
              fraction={detailsFraction}
              onChange={setDetailsFraction}
              label="Resize details and bytes"
              first={<DetailsPane details={details} loading={loading} error={error} />}
              second={<BytesPane details={details} />}
            />
          )
        }
      />
    </div>
  );
}
