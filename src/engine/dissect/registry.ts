/**
 * Every protocol module, imported once for its side effect of registering its
 * fields and its dissector-table entries. Add a line here for a new protocol.
 */
import "./protocols/eth";
import "./protocols/ipv4";
import "./protocols/ftp";
import "./protocols/vlan";
import "./protocols/arp";
import "./protocols/sll";
import "./protocols/null-loop";
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
