/**
 * The header names Wireshark 4.0's packet-sip.c knows (its sip_headers
 * table, IANA's SIP header registry as of 4.0): a header line whose name is
 * none of these gets the note "Unrecognised SIP header (name)". Names are
 * kept lower-cased, as ascii_strdown_inplace leaves the name before the
 * lookup; the compact forms (RFC 3261 §7.3.3 and the RFCs that define the
 * others) count only for a one-byte name (sip_is_known_sip_header).
 */

/** Full names, lower-cased, in Wireshark's table order. */
const FULL_NAMES = [
  "accept",
  "accept-contact",
  "accept-encoding",
  "accept-language",
  "accept-resource-priority",
  "additional-identity",
  "alert-info",
  "allow",
  "allow-events",
  "answer-mode",
  "attestation-info",
  "authentication-info",
  "authorization",
  "call-id",
  "call-info",
  "cellular-network-info",
  "contact",
  "content-disposition",
  "content-encoding",
  "content-language",
  "content-length",
  "content-type",
  "cseq",
  "date",
  "error-info",
  "event",
  "expires",
  "feature-caps",
  "flow-timer",
  "from",
  "geolocation",
  "geolocation-error",
  "geolocation-routing",
  "history-info",
  "identity",
  "identity-info",
  "info-package",
  "in-reply-to",
  "join",
  "max-breadth",
  "max-forwards",
  "mime-version",
  "min-expires",
  "min-se",
  "organization",
  "origination-id",
  "p-access-network-info",
  "p-answer-state",
  "p-asserted-identity",
  "p-asserted-service",
  "p-associated-uri",
  "p-called-party-id",
  "p-charge-info",
  "p-charging-function-addresses",
  "p-charging-vector",
  "p-dcs-trace-party-id",
  "p-dcs-osps",
  "p-dcs-billing-info",
  "p-dcs-laes",
  "p-dcs-redirect",
  "p-early-media",
  "p-media-authorization",
  "p-preferred-identity",
  "p-preferred-service",
  "p-profile-key",
  "p-refused-uri-list",
  "p-served-user",
  "p-user-database",
  "p-visited-network-id",
  "path",
  "permission-missing",
  "policy-contact",
  "policy-id",
  "priority",
  "priority-share",
  "priv-answer-mode",
  "privacy",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-require",
  "rack",
  "reason",
  "reason-phrase",
  "record-route",
  "recv-info",
  "refer-sub",
  "refer-to",
  "referred-by",
  "reject-contact",
  "relayed-charge",
  "replaces",
  "reply-to",
  "request-disposition",
  "require",
  "resource-priority",
  "resource-share",
  "response-source",
  "restoration-info",
  "retry-after",
  "route",
  "rseq",
  "security-client",
  "security-server",
  "security-verify",
  "server",
  "service-interact-info",
  "service-route",
  "session-expires",
  "session-id",
  "sip-etag",
  "sip-if-match",
  "subject",
  "subscription-state",
  "supported",
  "suppress-if-match",
  "target-dialog",
  "timestamp",
  "to",
  "trigger-consent",
  "unsupported",
  "user-agent",
  "via",
  "warning",
  "www-authenticate",
  "diversion",
];

const KNOWN_FULL: ReadonlySet<string> = new Set(FULL_NAMES);

/**
 * Compact forms, lower-cased: a (Accept-Contact), u (Allow-Events), i
 * (Call-ID), m (Contact), e (Content-Encoding), l (Content-Length), c
 * (Content-Type), o (Event), f (From), y (Identity), n (Identity-Info), r
 * (Refer-To), b (Referred-By), j (Reject-Contact), d (Request-Disposition),
 * x (Session-Expires), s (Subject), k (Supported), t (To), v (Via).
 */
const KNOWN_COMPACT: ReadonlySet<string> = new Set("auimelcofynrbjdxsktv");

/**
 * Whether Wireshark knows the header: `name` lower-cased as a C string
 * (up to a NUL), `byteLength` the name's length on the wire (before the
 * colon), which decides whether the compact forms are tried.
 */
export function isKnownSipHeader(name: string, byteLength: number): boolean {
  return byteLength > 1 ? KNOWN_FULL.has(name) : KNOWN_COMPACT.has(name);
}
