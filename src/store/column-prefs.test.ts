import { beforeEach, describe, expect, it } from "vitest";
import { installMemoryStorage } from "./test-storage";
import {
  addColumn,
  applyAsColumn,
  DEFAULT_COLUMNS,
  editColumn,
  loadColumns,
  moveColumn,
  removeColumn,
  renameColumn,
  resetColumns,
  resizeColumn,
  setColumnVisible,
  shownFieldColumns,
  useColumnPrefs,
} from "./column-prefs";

const titles = (): string[] => useColumnPrefs.getState().columns.map((c) => c.title);
const reload = (): void => useColumnPrefs.setState({ columns: loadColumns() });

describe("column preferences", () => {
  let storage: Map<string, string>;
  beforeEach(() => {
    storage = installMemoryStorage();
    reload();
  });

  it("starts with Wireshark's columns and keeps every change across a reload", () => {
    expect(titles()).toEqual(DEFAULT_COLUMNS.map((c) => c.title));
    setColumnVisible("time", false);
    moveColumn("protocol", 0);
    renameColumn("source", " From ");
    resizeColumn("info", 12.4);
    reload();
    const cols = useColumnPrefs.getState().columns;
    expect(cols.map((c) => c.id)).toEqual(["protocol", "number", "time", "source", "destination", "length", "info"]);
    expect(cols.find((c) => c.id === "time")!.visible).toBe(false);
    expect(cols.find((c) => c.id === "source")!.title).toBe("From");
    // Widths have a floor, so a column can always be grabbed again.
    expect(cols.find((c) => c.id === "info")!.width).toBe(30);
    renameColumn("source", "");
    expect(titles()[3]).toBe("Source");
    resetColumns();
    expect(titles()).toEqual(DEFAULT_COLUMNS.map((c) => c.title));
  });

  it("adds custom columns before Info as Apply as Column does, and lists the field columns shown", () => {
    const seq = applyAsColumn("tcp.seq");
    expect(titles().slice(-2)).toEqual(["tcp.seq", "Info"]);
    const ttl = addColumn({ type: "custom", field: "ip.ttl", occurrence: -1 });
    expect(ttl.title).toBe("ip.ttl#-1");
    addColumn({ type: "hw-src" }, { after: "number" });
    expect(titles()[1]).toBe("Hardware source");
    // The same field column twice is fetched once; hidden ones not at all.
    addColumn({ type: "custom", field: "tcp.seq", occurrence: 0 });
    setColumnVisible(ttl.id, false);
    expect(shownFieldColumns(useColumnPrefs.getState().columns)).toEqual([
      { field: "eth.src", occurrence: -1 },
      { field: "tcp.seq", occurrence: 0 },
    ]);
    // A new field renames the column unless the analyst named it.
    editColumn(seq.id, { type: "custom", field: "tcp.ack", occurrence: 0 });
    expect(useColumnPrefs.getState().columns.find((c) => c.id === seq.id)!.title).toBe("tcp.ack");
    renameColumn(seq.id, "Ack");
    editColumn(seq.id, { type: "custom", field: "tcp.ack_raw", occurrence: 0 });
    expect(useColumnPrefs.getState().columns.find((c) => c.id === seq.id)!.title).toBe("Ack");
    removeColumn(seq.id);
    expect(titles()).not.toContain("Ack");
  });

  it("never hides the last shown column, and ignores damaged storage", () => {
    for (const c of DEFAULT_COLUMNS) setColumnVisible(c.id, false);
    expect(
      useColumnPrefs
        .getState()
        .columns.filter((c) => c.visible)
        .map((c) => c.id),
    ).toEqual(["info"]);
    storage.set("pcapscope.columns", JSON.stringify([{ id: "x", title: "X", visible: true, width: 50, spec: { type: "bogus" } }]));
    reload();
    expect(titles()).toEqual(DEFAULT_COLUMNS.map((c) => c.title));
    storage.set("pcapscope.columns", "{not json");
    reload();
    expect(titles()).toEqual(DEFAULT_COLUMNS.map((c) => c.title));
  });
});
