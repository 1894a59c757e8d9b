/**
 * FTP-DATA payloads and the text helpers shared with FTP (format_text: ../format-text.test.ts). Expected strings are
 * what tshark 4.0.17 prints (Info column, -V text items).
 */
import { describe, expect, it } from "vitest";
import { PacketInfo } from "../packet-info";
import { CaptureState } from "../state";
import { TreeBuilder, type TreeNode } from "../tree";
import { wsFields } from "../common";
import { asciiField, cString, dissectTextLines, ftpData, hasStrayAfterNul } from "./ftp-data";

function bytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

describe("string values as Wireshark stores them", () => {
  it("ENC_ASCII: high bytes become U+FFFD, the value ends at NUL", () => {
    expect(asciiField(bytes("abc"), 0, 3)).toBe("abc");
    expect(asciiField(bytes("\xb3SER"), 0, 4)).toBe("\ufffdSER");
    expect(asciiField(bytes("\xc3\xa9"), 0, 2)).toBe("\ufffd\ufffd");
    expect(asciiField(bytes("ab\0cd"), 0, 5)).toBe("ab");
    expect(hasStrayAfterNul(bytes("ab\0cd"), 0, 5)).toBe(true);
    expect(hasStrayAfterNul(bytes("ab\0\0"), 0, 4)).toBe(false);
  });
  it("C strings: up to NUL, as UTF-8", () => {
    expect(cString(bytes("RETR \xc3\xa9\0junk"), 0, 13)).toBe("RETR é");
  });
});

function pinfoFor(tree = new TreeBuilder(wsFields.expert)): { p: PacketInfo; tree: TreeBuilder } {
  const p = new PacketInfo(tree, new CaptureState());
  p.num = 1;
  p.capLen = p.len = 200;
  p.netSrc = "203.0.113.1";
  p.netDst = "203.0.113.2";
  p.srcPort = 20;
  p.dstPort = 40000;
  p.tcpStream = 3;
  return { p, tree };
}

describe("FTP-DATA", () => {
  it("counts bytes, and shows text line by line with terminators", () => {
    const { p, tree } = pinfoFor();
    // Two CRLF lines and an unterminated third
    const data = bytes("index.html\r\nwelcome.txt\r\nlast");
    expect(ftpData.dissect(data, 0, data.length, p)).toBe(29);
    expect(p.protocol).toBe("FTP-DATA");
    expect(p.info).toBe("FTP Data: 29 bytes");
    expect(p.layers).toEqual(["ftp-data", "data-text-lines"]);
    const [proto, lines] = tree.roots as [TreeNode, TreeNode];
    expect(proto.label).toBe("FTP Data (29 bytes data)");
    expect(lines.label).toBe("Line-based text data (3 lines)");
    expect(lines.children!.map((n) => [n.label, n.offset, n.length])).toEqual([
      ["index.html\\r\\n", 0, 12],
      ["welcome.txt\\r\\n", 12, 13],
      ["last", 25, 4],
    ]);
  });

  it("decides text from the first 20 bytes only", () => {
    // Binary within the first 20 bytes: no text lines
    let { p } = pinfoFor();
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    ftpData.dissect(png, 0, png.length, p);
    expect(p.layers).toEqual(["ftp-data"]);
    // A tab is not printable for this test either
    ({ p } = pinfoFor());
    ftpData.dissect(bytes("a\tb"), 0, 3, p);
    expect(p.layers).toEqual(["ftp-data"]);
    // Binary after byte 20: still text
    ({ p } = pinfoFor());
    const late = bytes("01234567890123456789\x00\x01\x02");
    ftpData.dissect(late, 0, late.length, p);
    expect(p.layers).toEqual(["ftp-data", "data-text-lines"]);
  });

  it("reports the on-the-wire length of a snapped segment", () => {
    const { p } = pinfoFor();
    p.capLen = 100;
    p.len = 1514;
    const data = new Uint8Array(100).fill(0x41);
    // The payload starts at 54 and runs to the end of the captured bytes
    ftpData.dissect(data, 54, 100, p);
    expect(p.info).toBe("FTP Data: 1460 bytes");
  });

  it("shows a CR at the very end as a line of its own terminator", () => {
    const { p, tree } = pinfoFor();
    dissectTextLines(bytes("a\rb\n\r"), 0, 5, p);
    expect(tree.roots[0]!.children!.map((n) => n.label)).toEqual(["a\\r", "b\\n", "\\r"]);
  });
});
