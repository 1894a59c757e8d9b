/**
 * The Network Monitor Header (NetMon 2.x frame comments) on hand-built
 * records; src/cli/netmon-comments-corpus.test.ts compares the real NetMon
 * capture with tshark.
 */
import { describe, expect, it } from "vitest";
import { LinkType, newPacketRecord } from "../../capture/types";
import { TreeBuilder } from "../tree";
import { wsFields } from "../common";
import { Dissection } from "../dissection";
import { FieldRun } from "./testing";

// An Ethernet frame carrying an ARP request (RFC 826) for 10.0.0.2 from 10.0.0.1.
const ARP = Uint8Array.from([
  ...[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0x15, 0x5d, 1, 2, 3, 0x08, 0x06],
  ...[0, 1, 0x08, 0, 6, 4, 0, 1, 0, 0x15, 0x5d, 1, 2, 3, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2],
]);

function record(): ReturnType<typeof newPacketRecord> {
  const rec = newPacketRecord();
  rec.number = 1;
  rec.capLen = rec.origLen = ARP.length;
  rec.linkType = LinkType.ETHERNET;
  // A description longer than a label holds, with the CR LF RTF puts between its lines.
  rec.netmon = { title: "Step 1", description: `{\\rtf1\\ansi\r\n${"x".repeat(300)}}` };
  return rec;
}

describe("netmon_header", () => {
  it("shows the comment, then hands the frame to its own link type", () => {
    const r = new FieldRun().dissect(record(), ARP);
    expect(r.layers).toBe("netmon_header:eth:ethertype:arp");
    expect(r.f("frame.encap_type")).toBe("188");
    expect(r.f("netmon_header.title_comment")).toBe("Step 1");
    expect(r.f("netmon_header.description_comment")).toBe(`{\\rtf1\\ansi\r\n${"x".repeat(300)}}`);
    expect(r.f("arp.dst.proto_ipv4")).toBe("10.0.0.2");
  });

  it("-V: a top-level item of no bytes, generated fields, the description's label cut as tshark cuts it", () => {
    const tree = new TreeBuilder(wsFields.expert);
    new Dissection().dissect(record(), ARP, tree, true);
    const header = tree.roots[1]!;
    expect(header.label ?? header.field.name).toBe("Network Monitor Header");
    expect([header.offset, header.length]).toEqual([0, 0]);
    expect(header.children!.map((c) => c.label)).toEqual([
      "Comment title: Step 1",
      // 238 bytes: the cut falls on the start of the character before byte 239 (ITEM_LABEL_LENGTH 240).
      `Comment description [truncated]: {\\rtf1\\ansi\\r\\n${"x".repeat(238 - 48)}`,
    ]);
    expect(tree.roots[2]!.field.abbrev).toBe("eth");
  });

  it("no comment on the record: a plain frame of its link type", () => {
    const rec = record();
    rec.netmon = null;
    const r = new FieldRun().dissect(rec, ARP);
    expect(r.layers).toBe("eth:ethertype:arp");
    expect(r.f("frame.encap_type")).toBe("1");
  });
});
