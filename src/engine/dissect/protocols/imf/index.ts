/** Internet Message Format: called by SMTP and POP on a whole message (no port of its own). */
export { imf } from "./imf";
export { MessageFragments } from "./message-fragments";
export { callImf } from "./call";
