/** POP3 (RFC 1939) on TCP port 110, with retrieved messages handed to IMF. */
export { pop, popFields } from "./pop";
