/**
 * Value names SMB, SMB2 and their payloads share, as Wireshark 4.0 prints
 * them in the Info column: NT status codes (MS-ERREF §2.3, only the ones a
 * session setup, tree connect or create commonly answers with; others read
 * "Unknown (0x…)" as Wireshark's fallback does), and the server type bits of
 * the browser and LANMAN's NetServerEnum2 (MS-BRWS §2.2.1.4.1).
 */

const NT_STATUS = new Map<number, string>([
  [0x00000000, "STATUS_SUCCESS"],
  [0x00000103, "STATUS_PENDING"],
  [0x0000010c, "STATUS_NOTIFY_ENUM_DIR"],
  [0x80000005, "STATUS_BUFFER_OVERFLOW"],
  [0x80000006, "STATUS_NO_MORE_FILES"],
  [0xc0000001, "STATUS_UNSUCCESSFUL"],
  [0xc0000002, "STATUS_NOT_IMPLEMENTED"],
  [0xc0000008, "STATUS_INVALID_HANDLE"],
  [0xc000000d, "STATUS_INVALID_PARAMETER"],
  [0xc000000f, "STATUS_NO_SUCH_FILE"],
  [0xc0000010, "STATUS_INVALID_DEVICE_REQUEST"],
  [0xc0000011, "STATUS_END_OF_FILE"],
  [0xc0000016, "STATUS_MORE_PROCESSING_REQUIRED"],
  [0xc0000022, "STATUS_ACCESS_DENIED"],
  [0xc0000023, "STATUS_BUFFER_TOO_SMALL"],
  [0xc0000033, "STATUS_OBJECT_NAME_INVALID"],
  [0xc0000034, "STATUS_OBJECT_NAME_NOT_FOUND"],
  [0xc0000035, "STATUS_OBJECT_NAME_COLLISION"],
  [0xc000003a, "STATUS_OBJECT_PATH_NOT_FOUND"],
  [0xc0000043, "STATUS_SHARING_VIOLATION"],
  [0xc000006d, "STATUS_LOGON_FAILURE"],
  [0xc0000072, "STATUS_ACCOUNT_DISABLED"],
  [0xc00000ba, "STATUS_FILE_IS_A_DIRECTORY"],
  [0xc00000bb, "STATUS_NOT_SUPPORTED"],
  [0xc00000c9, "STATUS_NETWORK_NAME_DELETED"],
  [0xc00000cc, "STATUS_BAD_NETWORK_NAME"],
  [0xc0000120, "STATUS_CANCELLED"],
  [0xc000019c, "STATUS_FS_DRIVER_REQUIRED"],
  [0xc0000203, "STATUS_USER_SESSION_DELETED"],
  [0xc0000225, "STATUS_NOT_FOUND"],
  [0xc000035c, "STATUS_NETWORK_SESSION_EXPIRED"],
]);

/** An NT status as Wireshark names it, "Unknown (0x…)" otherwise. */
export function ntStatusName(status: number): string {
  return NT_STATUS.get(status >>> 0) ?? `Unknown (0x${(status >>> 0).toString(16).toUpperCase().padStart(8, "0")})`;
}

/** Whether an NT status is an error (severity bits 11), the only ones Wireshark puts in Info. */
export function isNtError(status: number): boolean {
  return (status & 0xc0000000) >>> 0 === 0xc0000000;
}

/** Names of the server type bits by bit number; bits without a name read "Unknown server type:N". */
const SERVER_TYPE_BITS: Record<number, string> = {
  0: "Workstation",
  1: "Server",
  2: "SQL Server",
  3: "Domain Controller",
  4: "Backup Controller",
  5: "Time Source",
  6: "Apple Server",
  7: "Novell Server",
  8: "Domain Member Server",
  9: "Print Queue Server",
  10: "Dialin Server",
  11: "Xenix Server",
  12: "NT Workstation",
  13: "Windows for Workgroups",
  15: "NT Server",
  16: "Potential Browser",
  17: "Backup Browser",
  18: "Master Browser",
  19: "Domain Master Browser",
  20: "OSF",
  21: "VMS",
  22: "Windows 95 or above",
  23: "DFS server",
  30: "Local List Only",
  31: "Domain Enum",
};

/** ", Workstation, Server, …" for each bit set, lowest first, as the browser and LANMAN append to Info. */
export function serverTypeSuffix(flags: number): string {
  let s = "";
  for (let i = 0; i < 32; i++) {
    if ((flags >>> i) & 1) s += `, ${SERVER_TYPE_BITS[i] ?? `Unknown server type:${i}`}`;
  }
  return s;
}
