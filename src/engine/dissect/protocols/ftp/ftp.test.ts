/**
 * FTP control channel and the data connections it announces, from
 * hand-built lines in Ethernet/IPv4 or IPv6/TCP segments dissected through
 * the whole engine (TCP hands the control connection to FTP by port and the
 * announced data connections to FTP-DATA). Expected values are what tshark
 * 4.0.17 prints for the same lines; the real-capture comparison runs through
 * scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { LinkType } from "../../../capture/types";
import type { TreeNode } from "../../tree";
import { frames, type Result, type RunOptions, threw } from "../testing";
import { type Host, type Payload, TCP_IPV4_HEADERS, type TcpCapture, tcpCapture } from "../ip-testing";

const SERVER = "198.51.100.20";
const CLIENT_V4 = [192, 0, 2, 10];
const SERVER_V4 = [198, 51, 100, 20];
const CLIENT_V6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];
const SERVER_V6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20];
const CLIENT_PORT = 40000;
/** _ws.expert.severity of a warning and of an error (Wireshark's PI_WARN, PI_ERROR). */
const WARN = String(0x600000);
const ERROR = String(0x800000);
/** The highest _ws.expert.severity of a frame ("" when it has no expert item). */
const worst = (r: Result): string => {
  const all = r.f("_ws.expert.severity");
  return all && String(Math.max(...all.split(",").map(Number)));
};

/**
 * A control connection between the client (port 40000 unless told) and the
 * server's port 21 (IPv4 unless v6 is set), and the data connections beside
 * it, in one capture whose frames all carry time 0.
 */
class Session {
  readonly cap: TcpCapture;
  readonly client: Host;
  readonly server: Host;
  /** The next client port a probe connection uses. */
  private probePort = 5000;
  constructor(o: { v6?: boolean; clientPort?: number; cap?: TcpCapture } = {}) {
    this.cap = o.cap ?? tcpCapture(frames(LinkType.ETHERNET));
    this.client = { ip: o.v6 ? CLIENT_V6 : CLIENT_V4, port: o.clientPort ?? CLIENT_PORT };
    this.server = { ip: o.v6 ? SERVER_V6 : SERVER_V4, port: 21 };
  }

  /** A control-channel segment from the client (request) or the server (reply). */
  send(fromClient: boolean, text: Payload, o?: RunOptions): Result {
    return fromClient ? this.cap.send(this.client, this.server, text, o) : this.cap.send(this.server, this.client, text, o);
  }
  request(text: Payload, o?: RunOptions): Result {
    return this.send(true, text, o);
  }
  reply(text: Payload, o?: RunOptions): Result {
    return this.send(false, text, o);
  }
  /** Frame n dissected again after the first pass. */
  again(n: number, o?: { tree?: boolean }): Result {
    return this.cap.again(n, o);
  }
  /** A segment of another connection in the same capture (a data connection, announced or not). */
  data(src: number[], srcPort: number, dst: number[], dstPort: number, payload: Payload, o?: RunOptions): Result {
    return this.cap.send({ ip: src, port: srcPort }, { ip: dst, port: dstPort }, payload, o);
  }
  /** The protocol a new connection from `src`:`srcPort` to the client shows: FTP-DATA only if announced. */
  probe(src: number[], srcPort: number, dstPort = this.probePort++): string {
    return this.data(src, srcPort, this.client.ip, dstPort, "x\r\n").protocol;
  }
}

/** [abbrev, offset in the TCP payload, length] of a tree item's children. */
const spans = (n: TreeNode): [string, number, number][] => (n.children ?? []).map((c) => [c.field.abbrev, c.offset - TCP_IPV4_HEADERS, c.length]);
/** The first item of `abbrev` among the roots of a frame's tree. */
const root = (r: Result, abbrev: string): TreeNode => r.tree.find((n) => n.field.abbrev === abbrev)!;

describe("FTP requests (RFC 959 §4.1)", () => {
  it("splits the command from its argument", () => {
    const s = new Session();
    // "USER" command, one SP, "ftpuser" argument, CRLF (RFC 959 §5.3.1)
    const r = s.request("USER ftpuser\r\n");
    // FTP takes the whole segment.
    const item = root(s.again(1, { tree: true }), "ftp");
    expect([item.offset - TCP_IPV4_HEADERS, item.length]).toEqual([0, 14]);
    expect(r.protocol).toBe("FTP");
    expect(r.info).toBe("Request: USER ftpuser");
    expect(r.layers).toBe("eth:ethertype:ip:tcp:ftp");
    expect(r.f("ftp.request.command")).toBe("USER");
    expect(r.f("ftp.request.arg")).toBe("ftpuser");
    expect(r.f("ftp.request")).toBe("1");
    expect(r.f("ftp.response")).toBe("0");
    expect(r.f("ftp.response.code")).toBe("");
    expect(r.f("ftp.current-working-directory")).toBe("");
  });

  it("keeps argument-less commands, extra blanks and unterminated lines", () => {
    const s = new Session();
    // "PWD" alone: a command and no argument
    let r = s.request("PWD\r\n");
    expect([r.f("ftp.request.command"), r.f("ftp.request.arg"), r.info]).toEqual(["PWD", "", "Request: PWD"]);
    // Blanks after the command are skipped; blanks inside the argument kept
    r = s.request("STOR  my file.txt \r\n");
    expect([r.f("ftp.request.command"), r.f("ftp.request.arg")]).toEqual(["STOR", "my file.txt "]);
    // No CRLF (segment cut): the line runs to the end
    r = s.request("NOOP");
    expect([r.f("ftp.request.command"), r.info]).toEqual(["NOOP", "Request: NOOP"]);
    // A leading blank: no command, all of it is the argument
    r = s.request(" x\r\n");
    expect([r.f("ftp.request.command"), r.f("ftp.request.arg")]).toEqual(["", "x"]);
    // An empty line
    r = s.request("\r\n");
    expect([r.f("ftp.request.command"), r.f("ftp.request.arg"), r.info]).toEqual(["", "", "Request: "]);
  });

  it("shows bytes as tshark does: U+FFFD for high bytes in fields, escapes in Info, values end at NUL", () => {
    const s = new Session();
    // A fuzzed "USER": 0xb3 is not ASCII
    let r = s.request("\xb3SER anonymous\r\n");
    expect(r.f("ftp.request.command")).toBe("\ufffdSER");
    expect(r.info).toBe("Request: \ufffdSER anonymous");
    // A NUL inside the argument: the field stops there, Info shows \000
    r = s.request("RETR Site%s\0t.xml\r\n");
    expect(r.f("ftp.request.arg")).toBe("Site%s");
    expect(r.info).toBe("Request: RETR Site%s\\000t.xml");
    expect([r.f("_ws.expert.message"), worst(r)]).toEqual(["Trailing stray characters", WARN]); // after the NUL
    // Valid UTF-8 is shown decoded in Info but not in the ENC_ASCII field; tabs are escaped in Info
    r = s.request("CWD dir\xc3\xa9\r\n");
    expect(r.info).toBe("Request: CWD diré");
    expect(r.f("ftp.request.arg")).toBe("dir\ufffd\ufffd");
    expect(s.request("SITE a\tb\r\n").info).toBe("Request: SITE a\\tb");
  });
});

describe("FTP replies (RFC 959 §4.2)", () => {
  it("reads the code and the text after it", () => {
    const s = new Session();
    // "220" code, SP, text, CRLF
    const r = s.reply("220 (vsFTPd 3.0.3)\r\n");
    expect(r.info).toBe("Response: 220 (vsFTPd 3.0.3)");
    expect(r.f("ftp.response.code")).toBe("220");
    expect(r.f("ftp.response.arg")).toBe("(vsFTPd 3.0.3)");
    expect(r.f("ftp.request")).toBe("0");
    expect(r.f("ftp.response")).toBe("1");
  });

  it("parses only the first line of a segment; continuation lines have no code", () => {
    const s = new Session();
    // Whole multi-line reply in one segment: "230-" first line, "230 " last line
    let r = s.reply("230-Welcome\r\n230-more text\r\n230 Login successful.\r\n");
    expect([r.f("ftp.response.code"), r.f("ftp.response.arg"), r.info]).toEqual(["230", "Welcome", "Response: 230-Welcome"]);
    // A continuation line on its own, without a code (RFC 959 allows any text)
    r = s.reply("    The NetBSD Project FTP Server\r\n");
    expect([r.f("ftp.response.code"), r.f("ftp.response.arg"), r.info]).toEqual(["", "    The NetBSD Project FTP Server", "Response:     The NetBSD Project FTP Server"]);
    // "220- " (code, hyphen, one blank): the argument is the blank
    r = s.reply("220- \r\n");
    expect([r.f("ftp.response.code"), r.f("ftp.response.arg")]).toEqual(["220", " "]);
    // The last line of the multi-line reply
    r = s.reply("230 Login successful.\r\n");
    expect([r.f("ftp.response.code"), r.f("ftp.response.arg")]).toEqual(["230", "Login successful."]);
    // A bare code, and a code followed by any 4th byte
    r = s.reply("221\r\n");
    expect([r.f("ftp.response.code"), r.f("ftp.response.arg")]).toEqual(["221", ""]);
    r = s.reply("200XYZ\r\n");
    expect([r.f("ftp.response.code"), r.f("ftp.response.arg")]).toEqual(["200", "YZ"]);
    // Two digits are not a code
    r = s.reply("20 x\r\n");
    expect([r.f("ftp.response.code"), r.f("ftp.response.arg")]).toEqual(["", "20 x"]);
  });

  it("names the code in the details pane", () => {
    const r = new Session().reply("220-Hello\r\n220 Bye\r\n", { tree: true });
    // FTP's item, then the working directory as an item of its own, end the tree.
    expect(r.tree.slice(-2).map((n) => n.field.abbrev)).toEqual(["ftp", "ftp.current-working-directory"]);
    const lines = root(r, "ftp").children!.filter((n) => n.field.abbrev === "_ws.text");
    expect(lines.map((n) => n.label)).toEqual(["220-Hello\\r\\n", "220 Bye\\r\\n"]);
    expect(spans(lines[0]!)).toEqual([
      ["ftp.response.code", 0, 3],
      ["ftp.response.arg", 4, 5],
    ]);
  });
});

describe("passive mode: 227 replies (RFC 959 §4.1.2 PASV)", () => {
  it("reads h1,h2,h3,h4,p1,p2 in parentheses and announces the data connection", () => {
    const s = new Session();
    s.request("PASV\r\n");
    // 4,1 → port 4*256+1 = 1025; the address differs from the server's: NAT flag
    const r = s.reply("227 Entering Passive Mode (192,168,1,2,4,1).\r\n");
    expect(r.f("ftp.passive.ip")).toBe("192.168.1.2");
    expect(r.f("ftp.passive.port")).toBe("1025");
    expect(r.f("ftp.passive.nat")).toBe("1");
    // Server 192.168.1.2:1025 <-> this client from any port, after frame 2
    const d = s.data([192, 168, 1, 2], 1025, CLIENT_V4, 51000, "x\r\n"); // 3
    expect([d.protocol, d.f("ftp-data.setup-frame"), d.f("ftp-data.setup-method")]).toEqual(["FTP-DATA", "2", "PASV"]);
    // Before the 227 there is nothing to match.
    const before = new Session();
    before.request("PASV\r\n");
    expect(before.probe([192, 168, 1, 2], 1025, 51000)).toBe("TCP");
  });

  it("finds the numbers without parentheses too", () => {
    const s = new Session();
    // cURL's examples of real replies
    let r = s.reply("227 Data transfer will passively listen to 127,0,0,1,4,51\r\n");
    expect([r.f("ftp.passive.ip"), r.f("ftp.passive.port")]).toEqual(["127.0.0.1", "1075"]);
    // The server's own address: no NAT flag
    r = s.reply("227 Entering passive mode. 198,51,100,20,200,10\r\n");
    expect([r.f("ftp.passive.ip"), r.f("ftp.passive.port"), r.f("ftp.passive.nat")]).toEqual(["198.51.100.20", "51210", ""]);
    // Digits before the six numbers are skipped over; blanks after commas allowed
    r = s.reply("227 Mode 2 ok (10, 0, 0, 1, 0, 21)\r\n");
    expect([r.f("ftp.passive.ip"), r.f("ftp.passive.port")]).toEqual(["10.0.0.1", "21"]);
  });

  it("gives the field byte ranges Wireshark computes from the values", () => {
    const r = new Session().reply("227 Entering Passive Mode (198,51,100,20,82,16).\r\n", { tree: true });
    const line = root(r, "ftp").children!.find((n) => n.field.abbrev === "_ws.text")!;
    const at = (abbrev: string) => spans(line).find(([a]) => a === abbrev)!.slice(1);
    // "198,51,100,20" starts at byte 27, 13 bytes; "82,16" 5 bytes after the comma
    expect(at("ftp.passive.ip")).toEqual([27, 13]);
    expect(at("ftp.passive.port")).toEqual([41, 5]);
  });

  it("ignores 227 replies without six numbers", () => {
    const s = new Session();
    for (const text of ["227\r\n", "227 \r\n", "227 Entering Passive Mode\r\n", "227 (1,2,3,4,5)\r\n", "227 (1,2,3,4,5,)\r\n"]) {
      const r = s.reply(text);
      expect(r.f("ftp.passive.ip")).toBe("");
      expect(r.f("ftp.response.code")).toBe("227");
    }
    // Nothing announced: not even for what the numbers there are might have made.
    for (const port of [5, 1280, 1285]) expect(s.probe([1, 2, 3, 4], port)).toBe("TCP");
  });
});

describe("active mode: PORT (RFC 959 §4.1.2)", () => {
  it("reads the client's address and announces server:20 <-> client", () => {
    const s = new Session();
    // 195*256+80 = 50000
    const r = s.request("PORT 192,0,2,10,195,80\r\n");
    expect(r.f("ftp.active.cip")).toBe("192.0.2.10");
    expect(r.f("ftp.active.port")).toBe("50000");
    expect(r.f("ftp.active.nat")).toBe("");
    // Wireshark's conversation: the server's port 20, the PORT address, any client port
    expect(s.data(SERVER_V4, 20, CLIENT_V4, 50000, "x\r\n").f("ftp-data.setup-method")).toBe("PORT");
    const other = new Session();
    other.request("PORT 192,0,2,10,195,80\r\n");
    expect(other.data(SERVER_V4, 20, CLIENT_V4, 1234, "x\r\n").f("ftp-data.setup-method")).toBe("PORT");
    // Not from the server's port 21: that is FTP's port, no data connection.
    expect(other.probe(SERVER_V4, 21, 50000)).toBe("FTP");
  });

  it("flags NAT when the address is not the request's source", () => {
    const s = new Session();
    const r = s.request("PORT 10,1,2,3,4,5\r\n");
    expect([r.f("ftp.active.cip"), r.f("ftp.active.port"), r.f("ftp.active.nat")]).toEqual(["10.1.2.3", "1029", "1"]);
  });

  it("never throws on malformed arguments and keeps Wireshark's arithmetic", () => {
    const s = new Session();
    const cases: [string, string, string][] = [
      ["PORT\r\n", "", ""],
      ["PORT 1,2,3\r\n", "", ""],
      ["PORT a,b,c,d,e,f\r\n", "", ""],
      ["PORT 1,2,3,4,5,\r\n", "", ""],
      // Values are not range-checked: 300<<24 wraps to 44, ports are taken mod 256
      ["PORT 300,2,3,4,261,262\r\n", "44.2.3.4", "1286"],
      // A leading minus is skipped (the scan starts at a digit); later ones are kept
      ["PORT -1,2,3,4,5,6\r\n", "1.2.3.4", "1286"],
      ["PORT 1,2,3,4,-1,-1\r\n", "1.2.3.4", "65535"],
      // Far too large: strtol saturates, the low 32 bits are kept (-1 → 255)
      ["PORT 1,2,3,4,5,99999999999999999999999\r\n", "1.2.3.4", "1535"],
      // Only the token's length is compared: "P" is taken for PORT
      ["P 10,0,0,1,0,20\r\n", "10.0.0.1", "20"],
      // But "PORTS" is not PORT
      ["PORTS 10,0,0,1,0,20\r\n", "", ""],
    ];
    for (const [text, ip, port] of cases) {
      const r = s.request(text);
      expect([text, r.f("ftp.active.cip"), r.f("ftp.active.port")]).toEqual([text, ip, port]);
    }
  });
});

describe("extended passive mode: 229 replies (RFC 2428 §3)", () => {
  it("uses the control connection's server address (IPv4)", () => {
    const s = new Session();
    s.request("EPSV\r\n");
    const r = s.reply("229 Entering Extended Passive Mode (|||6446|)\r\n");
    expect(r.f("ftp.epsv.ip")).toBe(SERVER);
    expect(r.f("ftp.epsv.ipv6")).toBe("");
    expect(r.f("ftp.epsv.port")).toBe("6446");
    expect(s.data(SERVER_V4, 6446, CLIENT_V4, 50123, "x\r\n").f("ftp-data.setup-method")).toBe("EPASV");
  });

  it("uses the control connection's server address (IPv6)", () => {
    const s = new Session({ v6: true });
    const r = s.reply("229 Entering Extended Passive Mode (|||60931|)\r\n");
    expect(r.f("ftp.epsv.ipv6")).toBe("2001:db8::20");
    expect(r.f("ftp.epsv.ip")).toBe("");
    expect(r.f("ftp.epsv.port")).toBe("60931");
    expect(s.probe(SERVER_V6, 60931, 49186)).toBe("FTP-DATA");
  });

  it("accepts what Wireshark's parser accepts", () => {
    const s = new Session();
    // Another delimiter, a number without delimiters, an empty port (read as 0)
    for (const [text, port] of [
      ["229 ok (!!!1234!)\r\n", "1234"],
      ["229 ok (1234)\r\n", "1234"],
      ["229 ok (||||)\r\n", "0"],
      ["229 ok (|||99999|)\r\n", "65535"],
    ] as const) {
      expect(s.reply(text).f("ftp.epsv.port")).toBe(port);
    }
  });

  it("flags malformed 229 replies without throwing", () => {
    const s = new Session();
    for (const text of ["229 Entering Extended Passive Mode\r\n", "229 (|||x|)\r\n", "229 (|||12|\r\n", "229 (|||\r\n", "229 (\r\n"]) {
      const r = s.reply(text);
      expect(r.f("ftp.epsv.port")).toBe("");
      expect(worst(r)).toBe(WARN);
    }
    // No argument at all: nothing to check
    expect(worst(s.reply("229\r\n"))).toBe("");
    // Nothing announced, not even for the digits there are.
    expect(s.probe(SERVER_V4, 12)).toBe("TCP");
  });
});

describe("extended active mode: EPRT (RFC 2428 §2)", () => {
  it("reads an IPv4 address", () => {
    const s = new Session();
    const r = s.request("EPRT |1|132.235.1.2|6275|\r\n");
    expect([r.f("ftp.eprt.af"), r.f("ftp.eprt.ip"), r.f("ftp.eprt.ipv6"), r.f("ftp.eprt.port")]).toEqual(["1", "132.235.1.2", "", "6275"]);
    expect(worst(r)).toBe("");
    // Wireshark's key: the request's source and port with the EPRT address
    expect(s.data([132, 235, 1, 2], 20, CLIENT_V4, 6275, "x\r\n").f("ftp-data.setup-method")).toBe("EPRT");
  });

  it("reads an IPv6 address; tshark never matches the real data connection", () => {
    const s = new Session({ v6: true });
    const r = s.request("EPRT |2|1080::8:800:200C:417A|5282|\r\n");
    expect([r.f("ftp.eprt.af"), r.f("ftp.eprt.ipv6"), r.f("ftp.eprt.port")]).toEqual(["2", "1080::8:800:200c:417a", "5282"]);
    // The server connecting to the client's port is not handed to FTP-DATA
    const d = s.data(s.server.ip, 20000, s.client.ip, 5282, "hello\r\n");
    expect([d.protocol, d.layers]).toEqual(["TCP", "eth:ethertype:ipv6:tcp:data"]);
    const v4tail = s.request("EPRT |2|::ffff:10.0.0.1|21|\r\n");
    expect(v4tail.f("ftp.eprt.ipv6")).toBe("::ffff:10.0.0.1");
  });

  it("flags malformed arguments without throwing", () => {
    const s = new Session();
    for (const text of [
      "EPRT\r\n",
      "EPRT |3|1.2.3.4|5|\r\n",
      "EPRT |1|1.2.3|5|\r\n",
      "EPRT |1|01.2.3.4|5|\r\n",
      "EPRT |1|1.2.3.4|99999|\r\n",
      "EPRT |1|1.2.3.4|x|\r\n",
      "EPRT ||1.2.3.4|5|\r\n",
      "EPRT 1|2|3|4|\r\n",
      "EPRT |2|1::2::3|5|\r\n",
      "EPRT |2|12345::1|5|\r\n",
      "EPRT |1|1.2.3.4|5|6|\r\n",
      "EPRT |1|1.2.3.4|5\0|\r\n",
    ]) {
      const r = s.request(text);
      expect([text, r.f("ftp.eprt.af"), r.f("ftp.eprt.port")]).toEqual([text, "", ""]);
      expect(worst(r)).toBe(WARN);
    }
    // Nothing announced, for any of the ports named.
    for (const port of [5, 6, 34463, 65535]) expect(s.probe([1, 2, 3, 4], 3000, port)).toBe("TCP");
  });
});

describe("data connections", () => {
  it("labels PASV data with the first request after the 227", () => {
    const s = new Session();
    s.request("PASV\r\n"); // 1
    s.reply("227 Entering Passive Mode (198,51,100,20,82,16).\r\n"); // 2
    s.request("RETR index.html\r\n"); // 3
    s.reply("150 Opening BINARY mode data connection.\r\n"); // 4
    const d = s.data(SERVER_V4, 21008, CLIENT_V4, 60484, "<html><body>hello, world</body></html>\n"); // 5
    // FTP-DATA takes all 39 bytes.
    const item = root(s.again(5, { tree: true }), "ftp-data");
    expect([item.offset - TCP_IPV4_HEADERS, item.length]).toEqual([0, 39]);
    expect(d.protocol).toBe("FTP-DATA");
    expect(d.info).toBe("FTP Data: 39 bytes (PASV) (RETR index.html)");
    expect(d.layers).toBe("eth:ethertype:ip:tcp:ftp-data:data-text-lines");
    expect(d.f("ftp-data.setup-frame")).toBe("2");
    expect(d.f("ftp-data.setup-method")).toBe("PASV");
    expect(d.f("ftp-data.command")).toBe("RETR index.html");
    expect(d.f("ftp-data.command-frame")).toBe("3");
    expect(d.f("ftp-data.current-working-directory")).toBe("");
  });

  it("repeats Wireshark's guess when another command comes first (SIZE before RETR)", () => {
    const s = new Session();
    s.request("EPSV\r\n"); // 1
    s.reply("229 Entering Extended Passive Mode (|||38141|)\r\n"); // 2
    s.request("SIZE /README\r\n"); // 3
    s.reply("213 16557\r\n"); // 4
    s.request("RETR /README\r\n"); // 5
    const d = s.data(SERVER_V4, 38141, CLIENT_V4, 50737, "README text\r\n");
    expect(d.info).toBe("FTP Data: 13 bytes (EPASV) (SIZE /README)");
  });

  it("counts the PORT line itself as the command of an earlier unanswered announcement", () => {
    const s = new Session();
    s.reply("227 Entering Passive Mode (198,51,100,20,4,1).\r\n"); // 1: PASV data conv, no command yet
    s.request("PORT 192,0,2,10,195,80\r\n"); // 2: becomes the PASV conv's command, then announces its own
    s.request("NLST\r\n"); // 3
    expect(s.data(SERVER_V4, 1025, CLIENT_V4, 5000, "x\r\n").info).toBe("FTP Data: 3 bytes (PASV) (PORT 192,0,2,10,195,80)");
    expect(s.data(SERVER_V4, 20, CLIENT_V4, 50000, "a\r\nb\r\n").info).toBe("FTP Data: 6 bytes (PORT) (NLST)");
  });

  it("shows binary data as FTP-DATA only, and port 20 without an announcement", () => {
    const s = new Session();
    s.request("PORT 192,0,2,10,195,80\r\n");
    s.request("RETR img.fff\r\n");
    const bin = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
    const d = s.data(SERVER_V4, 20, CLIENT_V4, 50000, bin);
    expect(d.info).toBe("FTP Data: 12 bytes (PORT) (RETR img.fff)");
    expect(d.layers).toBe("eth:ethertype:ip:tcp:ftp-data");
    // Another host's port 20: FTP-DATA by port, nothing known about it
    const other = s.data([203, 0, 113, 5], 20, [203, 0, 113, 6], 40001, "text\n");
    expect(other.info).toBe("FTP Data: 5 bytes");
    expect(other.f("ftp-data.setup-method")).toBe("");
  });

  it("links command and setup frames to the data when re-dissected", () => {
    const s = new Session();
    s.reply("227 Entering Passive Mode (198,51,100,20,82,16).\r\n"); // 1
    s.request("LIST\r\n"); // 2
    s.data(SERVER_V4, 21008, CLIENT_V4, 60000, "a\r\n"); // 3
    s.data(SERVER_V4, 21008, CLIENT_V4, 60000, "bb\r\n"); // 4
    // Timestamps: the session leaves them at 0, so the gap is 0 ms.
    let r = s.again(2);
    expect(r.f("ftp.command-response.frames")).toBe("2");
    expect(r.f("ftp.command-response.bytes")).toBe("7");
    expect(r.f("ftp.command-response.first-frame-num")).toBe("3");
    expect(r.f("ftp.command-response.last-frame-num")).toBe("4");
    expect(r.f("ftp.command-response.duration")).toBe("0");
    expect(r.f("ftp.setup-frame")).toBe("1");
    r = s.again(1);
    expect(r.f("ftp.command")).toBe("LIST");
    expect(r.f("ftp.command-frame")).toBe("2");
    expect(r.f("ftp.passive.port")).toBe("21008");
    // Not on the first pass (tshark without -2 prints none of these)
    expect(s.request("NOOP\r\n").f("ftp.command-response.frames")).toBe("");
    // Re-dissection announces nothing new: the one announcement went to the first data connection.
    expect(s.probe(SERVER_V4, 21008)).toBe("TCP");
  });
});

describe("working directory", () => {
  it("follows PWD, CWD and CDUP replies", () => {
    const s = new Session();
    s.request("PWD\r\n");
    expect(s.reply('257 "/" is current directory.\r\n').f("ftp.current-working-directory")).toBe("/");
    s.request("CWD pub/FreeBSD/ports\r\n");
    expect(s.reply("250 CWD command successful.\r\n").f("ftp.current-working-directory")).toBe("/pub/FreeBSD/ports");
    s.request("CDUP\r\n");
    expect(s.reply("250 OK\r\n").f("ftp.current-working-directory")).toBe("/pub/FreeBSD");
    s.request("CWD ./../x/./y/..\r\n");
    expect(s.reply("250 OK\r\n").f("ftp.current-working-directory")).toBe("/pub/x");
    // A failed CWD changes nothing; an absolute one is adopted as is
    s.request("CWD /nope\r\n");
    expect(s.reply("550 No such directory\r\n").f("ftp.current-working-directory")).toBe("/pub/x");
    s.request("CWD /a//b/\r\n");
    expect(s.reply("250 OK\r\n").f("ftp.current-working-directory")).toBe("/a//b/");
    // "" inside the quotes stands for one quote (RFC 959 Appendix II)
    expect(s.reply('257 "/say ""hi""" created\r\n').f("ftp.current-working-directory")).toBe('/say "hi"');
  });

  it("flags PWD replies without a quoted name", () => {
    const s = new Session();
    const r = s.reply("257 /home/user\r\n");
    expect(worst(r)).toBe(ERROR);
    expect(r.f("ftp.current-working-directory")).toBe("");
    expect(worst(s.reply('257 "/unterminated\r\n'))).toBe(ERROR);
  });

  it("gives data connections the directory of their announcement", () => {
    const s = new Session();
    s.reply('257 "/srv" is cwd\r\n');
    s.reply("227 Entering Passive Mode (198,51,100,20,4,1).\r\n");
    s.request("RETR a\r\n");
    s.request("CWD /other\r\n");
    s.reply("250 OK\r\n");
    expect(s.data(SERVER_V4, 1025, CLIENT_V4, 5000, "x\n").f("ftp-data.current-working-directory")).toBe("/srv");
  });
});

describe("AUTH TLS (RFC 4217 §4)", () => {
  it("hands the control channel to TLS after the 234 reply", () => {
    const s = new Session();
    expect(s.request("AUTH TLS\r\n").f("ftp.request.arg")).toBe("TLS");
    expect(s.reply("234 Proceed with negotiation.\r\n").f("ftp.response.code")).toBe("234");
    const hello = [0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0];
    // The Client Hello goes to TLS (tls.ts), not to FTP
    const r = s.request(hello);
    expect(r.protocol).not.toBe("FTP");
    expect(r.layers).toBe("eth:ethertype:ip:tcp:tls");
    // Another control connection in the same capture is not affected
    const other = new Session({ cap: s.cap, clientPort: CLIENT_PORT + 1 });
    expect(other.request("USER x\r\n").protocol).toBe("FTP");
  });

  it("reads the commands again after CCC, where the TLS records stop (RFC 4217 §11)", () => {
    // tshark 4.0.17 on the recorded CCC capture (fixtures/ftps-ccc-lftp-proftpd.pcap):
    // dissect_ssl declines a segment that opens with four printable bytes, the
    // port table gives it to FTP, and PASV's announcement works again.
    const s = new Session();
    s.request("AUTH TLS\r\n");
    s.reply("234 AUTH TLS successful\r\n");
    const appData = [0x17, 0x03, 0x03, 0x00, 0x03, 1, 2, 3];
    expect(s.request(appData).layers).toBe("eth:ethertype:ip:tcp:tls");
    expect(s.reply(appData).layers).toBe("eth:ethertype:ip:tcp:tls");
    const cwd = s.request("CWD /pub\r\n");
    expect([cwd.protocol, cwd.info, cwd.layers, cwd.f("ftp.request.command")]).toEqual(["FTP", "Request: CWD /pub", "eth:ethertype:ip:tcp:ftp", "CWD"]);
    expect(s.reply("250 CWD command successful\r\n").f("ftp.response.code")).toBe("250");
    s.request("PASV\r\n");
    expect(s.reply("227 Entering Passive Mode (198,51,100,20,195,135).\r\n").f("ftp.passive.port")).toBe("50055");
    s.request("RETR readme.txt\r\n");
    expect(s.data(SERVER_V4, 50055, CLIENT_V4, 48254, "text\r\n").protocol).toBe("FTP-DATA");
    // A TLS record on the control connection still goes to TLS.
    expect(s.request(appData).layers).toBe("eth:ethertype:ip:tcp:tls");
  });

  it("needs exactly AUTH TLS before the 234", () => {
    const s = new Session();
    s.request("AUTH SSL\r\n");
    s.reply("234 AUTH SSL ok\r\n");
    expect(s.request("USER x\r\n").protocol).toBe("FTP");
  });
});

describe("robustness", () => {
  it("never throws on random segments in either direction", () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const alphabet = Array.from("0123456789,|()-+ .:\r\n\0PORTEPRTPASV227229257250abcdef\xff\xc3\xa9", (c) => c.charCodeAt(0));
    for (let stream = 0; stream < 4; stream++) {
      const s = new Session({ v6: stream % 2 === 1, clientPort: CLIENT_PORT + stream });
      for (let i = 0; i < 400; i++) {
        const len = rand() % 64;
        const seg: number[] = [];
        for (let k = 0; k < len; k++) seg.push(rand() < 200 ? alphabet[rand() % alphabet.length]! : rand());
        const prefix = ["PORT ", "EPRT ", "227 ", "229 ", "257 ", "CWD ", ""][rand() % 7]!;
        const text = [...Array.from(prefix, (c) => c.charCodeAt(0)), ...seg];
        expect(threw(s.send(rand() % 2 === 0, text))).toBe(false);
      }
    }
  });
});
