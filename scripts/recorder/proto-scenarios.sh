# shellcheck shell=bash
# DNS, DHCP and TLS scenarios of scripts/record-fixtures.sh (sourced by it:
# uses its net_up, cap_start/cap_stop, begin/finish, expect, done_scenario,
# cli, die/log/...). Real Debian software on both ends, in the psc-srv and
# psc-cli namespaces only, on 10.77.0.0/24 and fd77::/64:
#
#   dns    dnsmasq authoritative for psc.test (+ reverse zones) <- dig, host
#   dhcp   dnsmasq DHCPv4 + DHCPv6 server <- dhclient -4 / -6 (lease, release)
#   https  openssl s_server (-WWW, ALPN, self-made CA) <- curl, openssl s_client
#
# Nothing is written outside the temp dir: dnsmasq gets -C with our own file
# (never /etc/dnsmasq.conf), no pid file, its lease file in the temp dir;
# dhclient gets -cf/-lf/-pf in the temp dir and our own -sf script (the
# packaged one would rewrite /etc/resolv.conf).

PROTO_SCENARIOS=(dns dhcp https)
PROTO_DESCRIPTIONS=(
  "dns|dns-auth-zone-dig-host-dnsmasq|dnsmasq authoritative for psc.test and its reverse zones, dig and host over IPv4 and IPv6: A, AAAA, CNAME, MX, TXT, SRV, PTR, NS, SOA, NXDOMAIN, REFUSED, EDNS (cookie, NSID, DO, buffer sizes), TCP, truncated answer retried over TCP, AXFR (pcapng)."
  "dhcp|dhcp-dhcpv4-dhcpv6-dhclient-dnsmasq|dhclient against dnsmasq: DHCPv4 DISCOVER/OFFER/REQUEST/ACK then RELEASE, DHCPv6 SOLICIT/ADVERTISE/REQUEST/REPLY then RELEASE/REPLY."
  "https|tls12-tls13-sni-alpn-curl-openssl|openssl s_server with a self-made CA: curl TLS 1.2 (two connections, the second resumed), openssl s_client TLS 1.3, curl TLS 1.3 over IPv6; SNI, ALPN http/1.1, a small HTTP/1.0 exchange each (pcapng)."
)

proto_versions() {
  V_DNSMASQ=$(dnsmasq --version | head -1 | awk '{print $3}')
  V_DIG=$(dig -v 2>&1 | awk '{print $2}')
  V_DHCLIENT=$(dhclient --version 2>&1 | sed 's/^isc-dhclient-//')
}

# start_dnsmasq CONF: dnsmasq in the server namespace, in the foreground, with
# only our configuration; waits until it logs that it started.
start_dnsmasq() {
  local conf=$1 log="$T/log/dnsmasq-$CUR_NAME.log"
  ip netns exec "$NS_SRV" dnsmasq --keep-in-foreground --conf-file="$conf" --pid-file= --log-facility="$log" \
    >>"$T/log/dnsmasq-$CUR_NAME.stderr" 2>&1 &
  SERVER_PIDS+=($!)
  for _ in $(seq 100); do
    grep -q 'started, version' "$log" 2>/dev/null && break
    kill -0 "${SERVER_PIDS[-1]}" 2>/dev/null || die "dnsmasq exited: $(cat "$T/log/dnsmasq-$CUR_NAME.stderr" "$log" 2>/dev/null)"
    sleep 0.1
  done
  grep -q 'started, version' "$log" || die "dnsmasq did not start within 10 s"
  sleep 0.5
  log "dnsmasq $V_DNSMASQ running ($(basename "$conf"))"
}

# proto_truth K=V...: <name>.truth.json for a non-FTP capture (no files).
proto_truth() {
  local sets=() kv
  for kv in "$@"; do sets+=(--set "$kv"); done
  "$PY" "$RECORDER/truth.py" write "$CUR_DIR/truth.jsonl" "$FIXTURES/$CUR_NAME.truth.json" \
    --set "scenario=$CUR_ID" --set "capture=$CUR_NAME.$CUR_EXT" --set "format=$CUR_EXT" \
    --set "server_address=$CUR_SRV_ADDR" "${sets[@]}"
}

# ------------------------------------------------------------------- dns --
sc_dns() {
  begin dns dns-auth-zone-dig-host-dnsmasq pcapng
  local conf="$CUR_DIR/dnsmasq.conf" big i
  # 8 strings of 120 characters: ~1 kB of TXT, more than fits in 512 bytes
  big=""
  for i in 1 2 3 4 5 6 7 8; do
    big+="${big:+,}\"chunk-$i:$(printf 'pcapscope-%.0s' $(seq 11))\""
  done
  cat >"$conf" <<EOF
# dnsmasq for scripts/record-fixtures.sh (dns scenario): authoritative only
port=53
user=root
group=root
listen-address=$SRV4,$SRV6
bind-interfaces
no-resolv
no-hosts
no-poll
log-queries
auth-server=ns1.psc.test,$IF_SRV
auth-zone=psc.test,10.77.0.0/24,fd77::/64
auth-soa=2024010201,hostmaster.psc.test,3600,600,86400,300
auth-sec-servers=ns2.psc.test
auth-peer=$CLI4,$CLI6
auth-ttl=300
host-record=ns1.psc.test,$SRV4,$SRV6
host-record=ns2.psc.test,10.77.0.53
host-record=www.psc.test,10.77.0.10,fd77::10
host-record=mail.psc.test,10.77.0.25,fd77::25
host-record=ldap.psc.test,10.77.0.30
host-record=sip.psc.test,10.77.0.40,fd77::40
cname=ftp.psc.test,www.psc.test
cname=files.psc.test,ftp.psc.test
mx-host=psc.test,mail.psc.test,10
mx-host=psc.test,backup-mx.psc.test,20
txt-record=psc.test,"v=spf1 mx -all"
txt-record=_dmarc.psc.test,"v=DMARC1; p=reject; rua=mailto:dmarc@psc.test"
txt-record=big.psc.test,$big
srv-host=_ldap._tcp.psc.test,ldap.psc.test,389,0,100
srv-host=_sip._udp.psc.test,sip.psc.test,5060,10,60
srv-host=_sip._udp.psc.test,sip.psc.test,5062,20,40
EOF
  chmod 644 "$conf"
  net_up v6
  start_dnsmasq "$conf"
  cap_start -U -B 8192
  local D=(dig +tries=2 +timeout=5) out="$CUR_DIR/dig.out"
  {
    cli "${D[@]}" @"$SRV4" www.psc.test A
    cli "${D[@]}" @"$SRV6" www.psc.test AAAA
    cli "${D[@]}" @"$SRV4" files.psc.test A
    cli "${D[@]}" @"$SRV4" psc.test MX
    cli "${D[@]}" @"$SRV4" psc.test TXT
    cli "${D[@]}" @"$SRV6" _dmarc.psc.test TXT
    cli "${D[@]}" @"$SRV4" _ldap._tcp.psc.test SRV
    cli "${D[@]}" @"$SRV6" _sip._udp.psc.test SRV
    cli "${D[@]}" @"$SRV4" -x 10.77.0.10
    cli "${D[@]}" @"$SRV6" -x fd77::25
    cli "${D[@]}" @"$SRV4" psc.test NS
    cli "${D[@]}" @"$SRV6" psc.test SOA
    cli "${D[@]}" @"$SRV4" nope.psc.test A
    cli "${D[@]}" @"$SRV4" +norecurse www.example.com A
    cli "${D[@]}" @"$SRV4" +tcp mail.psc.test A
    cli "${D[@]}" @"$SRV6" +tcp psc.test MX
    cli "${D[@]}" @"$SRV4" +bufsize=4096 +nsid +dnssec ns1.psc.test AAAA
    cli "${D[@]}" @"$SRV4" +noedns +nocookie www.psc.test A
    cli "${D[@]}" @"$SRV4" +noedns big.psc.test TXT
    cli "${D[@]}" @"$SRV6" +bufsize=512 big.psc.test TXT
    cli "${D[@]}" @"$SRV4" psc.test AXFR
    cli host -W 5 -t MX psc.test "$SRV4"
    cli host -W 5 -t PTR 10.77.0.30 "$SRV6"
    cli host -W 5 sip.psc.test "$SRV4"
  } >"$out" 2>&1 || die "a DNS client failed: $(tail -n 20 "$out")"
  cap_stop
  finish
  grep -q ';; Truncated, retrying in TCP mode' "$out" || die "dig saw no truncated answer (see $out)"
  grep -q 'status: NXDOMAIN' "$out" || die "no NXDOMAIN in dig's output"
  proto_truth "client=dig/host $V_DIG" "server=dnsmasq $V_DNSMASQ (auth-zone)" "client_address=$CLI4" \
    "client_address6=$CLI6" "server_address6=$SRV6" "zone=psc.test" \
    "zone_file=$("$PY" -c 'import json,sys; print(json.dumps([l.rstrip("\n") for l in open(sys.argv[1]) if not l.startswith("#")]))' "$conf")" \
    "versions={\"dnsmasq\":\"$V_DNSMASQ\",\"dig\":\"$V_DIG\",\"tcpdump\":\"$V_TCPDUMP\",\"kernel\":\"$V_KERNEL\"}" \
    'description=dig and host query dnsmasq, authoritative for psc.test, 0.77.10.in-addr.arpa and the fd77::/64 reverse zone, over IPv4 and IPv6: A, AAAA, CNAME chain, MX, TXT, SRV, PTR, NS, SOA, NXDOMAIN, REFUSED (out of zone), TCP queries, EDNS with cookie/NSID/DO, a 512-byte answer truncated (TC) and retried over TCP, and an AXFR.'
  expect 'dns.flags.response == 0' 24 "queries"
  expect 'dns.flags.response == 1' 24 "responses"
  expect 'dns.qry.type == 1 && dns.a' 3 "A answers"
  expect 'dns.aaaa' 2 "AAAA answers"
  expect 'dns.cname' 1 "CNAME answers"
  expect 'dns.mx.mail_exchange' 2 "MX answers"
  expect 'dns.txt' 3 "TXT answers"
  expect 'dns.srv.target' 2 "SRV answers"
  expect 'dns.ptr.domain_name' 3 "PTR answers"
  expect 'dns.ns' 1 "NS answers"
  expect 'dns.soa.mname' 2 "SOA records"
  expect 'dns.flags.rcode == 3' 1 "NXDOMAIN"
  expect 'dns.flags.rcode == 5' 1 "REFUSED"
  expect 'dns.flags.truncated == 1' 1 "truncated answers"
  expect 'dns.qry.type == 252' 1 "AXFR"
  expect 'tcp && dns' 6 "DNS over TCP"
  expect 'ipv6 && dns' 10 "DNS over IPv6"
  expect 'dns.opt.code == 10' 1 "EDNS cookie"
  expect 'dns.opt.code == 3' 1 "EDNS NSID"
  done_scenario
}

# ------------------------------------------------------------------ dhcp --
sc_dhcp() {
  begin dhcp dhcp-dhcpv4-dhcpv6-dhclient-dnsmasq pcap
  local conf="$CUR_DIR/dnsmasq.conf" dh="$CUR_DIR/dhclient" out="$CUR_DIR/dhclient.out"
  mkdir -p "$dh"
  cat >"$conf" <<EOF
# dnsmasq for scripts/record-fixtures.sh (dhcp scenario): DHCP only, no DNS
port=0
user=root
group=root
interface=$IF_SRV
bind-interfaces
no-resolv
no-hosts
no-poll
log-dhcp
dhcp-leasefile=$CUR_DIR/dnsmasq.leases
dhcp-authoritative
domain=psc.test
dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,1h
dhcp-range=fd77::100,fd77::1ff,64,1h
dhcp-option=option:router,$SRV4
dhcp-option=option:dns-server,$SRV4
dhcp-option=option:ntp-server,$SRV4
dhcp-option=option6:dns-server,[$SRV6]
dhcp-option=option6:domain-search,psc.test
EOF
  chmod 644 "$conf"
  cat >"$dh/dhclient.conf" <<'EOF'
# dhclient for scripts/record-fixtures.sh (dhcp scenario)
send host-name "psc-cli";
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, ntp-servers,
        dhcp6.name-servers, dhcp6.domain-search;
EOF
  net_up v6
  # the client starts without addresses of its own (link-local only)
  ip -n "$NS_CLI" addr flush dev "$IF_CLI" scope global
  start_dnsmasq "$conf"
  cap_start -U -B 8192
  local DH=(dhclient -v -cf "$dh/dhclient.conf" -sf "$RECORDER/dhclient-script.sh")
  {
    cli "${DH[@]}" -4 -1 -lf "$dh/v4.leases" -pf "$dh/v4.pid" "$IF_CLI"
    sleep 1
    ip -n "$NS_CLI" -4 addr show dev "$IF_CLI"
    cli "${DH[@]}" -4 -r -lf "$dh/v4.leases" -pf "$dh/v4.pid" "$IF_CLI"
    sleep 1
    cli "${DH[@]}" -6 -1 -lf "$dh/v6.leases" -pf "$dh/v6.pid" "$IF_CLI"
    sleep 1
    ip -n "$NS_CLI" -6 addr show dev "$IF_CLI"
    cli "${DH[@]}" -6 -r -lf "$dh/v6.leases" -pf "$dh/v6.pid" "$IF_CLI"
    sleep 1
  } >"$out" 2>&1 || die "dhclient failed: $(tail -n 30 "$out")"
  cap_stop
  finish
  local v4 v6
  v4=$(sed -n 's/.*bound to \([0-9.]*\).*/\1/p' "$out" | head -1)
  v6=$(sed -n 's/.*inet6 \(fd77:[0-9a-f:]*\)\/.*/\1/p' "$out" | head -1)
  [[ -n $v4 ]] || die "dhclient -4 bound no address: $(cat "$out")"
  [[ -n $v6 ]] || die "dhclient -6 set no address: $(cat "$out")"
  proto_truth "client=dhclient (isc-dhcp-client) $V_DHCLIENT" "server=dnsmasq $V_DNSMASQ" \
    "client_mac=$MAC_CLI" "server_address6=$SRV6" "leased_ipv4=$v4" "leased_ipv6=$v6" \
    "versions={\"dnsmasq\":\"$V_DNSMASQ\",\"dhclient\":\"$V_DHCLIENT\",\"tcpdump\":\"$V_TCPDUMP\",\"kernel\":\"$V_KERNEL\"}" \
    "description=dhclient -4 leases $v4 from dnsmasq (DISCOVER, OFFER, REQUEST, ACK; dnsmasq pings the address first) and releases it (RELEASE); dhclient -6 leases $v6 (SOLICIT, ADVERTISE, REQUEST, REPLY) and releases it (RELEASE, REPLY)."
  expect 'dhcp.option.dhcp == 1' 1 "DHCPDISCOVER"
  expect 'dhcp.option.dhcp == 2' 1 "DHCPOFFER"
  expect 'dhcp.option.dhcp == 3' 1 "DHCPREQUEST"
  expect 'dhcp.option.dhcp == 5' 1 "DHCPACK"
  expect 'dhcp.option.dhcp == 7' 1 "DHCPRELEASE"
  expect 'dhcpv6.msgtype == 1' 1 "SOLICIT"
  expect 'dhcpv6.msgtype == 2' 1 "ADVERTISE"
  expect 'dhcpv6.msgtype == 3' 1 "REQUEST"
  expect 'dhcpv6.msgtype == 7' 2 "REPLY"
  expect 'dhcpv6.msgtype == 8' 1 "RELEASE"
  done_scenario
}

# ----------------------------------------------------------------- https --
sc_https() {
  begin https tls12-tls13-sni-alpn-curl-openssl pcapng
  local pki="$CUR_DIR/pki" www="$CUR_DIR/srv" out="$CUR_DIR/clients.out"
  mkdir -p "$pki" "$www"
  # a CA and a server certificate for www.psc.test / api.psc.test (P-256: small)
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
    -subj "/CN=pcapscope fixtures CA/O=pcapscope fixtures" -keyout "$pki/ca.key" -out "$pki/ca.pem" 2>/dev/null
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=www.psc.test/O=pcapscope fixtures" \
    -keyout "$pki/srv.key" -out "$pki/srv.csr" 2>/dev/null
  printf 'subjectAltName=DNS:www.psc.test,DNS:api.psc.test,IP:%s,IP:%s\nextendedKeyUsage=serverAuth\n' "$SRV4" "$SRV6" >"$pki/ext.cnf"
  openssl x509 -req -in "$pki/srv.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 3650 \
    -extfile "$pki/ext.cnf" -out "$pki/srv.pem" 2>/dev/null
  printf 'Hello from the pcapscope TLS fixture.\n' >"$www/hello.txt"
  chmod -R a+rX "$CUR_DIR"
  net_up v6
  local S=(openssl s_server -quiet -WWW -alpn http/1.1 -cert "$pki/srv.pem" -key "$pki/srv.key" -cert_chain "$pki/ca.pem")
  (cd "$www" && exec ip netns exec "$NS_SRV" "${S[@]}" -4 -accept "$SRV4:443") >>"$T/log/s_server4-$CUR_NAME.log" 2>&1 &
  SERVER_PIDS+=($!)
  (cd "$www" && exec ip netns exec "$NS_SRV" "${S[@]}" -6 -accept "[$SRV6]:443") >>"$T/log/s_server6-$CUR_NAME.log" 2>&1 &
  SERVER_PIDS+=($!)
  wait_listen 443
  for _ in $(seq 100); do
    ip netns exec "$NS_SRV" ss -Hltn "src [$SRV6]:443" | grep -q . && break
    sleep 0.1
  done
  log "openssl s_server $V_OPENSSL listening on $SRV4:443 and [$SRV6]:443"
  cap_start -U -B 8192
  local C=("${CURL[@]}" --cacert "$pki/ca.pem" -o -)
  {
    # TLS 1.2, two connections (s_server -WWW closes after each reply): the second resumes the session
    cli "${C[@]}" --tlsv1.2 --tls-max 1.2 --resolve "www.psc.test:443:$SRV4" \
      https://www.psc.test/hello.txt https://www.psc.test/hello.txt
    sleep 0.5
    # TLS 1.3 with openssl s_client: SNI api.psc.test, ALPN http/1.1
    printf 'GET /hello.txt HTTP/1.0\r\nHost: api.psc.test\r\n\r\n' |
      cli openssl s_client -connect "$SRV4:443" -servername api.psc.test -alpn http/1.1 -tls1_3 \
        -CAfile "$pki/ca.pem" -verify_return_error -ign_eof
    sleep 0.5
    # TLS 1.3 over IPv6 with curl
    cli "${C[@]}" --tlsv1.3 --resolve "www.psc.test:443:[$SRV6]" https://www.psc.test/hello.txt
  } >"$out" 2>&1 || die "a TLS client failed: $(tail -n 30 "$out")"
  cap_stop
  finish
  (($(grep -c 'Hello from the pcapscope TLS fixture' "$out") == 4)) || die "not every client got hello.txt: $(cat "$out")"
  grep -q 'Protocol  *: TLSv1.3' "$out" || die "s_client did not negotiate TLS 1.3"
  grep -q 'ALPN protocol: http/1.1' "$out" || die "s_client did not negotiate ALPN http/1.1"
  proto_truth "client=curl $V_CURL, openssl s_client $V_OPENSSL" "server=openssl s_server $V_OPENSSL (-WWW)" \
    "client_address=$CLI4" "client_address6=$CLI6" "server_address6=$SRV6" "port=443" \
    'sni=["www.psc.test","www.psc.test","api.psc.test","www.psc.test"]' 'alpn=http/1.1' \
    "certificate_sha256=$(openssl x509 -in "$pki/srv.pem" -outform DER | sha256sum | awk '{print $1}')" \
    "ca_sha256=$(openssl x509 -in "$pki/ca.pem" -outform DER | sha256sum | awk '{print $1}')" \
    "versions={\"openssl\":\"$V_OPENSSL\",\"curl\":\"$V_CURL\",\"tcpdump\":\"$V_TCPDUMP\",\"kernel\":\"$V_KERNEL\"}" \
    'description=Four TLS connections to openssl s_server -WWW (P-256 certificate for www/api.psc.test signed by a CA made for the recording, sent with its chain): curl TLS 1.2 twice (full handshake, then an abbreviated one resuming the session), openssl s_client TLS 1.3 with SNI api.psc.test, curl TLS 1.3 over IPv6; ALPN http/1.1 each time and GET /hello.txt over HTTP/1.0.'
  expect 'tls.handshake.type == 1' 4 "ClientHello"
  expect 'tls.handshake.type == 2' 4 "ServerHello"
  expect 'tls.handshake.type == 11' 1 "Certificate (TLS 1.2 full handshake, in clear)"
  expect 'tls.handshake.extensions_server_name == "api.psc.test"' 1 "SNI api.psc.test"
  expect 'tls.handshake.extensions_server_name == "www.psc.test"' 3 "SNI www.psc.test"
  expect 'tls.handshake.type == 2 && tls.handshake.extensions.supported_version == 0x0304' 2 "TLS 1.3 ServerHello"
  expect 'tls.handshake.type == 2 && !tls.handshake.extensions.supported_version' 2 "TLS 1.2 ServerHello"
  expect 'tls.handshake.type == 2 && tls.handshake.extensions_alpn_str == "http/1.1"' 2 "ALPN http/1.1 in clear"
  expect 'tls.record.content_type == 23 || tls.record.opaque_type == 23' 8 "application data"
  expect 'ipv6 && tls' 4 "TLS over IPv6"
  done_scenario
}
