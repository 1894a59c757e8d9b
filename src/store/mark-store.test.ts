import { describe, expect, it } from "vitest";
import { toggleMark, useMarkStore } from "./mark-store";
import { useCaptureStore } from "./capture-store";

describe("marked packets", () => {
  it("toggles a frame's mark and forgets every mark when another capture opens", () => {
    toggleMark(3);
    toggleMark(5);
    toggleMark(3);
    toggleMark(null);
    expect([...useMarkStore.getState().marked]).toEqual([5]);
    useCaptureStore.setState({ generation: useCaptureStore.getState().generation + 1 });
    expect(useMarkStore.getState().marked.size).toBe(0);
  });
});
