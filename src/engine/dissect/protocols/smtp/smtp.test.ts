/**
 * SMTP from hand-built client and server lines in Ethernet/IPv4/TCP segments
 * through the whole engine, and the message after DATA handed to IMF.
 * Expected columns and fields are what tshark 4.0.17 shows for the same
 * exchange (its default preferences: AUTH lines are not base64-decoded).
 * The comparison with tshark on real captures is src/cli/mail-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { type Host, tcpCapture } from "../ip-testing";

const client: Host = { ip: [192, 0, 2, 10], port: 40000 };
const server: Host = { ip: [198, 51, 100, 25], port: 25 };

describe("SMTP", () => {
  it("shows commands as C: and replies as S:, a multi-line reply's continuation lines without their code", () => {
    const cap = tcpCapture();
    const greeting = cap.send(server, client, "220 mx.example ESMTP\r\n");
    expect([greeting.protocol, greeting.info]).toEqual(["SMTP", "S: 220 mx.example ESMTP"]);
    expect(greeting.f("smtp.response.code")).toBe("220");
    expect(greeting.f("smtp.rsp.parameter")).toBe("mx.example ESMTP");
    const ehlo = cap.send(client, server, "EHLO client.example\r\n");
    expect(ehlo.info).toBe("C: EHLO client.example");
    expect(ehlo.f("smtp.req.command")).toBe("EHLO");
    expect(ehlo.f("smtp.req.parameter")).toBe("client.example");
    // RFC 5321 §4.2.1: "250-" continues, "250 " ends; one response item, one code.
    const caps = cap.send(server, client, "250-mx.example\r\n250-PIPELINING\r\n250 AUTH LOGIN PLAIN\r\n");
    expect(caps.info).toBe("S: 250-mx.example | PIPELINING | AUTH LOGIN PLAIN");
    expect(caps.f("smtp.response.code")).toBe("250");
    expect(caps.f("smtp.rsp.parameter")).toBe("mx.example,PIPELINING,AUTH LOGIN PLAIN");
    // Pipelined commands in one segment (RFC 2920) are joined by " | ".
    const piped = cap.send(client, server, "MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n");
    expect(piped.info).toBe("C: MAIL FROM:<a@example.org> | RCPT TO:<b@example.net>");
  });

  it("follows AUTH LOGIN: the user name and password lines as tshark labels them (not decoded)", () => {
    const cap = tcpCapture();
    cap.send(client, server, "AUTH LOGIN\r\n");
    cap.send(server, client, "334 VXNlcm5hbWU6\r\n");
    const user = cap.send(client, server, "dXNlcg==\r\n");
    expect(user.info).toBe("C: User: dXNlcg==");
    expect(user.f("smtp.auth.username")).toBe("dXNlcg==");
    cap.send(server, client, "334 UGFzc3dvcmQ6\r\n");
    const pass = cap.send(client, server, "c2VjcmV0\r\n");
    expect(pass.info).toBe("C: Pass: c2VjcmV0");
    expect(pass.f("smtp.auth.password")).toBe("c2VjcmV0");
    expect(cap.send(server, client, "235 ok\r\n").info).toBe("S: 235 ok");
    // After the exchange a line is a command again.
    expect(cap.send(client, server, "NOOP\r\n").info).toBe("C: NOOP");
  });

  it("shows AUTH PLAIN with its initial response as the line itself", () => {
    const cap = tcpCapture();
    const plain = cap.send(client, server, "AUTH PLAIN AHVzZXIAc2VjcmV0\r\n");
    expect(plain.info).toBe("C: AUTH PLAIN AHVzZXIAc2VjcmV0");
    expect(plain.f("smtp.auth.username_password")).toBe("AHVzZXIAc2VjcmV0");
  });

  it("warns on AUTH PLAIN credentials, inline or after an empty 334, as decode_plain_auth does with decoding off", () => {
    const inline = tcpCapture().send(client, server, "AUTH PLAIN AHVzZXIAc2VjcmV0\r\n");
    const cap = tcpCapture();
    cap.send(client, server, "AUTH PLAIN\r\n");
    cap.send(server, client, "334 \r\n");
    // curl sends the credentials this way (the recorded mail fixture)
    const after = cap.send(client, server, "AHVzZXIAc2VjcmV0\r\n");
    expect(after.info).toBe("C: AHVzZXIAc2VjcmV0");
    for (const r of [inline, after]) {
      expect(r.f("smtp.auth.username_password")).toBe("AHVzZXIAc2VjcmV0");
      expect(r.f("_ws.expert.message")).toBe("base64 decode failed or is not enabled (check SMTP preferences)");
      expect(r.f("_ws.expert.group")).toBe(String(0x09000000)); // PI_PROTOCOL
    }
  });

  it("collects the message after DATA as fragments and hands it to IMF at the end-of-message line", () => {
    const cap = tcpCapture();
    cap.send(client, server, "DATA\r\n");
    cap.send(server, client, "354 go ahead\r\n");
    const part1 = "From: Alice <a@example.org>\r\nTo: b@example.net\r\nSubject: hello\r\n";
    const first = cap.send(client, server, part1);
    expect([first.protocol, first.info]).toEqual(["SMTP", `C: DATA fragment, ${part1.length} bytes`]);
    const part2 = "Date: Mon, 7 Dec 2026 03:00:00 +0000\r\nMessage-ID: <1@example.org>\r\n\r\nHi Bob.\r\n";
    cap.send(client, server, part2);
    const eom = cap.send(client, server, ".\r\n");
    expect(eom.protocol).toBe("SMTP/IMF");
    // No Content-Type: the body's lines follow the header summary (format_text_wsp, CRLF as blanks).
    expect(eom.info).toBe("from: Alice <a@example.org>, subject: hello, , Hi Bob.  ");
    expect(eom.f("imf.from")).toBe("Alice <a@example.org>");
    expect(eom.f("imf.to")).toBe("b@example.net");
    expect(eom.f("imf.date")).toBe("Mon, 7 Dec 2026 03:00:00 +0000");
    expect(eom.f("imf.message_id")).toBe("<1@example.org>");
    // Address parts as Wireshark splits them: each runs to the header's end, its CRLF included.
    expect(eom.f("imf.mailbox_list.item")).toBe("Alice <a@example.org>\\r\\n");
    expect(eom.f("imf.display_name")).toBe("Alice");
    expect(eom.f("imf.address")).toBe("a@example.org,b@example.net\\r\\n");
    expect(eom.f("smtp.data.reassembled.length")).toBe(String(part1.length + part2.length));
    // Re-dissected (details pane), the frame finds the message it finished.
    const again = cap.again(5); // frame 5: the end-of-message line
    expect([again.protocol, again.info]).toEqual(["SMTP/IMF", "from: Alice <a@example.org>, subject: hello, , Hi Bob.  "]);
    const nextCommand = cap.send(client, server, "QUIT\r\n");
    expect(nextCommand.info).toBe("C: QUIT");
  });

  /** DATA, 354, then one segment: a multipart/mixed message with these parts ([type, transfer encoding, body]) and the end-of-message line. */
  function sendMultipart(subject: string, parts: [string, string, string][]) {
    const cap = tcpCapture();
    cap.send(client, server, "DATA\r\n");
    cap.send(server, client, "354 go ahead\r\n");
    const head = [`Subject: ${subject}`, 'Content-Type: multipart/mixed; boundary="b1"', ""];
    const body = parts.flatMap(([type, cte, text]) => ["--b1", `Content-Type: ${type}`, ...(cte ? [`Content-Transfer-Encoding: ${cte}`] : []), "", text]);
    return cap.send(client, server, [...head, ...body, "--b1--", ".", ""].join("\r\n"));
  }

  it("ends a message whose last segment carries the dot, and names the MIME parts' text types", () => {
    const all = sendMultipart("parts", [
      ["text/plain; charset=us-ascii", "", "text"],
      ["application/octet-stream", "", "AAAA"],
    ]);
    expect(all.protocol).toBe("SMTP/IMF");
    expect(all.info).toBe("subject: parts,  (text/plain)");
    expect(all.f("imf.content.type")).toBe('multipart/mixed; boundary="b1"');
  });

  it("names a part no dissector takes by its type, as Wireshark's media dissector does (tshark 4.0.17)", () => {
    const all = sendMultipart("attachments", [
      ["text/plain", "base64", "dGV4dA=="],
      // base64 text lacks the PNG signature: Wireshark's PNG dissector declines it and "media" writes the type
      ["image/png", "base64", "iVBORw0KGgo="],
      ["application/pdf", "base64", "JVBERi0="],
      // taken by a dissector that writes nothing
      ["application/octet-stream", "base64", "AAAA"],
      ["text/csv", "base64", "YSxi"],
    ]);
    expect(all.info).toBe("subject: attachments,  (text/plain) (image/png) (application/pdf) (text/csv)");
  });

  it("asks TCP for the next segment when a command line is cut", () => {
    const cap = tcpCapture();
    const head = cap.send(client, server, "MAIL FROM:<a@exa");
    expect([head.protocol, head.info]).toEqual(["TCP", expect.stringContaining("[TCP segment of a reassembled PDU]")]);
    const tail = cap.send(client, server, "mple.org>\r\n");
    expect(tail.info).toBe("C: MAIL FROM:<a@example.org>");
  });
});
