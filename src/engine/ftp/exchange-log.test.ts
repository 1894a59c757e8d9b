import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FtpExchangeLog } from "./exchange-log";
import type { FtpCommand, FtpExchange, FtpReply } from "./types";

const position = fc.record({
  frame: fc.nat(1 << 30),
  lastFrame: fc.nat(1 << 30),
  time: fc.double({ min: 0, max: 2e9, noNaN: true }),
  streamOffset: fc.nat(2 ** 40),
});

/** A command as parseCommand (messages.ts) makes it: the verb upper-cased, the argument after the first space. */
const command = fc.tuple(fc.constantFrom("RETR", "retr", "NOOP", "PASS", "X"), fc.option(fc.string(), { nil: undefined }), position).map(
  ([verb, arg, p]): FtpCommand => ({
    verb: verb.toUpperCase(),
    argument: arg ?? "",
    raw: arg === undefined ? verb : `${verb} ${arg}`,
    ...p,
  }),
);

/** A reply as ReplyAssembler (messages.ts) makes it: lines without LF, joined by "\n". */
const reply = fc
  .tuple(fc.integer({ min: 0, max: 599 }), fc.array(fc.string().map((l) => l.replace(/\n/g, " ")), { minLength: 1, maxLength: 4 }), position)
  .map(([code, lines, p]): FtpReply => ({ code, lines, text: lines.join("\n"), multiline: lines.length > 1, ...p }));

describe("FtpExchangeLog", () => {
  it("gives back every exchange as added, replies interleaved between exchanges in arrival order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(command, { nil: null }), { maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), reply), { maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(1000), fc.boolean())),
        (commands, replies, ids) => {
          const log = new FtpExchangeLog();
          const want: FtpExchange[] = [];
          for (const c of commands) {
            expect(log.add(c)).toBe(want.length);
            want.push({ command: c, replies: [], announcesDataChannelId: null, transferId: null });
          }
          // Trimmed columns (as ControlParser.finish leaves them) still grow.
          log.trim();
          if (want.length) {
            for (const [at, r] of replies) {
              log.addReply(at % want.length, r);
              want[at % want.length]!.replies.push(r);
            }
            for (const [at, id, transfer] of ids) {
              if (transfer) log.setTransferId(at % want.length, (want[at % want.length]!.transferId = id));
              else log.setAnnouncesDataChannelId(at % want.length, (want[at % want.length]!.announcesDataChannelId = id));
            }
          }
          log.trim();
          expect(log.length).toBe(want.length);
          expect(log.toArray()).toEqual(want);
          expect([...log]).toEqual(want);
          expect(JSON.parse(JSON.stringify(log))).toEqual(JSON.parse(JSON.stringify(want)));
          want.forEach((x, i) => {
            expect(log.verb(i)).toBe(x.command?.verb ?? null);
            expect(log.commandFrame(i)).toBe(x.command?.frame ?? 0);
            expect(log.commandTime(i)).toBe(x.command?.time ?? 0);
            expect(log.lineCount(i)).toBe((x.command ? 1 : 0) + x.replies.length);
          });
        },
      ),
    );
  });

  it("hands out copies: changing one leaves the log as it was", () => {
    const log = new FtpExchangeLog();
    const c: FtpCommand = { verb: "USER", argument: "anna", raw: "USER anna", frame: 4, lastFrame: 4, time: 1, streamOffset: 0 };
    log.add(c);
    log.at(0).command!.argument = "mallory";
    log.at(0).replies.push({ code: 230, lines: [""], text: "", multiline: false, frame: 5, lastFrame: 5, time: 2, streamOffset: 0 });
    expect(log.at(0)).toEqual({ command: c, replies: [], announcesDataChannelId: null, transferId: null });
  });
});
