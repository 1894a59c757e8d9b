/**
 * SMB (v1) Trans requests in NBDS datagrams (the browser's mailslot) and SMB
 * responses over NBSS, hand-built; expected columns and fields are what
 * tshark 4.0.17 prints for the same bytes (frames 88 and 464 of the shared
 * lan-windows and malformed-fuzz captures have this shape).
 */
import { describe, expect, it } from "vitest";
import { ethernet, type Host, tcpCapture, udpFrame } from "../ip-testing";
import { ascii, encodedName, le16, le32, sessionMessage, smbHeader } from "./smb-testing";

const HOST: Host = { ip: [192, 168, 199, 133], port: 138 };
const BROADCAST: Host = { ip: [192, 168, 199, 255], port: 138 };

/** A Trans request writing `data` to a mailslot (MS-CIFS §2.2.4.33.1, MS-MAIL §2.2.1); `dataOffset` may lie. */
function mailslotWrite(data: number[], o: { dataOffset?: number; byteCount?: number } = {}): number[] {
  const name = [...ascii("\\MAILSLOT\\BROWSE"), 0];
  const dataOffset = 32 + 1 + 17 * 2 + 2 + name.length; // header, word count, 17 words, byte count, name
  return [
    ...smbHeader({ cmd: 0x25, flags2: 0x0000 }), // ASCII strings, DOS errors
    17, // word count: 14 + 3 setup words
    ...le16(0), // total parameter count
    ...le16(data.length), // total data count
    ...le16(0), // max parameter count
    ...le16(0), // max data count
    0, 0, // max setup count, reserved
    ...le16(0), // flags
    ...le32(1000), // timeout
    ...le16(0), // reserved
    ...le16(0), // parameter count
    ...le16(0), // parameter offset
    ...le16(data.length), // data count
    ...le16(o.dataOffset ?? dataOffset), // data offset (from the SMB header)
    3, 0, // setup count, reserved
    ...le16(1), // setup: mailslot opcode 1 (write)
    ...le16(0), // setup: priority
    ...le16(2), // setup: class 2 (unreliable, broadcast)
    ...le16(o.byteCount ?? name.length + data.length), // byte count (the mailslot's "size")
    ...name,
    ...data,
  ];
}

function nbds(smb: number[]): Uint8Array {
  return udpFrame(HOST, BROADCAST, [
    0x11, 0x02, 0x12, 0x34, // direct group datagram, first fragment, datagram ID
    192, 168, 199, 133, 0, 138, // source IP and port
    0, 0, 0, 0, // datagram length (not checked), packet offset
    ...encodedName("DESKTOP-V1FA0UQ", 0x00), // source name
    ...encodedName("WORKGROUP", 0x1d), // destination name
    ...smb,
  ]);
}

const HOST_ANNOUNCEMENT = [
  0x01, // command: Host Announcement
  0x00, // update count
  ...le32(60000), // periodicity: 1 minute
  ...ascii("DESKTOP-V1FA0UQ"), 0, // host name, NUL padded to 16
  10, 0, // OS 10.0
  ...le32(0x00001003), // server type: Workstation, Server, NT Workstation
  15, 1, // browser protocol 15.1
  ...le16(0xaa55), // signature
  0, // empty comment
];

describe("SMB", () => {
  it("hands a mailslot write to \\MAILSLOT\\BROWSE to BROWSER", () => {
    const r = ethernet()(nbds(mailslotWrite(HOST_ANNOUNCEMENT)));
    expect(r.protocol).toBe("BROWSER");
    expect(r.info).toBe("Host Announcement DESKTOP-V1FA0UQ, Workstation, Server, NT Workstation");
    // frame.protocols leaves out the mailslot header, which SMB calls as a function (no dissector handle, no layer).
    expect(r.layers).toBe("eth:ethertype:ip:udp:nbdgm:smb:browser");
    expect(r.f("smb.trans_name")).toBe("\\MAILSLOT\\BROWSE");
    expect(r.f("mailslot.opcode")).toBe("1");
    expect(r.f("mailslot.class")).toBe("2");
    expect(r.f("browser.server")).toBe("DESKTOP-V1FA0UQ");
    expect(r.f("browser.server_type")).toBe("0x00001003");
    expect(r.f("browser.sig")).toBe("0xaa55");
  });

  it("hands \\PIPE\\LANMAN to the pipe and LANMAN as top-level items, neither in frame.protocols", () => {
    const cap = tcpCapture();
    const client: Host = { ip: [192, 168, 199, 133], port: 49672 };
    const server: Host = { ip: [192, 168, 199, 1], port: 139 };
    const name = [...ascii("\\PIPE\\LANMAN"), 0];
    const params = [
      ...le16(104), // function: NetServerEnum2
      ...ascii("WrLehDO"), 0, // parameter descriptor
      ...ascii("B16BBDz"), 0, // return descriptor
      ...le16(1), ...le16(4374), // level, receive buffer length
      ...le32(0x80000000), // server type: Domain Enum
    ];
    const paramOffset = 32 + 1 + 14 * 2 + 2 + name.length; // header, word count, 14 words, byte count, name
    const req = cap.send(client, server, sessionMessage([
      ...smbHeader({ cmd: 0x25, flags2: 0x0000, tid: 2048, mid: 64 }), // ASCII strings, DOS errors
      14, // word count, no setup words
      ...le16(params.length), ...le16(0), // total parameter and data counts
      ...le16(8), ...le16(4374), 0, 0, // max parameter and data counts, max setup count, reserved
      ...le16(0), ...le32(5000), ...le16(0), // flags, timeout, reserved
      ...le16(params.length), ...le16(paramOffset), // parameter count and offset
      ...le16(0), ...le16(0), // data count and offset
      0, 0, // setup count, reserved
      ...le16(name.length + params.length), // byte count
      ...name,
      ...params,
    ]));
    expect(req.protocol).toBe("LANMAN");
    expect(req.info).toBe("NetServerEnum2 Request, Domain Enum");
    expect(req.layers).toBe("eth:ethertype:ip:tcp:nbss:smb");
    expect(req.f("smb_pipe")).toBe("smb_pipe");
    expect(req.f("smb_pipe.function")).toBe("");
    expect(req.f("lanman.enumeration_domain")).toBe("");
    expect(cap.again(1, { tree: true }).tree.map((n) => n.field.abbrev).slice(5)).toEqual(["smb", "smb_pipe", "lanman"]);

    // One level-1 entry (frame 249 of the shared lan-windows capture): name, version 3.10, type, comment pointer 26.
    const entry = [...ascii("WORKGROUP"), ...new Array<number>(7).fill(0), 3, 10, ...le32(0x80001000), ...le32(26), ...ascii("SCV"), 0];
    const paramAt = 32 + 1 + 20 + 2; // header, word count, 10 words, byte count
    const resp = cap.send(server, client, sessionMessage([
      ...smbHeader({ cmd: 0x25, response: true, flags2: 0x0000, tid: 2048, mid: 64 }),
      10, // word count
      ...le16(8), ...le16(entry.length), ...le16(0), // total parameter and data counts, reserved
      ...le16(8), ...le16(paramAt), ...le16(0), // parameter count, offset, displacement
      ...le16(entry.length), ...le16(paramAt + 8), ...le16(0), // data count, offset, displacement
      0, 0, // setup count, reserved
      ...le16(8 + entry.length), // byte count
      ...le16(0), ...le16(0), ...le16(1), ...le16(1), // status, convert, entry count, available entries
      ...entry,
    ]));
    expect(resp.protocol).toBe("LANMAN");
    expect(resp.info).toBe("NetServerEnum2 Response");
    expect(resp.f("smb_pipe")).toBe("smb_pipe");
    expect(resp.f("lanman.entry_count")).toBe("1");
    expect(resp.f("lanman.server.name")).toBe("WORKGROUP");
    expect(resp.f("lanman.server.minor")).toBe("10");
    expect(resp.f("browser.server_type")).toBe("0x80001000");
    expect(resp.f("lanman.server.comment")).toBe("SCV");
    expect(resp.layers).toBe("eth:ethertype:ip:tcp:nbss:smb");
  });

  it("stops a Trans request whose byte count cannot hold its data, as Wireshark's CHECK_BYTE_COUNT does", () => {
    // Data offset past the bytes: the padding to it eats the byte count and the data no longer fits.
    const r = ethernet()(nbds(mailslotWrite([0x09, 0x04, 0xd8, 0, 0, 0], { dataOffset: 193 })));
    expect(r.protocol).toBe("SMB");
    expect(r.info).toBe("Trans Request");
    expect(r.f("mailslot.name")).toBe("");
  });

  it("appends an NT error to a response's Info, and NTLMSSP's message type to a session setup's", () => {
    const cap = tcpCapture();
    const client: Host = { ip: [10, 0, 0, 2], port: 50000 };
    const server: Host = { ip: [10, 0, 0, 1], port: 139 };
    const blob = [...ascii("NTLMSSP"), 0, ...le32(2), ...new Array<number>(36).fill(0)]; // a CHALLENGE token (raw, no SPNEGO)
    const r = cap.send(server, client, sessionMessage([
      ...smbHeader({ cmd: 0x73, response: true, status: 0xc0000016 }), // STATUS_MORE_PROCESSING_REQUIRED
      4, // word count
      0xff, 0, 0, 0, // AndX: none
      ...le16(0), // action
      ...le16(blob.length), // security blob length
      ...le16(blob.length), // byte count
      ...blob,
    ]));
    expect(r.protocol).toBe("SMB");
    expect(r.info).toBe("Session Setup AndX Response, NTLMSSP_CHALLENGE, Error: STATUS_MORE_PROCESSING_REQUIRED");
    expect(r.f("smb.nt_status")).toBe("0xc0000016");
    expect(r.f("ntlmssp.messagetype")).toBe("0x00000002");
  });
});
