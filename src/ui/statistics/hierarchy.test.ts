import { describe, expect, it } from "vitest";
import type { HierarchyEntry } from "../../engine/stats/snapshot";
import { expandedRows, hierarchyRows, parentPaths, sortTree, type HierarchyRow } from "./hierarchy";

const e = (protocol: string, depth: number, frames: number, bytes: number): HierarchyEntry => ({
  protocol,
  name: protocol,
  depth,
  frames,
  bytes,
});

// The ftp-active fixture's hierarchy as tshark -z io,phs prints it, cut short.
const entries = [
  e("eth", 0, 114, 21916),
  e("arp", 1, 2, 84),
  e("ip", 1, 112, 21832),
  e("tcp", 2, 112, 21832),
  e("ftp", 3, 51, 4512),
  e("ftp-data", 3, 12, 14006),
  e("data-text-lines", 4, 4, 3116),
];

describe("hierarchyRows", () => {
  it("gives each node's frames and bytes less its children's as its end packets and bytes", () => {
    const h = hierarchyRows(entries);
    expect(h.rows.map((r) => [r.protocol, r.endFrames, r.endBytes])).toEqual([
      ["eth", 0, 0],
      ["arp", 2, 84],
      ["ip", 0, 0],
      ["tcp", 49, 21832 - 4512 - 14006],
      ["ftp", 51, 4512],
      ["ftp-data", 8, 14006 - 3116],
      ["data-text-lines", 4, 3116],
    ]);
    expect(h.rows.map((r) => r.parent)).toEqual([-1, 0, 0, 2, 3, 3, 5]);
    expect(h.rows[6]!.path).toBe("eth/ip/tcp/ftp-data/data-text-lines");
  });

  it("takes the totals from the top level and gives percentages of them", () => {
    const h = hierarchyRows([...entries, e("sll", 0, 6, 84), e("ip", 1, 6, 84)]);
    expect(h.frames).toBe(120);
    expect(h.bytes).toBe(22000);
    expect(h.rows[1]!.framesPercent).toBeCloseTo((100 * 2) / 120);
    expect(h.rows[8]!.parent).toBe(7);
    expect(h.rows[7]!.endFrames).toBe(0);
  });

  it("gives 0% rather than NaN for an empty capture", () => {
    expect(hierarchyRows([])).toEqual({ rows: [], frames: 0, bytes: 0 });
    expect(hierarchyRows([e("eth", 0, 0, 0)]).rows[0]!.framesPercent).toBe(0);
  });
});

describe("sortTree", () => {
  it("sorts siblings and keeps each subtree under its node", () => {
    const { rows } = hierarchyRows([...entries, e("sll", 0, 1, 50)]);
    const byFrames = (siblings: readonly HierarchyRow[]) => [...siblings].sort((a, b) => a.frames - b.frames);
    expect(sortTree(rows, byFrames).map((r) => r.protocol)).toEqual([
      "sll",
      "eth",
      "arp",
      "ip",
      "tcp",
      "ftp-data",
      "data-text-lines",
      "ftp",
    ]);
    const byNameDesc = (siblings: readonly HierarchyRow[]) => [...siblings].sort((a, b) => b.protocol.localeCompare(a.protocol));
    expect(sortTree(rows, byNameDesc).map((r) => r.protocol)).toEqual([
      "sll",
      "eth",
      "ip",
      "tcp",
      "ftp-data",
      "data-text-lines",
      "ftp",
      "arp",
    ]);
  });
});

describe("collapsing the hierarchy", () => {
  const { rows } = hierarchyRows(entries);

  it("knows which nodes have children", () => {
    expect([...parentPaths(rows)].sort()).toEqual(["eth", "eth/ip", "eth/ip/tcp", "eth/ip/tcp/ftp-data"]);
  });

  it("hides a collapsed node's descendants, not the node, its siblings or other branches", () => {
    expect(expandedRows(rows, new Set()).map((r) => r.path)).toEqual(rows.map((r) => r.path));
    expect(expandedRows(rows, new Set(["eth/ip/tcp"])).map((r) => r.path)).toEqual(["eth", "eth/arp", "eth/ip", "eth/ip/tcp"]);
    expect(expandedRows(rows, new Set(["eth/ip"])).map((r) => r.path)).toEqual(["eth", "eth/arp", "eth/ip"]);
    expect(expandedRows(rows, new Set(["eth"])).map((r) => r.path)).toEqual(["eth"]);
    // A collapsed node inside a collapsed one stays collapsed when its parent is expanded again.
    expect(expandedRows(rows, new Set(["eth/ip/tcp", "eth"])).map((r) => r.path)).toEqual(["eth"]);
  });
});
