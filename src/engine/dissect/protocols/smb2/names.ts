/** SMB2 value names Info uses (MS-SMB2 §2.2.1 commands, §2.2.37 info classes, MS-FSCC §2.3 FSCTL codes). */

export const SMB2_COMMANDS: Record<number, string> = {
  0: "Negotiate Protocol",
  1: "Session Setup",
  2: "Session Logoff",
  3: "Tree Connect",
  4: "Tree Disconnect",
  5: "Create",
  6: "Close",
  7: "Flush",
  8: "Read",
  9: "Write",
  10: "Lock",
  11: "Ioctl",
  12: "Cancel",
  13: "KeepAlive",
  14: "Find",
  15: "Notify",
  16: "GetInfo",
  17: "SetInfo",
  18: "Break",
};

export const INFO_CLASSES: Record<number, string> = { 1: "FILE_INFO", 2: "FS_INFO", 3: "SEC_INFO", 4: "QUOTA_INFO" };

/** File information levels (class FILE_INFO). */
export const FILE_INFO_LEVELS: Record<number, string> = {
  0x04: "SMB2_FILE_BASIC_INFO",
  0x05: "SMB2_FILE_STANDARD_INFO",
  0x06: "SMB2_FILE_INTERNAL_INFO",
  0x07: "SMB2_FILE_EA_INFO",
  0x08: "SMB2_FILE_ACCESS_INFO",
  0x0e: "SMB2_FILE_POSITION_INFO",
  0x10: "SMB2_FILE_MODE_INFO",
  0x11: "SMB2_FILE_ALIGNMENT_INFO",
  0x12: "SMB2_FILE_ALL_INFO",
  0x15: "SMB2_FILE_ALTERNATE_NAME_INFO",
  0x16: "SMB2_FILE_STREAM_INFO",
  0x1c: "SMB2_FILE_COMPRESSION_INFO",
  0x22: "SMB2_FILE_NETWORK_OPEN_INFO",
  0x23: "SMB2_FILE_ATTRIBUTE_TAG_INFO",
};

/** File system information levels (class FS_INFO). */
export const FS_INFO_LEVELS: Record<number, string> = {
  0x01: "SMB2_FS_INFO_01",
  0x03: "SMB2_FS_INFO_03",
  0x04: "SMB2_FS_INFO_04",
  0x05: "SMB2_FS_INFO_05",
  0x06: "SMB2_FS_INFO_06",
  0x07: "SMB2_FS_INFO_07",
  0x08: "SMB2_FS_OBJECTID_INFO",
};

export const FSCTL_NAMES: Record<number, string> = {
  0x00060194: "FSCTL_DFS_GET_REFERRALS",
  0x000601b0: "FSCTL_DFS_GET_REFERRALS_EX",
  0x000900a8: "FSCTL_GET_REPARSE_POINT",
  0x000900c0: "FSCTL_CREATE_OR_GET_OBJECT_ID",
  0x00110018: "FSCTL_PIPE_WAIT",
  0x0011c017: "FSCTL_PIPE_TRANSCEIVE",
  0x00140078: "FSCTL_SRV_REQUEST_RESUME_KEY",
  0x001401fc: "FSCTL_QUERY_NETWORK_INTERFACE_INFO",
  0x00140204: "FSCTL_VALIDATE_NEGOTIATE_INFO",
  0x00144064: "FSCTL_SRV_ENUMERATE_SNAPSHOTS",
};
