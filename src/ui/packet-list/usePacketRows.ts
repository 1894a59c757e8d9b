import { useEffect, useMemo, useSyncExternalStore } from "react";
import type { RowCache } from "../../store/row-cache";
import type { PacketOrder } from "../../store/packet-order";
import type { PacketRow } from "./columns";
import { formatTime, type TimeContext } from "./time-format";

const noSubscribe = (): (() => void) => () => undefined;
const zero = (): number => 0;

/**
 * The rows on screen, [first, end) in display order: asks the row cache for
 * them and rebuilds the small array of visible rows whenever a batch lands.
 */
export function usePacketRows(
  rows: RowCache | null,
  order: PacketOrder,
  first: number,
  end: number,
  available: number,
  time: TimeContext,
): PacketRow[] {
  const version = useSyncExternalStore(rows?.subscribe ?? noSubscribe, rows?.version ?? zero);

  useEffect(() => {
    rows?.request(first, end, available);
  }, [rows, first, end, available, version]);

  return useMemo(() => {
    const out: PacketRow[] = [];
    for (let pos = first; pos < end; pos++) {
      const ref = rows?.row(pos);
      if (!ref) {
        out.push({
          position: pos,
          number: order.numberAt(pos),
          time: "",
          source: "",
          destination: "",
          protocol: "",
          length: null,
          info: "",
          colourIndex: 0,
          pending: true,
        });
        continue;
      }
      const { batch: b, i } = ref;
      out.push({
        position: pos,
        number: b.number[i]!,
        time: formatTime(time, b.timeSec[i]!, b.timeNsec[i]!, b.deltaSec[i]!, b.deltaNsec[i]!),
        source: rows!.address(b.src[i]!),
        destination: rows!.address(b.dst[i]!),
        protocol: rows!.protocol(b.protocol[i]!),
        length: b.length[i]!,
        info: b.info[i] ?? "",
        colourIndex: b.colourIndex[i]!,
        pending: false,
      });
    }
    return out;
    // `version` stands for the row cache's contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, order, first, end, version, time]);
}
