/**
 * Every protocol module, imported once for its side effect of registering its
 * fields and its dissector-table entries (ftp-data is also reached through
 * ftp, which hands it data connections; it is listed for what it registers
 * itself). Add a line here for a new protocol.
 */
import "./protocols/eth";
import "./protocols/f5ethtrailer";
import "./protocols/ipv4";
import "./protocols/ftp";
import "./protocols/ftp-data";
import "./protocols/vlan";
import "./protocols/arp";
import "./protocols/sll";
import "./protocols/null-loop";
import "./protocols/netmon-header";
import "./protocols/raw-ip";
import "./protocols/icmp";
import "./protocols/ipv6";
import "./protocols/icmpv6";
import "./protocols/tcp";
import "./protocols/udp";
import "./protocols/dns";
import "./protocols/dhcp";
import "./protocols/dhcpv6/index";
import "./protocols/tls";
import "./protocols/gre/gre";
import "./protocols/snmp/snmp";
import "./protocols/netbios/nbns";
import "./protocols/ntp/ntp";
import "./protocols/igmp/igmp";
import "./protocols/stp/stp";
import "./protocols/cdp/cdp";
import "./protocols/dtp";
import "./protocols/loop";
import "./protocols/http";
import "./protocols/netbios/nbds";
import "./protocols/pim";
import "./protocols/smtp";
import "./protocols/pop";
import "./protocols/imap";
import "./protocols/telnet";
import "./protocols/ssh";
import "./protocols/appletalk";
import "./protocols/ipx";
import "./protocols/decnet/dna-routing";
import "./protocols/ppp/ppp";
import "./protocols/wreth";
import "./protocols/pptp";
import "./protocols/decnet/lat";
import "./protocols/nbss/nbss";
import "./protocols/x11";
import "./protocols/bjnp";
import "./protocols/sip/sip";
import "./protocols/netbios/netbeui";
import "./protocols/rpc/rpc";
import "./protocols/eigrp";
import "./protocols/tftp";
import "./protocols/mysql/mysql";
import "./protocols/ymsg/ymsg";
