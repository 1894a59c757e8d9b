/**
 * "Trailing stray characters" exists only where Wireshark makes the string
 * item: checked on an FTP request whose argument holds a NUL, dissected into
 * the trees tshark would have. tshark 4.0.17 on the shared malformed-fuzz
 * capture: -T fields lists the warning on its FTP frame, -q -z expert and
 * -q -z expert,warn,tcp do not count it, and -Y _ws.expert does not match
 * its SIP frames 170 and 650, whose only items these are.
 */
import { describe, expect, it } from "vitest";
import { Dissection } from "./dissection";
import { fieldByAbbrev, type FieldDef } from "./field";
import { FieldCollector, NULL_TREE, TreeBuilder, type ProtoTree } from "./tree";
import { wsFields } from "./common";
import { LinkType, newPacketRecord } from "../capture/types";
import { ipFrame, tcp } from "./protocols/ip-testing";
import { hasStrayAfterNul } from "./stray-characters";

const field = (abbrev: string): FieldDef => fieldByAbbrev(abbrev)!;
const bytes = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** The summaries the expert tap gets for one FTP request dissected into `tree`. */
function tapped(tree: ProtoTree, request: string): string[] {
  const d = new Dissection();
  const items: string[] = [];
  d.pinfo.expertSink = { add: (_n, _l, _g, _p, msg) => void items.push(msg) };
  const frame = ipFrame([10, 0, 0, 2], [10, 0, 0, 1], 6, tcp(40000, 21, bytes(request), { seq: 1, ack: 1 }));
  const rec = newPacketRecord();
  rec.number = 1;
  rec.capLen = rec.origLen = frame.length;
  rec.linkType = LinkType.ETHERNET;
  d.dissect(rec, frame, tree);
  return items;
}

const STRAY = "USER ab\0cd\r\n"; // "cd" after the NUL is left out of ftp.request.arg

describe("Trailing stray characters", () => {
  it("finds non-NUL bytes after a NUL, not NULs alone", () => {
    expect(hasStrayAfterNul(Uint8Array.from(bytes("ab\0cd")), 0, 5)).toBe(true);
    expect(hasStrayAfterNul(Uint8Array.from(bytes("ab\0\0")), 0, 4)).toBe(false);
    expect(hasStrayAfterNul(Uint8Array.from(bytes("abcd")), 0, 4)).toBe(false);
  });

  it("is reported where the item is made: a shown tree (details, -T fields), a filter naming the field", () => {
    expect(tapped(new TreeBuilder(wsFields.expert), STRAY)).toEqual(["Trailing stray characters"]);
    expect(tapped(new FieldCollector([field("frame.number")], { shown: true }), STRAY)).toEqual(["Trailing stray characters"]);
    expect(tapped(new FieldCollector([field("ftp.request.arg")]), STRAY)).toEqual(["Trailing stray characters"]);
  });

  it("is not where tshark makes no item: no tree (-z expert alone), a filter on other fields (-z expert,warn,tcp; -Y _ws.expert)", () => {
    expect(tapped(NULL_TREE, STRAY)).toEqual([]);
    expect(tapped(new FieldCollector([field("tcp")]), STRAY)).toEqual([]);
    expect(tapped(new FieldCollector([field("_ws.expert")]), STRAY)).toEqual([]);
  });
});
