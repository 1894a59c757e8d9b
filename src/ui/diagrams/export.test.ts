import { describe, expect, it } from "vitest";
import { canvasSize, fileNameFrom, MAX_CANVAS_AREA, MAX_CANVAS_SIDE } from "./export";

describe("PNG canvas size", () => {
  it("doubles small drawings", () => {
    expect(canvasSize(650, 420)).toEqual({ width: 1300, height: 840, scale: 2 });
  });
  it("scales tall and huge drawings down under the canvas limits", () => {
    const tall = canvasSize(900, 60_000);
    expect(tall.height).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
    expect(tall.scale).toBeLessThan(1);
    const huge = canvasSize(12_000, 12_000);
    expect(huge.width * huge.height).toBeLessThanOrEqual(MAX_CANVAS_AREA);
    expect(huge.width).toBe(huge.height);
  });
});

describe("file names", () => {
  it("keeps only safe characters", () => {
    expect(fileNameFrom("FTP session 0: 10.77.0.2:52594 → 10.77.0.1:21", "svg")).toBe("FTP-session-0-10.77.0.2-52594-10.77.0.1-21.svg");
    expect(fileNameFrom("../<img>", "png")).toBe("img.png");
    expect(fileNameFrom("", "png")).toBe("diagram.png");
  });
});
