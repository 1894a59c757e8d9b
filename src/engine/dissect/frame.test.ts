/**
 * pcapng packet comments (RFC draft pcapng §4.3, opt_comment): tshark 4.0
 * shows them in a "Packet comments" item before the frame's, each comment
 * with an expert item of severity Comment (packet-frame.c's
 * frame_add_comment). The texts below are what tshark 4.0.17 prints for the
 * shared capture pcapng-comments-ether-plus-sll-odd-timestamps.pcapng
 * (frame 60, comment "Packet #1"); that capture is compared with live tshark
 * by the expert fields and filter corpus tests. The details pane's lines
 * (session/details.ts) and the JSON export (session/packet-json.ts) are
 * checked here too, from the same tree.
 */
import { describe, expect, it } from "vitest";
import { Dissection } from "./dissection";
import { wsFields } from "./common";
import { TreeBuilder } from "./tree";
import { FieldRun } from "./protocols/testing";
import type { ExpertGroup, ExpertSink } from "./expert-info";
import { LinkType, newPacketRecord, type PacketRecord } from "../capture/types";
import { toDetailNodes, walkDetails } from "../session/details";
import { packetJson } from "../session/packet-json";

/** An Ethernet frame of an ethertype nobody dissects (its payload is data). */
const BYTES = new Uint8Array([
  ...[0, 1, 2, 3, 4, 5], // destination
  ...[6, 7, 8, 9, 10, 11], // source
  ...[0x88, 0xb5], // ethertype: IEEE 802 local experimental
  ...[0xde, 0xad, 0xbe, 0xef],
]);

function record(comments: string[] | null): PacketRecord {
  const rec = newPacketRecord();
  rec.number = 1;
  rec.capLen = rec.origLen = BYTES.length;
  rec.linkType = LinkType.ETHERNET;
  rec.comments = comments;
  return rec;
}

describe("frame: packet comments", () => {
  it("gives every comment an expert item of severity and group Comment, as tshark -T fields prints them", () => {
    const r = new FieldRun().dissect(record(["Packet #1", "second"]), BYTES);
    expect(r.f("frame.comment")).toBe("Packet #1,second");
    expect(r.f("_ws.expert")).toBe("Expert Info (Comment/Comment): Packet #1,Expert Info (Comment/Comment): second");
    expect(r.f("_ws.expert.message")).toBe("Packet #1,second");
    // PI_COMMENT and PI_COMMENTS_GROUP (epan/proto.h).
    expect(r.f("_ws.expert.severity")).toBe("1048576,1048576");
    expect(r.f("_ws.expert.group")).toBe("184549376,184549376");
    expect(r.f("frame.comment.expert")).toBe("1,1");
    // The item is a protocol of its own, printed as its name; frame.protocols does not list it.
    expect(r.f("pkt_comment")).toBe("pkt_comment");
    expect(r.layers).toBe("eth:ethertype:data");
  });

  it("adds nothing to a frame without comments", () => {
    const r = new FieldRun().dissect(record(null), BYTES);
    expect([r.f("pkt_comment"), r.f("_ws.expert"), r.f("frame.comment")]).toEqual(["", "", ""]);
  });

  it("draws the comments before the frame, as tshark -V does (the details pane's lines)", () => {
    const tree = new TreeBuilder(wsFields.expert);
    new Dissection().dissect(record(["Packet #1"]), BYTES, tree);
    const lines: string[] = [];
    walkDetails(toDetailNodes(tree.roots), (n, up) => void lines.push(" ".repeat(4 * up.length) + n.label));
    expect(lines.slice(0, 7)).toEqual([
      "Packet comments",
      "    Packet #1",
      "        [Expert Info (Comment/Comment): Packet #1]",
      "            [Packet #1]",
      "            [Severity level: Comment]",
      "            [Group: Comment]",
      "Frame 1: 18 bytes on wire (144 bits), 18 bytes captured (144 bits)",
    ]);
    // The pane paints the item by its severity; frame.protocols still goes to the frame item, now the second root.
    expect(toDetailNodes(tree.roots)[0]!.children![0]!.children![0]!.severity).toBe("comment");
    expect(tree.roots[1]!.children!.at(-1)).toMatchObject({ value: "eth:ethertype:data" });
  });

  it("writes the comments as tshark -T json does", () => {
    const tree = new TreeBuilder(wsFields.expert, true);
    new Dissection().dissect(record(["Packet #1"]), BYTES, tree);
    const layers = (JSON.parse(packetJson(tree.roots, 0)) as { _source: { layers: Record<string, unknown> } })._source.layers;
    expect(Object.keys(layers)).toEqual(["pkt_comment", "frame", "eth", "data"]);
    expect(layers.pkt_comment).toEqual({
      "frame.comment": "Packet #1",
      "frame.comment_tree": {
        "_ws.expert": {
          "frame.comment.expert": "",
          "_ws.expert.message": "Packet #1",
          "_ws.expert.severity": "1048576",
          "_ws.expert.group": "184549376",
        },
      },
    });
  });

  it("reports each comment to the expert sink as tshark -z expert counts it (level Comment, protocol Frame)", () => {
    const items: [number, number, ExpertGroup, string, string][] = [];
    const sink: ExpertSink = { add: (...item) => void items.push(item) };
    const d = new Dissection();
    d.pinfo.expertSink = sink;
    d.dissect(record(["Packet #1", "x".repeat(300)]), BYTES);
    expect(items).toEqual([
      [1, 0, "Comment", "Frame", "Packet #1"],
      // ITEM_LABEL_LENGTH: the summary keeps 239 characters.
      [1, 0, "Comment", "Frame", "x".repeat(239)],
    ]);
  });
});
