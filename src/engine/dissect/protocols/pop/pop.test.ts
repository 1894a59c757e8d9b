/**
 * POP3 from hand-built lines in Ethernet/IPv4/TCP segments through the whole
 * engine: requests and replies, and retrieved messages handed to IMF. The
 * expected columns and fields are what tshark 4.0.17 shows for the same
 * segments (checked with a capture built from them); real captures are
 * compared in src/cli/mail-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { type Host, tcpCapture } from "../ip-testing";

const client: Host = { ip: [192, 0, 2, 10], port: 40000 };
const server: Host = { ip: [198, 51, 100, 25], port: 110 };

describe("POP", () => {
  it("shows requests as C: and replies as S:, with command and indicator fields", () => {
    const cap = tcpCapture();
    const ready = cap.send(server, client, "+OK ready\r\n");
    expect([ready.protocol, ready.info]).toEqual(["POP", "S: +OK ready"]);
    expect(ready.f("pop.response.indicator")).toBe("+OK");
    expect(ready.f("pop.response.description")).toBe("ready");
    const user = cap.send(client, server, "USER alice\r\n");
    expect(user.info).toBe("C: USER alice");
    expect(user.f("pop.request.command")).toBe("USER");
    expect(user.f("pop.request.parameter")).toBe("alice");
  });

  it("collects RETR data up to the size the reply announced, then hands the message to IMF", () => {
    const cap = tcpCapture();
    const m1 = "From: a@example.org\r\nSubject: one\r\n\r\nline1\r\n";
    const m2 = "line2\r\n.\r\n";
    cap.send(client, server, "RETR 1\r\n");
    // RFC 1939 §11: "+OK 54 octets" — tshark counts the data up to that many bytes.
    cap.send(server, client, "+OK 54 octets\r\n");
    const first = cap.send(server, client, m1);
    expect([first.protocol, first.info]).toEqual(["POP", "S: DATA fragment, 44 bytes"]);
    const last = cap.send(server, client, m2);
    expect(last.protocol).toBe("POP/IMF");
    expect(last.info).toBe("from: a@example.org, subject: one, , line1  , line2  , .  ");
    expect(last.f("imf.subject")).toBe("one");
    expect(cap.again(4).info).toBe("from: a@example.org, subject: one, , line1  , line2  , .  "); // frame 4: the last data segment
  });

  it("takes each data segment as a message of its own when no size was announced", () => {
    const cap = tcpCapture();
    cap.send(client, server, "RETR 2\r\n");
    cap.send(server, client, "+OK\r\n");
    const message = cap.send(server, client, "Subject: two\r\n\r\nbody\r\n.\r\n");
    expect([message.protocol, message.info]).toEqual(["POP/IMF", "subject: two, , body  , .  "]);
    expect(cap.send(client, server, "QUIT\r\n").info).toBe("C: QUIT");
  });
});
