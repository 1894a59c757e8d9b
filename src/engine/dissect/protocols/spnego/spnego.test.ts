/**
 * GSS-API and SPNEGO in SMB2 security blobs, hand-built in the shapes of the
 * shared lan-windows capture's frames 196 (negotiate response), 240 (session
 * setup with an NTLMSSP NEGOTIATE) and 243 (the final response with its
 * mechListMIC); expected values are what tshark 4.0.17 shows for those
 * frames. The capture itself is compared with live tshark, frame.protocols
 * included, by src/cli/smb-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { type Host, tcpCapture } from "../ip-testing";
import { ascii, direct, le16, le32, smb2Header } from "../smb/smb-testing";

const CLIENT: Host = { ip: [192, 168, 199, 132], port: 49675 };
const SERVER: Host = { ip: [192, 168, 199, 133], port: 445 };

/** A BER TLV with a short-form length. */
const tlv = (tag: number, contents: number[]): number[] => [tag, contents.length, ...contents];
const SPNEGO = [0x2b, 0x06, 0x01, 0x05, 0x05, 0x02]; // 1.3.6.1.5.5.2
const NEGOEX = [0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x1e]; // 1.3.6.1.4.1.311.2.2.30
const NTLMSSP = [0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a]; // 1.3.6.1.4.1.311.2.2.10

/** An initial token: [APPLICATION 0] { SPNEGO OID, negTokenInit [0] SEQUENCE { … } }. */
const initToken = (fields: number[]): number[] => tlv(0x60, [...tlv(0x06, SPNEGO), ...tlv(0xa0, tlv(0x30, fields))]);
const mechTypes = (...oids: number[][]): number[] => tlv(0xa0, tlv(0x30, oids.flatMap((o) => tlv(0x06, o))));
const NEGOTIATE = [...ascii("NTLMSSP"), 0, ...le32(1), ...le32(0xe2088297), ...new Array<number>(16).fill(0)];

function negotiateResponse(blob: number[]): number[] {
  return direct([
    ...smb2Header(0, 0, { response: true }),
    ...le16(65), // structure size
    ...le16(1), ...le16(0x0311), ...le16(0), // security mode, dialect, negotiate context count
    ...new Array<number>(16).fill(7), // server GUID
    ...le32(0x2f), ...le32(8388608), ...le32(8388608), ...le32(8388608), // capabilities, max transact/read/write
    ...new Array<number>(16).fill(0), // system time, server start time
    ...le16(64 + 64), ...le16(blob.length), // security buffer offset (from the header), length
    ...le32(0), // negotiate context offset
    ...blob,
  ]);
}

function sessionSetup(mid: number, blob: number[], response: boolean): number[] {
  const body = response
    ? [...le16(9), ...le16(0), ...le16(64 + 8), ...le16(blob.length)] // structure size, session flags, blob offset, length
    : [...le16(25), 0, 1, ...le32(1), ...le32(0), ...le16(64 + 24), ...le16(blob.length), ...le32(0), ...le32(0)]; // size, flags, security mode, capabilities, channel, blob offset, length, previous session
  return direct([...smb2Header(1, mid, { response }), ...body, ...blob]);
}

describe("GSS-API and SPNEGO", () => {
  it("shows a negotiate response's negTokenInit and lists gss-api and spnego as layers", () => {
    const r = tcpCapture().send(SERVER, CLIENT, negotiateResponse(initToken(mechTypes(NEGOEX, NTLMSSP))));
    expect(r.layers).toBe("eth:ethertype:ip:tcp:nbss:smb2:gss-api:spnego");
    expect(r.f("gss-api.OID")).toBe("1.3.6.1.5.5.2");
    expect(r.f("spnego.mechTypes")).toBe("2");
    expect(r.f("spnego.MechType")).toBe("1.3.6.1.4.1.311.2.2.30,1.3.6.1.4.1.311.2.2.10");
    // Protocol items created without text print their abbreviation in -T fields.
    expect(r.f("gss-api")).toBe("gss-api");
    expect(r.f("spnego")).toBe("spnego");
  });

  it("hands NTLMSSP its token, and the final mechListMIC as its verifier", () => {
    const cap = tcpCapture();
    const req = cap.send(CLIENT, SERVER, sessionSetup(1, initToken([...mechTypes(NTLMSSP), ...tlv(0xa2, tlv(0x04, NEGOTIATE))]), false));
    expect(req.layers).toBe("eth:ethertype:ip:tcp:nbss:smb2:gss-api:spnego:ntlmssp");
    expect(req.info).toBe("Session Setup Request, NTLMSSP_NEGOTIATE");
    expect(req.f("ntlmssp.messagetype")).toBe("0x00000001");

    const verifier = [...le32(1), 0xee, 0x09, 0x91, 0x53, 0xab, 0x7f, 0x5d, 0xe6, 0, 0, 0, 0];
    // negTokenResp [1] SEQUENCE { negState accept-completed, mechListMIC }: no supportedMech, the connection's is NTLMSSP.
    const done = cap.send(SERVER, CLIENT, sessionSetup(1, tlv(0xa1, tlv(0x30, [...tlv(0xa0, tlv(0x0a, [0])), ...tlv(0xa3, tlv(0x04, verifier))])), true));
    expect(done.layers).toBe("eth:ethertype:ip:tcp:nbss:smb2:gss-api:spnego:ntlmssp");
    expect(done.f("gss-api.OID")).toBe("");
    expect(done.f("spnego.negResult")).toBe("0");
    expect(done.f("spnego.mechListMIC")).toBe("01000000ee099153ab7f5de600000000");
    expect(done.f("ntlmssp.verf.vers")).toBe("1");
    expect(done.f("ntlmssp.verf.body")).toBe("ee099153ab7f5de600000000");
  });
});
