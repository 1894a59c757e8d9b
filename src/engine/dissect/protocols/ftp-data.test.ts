/**
 * FTP-DATA payloads and the text helpers it shares with FTP (format_text:
 * ../format-text.test.ts), from hand-built Ethernet/IPv4/TCP segments
 * dissected through the whole engine: data connections from port 20, which
 * TCP hands to FTP-DATA by port, and FTP control lines for the values FTP
 * stores with those helpers. Expected strings are what tshark 4.0.17 prints
 * (Info column, -T fields, -V text items).
 */
import { describe, expect, it } from "vitest";
import type { TreeNode } from "../tree";
import type { Result, RunOptions } from "./testing";
import { type Host, type Payload, TCP_IPV4_HEADERS, tcpCapture } from "./ip-testing";

const SERVER: Host = { ip: [203, 0, 113, 1], port: 21 };
const CLIENT: Host = { ip: [203, 0, 113, 2], port: 40000 };
/** The server's active-mode data port (RFC 959 §3.2: L-1). */
const DATA_PORT = 20;

/** A data-connection segment from the server's port 20, in a capture of its own. */
function data(payload: Payload, o?: RunOptions & { snap?: number }): Result {
  return tcpCapture().send({ ...SERVER, port: DATA_PORT }, CLIENT, payload, o);
}

/** [label, offset in the TCP payload, length] of a tree item's children. */
const lines = (n: TreeNode): [string | undefined, number, number][] => (n.children ?? []).map((c) => [c.label, c.offset - TCP_IPV4_HEADERS, c.length]);
const item = (r: Result, abbrev: string): TreeNode => r.tree.find((n) => n.field.abbrev === abbrev)!;

describe("string values as Wireshark stores them", () => {
  /** One request on a control connection, in a capture of its own. */
  const request = (text: string): Result => tcpCapture().send(CLIENT, SERVER, text);

  it("ENC_ASCII: high bytes become U+FFFD, the value ends at NUL", () => {
    expect(request("abc\r\n").f("ftp.request.command")).toBe("abc");
    expect(request("\xb3SER\r\n").f("ftp.request.command")).toBe("\ufffdSER");
    expect(request("CWD \xc3\xa9\r\n").f("ftp.request.arg")).toBe("\ufffd\ufffd");
    // Characters after the NUL are "stray"; more NULs are not.
    const stray = request("USER ab\0cd\r\n");
    expect([stray.f("ftp.request.arg"), stray.f("_ws.expert.message")]).toEqual(["ab", "Trailing stray characters"]);
    const nuls = request("USER ab\0\0\r\n");
    expect([nuls.f("ftp.request.arg"), nuls.f("_ws.expert.message")]).toEqual(["ab", ""]);
  });

  it("C strings: up to NUL, as UTF-8", () => {
    // The request a data connection answers is kept as a C string.
    const cap = tcpCapture();
    cap.send(SERVER, CLIENT, "227 Entering Passive Mode (203,0,113,1,4,1).\r\n");
    cap.send(CLIENT, SERVER, "RETR \xc3\xa9\0junk\r\n");
    const d = cap.send({ ...SERVER, port: 1025 }, CLIENT, "x\r\n");
    expect(d.f("ftp-data.command")).toBe("RETR é");
  });
});

describe("FTP-DATA", () => {
  it("counts bytes, and shows text line by line with terminators", () => {
    // Two CRLF lines and an unterminated third
    const r = data("index.html\r\nwelcome.txt\r\nlast", { tree: true });
    expect(r.protocol).toBe("FTP-DATA");
    expect(r.info).toBe("FTP Data: 29 bytes");
    expect(r.layers).toBe("eth:ethertype:ip:tcp:ftp-data:data-text-lines");
    const proto = item(r, "ftp-data");
    expect([proto.label, proto.offset - TCP_IPV4_HEADERS, proto.length]).toEqual(["FTP Data (29 bytes data)", 0, 29]);
    const text = item(r, "data-text-lines");
    expect(text.label).toBe("Line-based text data (3 lines)");
    expect(lines(text)).toEqual([
      ["index.html\\r\\n", 0, 12],
      ["welcome.txt\\r\\n", 12, 13],
      ["last", 25, 4],
    ]);
  });

  it("decides text from the first 20 bytes only", () => {
    // Binary within the first 20 bytes: no text lines
    expect(data([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).layers).toBe("eth:ethertype:ip:tcp:ftp-data");
    // A tab is not printable for this test either
    expect(data("a\tb").layers).toBe("eth:ethertype:ip:tcp:ftp-data");
    // Binary after byte 20: still text
    expect(data("01234567890123456789\x00\x01\x02").layers).toBe("eth:ethertype:ip:tcp:ftp-data:data-text-lines");
  });

  it("reports the on-the-wire length of a snapped segment", () => {
    // A full-size segment (1514-byte frame) of which 100 bytes were captured: 54 of headers, 46 of payload
    const r = data(new Array<number>(1460).fill(0x41), { snap: 100 - TCP_IPV4_HEADERS });
    expect([r.f("frame.cap_len"), r.f("frame.len")]).toEqual(["100", "1514"]);
    expect(r.info).toBe("FTP Data: 1460 bytes");
  });

  it("shows a CR at the very end as a line of its own terminator", () => {
    const r = data("a\rb\n\r", { tree: true });
    expect(lines(item(r, "data-text-lines")).map(([label]) => label)).toEqual(["a\\r", "b\\n", "\\r"]);
  });
});
