/** ONC RPC (rpc.ts) and the programs under it (portmap.ts). */
export { rpcFields } from "./rpc";
export { portmapFields } from "./portmap";
