/**
 * HTTP and SSDP from hand-built segments and datagrams, dissected through the
 * whole engine (TCP reassembles what spans segments). The expected columns
 * and fields are what tshark 4.0.17 prints for the same bytes (written to a
 * pcap and read with `tshark -r`/`-T fields`); real captures are compared in
 * src/cli/http-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { gzipSync } from "fflate";
import { type Host, tcpCapture, udpFrame } from "../ip-testing";
import { ethernet, threw } from "../testing";

const CLIENT: Host = { ip: [10, 0, 0, 1], port: 50000 };
const SERVER: Host = { ip: [10, 0, 0, 2], port: 80 };
const WSUS: Host = { ip: [10, 0, 0, 2], port: 8530 };

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

describe("HTTP requests and responses", () => {
  it("shows a request line's parts, the headers and the full URI", () => {
    const cap = tcpCapture();
    const r = cap.send(CLIENT, SERVER, "GET /a/b?x=1&&y=2 HTTP/1.1\r\nHost: example.org \r\nUser-Agent: t/1\r\nCookie: a=1; b=2\r\nX-Other: 1\r\n\r\n");
    expect(r.protocol).toBe("HTTP");
    expect(r.info).toBe("GET /a/b?x=1&&y=2 HTTP/1.1 ");
    expect(r.layers).toBe("eth:ethertype:ip:tcp:http");
    expect(r.f("http.request.method")).toBe("GET");
    expect(r.f("http.request.uri")).toBe("/a/b?x=1&&y=2");
    expect(r.f("http.request.uri.path")).toBe("/a/b");
    expect(r.f("http.request.uri.query")).toBe("x=1&&y=2");
    expect(r.f("http.request.uri.query.parameter")).toBe("x=1,y=2"); // strtok skips the empty one
    expect(r.f("http.request.version")).toBe("HTTP/1.1");
    expect(r.f("http.host")).toBe("example.org ");
    expect(r.f("http.request.full_uri")).toBe("http://example.org/a/b?x=1&&y=2"); // the host stripped
    expect(r.f("http.cookie_pair")).toBe("a=1,b=2");
    expect(r.f("http.request")).toBe("1");
    expect(r.f("http.request_number")).toBe("1");
  });

  it("pairs pipelined messages as Wireshark does (a response takes the newest request) and fences the Info column", () => {
    const cap = tcpCapture();
    const req = cap.send(CLIENT, SERVER, "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
    expect(req.info).toBe("GET /a HTTP/1.1 GET /b HTTP/1.1 ");
    expect(req.f("http.request.uri")).toBe("/a,/b");
    const res = cap.send(SERVER, CLIENT, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nhiHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    expect(res.info).toBe("HTTP/1.1 200 OK  (text/plain)HTTP/1.1 404 Not Found ");
    expect(res.layers).toBe("eth:ethertype:ip:tcp:http:data-text-lines");
    expect(res.f("http.response.code")).toBe("200,404");
    expect(res.f("http.response.code.desc")).toBe("OK,Not Found");
    expect(res.f("http.response_number")).toBe("2,3");
    expect(res.f("http.request_in")).toBe("1");
    expect(res.f("http.file_data")).toBe("hi");
    expect(res.f("http.response_for.uri")).toBe("http://h/b,http://h/b");
  });

  it("reassembles a message over segments: TCP rows until the last, which shows HTTP", () => {
    const cap = tcpCapture();
    cap.send(CLIENT, SERVER, "GET /page HTTP/1.1\r\nHost: h\r\n\r\n");
    const body = "<html>" + "x".repeat(100) + "</html>";
    const head = `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`;
    const a = cap.send(SERVER, CLIENT, head.slice(0, 30));
    expect(a.protocol).toBe("TCP");
    expect(a.info).toBe("HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]");
    const b = cap.send(SERVER, CLIENT, head.slice(30) + body.slice(0, 40));
    expect(b.protocol).toBe("TCP");
    expect(b.info).toMatch(/ \[TCP segment of a reassembled PDU\]$/);
    expect(b.layers).toBe("eth:ethertype:ip:tcp");
    const c = cap.send(SERVER, CLIENT, body.slice(40));
    expect(c.protocol).toBe("HTTP");
    expect(c.info).toBe("HTTP/1.1 200 OK  (text/html)");
    expect(c.f("http.content_type")).toBe("text/html; charset=utf-8");
    expect(c.f("http.content_length")).toBe(String(body.length));
    expect(c.f("http.request_in")).toBe("1");
    expect(c.f("http.time")).toBe("3.000000000"); // frame 1 at 1001 s, frame 4 at 1004 s
    expect(c.f("http.response_for.uri")).toBe("http://h/page");
    expect(c.f("http.file_data")).toBe(body);
  });

  it("re-dissected (tshark -2, the details pane), a message's first segments are TCP's: its columns and fields are the completing frame's", () => {
    const cap = tcpCapture();
    cap.send(CLIENT, SERVER, "GET /page HTTP/1.1\r\nHost: h\r\n\r\n");
    const body = "<html>" + "x".repeat(100) + "</html>";
    const head = `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`;
    // Frame 2 starts the message (the first pass wrote its first line into
    // Info before asking for more); frame 3 completes the headers, which
    // then ask for the body; frame 4 completes the body.
    expect(cap.send(SERVER, CLIENT, head.slice(0, 30)).info).toBe("HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]");
    expect(cap.send(SERVER, CLIENT, head.slice(30) + body.slice(0, 40)).info).toBe("HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]");
    cap.send(SERVER, CLIENT, body.slice(40));
    // tshark 4.0.17 -2 on the same bytes: desegment_tcp finds the PDU frame
    // 2 started and does not call HTTP again; frame 3's partial reassembly
    // is the last frame's now (fragment_add gives it to frame 4 only).
    const first = cap.again(2);
    expect([first.protocol, first.info, first.layers]).toEqual(["TCP", "80 → 50000 [PSH, ACK] Seq=1 Ack=32 Win=65535 Len=30 [TCP segment of a reassembled PDU]", "eth:ethertype:ip:tcp"]);
    expect([first.f("tcp.reassembled_in"), first.f("http.response.code"), first.f("http.response.line")]).toEqual(["4", "", ""]);
    const middle = cap.again(3);
    expect([middle.protocol, middle.info, middle.layers]).toEqual(["TCP", "80 → 50000 [PSH, ACK] Seq=31 Ack=32 Win=65535 Len=90 [TCP segment of a reassembled PDU]", "eth:ethertype:ip:tcp"]);
    expect([middle.f("tcp.reassembled_in"), middle.f("http.response.code"), middle.f("http.content_type"), middle.f("http.response.line")]).toEqual(["4", "", "", ""]);
    // The details pane shows no HTTP tree there.
    expect(JSON.stringify(cap.again(3, { tree: true }).tree)).not.toContain("Hypertext Transfer Protocol");
    const last = cap.again(4);
    expect([last.protocol, last.info, last.f("http.response.code"), last.f("tcp.segment")]).toEqual(["HTTP", "HTTP/1.1 200 OK  (text/html)", "200", "2,3,4"]);
  });

  it("re-dissected, a message the capture cuts short stays where the first pass left it", () => {
    const cap = tcpCapture();
    cap.send(CLIENT, SERVER, "GET /page HTTP/1.1\r\nHost: h\r\n\r\n");
    const head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 113\r\n\r\n";
    cap.send(SERVER, CLIENT, head.slice(0, 30));
    cap.send(SERVER, CLIENT, head.slice(30) + "<html>");
    // tshark -2: frame 3 still holds the headers' reassembly (found short),
    // so HTTP is called there again, and frame 2 points to it.
    const first = cap.again(2);
    expect([first.info, first.f("tcp.reassembled_in")]).toEqual(["80 → 50000 [PSH, ACK] Seq=1 Ack=32 Win=65535 Len=30 [TCP segment of a reassembled PDU]", "3"]);
    const cut = cap.again(3);
    expect([cut.protocol, cut.info, cut.f("tcp.reassembled_in")]).toEqual(["TCP", "HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]", ""]);
  });

  it("de-chunks and inflates a gzip body, and says so in the tree", () => {
    const cap = tcpCapture();
    cap.send(CLIENT, SERVER, "GET /z HTTP/1.1\r\nHost: h\r\n\r\n");
    const text = "hello hello hello hello compressed world\n";
    const gz = latin1(gzipSync(new TextEncoder().encode(text)));
    const cut = 10;
    const chunked = `${cut.toString(16)};ext=1\r\n${gz.slice(0, cut)}\r\n${(gz.length - cut).toString(16)}\r\n${gz.slice(cut)}\r\n0\r\nX-Trailer: 1\r\n\r\n`;
    const r = cap.send(SERVER, CLIENT, `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\nContent-Type: text/plain\r\n\r\n${chunked}`);
    expect(r.protocol).toBe("HTTP");
    expect(r.info).toBe("HTTP/1.1 200 OK  (text/plain)");
    expect(r.f("http.chunk_size")).toBe(`${cut},${gz.length - cut},0`);
    expect(r.f("http.chunked_trailer_part")).toBe("X-Trailer: 1\r\n");
    expect(r.f("http.file_data")).toBe(text);
    const again = cap.again(r.pinfo.num, { tree: true });
    const labels = JSON.stringify(again.tree);
    expect(labels).toContain(`Content-encoded entity body (gzip): ${gz.length} bytes -> ${text.length} bytes`);
    expect(labels).toContain("Data chunk (10 octets)");
    expect(labels).toContain("End of chunked encoding");
  });

  it("warns when a body does not decompress", () => {
    const cap = tcpCapture();
    const r = cap.send(SERVER, CLIENT, "HTTP/1.1 200 OK\r\nContent-Encoding: xpress\r\nContent-Type: text/xml\r\nContent-Length: 4\r\n\r\nabcd");
    expect(r.info).toBe("HTTP/1.1 200 OK ");
    expect(r.protocol).toBe("HTTP");
    expect(r.layers).toBe("eth:ethertype:ip:tcp:http:data");
    expect(r.f("_ws.expert.message")).toContain("Decompression failed");
  });

  it("hands XML and JSON bodies on as tshark's Protocol column shows them", () => {
    const cap = tcpCapture();
    const xml = '<?xml version="1.0"?><a>0123456789012345678901234567</a>\r\n';
    const post = cap.send(CLIENT, WSUS, `POST /svc HTTP/1.1\r\nHost: srv:8530\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: ${xml.length}\r\n\r\n${xml}`);
    expect(post.protocol).toBe("HTTP/XML");
    expect(post.info).toBe("POST /svc HTTP/1.1 ");
    expect(post.layers).toBe("eth:ethertype:ip:tcp:http:xml");
    expect(post.f("http.request.full_uri")).toBe("http://srv:8530/svc");
    const json = cap.send(WSUS, CLIENT, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n7\r\n{"a":1}\r\n0\r\n\r\n');
    expect(json.protocol).toBe("HTTP/JSON");
    expect(json.info).toBe("HTTP/1.1 200 OK , JavaScript Object Notation (application/json)");
    expect(json.f("http.chunk_size")).toBe("7,0");
  });
});

describe("where HTTP is found", () => {
  it("takes a TCP stream on any port by the http_tcp heuristic (a first line ending in HTTP/1.x), from that frame on", () => {
    const cap = tcpCapture();
    const req = cap.send(CLIENT, WSUS, "POST /x HTTP/1.1\r\nHost: s\r\nContent-Length: 0\r\n\r\n");
    expect(req.protocol).toBe("HTTP");
    const more = cap.send(CLIENT, WSUS, "\x01\x02binary");
    expect(more.protocol).toBe("HTTP");
    expect(more.info).toBe("Continuation");
  });

  it("leaves other text on other ports to TCP, and non-HTTP on port 80 without an http layer", () => {
    const cap = tcpCapture();
    const other = cap.send({ ip: [10, 0, 0, 1], port: 50001 }, { ip: [10, 0, 0, 2], port: 9999 }, "hello there\r\n");
    expect(other.protocol).toBe("TCP");
    expect(other.layers).toBe("eth:ethertype:ip:tcp:data");
    const junk = cap.send({ ip: [10, 0, 0, 1], port: 50002 }, SERVER, "\x16\x03\x01junk");
    expect(junk.protocol).toBe("TCP");
    expect(junk.layers).toBe("eth:ethertype:ip:tcp");
  });

  it("never throws on damaged messages", () => {
    const cap = tcpCapture();
    for (const p of ["GET", "HTTP/1.1 20", "GET / HTTP/1.1\r\n:\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n"]) {
      expect(threw(cap.send(CLIENT, { ip: [10, 0, 0, 3], port: 80 }, p))).toBe(false);
    }
  });
});

describe("SSDP", () => {
  const run = ethernet();
  const SSDP_GROUP: Host = { ip: [239, 255, 255, 250], port: 1900 };
  const dev: Host = { ip: [10, 0, 0, 2], port: 1900 };
  const cp: Host = { ip: [10, 0, 0, 1], port: 50001 };
  const send = (from: Host, to: Host, s: string) => run(udpFrame(from, to, Array.from(s, (c) => c.charCodeAt(0))));

  it("shows M-SEARCH, NOTIFY and responses over UDP 1900 as SSDP", () => {
    const search = send(cp, SSDP_GROUP, 'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 3\r\nST: ssdp:all\r\n\r\n');
    expect(search.protocol).toBe("SSDP");
    expect(search.info).toBe("M-SEARCH * HTTP/1.1 ");
    expect(search.layers).toBe("eth:ethertype:ip:udp:ssdp");
    expect(search.f("http.request.method")).toBe("M-SEARCH");
    const notify = send(dev, SSDP_GROUP, "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n\r\n");
    expect(notify.info).toBe("NOTIFY * HTTP/1.1 ");
    expect(notify.f("http.notification")).toBe("1");
    expect(notify.f("http.unknown_header")).toBe("NT: upnp:rootdevice\\r\\n,NTS: ssdp:alive\\r\\n");
    const ok = send(dev, cp, "HTTP/1.1 200 OK\r\nST: ssdp:all\r\nEXT:\r\nSERVER: x\r\n\r\n");
    expect(ok.protocol).toBe("SSDP");
    expect(ok.info).toBe("HTTP/1.1 200 OK ");
    expect(ok.f("http.response.code")).toBe("200");
  });

  it("files the first line's chat item under SSDP, the protocol whose dissector ran (tshark -z expert)", () => {
    const items: [string, string, string][] = [];
    // The runner keeps one PacketInfo; its expert sink collects from the next frame on.
    send(cp, SSDP_GROUP, "M-SEARCH * HTTP/1.1\r\n\r\n").pinfo.expertSink = { add: (_num, _lvl, group, proto, msg) => void items.push([group, proto, msg]) };
    send(cp, SSDP_GROUP, 'M-SEARCH * HTTP/1.1\r\nMAN: "ssdp:discover"\r\n\r\n');
    send(dev, SSDP_GROUP, "NOTIFY * HTTP/1.1\r\nNTS: ssdp:alive\r\n\r\n");
    send(dev, cp, "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n");
    expect(items).toEqual([
      ["Sequence", "SSDP", "M-SEARCH * HTTP/1.1\\r\\n"],
      ["Sequence", "SSDP", "NOTIFY * HTTP/1.1\\r\\n"],
      ["Sequence", "SSDP", "HTTP/1.1 200 OK\\r\\n"],
      ["Protocol", "SSDP", "Illegal characters found in header name"],
    ]);
  });
});
