import { describe, expect, it } from "vitest";
import { gzipSync } from "fflate";
import { parseMessages, type RequestMethodAt } from "./messages";
import { decodeBody } from "./objects";
import { baseExportName, ExportNamer, massageName, pathBasename } from "./export-names";

const enc = new TextEncoder();
const bytes = (...parts: (string | Uint8Array)[]): Uint8Array => {
  const arrays = parts.map((p) => (typeof p === "string" ? enc.encode(p) : p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
};

/** One segment holding everything, no holes. */
function parse(data: Uint8Array, ended = true, methodAt: RequestMethodAt = () => null) {
  return parseMessages(data, () => false, () => data.length, ended, methodAt);
}

describe("HTTP message framing (Wireshark 4.0's rules)", () => {
  it("a keep-alive direction: Content-Length, chunked, then a body read to the connection's end", () => {
    const data = bytes(
      "HTTP/1.1 200 OK\r\nContent-Type: Text/HTML; charset=utf-8\r\nContent-Length: 5\r\n\r\nhello",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n",
      "HTTP/1.0 200 OK\r\n\r\nrest of the connection",
    );
    const m = parse(data);
    expect(m.map((x) => [x.framing, x.status, x.complete, new TextDecoder().decode(data.subarray(x.bodyStart, x.end))])).toEqual([
      ["length", 200, true, "hello"],
      ["chunked", 200, true, "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n"],
      ["close", 200, true, "rest of the connection"],
    ]);
    expect(m[0]!.contentType).toBe("text/html");
    // Without the sender's FIN the last body never ends: Wireshark waits.
    expect(parse(data, false)[2]!.complete).toBe(false);
  });

  it("requests without a length have no body; HEAD's, 1xx, 204 and 304 responses neither", () => {
    const req = parse(bytes("GET /a HTTP/1.1\r\nHost: h\r\n\r\nHEAD /b HTTP/1.1\r\n\r\n"));
    expect(req.map((r) => [r.method, r.uri, r.host, r.bodyStart === r.end])).toEqual([
      ["GET", "/a", "h", true],
      ["HEAD", "/b", null, true],
    ]);
    const res = bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 304 Not Modified\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
    const m = parse(res, true, () => "HEAD");
    expect(m.map((x) => [x.status, x.framing, x.end - x.bodyStart])).toEqual([
      [100, "none", 0],
      [304, "none", 0],
      [200, "none", 0],
    ]);
  });

  it("a body the capture cuts short, or with a hole, is incomplete; bytes that start no message are skipped by segment", () => {
    const cut = parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"));
    expect(cut[0]!.complete).toBe(false);
    const data = bytes("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd");
    expect(parseMessages(data, (f, t) => f <= 40 && t > 40, () => data.length, true, () => null)[0]!.complete).toBe(false);
    const garbage = bytes("\x16\x03\x01junk", "GET / HTTP/1.1\r\n\r\n");
    expect(parseMessages(garbage, () => false, (o) => (o < 7 ? 7 : garbage.length), true, () => null).map((x) => x.start)).toEqual([7]);
  });
});

describe("HTTP object bodies", () => {
  it("de-chunked then content-decoded; codings Wireshark leaves as data give no object", () => {
    const text = enc.encode("the object's bytes ".repeat(50));
    const gz = gzipSync(text);
    const chunked = bytes(`${(100).toString(16)}\r\n`, gz.subarray(0, 100), `\r\n${(gz.length - 100).toString(16)}\r\n`, gz.subarray(100), "\r\n0\r\n\r\n");
    expect(decodeBody(chunked, { chunked: true, transferEncoding: null, contentEncoding: "gzip" }).data).toEqual(text);
    expect(decodeBody(gz, { chunked: false, transferEncoding: "gzip", contentEncoding: null }).data).toBeNull();
    expect(decodeBody(gz, { chunked: false, transferEncoding: null, contentEncoding: "br" }).data).toBeNull();
    expect(decodeBody(bytes("0\r\n\r\n"), { chunked: true, transferEncoding: null, contentEncoding: null }).data).toBeNull();
  });
});

describe("tshark's export names", () => {
  it("the URI's basename with forbidden characters as %xx", () => {
    expect(pathBasename("/")).toBe("/");
    expect(pathBasename("")).toBe(".");
    expect(pathBasename("/a/b/")).toBe("b");
    expect(massageName(pathBasename("/cgi/log.php3?URL=x&y=1"), 0)).toBe("log.php3%3fURL=x&y=1");
    expect(massageName("/", 0)).toBe("%2f");
    expect(massageName("a\\..\\b\x01", 0)).toBe("a%5c..%5cb%01");
    expect(baseExportName(null, 12, "text/html")).toBe("object12.text/html");
    expect(baseExportName(null, 12, null)).toBe("object12");
    expect(baseExportName("/a/b.txt\0/../../etc/passwd", 1, null)).toBe("b.txt");
  });

  it("taken names numbered before the extension; '.' and '..' are always taken; 255 characters at most", () => {
    const namer = new ExportNamer((n) => n === "old.css");
    expect(["login.php", "login.php", "login.php", "old.css", "..", "x"].map((n) => namer.next(n))).toEqual([
      "login.php",
      "login(1).php",
      "login(2).php",
      "old(1).css",
      ".(1).",
      "x",
    ]);
    const long = "a".repeat(300) + ".html";
    expect(massageName(long, 0)).toBe("a".repeat(250) + ".html");
    expect(massageName(long, 3)).toBe("a".repeat(247) + "(3).html");
  });
});
