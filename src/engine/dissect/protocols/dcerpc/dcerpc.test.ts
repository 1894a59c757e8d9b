/**
 * DCERPC over an SMB2 named pipe, hand-built; expected Info is what tshark
 * 4.0.17 writes for the same bytes (frames 870 and 873 of the shared
 * lan-windows capture have this shape).
 */
import { describe, expect, it } from "vitest";
import { tcpCapture } from "../ip-testing";
import { direct, le16, le32, smb2Header } from "../smb/smb-testing";
import { CLIENT, NDR32, SERVER, SRVSVC, pdu, write } from "./dcerpc-testing";

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
    // The flags' bits and the data representation's parts, as packet-dcerpc.c itemises them.
    expect(bind.f("dcerpc.cn_flags.first_frag")).toBe("1");
    expect(bind.f("dcerpc.cn_flags.object")).toBe("0");
    expect(bind.f("dcerpc.drep.byteorder")).toBe("1");
    expect(bind.f("dcerpc.drep.fp")).toBe("0");

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

    // NetSrvGetInfo (21): a NULL server name and level 0 (srvsvc.test.ts decodes NetShareEnumAll's stub).
    const req = cap.send(CLIENT, SERVER, write(3, pdu(0, 3, [...le32(8), ...le16(0), ...le16(21), ...le32(0), ...le32(0)])));
    expect(req.protocol).toBe("SRVSVC");
    expect(req.info).toBe("NetSrvGetInfo request");
  });
});
