/** Byte builders the SMB family's tests share: little-endian numbers, NetBIOS names, SMB headers, NBSS framing. */

export const le16 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff];
export const le32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
export const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
export const utf16 = (s: string): number[] => Array.from(s).flatMap((c) => le16(c.charCodeAt(0)));

/** A NetBIOS name first-level encoded (RFC 1001 §14.1) with no scope. */
export function encodedName(name: string, suffix: number): number[] {
  const raw = [...ascii(name.padEnd(15, " ")), suffix];
  return [32, ...raw.flatMap((b) => [0x41 + (b >> 4), 0x41 + (b & 15)]), 0];
}

/** An SMB (v1) header (MS-CIFS §2.2.3.1). */
export function smbHeader(o: { cmd: number; response?: boolean; status?: number; flags2?: number; tid?: number; mid?: number }): number[] {
  return [
    0xff, 0x53, 0x4d, 0x42, // 0xFF "SMB"
    o.cmd, // command
    ...le32(o.status ?? 0), // status
    o.response ? 0x98 : 0x18, // flags: response bit, canonical paths, case-insensitive
    ...le16(o.flags2 ?? 0xc807), // flags2: Unicode, NT status, extended security, long names
    0, 0, // PID high
    0, 0, 0, 0, 0, 0, 0, 0, // signature
    0, 0, // reserved
    ...le16(o.tid ?? 0), // TID
    ...le16(0xfeff), // PID
    ...le16(0), // UID
    ...le16(o.mid ?? 1), // MID
  ];
}

/** NBSS framing of a session message (type 0, 17-bit length). */
export const sessionMessage = (msg: number[]): number[] => [0x00, 0x00, (msg.length >> 8) & 0xff, msg.length & 0xff, ...msg];

/** An SMB2 header (MS-SMB2 §2.2.1.2) for `cmd`, message ID `mid`, tree 1, session 0x55. */
export function smb2Header(cmd: number, mid: number, o: { response?: boolean; status?: number } = {}): number[] {
  return [
    0xfe, 0x53, 0x4d, 0x42, // 0xFE "SMB"
    ...le16(64), // structure size
    ...le16(1), // credit charge
    ...le32(o.response ? (o.status ?? 0) : 0), // status (a request's channel sequence)
    ...le16(cmd), // command
    ...le16(1), // credits
    ...le32(o.response ? 1 : 0), // flags: response
    ...le32(0), // next command
    ...le32(mid), ...le32(0), // message ID
    ...le32(0xfeff), // process ID
    ...le32(1), // tree ID
    ...le32(0x55), ...le32(0), // session ID
    ...new Array<number>(16).fill(0), // signature
  ];
}

/** NBSS direct-hosted framing: type 0, 24-bit length. */
export const direct = (msg: number[]): number[] => [0, (msg.length >> 16) & 0xff, (msg.length >> 8) & 0xff, msg.length & 0xff, ...msg];
