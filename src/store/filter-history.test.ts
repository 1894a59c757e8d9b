import { beforeEach, describe, expect, it } from "vitest";
import { installMemoryStorage } from "./test-storage";
import { filterHistory, forgetFilterHistory, MAX_FILTER_HISTORY, rememberFilter } from "./filter-history";

describe("filter history", () => {
  beforeEach(() => {
    installMemoryStorage();
  });

  it("keeps applied filters most recent first, once each, up to the maximum", () => {
    rememberFilter("ftp");
    rememberFilter("tcp");
    rememberFilter("  ftp ");
    rememberFilter("");
    expect(filterHistory()).toEqual(["ftp", "tcp"]);
    for (let i = 0; i < MAX_FILTER_HISTORY + 5; i++) rememberFilter(`frame.number == ${i}`);
    const list = filterHistory();
    expect(list).toHaveLength(MAX_FILTER_HISTORY);
    expect(list[0]).toBe(`frame.number == ${MAX_FILTER_HISTORY + 4}`);
    forgetFilterHistory();
    expect(filterHistory()).toEqual([]);
  });

  it("survives damaged storage", () => {
    localStorage.setItem("pcapscope.filterHistory", "{not json");
    expect(filterHistory()).toEqual([]);
    localStorage.setItem("pcapscope.filterHistory", JSON.stringify(["ok", 3, null]));
    expect(filterHistory()).toEqual(["ok"]);
  });
});
