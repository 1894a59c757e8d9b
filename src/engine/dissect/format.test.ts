import { describe, expect, it } from "vitest";
import { defineField } from "./field";
import { displayValue, formatFieldValue, ipv6ToString, relTimeToString, timeDiff, formatAbsTime } from "./format";

const f = (abbrev: string, spec: Parameters<typeof defineField>[1]) => defineField(`test.format.${abbrev}`, spec);

describe("tshark -T fields formatting", () => {
  it("pads hex integers to their container width", () => {
    expect(formatFieldValue(f("u8", { name: "x", type: "uint8", base: "hex" }), 5)).toBe("0x05");
    expect(formatFieldValue(f("u16", { name: "x", type: "uint16", base: "hex" }), 0x800)).toBe("0x0800");
    expect(formatFieldValue(f("u24", { name: "x", type: "uint24", base: "hex" }), 1)).toBe("0x000001");
    expect(formatFieldValue(f("u32", { name: "x", type: "uint32", base: "hex" }), 0xdeadbeef)).toBe("0xdeadbeef");
    expect(formatFieldValue(f("hd", { name: "x", type: "uint16", base: "hex_dec" }), 0xe194)).toBe("0xe194");
    expect(formatFieldValue(f("dec", { name: "x", type: "uint32" }), 4294967295)).toBe("4294967295");
    expect(formatFieldValue(f("dh", { name: "x", type: "uint16", base: "dec_hex" }), 10)).toBe("10");
  });

  it("prints booleans as 1/0 and addresses in their text forms", () => {
    expect(formatFieldValue(f("b", { name: "x", type: "boolean" }), true)).toBe("1");
    expect(formatFieldValue(f("b", { name: "x", type: "boolean" }), 0)).toBe("0");
    expect(formatFieldValue(f("v4", { name: "x", type: "ipv4" }), 0xc0a80001)).toBe("192.168.0.1");
    expect(formatFieldValue(f("mac", { name: "x", type: "ether" }), Uint8Array.of(0, 0x1b, 0x21, 0xff, 0x0a, 1))).toBe("00:1b:21:ff:0a:01");
    expect(formatFieldValue(f("by", { name: "x", type: "bytes" }), Uint8Array.of(0xde, 0xad, 1))).toBe("dead01");
  });

  it("compresses IPv6 per RFC 5952", () => {
    const v6 = (...g: number[]) => Uint8Array.from(g.flatMap((x) => [x >> 8, x & 0xff]));
    expect(ipv6ToString(v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1))).toBe("2001:db8::1");
    expect(ipv6ToString(v6(0, 0, 0, 0, 0, 0, 0, 1))).toBe("::1");
    expect(ipv6ToString(v6(0, 0, 0, 0, 0, 0, 0, 0))).toBe("::");
    expect(ipv6ToString(v6(0xfe80, 0, 0, 0, 0x1, 0, 0, 1))).toBe("fe80::1:0:0:1");
    // A single zero group is not compressed; the first of two equal runs is.
    expect(ipv6ToString(v6(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1))).toBe("2001:db8:0:1:1:1:1:1");
    expect(ipv6ToString(v6(0x2001, 0, 0, 1, 0, 0, 1, 1))).toBe("2001::1:0:0:1:1");
    expect(ipv6ToString(v6(0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001))).toBe("::ffff:10.0.0.1");
  });

  it("prints relative and epoch times with nine decimals", () => {
    expect(relTimeToString(0, 11000)).toBe("0.000011000");
    expect(relTimeToString(...timeDiff(10, 0, 10, 1000))).toBe("-0.000001000");
    expect(relTimeToString(...timeDiff(12, 100, 10, 200))).toBe("1.999999900");
    const epoch = f("epoch", { name: "x", type: "abstime", base: "none" });
    expect(formatAbsTime(epoch, 1781126451, 277051000)).toBe("1781126451.277051000");
    const local = f("abs", { name: "x", type: "abstime", base: "dec" });
    expect(formatAbsTime(local, 1349705329, 579511000)).toBe("Oct  8, 2012 14:08:49.579511000 UTC");
  });
});

describe("details-pane values", () => {
  it("names enumerations and booleans like Wireshark", () => {
    const type = f("icmptype", { name: "Type", type: "uint8", vals: { 8: "Echo (ping) request" } });
    expect(displayValue(type, 8)).toBe("Echo (ping) request (8)");
    expect(displayValue(type, 99)).toBe("Unknown (99)");
    const df = f("df", { name: "Don't fragment", type: "boolean", tfs: ["Set", "Not set"] });
    expect(displayValue(df, true)).toBe("Set");
  });

  it("shows a string as tshark -V does (format_text): quotes and backslashes as sent, controls escaped", () => {
    const arg = f("arg", { name: "Request arg", type: "string" });
    // tshark 4.0.17 -V on the hostile fixture: "Request arg: ..\..\evil.txt", "Request arg: %%{init: {"theme":"dark"}}%%".
    expect(displayValue(arg, "..\\..\\evil.txt")).toBe("..\\..\\evil.txt");
    expect(displayValue(arg, '%%{init: {"theme":"dark"}}%%')).toBe('%%{init: {"theme":"dark"}}%%');
    expect(displayValue(arg, "admin\";--> #'")).toBe("admin\";--> #'");
    expect(displayValue(arg, "a\tb\x01\u00e9\u200b")).toBe("a\\tb\\001\u00e9\\u200B");
  });
});
