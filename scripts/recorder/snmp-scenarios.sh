# shellcheck shell=bash
# The SNMP scenario of scripts/record-fixtures.sh (sourced by it: uses its
# net_up, cap_start/cap_stop, begin/finish, expect, done_scenario, cli,
# die/log/...). Debian's Net-SNMP agent (snmpd) in psc-srv, its command-line
# tools in psc-cli, on 10.77.0.0/24 and fd77::/64:
#
#   snmp   snmpget/snmpgetnext/snmpwalk/snmpbulkget/snmpset over SNMPv1 and
#          SNMPv2c with a read-only and a read-write community, a request with
#          a wrong community (the agent stays silent), SNMPv3 authPriv
#          (SHA/AES) with engine discovery, a v1 trap and a v2c trap, and
#          SNMPv2c over IPv6.
#
# snmpd runs in the foreground with our configuration only (-C -c, its
# persistent state in the temp dir: never /etc/snmp or /var/lib/snmp).
# Ground truth: the communities and the v3 user, which the Credentials view
# must list (NetworkMiner lists SNMP communities the same way).

SNMP_SCENARIOS=(snmp)
SNMP_DESCRIPTIONS=(
  "snmp|snmp-v1-v2c-v3-get-walk-set-trap-netsnmp|Net-SNMP snmpd and its tools: SNMPv1 and v2c get/getnext/walk/bulk/set with a read-only and a read-write community, a wrong community, SNMPv3 authPriv (SHA/AES) with engine discovery, v1 and v2c traps, v2c over IPv6."
)

SNMP_RO=psc-public
SNMP_RW='psc-write-2024'
SNMP_WRONG=guessed-community
SNMP_V3_USER=pscadmin
SNMP_V3_AUTH='Auth-Fixture-2024'
SNMP_V3_PRIV='Priv-Fixture-2024'

sc_snmp() {
  begin snmp snmp-v1-v2c-v3-get-walk-set-trap-netsnmp pcap
  local conf="$CUR_DIR/snmpd.conf" state="$CUR_DIR/snmp-state" out="$CUR_DIR/clients.out" log="$T/log/snmpd-$CUR_NAME.log"
  mkdir -p "$state"
  cat >"$conf" <<EOF
# snmpd for scripts/record-fixtures.sh (snmp scenario)
agentAddress udp:$SRV4:161,udp6:[$SRV6]:161
# sysContact is left unset: set in this file, snmpd would refuse the SET below (notWritable)
sysDescr pcapscope fixture agent (Net-SNMP in network namespace psc-srv)
sysLocation pcapscope fixture lab
sysName psc-agent
rocommunity $SNMP_RO default
rocommunity6 $SNMP_RO default
rwcommunity $SNMP_RW $CLI4
createUser $SNMP_V3_USER SHA "$SNMP_V3_AUTH" AES "$SNMP_V3_PRIV"
rwuser $SNMP_V3_USER priv
EOF
  chmod 600 "$conf"
  net_up v6
  ip netns exec "$NS_SRV" env SNMP_PERSISTENT_DIR="$state" snmpd -f -C -c "$conf" -Lf "$log" -p "$CUR_DIR/snmpd.pid" \
    >>"$T/log/snmpd-$CUR_NAME.stderr" 2>&1 &
  SERVER_PIDS+=($!)
  for _ in $(seq 100); do
    ip netns exec "$NS_SRV" ss -Hlun "sport = :161" | grep -q . && break
    sleep 0.1
  done
  ip netns exec "$NS_SRV" ss -Hlun "sport = :161" | grep -q . || die "snmpd did not listen: $(cat "$log" "$T/log/snmpd-$CUR_NAME.stderr" 2>/dev/null)"
  log "snmpd $(snmpd -v | awk '/version/ {print $NF; exit}') listening on $SRV4:161 and [$SRV6]:161"
  cap_start -U -B 8192
  # Numeric OIDs only: no MIB files needed on the client side.
  local O=(-On -r 1 -t 2) SYSDESCR=1.3.6.1.2.1.1.1.0 SYSCONTACT=1.3.6.1.2.1.1.4.0
  {
    cli snmpget -v1 -c "$SNMP_RO" "${O[@]}" "$SRV4" "$SYSDESCR" 1.3.6.1.2.1.1.5.0
    cli snmpgetnext -v1 -c "$SNMP_RO" "${O[@]}" "$SRV4" 1.3.6.1.2.1.1.1
    cli snmpget -v2c -c "$SNMP_RO" "${O[@]}" "$SRV4" 1.3.6.1.2.1.1.3.0 1.3.6.1.2.1.99.0
    cli snmpwalk -v2c -c "$SNMP_RO" "${O[@]}" "$SRV4" 1.3.6.1.2.1.1
    cli snmpbulkget -v2c -c "$SNMP_RO" "${O[@]}" -Cn0 -Cr5 "$SRV4" 1.3.6.1.2.1.2.2.1.2
    cli snmpset -v2c -c "$SNMP_RW" "${O[@]}" "$SRV4" "$SYSCONTACT" s "analyst@psc.test"
    cli snmpset -v1 -c "$SNMP_RO" "${O[@]}" "$SRV4" "$SYSCONTACT" s "not allowed" || true
    # A wrong community: the agent drops it (RFC 3584 §4.1: authentication failure), the client retries once and gives up.
    cli snmpget -v2c -c "$SNMP_WRONG" -On -r 1 -t 1 "$SRV4" "$SYSDESCR" || true
    cli snmpget -v3 -l authPriv -u "$SNMP_V3_USER" -a SHA -A "$SNMP_V3_AUTH" -x AES -X "$SNMP_V3_PRIV" "${O[@]}" "$SRV4" "$SYSDESCR"
    cli snmptrap -v1 -c "$SNMP_RO" "$SRV4" 1.3.6.1.4.1.8072.2.3 "$CLI4" 6 17 '' 1.3.6.1.2.1.1.5.0 s psc-client
    cli snmptrap -v2c -c "$SNMP_RO" "$SRV4" '' 1.3.6.1.6.3.1.1.5.1 1.3.6.1.2.1.1.5.0 s psc-client
    cli snmpget -v2c -c "$SNMP_RO" "${O[@]}" "udp6:[$SRV6]:161" "$SYSDESCR"
  } >"$out" 2>&1 || die "an SNMP client failed: $(tail -n 30 "$out")"
  sleep 0.5
  cap_stop
  finish
  grep -q 'psc-agent' "$out" || die "no sysName in the answers: $(cat "$out")"
  grep -q 'analyst@psc.test' "$out" || die "the SET was not answered: $(cat "$out")"
  proto_truth "client=Net-SNMP tools $(pkgver snmp)" "server=Net-SNMP snmpd $(pkgver snmpd)" \
    "client_address=$CLI4" "client_address6=$CLI6" "server_address6=$SRV6" "port=161" \
    "communities={\"$SNMP_RO\":\"read-only\",\"$SNMP_RW\":\"read-write\",\"$SNMP_WRONG\":\"wrong (no answer)\"}" \
    "snmpv3_user=$SNMP_V3_USER" \
    "versions={\"snmp\":\"$(pkgver snmp)\",\"snmpd\":\"$(pkgver snmpd)\",\"tcpdump\":\"$V_TCPDUMP\",\"kernel\":\"$V_KERNEL\"}" \
    'description=Net-SNMP tools against snmpd: SNMPv1 get/getnext and a refused set (read-only community), SNMPv2c get (one noSuchObject), walk of the system group, getbulk, a set with the read-write community, a get with a wrong community (no answer, one retry), SNMPv3 authPriv SHA/AES get with engine discovery, v1 and v2c traps to port 162 (nothing listens: ICMP port unreachable), and a v2c get over IPv6.'
  expect 'snmp.get_request_element' 3 "GetRequest PDUs"
  expect 'snmp.getBulkRequest_element' 1 "GetBulkRequest"
  expect 'snmp.set_request_element' 2 "SetRequest PDUs"
  expect "snmp.community == \"$SNMP_WRONG\"" 2 "the wrong community, sent twice"
  expect 'snmp.msgVersion == 3' 2 "SNMPv3 messages"
  expect 'snmp.trap_element || snmp.snmpV2_trap_element' 2 "traps"
  expect 'ipv6 && snmp' 2 "SNMP over IPv6"
  done_scenario
}
