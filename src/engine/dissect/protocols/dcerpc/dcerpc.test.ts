/**
 * DCERPC over an SMB2 named pipe, hand-built; expected Info is what tshark
 * 4.0.17 writes for the same bytes (frames 870 and 873 of the shared
 * lan-windows capture have this shape).
 */
import { describe, expect, it } from "vitest";
import { type Host, tcpCapture } from "../ip-testing";
import { direct, le16, le32, smb2Header } from "../smb/smb-testing";

const CLIENT: Host = { ip: [192, 168, 199, 132], port: 49675 };
const SERVER: Host = { ip: [192, 168, 199, 133], port: 445 };
const FILE_ID = new Array<number>(16).fill(7);

/** A UUID as NDR sends it: the first three groups little-endian. */
function uuid(text: string): number[] {
  const h = text.replace(/-/g, "");
  const b = Array.from({ length: 16 }, (_, i) => parseInt(h.slice(i * 2, i * 2 + 2), 16));
  return [b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.slice(8)];
}
const SRVSVC = uuid("4b324fc8-1670-01d3-1278-5a47bf6ee188");
const NDR32 = uuid("8a885d04-1ceb-11c9-9fe8-08002b104860");

function pdu(type: number, callId: number, body: number[]): number[] {
  return [
    5, 0, type, 0x03, // version 5.0, packet type, flags: first and last fragment
    0x10, 0, 0, 0, // data representation: little-endian, ASCII, IEEE
    ...le16(16 + body.length), // frag length
    ...le16(0), // auth length
    ...le32(callId), // call ID
    ...body,
  ];
}

/** An SMB2 Write request carrying `data` to the pipe. */
function write(mid: number, data: number[]): number[] {
  return direct([
    ...smb2Header(9, mid),
    ...le16(49), // structure size
    ...le16(64 + 48), // data offset
    ...le32(data.length), // length
    ...le32(0), ...le32(0), // file offset
    ...FILE_ID,
    ...le32(0), ...le32(0), // channel, remaining
    ...le16(0), ...le16(0), // channel info
    ...le32(0), // flags
    ...data,
  ]);
}

describe("DCERPC over SMB2", () => {
  it("writes a bind's context items and a request's operation name", () => {
    const cap = tcpCapture();
    const bind = cap.send(CLIENT, SERVER, write(1, pdu(11, 2, [
      ...le16(4280), ...le16(4280), ...le32(0), // max xmit, max recv, assoc group
      1, 0, 0, 0, // one context item
      ...le16(0), 1, 0, // context 0, one transfer syntax
      ...SRVSVC, ...le16(3), ...le16(0), // interface SRVSVC V3.0
      ...NDR32, ...le32(2), // transfer syntax 32bit NDR V2
    ])));
    expect(bind.protocol).toBe("DCERPC");
    expect(bind.info).toBe("Bind: call_id: 2, Fragment: Single, 1 context items: SRVSVC V3.0 (32bit NDR)");
    expect(bind.f("dcerpc.cn_num_ctx_items")).toBe("1");

    const ack = cap.send(SERVER, CLIENT, direct([
      ...smb2Header(8, 2, { response: true }),
      ...le16(17), 0x50, 0, // structure size, data offset, reserved
      ...le32(68), ...le32(0), ...le32(0), // length (the bind ack below), remaining, reserved
      ...pdu(12, 2, [
        ...le16(4280), ...le16(4280), ...le32(0x1234), // max xmit, max recv, assoc group
        ...le16(13), ...Array.from("\\PIPE\\srvsvc", (c) => c.charCodeAt(0)), 0, // secondary address
        0, // pad to 4
        1, 0, 0, 0, // one result
        ...le16(0), ...le16(0), ...NDR32, ...le32(2), // acceptance, 32bit NDR
      ]),
    ]));
    expect(ack.info).toBe("Bind_ack: call_id: 2, Fragment: Single, max_xmit: 4280 max_recv: 4280, 1 results: Acceptance");

    const req = cap.send(CLIENT, SERVER, write(3, pdu(0, 3, [...le32(8), ...le16(0), ...le16(15), ...le32(0), ...le32(0)])));
    expect(req.protocol).toBe("SRVSVC");
    expect(req.info).toBe("NetShareEnumAll request");
  });
});
