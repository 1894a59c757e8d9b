/**
 * Telnet from hand-built segments (RFC 854 commands, RFC 1073 NAWS, RFC 1091
 * terminal type) through the whole engine; expected values are what tshark
 * 4.0.17 shows for the same segments (checked with a capture built from
 * them). Real captures: src/cli/mail-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { type Host, tcpCapture } from "../ip-testing";

const client: Host = { ip: [192, 0, 2, 10], port: 40002 };
const server: Host = { ip: [198, 51, 100, 25], port: 23 };
const IAC = 255;
const SB = 250;
const SE = 240;

describe("Telnet", () => {
  it("shows Telnet Data ... with each negotiation's command and option", () => {
    const cap = tcpCapture();
    const r = cap.send(server, client, [IAC, 253, 24, IAC, 253, 31]); // DO Terminal Type, DO NAWS
    expect([r.protocol, r.info]).toEqual(["TELNET", "Telnet Data ..."]);
    expect([r.f("telnet.cmd"), r.f("telnet.subcmd")]).toEqual(["253,253", "24,31"]);
  });

  it("reads the window size and the terminal type suboptions", () => {
    const cap = tcpCapture();
    const naws = cap.send(client, server, [IAC, SB, 31, 0, 80, 0, 24, IAC, SE]); // width 80, height 24
    expect([naws.f("telnet.cmd"), naws.f("telnet.naws_subopt.width"), naws.f("telnet.naws_subopt.height")]).toEqual(["250,240", "80", "24"]);
    const send = cap.send(server, client, [IAC, SB, 24, 1, IAC, SE]); // SEND your terminal type
    expect(send.f("telnet.subcmd")).toBe("24,1");
    const is = cap.send(client, server, [IAC, SB, 24, 0, ...Array.from("xterm", (c) => c.charCodeAt(0)), IAC, SE]); // IS xterm
    expect([is.f("telnet.subcmd"), is.f("telnet.string_subopt.value")]).toEqual(["24,0", "xterm"]);
  });

  it("shows text a line at a time, and an IAC cut off at the segment's end as malformed", () => {
    const cap = tcpCapture();
    expect(cap.send(client, server, "bob\r\n").f("telnet.data")).toBe("bob\\r\\n");
    const cut = cap.send(server, client, [IAC]);
    expect(cut.info).toBe("Telnet Data ...[Malformed Packet]");
  });
});
