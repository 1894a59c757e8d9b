/**
 * CCC and unattributed FTP data on hand-built conversations (issue 14): the
 * control channel back in cleartext where its TLS records end, and which
 * connections of an unreadable stretch become FTP data (and which never do).
 * The recorded captures are checked against their ground truth in
 * src/cli/ftps-unreadable.test.ts.
 */
import { describe, expect, it } from "vitest";
import { analyzeFtp } from "./analyze";
import { exportPlan } from "./export";
import { Clock, Conversation, memorySource } from "./testing";
import { TlsFraming } from "./tls-framing";

/** A TLS record: type, version 3.3, length, body. */
function record(type: number, body: number): string {
  return String.fromCharCode(type, 3, 3, body >> 8, body & 0xff) + "x".repeat(body);
}

const PNG = "\x89PNG\r\n\x1a\n" + "\0".repeat(40);

describe("TlsFraming", () => {
  it("skips records split anywhere and finds the cleartext after the last one", () => {
    const f = new TlsFraming();
    const bytes = record(23, 30) + record(21, 2) + "PASV\r\n";
    const all = Uint8Array.from(bytes, (c) => c.charCodeAt(0));
    expect(f.feed(all.subarray(0, 3))).toEqual({ clear: false });
    expect(f.feed(all.subarray(3, 36))).toEqual({ clear: false });
    expect(f.feed(all.subarray(36))).toEqual({ clear: true, offset: 6 });
    expect(f.lastType).toBe(21);
    expect(f.records).toBe(2);
  });

  it("after a hole trusts only a chunk that starts a record or a line", () => {
    const f = new TlsFraming();
    f.gap();
    const u8 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
    expect(f.feed(u8("\x01\x02garbage"))).toEqual({ clear: false });
    expect(f.feed(u8(record(23, 4)))).toEqual({ clear: false });
    expect(f.feed(u8("227 Entering"))).toEqual({ clear: true, offset: 0 });
  });
});

describe("CCC: the control channel read again after its TLS session", () => {
  it("parses the commands after close_notify and rebuilds the file they move", async () => {
    const clock = new Clock();
    const c = new Conversation(clock).s("220 hi\r\n").c("AUTH TLS\r\n").s("234 go\r\n");
    c.c(record(22, 200)).s(record(22, 900)).c(record(23, 40)).s(record(23, 30));
    // CCC and its 200 under TLS, then close_notify from both sides (an alert record, TLS 1.2 style).
    c.c(record(23, 24)).s(record(23, 40)).s(record(21, 2)).c(record(21, 2));
    c.c("TYPE I\r\n").s("200 binary\r\n").c("PASV\r\n").s("227 Entering Passive Mode (10,0,0,1,4,1)\r\n").c("RETR /pub/a.png\r\n").s("150 Opening (48 bytes)\r\n");
    const d = new Conversation(clock).s(PNG);
    c.s("226 done\r\n").c("QUIT\r\n").s("221 bye\r\n");
    const { analysis } = await analyzeFtp(memorySource([c.stream(0, "10.0.0.2 40000", "10.0.0.1 21"), d.stream(1, "10.0.0.2 40001", "10.0.0.1 1025")]));
    const s = analysis.sessions[0]!;
    expect(s).toMatchObject({ encrypted: true, clearedCommandChannel: true, end: "quit" });
    expect(s.clearFrame).toBe(s.exchanges.toArray().find((e) => e.command?.verb === "TYPE")!.command!.frame);
    expect(s.exchanges.toArray().map((e) => e.command?.verb ?? e.replies[0]?.code)).toEqual([220, "AUTH", "TYPE", "PASV", "RETR", "QUIT"]);
    expect(analysis.files).toHaveLength(1);
    expect(analysis.files[0]).toMatchObject({ name: "/pub/a.png", mime: "image/png", complete: true, size: 48 });
    expect(analysis.dataChannels[0]).toMatchObject({ method: "PASV", encrypted: false, attribution: null });
  });

  it("stays encrypted while the records go on", async () => {
    const c = new Conversation().s("220 hi\r\n").c("AUTH TLS\r\n").s("234 go\r\n").c(record(22, 100)).s(record(22, 300)).c(record(23, 30));
    const { analysis } = await analyzeFtp(memorySource([c.stream(0, "10.0.0.2 40000", "10.0.0.1 21")]));
    expect(analysis.sessions[0]).toMatchObject({ encrypted: true, clearedCommandChannel: false, clearFrame: null });
    expect(analysis.sessions[0]!.exchanges).toHaveLength(2);
  });
});

describe("unattributed FTP data", () => {
  /** An FTPS session whose commands are TLS from frame 3 on, and other connections opened meanwhile. */
  async function ftps(others: (clock: Clock) => [Conversation, string, string][]) {
    const clock = new Clock();
    const c = new Conversation(clock).s("220 hi\r\n").c("AUTH TLS\r\n").s("234 go\r\n").c(record(22, 200)).s(record(22, 900));
    const extra = others(clock);
    c.c(record(23, 30)).s(record(23, 30));
    const streams = [c.stream(0, "10.0.0.2 40000", "10.0.0.1 21"), ...extra.map(([conv, a, b], i) => conv.stream(i + 1, a, b))];
    return (await analyzeFtp(memorySource(streams))).analysis;
  }

  it("takes a one-way cleartext connection of the TLS stretch for the session's data, with evidence", async () => {
    const a = await ftps((clock) => [[new Conversation(clock).s(PNG), "10.0.0.2 40001", "10.0.0.1 50000"]]);
    const dc = a.dataChannels[0]!;
    expect(dc).toMatchObject({ sessionId: 0, unexplained: true, encrypted: false, mode: "passive" });
    expect(dc.attribution).toMatchObject({ confidence: "high", candidates: 1, direction: "download", mime: "image/png" });
    expect(dc.attribution!.reasons.join(" ")).toMatch(/TLS from frame 3.*nothing the other way.*FIN/);
    const entry = exportPlan(a).find((i) => i.entry.kind === "unattributed")!.entry;
    expect(entry).toMatchObject({ path: "unattributed-stream-1-to-client.png", mime: "image/png", session: 0, confidence: "high", size: 48 });
    expect(a.alerts.filter((x) => x.kind === "unexplained-data-connection")).toEqual([]);
    const alert = a.alerts.find((x) => x.kind === "unattributed-data")!;
    expect(alert).toMatchObject({ severity: "warning", sessionIds: [0], dataChannelId: dc.id, frames: [dc.firstFrame] });
    expect(alert.message).toMatch(/^Unattributed FTP data .*tcp\.stream 1, 48 bytes server → client, image\/png\).*session 0 \(high confidence\)/);
  });

  it("never takes another protocol, a conversation or other hosts for FTP data", async () => {
    const a = await ftps((clock) => [
      [new Conversation(clock).c("SSH-2.0-OpenSSH_9.2\r\n"), "10.0.0.2 40001", "10.0.0.1 50001"],
      [new Conversation(clock).c("GET / HTTP/1.1\r\n\r\n"), "10.0.0.2 40002", "10.0.0.1 50002"],
      [new Conversation(clock).s(PNG), "10.0.0.2 40003", "10.0.0.1 80"],
      [new Conversation(clock).c("hello").s("world"), "10.0.0.2 40004", "10.0.0.1 50004"],
      [new Conversation(clock).s(PNG), "10.0.0.3 40005", "10.0.0.1 50005"],
    ]);
    expect(a.dataChannels).toEqual([]);
    expect(exportPlan(a)).toEqual([]);
  });

  it("keeps PROT P connections encrypted", async () => {
    const a = await ftps((clock) => [[new Conversation(clock).c(record(22, 100)).s(record(22, 500)), "10.0.0.2 40001", "10.0.0.1 50000"]]);
    expect(a.dataChannels[0]).toMatchObject({ encrypted: true, unexplained: false, attribution: null });
  });

  it("leaves connections of a cleartext session alone when nothing announced them", async () => {
    const clock = new Clock();
    const c = new Conversation(clock).s("220 hi\r\n").c("USER a\r\n").s("331 pw\r\n");
    const d = new Conversation(clock).s(PNG);
    c.c("PASS b\r\n").s("230 ok\r\n");
    const { analysis } = await analyzeFtp(memorySource([c.stream(0, "10.0.0.2 40000", "10.0.0.1 21"), d.stream(1, "10.0.0.2 40001", "10.0.0.1 50000")]));
    expect(analysis.dataChannels).toEqual([]);
  });
});
