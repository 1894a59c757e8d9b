/**
 * SMB2 over direct-hosted TCP 445, hand-built; expected columns and fields
 * are what tshark 4.0.17 prints for the same bytes (frames 862-879 of the
 * shared lan-windows capture have this shape: a tree connect to IPC$, a
 * Create of srvsvc whose file ID later requests name, a DCERPC bind written
 * to the pipe).
 */
import { describe, expect, it } from "vitest";
import { type Host, tcpCapture } from "../ip-testing";
import { direct, le16, le32, smb2Header as header, utf16 } from "../smb/smb-testing";

const CLIENT: Host = { ip: [192, 168, 199, 132], port: 49675 };
const SERVER: Host = { ip: [192, 168, 199, 133], port: 445 };
const FILE_ID = [1, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0];

describe("SMB2", () => {
  it("names the tree, the created file, and the file by its ID in later requests", () => {
    const cap = tcpCapture();
    const tree = utf16("\\\\192.168.199.133\\IPC$");
    const tc = cap.send(CLIENT, SERVER, direct([
      ...header(3, 1),
      ...le16(9), // structure size
      ...le16(0), // flags
      ...le16(64 + 8), // path offset (from the header)
      ...le16(tree.length), // path length
      ...tree,
    ]));
    expect(tc.protocol).toBe("SMB2");
    expect(tc.info).toBe("Tree Connect Request Tree: \\\\192.168.199.133\\IPC$");
    expect(tc.f("smb2.tree")).toBe("\\\\192.168.199.133\\IPC$");

    const name = utf16("srvsvc");
    const create = cap.send(CLIENT, SERVER, direct([
      ...header(5, 2),
      ...le16(57), // structure size
      0, 0, // security flags, oplock
      ...le32(2), // impersonation
      ...new Array<number>(16).fill(0), // create flags, reserved
      ...le32(0x0012019f), // desired access
      ...le32(0), // file attributes
      ...le32(7), // share access
      ...le32(1), // disposition: open
      ...le32(0x00400040), // create options
      ...le16(64 + 56), // name offset
      ...le16(name.length), // name length
      ...le32(0), ...le32(0), // contexts offset and length
      ...name,
    ]));
    expect(create.info).toBe("Create Request File: srvsvc");
    expect(create.f("smb2.filename")).toBe("srvsvc");

    const created = cap.send(SERVER, CLIENT, direct([
      ...header(5, 2, { response: true }),
      ...le16(89), // structure size
      0, 0, // oplock, flags
      ...le32(1), // create action
      ...new Array<number>(32).fill(0), // four times
      ...new Array<number>(16).fill(0), // allocation size, end of file
      ...le32(0x80), ...le32(0), // attributes, reserved
      ...FILE_ID, // file ID
      ...le32(0), ...le32(0), // contexts
    ]));
    expect(created.info).toBe("Create Response File: srvsvc");

    const read = cap.send(CLIENT, SERVER, direct([
      ...header(8, 3),
      ...le16(49), // structure size
      0x50, 0, // padding, flags
      ...le32(1024), // length
      ...le32(0), ...le32(0), // offset
      ...FILE_ID,
      ...le32(0), // minimum count
      ...le32(0), ...le32(0), // channel, remaining
      ...le16(0), ...le16(0), 0, // channel info, one byte of buffer
    ]));
    expect(read.info).toBe("Read Request Len:1024 Off:0 File: srvsvc");

    const close = cap.send(CLIENT, SERVER, direct([...header(6, 4), ...le16(24), ...le16(0), ...le32(0), ...FILE_ID]));
    expect(close.info).toBe("Close Request File: srvsvc");
  });

  it("puts the error before NTLMSSP's message type on a session setup response", () => {
    const cap = tcpCapture();
    const token = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00, ...le32(2), ...new Array<number>(36).fill(0)]; // "NTLMSSP\0", CHALLENGE
    const r = cap.send(SERVER, CLIENT, direct([
      ...header(1, 1, { response: true, status: 0xc0000016 }),
      ...le16(9), // structure size
      ...le16(0), // session flags
      ...le16(64 + 8), // blob offset
      ...le16(token.length), // blob length
      ...token,
    ]));
    expect(r.info).toBe("Session Setup Response, Error: STATUS_MORE_PROCESSING_REQUIRED, NTLMSSP_CHALLENGE");
    expect(r.f("smb2.nt_status")).toBe("0xc0000016");
  });

  it("answers an error with the 9-byte error body", () => {
    const cap = tcpCapture();
    const r = cap.send(SERVER, CLIENT, direct([...header(1, 2, { response: true, status: 0xc000006d }), ...le16(9), 0, 0, ...le32(0), 0]));
    expect(r.info).toBe("Session Setup Response, Error: STATUS_LOGON_FAILURE");
  });
});
