import { describe, expect, it } from "vitest";
import { csvCell, textLine } from "./dissection-export";
import { parseFrameRanges, RangeSyntaxError } from "./export-packets";

describe("CSV cells", () => {
  it("puts a single quote before what a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
    expect(csvCell("1+1")).toBe('"1+1"');
    expect(csvCell("")).toBe('""');
  });
  it("doubles quotes and keeps line breaks inside the quoted cell", () => {
    expect(csvCell('a "b"\nc')).toBe('"a ""b""\nc"');
  });
});

describe("plain text lines", () => {
  it("pads every cell but the last and flattens line breaks", () => {
    expect(textLine(["7", "TCP", "a\r\nb"], [5, 8, 0], [true, false, false])).toBe("    7 TCP      a b\n");
  });
});

describe("frame ranges", () => {
  it("reads single frames, ranges, open ends, and leaves out frames past the last", () => {
    expect([...parseFrameRanges("1-3, 5 8- ", 10)]).toEqual([0, 1, 2, 4, 7, 8, 9]);
    expect([...parseFrameRanges("-2,9-20", 10)]).toEqual([0, 1, 8, 9]);
    expect([...parseFrameRanges("3,3,2-3", 10)]).toEqual([1, 2]);
  });
  it("refuses what is not a range, naming the part", () => {
    for (const bad of ["", "a", "0", "5-2", "1--2", "-"]) expect(() => parseFrameRanges(bad, 10)).toThrow(RangeSyntaxError);
    expect(() => parseFrameRanges("1,x-2", 10)).toThrow(/"x-2"/);
  });
});
