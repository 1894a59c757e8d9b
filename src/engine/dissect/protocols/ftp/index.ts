/**
 * FTP control connection (RFC 959), mirroring Wireshark 4.0's dissect_ftp
 * (packet-ftp.c) so that `-T fields` output agrees with tshark 4.0.17.
 *
 * Wireshark dissects each TCP segment on its own (no reassembly): only the
 * segment's first line is parsed, as a request when the segment goes to the
 * FTP port, as a reply otherwise. A reply line that starts with three digits
 * gives ftp.response.code, whether it opens, continues or ends a multi-line
 * reply (RFC 959 §4.2: "230-" ... "230 "); continuation lines without a code
 * give only ftp.response.arg. Further lines in the segment are plain text.
 *
 * Data connections are announced to TCP (conversation.ts) exactly where
 * Wireshark creates its conversations, with its quirks: PORT gives
 * server:20 <-> client any port; a 227 reply gives the address it names, any
 * client port; a 229 reply (RFC 2428 §3) the control channel's server address;
 * EPRT (RFC 2428 §2) a key that pairs the client with the EPRT address, which
 * no real data connection matches, so tshark shows EPRT transfers as plain
 * TCP data. LPRT/LPSV (RFC 1639) are not parsed by Wireshark 4.0 (its "FOOBAR"
 * XXX comment), so not here either. After exactly "AUTH TLS" and a 234 reply
 * (RFC 4217 §4) the rest of the control connection goes to TLS.
 *
 * Commands are matched case-sensitively and over the token's length only, as
 * packet-ftp.c does; the forensics layer, not this folder, is the place to be
 * more right than tshark.
 *
 * The folder: `fields.ts` (fields, reply codes), `parse.ts` (the C-library
 * byte helpers and the PORT/EPRT/227/229 argument parsers), `state.ts` (per
 * control connection: last command, working directory), `dissector.ts` (the
 * line-by-line dissection, data connections, TLS hand-off, registration).
 */
export { ftpFields } from "./fields";
export { ftp } from "./dissector";
