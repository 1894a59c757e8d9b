import { describe, expect, it } from "vitest";
import { CaptureError } from "../capture/types";
import { describeCaptureError, describeUnexpected } from "./errors";

describe("capture errors in plain words", () => {
  it("truncation names the packet, the byte and what is shown", () => {
    const e = new CaptureError(
      "truncated",
      "The file ends in the middle of packet 1234 at byte 56789 (10 of 60 data bytes present)",
      1234,
      56789,
    );
    expect(describeCaptureError(e, 1233).message).toBe(
      "The file ends in the middle of packet 1234 at byte 56789; the 1,233 packets before it are shown",
    );
    const first = new CaptureError("truncated", "The file ends in the middle of packet 1 at byte 24 (3 of 60 data bytes present)", 1, 24);
    expect(describeCaptureError(first, 0).message).toBe(
      "The file ends in the middle of packet 1 at byte 24; no packet could be read before it",
    );
  });
  it("a gzip stream that breaks off is said to be the compressed file's damage", () => {
    const e = new CaptureError(
      "truncated",
      "The gzip file breaks off after 171147 inflated bytes (the compressed data is cut short, near compressed byte 4000 of 4000): the file ends in the middle of packet 136 at byte 171106 of the inflated capture",
      136,
      171106,
    );
    expect(describeCaptureError(e, 135).message).toBe(
      "The compressed file is cut short or damaged: it ends in the middle of packet 136 (byte 171106 once inflated); the 135 packets before it are shown",
    );
  });
  it("keeps the first bytes of a file that is not a capture", () => {
    const e = new CaptureError(
      "not-a-capture",
      "This is not a capture file (first bytes: 47 49 46 38 39 61 2c 20); pcap and pcapng are supported",
      0,
      0,
    );
    expect(describeCaptureError(e, 0).message).toMatch(/^This is not a capture file \(first bytes: 47 49/);
  });
  it("says where a corrupt file goes wrong", () => {
    const e = new CaptureError(
      "corrupt",
      "Packet 5 at byte 1234 claims 99999999 captured bytes, more than the maximum of 262144; the file is damaged from here",
      5,
      1234,
    );
    expect(describeCaptureError(e, 4).message).toBe(
      "The file is damaged at packet 5 (byte 1234): it claims 99999999 captured bytes, more than the maximum of 262144; the 4 packets before it are shown",
    );
  });
  it("turns internal errors into a sentence too", () => {
    expect(describeUnexpected(new Error("boom"), 0).message).toBe("The file could not be read because of an internal error (boom)");
  });
});
