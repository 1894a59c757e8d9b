/**
 * SNMP through the whole engine (raw IPv4 → UDP → SNMP) from hand-built
 * messages. Expected values are what tshark 4.0.17 prints for the same bytes
 * (checked with text2pcap-made copies); the shared corpus test compares every
 * SNMP field on a real capture with live tshark.
 */
import { describe, expect, it } from "vitest";
import { LinkType } from "../../../capture/types";
import { frames, ipv4Packet } from "../testing";
import { udp } from "../ip-testing";

const MANAGER = [10, 0, 0, 1];
const AGENT = [10, 0, 0, 2];

/** A BER TLV (X.690 §8.1) with a short-form length. */
const tlv = (tag: number, ...contents: number[][]): number[] => {
  const body = contents.flat();
  return [tag, body.length, ...body];
};
const int = (v: number): number[] => tlv(0x02, [v]);
const str = (s: string): number[] => tlv(0x04, [...s].map((c) => c.charCodeAt(0)));
const oid = (...encoded: number[]): number[] => tlv(0x06, encoded);
const NULL = [0x05, 0x00];
/** 1.3.6.1.2.1.1.5.0 (sysName.0): 40 × 1 + 3 = 0x2b, then one octet per arc. */
const SYS_NAME = oid(0x2b, 6, 1, 2, 1, 1, 5, 0);

/** A v1/v2c message: SEQUENCE { version, community, PDU [tag] { request-id, error-status, error-index, varbinds } }. */
function message(version: number, community: string, pduTag: number, requestId: number, varbinds: number[][]): number[] {
  return tlv(
    0x30,
    int(version), // version: 0 = v1, 1 = v2c
    str(community), // community
    tlv(0xa0 | pduTag, int(requestId), int(0), int(0), tlv(0x30, ...varbinds.map((vb) => tlv(0x30, vb)))),
  );
}

function capture() {
  const run = frames(LinkType.RAW, { tsBase: 100 });
  return (src: number[], sport: number, dst: number[], dport: number, payload: number[]) => run(Uint8Array.from(ipv4Packet(src, dst, 17, udp(sport, dport, payload))));
}

describe("SNMP", () => {
  it("dissects a v1 get-request and its response, matched by request-id", () => {
    const send = capture();
    const req = send(MANAGER, 1000, AGENT, 161, message(0, "public", 0, 38, [[...SYS_NAME, ...NULL]]));
    expect(req.layers).toBe("raw:ip:udp:snmp");
    expect([req.protocol, req.info]).toEqual(["SNMP", "get-request 1.3.6.1.2.1.1.5.0"]);
    expect(req.f("snmp.version")).toBe("0");
    expect(req.f("snmp.community")).toBe("public");
    expect(req.f("snmp.data")).toBe("0");
    expect(req.f("snmp.request_id")).toBe("38");
    expect(req.f("snmp.variable_bindings")).toBe("1");
    expect(req.f("snmp.name")).toBe("1.3.6.1.2.1.1.5.0");
    expect(req.f("snmp.value.null")).toBe("1");
    // One pass: the request cannot know its response yet.
    expect(req.f("snmp.response_in")).toBe("");
    const resp = send(AGENT, 161, MANAGER, 1000, message(0, "public", 2, 38, [[...SYS_NAME, ...str("B6300")]]));
    expect(resp.info).toBe("get-response 1.3.6.1.2.1.1.5.0");
    expect(resp.f("snmp.value.octets")).toBe("4236333030");
    // sysName.0 has Wireshark's string sub-dissector: a second SNMP layer.
    expect(resp.layers).toBe("raw:ip:udp:snmp:snmp");
    expect(resp.f("snmp.var-bind_str")).toBe("B6300");
    expect(resp.f("snmp.response_to")).toBe("1");
    expect(resp.f("snmp.time")).toBe("1.000000000");
  });

  it("numbers udp.stream as tshark 4.0 does: each SNMP request makes a new conversation", () => {
    const send = capture();
    const get = message(1, "public", 0, 7, [[...SYS_NAME, ...NULL]]);
    expect(send(MANAGER, 1000, AGENT, 161, get).f("udp.stream")).toBe("0");
    // SNMP created a conversation of its own for the pair: the answer starts stream 1 and keeps it.
    expect(send(AGENT, 161, MANAGER, 1000, message(1, "public", 2, 7, [[...SYS_NAME, ...NULL]])).f("udp.stream")).toBe("1");
    expect(send(MANAGER, 1000, AGENT, 161, get).f("udp.stream")).toBe("1");
  });

  it("keeps a reply from another port out of SNMP, as tshark does", () => {
    const send = capture();
    send(MANAGER, 1000, AGENT, 161, message(0, "public", 0, 1, [[...SYS_NAME, ...NULL]]));
    const other = send(AGENT, 2000, MANAGER, 1000, message(0, "public", 2, 1, [[...SYS_NAME, ...NULL]]));
    expect([other.protocol, other.f("udp.stream")]).toEqual(["UDP", "1"]);
  });

  it("names a v1 trap's enterprise from the OID roots", () => {
    const send = capture();
    const trap = tlv(
      0x30,
      int(0), // version-1
      str("public"), // community
      tlv(
        0xa4, // Trap-PDU
        oid(0x2b, 6, 1, 4, 1, 0x81, 0xf4, 0x69, 0), // enterprise 1.3.6.1.4.1.31337.0
        tlv(0x40, [127, 0, 0, 1]), // agent-addr (IpAddress, [APPLICATION 0])
        int(0), // generic-trap coldStart
        int(0), // specific-trap
        tlv(0x43, [0]), // time-stamp (TimeTicks, [APPLICATION 3])
        tlv(0x30, tlv(0x30, oid(0x2b, 6, 1, 2, 1, 2, 1, 0), int(33))), // ifNumber.0 = 33
      ),
    );
    const r = send(MANAGER, 5000, AGENT, 162, trap);
    expect(r.info).toBe("trap iso.3.6.1.4.1.31337.0 1.3.6.1.2.1.2.1.0");
    expect(r.f("snmp.enterprise")).toBe("1.3.6.1.4.1.31337.0");
    expect(r.f("snmp.agent_addr")).toBe("127.0.0.1");
    expect(r.f("snmp.value.int")).toBe("33");
  });

  it("reads a v3 USM header with unsigned integers and an empty engine ID", () => {
    const send = capture();
    const v3 = tlv(
      0x30,
      int(3), // msgVersion
      tlv(0x30, int(0x21), tlv(0x02, [0x40, 0x00]), tlv(0x04, [0x04]), int(3)), // msgID, msgMaxSize 16384, msgFlags reportable, USM
      tlv(0x04, tlv(0x30, tlv(0x04, []), tlv(0x02, [0xdd]), tlv(0x02, [0xdd]), str(""), tlv(0x04, []), tlv(0x04, []))), // USM parameters
      tlv(0x30, tlv(0x04, []), str(""), tlv(0xa0, int(0x21), int(0), int(0), tlv(0x30))), // ScopedPDU with an empty get-request
    );
    const r = send(MANAGER, 1000, AGENT, 161, v3);
    expect(r.info).toBe("get-request");
    expect(r.f("snmp.msgVersion")).toBe("3");
    expect(r.f("snmp.msgFlags")).toBe("04");
    expect(r.f("snmp.v3.flags.report")).toBe("1");
    // 0xdd in a one-octet INTEGER: 221 for tshark's unsigned fields.
    expect(r.f("snmp.msgAuthoritativeEngineBoots")).toBe("221");
    expect(r.f("snmp.msgAuthoritativeEngineID")).toBe("<MISSING>");
    expect(r.f("snmp.msgData")).toBe("0");
  });

  it("says an encrypted v3 PDU cannot be read without the key", () => {
    const send = capture();
    const v3 = tlv(0x30, int(3), tlv(0x30, int(1), tlv(0x02, [0x40, 0x00]), tlv(0x04, [0x03]), int(3)), tlv(0x04, tlv(0x30, str("e"), int(1), int(1), str("u"), str("a"), str("p"))), tlv(0x04, [1, 2, 3]));
    const r = send(MANAGER, 1000, AGENT, 161, v3);
    expect(r.info).toBe("encryptedPDU: privKey Unknown");
    expect(r.f("snmp.encryptedPDU")).toBe("010203");
  });

  it("marks a truncated message malformed without throwing", () => {
    const send = capture();
    const whole = message(0, "public", 0, 38, [[...SYS_NAME, ...NULL]]);
    // Lie about the PDU's length: the varbind list runs past the message.
    const broken = whole.slice();
    broken[broken.indexOf(0xa0) + 1] = 0x7f;
    const r = send(MANAGER, 1000, AGENT, 161, broken);
    expect(r.protocol).toBe("SNMP");
    expect(r.malformed).toMatch(/^SNMP: /);
  });

  it("leaves non-SNMP bytes on port 161 to data", () => {
    const send = capture();
    const r = send(MANAGER, 1000, AGENT, 161, [0x01, 0x02, 0x03]);
    expect(r.layers).toBe("raw:ip:udp:data");
    expect(r.protocol).toBe("UDP");
  });
});
