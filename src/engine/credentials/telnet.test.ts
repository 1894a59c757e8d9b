import { describe, expect, it } from "vitest";
import { TELNET } from "./services";
import { bytes, Conversation, findingsOf } from "./testing";

const IAC = 255;
const WILL = 251;
const DO = 253;
const SB = 250;
const SE = 240;
const ECHO = 1;

describe("Telnet login (RFC 854)", () => {
  it("character mode: each key its own segment, echoed by the server, options negotiated between, a backspace", async () => {
    const conv = new Conversation()
      .c(bytes([IAC, DO, 3, IAC, WILL, 24]))
      .s(bytes([IAC, SB, 24, 1, IAC, SE], "\r\nDebian GNU/Linux 12\r\nhost login: "));
    for (const ch of "roox") conv.c(ch).s(ch);
    conv.c(bytes([0x7f])).s("\b \b").c("t").s("t").c("\r\n").s(bytes("\r\n", [IAC, WILL, ECHO], "Password: "));
    for (const ch of "toor") conv.c(ch);
    conv.c(bytes("\r", [0])).s("\r\nLast login: Mon Dec  7 on pts/0\r\nroot@host:~# ");
    const found = await findingsOf(conv, TELNET, 23);
    expect(found.map(({ kind, user, secret, result }) => ({ kind, user, secret, result }))).toEqual([
      { kind: "Telnet login", user: "root", secret: "toor", result: "success" },
    ]);
  });

  it("a rejected login and a new prompt; a literal 0xff (IAC IAC) in a password", async () => {
    const conv = new Conversation()
      .s("login: ")
      .c("admin\r\n")
      .s("Password:")
      .c(bytes("pa", [IAC, IAC], "ss\r\n"))
      .s("\r\nLogin incorrect\r\nlogin: ")
      .c("guest\r\n");
    const found = await findingsOf(conv, TELNET, 23);
    expect(found.map(({ user, secret, result }) => ({ user, secret, result }))).toEqual([
      { user: "admin", secret: "pa\ufffdss", result: "failed" },
      { user: "guest", secret: null, result: "unknown" },
    ]);
  });

  it("a long banner in the prompt's segment: its end is the prompt", async () => {
    const conv = new Conversation().s(`${"Authorized use only. ".repeat(600)}\r\nUsername: `).c("svc\r\n").s("Password: ").c("pw\r\n").s("% Login invalid\r\n");
    const found = await findingsOf(conv, TELNET, 23);
    expect(found.map(({ user, secret, result }) => ({ user, secret, result }))).toEqual([{ user: "svc", secret: "pw", result: "failed" }]);
  });
});
