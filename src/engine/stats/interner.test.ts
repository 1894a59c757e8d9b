import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ipv6ToString } from "../dissect/format";
import { AddressInterner } from "./interner";

describe("AddressInterner", () => {
  it("gives equal IPv6 addresses one id and different ones different ids, wherever the bytes lie", () => {
    // Few distinct bytes, so addresses repeat often and share prefixes.
    const address = fc.uint8Array({ minLength: 16, maxLength: 16, max: 3 });
    fc.assert(
      fc.property(fc.array(address, { minLength: 1, maxLength: 60 }), fc.nat(8), (addresses, pad) => {
        const interner = new AddressInterner();
        const seen = new Map<string, number>();
        for (const a of addresses) {
          const framed = new Uint8Array(pad + 16 + 3);
          framed.set(a, pad);
          const id = interner.idAt(framed, pad, 16);
          expect(interner.id(a)).toBe(id);
          const text = ipv6ToString(a);
          expect(interner.texts[id]).toBe(text);
          expect(seen.get(text) ?? id).toBe(id);
          seen.set(text, id);
        }
        expect(interner.size).toBe(seen.size);
      }),
    );
  });

  it("keeps IPv4 and IPv6 apart, and MACs by their six bytes", () => {
    const interner = new AddressInterner();
    const v4 = interner.id(0x0a4d0001);
    const v6 = interner.id(new Uint8Array(16));
    expect(interner.texts[v4]).toBe("10.77.0.1");
    expect(interner.texts[v6]).toBe("::");
    expect(interner.idAt(Uint8Array.of(10, 77, 0, 1), 0, 4)).toBe(v4);
    const macs = new AddressInterner();
    const m = macs.id(Uint8Array.of(0, 0x1b, 0x21, 1, 2, 3));
    expect(macs.id(Uint8Array.of(0, 0x1b, 0x21, 1, 2, 3))).toBe(m);
    expect(macs.texts[m]).toBe("00:1b:21:01:02:03");
  });
});
