#!/bin/sh
# dhclient -sf script for scripts/record-fixtures.sh (dhcp scenario). Runs
# inside the psc-cli namespace and only sets or removes the leased address on
# the interface: unlike Debian's /sbin/dhclient-script it never writes
# /etc/resolv.conf, routes or hostnames (the namespaces share the host's /etc).

mask2len() { # 255.255.255.0 -> 24
  n=0
  for o in $(echo "$1" | tr . ' '); do
    case $o in
      255) n=$((n + 8)) ;; 254) n=$((n + 7)) ;; 252) n=$((n + 6)) ;; 248) n=$((n + 5)) ;;
      240) n=$((n + 4)) ;; 224) n=$((n + 3)) ;; 192) n=$((n + 2)) ;; 128) n=$((n + 1)) ;;
    esac
  done
  echo "$n"
}

echo "dhclient-script: $reason ${new_ip_address:-}${new_ip6_address:-} ${old_ip_address:-}${old_ip6_address:-}" >&2
case $reason in
  PREINIT | PREINIT6) ip link set dev "$interface" up ;;
  BOUND | RENEW | REBIND | REBOOT)
    [ -n "${old_ip_address:-}" ] && [ "${old_ip_address:-}" != "$new_ip_address" ] &&
      ip -4 addr del "$old_ip_address/$(mask2len "${old_subnet_mask:-255.255.255.0}")" dev "$interface" 2>/dev/null
    ip -4 addr replace "$new_ip_address/$(mask2len "${new_subnet_mask:-255.255.255.0}")" dev "$interface"
    ;;
  EXPIRE | FAIL | RELEASE | STOP)
    [ -n "${old_ip_address:-}" ] &&
      ip -4 addr del "$old_ip_address/$(mask2len "${old_subnet_mask:-255.255.255.0}")" dev "$interface" 2>/dev/null
    ;;
  BOUND6 | RENEW6 | REBIND6)
    [ -n "${new_ip6_address:-}" ] && ip -6 addr replace "$new_ip6_address/${new_ip6_prefixlen:-128}" dev "$interface" nodad
    ;;
  EXPIRE6 | RELEASE6 | STOP6)
    [ -n "${old_ip6_address:-}" ] && ip -6 addr del "$old_ip6_address/${old_ip6_prefixlen:-128}" dev "$interface" 2>/dev/null
    ;;
esac
exit 0
