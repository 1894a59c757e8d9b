import { describe, expect, it } from "vitest";
import type { ConversationEntry, EndpointEntry } from "../../engine/stats/snapshot";
import { cellText, compareValues, conversationColumns, endpointColumns, tableCsv, tableJson } from "./stats-columns";

const endpoints: EndpointEntry[] = [
  { address: '=HYPERLINK("x")', port: 0, txFrames: 2, txBytes: 120, rxFrames: 1, rxBytes: 60 },
  { address: "10.0.0.2", port: 0, txFrames: 0, txBytes: 0, rxFrames: 3, rxBytes: 180 },
];

describe("tableCsv", () => {
  it("quotes every cell and makes formulas inert", () => {
    const cells = ["+1", "-1", "@SUM(A1)", "\tx", "\rx", 'say "hi"'];
    const rows = cells.map((address): EndpointEntry => ({ ...endpoints[1]!, address }));
    const lines = tableCsv(endpointColumns("ip"), rows).split("\n");
    expect(lines[0]).toBe('"Address","Packets","Bytes","Tx Packets","Tx Bytes","Rx Packets","Rx Bytes"');
    expect(lines.slice(1, -1).map((l) => l.split(",")[0])).toEqual([
      '"\'+1"',
      '"\'-1"',
      '"\'@SUM(A1)"',
      '"\'\tx"',
      '"\'\rx"',
      '"say ""hi"""',
    ]);
    expect(tableCsv(endpointColumns("ip"), endpoints).split("\n")[1]).toBe('"\'=HYPERLINK(""x"")","3","180","2","120","1","60"');
  });

  it("has port columns for TCP and UDP only", () => {
    expect(tableCsv(endpointColumns("tcp"), []).startsWith('"Address","Port","Packets"')).toBe(true);
    expect(conversationColumns("eth").map((c) => c.header)).not.toContain("Port A");
    expect(
      conversationColumns("udp")
        .map((c) => c.header)
        .slice(0, 4),
    ).toEqual(["Address A", "Port A", "Address B", "Port B"]);
  });
});

describe("tableJson", () => {
  it("writes the values by header, numbers as numbers, text as it is", () => {
    expect(JSON.parse(tableJson(endpointColumns("ip"), endpoints))).toEqual([
      { Address: '=HYPERLINK("x")', Packets: 3, Bytes: 180, "Tx Packets": 2, "Tx Bytes": 120, "Rx Packets": 1, "Rx Bytes": 60 },
      { Address: "10.0.0.2", Packets: 3, Bytes: 180, "Tx Packets": 0, "Tx Bytes": 0, "Rx Packets": 3, "Rx Bytes": 180 },
    ]);
  });
});

describe("conversation columns", () => {
  const c: ConversationEntry = {
    a: "10.0.0.1",
    b: "10.0.0.2",
    portA: 1,
    portB: 2,
    framesAB: 3,
    bytesAB: 1000,
    framesBA: 1,
    bytesBA: 60,
    start: 0.5,
    duration: 2,
  };
  const byId = (id: string) => conversationColumns("tcp").find((col) => col.id === id)!;

  it("totals both directions and gives bits/s over the duration", () => {
    expect(byId("packets").value(c)).toBe(4);
    expect(byId("bytes").value(c)).toBe(1060);
    expect(byId("bits-ab").value(c)).toBe(4000);
    expect(byId("bits-ba").value(c)).toBe(240);
    expect(cellText(byId("rel-start"), c)).toBe("0.500000");
  });

  it("leaves bits/s empty for a conversation of one instant", () => {
    expect(byId("bits-ab").value({ ...c, duration: 0 })).toBe("");
  });
});

describe("compareValues", () => {
  it("orders numbers by value, addresses naturally, empty cells first", () => {
    expect([10, 9, 100].sort(compareValues)).toEqual([9, 10, 100]);
    expect(["10.0.0.10", "10.0.0.2", "9.1.1.1"].sort(compareValues)).toEqual(["9.1.1.1", "10.0.0.2", "10.0.0.10"]);
    expect([5, "", 3].sort(compareValues)).toEqual(["", 3, 5]);
    expect(["fe80::10", "fe80::2", "02:77:00:00:00:10", "02:77:00:00:00:02"].sort(compareValues)).toEqual([
      "02:77:00:00:00:02",
      "02:77:00:00:00:10",
      "fe80::2",
      "fe80::10",
    ]);
    expect(["10.0.0.1", "fe80::1", "9.255.255.255"].sort(compareValues)).toEqual(["9.255.255.255", "10.0.0.1", "fe80::1"]);
  });
});
