/**
 * NBNS from hand-built messages in Ethernet/IPv4/UDP frames through the whole
 * engine. Expected Info texts and field values are what tshark 4.0.17 prints
 * for the same bytes (checked on a crafted pcap); the shared captures are
 * compared with live tshark in src/cli/udp-small-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { ethernet, type Host, udpFrame } from "../ip-testing";
import { threw } from "../testing";
import { decodeFirstLevel } from "./names";

const CLIENT: Host = { ip: [10, 0, 0, 1], port: 137 };
const SERVER: Host = { ip: [10, 0, 0, 2], port: 137 };
const u16 = (v: number): number[] => [v >> 8, v & 0xff];
const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];

/** A NetBIOS name first-level encoded (RFC 1001 §14.1): 32 letters 'A'+nibble, then scope labels, then the root. */
function encoded(name: string, suffix: number, scope: string[] = []): number[] {
  const raw = [...Array.from(name.padEnd(15, " ").slice(0, 15), (c) => c.charCodeAt(0)), suffix];
  const letters = raw.flatMap((b) => [0x41 + (b >> 4), 0x41 + (b & 15)]);
  return [32, ...letters, ...scope.flatMap((l) => [l.length, ...Array.from(l, (c) => c.charCodeAt(0))]), 0];
}
/** The 12-byte header (RFC 1002 §4.2.1.1). */
const header = (id: number, flags: number, qd: number, an: number, ns = 0, ar = 0): number[] => [...u16(id), ...u16(flags), ...u16(qd), ...u16(an), ...u16(ns), ...u16(ar)];

describe("NBNS", () => {
  it("decodes a broadcast name query with a scope", () => {
    const r = ethernet()(
      udpFrame(CLIENT, SERVER, [
        ...header(0x1111, 0x0110, 1, 0), // ID, flags: query, RD, B; one question
        ...encoded("WPAD", 0x00, ["corp", "example"]), // WPAD<00>.corp.example
        ...u16(32), // type NB
        ...u16(1), // class IN
      ]),
    );
    expect(r.protocol).toBe("NBNS");
    expect(r.layers).toBe("eth:ethertype:ip:udp:nbns");
    expect(r.info).toBe("Name query NB WPAD<00>.corp.example");
    expect(r.f("nbns.id")).toBe("0x1111");
    expect(r.f("nbns.flags")).toBe("0x0110");
    expect(r.f("nbns.flags.broadcast")).toBe("1");
    expect(r.f("nbns.flags.recdesired")).toBe("1");
    expect(r.f("nbns.flags.rcode")).toBe(""); // requests have no reply code
    expect(r.f("nbns.name")).toBe("WPAD<00>.corp.example");
    expect(r.f("nbns.type")).toBe("32");
    expect(r.f("nbns.class")).toBe("1");
  });

  it("decodes a positive response: the record's name carries its type's description", () => {
    const r = ethernet()(
      udpFrame(SERVER, CLIENT, [
        ...header(0x1111, 0x8500, 0, 1), // response, opcode 0, AA, RD; one answer
        ...encoded("WPAD", 0x00),
        ...u16(32), // type NB
        ...u16(1), // class IN
        ...u32(300000), // TTL
        ...u16(6), // data length
        ...u16(0x6000), // NB flags: H-node, unique
        10, 0, 0, 9, // address
      ]),
    );
    expect(r.info).toBe("Name query response NB 10.0.0.9");
    expect(r.f("nbns.name")).toBe("WPAD<00> (Workstation/Redirector)");
    expect(r.f("nbns.ttl")).toBe("300000");
    expect(r.f("nbns.nb_flags")).toBe("0x6000");
    expect(r.f("nbns.nb_flags.ont")).toBe("3");
    expect(r.f("nbns.nb_flags.group")).toBe("0");
    expect(r.f("nbns.addr")).toBe("10.0.0.9");
    expect(r.f("nbns.flags.rcode")).toBe("0");
  });

  it("decodes a node status response (RFC 1002 §4.2.18): name table and adapter statistics", () => {
    const names = [
      ...Array.from("HOST1".padEnd(15, " "), (c) => c.charCodeAt(0)), 0x00, ...u16(0x0400), // HOST1<00>, active, unique
      ...Array.from("WORKGROUP".padEnd(15, " "), (c) => c.charCodeAt(0)), 0x00, ...u16(0x8400), // WORKGROUP<00>, active, group
    ];
    const stats = [0x00, 0xa0, 0xc9, 0x11, 0x22, 0x33, ...new Array<number>(40).fill(0)]; // unit ID, then 40 bytes of counters
    const data = [2, ...names, ...stats]; // number of names first
    const star = [32, 0x43, 0x4b, ...new Array<number>(30).fill(0x41), 0]; // "*" padded with NULs
    const r = ethernet()(udpFrame(SERVER, { ip: CLIENT.ip, port: 40000 }, [...header(0x3333, 0x8400, 0, 1), ...star, ...u16(33), ...u16(1), ...u32(0), ...u16(data.length), ...data]));
    expect(r.info).toBe("Name query response NBSTAT");
    expect(r.f("nbns.number_of_names")).toBe("2");
    expect(r.f("nbns.netbios_name")).toBe("HOST1,WORKGROUP");
    expect(r.f("nbns.name_flags")).toBe("0x0400,0x8400");
    expect(r.f("nbns.name_flags.act")).toBe("1,1");
    expect(r.f("nbns.unit_id")).toBe("00:a0:c9:11:22:33");
    expect(r.f("nbns.session_data_packet_size")).toBe("0");
  });

  it("words errors and WACKs as tshark does", () => {
    const error = ethernet()(udpFrame(SERVER, CLIENT, [...header(0x2222, 0x8583, 0, 0)])); // name error, no records
    expect(error.info).toBe("Name query response, Requested name does not exist");
    const wack = ethernet()(
      udpFrame(SERVER, CLIENT, [
        ...header(0x4444, 0xbc00, 0, 1), // response, opcode 7 (WACK), AA
        ...encoded("HOST1", 0x00),
        ...u16(32), ...u16(1), ...u32(2), ...u16(2), // NB, IN, TTL 2, two bytes of data
        ...u16(0x2910), // the flags of the request being acknowledged
      ]),
    );
    expect(wack.info).toBe("Wait for acknowledgment response");
    expect(wack.f("nbns.flags")).toBe("0xbc00,0x2910");
  });

  it("marks a message cut inside a name malformed, keeping the header's Info", () => {
    const r = ethernet()(udpFrame(CLIENT, SERVER, [...header(0x5555, 0x0110, 1, 0), 0x20, 0x43, 0x4b]));
    expect(r.info).toBe("Name query[Malformed Packet]");
    expect(r.malformed).not.toBe("");
    expect(threw(r)).toBe(false);
  });

  it("undoes the first-level encoding as Wireshark does, illegal names included", () => {
    expect(decodeFirstLevel("FHFAEBEECACACACACACACACACACACAAA")).toEqual({ text: "WPAD<00>", type: 0 });
    expect(decodeFirstLevel("FHFAEBEECACACACACACACACACACACAAA.scope")).toEqual({ text: "WPAD<00>.scope", type: 0 });
    expect(decodeFirstLevel("ABC").text).toBe("Illegal NetBIOS name (odd number of bytes)");
    expect(decodeFirstLevel("aa").text).toBe("Illegal NetBIOS name (1st character not between A and Z in first-level encoding)");
    expect(decodeFirstLevel("AA").text).toBe("Illegal NetBIOS name (1 bytes long)");
    expect(decodeFirstLevel("ABAB" + "CA".repeat(13) + "AB").text).toBe("<01><01><01>"); // non-printables as <XX>, trailing spaces dropped
  });
});
