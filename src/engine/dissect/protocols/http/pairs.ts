/**
 * The generated items that link requests and responses of a conversation
 * (Wireshark 4.0's dissect_http_message, after the lines): the pair's number,
 * the time since the request, the frames of the request, the response and
 * their neighbours, and the URI a response answers.
 */
import type { PacketInfo } from "../../packet-info";
import { GENERATED, HIDDEN } from "../../tree";
import type { HttpConv, ReqRes } from "./conversation";
import { httpFields as F } from "./fields";

/** Adds a frame link when the frame is known. */
function link(pinfo: PacketInfo, f: (typeof F)["request_in"], frame: number | undefined): void {
  if (frame) pinfo.tree.add(f, 0, 0, frame, GENERATED);
}

export function pairItems(pinfo: PacketInfo, isRequest: boolean, curr: ReqRes | null, conv: HttpConv): void {
  const tree = pinfo.tree;
  const prev = curr?.prev ?? null;
  const next = curr?.next ?? null;
  if (isRequest) {
    tree.add(F.request, 0, 0, true, HIDDEN);
    if (curr) tree.add(F.request_number, 0, 0, curr.number, GENERATED, tree.detailed ? `[HTTP request ${curr.number}/${conv.count}]` : undefined);
    link(pinfo, F.prev_request_in, prev?.reqFrame);
    link(pinfo, F.response_in, curr?.resFrame);
    link(pinfo, F.next_request_in, next?.reqFrame);
    return;
  }
  tree.add(F.response, 0, 0, true, HIDDEN);
  if (curr) {
    tree.add(F.response_number, 0, 0, curr.number, GENERATED, tree.detailed ? `[HTTP response ${curr.number}/${conv.count}]` : undefined);
    if (curr.reqNsec >= 0) {
      const dt = pinfo.tsSec - curr.reqSec + (pinfo.tsNsec - curr.reqNsec) / 1e9;
      tree.add(F.time, 0, 0, dt, GENERATED);
    }
  }
  link(pinfo, F.prev_request_in, prev?.reqFrame);
  link(pinfo, F.prev_response_in, prev?.resFrame);
  link(pinfo, F.request_in, curr?.reqFrame);
  link(pinfo, F.next_request_in, next?.reqFrame);
  link(pinfo, F.next_response_in, next?.resFrame);
  const uri = conv.fullUri ?? conv.requestUri;
  if (uri !== null) tree.add(F["response_for.uri"], 0, 0, uri, GENERATED);
}
