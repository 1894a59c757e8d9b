/** Byte builders the DCERPC tests share: the hosts of an SMB2 pipe, UUIDs as NDR sends them, PDUs, SMB2 writes. */
import type { Host } from "../ip-testing";
import { direct, le16, le32, smb2Header } from "../smb/smb-testing";

export const CLIENT: Host = { ip: [192, 168, 199, 132], port: 49675 };
export const SERVER: Host = { ip: [192, 168, 199, 133], port: 445 };
const FILE_ID = new Array<number>(16).fill(7);

/** A UUID as NDR sends it: the first three groups little-endian. */
export function uuid(text: string): number[] {
  const h = text.replace(/-/g, "");
  const b = Array.from({ length: 16 }, (_, i) => parseInt(h.slice(i * 2, i * 2 + 2), 16));
  return [b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.slice(8)];
}
export const SRVSVC = uuid("4b324fc8-1670-01d3-1278-5a47bf6ee188");
export const NDR32 = uuid("8a885d04-1ceb-11c9-9fe8-08002b104860");
export const NDR64 = uuid("71710533-beba-4937-8319-b5dbef9ccc36");

/** A connection-oriented PDU, little-endian, in one fragment. */
export function pdu(type: number, callId: number, body: number[]): number[] {
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
export function write(mid: number, data: number[]): number[] {
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
