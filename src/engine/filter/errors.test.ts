/**
 * The filter language's errors, word for word and place for place as tshark
 * 4.0.17 reports them (each expectation was printed by
 * `tshark -r fixtures/ftp-active-tnftp-vsftpd-ls-get.pcap -Y '<filter>'`),
 * and the forms that are valid there.
 */
import { describe, expect, it } from "vitest";
import { compileFilter, describeFilterError, FilterError } from "./index";

/** [filter, tshark's message, the caret line under the filter (null: no place)]. */
const ERRORS: [string, string, string | null][] = [
  ["tcp.prot == 1", "Left side of \"==\" expression must be a field or function, not tcp.prot.", "^~~~~~~~"],
  ["xyz", "xyz is neither a field nor a protocol name.", "^~~"],
  ["tcp.port ==", "Unexpected end of filter expression.", null],
  ["tcp.port == 80 and", "Unexpected end of filter expression.", null],
  ["(tcp", "Unexpected end of filter expression.", null],
  ["tcp)", "\")\" was unexpected in this context.", "   ^"],
  ["tcp.port == \"abc\"", "Unsigned integer (2 bytes) cannot be converted from a string (\"abc\").", "            ^~~~~"],
  ["tcp.port == 70000", "\"70000\" too big for this field, maximum 65535.", "            ^~~~~"],
  ["tcp.port == 1.5", "\"1.5\" is not a valid number.", "            ^~~"],
  ["ip.addr == 1.2.3", "\"1.2.3\" is not a valid hostname or IPv4 address.", "           ^~~~~"],
  ["ip.src == 10.0.0.0/33", "Netmask bits in a CIDR IPv4 address should be <= 32, not 33", "          ^~~~~~~~~~~"],
  ["ipv6.addr == fe80::1/129", "Prefix in a IPv6 address should be <= 128, not 129", "             ^~~~~~~~~~~"],
  ["eth.src == 00:11:22:33:44", "\"00:11:22:33:44\" contains too few bytes to be a valid Ethernet address.", "           ^~~~~~~~~~~~~~"],
  ["eth.src == 00:11:22:33:44:55:66", "\"00:11:22:33:44:55:66\" contains too many bytes to be a valid Ethernet address.", "           ^~~~~~~~~~~~~~~~~~~~"],
  ["eth.src == zz", "\"zz\" is not a valid Ethernet address.", "           ^~"],
  ["tcp.flags.syn == maybe", "\"maybe\" cannot be found among the possible values for tcp.flags.syn.", "                 ^~~~~"],
  ["ip.proto == \"nosuch\"", "\"nosuch\" cannot be found among the possible values for ip.proto.", "            ^~~~~~~~"],
  ["tcp.srcport in {80 443}", "\"443\" was unexpected in this context.", "                   ^~~"],
  ["tcp.srcport in {}", "\"}\" was unexpected in this context.", "                ^"],
  ["tcp.port contains 80", "tcp.port (type=Unsigned integer (2 bytes)) cannot participate in contains comparison.", "^~~~~~~~"],
  ["tcp.port matches \"x\"", "tcp.port (type=Unsigned integer (2 bytes)) cannot participate in matches comparison.", "^~~~~~~~"],
  ["frame matches 1", "Matches requires a double quoted string on the right side.", "              ^"],
  ["frame matches \"(\"", "Regex compilation error: missing closing parenthesis.", null],
  ["frame[0:0] == 00", "Range 0:0 isn't valid because length 0 isn't positive", "      ^~~"],
  ["frame[1-1] == 00", "Range 1-1 isn't valid because 1 is greater or equal than 1", "      ^~~"],
  ["frame[x] == 00", "\"x\" is not a valid number.", "      ^"],
  ["tcp.port[0] == 00", "\"tcp.port\" is a Unsigned integer (2 bytes) and cannot be sliced into a sequence of bytes.", "^~~~~~~~"],
  ["len(80) == 1", "Only fields can be used as parameter for len()", "    ^~"],
  ["count(tcp.port, udp.port) == 1", "Function count can only accept 1 arguments.", "^~~~~"],
  ["nosuch(tcp) == 1", "Function 'nosuch' does not exist", "^~~~~~"],
  ["upper(tcp.port) == \"X\"", "Only string type fields can be used as parameter for upper()", "      ^~~~~~~~"],
  ["tcp.port xor udp.port", "\"xor\" was unexpected in this context.", "         ^~~"],
  ["\"abc\"", "\"abc\" is neither a field nor a protocol name.", "^~~~~"],
  ["len(tcp)", "You cannot test whether a function is present.", "^~~"],
  ["ip.addr#x == 1.2.3.4", "Expected digit or \"[\", not \"x\"", "        ^"],
  ["tcp.port == 'ab'", "'ab' is too long to be a valid character constant.", "            ^~~~"],
  ["tcp.port == ''", "Empty character constant.", "            ^~"],
  ["frame contains \"\\q\"", "\\q is not a valid character escape sequence", "                ^~"],
  ["frame contains \"abc", "The final quote was missing from a quoted string.", "                   ^"],
  ["ip.src == ip.proto", "ip.src and ip.proto are not of compatible types.", "          ^~~~~~~~"],
  ["80 == tcp.port", "Left side of \"==\" expression must be a field or function, not 80.", "^~"],
  ["tcp.port + \"a\" == 1", "\"a\" is not a valid arithmetic operand.", "           ^~~"],
  ["1 + tcp.port == 2", "Constant arithmetic expression on the LHS is invalid.", "^"],
  ["ip.src + 1 == 2", "FT_IPv4 cannot +.", "^~~~~~"],
  ["frame.time == \"garbage\"", "\"garbage\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\" or \"2011-07-04 12:34:56\"", "              ^~~~~~~~~"],
  ["frame.time == \"2020-01-01 00:00:00 PST\"", "Unexpected data after time value.", "              ^~~~~~~~~~~~~~~~~~~~~~~~~"],
  ["$", "Unexpected end of filter expression.", null],
  ["ip.addr == 10.0.0.1 &&", "Unexpected end of filter expression.", null],
  ["!", "Unexpected end of filter expression.", null],
  ["tcp.port in {80..}", "\"}\" was unexpected in this context.", "                 ^"],
  ["string(ftp.request.command) == \"x\"", "String conversion for field \"ftp.request.command\" is not supported", "       ^~~~~~~~~~~~~~~~~~~"],
  // Macros (Wireshark's shipped dfilter_macros): expanded before the filter is read.
  ["${ftp}", "macro 'ftp' does not exist", null],
  ["${private_ipv4}", "wrong number of arguments for macro 'private_ipv4', expecting 1 instead of 0", null],
  ["ftp && ${private_ipv4:ip.src;x}", "wrong number of arguments for macro 'private_ipv4', expecting 1 instead of 2", null],
  ["${private_ipv4:ip.src", "end of filter in the middle of a macro expression", null],
  ["${a b}", "invalid character in macro name", null],
];

function errorOf(text: string): FilterError {
  try {
    compileFilter(text);
  } catch (e) {
    if (e instanceof FilterError) return e;
    throw e;
  }
  throw new Error(`"${text}" compiled`);
}

describe("display filter errors", () => {
  for (const [text, message, caret] of ERRORS) {
    it(text, () => {
      const e = errorOf(text);
      expect(e.message).toBe(message);
      const report = describeFilterError(text, e).split("\n");
      expect(report[0]).toBe(`tshark: ${message}`);
      if (caret === null) expect(report.length).toBe(1);
      else expect(report.slice(1)).toEqual([`    ${text}`, `    ${caret}`]);
    });
  }
});

describe("display filter macros", () => {
  it("an error inside an expansion points into the expanded text, as tshark prints it", () => {
    const e = errorOf("${private_ipv4:ip.srcx}");
    expect(describeFilterError("${private_ipv4:ip.srcx}", e).split("\n")).toEqual([
      'tshark: Left side of "==" expression must be a field or function, not ip.srcx.',
      "    ip.srcx == 192.168.0.0/16 or ip.srcx == 172.16.0.0/12 or ip.srcx == 10.0.0.0/8",
      "    ^~~~~~~",
    ]);
  });
  it("expands the shipped macros with their arguments", () => {
    expect(compileFilter("${private_ipv4:ip.src}").fields.map((f) => f.abbrev)).toEqual(["ip.src"]);
    expect(compileFilter("${private_ethernet:eth.src} || tcp").fields.map((f) => f.abbrev)).toEqual(["eth.src", "tcp"]);
    expect(compileFilter("${private_ipv6:ipv6.dst}").fields.map((f) => f.abbrev)).toEqual(["ipv6", "ipv6.dst"]);
  });
});

describe("display filter forms tshark accepts", () => {
  const valid = [
    "tcp.port == -1", "frame contains 1", "tcp.port ~= 21", "", "  ", "tcp.port in {80 .. 90}", "tcp.port in {80,443}",
    "ip.addr == 10.0.0.1 and not (tcp.port == 80 or udp)", "tcp.flags.syn==1&&tcp.flags.ack==0", "!arp", "eth.addr == ff-ff-ff-ff-ff-ff",
    "frame[-1] == 0x0a", "r\"\\d\" == r\"\\d\"" , "ftp.request.arg matches r\"^\\w+$\"", "ip.addr#2 == 10.0.0.1", "ip.addr#[1-2] == 10.0.0.1",
    "${ip.src} == 1.2.3.4", "any tcp.port == 80", "all ip.ttl > 1", "tcp.seq < tcp.ack <= 1000", "max(tcp.srcport, tcp.dstport, 80) > 1024",
  ];
  for (const text of valid) {
    it(JSON.stringify(text), () => {
      if (text.startsWith("r\"")) {
        // A comparison between two constants is not a filter: tshark says so, and so do we.
        expect(() => compileFilter(text)).toThrow(FilterError);
        return;
      }
      expect(() => compileFilter(text)).not.toThrow();
    });
  }

  it("warns about deprecated operators without failing", () => {
    expect(compileFilter("tcp.port ~= 21").warnings).toEqual(['The operator "~=" is deprecated, use "!==" instead.']);
    expect(compileFilter("tcp.port !== 21").warnings).toEqual([]);
  });

  it("names the fields it reads", () => {
    expect(compileFilter("tcp.port == 21 && ip.addr == 10.0.0.1").fields.map((f) => f.abbrev)).toEqual(["tcp.port", "ip.addr"]);
    expect(compileFilter("ip.addr#2 == 10.0.0.1").layers).toBe(true);
  });
});
