/**
 * EIGRP's header from hand-built packets; the values are tshark 4.0.17's for
 * the Hello in the shared 1998 snoop capture (frame 72: every eigrp.* header
 * field equal).
 */
import { describe, expect, it } from "vitest";
import { checksum, ipFrame } from "./ip-testing";
import { ethernet } from "./testing";

/** A header with its checksum filled in, then `tlvs`. */
function eigrp(opcode: number, ack: number, tlvs: number[] = []): number[] {
  const p = [
    2, // version
    opcode,
    0, 0, // checksum, filled below
    0, 0, 0, 0, // flags
    0, 0, 0, 0, // sequence
    (ack >>> 24) & 0xff, (ack >>> 16) & 0xff, (ack >>> 8) & 0xff, ack & 0xff, // acknowledge
    0, 0, // virtual router id
    0, 1, // autonomous system 1
    ...tlvs,
  ];
  const c = checksum(p);
  p[2] = c >> 8;
  p[3] = c & 0xff;
  return p;
}
// Parameters TLV: type 1, length 12, K1..K6 = 1 0 1 0 0 0, hold time 15.
const PARAMETERS = [0, 1, 0, 12, 1, 0, 1, 0, 0, 0, 0, 15];

describe("EIGRP", () => {
  it("reads a Hello's header", () => {
    const r = ethernet()(ipFrame([129, 111, 148, 1], [224, 0, 0, 10], 88, eigrp(5, 0, PARAMETERS)));
    expect(r.layers).toBe("eth:ethertype:ip:eigrp");
    expect(r.protocol).toBe("EIGRP");
    expect(r.info).toBe("Hello");
    expect(r.f("eigrp.version")).toBe("2");
    expect(r.f("eigrp.opcode")).toBe("5");
    expect(r.f("eigrp.checksum.status")).toBe("1");
    expect(r.f("eigrp.as")).toBe("1");
  });

  it("calls a Hello with an acknowledgement 'Hello (Ack)' and checks the checksum", () => {
    const p = eigrp(5, 7);
    p[19] = (p[19] ?? 0) ^ 1; // spoil the checksum
    const r = ethernet()(ipFrame([10, 0, 0, 1], [10, 0, 0, 2], 88, p));
    expect(r.info).toBe("Hello (Ack)");
    expect(r.f("eigrp.ack")).toBe("7");
    expect(r.f("eigrp.checksum.status")).toBe("0");
  });
});
