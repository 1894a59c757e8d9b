/** Telnet (RFC 854) on TCP port 23. */
export { telnet, telnetFields } from "./telnet";
