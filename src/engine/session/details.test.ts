import { describe, expect, it } from "vitest";
import { dataSources, deepestDetailAt, findDetail, toDetailNodes } from "./details";
import { defineFields } from "../dissect/field";
import { TreeBuilder, GENERATED } from "../dissect/tree";
import { wsFields } from "../dissect/common";

const f = defineFields("detailstest", {
  "": { name: "Details Test", type: "protocol" },
  outer: { name: "Outer", type: "uint16", base: "hex" },
  inner: { name: "Inner", type: "uint8" },
  gen: { name: "Stream index", type: "uint32" },
});

function sample() {
  const t = new TreeBuilder(wsFields.expert);
  t.open(f[""], 0, 8, null, "Details Test, 8 bytes");
  t.open(f.outer, 2, 2, 0x0102);
  t.add(f.inner, 3, 1, 2);
  t.close();
  t.add(f.gen, 0, 0, 7, GENERATED);
  t.add(wsFields.malformed, 6, 0, null, 0, "[Malformed Packet: detailstest: too short]");
  t.close();
  return toDetailNodes(t.roots);
}

describe("details", () => {
  it("labels fields, brackets generated ones, marks malformed layers", () => {
    const [layer] = sample();
    expect(layer!.label).toBe("Details Test, 8 bytes");
    expect(layer!.malformed).toBe(true);
    const [outer, gen, bad] = layer!.children!;
    expect(outer).toMatchObject({ label: "Outer: 0x0102", abbrev: "detailstest.outer", value: "0x0102", offset: 2, length: 2 });
    expect(gen).toMatchObject({ label: "[Stream index: 7]", generated: true });
    expect(bad).toMatchObject({ abbrev: "_ws.malformed", severity: "error", malformed: true });
    expect([layer!.id, outer!.id, outer!.children![0]!.id, gen!.id]).toEqual([0, 1, 2, 3]);
    // Each field carries the filter "Apply as Filter" writes for it.
    expect([layer!.filter, outer!.filter, gen!.filter]).toEqual(["detailstest", "detailstest.outer == 0x0102", "detailstest.gen == 7"]);
  });

  it("finds the deepest field covering a byte", () => {
    const tree = sample();
    expect(deepestDetailAt(tree, 0, 3)?.abbrev).toBe("detailstest.inner");
    expect(deepestDetailAt(tree, 0, 2)?.abbrev).toBe("detailstest.outer");
    expect(deepestDetailAt(tree, 0, 7)?.abbrev).toBe("detailstest");
    expect(deepestDetailAt(tree, 1, 3)).toBeNull();
    expect(findDetail(tree, 2)?.ancestors.map((a) => a.id)).toEqual([0, 1]);
  });

  it("names a tab per data source with its size, and copies the bytes", () => {
    const frame = Uint8Array.of(1, 2, 3);
    const pdu = new Uint8Array(1460);
    const tabs = dataSources(frame, [{ name: "Reassembled TCP", bytes: pdu }]);
    expect(tabs.map((t) => t.name)).toEqual(["Frame (3 bytes)", "Reassembled TCP (1460 bytes)"]);
    expect(tabs[0]!.bytes).not.toBe(frame);
    expect(tabs[0]!.bytes.buffer.byteLength).toBe(3);
  });
});
