/** SRVSVC (MS-SRVS), the Server Service over \PIPE\srvsvc: its interface UUID and operation names by opnum as Wireshark 4.0 writes them (its own short names, not MS-SRVS §3.1.4's Netr… ones). */

export const SRVSVC_UUID = "4b324fc8-1670-01d3-1278-5a47bf6ee188";

const OPERATIONS: Record<number, string> = {
  8: "NetConnEnum",
  9: "NetFileEnum",
  10: "NetFileGetInfo",
  11: "NetFileClose",
  12: "NetSessEnum",
  13: "NetSessDel",
  14: "NetShareAdd",
  15: "NetShareEnumAll",
  16: "NetShareGetInfo",
  17: "NetShareSetInfo",
  18: "NetShareDel",
  19: "NetShareDelSticky",
  20: "NetShareCheck",
  21: "NetSrvGetInfo",
  22: "NetSrvSetInfo",
  23: "NetDiskEnum",
  24: "NetServerStatisticsGet",
  25: "NetTransportAdd",
  26: "NetTransportEnum",
  27: "NetTransportDel",
  28: "NetRemoteTOD",
  30: "NetPathType",
  31: "NetPathCanonicalize",
  32: "NetPathCompare",
  33: "NetNameValidate",
  35: "NetPRNameCompare",
  36: "NetShareEnum",
  37: "NetShareDelStart",
  38: "NetShareDelCommit",
};

export function srvsvcOperation(opnum: number): string | undefined {
  return OPERATIONS[opnum];
}
