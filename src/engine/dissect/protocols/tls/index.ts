/**
 * TLS (RFC 5246, RFC 8446) and SSL 3.0 (RFC 6101) record layer and handshake,
 * as Wireshark 4.0 shows them without keys: records, handshake messages
 * (hellos with their extensions, certificates, key exchanges), Change Cipher
 * Spec, alerts and opaque application data. SSL 2.0 records are recognised
 * (the SSLv2-compatible Client Hello).
 *
 *   record: +0 content type  +1 version (2)  +3 length (2)  +5 fragment
 *   handshake: +0 type  +1 length (3)  +4 body
 *
 * Follows packet-tls.c / packet-tls-utils.c: the version shown in the
 * Protocol column is the conversation's once a Server Hello (or any
 * non-Client-Hello record) fixed it, else the record's; a Server Hello's
 * supported_versions extension makes it TLS 1.3 (RFC 8446 §4.2.1). Records
 * split across TCP segments go back to TCP through the desegmentation
 * contract (the 5-byte header plus the length); handshake messages split
 * across records are reassembled here, per direction, as Wireshark does.
 * Per-conversation state lives under the TCP stream (pinfo.tcpStream).
 *
 * Also exported: `startTls`, which a plain-text protocol calls when STARTTLS
 * succeeded (FTP's AUTH TLS + 234, RFC 4217 §4), and `tls`, the dissector it
 * then hands the stream's data to.
 *
 * The folder: `tables.ts` and `cipher-suites.ts` (value names), `fields.ts`,
 * `session.ts` (per-conversation state and version), `context.ts` (the record
 * being read, item and vector helpers), `records.ts` (record layer, alerts,
 * heartbeats), `handshake.ts` (message framing and reassembly), `hello.ts`,
 * `extensions.ts`, `key-exchange.ts` (certificates and key exchanges),
 * `ja3.ts`, `sslv2.ts`, `dissector.ts` (the entry point and registration).
 */
export { tlsFields } from "./fields";
export { startTls } from "./session";
export { TLS_PORTS } from "./tables";
export { tls, tlsHeuristic } from "./dissector";
