import { describe, expect, it } from "vitest";
import { imapArguments } from "./imap";
import { IMAP, POP3, SMTP } from "./services";
import { Conversation, findingsOf } from "./testing";

const pick = (f: { kind: string; user: string; secret: string | null; result: string; frame: number }[]) =>
  f.map(({ kind, user, secret, result, frame }) => ({ kind, user, secret, result, frame }));

describe("SMTP AUTH (RFC 4954)", () => {
  it("AUTH LOGIN over 334 challenges, accepted by 235", async () => {
    const conv = new Conversation()
      .s("220 mail.example ESMTP\r\n")
      .c("EHLO client\r\n")
      .s("250-mail.example\r\n250 AUTH LOGIN PLAIN\r\n")
      .c("AUTH LOGIN\r\n")
      .s("334 VXNlcm5hbWU6\r\n")
      .c(`${btoa("bob@example.com")}\r\n`)
      .s("334 UGFzc3dvcmQ6\r\n")
      // The answer split across two segments.
      .c(btoa("s3cr3t!").slice(0, 4))
      .c(`${btoa("s3cr3t!").slice(4)}\r\n`)
      .s("235 2.7.0 Authentication successful\r\n");
    expect(pick(await findingsOf(conv, SMTP, 25))).toEqual([{ kind: "SMTP AUTH LOGIN", user: "bob@example.com", secret: "s3cr3t!", result: "success", frame: 9 }]);
  });

  it("AUTH PLAIN with an initial response, rejected by 535; then a second try after the empty challenge", async () => {
    const conv = new Conversation()
      .s("220 mx\r\n")
      .c(`AUTH PLAIN ${btoa("\0carol\0wrong")}\r\n`)
      .s("535 5.7.8 Authentication credentials invalid\r\n")
      .c("AUTH PLAIN\r\n")
      .s("334 \r\n")
      .c(`${btoa("\0carol\0right")}\r\n`)
      .s("235 ok\r\n");
    const found = await findingsOf(conv, SMTP, 587);
    expect(pick(found)).toEqual([
      { kind: "SMTP AUTH PLAIN", user: "carol", secret: "wrong", result: "failed", frame: 2 },
      { kind: "SMTP AUTH PLAIN", user: "carol", secret: "right", result: "success", frame: 6 },
    ]);
    expect(found[0]!.client).toEqual({ address: "192.0.2.10", port: 40000 });
    expect(found[0]!.server).toEqual({ address: "192.0.2.20", port: 587 });
  });

  it("mail text that looks like base64 after an exchange is not an answer", async () => {
    const conv = new Conversation().s("220 mx\r\n").c("AUTH LOGIN\r\n").s("334 VXNlcm5hbWU6\r\n").c("*\r\n").s("501 cancelled\r\n").c("DATA\r\n").c("Zm9v\r\n");
    expect(await findingsOf(conv, SMTP, 25)).toEqual([]);
  });
});

describe("POP3 (RFC 1939, RFC 5034)", () => {
  it("USER/PASS accepted, APOP rejected (the digest, not a password), a USER alone", async () => {
    const conv = new Conversation()
      .s("+OK POP3 ready <1896.697170952@dbc.mtview.ca.us>\r\n")
      .c("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n")
      .s("-ERR permission denied\r\n")
      .c("user mrose\r\n")
      .s("+OK\r\n")
      .c("pass tanstaaf\r\n")
      .s("+OK maildrop has 1 message\r\n")
      .c("USER someone\r\n");
    expect(pick(await findingsOf(conv, POP3, 110))).toEqual([
      { kind: "POP3 APOP", user: "mrose", secret: "c4c9334bac560ecc979e58001b3e22fb", result: "failed", frame: 2 },
      { kind: "POP3 USER/PASS", user: "mrose", secret: "tanstaaf", result: "success", frame: 6 },
      { kind: "POP3 USER/PASS", user: "someone", secret: null, result: "unknown", frame: 8 },
    ]);
  });

  it("AUTH PLAIN after '+ ', rejected by -ERR", async () => {
    const conv = new Conversation().s("+OK\r\n").c("AUTH PLAIN\r\n").s("+ \r\n").c(`${btoa("\0dan\0pw")}\r\n`).s("-ERR authentication failed\r\n");
    expect(pick(await findingsOf(conv, POP3, 110))).toEqual([{ kind: "POP3 AUTH PLAIN", user: "dan", secret: "pw", result: "failed", frame: 4 }]);
  });
});

describe("IMAP (RFC 3501)", () => {
  it("arguments: atoms, quoted strings with escapes, literals", () => {
    expect(imapArguments('a1 LOGIN "fred \\"the\\" smith" pass\\word')).toEqual(["a1", "LOGIN", 'fred "the" smith', "pass\\word"]);
    expect(imapArguments("a2 LOGIN {4}\r\nfred {6}\r\nse cr")).toEqual(["a2", "LOGIN", "fred", "se cr"]);
  });

  it("LOGIN with a literal password, then NO; LOGIN accepted by the tagged OK (untagged lines between)", async () => {
    const conv = new Conversation()
      .s("* OK IMAP4rev1 ready\r\n")
      .c("a001 LOGIN erin {5}\r\n")
      .s("+ go ahead\r\n")
      .c("wrong\r\n")
      .s("a001 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n")
      .c('a002 LOGIN "erin" "right one"\r\n')
      .s("* CAPABILITY IMAP4rev1\r\na002 OK LOGIN completed\r\n");
    expect(pick(await findingsOf(conv, IMAP, 143))).toEqual([
      { kind: "IMAP LOGIN", user: "erin", secret: "wrong", result: "failed", frame: 4 },
      { kind: "IMAP LOGIN", user: "erin", secret: "right one", result: "success", frame: 6 },
    ]);
  });

  it("AUTHENTICATE PLAIN after a continuation", async () => {
    const conv = new Conversation().s("* OK\r\n").c("x AUTHENTICATE PLAIN\r\n").s("+ \r\n").c(`${btoa("\0frank\0pw1")}\r\n`).s("x OK done\r\n");
    expect(pick(await findingsOf(conv, IMAP, 143))).toEqual([{ kind: "IMAP AUTHENTICATE PLAIN", user: "frank", secret: "pw1", result: "success", frame: 4 }]);
  });
});
