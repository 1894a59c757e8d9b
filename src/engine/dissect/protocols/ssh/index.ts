/** SSH (RFC 4253) on TCP port 22: version exchange, key exchange in clear, encrypted packets. */
export { ssh } from "./ssh";
export { sshFields } from "./fields";
