/**
 * Runs the dissectors over packets, one at a time, keeping the capture-wide
 * state between them. The same object serves the indexing pass (NullTree), the
 * CLI's field output (FieldCollector) and the details pane (TreeBuilder).
 */
import "./registry";
import type { PacketRecord } from "../capture/types";
import { CaptureState } from "./state";
import { PacketInfo } from "./packet-info";
import { NULL_TREE, type ProtoTree } from "./tree";
import { dissectFrame } from "./frame";
import { layerName, markMalformed } from "./common";

export class Dissection {
  readonly state = new CaptureState();
  readonly pinfo = new PacketInfo(NULL_TREE, this.state);

  /**
   * Dissects one packet. The returned PacketInfo is reused by the next call.
   * Nothing thrown by a dissector escapes: it becomes a malformed mark.
   */
  dissect(rec: PacketRecord, data: Uint8Array, tree: ProtoTree = NULL_TREE, wantColumns = true, visited = false): PacketInfo {
    const pinfo = this.pinfo;
    pinfo.reset();
    pinfo.tree = tree;
    pinfo.wantColumns = wantColumns;
    pinfo.visited = visited;
    tree.setSource(0);
    try {
      dissectFrame(rec, data, pinfo);
    } catch (e) {
      const layer = layerName(pinfo.layers[pinfo.layers.length - 1] ?? "frame");
      markMalformed(pinfo, layer, 0, `internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
    return pinfo;
  }

  /**
   * Re-dissects one packet after the indexing pass (details pane, Info column
   * of visible rows). Stateful dissectors read what the first pass recorded
   * (`pinfo.visited`); `prev` is the previous packet's time for frame.time_delta.
   */
  redissect(rec: PacketRecord, data: Uint8Array, tree: ProtoTree, prev: { sec: number; nsec: number } | null): PacketInfo {
    const { prevSec, prevNsec } = this.state;
    this.state.prevSec = prev ? prev.sec : rec.tsSec;
    this.state.prevNsec = prev ? prev.nsec : rec.tsNsec;
    try {
      return this.dissect(rec, data, tree, true, true);
    } finally {
      this.state.prevSec = prevSec;
      this.state.prevNsec = prevNsec;
    }
  }
}
