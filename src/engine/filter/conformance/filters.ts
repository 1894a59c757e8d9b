/**
 * The conformance table: display filters in every form the 4.0 language has
 * and over every field family pcapscope dissects. Each must select exactly
 * the frames tshark 4.0.17 selects, on every fixture (stored answers, see
 * `npm run goldens`) and on the shared corpus (live tshark).
 *
 * Values are chosen to hit packets of the recorded fixtures (10.77.0.x,
 * fd77::x, FTP on 21/20) and of the shared captures (DNS, DHCP, ICMP, TLS,
 * ARP, VLAN, SNMP, GRE).
 */
export const CONFORMANCE_FILTERS: readonly string[] = [
  // Protocols alone, negation, the logical operators and their spellings.
  "tcp", "udp", "ip", "ipv6", "arp", "icmp", "icmpv6", "dns", "dhcp", "tls", "ftp", "ftp-data", "eth", "vlan", "frame", "data",
  "!arp", "not tcp", "ftp || ftp-data", "ftp or ftp-data", "tcp && !ftp", "tcp and not ftp", "!(tcp || udp)", "not (ip or ipv6)",
  "ip && !tcp && !udp", "tcp or udp and ip", "(tcp or udp) and ip", "not not tcp", "!!ftp", "ftp and tcp.len > 0 or arp",
  // Comparison operators and their word forms.
  "tcp.port == 21", "tcp.port eq 21", "tcp.port any_eq 21", "tcp.port != 21", "tcp.port ne 21", "tcp.port all_ne 21",
  "tcp.port === 21", "tcp.port all_eq 21", "tcp.port !== 21", "tcp.port any_ne 21", "tcp.port ~= 21",
  "tcp.srcport > 1024", "tcp.srcport gt 1024", "tcp.dstport >= 1024", "tcp.dstport ge 1024", "tcp.len < 10", "tcp.len lt 10",
  "tcp.len <= 0", "tcp.len le 0", "frame.len > 1000", "frame.len >= 60 && frame.len <= 74",
  "any tcp.port == 21", "all tcp.port == 21", "any tcp.port != 21", "all ip.addr == 10.77.0.1",
  "ip.addr != 10.77.0.1", "!(ip.addr == 10.77.0.1)", "ip.addr !== 10.77.0.1",
  // Chained comparisons.
  "tcp.srcport < tcp.dstport < 60000", "frame.len > tcp.len == 0", "ip.len >= tcp.len > 0",
  // Integers in decimal, hex, octal, binary; character constants.
  "tcp.port == 0x15", "tcp.port == 025", "tcp.dstport == 0b10101", "ip.proto == 6", "ip.proto == 0x06", "ip.ttl == 64", "ip.ttl == 0100",
  "eth.type == 0x0800", "eth.type == 0x86dd", "eth.type == 0x0806", "ip.dsfield.dscp == 0", "ftp.request.command == 'X'",
  "tcp.flags == 0x012", "tcp.flags == 0x18", "tcp.flags & 0x02", "tcp.flags & 0x02 == 0x02", "tcp.flags & 0x12 == 0x12", "tcp.flags bitwise_and 0x04",
  // Sets and ranges.
  "tcp.port in {20, 21}", "tcp.port in {21 , 8000..65535}", "tcp.srcport in {1024..65535}", "tcp.stream in {0, 1, 2}", "ip.ttl in {63, 64, 128}",
  "tcp.port not in {20, 21}", "not tcp.port in {20, 21}", "frame.len in {60..80, 1514}", "all tcp.port in {21, 20}",
  "ftp.request.command in {\"USER\", \"PASS\"}", "ftp.response.code in {220..230}", "ip.addr in {10.77.0.1, 10.77.0.2}", "ipv6.addr in {fd77::1}",
  // Strings: escapes, raw strings, contains, matches (case-insensitive unless (?-i)).
  "ftp.request.command == \"USER\"", "ftp.request.command == \"user\"", "ftp.request.command == USER", "ftp.request.command == \"\\x55SER\"",
  "ftp.request.command == \"\\125SER\"", "ftp.request.arg contains \"anonymous\"", "ftp.response.arg contains \"Login\"",
  "ftp.response.arg contains \"\"", "ftp.request.arg matches \"^anon\"", "ftp.request.arg ~ \"^ANON\"", "ftp.request.arg matches \"(?-i)^ANON\"",
  "ftp.response.arg matches \"[0-9]+ bytes\"", "ftp.response.arg matches r\"\\(\\d+,\\d+,\\d+,\\d+,\\d+,\\d+\\)\"", "ftp.request.command matches \"^(RETR|STOR)$\"",
  "frame contains \"USER\"", "frame contains \"PASS \"", "tcp contains \"220\"", "ip contains \"vsFTPd\"", "eth contains 02:77:00", "frame contains 0d:0a",
  "frame matches \"pass\"", "frame matches \"(?-i)PASS\"", "tcp.payload contains \"LIST\"", "tcp.payload matches \"^RETR \"",
  "ftp.request.arg contains 'a'", "upper(ftp.request.command) == \"USER\"", "lower(ftp.request.command) == \"user\"", "lower(ftp.request.arg) contains \"anon\"",
  // Addresses: IPv4, CIDR, IPv6, prefixes, MAC forms, byte strings.
  "ip.src == 10.77.0.1", "ip.dst == 10.77.0.2", "ip.addr == 10.77.0.0/24", "ip.src == 10.77.0.0/30", "ip.addr == 10.0.0.0/8", "ip.addr == 0.0.0.0/0",
  "ip.src != 10.77.0.1", "ip.src > 10.77.0.1", "ip.dst <= 10.77.0.2", "ip.src == ip.dst", "ip.src != ip.dst",
  "ipv6.src == fd77::1", "ipv6.addr == fd77::/16", "ipv6.addr == fd77:0:0:0:0:0:0:2", "ipv6.dst == fe80::/10", "ipv6.addr == ::/0", "ipv6.src > fd77::1",
  "eth.src == 02:77:00:00:00:01", "eth.dst == 02-77-00-00-00-02", "eth.addr == 0277.0000.0001", "eth.dst == ff:ff:ff:ff:ff:ff", "eth.addr == 02.77.00.00.00.02",
  "eth.src[0:3] == 02:77:00", "eth.dst[0] == 0xff", "eth.src[-1] == 01", "eth.src[:2] == 02:77", "eth.src[3:] == 00:00:01", "eth.src[1-2] == 77:00",
  "eth.src[0:1,5] == 02:01", "eth.src[-2:] == 00:02", "eth.src[0:3] == eth.dst[0:3]", "eth.ig == 1", "eth.lg == 0",
  "frame[0:6] == ff:ff:ff:ff:ff:ff", "frame[12:2] == 08:00", "ip[0] == 0x45", "ip[9] == 6", "tcp[13] & 0x02", "tcp.payload[0:4] == \"USER\"",
  "tcp.payload[0:3] == 55:53:45", "ip.src[0] == 10", "ip.dst[2:2] == 00:02", "ipv6.src[0:2] == fd:77",
  // Functions.
  "len(tcp.payload) > 100", "len(ftp.request.arg) == 9", "len(ip.src) == 4", "len(eth.src) == 6", "count(ip.addr) == 2", "count(tcp.options.sack_le) > 0",
  "count(ftp.request.command) >= 1", "string(tcp.srcport) == \"21\"", "string(ip.src) contains \"10.77\"", "string(frame.number) matches \"^1.$\"",
  "max(tcp.srcport, tcp.dstport) == 21", "min(tcp.srcport, tcp.dstport) < 1024", "abs(tcp.window_size_scalefactor) == 128",
  // Arithmetic.
  "tcp.srcport + 1 == 22", "tcp.dstport - 1 == 20", "frame.len * 2 > 2000", "frame.len / 2 < 40", "frame.number % 10 == 0", "tcp.len + 40 == ip.len",
  "{tcp.srcport + tcp.dstport} > 30000", "ip.len - ip.hdr_len == tcp.len + tcp.hdr_len", "-tcp.window_size_scalefactor == 1", "tcp.len * 0",
  // Layers.
  "ip.addr#1 == 10.77.0.1", "ip#1", "ip#2", "ip.src#2", "ip.proto#2 == 17", "icmp.type#1 == 3", "ip.dst#[1-2] == 10.77.0.2", "udp#2",
  // Value names (value strings and true/false strings).
  "ip.proto == \"TCP\"", "ip.proto == \"udp\"", "tcp.flags.syn == \"Set\"", "tcp.flags.ack == \"Not set\"", "arp.opcode == \"reply\"", "arp.opcode == request",
  "eth.type == \"IPv4\"", "icmp.type == 8", "icmpv6.type == 135", "dns.flags.rcode == \"No error\"", "ftp.response.code == 230",
  // Booleans.
  "tcp.flags.syn == 1", "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.flags.fin == 1", "tcp.flags.reset == True", "tcp.flags.push == FALSE",
  "tcp.flags.syn", "tcp.flags.syn == 0", "tcp.flags.syn != 1", "ip.flags.df == 1", "ip.flags.mf == 1", "ipv6.fragment",
  // frame.*
  "frame.number == 1", "frame.number <= 5", "frame.number in {1..10}", "frame.len == frame.cap_len", "frame.cap_len < frame.len",
  "frame.interface_id == 0", "frame.interface_id == 1", "frame.time_relative > 1", "frame.time_relative < 0.01", "frame.time_delta > 0.1",
  "frame.time_delta == 0", "frame.time_delta_displayed > 0", "frame.time_epoch > 1700000000", "frame.protocols contains \"ftp-data\"",
  "frame.protocols == \"eth:ethertype:arp\"", "frame.protocols matches \"tcp:ftp$\"", "frame.comment", "frame.time >= \"2020-01-01 00:00:00\"",
  "frame.time < \"Jan  1, 2030 00:00:00\"", "frame.marked == 0",
  // TCP: streams, sequence numbers, analysis.
  "tcp.stream eq 0", "tcp.stream == 1", "!(tcp.stream eq 0)", "tcp.stream > 3", "tcp.seq == 1", "tcp.ack == 1", "tcp.seq_raw > 0", "tcp.nxtseq > 1000",
  "tcp.window_size > 60000", "tcp.window_size_value == 502", "tcp.hdr_len == 32", "tcp.options.mss_val == 1460", "tcp.options.wscale.shift >= 7",
  "tcp.options.sack_perm", "tcp.options.timestamp.tsval > 0", "tcp.checksum.status == 2", "tcp.urgent_pointer == 0", "tcp.completeness == 31",
  "tcp.analysis.flags", "tcp.analysis.retransmission", "tcp.analysis.fast_retransmission", "tcp.analysis.duplicate_ack", "tcp.analysis.out_of_order",
  "tcp.analysis.lost_segment", "tcp.analysis.ack_lost_segment", "tcp.analysis.window_update", "tcp.analysis.window_full", "tcp.analysis.zero_window",
  "tcp.analysis.keep_alive", "tcp.analysis.spurious_retransmission", "tcp.analysis.bytes_in_flight > 10000", "tcp.analysis.ack_rtt > 0.001",
  "tcp.analysis.acks_frame", "tcp.analysis.initial_rtt < 0.01", "tcp.analysis.push_bytes_sent > 0", "tcp.time_delta > 0.5", "tcp.time_relative > 1",
  "tcp.analysis.duplicate_ack_num >= 2", "tcp.reassembled_in", "tcp.segment.count > 1",
  // UDP.
  "udp.port == 53", "udp.srcport == 67", "udp.length > 100", "udp.stream == 0", "udp.checksum.status == 3", "udp.payload contains \"a\"",
  // ARP.
  "arp.opcode == 1", "arp.opcode == 2", "arp.isgratuitous", "!arp.isgratuitous && arp", "arp.src.proto_ipv4 == 10.77.0.1", "arp.dst.hw_mac == 00:00:00:00:00:00",
  "arp.src.hw_mac == 02:77:00:00:00:02",
  // IPv4 details.
  "ip.version == 4", "ip.hdr_len > 20", "ip.len > 1000", "ip.id == 0", "ip.frag_offset > 0", "ip.checksum.status == 2", "ip.dsfield == 0x10", "ip.host == 10.77.0.1",
  // IPv6 details.
  "ipv6.nxt == 6", "ipv6.nxt == 58", "ipv6.hlim == 64", "ipv6.plen > 1000", "ipv6.flow == 0", "ipv6.tclass == 0", "ipv6.host == fd77::2",
  // ICMP / ICMPv6.
  "icmp.type == 0", "icmp.type == 11", "icmp.code == 3", "icmp.seq > 0", "icmpv6.type == 128", "icmpv6.type in {133..137}", "icmpv6.code == 0",
  // DNS.
  "dns.flags.response == 1", "dns.flags.response == 0", "dns.qry.name == \"google.com\"", "dns.qry.name contains \"google\"", "dns.qry.type == 1",
  "dns.qry.type == 28", "dns.a == 1.1.1.1", "dns.count.answers > 2", "dns.flags.truncated == 1", "dns.id == 0x1234", "dns.resp.ttl > 3600",
  // DHCP.
  "dhcp.option.dhcp == 1", "dhcp.option.dhcp == 5", "dhcp.option.dhcp in {1, 3}", "dhcp.hw.mac_addr", "dhcp.option.hostname", "dhcp.ip.your != 0.0.0.0",
  // TLS.
  "tls.handshake.type == 1", "tls.handshake.type == 2", "tls.record.content_type == 23", "tls.handshake.extensions_server_name", "tls.handshake.extensions_server_name contains \"psc\"",
  "tls.record.version == 0x0303", "tls.handshake.ciphersuite == 0xc02f",
  // FTP and FTP-DATA.
  "ftp.request", "ftp.response", "ftp.request.command == \"PASS\"", "ftp.request.command == \"USER\" or ftp.request.command == \"PASS\"",
  "ftp.request.command == \"PORT\"", "ftp.request.command == \"EPSV\"", "ftp.response.code == 227", "ftp.response.code == 530", "ftp.response.code >= 500",
  "ftp.passive.ip == 10.77.0.1", "ftp.passive.port > 1024", "ftp.active.cip == 10.77.0.2", "ftp.active.port > 1024", "ftp.epsv.port > 1024",
  "ftp.eprt.af == 2", "ftp.current-working-directory", "ftp-data.command == \"RETR\"", "ftp-data.command contains \"LIST\"", "ftp-data.setup-method == \"PASV\"",
  "ftp-data.command-frame > 0", "ftp.setup-frame",
  // VLAN, SLL, the rest.
  "vlan.id == 123", "vlan.priority == 0", "sll.pkttype == 0", "data.len > 10", "_ws.malformed", "_ws.expert",
  // Wireshark's shipped macros.
  "${private_ipv4:ip.src}", "${private_ipv4:ip.dst} && tcp", "${private_ethernet:eth.src}", "${private_ipv6:ipv6.src}",
];
