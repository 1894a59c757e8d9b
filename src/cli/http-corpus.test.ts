/**
 * HTTP and SSDP against live tshark on the shared captures that carry them
 * (../shared/captures, never copied into the project): on every packet
 * tshark shows as HTTP, HTTP/XML, HTTP/JSON, SSDP or TCP (the segments of a
 * reassembled message) the Protocol and Info columns and every field below
 * must equal tshark's. Runs when the folder and tshark exist; otherwise
 * skips with a printed notice.
 */
import { protocolCorpus } from "./protocol-corpus";

const CAPTURES = [
  "http-dvwa-login-gzip-css-js-png-post-credentials.pcapng",
  "http-ipv6-multi-object-chunked-html-css-jpeg.pcap",
  "gzip-pcap-http-get-358kb-octet-stream-localhost.pcap.gz",
  "pcap-bigendian-nanosec-http.pcap",
  "netmon2-wsus-http-soap-ntp-nbns-dhcpv6-llmnr.cap",
  "rawip-linktype101-ipv4-ipv6-mixed.pcap",
  "lan-windows-nbns-llmnr-ssdp-dhcpv6-icmpv6-nd-igmpv3-smb.pcap",
  "pcapng-comments-ether-plus-sll-odd-timestamps.pcapng",
];

const FIELDS = [
  "_ws.col.Protocol", "_ws.col.Info",
  "http.request.method", "http.request.uri", "http.request.version", "http.request.full_uri", "http.request.uri.query.parameter",
  "http.response.code", "http.response.phrase", "http.response_for.uri", "http.time", "http.request_in", "http.response_number", "http.request_number",
  "http.host", "http.user_agent", "http.content_type", "http.content_length", "http.content_length_header", "http.content_encoding",
  "http.transfer_encoding", "http.chunk_size", "http.server", "http.cookie", "http.cookie_pair", "http.set_cookie", "http.referer",
  "http.location", "http.connection", "http.accept", "http.accept_encoding", "http.date", "http.last_modified",
  "http.request.line", "http.response.line", "http.unknown_header", "http.notification",
];

/** The Protocol column values of the protocols under test, and TCP's. */
const MINE = /^(HTTP|HTTP\/XML|HTTP\/JSON|SSDP|TCP)$/;

protocolCorpus({ name: "http corpus", title: "HTTP and SSDP against live tshark", captures: CAPTURES, fields: FIELDS, mine: MINE });
