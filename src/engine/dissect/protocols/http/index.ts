/**
 * HTTP/1.x (RFC 9110, RFC 9112) and SSDP, as Wireshark 4.0 dissects them.
 *
 * The folder, in reading order: `fields.ts` and `status-codes.ts` (fields
 * and value tables), `body.ts` (chunked and content codings, also used by the
 * HTTP objects), `first-line.ts` (request and status lines), `headers.ts`
 * (header lines), `desegment.ts` (when TCP must collect more segments),
 * `conversation.ts` and `pairs.ts` (request/response pairing), `chunk-tree.ts`,
 * `media.ts` (the body's hand-off by media type), `message.ts` (one message),
 * `dissector.ts` (ports, heuristic, SSDP).
 */
export { decodeContent, dechunk, readChunked } from "./body";
export { httpFields, ssdpFields } from "./fields";
export { http, httpHeuristic, ssdp, HTTP_TCP_PORTS, SSDP_UDP_PORT } from "./dissector";
