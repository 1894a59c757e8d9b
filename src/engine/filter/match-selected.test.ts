import { describe, expect, it } from "vitest";
import { defineFields, type FieldDef, type FieldValue } from "../dissect/field";
import type { PacketInfo } from "../dissect/packet-info";
import { FieldCollector } from "../dissect/tree";
import { combineFilter, matchSelectedFilter, quoteFilterString } from "./match-selected";
import { CollectorFields, compileFilter } from "./index";

const f = defineFields("mstest", {
  "": { name: "Match Test", type: "protocol" },
  addr: { name: "Address", type: "ipv4" },
  addr6: { name: "Address v6", type: "ipv6" },
  mac: { name: "MAC", type: "ether" },
  port: { name: "Port", type: "uint16" },
  type: { name: "Type", type: "uint16", base: "hex", vals: { 0x0800: "IPv4" } },
  flags: { name: "Flags", type: "uint8", base: "hex", bitmask: 0x0f },
  mode: { name: "Mode", type: "uint8", base: "oct" },
  delta: { name: "Delta", type: "int32" },
  syn: { name: "SYN", type: "boolean", bitmask: 0x02 },
  cmd: { name: "Command", type: "string" },
  payload: { name: "Payload", type: "bytes" },
  group: { name: "Group", type: "none" },
  rtt: { name: "RTT", type: "reltime" },
  when: { name: "Time", type: "abstime" },
  big: { name: "Big", type: "uint64" },
});

/** Whether the filter `text` passes a packet whose only field is `field` = `value`. */
function matches(text: string, field: FieldDef, value: FieldValue): boolean {
  const filter = compileFilter(text);
  const collector = new FieldCollector(filter.fields);
  collector.reset();
  collector.add(field, 0, 0, value);
  const fields = new CollectorFields(collector);
  fields.setPacket(new Uint8Array(0), { sources: [] } as unknown as PacketInfo);
  return filter.matches(fields);
}

describe("match selected", () => {
  it("writes each type as Wireshark does", () => {
    expect(matchSelectedFilter(f.addr, 0x0a000001)).toBe("mstest.addr == 10.0.0.1");
    const v6 = new Uint8Array(16);
    v6.set([0x20, 0x01, 0x0d, 0xb8]);
    v6[15] = 1;
    expect(matchSelectedFilter(f.addr6, v6)).toBe("mstest.addr6 == 2001:db8::1");
    expect(matchSelectedFilter(f.mac, Uint8Array.of(255, 255, 255, 255, 255, 255))).toBe("mstest.mac == ff:ff:ff:ff:ff:ff");
    expect(matchSelectedFilter(f.port, 21)).toBe("mstest.port == 21");
    expect(matchSelectedFilter(f.type, 0x0800)).toBe("mstest.type == 0x0800");
    expect(matchSelectedFilter(f.flags, 2)).toBe("mstest.flags == 0x02");
    expect(matchSelectedFilter(f.mode, 8)).toBe("mstest.mode == 8");
    expect(matchSelectedFilter(f.delta, -5)).toBe("mstest.delta == -5");
    expect(matchSelectedFilter(f.syn, true)).toBe("mstest.syn == 1");
    expect(matchSelectedFilter(f.syn, 0)).toBe("mstest.syn == 0");
    expect(matchSelectedFilter(f.cmd, "USER")).toBe('mstest.cmd == "USER"');
    expect(matchSelectedFilter(f.payload, Uint8Array.of(0x55, 0x53, 0x0d))).toBe("mstest.payload == 55:53:0d");
    expect(matchSelectedFilter(f.rtt, 0.000123)).toBe("mstest.rtt == 0.000123000");
    expect(matchSelectedFilter(f.when, [1_700_000_000, 5])).toBe('mstest.when == "Nov 14, 2023 22:13:20.000000005 UTC"');
    expect(matchSelectedFilter(f.big, 2n ** 63n)).toBe("mstest.big == 9223372036854775808");
  });

  it("matches protocols, valueless items and empty byte strings by name; not text items", () => {
    expect(matchSelectedFilter(f[""], null)).toBe("mstest");
    expect(matchSelectedFilter(f.group, null)).toBe("mstest.group");
    expect(matchSelectedFilter(f.port, null)).toBe("mstest.port");
    expect(matchSelectedFilter(f.payload, new Uint8Array(0))).toBe("mstest.payload");
    expect(matchSelectedFilter({ ...f.group, abbrev: "_ws.text" }, null)).toBeNull();
  });

  it("escapes quotes, backslashes and control characters; keeps other text", () => {
    expect(quoteFilterString('say "hi"\\now')).toBe('"say \\"hi\\"\\\\now"');
    expect(quoteFilterString("a\r\nb\t\x00\x1b\x7f")).toBe('"a\\r\\nb\\t\\x00\\x1b\\x7f"');
    expect(quoteFilterString("ünï ✓")).toBe('"ünï ✓"');
  });

  it("writes filters the engine reads back to the same value (and not to another)", () => {
    const cases: [FieldDef, FieldValue, FieldValue][] = [
      [f.cmd, 'x"><script>\\ \r\n\x01é ✓', "x"],
      [f.addr, 0x0a000001, 0x0a000002],
      [f.mac, Uint8Array.of(255, 255, 255, 255, 255, 255), Uint8Array.of(255, 255, 255, 255, 255, 0)],
      [f.payload, Uint8Array.of(0x55, 0x53, 0x0d), Uint8Array.of(0x55, 0x53)],
      [f.type, 0x0800, 0x0806],
      [f.delta, -5, 5],
      [f.syn, true, false],
      [f.when, [1_700_000_000, 5], [1_700_000_000, 6]],
    ];
    for (const [field, value, other] of cases) {
      const text = matchSelectedFilter(field, value)!;
      expect([text, matches(text, field, value)]).toEqual([text, true]);
      expect([text, matches(text, field, other)]).toEqual([text, false]);
    }
  });

  it("combines with the bar's text as Wireshark's Apply/Prepare submenus do", () => {
    const x = "ip.src == 10.0.0.1";
    expect(combineFilter("ftp", x, "selected")).toBe(x);
    expect(combineFilter("ftp", x, "notSelected")).toBe("!(ip.src == 10.0.0.1)");
    expect(combineFilter("ftp", x, "andSelected")).toBe("(ftp) && ip.src == 10.0.0.1");
    expect(combineFilter("ftp", x, "orSelected")).toBe("(ftp) || ip.src == 10.0.0.1");
    expect(combineFilter("ftp", x, "andNotSelected")).toBe("(ftp) && !(ip.src == 10.0.0.1)");
    expect(combineFilter("ftp", x, "orNotSelected")).toBe("(ftp) || !(ip.src == 10.0.0.1)");
    expect(combineFilter("  ", x, "andSelected")).toBe(x);
    expect(combineFilter("", x, "orNotSelected")).toBe("!(ip.src == 10.0.0.1)");
  });
});
