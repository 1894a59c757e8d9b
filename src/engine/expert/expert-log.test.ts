/** The expert log's interning and rollback, and tshark's -z expert argument parsing and layout (ui/cli/tap-expert.c). */
import { describe, expect, it } from "vitest";
import { ExpertLevel } from "../dissect/expert-info";
import { ExpertLog } from "./expert-log";
import { expertTapText, parseExpertTap } from "./tap-text";

function sample(): ExpertLog {
  const log = new ExpertLog();
  log.add(1, ExpertLevel.CHAT, "Sequence", "TCP", "Connection establish request (SYN): server port 21");
  log.add(2, ExpertLevel.NOTE, "Sequence", "TCP", "Duplicate ACK (#1)");
  log.add(3, ExpertLevel.NOTE, "Sequence", "TCP", "Duplicate ACK (#1)");
  // Same summary under another protocol: an entry of its own.
  log.add(3, ExpertLevel.NOTE, "Protocol", "UDP", "Duplicate ACK (#1)");
  log.add(4, ExpertLevel.ERROR, "Malformed", "DNS", "Malformed Packet (Exception occurred)");
  log.commit();
  return log;
}

describe("ExpertLog", () => {
  it("interns entries by level, protocol and summary and counts their items", () => {
    const log = sample();
    expect(log.count).toBe(5);
    expect(log.entries.map((e) => `${e.protocol} ${e.summary}`)).toEqual([
      "TCP Connection establish request (SYN): server port 21",
      "TCP Duplicate ACK (#1)",
      "UDP Duplicate ACK (#1)",
      "DNS Malformed Packet (Exception occurred)",
    ]);
    expect([...log.counts()]).toEqual([1, 2, 1, 1]);
    expect([...log.framesOf(1)]).toEqual([2, 3]);
  });

  it("rollback drops the uncommitted items and the entries they made", () => {
    const log = sample();
    log.add(5, ExpertLevel.WARN, "Sequence", "TCP", "Connection reset (RST)");
    log.add(5, ExpertLevel.NOTE, "Sequence", "TCP", "Duplicate ACK (#1)");
    log.rollback();
    expect(log.count).toBe(5);
    expect(log.entries).toHaveLength(4);
    // The dropped entry is made anew, after the kept ones, when a later packet has it.
    log.add(6, ExpertLevel.WARN, "Sequence", "TCP", "Connection reset (RST)");
    expect(log.entries[4]!.summary).toBe("Connection reset (RST)");
    expect([...log.framesOf(4)]).toEqual([6]);
  });
});

describe("-z expert", () => {
  it("reads the level as a case-insensitive prefix and the rest after a comma as the filter", () => {
    expect(parseExpertTap("expert")).toEqual({ lowest: ExpertLevel.COMMENT, filterText: null });
    expect(parseExpertTap("expert,Warn")).toEqual({ lowest: ExpertLevel.WARN, filterText: null });
    expect(parseExpertTap("expert,error,tcp.port == 21")).toEqual({ lowest: ExpertLevel.ERROR, filterText: "tcp.port == 21" });
    // ",warning" is ",warn" followed by "ing", which is no filter.
    expect(parseExpertTap("expert,warning")).toEqual({ lowest: ExpertLevel.WARN, filterText: null });
    expect(parseExpertTap("expert,udp")).toEqual({ lowest: ExpertLevel.COMMENT, filterText: "udp" });
    expect(parseExpertTap("conv,tcp")).toBeNull();
  });

  it("prints Errors down to the lowest level asked, each with its total and one line per entry", () => {
    const log = sample();
    expect(expertTapText(log, ExpertLevel.COMMENT)).toBe(
      [
        "",
        "Errors (1)",
        "=============",
        "   Frequency      Group           Protocol  Summary",
        "           1  Malformed                DNS  Malformed Packet (Exception occurred)",
        "",
        "Notes (3)",
        "=============",
        "   Frequency      Group           Protocol  Summary",
        "           2   Sequence                TCP  Duplicate ACK (#1)",
        "           1   Protocol                UDP  Duplicate ACK (#1)",
        "",
        "Chats (1)",
        "=============",
        "   Frequency      Group           Protocol  Summary",
        "           1   Sequence                TCP  Connection establish request (SYN): server port 21",
        "",
      ].join("\n"),
    );
    expect(expertTapText(log, ExpertLevel.WARN)).toBe(
      "\nErrors (1)\n=============\n   Frequency      Group           Protocol  Summary\n           1  Malformed                DNS  Malformed Packet (Exception occurred)\n",
    );
    expect(expertTapText(new ExpertLog(), ExpertLevel.COMMENT)).toBe("");
  });
});
