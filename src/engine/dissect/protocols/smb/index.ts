/** SMB (v1) and what rides on it: the NBSS and NBDS dissectors reach it through `dissectSmb`. */
export { dissectSmb, isSmb } from "./smb";
export { smbFields, mailslotFields } from "./fields";
