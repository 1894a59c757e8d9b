/**
 * MAC names: each kind of table entry with the string tshark 4.0.17 prints
 * for it (`tshark -T fields -e eth.dst_resolved -e eth.src_resolved`, read
 * once from a hand-built capture of these addresses). The whole tables are
 * compared with live tshark in src/cli/mac-names-vs-tshark.test.ts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { etherNameAt, etherWithName, macNameResolution, ouiLabel, ouiLongName, resolveEtherName, setMacNameResolution } from ".";
import { encodeVarint, VarintReader, VARINT_ALPHABET } from "./varint";

const mac = (text: string): Uint8Array => Uint8Array.from(text.split(":").map((h) => parseInt(h, 16)));

describe("MAC names as tshark prints them", () => {
  afterEach(() => setMacNameResolution(true));

  it.each([
    ["ff:ff:ff:ff:ff:ff", "Broadcast"], // wka, exact address
    ["01:00:0c:cc:cc:cc", "CDP/VTP/DTP/PAgP/UDLD"], // wka, exact address
    ["01:80:c2:00:00:0e", "LLDP_Multicast"], // wka, exact address inside a wider range
    ["01:80:c2:00:00:00", "Spanning-tree-(for-bridges)_00"], // wka range /44
    ["33:33:00:00:00:16", "IPv6mcast_16"], // wka range /16, matched at /40 (the key masks to the same bytes)
    ["33:33:ff:12:34:56", "IPv6mcast_ff:12:34:56"], // the same /16 range, matched at its own mask
    ["01:00:5e:7f:ff:fa", "IPv4mcast_7f:ff:fa"], // wka range /25
    ["00:00:0c:ea:b8:c1", "Cisco_ea:b8:c1"], // 24-bit OUI
    ["00:1b:21:ea:b8:c1", "IntelCor_ea:b8:c1"], // 24-bit OUI
    ["f4:5c:89:8b:f9:de", "Apple_8b:f9:de"], // 24-bit OUI
    ["01:1b:21:ea:b8:c1", "IntelCor_ea:b8:c1"], // group bit set: the OUI without it
    ["00:55:da:51:23:45", "Nanoleaf_01:23:45"], // MA-M /28 block
    ["00:1b:c5:00:0a:bc", "Convergi_0a:bc"], // MA-S /36 block
    ["00:1b:c5:00:00:05", "Convergi_05"], // the /36 block's key matched at /40 (Wireshark keeps no mask)
    ["00:00:00:00:00:00", "00:00:00_00:00:00"], // manuf's odd "00:00:00" short name
    ["02:42:ac:11:00:02", "02:42:ac:11:00:02"], // locally administered: no vendor
    ["03:1b:21:11:22:33", "03:1b:21:11:22:33"], // group + local: the group bit alone is cleared for the retry
    ["0a:0b:0c:0d:0e:0f", "0a:0b:0c:0d:0e:0f"], // nothing matches
  ])("%s is %s", (text, name) => {
    expect(resolveEtherName(mac(text))).toBe(name);
    expect(etherNameAt(Uint8Array.from([9, ...mac(text)]), 1)).toBe(name);
  });

  it("labels addresses as Wireshark's address_with_resolution_to_str", () => {
    expect(etherWithName(mac("ff:ff:ff:ff:ff:ff"), 0)).toBe("Broadcast (ff:ff:ff:ff:ff:ff)");
    // With resolution on, an address without a name is still repeated in parentheses.
    expect(etherWithName(mac("0a:0b:0c:0d:0e:0f"), 0)).toBe("0a:0b:0c:0d:0e:0f (0a:0b:0c:0d:0e:0f)");
  });

  it("gives vendors' full names for the OUI fields, exact OUIs only", () => {
    expect(ouiLongName(0x00000c)).toBe("Cisco Systems, Inc");
    expect(ouiLongName(0x0055da)).toBe("IEEE Registration Authority");
    expect(ouiLongName(0x011b21)).toBeUndefined();
    expect(ouiLabel(0x000347)).toBe("00:03:47 (Intel Corporation)");
    expect(ouiLabel(0xffffff)).toBe("ff:ff:ff");
  });

  it("prints addresses when resolution is off (-n) and names again when it is back on", () => {
    const b = mac("ff:ff:ff:ff:ff:ff");
    expect(etherNameAt(b, 0)).toBe("Broadcast");
    setMacNameResolution(false);
    expect(macNameResolution()).toBe(false);
    expect(etherNameAt(b, 0)).toBe("ff:ff:ff:ff:ff:ff");
    expect(etherWithName(b, 0)).toBe("ff:ff:ff:ff:ff:ff");
    setMacNameResolution(true);
    expect(etherNameAt(b, 0)).toBe("Broadcast");
  });

  it("returns the cached string for an address seen before", () => {
    const a = etherNameAt(mac("00:1b:21:ea:b8:c1"), 0);
    expect(etherNameAt(mac("00:1b:21:ea:b8:c1"), 0)).toBe(a);
  });
});

describe("varints of the data tables", () => {
  it("reads little-endian base-32 digits, 48-bit values included", () => {
    const values = [0, 31, 32, 1023, 0xffffff, 2 ** 48 - 1];
    const text = values.map(encodeVarint).join("");
    // One digit below 32, two from 32 on: five bits a digit.
    expect(encodeVarint(31)).toHaveLength(1);
    expect(encodeVarint(32)).toHaveLength(2);
    expect(text.startsWith(VARINT_ALPHABET[0]!)).toBe(true);
    const r = new VarintReader(text);
    expect(values.map(() => r.next())).toEqual(values);
    expect(r.done).toBe(true);
  });
});
