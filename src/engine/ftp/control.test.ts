import { describe, expect, it } from "vitest";
import { parseEprt, parseEpsvReply, parseHostPort, parseLongHostPort } from "./addresses";
import { ControlParser, type ControlPiece } from "./control";
import { parseListing } from "./listing";
import { sniffMime } from "./magic";
import { joinPath, parse257 } from "./paths";

/** Feeds pieces: ["c", text] from the client, ["s", text] from the server, "gap-c"/"gap-s" for holes; one frame each. */
function parse(...pieces: (["c" | "s", string] | "gap-c" | "gap-s")[]) {
  const p = new ControlParser();
  const offsets = [0, 0];
  pieces.forEach((x, i) => {
    if (typeof x === "string") {
      p.push({ kind: "gap", direction: x === "gap-c" ? 0 : 1 });
      return;
    }
    const direction = x[0] === "c" ? 0 : 1;
    const bytes = Uint8Array.from(x[1], (ch) => ch.charCodeAt(0));
    const piece: ControlPiece = { kind: "data", direction, bytes, frame: i + 1, time: i + 1, streamOffset: offsets[direction]! };
    offsets[direction]! += bytes.length;
    p.push(piece);
  });
  return p.finish();
}

describe("announced addresses", () => {
  it("reads PORT and 227 with or without parentheses, and refuses out-of-range numbers", () => {
    expect(parseHostPort("10,0,0,1,4,1")).toEqual({ address: "10.0.0.1", port: 1025 });
    expect(parseHostPort("Entering Passive Mode (192,168,1,2,195,80).")).toEqual({ address: "192.168.1.2", port: 50000 });
    expect(parseHostPort("Entering Passive Mode 192,168,1,2,195,80")).toEqual({ address: "192.168.1.2", port: 50000 });
    expect(parseHostPort("Entering Passive Mode =192,168,1,2,195,80")).toEqual({ address: "192.168.1.2", port: 50000 });
    // tshark 4.0 wraps 300 to 44; an octet above 255 is no address.
    expect(parseHostPort("(10,0,0,300,4,1)")).toBeNull();
    expect(parseHostPort("(10,0,0,1,256,1)")).toBeNull();
    expect(parseHostPort("(10,0,0,1,0,0)")).toBeNull();
    expect(parseHostPort("no numbers")).toBeNull();
  });

  it("reads EPRT for IPv4 and IPv6 with any RFC 2428 delimiter, and EPSV replies", () => {
    expect(parseEprt("|1|132.235.1.2|6275|")).toEqual({ address: "132.235.1.2", port: 6275 });
    expect(parseEprt("|2|1080::8:800:200C:417A|5282|")).toEqual({ address: "1080::8:800:200c:417a", port: 5282 });
    expect(parseEprt("!2!fd77::2!40000!")).toEqual({ address: "fd77::2", port: 40000 });
    expect(parseEprt("|2|fd77:0:0:0:0:0:0:2|40000|")).toEqual({ address: "fd77::2", port: 40000 });
    expect(parseEprt("|1|10.0.0.1|70000|")).toBeNull();
    expect(parseEprt("|1|10.0.0.256|21|")).toBeNull();
    expect(parseEprt("|3|10.0.0.1|21|")).toBeNull();
    expect(parseEpsvReply("Entering Extended Passive Mode (|||6446|)")).toEqual({ address: null, port: 6446 });
    expect(parseEpsvReply("Entering extended passive mode (!!!6446!).")).toEqual({ address: null, port: 6446 });
    expect(parseEpsvReply("Entering Extended Passive Mode (|||99999|)")).toBeNull();
  });

  it("reads LPRT and 228 (RFC 1639)", () => {
    expect(parseLongHostPort("4,4,10,0,0,1,2,4,1")).toEqual({ address: "10.0.0.1", port: 1025 });
    expect(parseLongHostPort("Entering Long Passive Mode (6,16,253,119,0,0,0,0,0,0,0,0,0,0,0,0,0,2,2,156,64)")).toEqual({
      address: "fd77::2",
      port: 40000,
    });
  });
});

describe("control channel", () => {
  it("joins lines split across segments and reads several lines per segment", () => {
    const r = parse(["s", "220 ready\r\n"], ["c", "US"], ["c", "ER bob\r\nPA"], ["c", "SS secret\r\n"], ["s", "331 ok\r\n230 in\r\n"]);
    expect(r.exchanges.toArray().map((e) => [e.command?.verb ?? null, e.command?.argument ?? null, e.replies.map((x) => x.code)])).toEqual([
      [null, null, [220]],
      ["USER", "bob", [331]],
      ["PASS", "secret", [230]],
    ]);
    expect(r.logins).toEqual([
      { user: "bob", password: "secret", result: "success", replyCode: 230, userFrame: 2, passFrame: 3, replyFrame: 5 },
    ]);
    // The command split over frames 2 and 3 keeps both.
    expect(r.exchanges.at(1).command).toMatchObject({ frame: 2, lastFrame: 3 });
  });

  it("keeps multi-line replies whole, inner lines starting with digits included", () => {
    const r = parse(
      ["s", "220-Welcome\r\n220 this line starts with a code but is not the end\r\n"],
      ["s", "  indented\r\n123 other code\r\n220-repeated prefix\r\n220 Ready\r\n"],
      ["c", "FEAT\r\n"],
      ["s", "211-Features:\r\n EPSV\r\n MDTM\r\n211 End\r\n"],
    );
    // RFC 959 §4.2: "220 this line..." ends the reply (same code and a space): a server must not send it
    // inside one, so the parser follows the RFC; vsftpd prefixes every banner line with "220-".
    expect(r.exchanges.at(0).replies[0]!.lines).toEqual(["Welcome", "this line starts with a code but is not the end"]);
    expect(r.banner).toBe("Welcome\nthis line starts with a code but is not the end");
    expect(r.features).toEqual(["EPSV", "MDTM"]);
  });

  it("treats lines of a multi-line reply as text whatever they start with", () => {
    const r = parse(["s", "230-Hello\r\n230 is not... wait\r\n"], ["s", "220-Banner\r\n550 not a reply here\r\n\r\n220 end\r\n"]);
    expect(r.exchanges.at(1).replies[0]!.lines).toEqual(["Banner", "550 not a reply here", "", "end"]);
  });

  it("matches commands in any case and tracks the directory through CWD, CDUP and PWD (not MKD)", () => {
    const r = parse(
      ["c", "pwd\r\n"],
      ["s", '257 "/home/a""b" is the current directory\r\n'],
      ["c", "cwd sub\r\n"],
      ["s", "250 ok\r\n"],
      ["c", "MKD /elsewhere\r\n"],
      ["s", '257 "/elsewhere" created\r\n'],
      ["c", "CDUP\r\n"],
      ["s", "200 ok\r\n"],
      ["c", "CWD nope\r\n"],
      ["s", "550 no such dir\r\n"],
      ["c", "retr f.txt\r\n"],
    );
    expect(parse257('"/a""b" is current')).toBe('/a"b');
    expect(r.transfers[0]!.path).toBe('/home/a"b/f.txt');
  });

  it("pairs replies with the oldest waiting command, letting a running transfer pass others", () => {
    const r = parse(
      ["c", "PASV\r\n"],
      ["s", "227 Entering Passive Mode (10,0,0,1,4,1)\r\n"],
      ["c", "RETR a\r\n"],
      ["s", "150 Opening (12 bytes)\r\n"],
      ["c", "NOOP\r\n"],
      ["s", "200 NOOP ok\r\n"],
      ["c", "ABOR\r\n"],
      ["s", "426 aborted\r\n226 ABOR ok\r\n"],
    );
    const codes = r.exchanges.toArray().map((e) => [e.command?.verb, e.replies.map((x) => x.code)]);
    expect(codes).toEqual([
      ["PASV", [227]],
      ["RETR", [150, 426]],
      ["NOOP", [200]],
      ["ABOR", [226]],
    ]);
    expect(r.transfers[0]).toMatchObject({ aborted: true, expectedSize: 12, expectedSizeSource: "150", announcement: 0 });
  });

  it("links a transfer to the announcement before it whatever commands come between (TYPE, SIZE, REST)", () => {
    const r = parse(
      ["c", "CWD /pub\r\n"],
      ["s", "250 ok\r\n"],
      ["c", "PASV\r\n"],
      ["s", "227 Entering Passive Mode (10,0,0,1,4,1).\r\n"],
      ["c", "TYPE I\r\n"],
      ["s", "200 Switching to Binary mode.\r\n"],
      ["c", "SIZE logo.png\r\n"],
      ["s", "213 10362\r\n"],
      ["c", "MDTM logo.png\r\n"],
      ["s", "213 20240102030405\r\n"],
      ["c", "REST 0\r\n"],
      ["s", "350 Restart position accepted (0).\r\n"],
      ["c", "RETR logo.png\r\n"],
      ["s", "150 Opening BINARY mode\r\n"],
      ["s", "226 done\r\n"],
    );
    expect(r.announcements).toEqual([expect.objectContaining({ method: "PASV", mode: "passive", address: "10.0.0.1", port: 1025 })]);
    expect(r.transfers[0]).toMatchObject({
      command: "RETR",
      path: "/pub/logo.png",
      type: "I",
      restOffset: 0,
      announcement: 0,
      expectedSize: 10362,
      expectedSizeSource: "213",
    });
  });

  it("does not let a transfer that failed at once use up the announcement", () => {
    const r = parse(
      ["c", "EPSV\r\n"],
      ["s", "229 Entering Extended Passive Mode (|||5000|)\r\n"],
      ["c", "RETR missing\r\n"],
      ["s", "550 Failed to open file.\r\n"],
      ["c", "RETR present\r\n"],
      ["s", "150 ok\r\n226 ok\r\n"],
      ["c", "RETR again\r\n"],
    );
    expect(r.transfers.map((t) => t.announcement)).toEqual([0, 0, null]);
  });

  it("records REST offsets for the next transfer only, and STOU names from the reply", () => {
    const r = parse(
      ["c", "REST 100000\r\n"],
      ["s", "350 Restart position accepted (100000).\r\n"],
      ["c", "RETR big.bin\r\n"],
      ["s", "150 ok\r\n226 ok\r\n"],
      ["c", "RETR big.bin\r\n"],
      ["s", "150 ok\r\n226 ok\r\n"],
      ["c", "CWD /incoming\r\n"],
      ["s", '250 "/incoming" is the current directory.\r\n'],
      ["c", "STOU\r\n"],
      ["s", "150 FILE: ftpd.3r_9xbnx\r\n226 ok\r\n"],
      ["c", "STOU\r\n"],
      ["s", "125 ok\r\n226 Transfer complete (unique file name:/x/u.1).\r\n"],
    );
    expect(r.transfers.map((t) => [t.command, t.restOffset, t.path])).toEqual([
      ["RETR", 100000, "/big.bin"],
      ["RETR", 0, "/big.bin"],
      ["STOU", 0, "/incoming/ftpd.3r_9xbnx"],
      ["STOU", 0, "/x/u.1"],
    ]);
  });

  it("takes PORT, EPRT (v4 and v6) and LPRT as active announcements; a refused PORT announces nothing", () => {
    const r = parse(
      ["c", "PORT 10,0,0,2,200,10\r\n"],
      ["s", "500 Illegal PORT command.\r\n"],
      ["c", "EPRT |1|10.0.0.2|51210|\r\n"],
      ["s", "200 ok\r\n"],
      ["c", "eprt |2|fd77::2|40000|\r\n"],
      ["s", "200 ok\r\n"],
      ["c", "LPRT 4,4,10,0,0,2,2,4,1\r\n"],
      ["s", "200 ok\r\n"],
    );
    expect(r.announcements.map((a) => [a.method, a.mode, a.address, a.port, a.rejected])).toEqual([
      ["PORT", "active", "10.0.0.2", 51210, true],
      ["EPRT", "active", "10.0.0.2", 51210, false],
      ["EPRT", "active", "fd77::2", 40000, false],
      ["LPRT", "active", "10.0.0.2", 1025, false],
    ]);
  });

  it("stops reading at AUTH TLS/SSL answered by 234 (the channel is TLS from then on)", () => {
    const r = parse(
      ["s", "220 hi\r\n"],
      ["c", "AUTH SSL\r\n"],
      ["s", "234 AUTH SSL ok\r\n"],
      ["c", "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03USER x\r\n"],
    );
    expect(r.encrypted).toBe(true);
    expect(r.authMechanism).toBe("SSL");
    expect(r.tlsFrame).toBe(3);
    expect(r.exchanges).toHaveLength(2);
    expect(r.logins).toEqual([]);
  });

  it("removes Telnet commands (IAC IP IAC DM before ABOR) and survives holes", () => {
    const r = parse(["c", "\xff\xf4\xff\xf2ABOR\r\n"], ["c", "NOOP\r\nRE"], "gap-c", ["c", "TR x\r\nQUIT\r\n"]);
    expect(r.exchanges.toArray().map((e) => e.command!.raw)).toEqual(["ABOR", "NOOP", "QUIT"]);
    expect(r.controlGaps).toBe(true);
    expect(r.end).toBe("quit");
  });

  it("keeps hostile text as it was sent", () => {
    const banner = "Welcome to <img src=x onerror=alert(1)> FTP";
    const r = parse(["s", `220-${banner}\r\n220 %%{init: {"theme":"dark"}}%%\r\n`], ["c", "USER admin\";--> #'\r\n"], ["s", "530 no\r\n"]);
    expect(r.banner).toBe(`${banner}\n%%{init: {"theme":"dark"}}%%`);
    expect(r.logins[0]).toMatchObject({ user: "admin\";--> #'", result: "failed" });
  });
});

describe("paths, listings, MIME", () => {
  it("joins paths", () => {
    expect(joinPath("/a/b", "../c/./d")).toBe("/a/c/d");
    expect(joinPath("/a", "/x/y")).toBe("/x/y");
    expect(joinPath("/", "../../etc/passwd")).toBe("/etc/passwd");
  });

  it("parses ls -l, DOS, MLSD and NLST listings", () => {
    const unix = parseListing(
      "LIST",
      "total 8\r\ndrwxr-xr-x    2 0        0            4096 Jan 02  2024 pub\r\n-rw-r--r--    1 0        0            2657 Jan 02 03:04 read me.txt\r\nlrwxrwxrwx 1 0 0 7 Jan 02 03:04 l -> target\r\n",
    );
    expect(unix.map((e) => [e.name, e.type, e.size, e.date])).toEqual([
      ["pub", "dir", 4096, "Jan 02 2024"],
      ["read me.txt", "file", 2657, "Jan 02 03:04"],
      ["l", "link", 7, "Jan 02 03:04"],
    ]);
    expect(
      parseListing("LIST", "01-02-24  03:04AM       <DIR>          sub\r\n01-02-24  03:04AM                 1234 a b.txt\r\n").map((e) => [
        e.name,
        e.type,
        e.size,
      ]),
    ).toEqual([
      ["sub", "dir", null],
      ["a b.txt", "file", 1234],
    ]);
    expect(
      parseListing(
        "MLSD",
        "type=cdir;modify=20240102030405;perm=el; .\r\ntype=file;size=1651;modify=20240102030405;perm=r; notes; v2.md\r\n",
      ).map((e) => [e.name, e.type, e.size, e.date]),
    ).toEqual([
      [".", "cdir", null, "2024-01-02T03:04:05Z"],
      ["notes; v2.md", "file", 1651, "2024-01-02T03:04:05Z"],
    ]);
    expect(parseListing("NLST", "a\r\nb c\r\n").map((e) => e.name)).toEqual(["a", "b c"]);
  });

  it("names types from magic bytes", () => {
    expect(sniffMime(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("image/png");
    expect(sniffMime(Uint8Array.of(0x50, 0x4b, 3, 4, 20, 0))).toBe("application/zip");
    expect(sniffMime(new TextEncoder().encode("hello\nworld ✓\n"))).toBe("text/plain");
    expect(sniffMime(Uint8Array.of(0, 1, 2, 3, 255))).toBe("application/octet-stream");
  });
});
