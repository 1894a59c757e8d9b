import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_TRANSCRIPT_PAGE, summarize, Transcript } from "./transcript";
import { FtpExchangeLog } from "./exchange-log";
import type { FtpAnalysis, FtpCommand, FtpFile, FtpReply, FtpSession } from "./types";

let frame = 0;
function command(verb: string, raw = `${verb} x`): FtpCommand {
  frame++;
  return { verb, argument: "x", raw, frame, lastFrame: frame, time: 0, streamOffset: 0 };
}
function reply(code: number, text = "ok"): FtpReply {
  frame++;
  return { code, lines: [text], text, multiline: false, frame, lastFrame: frame, time: 0, streamOffset: 0 };
}

/** Exchanges shaped by `shape`: [has a command, number of replies] each; `edit` may change a command or reply as it is made. */
function sessionOf(
  shape: readonly [boolean, number][],
  edit: { command?: (i: number, c: FtpCommand) => FtpCommand; reply?: (i: number, k: number, r: FtpReply) => FtpReply } = {},
): FtpSession {
  frame = 0;
  const exchanges = new FtpExchangeLog();
  shape.forEach(([cmd, replies], i) => {
    const c = cmd ? command("NOOP") : null;
    const x = exchanges.add(c && edit.command ? edit.command(i, c) : c);
    for (let k = 0; k < replies; k++) {
      const r = reply(200);
      exchanges.addReply(x, edit.reply ? edit.reply(i, k, r) : r);
    }
  });
  return { id: 0, exchanges } as unknown as FtpSession;
}

/** Every line, walking the exchanges (what pages must cut). */
function allLines(s: FtpSession): number[] {
  return s.exchanges.toArray().flatMap((x) => [...(x.command ? [x.command.frame] : []), ...x.replies.map((r) => r.frame)]);
}

describe("Transcript", () => {
  it("serves commands as sent and replies with their code, masking left to the page", () => {
    const s = sessionOf(
      [
        [false, 1],
        [true, 2],
      ],
      {
        command: (i, c) => (i === 1 ? { ...c, verb: "PASS", raw: "pass secret" } : c),
        reply: (i, k, r) => (i === 0 && k === 0 ? { ...r, code: 0, lines: ["no code"], text: "no code" } : r),
      },
    );
    expect(new Transcript(s).page(0, 10)).toEqual([
      { frame: 1, fromClient: false, verb: null, text: "no code" },
      { frame: 2, fromClient: true, verb: "PASS", text: "pass secret" },
      { frame: 3, fromClient: false, verb: null, text: "200 ok" },
      { frame: 4, fromClient: false, verb: null, text: "200 ok" },
    ]);
  });

  it("cuts any page out of the whole transcript, whatever the exchanges' shapes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.nat(3)), { maxLength: 60 }),
        fc.integer({ min: -3, max: 200 }),
        fc.integer({ min: -1, max: 80 }),
        (shape, start, count) => {
          const s = sessionOf(shape);
          const all = allLines(s);
          const t = new Transcript(s);
          expect(t.length).toBe(all.length);
          const want = start < 0 ? [] : all.slice(start, start + Math.max(0, count));
          expect(t.page(start, count).map((l) => l.frame)).toEqual(want);
        },
      ),
    );
  });

  it("never serves more than a page", () => {
    const s = sessionOf(Array.from({ length: MAX_TRANSCRIPT_PAGE }, () => [true, 1] as [boolean, number]));
    expect(new Transcript(s).page(5, 1e9)).toHaveLength(MAX_TRANSCRIPT_PAGE);
  });

  it("summarizes sessions by their line count and files by their entry count", () => {
    const s = sessionOf([[false, 1], [true, 2], [true, 0]]);
    const entry = { name: "a", type: "file", size: 1, date: null, permissions: null, raw: "a" } as const;
    const file = { id: 0, kind: "listing", entries: [entry, entry] } as unknown as FtpFile;
    const summary = summarize({ sessions: [s], dataChannels: [], transfers: [], files: [file], credentials: [], alerts: [] } as FtpAnalysis);
    expect(summary.sessions[0]).not.toHaveProperty("exchanges");
    expect(summary.sessions[0]!.transcriptLines).toBe(5);
    expect(summary.files[0]).toEqual({ id: 0, kind: "listing", entryCount: 2 });
  });
});
