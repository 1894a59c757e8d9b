/**
 * NBSS from hand-built TCP segments through the whole engine; expected
 * columns and fields are what tshark 4.0.17 prints for the same bytes (the
 * shared captures are compared live in src/cli/smb-corpus.test.ts).
 */
import { describe, expect, it } from "vitest";
import { type Host, tcpCapture } from "../ip-testing";
import { encodedName, le16, sessionMessage, smbHeader, utf16 } from "../smb/smb-testing";

const CLIENT: Host = { ip: [192, 168, 199, 133], port: 49671 };
const SERVER: Host = { ip: [192, 168, 199, 1], port: 139 };

/** Tree Connect AndX request for \\SCV\IPC$ (MS-CIFS §2.2.4.55.1), Unicode path. */
function treeConnect(): number[] {
  const header = smbHeader({ cmd: 0x75 });
  const path = [...utf16("\\\\SCV\\IPC$"), 0, 0];
  // The bytes start 43 bytes into the SMB message; after the 1-byte password the path is already at an even offset.
  const bytes = [0x00 /* password (1 byte) */, ...path, ...Array.from("?????", (c) => c.charCodeAt(0)), 0];
  return [
    ...header,
    4, // word count
    0xff, 0x00, 0x00, 0x00, // AndX: no further command, reserved, offset 0
    ...le16(0x0008), // flags
    ...le16(1), // password length
    ...le16(bytes.length), // byte count
    ...bytes,
  ];
}

describe("NBSS", () => {
  it("names the session request's called and calling names and the positive response", () => {
    const cap = tcpCapture();
    const req = cap.send(CLIENT, SERVER, [
      0x81, // type: session request
      0x00, // flags
      0x00, 68, // length: two 34-byte names
      ...encodedName("SCV", 0x20), // called name
      ...encodedName("DESKTOP-V1FA0UQ", 0x00), // calling name
    ]);
    expect(req.protocol).toBe("NBSS");
    expect(req.info).toBe("Session request, to SCV<20> from DESKTOP-V1FA0UQ<00>");
    expect(req.f("nbss.type")).toBe("0x81");
    expect(req.f("nbss.length")).toBe("68");
    expect(req.f("nbss.called_name")).toBe("SCV<20>");
    expect(req.f("nbss.calling_name")).toBe("DESKTOP-V1FA0UQ<00>");
    const ok = cap.send(SERVER, CLIENT, [0x82, 0x00, 0x00, 0x00]); // positive session response, length 0
    expect(ok.info).toBe("Positive session response");
    const keep = cap.send(CLIENT, SERVER, [0x85, 0x00, 0x00, 0x00]); // keep-alive
    expect(keep.info).toBe("Session keep-alive");
  });

  it("calls a segment that starts with no plausible header a continuation", () => {
    const cap = tcpCapture();
    const r = cap.send(CLIENT, SERVER, [0x42, 0x01, 0x02, 0x03, 0x04]); // type 0x42 is no NBSS type
    expect(r.protocol).toBe("NBSS");
    expect(r.info).toBe("NBSS Continuation Message");
    expect(r.f("nbss.continuation_data")).toBe("4201020304");
  });

  it("reassembles a session message split over two segments and hands it to SMB", () => {
    const cap = tcpCapture();
    const whole = sessionMessage(treeConnect());
    const first = cap.send(CLIENT, SERVER, whole.slice(0, 20));
    expect(first.protocol).toBe("TCP");
    const second = cap.send(CLIENT, SERVER, whole.slice(20));
    expect(second.protocol).toBe("SMB");
    expect(second.info).toBe("Tree Connect AndX Request, Path: \\\\SCV\\IPC$");
    expect(second.f("smb.path")).toBe("\\\\SCV\\IPC$");
    expect(second.f("smb.cmd")).toBe("0x75,0xff");
    expect(second.layers).toBe("eth:ethertype:ip:tcp:nbss:smb");
  });
});
