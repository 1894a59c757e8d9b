/**
 * SRVSVC NetShareEnumAll over an SMB2 pipe, hand-built, as NDR and as NDR64;
 * what is expected is what tshark 4.0.17 writes for the same frames (checked
 * on a capture of them). The shared lan-windows capture's two SRVSVC frames
 * are compared with live tshark by src/cli/smb-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { tcpCapture } from "../ip-testing";
import { direct, le16, le32, smb2Header, utf16 } from "../smb/smb-testing";
import { CLIENT, NDR32, NDR64, SERVER, SRVSVC, pdu, write } from "./dcerpc-testing";

/** An SMB2 Read response carrying `data` from the pipe. */
function read(mid: number, data: number[]): number[] {
  return direct([
    ...smb2Header(8, mid, { response: true }),
    ...le16(17), 0x50, 0, // structure size, data offset, reserved
    ...le32(data.length), ...le32(0), ...le32(0), // length, remaining, reserved
    ...data,
  ]);
}

/** A bind of SRVSVC V3.0 as context 0 with one transfer syntax. */
function bind(syntax: number[]): number[] {
  return pdu(11, 2, [
    ...le16(4280), ...le16(4280), ...le32(0), // max xmit, max recv, assoc group
    1, 0, 0, 0, // one context item
    ...le16(0), 1, 0, // context 0, one transfer syntax
    ...SRVSVC, ...le16(3), ...le16(0), // interface SRVSVC V3.0
    ...syntax, ...le32(syntax === NDR64 ? 1 : 2), // transfer syntax
  ]);
}

/** A request (opnum 15, context 0) or response PDU around an NDR stub. */
const request = (stub: number[]): number[] => pdu(0, 3, [...le32(stub.length), ...le16(0), ...le16(15), ...stub]);
const response = (stub: number[]): number[] => pdu(2, 3, [...le32(stub.length), ...le16(0), 0, 0, ...stub]);

/** A conformant varying UTF-16 string with its NUL (max count, offset, actual count of `size` bytes each). */
function cvString(s: string, size: 4 | 8): number[] {
  const n = s.length + 1;
  const count = (v: number): number[] => (size === 8 ? [...le32(v), ...le32(0)] : le32(v));
  const chars = [...utf16(s), 0, 0];
  const pad = chars.length % 4 ? [0, 0] : [];
  return [...count(n), ...count(0), ...count(n), ...chars, ...pad];
}

/** NDR: NetShareEnumAll(\\srv, level 1, Ctr1 { 0, NULL }, max buffer, resume handle 0) — as Wireshark's IDL reads it. */
const REQUEST_NDR32 = [
  ...le32(0x00020000), ...cvString("\\\\srv", 4), // server_unc: referent, string
  ...le32(1), // level
  ...le32(1), // the union's discriminant
  ...le32(0x00020004), // pointer to Ctr1
  ...le32(0), ...le32(0), // Ctr1: count 0, NULL array
  ...le32(0xffffffff), // max buffer
  ...le32(0x00020008), ...le32(0), // resume handle: referent, 0
];

/** NDR: Ctr1 with two shares, the second without a comment; total 2, no resume handle, WERR_OK. */
const RESPONSE_NDR32 = [
  ...le32(1), // level
  ...le32(1), // discriminant
  ...le32(0x00020000), // pointer to Ctr1
  ...le32(2), ...le32(0x00020004), // Ctr1: count, pointer to array
  ...le32(2), // array max count
  ...le32(0x00020008), ...le32(0), ...le32(0x0002000c), // [0] name pointer, type disk, comment pointer
  ...le32(0x00020010), ...le32(0x80000003), ...le32(0), // [1] name pointer, type IPC hidden, NULL comment
  ...cvString("ADMIN$", 4), ...cvString("Remote Admin", 4), ...cvString("IPC$", 4),
  ...le32(2), // totalentries
  ...le32(0), // NULL resume handle
  ...le32(0), // WERR_OK
];

/** The bind, the request and the response dissected in turn; `cap` dissects them again. */
function exchange(syntax: number[], req: number[], resp: number[]) {
  const cap = tcpCapture();
  return {
    cap,
    frames: [
      cap.send(CLIENT, SERVER, write(1, bind(syntax))),
      cap.send(CLIENT, SERVER, write(3, request(req))),
      cap.send(SERVER, CLIENT, read(3, response(resp))),
    ],
  };
}

describe("SRVSVC", () => {
  it("decodes NetShareEnumAll in NDR, the deferred strings inside their pointers", () => {
    const [, req, resp] = exchange(NDR32, REQUEST_NDR32, RESPONSE_NDR32).frames;
    expect(req!.protocol).toBe("SRVSVC");
    expect(req!.info).toBe("NetShareEnumAll request");
    expect(req!.f("srvsvc.srvsvc_NetShareEnumAll.server_unc")).toBe("\\\\srv");
    expect(req!.f("srvsvc.srvsvc_NetShareEnumAll.level")).toBe("1");
    expect(req!.f("srvsvc.srvsvc_NetShareCtr1.count")).toBe("0");
    expect(req!.f("dcerpc.null_pointer")).toBe("00000000");
    expect(req!.f("srvsvc.srvsvc_NetShareEnumAll.max_buffer")).toBe("4294967295");
    expect(req!.f("dcerpc.referent_id")).toBe("0x00020000,0x00020004,0x00020008");
    expect(req!.f("_ws.expert.message")).toBe("");
    // frame.protocols lists DCERPC, not SRVSVC (which DCERPC calls as a function, not through a handle).
    expect(req!.f("frame.protocols")).toBe("eth:ethertype:ip:tcp:nbss:smb2:dcerpc");

    expect(resp!.info).toBe("NetShareEnumAll response");
    expect(resp!.f("dcerpc.opnum")).toBe("15");
    expect(resp!.f("dcerpc.request_in")).toBe("2,2");
    expect(resp!.f("srvsvc.srvsvc_NetShareInfo1.name")).toBe("ADMIN$,IPC$");
    expect(resp!.f("srvsvc.srvsvc_NetShareInfo1.comment")).toBe("Remote Admin");
    expect(resp!.f("srvsvc.srvsvc_NetShareInfo1.type")).toBe("0,2147483651");
    expect(resp!.f("srvsvc.srvsvc_NetShareEnumAll.totalentries")).toBe("2");
    expect(resp!.f("srvsvc.werror")).toBe("0x00000000");
    expect(resp!.malformed).toBe("");
  });

  it("reads NDR64 with 8-byte pointers and counts; what it leaves is a Long frame, a stub that ends early is malformed", () => {
    // The shape of the shared capture's frame 874, a Windows NDR64 NetShareEnumAll, read as tshark reads it with
    // Samba's IDL (one level parameter, then the union with its own discriminant, where MS-SRVS has one structure).
    const req = [
      ...le32(0x00020000), ...le32(0), ...cvString("\\\\srv", 8), // server_unc: 8-byte referent, 8-byte counts, the string
      ...le32(0), // level 0
      ...le32(1), ...le32(0), // discriminant 1 (Ctr1), padding to the 8-byte pointer
      ...le32(1), ...le32(0), // pointer to Ctr1: referent 1
      ...le32(0x00020000), ...le32(0), // Ctr1: count 131072, padding
      ...le32(0), ...le32(0), // NULL array pointer
      ...le32(0), ...le32(0), // max buffer 0, padding
      ...le32(0xffffffff), ...le32(0), // resume handle: referent 0xffffffff
      ...le32(0), // resume handle 0
      ...le32(0), // left over
    ];
    // Level 1, discriminant 0 (Ctr0), pointer to Ctr0, and the stub ends where Ctr0 would start.
    const resp = [...le32(1), ...le32(0), ...le32(1), ...le32(0)];
    const { cap, frames } = exchange(NDR64, req, resp);
    const [, r, a] = frames;
    expect(r!.info).toBe("NetShareEnumAll request[Long frame (4 bytes)]");
    expect(r!.f("srvsvc.srvsvc_NetShareEnumAll.level")).toBe("0");
    expect(r!.f("srvsvc.srvsvc_NetShareCtr1.count")).toBe("131072");
    expect(r!.f("dcerpc.referent_id64")).toBe("0x0000000000020000,0x0000000000000001,0x00000000ffffffff");
    expect(r!.f("dcerpc.array.max_count")).toBe("6");
    expect(r!.f("_ws.expert.message")).toBe("Long frame");
    expect(r!.f("dcerpc.long_frame")).toBe("1");
    // packet-smb2.c hands the pipe's data the root tree: DCERPC, then the Server Service, are top-level items.
    expect(cap.again(2, { tree: true }).tree.map((n) => n.field.abbrev)).toEqual(["frame", "eth", "ip", "tcp", "nbss", "smb2", "dcerpc", "srvsvc"]);

    expect(a!.info).toBe("NetShareEnumAll response[Malformed Packet]");
    expect(a!.f("dcerpc.referent_id64")).toBe("0x0000000000000001");
    // Ctr0's item is added "to the end of the stub", which throws when nothing is left: no item.
    expect(a!.f("srvsvc.srvsvc_NetShareCtr.ctr0")).toBe("");
    expect(a!.f("_ws.expert.message")).toBe("Malformed Packet (Exception occurred)");
  });

  it("names an operation it does not decode without judging its stub", () => {
    const cap = tcpCapture();
    cap.send(CLIENT, SERVER, write(1, bind(NDR32)));
    const r = cap.send(CLIENT, SERVER, write(3, pdu(0, 3, [...le32(4), ...le16(0), ...le16(21), ...le32(0x00020000)])));
    expect(r.info).toBe("NetSrvGetInfo request");
    expect(r.f("srvsvc.opnum")).toBe("21");
    expect(r.f("_ws.expert.message")).toBe("");
  });
});
