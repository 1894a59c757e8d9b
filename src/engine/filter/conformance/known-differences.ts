/**
 * Where a filter of the conformance table selects other frames than tshark
 * on a shared capture, and why it is not the filter language: "capture filter"
 * → reason. Each names the frames that differ; the corpus test fails when an
 * entry no longer differs, so the list only shrinks.
 */
const POP_RETR_DATA =
  "tshark's POP also shows the first segment of a RETR reply carrying the mail as Data (frame 114); pcapscope's POP hands it to IMF alone";
const FUZZ_EXPERTS =
  "expert.c adds a hidden _ws.malformed item under every expert item of group Malformed (UDP's \"Bad length value\", SIP's \"Header has no colon\" and \"Invalid content_length\", SDP's \"Invalid media port\"): pcapscope adds it only for malformed packets";
/**
 * tshark 4.0 compares times with nstime_cmp, which returns (int)(a.secs - b.secs):
 * seconds that differ by 2^31 or more compare the wrong way. This capture has
 * packets stamped in the year 586524; tshark calls their relative time of
 * 18445321545205 s smaller than 1 s. pcapscope compares the values it prints.
 */
const NSTIME_CMP = "tshark truncates a time comparison to 32 bits of seconds (nstime_cmp); pcapscope compares the times exactly";

export const KNOWN_DIFFERENCES: Record<string, string> = {
  "pop3-user-pass-auth-plain-list-retr.pcapng data": POP_RETR_DATA,
  "pop3-user-pass-auth-plain-list-retr.pcapng data.len > 10": POP_RETR_DATA,
  "malformed-fuzz-bigendian-mixed-incl-ftp.pcap _ws.malformed": FUZZ_EXPERTS,
  "pcapng-comments-ether-plus-sll-odd-timestamps.pcapng frame.time_relative > 1": NSTIME_CMP,
  "pcapng-comments-ether-plus-sll-odd-timestamps.pcapng frame.time_relative < 0.01": NSTIME_CMP,
  "pcapng-comments-ether-plus-sll-odd-timestamps.pcapng frame.time_delta > 0.1": NSTIME_CMP,
  "pcapng-comments-ether-plus-sll-odd-timestamps.pcapng frame.time_epoch > 1700000000": NSTIME_CMP,
  'pcapng-comments-ether-plus-sll-odd-timestamps.pcapng frame.time >= "2020-01-01 00:00:00"': NSTIME_CMP,
  'pcapng-comments-ether-plus-sll-odd-timestamps.pcapng frame.time < "Jan  1, 2030 00:00:00"': NSTIME_CMP,
};
