/**
 * IMAP from hand-built lines in Ethernet/IPv4/TCP segments through the whole
 * engine. The expected columns and fields are what tshark 4.0.17 shows for
 * the same segments (checked with a capture built from them); real captures
 * are compared in src/cli/mail-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { type Host, tcpCapture } from "../ip-testing";

const client: Host = { ip: [192, 0, 2, 10], port: 40001 };
const server: Host = { ip: [198, 51, 100, 25], port: 143 };

describe("IMAP", () => {
  it("shows the first tagged line, pairs requests and responses by tag, and reads LOGIN and SELECT", () => {
    const cap = tcpCapture();
    const greeting = cap.send(server, client, "* OK ready\r\n");
    expect([greeting.protocol, greeting.info]).toEqual(["IMAP", "Response: * OK ready"]);
    const login = cap.send(client, server, 'a1 LOGIN bob "pw"\r\n');
    expect(login.info).toBe('Request: a1 LOGIN bob "pw"');
    expect([login.f("imap.request_tag"), login.f("imap.request.command"), login.f("imap.request.username"), login.f("imap.request.password")]).toEqual(["a1", "LOGIN", "bob", "pw"]);
    const ok = cap.send(server, client, "a1 OK LOGIN done\r\n");
    // Frame 2 is the LOGIN, frame 3 its response.
    expect([ok.f("imap.response_tag"), ok.f("imap.response.status"), ok.f("imap.response_to")]).toEqual(["a1", "OK", "2"]);
    expect(cap.send(client, server, "a2 SELECT INBOX\r\n").f("imap.request.folder")).toBe("INBOX");
    // Only untagged lines: Info is the segment's start, as long as its last line.
    expect(cap.send(server, client, "* 1 EXISTS\r\n* 0 RECENT\r\n").info).toBe("Response: * 1 EXISTS");
    // Re-dissected, a request knows its response.
    expect(cap.again(2).f("imap.response_in")).toBe("3");
  });

  it("waits for a FETCH literal and hands it to IMF", () => {
    const cap = tcpCapture();
    const fetch = cap.send(client, server, "a3 UID FETCH 1 (BODY[])\r\n");
    expect([fetch.f("imap.request.command"), fetch.f("imap.request.command.uid")]).toEqual(["FETCH", "1"]);
    const literal = "From: x@example.org\r\nSubject: hi\r\n\r\nbody\r\n";
    // RFC 3501 §4.3: "{N}" announces N bytes after the line.
    const head = cap.send(server, client, `* 1 FETCH (UID 7 BODY[] {${literal.length}}\r\n`);
    expect(head.protocol).toBe("TCP");
    expect(head.info).toContain("[TCP segment of a reassembled PDU]");
    const rest = cap.send(server, client, `${literal})\r\na3 OK FETCH done\r\n`);
    expect([rest.protocol, rest.info]).toEqual(["IMAP/IMF", "from: x@example.org, subject: hi, , body  "]);
    expect(rest.f("imap.response_tag")).toBe("),a3");
  });
});
