import { describe, expect, it } from "vitest";
import { acceptCompletion, wordAtCaret } from "./filter-text";

describe("filter bar text", () => {
  it("finds the name being typed", () => {
    expect(wordAtCaret("tcp.fl", 6)).toEqual({ start: 0, end: 6, prefix: "tcp.fl" });
    expect(wordAtCaret("ftp && ftp-da", 13)).toEqual({ start: 7, end: 13, prefix: "ftp-da" });
    expect(wordAtCaret("ip.src == 1", 3)).toEqual({ start: 0, end: 6, prefix: "ip." });
    expect(wordAtCaret("!(tcp", 5)?.prefix).toBe("tcp");
  });

  it("does not complete values or text in quotes", () => {
    expect(wordAtCaret("ip.src == 10.0", 14)).toBeNull();
    expect(wordAtCaret('ftp.request.arg == "us', 22)).toBeNull();
    expect(wordAtCaret('ftp.request.arg == "a\\"b" && ft', 31)?.prefix).toBe("ft");
    expect(wordAtCaret("eth.dst == ff:ff", 16)).toBeNull();
    expect(wordAtCaret("eth.dst == ff:f", 15)).toBeNull();
    expect(wordAtCaret("", 0)).toBeNull();
    expect(wordAtCaret("tcp ", 4)).toBeNull();
  });

  it("replaces the whole word with the completion", () => {
    const text = "tcp.fl && udp";
    const w = wordAtCaret(text, 6)!;
    expect(acceptCompletion(text, w, "tcp.flags.syn")).toEqual({ text: "tcp.flags.syn && udp", caret: 13 });
  });
});
