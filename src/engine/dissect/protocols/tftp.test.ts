/**
 * TFTP requests from hand-built datagrams; the read request's values are
 * tshark 4.0.17's for the shared 1998 snoop capture's frame 48.
 */
import { describe, expect, it } from "vitest";
import { ipFrame, udp } from "./ip-testing";
import { ethernet } from "./testing";

const z = (s: string): number[] => [...Array.from(s, (c) => c.charCodeAt(0)), 0];

describe("TFTP", () => {
  it("reads a read request", () => {
    const r = ethernet()(ipFrame([129, 111, 3, 120], [129, 111, 255, 255], 17, udp(2001, 69, [0, 1, ...z("x0a3c45.prm"), ...z("octet")])));
    expect(r.layers).toBe("eth:ethertype:ip:udp:tftp");
    expect(r.protocol).toBe("TFTP");
    expect(r.info).toBe("Read Request, File: x0a3c45.prm, Transfer type: octet");
    expect(r.f("tftp.opcode")).toBe("1");
    expect(r.f("tftp.source_file")).toBe("x0a3c45.prm");
    expect(r.f("tftp.type")).toBe("octet");
  });

  it("lists a write request's options in Info", () => {
    const r = ethernet()(ipFrame([10, 0, 0, 1], [10, 0, 0, 2], 17, udp(3000, 69, [0, 2, ...z("boot.img"), ...z("netascii"), ...z("blksize"), ...z("1428")])));
    expect(r.info).toBe("Write Request, File: boot.img, Transfer type: netascii, blksize=1428");
    expect(r.f("tftp.destination_file")).toBe("boot.img");
    expect(r.f("tftp.option.name")).toBe("blksize");
  });

  it("leaves other opcodes on port 69 to UDP", () => {
    const r = ethernet()(ipFrame([10, 0, 0, 1], [10, 0, 0, 2], 17, udp(3000, 69, [0, 4, 0, 1])));
    expect(r.layers).toBe("eth:ethertype:ip:udp:data");
  });
});
