#!/usr/bin/env bash
# Records the fixture captures in fixtures/ (FTP, and DNS, DHCP and TLS from
# scripts/recorder/proto-scenarios.sh, HTTP from scripts/recorder/http-scenarios.sh)
# with real clients and servers talking
# across a veth pair between two private network namespaces, and writes
# ground truth (<name>.truth.json) for each capture.
#
#   sudo bash scripts/record-fixtures.sh              # every scenario
#   sudo bash scripts/record-fixtures.sh lossy tls    # just these
#   sudo bash scripts/record-fixtures.sh dns dhcp https  # the DNS, DHCP and TLS captures
#   sudo bash scripts/record-fixtures.sh --list       # scenario ids
#   sudo bash scripts/record-fixtures.sh --bench [--dir DIR] [--force] [ftp-mix small-packets bruteforce ftp-1g]
#                                      # inputs of npm run bench into bench-data/ (or
#                                      # $PCAPSCOPE_BENCH_DIR), the missing ones only;
#                                      # ~4 min for all four here (ftp-1g ~1 min)
#   sudo BENCH_1G_PAYLOAD=300000000 bash scripts/record-fixtures.sh --bench --force ftp-1g
#                                      # a smaller "1 GB" input (~330 MB) where disk
#                                      # or time is short; see BENCH_* below
#
# Environment: KEEP_TMP=1 keeps the temp dir (server roots, logs, raw
# captures); SKIP_GOLDENS=1 skips `npx tsx scripts/update-goldens.ts` at the
# end; SKIP_INSTALL=1 skips the apt-get check; CLIENT_TIMEOUT (default 90 s)
# bounds every client command.
#
# Only the namespaces created here (psc-srv, psc-cli, and psc-rtr for the
# lossy scenario and the bench inputs) carry traffic; 10.77.0.0/24,
# 10.77.1.0/24, fd77::/64 and fd77:1::/64 exist only inside them. Nothing is configured in the host's own namespace
# except a temporary system user (pscftp, for vsftpd's local-user logins)
# that is removed again on exit. Helpers live in scripts/recorder/.
set -euo pipefail

# One recording at a time on a machine: every run creates and deletes the same
# namespaces (psc-srv, psc-cli, psc-rtr), so a second run would tear down the first's.
exec 9>/tmp/pcapscope-recorder.lock
if ! flock -n 9; then
  echo "record-fixtures: another recording is running; waiting for it to finish" >&2
  flock 9
fi

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd -- "$SCRIPT_DIR/.." && pwd)
FIXTURES="$REPO/fixtures"
RECORDER="$SCRIPT_DIR/recorder"
PY=/usr/bin/python3 # Debian's python (python3-pyftpdlib), not pyenv's
export PYTHONDONTWRITEBYTECODE=1
export LC_ALL=C.UTF-8 TZ=UTC
# Clients must never wander off to a proxy.
unset http_proxy https_proxy ftp_proxy all_proxy no_proxy HTTP_PROXY HTTPS_PROXY FTP_PROXY ALL_PROXY NO_PROXY || true

NS_SRV=psc-srv
NS_CLI=psc-cli
NS_RTR=psc-rtr # only for the lossy scenario
IF_SRV=psc-s0
IF_CLI=psc-c0
MAC_SRV=02:77:00:00:00:01
MAC_CLI=02:77:00:00:00:02
SRV4=10.77.0.1
CLI4=10.77.0.2
CLI4B=10.77.0.3
SRV6=fd77::1
CLI6=fd77::2
FTP_USER=pscftp
FTP_PASS='Fixture-Pass-2024'
FTP_USER_GECOS='pcapscope fixture user (scripts/record-fixtures.sh)'
CLIENT_TIMEOUT=${CLIENT_TIMEOUT:-90}

ALL_SCENARIOS=(active pasv ipv6 upload bruteforce banner lossy tls resume pget mirror pasvcmds ascii parallel hostile)
# Each protocol family's scenarios live in recorder/<family>-scenarios.sh, which sets <FAMILY>_SCENARIOS.
for family in proto http snmp mail remote ftps; do
  # shellcheck source=/dev/null
  source "$RECORDER/$family-scenarios.sh"
done
ALL_SCENARIOS+=("${PROTO_SCENARIOS[@]}" "${HTTP_SCENARIOS[@]}" "${SNMP_SCENARIOS[@]}" "${MAIL_SCENARIOS[@]}" "${REMOTE_SCENARIOS[@]}" "${FTPS_SCENARIOS[@]}")

T=""                 # temp dir
SERVER_PIDS=()       # servers started for the current scenario
TCPDUMP_PID=""
USER_CREATED=0
RESULTS=()           # "name|verification summary"

# ---------------------------------------------------------------- logging --
log() { printf '\033[1;34m[rec %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
ok() { printf '\033[1;32m[ ok %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '\033[1;33m[warn %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '\033[1;31m[FAIL %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

# ---------------------------------------------------------------- cleanup --
kill_ns_procs() { # kill the processes living in one of OUR namespaces
  local ns=$1 pids
  ip netns list 2>/dev/null | grep -qw -- "$ns" || return 0
  pids=$(ip netns pids "$ns" 2>/dev/null || true)
  [[ -n $pids ]] || return 0
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    pids=$(ip netns pids "$ns" 2>/dev/null || true)
    [[ -z $pids ]] && return 0
    sleep 0.2
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
}

net_down() {
  local ns
  for ns in "$NS_CLI" "$NS_RTR" "$NS_SRV"; do
    kill_ns_procs "$ns"
    if ip netns list 2>/dev/null | grep -qw -- "$ns"; then
      ip netns del "$ns" 2>/dev/null || warn "could not delete netns $ns"
    fi
  done
  SERVER_PIDS=()
  TCPDUMP_PID=""
}

remove_user() {
  if getent passwd "$FTP_USER" >/dev/null; then
    if [[ $(getent passwd "$FTP_USER" | cut -d: -f5) == "$FTP_USER_GECOS" ]]; then
      userdel "$FTP_USER" 2>/dev/null || warn "userdel $FTP_USER failed"
    else
      die "a user named $FTP_USER exists that this script did not create; refusing to touch it"
    fi
  fi
  USER_CREATED=0
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [[ -n $TCPDUMP_PID ]] && kill -INT "$TCPDUMP_PID" 2>/dev/null
  local p
  for p in "${SERVER_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  net_down
  remove_user
  if [[ -n $T && -d $T ]]; then
    if [[ ${KEEP_TMP:-0} == 1 || $rc -ne 0 ]]; then
      log "temp dir kept for inspection: $T"
    else
      rm -rf -- "$T"
    fi
  fi
  if [[ $rc -ne 0 ]]; then
    printf '\033[1;31m[FAIL]\033[0m recording failed (exit %s); see the log above\n' "$rc" >&2
  fi
  exit "$rc"
}

# ------------------------------------------------------------ environment --
need_root() { [[ $(id -u) -eq 0 ]] || die "run as root: sudo bash scripts/record-fixtures.sh"; }

install_deps() {
  [[ ${SKIP_INSTALL:-0} == 1 ]] && return 0
  local pkgs=(vsftpd python3-pyftpdlib python3-openssl tnftp curl lftp tcpdump iproute2 ethtool iptables openssl wireshark-common tshark
    dnsmasq-base bind9-dnsutils isc-dhcp-client nginx-light wget snmpd snmp
    postfix dovecot-core dovecot-pop3d dovecot-imapd chrony ntpsec-ntpdig openssh-server openssh-client
    openbsd-inetd inetutils-telnetd inetutils-telnet)
  local missing=() p
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # Packaged services (snmpd...) must not start on the host: policy-rc.d refuses (exit 101).
    local policy=/usr/sbin/policy-rc.d had_policy=0
    [[ -e $policy ]] && had_policy=1
    ((had_policy)) || { printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    ((had_policy)) || rm -f "$policy"
  fi
  # the packaged vsftpd service is not used (and there is no systemd here)
  mkdir -p /var/run/vsftpd/empty
}

pkgver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo unknown; }

collect_versions() {
  V_VSFTPD=$(pkgver vsftpd)
  V_PYFTPDLIB=$($PY -W ignore -c 'import pyftpdlib; print(pyftpdlib.__ver__)' 2>/dev/null || echo unknown)
  V_PYOPENSSL=$($PY -c 'import OpenSSL; print(OpenSSL.__version__)' 2>/dev/null || echo unknown)
  V_PYTHON=$($PY -c 'import platform; print(platform.python_version())')
  V_CURL=$(curl --version | head -1 | awk '{print $2}')
  V_LFTP=$(lftp --version | head -1 | sed -E 's/.*Version ([^ ]+).*/\1/')
  V_TNFTP=$(pkgver tnftp)
  V_TCPDUMP=$(tcpdump --version 2>&1 | head -1 | awk '{print $3}')
  V_LIBPCAP=$(tcpdump --version 2>&1 | sed -n 's/^libpcap version \([^ ]*\).*/\1/p')
  V_TSHARK=$(tshark --version 2>/dev/null | head -1 | sed -E 's/^TShark \(Wireshark\) ([^ ]+).*/\1/')
  V_OPENSSL=$(openssl version | awk '{print $2}')
  V_KERNEL=$(uname -r)
  V_DEBIAN=$(cat /etc/debian_version 2>/dev/null || echo unknown)
  proto_versions
  ftps_versions
}

# ---------------------------------------------------------------- network --
# net_up [v6] [extra-client-ipv4]: fresh namespaces joined by a veth pair.
net_up() {
  local v6=${1:-no} extra=${2:-} ns
  net_down
  for ns in "$NS_SRV" "$NS_CLI"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    if [[ $v6 == v6 ]]; then
      ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.default.router_solicitations=0
    else
      # keep IPv4-only captures free of NDP/MLD chatter
      ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 net.ipv6.conf.all.disable_ipv6=1
    fi
  done
  ip link add "$IF_SRV" netns "$NS_SRV" address "$MAC_SRV" type veth peer name "$IF_CLI" netns "$NS_CLI" address "$MAC_CLI"
  for ns in "$NS_SRV:$IF_SRV" "$NS_CLI:$IF_CLI"; do
    # wire-sized frames and software checksums
    ip netns exec "${ns%%:*}" ethtool -K "${ns#*:}" tso off gso off gro off tx off rx off >/dev/null 2>&1 ||
      ip netns exec "${ns%%:*}" ethtool -K "${ns#*:}" tso off gso off gro off >/dev/null 2>&1 ||
      warn "ethtool could not turn every offload off on ${ns#*:}"
  done
  ip -n "$NS_SRV" addr add "$SRV4/24" dev "$IF_SRV"
  ip -n "$NS_CLI" addr add "$CLI4/24" dev "$IF_CLI"
  [[ -n $extra ]] && ip -n "$NS_CLI" addr add "$extra/24" dev "$IF_CLI"
  if [[ $v6 == v6 ]]; then
    ip -n "$NS_SRV" addr add "$SRV6/64" dev "$IF_SRV" nodad
    ip -n "$NS_CLI" addr add "$CLI6/64" dev "$IF_CLI" nodad
  fi
  ip -n "$NS_SRV" link set "$IF_SRV" up
  ip -n "$NS_CLI" link set "$IF_CLI" up
  for _ in $(seq 50); do
    ip -n "$NS_CLI" link show "$IF_CLI" | grep -q 'state UP' && ip -n "$NS_SRV" link show "$IF_SRV" | grep -q 'state UP' && break
    sleep 0.1
  done
  # let link-up chatter (IPv6 MLD reports) pass before the capture starts
  if [[ $v6 == v6 ]]; then sleep 3; else sleep 0.3; fi
}

# net_up_routed: psc-cli (10.77.1.2) -- psc-rtr (10.77.1.254 | 10.77.0.254) --
# psc-srv (10.77.0.1). Packets the router drops never reach the capture point
# on the server's veth, so the capture shows real gaps (lost segments,
# out-of-order retransmissions), which drops inside an endpoint cannot cause
# (a sender's own OUTPUT drops are simply retried, receiver-side drops happen
# after AF_PACKET has seen the frame).
net_up_routed() {
  local ns
  net_down
  for ns in "$NS_SRV" "$NS_RTR" "$NS_CLI"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 net.ipv6.conf.all.disable_ipv6=1
  done
  ip netns exec "$NS_RTR" sysctl -qw net.ipv4.ip_forward=1
  ip link add "$IF_SRV" netns "$NS_SRV" address "$MAC_SRV" type veth peer name psc-r0 netns "$NS_RTR" address 02:77:00:00:00:fe
  ip link add "$IF_CLI" netns "$NS_CLI" address "$MAC_CLI" type veth peer name psc-r1 netns "$NS_RTR" address 02:77:00:00:01:fe
  for ns in "$NS_SRV:$IF_SRV" "$NS_RTR:psc-r0" "$NS_RTR:psc-r1" "$NS_CLI:$IF_CLI"; do
    ip netns exec "${ns%%:*}" ethtool -K "${ns#*:}" tso off gso off gro off tx off rx off >/dev/null 2>&1 ||
      warn "ethtool could not turn every offload off on ${ns#*:}"
    ip -n "${ns%%:*}" link set "${ns#*:}" up
  done
  ip -n "$NS_SRV" addr add "$SRV4/24" dev "$IF_SRV"
  ip -n "$NS_RTR" addr add 10.77.0.254/24 dev psc-r0
  ip -n "$NS_RTR" addr add 10.77.1.254/24 dev psc-r1
  ip -n "$NS_CLI" addr add 10.77.1.2/24 dev "$IF_CLI"
  ip -n "$NS_SRV" route add default via 10.77.0.254
  ip -n "$NS_CLI" route add default via 10.77.1.254
  sleep 0.5
}

# shape_server_egress RATE: HTB on the server's veth, data connections share
# RATE, the control connection (source port 21) stays fast. Lets parallel
# sessions actually overlap (loopback-speed transfers finish in milliseconds).
shape_server_egress() {
  local rate=$1 tc=(ip netns exec "$NS_SRV" tc)
  "${tc[@]}" qdisc add dev "$IF_SRV" root handle 1: htb default 20
  "${tc[@]}" class add dev "$IF_SRV" parent 1: classid 1:1 htb rate 1gbit quantum 1514
  "${tc[@]}" class add dev "$IF_SRV" parent 1:1 classid 1:10 htb rate 100mbit ceil 1gbit quantum 1514 prio 0
  "${tc[@]}" class add dev "$IF_SRV" parent 1:1 classid 1:20 htb rate "$rate" ceil "$rate" burst 15k quantum 1514 prio 1
  "${tc[@]}" filter add dev "$IF_SRV" parent 1: protocol ip prio 1 u32 match ip sport 21 0xffff flowid 1:10
  log "server egress shaped: data $rate, control unshaped"
}

# ---------------------------------------------------------------- capture --
cap_start() { # cap_start [TCPDUMP_OPTION...]: packet-buffered (-U) unless options are given
  local raw="$T/raw/$CUR_NAME.pcap" tlog="$T/log/$CUR_NAME.tcpdump.log"
  (($#)) || set -- -U
  rm -f "$raw"
  ip netns exec "$NS_SRV" tcpdump -i "$IF_SRV" -s 0 "$@" -n -Z root -w "$raw" >"$tlog" 2>&1 &
  TCPDUMP_PID=$!
  for _ in $(seq 100); do
    grep -q 'listening on' "$tlog" 2>/dev/null && break
    kill -0 "$TCPDUMP_PID" 2>/dev/null || die "tcpdump exited: $(cat "$tlog")"
    sleep 0.1
  done
  grep -q 'listening on' "$tlog" || die "tcpdump did not start within 10 s"
  sleep 0.3
  log "capturing on $NS_SRV/$IF_SRV -> $raw"
}

cap_stop() {
  sleep 1 # let the last FIN/ACKs cross the wire
  [[ -n $TCPDUMP_PID ]] || return 0
  kill -INT "$TCPDUMP_PID" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 "$TCPDUMP_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$TCPDUMP_PID" 2>/dev/null && {
    warn "tcpdump did not stop on SIGINT; sending TERM"
    kill -TERM "$TCPDUMP_PID" 2>/dev/null || true
  }
  wait "$TCPDUMP_PID" 2>/dev/null || true
  TCPDUMP_PID=""
  log "tcpdump: $(grep -E 'packets (captured|dropped by kernel)' "$T/log/$CUR_NAME.tcpdump.log" | tr '\n' ' ')"
  grep -q '^0 packets dropped by kernel' "$T/log/$CUR_NAME.tcpdump.log" || warn "tcpdump reports kernel drops"
}

# ---------------------------------------------------------------- servers --
wait_listen() { # wait_listen PORT: until something in the server ns listens on it
  local port=$1
  for _ in $(seq 100); do
    ip netns exec "$NS_SRV" ss -Hltn "sport = :$port" | grep -q . && return 0
    sleep 0.1
  done
  tail -n 5 "$T"/log/*"$CUR_NAME"* >&2 2>/dev/null || true
  die "nothing listens on port $port in $NS_SRV after 10 s"
}

# start_vsftpd LISTEN_ADDR [extra config lines...]
start_vsftpd() {
  local addr=$1
  shift
  local conf="$T/etc/vsftpd-$CUR_NAME.conf"
  sed -e "s|@LISTEN_ADDRESS@|$addr|g" -e "s|@LOG_FILE@|$T/log/vsftpd-$CUR_NAME.log|g" "$RECORDER/vsftpd.conf.in" >"$conf"
  printf '%s\n' "$@" >>"$conf"
  chmod 600 "$conf"
  # vsftpd reports config errors ("500 OOPS: ...") on fd 0
  ip netns exec "$NS_SRV" vsftpd "$conf" 0>>"$T/log/vsftpd-$CUR_NAME.stderr" >>"$T/log/vsftpd-$CUR_NAME.stderr" 2>&1 &
  SERVER_PIDS+=($!)
  wait_listen 21
  log "vsftpd $V_VSFTPD listening on $addr:21"
}

# start_pyftpd ftpserver.py-args...
start_pyftpd() {
  ip netns exec "$NS_SRV" "$PY" "$RECORDER/ftpserver.py" "$@" >>"$T/log/pyftpd-$CUR_NAME.log" 2>&1 &
  SERVER_PIDS+=($!)
  wait_listen 21
  log "pyftpdlib $V_PYFTPDLIB listening ($*)"
}

stop_servers() {
  local p
  for p in "${SERVER_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${SERVER_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  SERVER_PIDS=()
}

# ---------------------------------------------------------------- clients --
cli() { timeout -k 5 "$CLIENT_TIMEOUT" ip netns exec "$NS_CLI" "$@"; }
CURL=(curl -sS --noproxy '*' --connect-timeout 10 --max-time 80)
LFTP_SET='set net:timeout 15; set net:max-retries 2; set net:reconnect-interval-base 1; set net:persist-retries 0; set ftp:ssl-allow no; set ftp:proxy ""; set dns:order "inet inet6"; set cmd:fail-exit yes; set xfer:clobber on;'

# ----------------------------------------------------------- content/users --
ensure_user() {
  ((USER_CREATED)) && return 0
  remove_user
  useradd -M -d "$T/home" -s /bin/bash -c "$FTP_USER_GECOS" "$FTP_USER"
  printf '%s:%s\n' "$FTP_USER" "$FTP_PASS" | chpasswd
  USER_CREATED=1
  log "created temporary system user $FTP_USER"
}

# put SRC_NAME... DEST_DIR: copy generated content into a server root
put() {
  local dest=${!#} n
  mkdir -p "$dest"
  for n in "${@:1:$#-1}"; do
    install -m 0644 "$T/content/$n" "$dest/$n"
    touch -d @1704164645 "$dest/$n" # fixed mtime (2024-01-02 03:04:05 UTC) for LIST/MLSD/MDTM
  done
}

# ---------------------------------------------------------- ground truth ---
truth_add() { # truth_add PATH DIRECTION DISKFILE [k=v ...]
  local path=$1 dir=$2 file=$3
  shift 3
  local sets=() kv
  for kv in "$@"; do sets+=(--set "$kv"); done
  [[ -f $file ]] || die "truth: $file does not exist"
  "$PY" "$RECORDER/truth.py" add "$CUR_DIR/truth.jsonl" --path "$path" --direction "$dir" --file "$file" "${sets[@]}"
}

truth_write() { # truth_write k=v ...
  local sets=() kv
  for kv in "$@"; do sets+=(--set "$kv"); done
  "$PY" "$RECORDER/truth.py" write "$CUR_DIR/truth.jsonl" "$FIXTURES/$CUR_NAME.truth.json" \
    --set "scenario=$CUR_ID" --set "capture=$CUR_NAME.$CUR_EXT" --set "format=$CUR_EXT" \
    --set "server_address=$CUR_SRV_ADDR" --set "control_port=21" "${sets[@]}"
}

sha() { sha256sum <"$1" | awk '{print $1}'; } # stdin: sha256sum escapes a name with a backslash (and its hash)

json_get() { # json_get FILE KEY [KEY...]: a value from a client's JSON report
  "$PY" -c 'import json, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))
for k in sys.argv[2:]:
    v = v[k]
print(v)' "$@"
}

# data_stream_sha FILTER: sha256 of the payload of the (one-directional) TCP
# stream holding the first frame that matches FILTER in the current fixture
data_stream_sha() {
  local stream
  stream=$({ tshark -n -r "$CUR_FX" -Y "$1" -T fields -e tcp.stream 2>/dev/null || true; } | head -1)
  [[ -n $stream ]] || die "no TCP stream matches [$1]"
  { tshark -n -r "$CUR_FX" -q -z "follow,tcp,raw,$stream" 2>/dev/null || true; } |
    "$PY" -c 'import sys, hashlib, binascii
lines = sys.stdin.read().split("\n")
body = [l.strip() for l in lines if l and not l.startswith(("=", "Follow:", "Filter:", "Node "))]
print(hashlib.sha256(b"".join(binascii.unhexlify(l) for l in body)).hexdigest())'
}

same_file() { # same_file A B DESC
  [[ $(sha "$1") == "$(sha "$2")" ]] || die "$3: $1 and $2 differ"
}

# -------------------------------------------------------------- scenarios --
# begin ID NAME EXT: per-scenario temp dirs; sets CUR_*.
begin() {
  CUR_ID=$1 CUR_NAME=$2 CUR_EXT=$3 CUR_SRV_ADDR=$SRV4
  CUR_DIR="$T/sc/$CUR_ID"
  rm -rf "$CUR_DIR"
  mkdir -p "$CUR_DIR/srv" "$CUR_DIR/cli"
  chmod 755 "$CUR_DIR" "$CUR_DIR/srv"
  log "=== scenario $CUR_ID -> fixtures/$CUR_NAME.$CUR_EXT"
}

# finish: save the capture (converting to pcapng if asked) and tear down.
finish() {
  stop_servers
  net_down
  local raw="$T/raw/$CUR_NAME.pcap" out="$FIXTURES/$CUR_NAME.$CUR_EXT"
  [[ -s $raw ]] || die "empty capture $raw"
  rm -f "$FIXTURES/$CUR_NAME.pcap" "$FIXTURES/$CUR_NAME.pcapng"
  if [[ $CUR_EXT == pcapng ]]; then
    editcap -F pcapng "$raw" "$out"
  else
    install -m 0644 "$raw" "$out"
  fi
  chmod 0644 "$out"
  CUR_FX=$out
}

# --- verification helpers (on the saved fixture) ---
count() { # count FILTER -> number of matching frames in the current fixture
  { tshark -n -r "$CUR_FX" -Y "$1" 2>/dev/null || true; } | wc -l
}
expect() { # expect FILTER MIN DESC
  local n
  n=$(count "$1")
  ((n >= $2)) || die "$CUR_NAME: expected >= $2 frames matching [$1] ($3), got $n"
  VERIFIED+=("$3: $n")
}
expect_none() { # expect_none FILTER DESC
  local n
  n=$(count "$1")
  ((n == 0)) || die "$CUR_NAME: expected no frames matching [$1] ($2), got $n"
  VERIFIED+=("$2: none")
}
expect_cmds() { # expect_cmds CMD... : each FTP command appears at least once
  local c n missing=()
  for c in "$@"; do
    n=$(count "ftp.request.command == \"$c\"")
    ((n > 0)) || missing+=("$c")
  done
  ((${#missing[@]} == 0)) || die "$CUR_NAME: FTP commands missing from the capture: ${missing[*]}"
  VERIFIED+=("commands: $*")
}
expect_reply() { # expect_reply CODE MIN
  expect "ftp.response.code == $1" "$2" "reply $1"
}
done_scenario() {
  local joined
  joined=$(printf '%s; ' "${VERIFIED[@]}")
  joined=${joined%; }
  RESULTS+=("$CUR_NAME.$CUR_EXT|$joined")
  ok "$CUR_NAME.$CUR_EXT: $joined"
  VERIFIED=()
}
VERIFIED=()

# 1. Textbook active mode: tnftp (PORT) against vsftpd, anonymous.
sc_active() {
  begin active ftp-active-tnftp-vsftpd-ls-get pcap
  local root="$CUR_DIR/srv"
  put readme.txt logo.png "$root/pub"
  chmod 755 "$root/pub"
  net_up v4
  start_vsftpd "$SRV4" anonymous_enable=YES "anon_root=$root" no_anon_password=NO anon_world_readable_only=YES \
    'ftpd_banner=Welcome to the pcapscope test FTP service.'
  cap_start
  cat >"$CUR_DIR/tnftp.cmds" <<'EOF'
epsv4 off
passive off
user anonymous pcapscope@example.org
ls
cd pub
ls
get readme.txt
get logo.png
quit
EOF
  (cd "$CUR_DIR/cli" && cli ftp -n -i -v -A "$SRV4" <"$CUR_DIR/tnftp.cmds") >"$CUR_DIR/tnftp.out" 2>&1 ||
    die "tnftp failed: $(cat "$CUR_DIR/tnftp.out")"
  cap_stop
  finish
  same_file "$root/pub/readme.txt" "$CUR_DIR/cli/readme.txt" "tnftp get readme.txt"
  same_file "$root/pub/logo.png" "$CUR_DIR/cli/logo.png" "tnftp get logo.png"
  truth_add /pub/readme.txt download "$root/pub/readme.txt" command=RETR
  truth_add /pub/logo.png download "$root/pub/logo.png" command=RETR mime=image/png
  truth_write "client=tnftp $V_TNFTP" "server=vsftpd $V_VSFTPD" "mode=active (PORT)" \
    "client_address=$CLI4" "user=anonymous" \
    'description=Classic ftp client in active mode: anonymous login, SYST, two LISTs and two RETRs over PORT data connections from port 20.'
  expect_cmds USER PASS SYST PORT LIST CWD RETR QUIT
  expect_none 'ftp.request.command == "PASV" || ftp.request.command == "EPSV" || ftp.request.command == "EPRT"' "no PASV/EPSV/EPRT"
  expect 'ftp.active.port' 4 "PORT commands parsed"
  expect 'tcp.srcport == 20 && tcp.flags.syn == 1 && tcp.flags.ack == 0' 4 "active data SYNs from port 20"
  expect_reply 220 1
  expect_reply 230 1
  expect_reply 226 4
  done_scenario
}

# 2. Passive PASV download with a local (system) user.
sc_pasv() {
  begin pasv ftp-pasv-curl-vsftpd-localuser pcap
  ensure_user
  local root="$CUR_DIR/srv/home"
  put firmware.bin readme.txt "$root/data"
  chown -R "$FTP_USER" "$root"
  net_up v4
  start_vsftpd "$SRV4" local_enable=YES "local_root=$root" chroot_local_user=YES allow_writeable_chroot=YES \
    'ftpd_banner=pcapscope vsftpd (local users)'
  cap_start
  (cd "$CUR_DIR/cli" && cli "${CURL[@]}" --disable-epsv -u "$FTP_USER:$FTP_PASS" \
    "ftp://$SRV4/data/" -o listing.txt "ftp://$SRV4/data/firmware.bin" -o firmware.bin) ||
    die "curl PASV download failed"
  cap_stop
  finish
  same_file "$root/data/firmware.bin" "$CUR_DIR/cli/firmware.bin" "curl PASV firmware.bin"
  truth_add /data/firmware.bin download "$root/data/firmware.bin" command=RETR type=I
  truth_write "client=curl $V_CURL" "server=vsftpd $V_VSFTPD" "mode=passive (PASV)" \
    "client_address=$CLI4" "user=$FTP_USER" "password=$FTP_PASS" \
    'description=curl --disable-epsv: local-user login, PASV LIST of /data/ then PASV binary RETR of a 200 kB file on the same control connection.'
  expect_cmds USER PASS PWD CWD PASV LIST TYPE RETR QUIT
  expect_none 'ftp.request.command == "EPSV" || ftp.request.command == "PORT"' "no EPSV/PORT"
  expect 'ftp.passive.port' 2 "227 replies parsed"
  expect 'ftp-data' 100 "ftp-data frames"
  done_scenario
}

# 3. IPv6: EPSV (curl default) and EPRT (curl -P -) against pyftpdlib.
sc_ipv6() {
  begin ipv6 ftp-ipv6-epsv-eprt-curl-pyftpdlib pcapng
  CUR_SRV_ADDR=$SRV6
  local root="$CUR_DIR/srv"
  put archive.zip logo.png readme.txt "$root/pub"
  net_up v6
  start_pyftpd --host "$SRV6" --root "$root" --anon --passive-ports 50000-50199 --banner 'pcapscope pyftpdlib over IPv6'
  cap_start
  (cd "$CUR_DIR/cli" &&
    cli "${CURL[@]}" -g "ftp://[$SRV6]/pub/" -o listing-epsv.txt "ftp://[$SRV6]/pub/archive.zip" -o archive.zip &&
    cli "${CURL[@]}" -g -P - "ftp://[$SRV6]/pub/" -o listing-eprt.txt "ftp://[$SRV6]/pub/logo.png" -o logo.png) ||
    die "curl IPv6 transfers failed"
  cap_stop
  finish
  same_file "$root/pub/archive.zip" "$CUR_DIR/cli/archive.zip" "EPSV archive.zip"
  same_file "$root/pub/logo.png" "$CUR_DIR/cli/logo.png" "EPRT logo.png"
  truth_add /pub/archive.zip download "$root/pub/archive.zip" command=RETR data_setup=EPSV mime=application/zip
  truth_add /pub/logo.png download "$root/pub/logo.png" command=RETR data_setup=EPRT mime=image/png
  truth_write "client=curl $V_CURL" "server=pyftpdlib $V_PYFTPDLIB" "mode=extended passive (EPSV) and extended active (EPRT) over IPv6" \
    "client_address=$CLI6" "user=anonymous" \
    'description=Two curl sessions over IPv6: EPSV LIST+RETR archive.zip, then curl -P - with EPRT |2|fd77::2|port| LIST+RETR logo.png.'
  expect_cmds USER PASS EPSV EPRT LIST RETR TYPE
  expect_none 'ip' "no IPv4 frames"
  expect 'ftp.request.command == "EPRT" && ftp.request.arg contains "fd77::2"' 1 "EPRT with IPv6 address"
  expect 'ftp.response.code == 229' 2 "229 EPSV replies"
  # tshark 4.0 links EPSV data connections to FTP (ftp-data) but not IPv6 EPRT ones
  expect 'ipv6 && ftp-data' 3 "IPv6 EPSV ftp-data frames"
  expect 'ipv6 && tcp.len > 0 && !(tcp.port == 21)' 10 "IPv6 data-connection payload frames"
  done_scenario
}

# 4. Uploads: STOR, APPE (curl -T / --append) and STOU (ftplib).
sc_upload() {
  begin upload ftp-upload-stor-appe-stou-pyftpdlib pcap
  local root="$CUR_DIR/srv"
  mkdir -p "$root/incoming"
  local c="$T/content"
  net_up v4
  start_pyftpd --host "$SRV4" --root "$root" --user "$FTP_USER:$FTP_PASS" --passive-ports 50000-50199
  cap_start
  local url="ftp://$SRV4/incoming"
  cli "${CURL[@]}" -u "$FTP_USER:$FTP_PASS" -T "$c/upload.bin" "$url/" || die "curl STOR failed"
  cli "${CURL[@]}" -u "$FTP_USER:$FTP_PASS" -T "$c/journal-part1.txt" "$url/journal.txt" || die "curl STOR journal failed"
  cp "$root/incoming/journal.txt" "$CUR_DIR/journal-after-stor.txt"
  cli "${CURL[@]}" -u "$FTP_USER:$FTP_PASS" --append -T "$c/journal-part2.txt" "$url/journal.txt" || die "curl APPE failed"
  cli "$PY" "$RECORDER/ftpclient.py" stou "$SRV4" --user "$FTP_USER" --password "$FTP_PASS" --cwd /incoming \
    --file "$c/stou-payload.bin" --count 2 >"$CUR_DIR/stou.json" || die "STOU client failed"
  cap_stop
  finish
  same_file "$c/upload.bin" "$root/incoming/upload.bin" "STOR upload.bin"
  same_file "$c/journal-part1.txt" "$CUR_DIR/journal-after-stor.txt" "STOR journal.txt"
  cat "$c/journal-part1.txt" "$c/journal-part2.txt" >"$CUR_DIR/journal-expected.txt"
  same_file "$CUR_DIR/journal-expected.txt" "$root/incoming/journal.txt" "APPE journal.txt"
  local p1size
  p1size=$(stat -c %s "$CUR_DIR/journal-after-stor.txt")
  tail -c +"$((p1size + 1))" "$root/incoming/journal.txt" >"$CUR_DIR/journal-appended-part.txt"
  truth_add /incoming/upload.bin upload "$root/incoming/upload.bin" command=STOR
  truth_add /incoming/journal.txt upload "$CUR_DIR/journal-after-stor.txt" command=STOR 'note=content stored by STOR, before the APPE'
  truth_add /incoming/journal.txt upload "$CUR_DIR/journal-appended-part.txt" command=APPE part=appended "offset=$p1size" \
    'note=the bytes sent by APPE'
  truth_add /incoming/journal.txt upload "$root/incoming/journal.txt" command=APPE part=final 'note=the file as stored after STOR+APPE'
  local name
  for name in $("$PY" -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["stou_names"]))' "$CUR_DIR/stou.json"); do
    [[ -f $root/incoming/$name ]] || die "STOU file $name not on the server"
    [[ $(json_get "$CUR_DIR/stou.json" sent_sha256 "$name") == "$(sha "$root/incoming/$name")" ]] ||
      die "STOU $name: stored file differs from what the client sent"
    truth_add "/incoming/$name" upload "$root/incoming/$name" command=STOU 'note=name chosen by the server (150 FILE: ...)'
  done
  truth_write "client=curl $V_CURL + python3 ftplib $V_PYTHON" "server=pyftpdlib $V_PYFTPDLIB" "mode=EPSV (curl) and PASV (ftplib)" \
    "client_address=$CLI4" "user=$FTP_USER" "password=$FTP_PASS" \
    'description=Uploads: curl STOR upload.bin and journal.txt, curl --append APPE to journal.txt, then two ftplib STOU uploads whose names the server picks.'
  expect_cmds USER PASS STOR APPE STOU EPSV PASV TYPE
  expect 'ftp.request.command == "STOR"' 2 "STOR commands"
  expect 'ftp.request.command == "STOU"' 2 "STOU commands"
  expect 'ftp.response.code == 226' 5 "226 transfer complete"
  done_scenario
}

# 5. Failed logins then success (brute-force pattern).
sc_bruteforce() {
  begin bruteforce ftp-bruteforce-530-then-login-vsftpd pcap
  ensure_user
  local root="$CUR_DIR/srv/home"
  put small.bin "$root"
  chown -R "$FTP_USER" "$root"
  net_up v4
  start_vsftpd "$SRV4" local_enable=YES "local_root=$root" chroot_local_user=YES allow_writeable_chroot=YES max_login_fails=3
  cap_start
  cli "$PY" "$RECORDER/ftpclient.py" brute "$SRV4" --user "$FTP_USER" --password "$FTP_PASS" \
    --wrong 123456 password admin letmein 'qwerty!' --per-conn 3 --retr small.bin >"$CUR_DIR/brute.json" ||
    die "brute-force client failed"
  cap_stop
  finish
  [[ $(json_get "$CUR_DIR/brute.json" retrieved small.bin) == "$(sha "$root/small.bin")" ]] || die "brute: RETR small.bin differs"
  truth_add /small.bin download "$root/small.bin" command=RETR
  truth_write "client=python3 ftplib $V_PYTHON" "server=vsftpd $V_VSFTPD" "mode=passive (PASV)" \
    "client_address=$CLI4" "user=$FTP_USER" "password=$FTP_PASS" \
    'failed_passwords=["123456","password","admin","letmein","qwerty!"]' 'failed_logins=5' \
    'description=Five wrong passwords for one user (530 Login incorrect; vsftpd hangs up after 3), then the right one on the second connection and a RETR.'
  expect 'ftp.response.code == 530' 5 "530 replies"
  expect 'ftp.request.command == "PASS"' 6 "PASS attempts"
  expect 'ftp.response.code == 230' 1 "230 after failures"
  expect 'tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport == 21' 2 "control connections"
  expect_cmds RETR
  done_scenario
}

# 6. Multi-line banner, FEAT, HELP and STAT replies.
sc_banner() {
  begin banner ftp-multiline-banner-feat-help-vsftpd pcap
  local root="$CUR_DIR/srv"
  put readme.txt "$root/pub"
  chmod 755 "$root/pub"
  cat >"$CUR_DIR/banner.txt" <<'EOF'
Welcome to the pcapscope FTP test server.
This banner spans several lines to exercise multi-line 220 replies.
  - indented line with leading spaces
220 this line starts with a reply code but is still part of the banner
Unauthorized access is prohibited; all sessions are recorded.
EOF
  chmod 644 "$CUR_DIR/banner.txt"
  net_up v4
  start_vsftpd "$SRV4" anonymous_enable=YES "anon_root=$root" no_anon_password=NO "banner_file=$CUR_DIR/banner.txt"
  cap_start
  cli "$PY" "$RECORDER/ftpclient.py" feat "$SRV4" >"$CUR_DIR/feat.json" || die "feat client failed"
  cap_stop
  finish
  truth_write "client=python3 ftplib $V_PYTHON" "server=vsftpd $V_VSFTPD" "mode=passive (PASV)" \
    "client_address=$CLI4" "user=anonymous" \
    "banner_lines=$("$PY" -c 'import json,sys; print(json.dumps([l.rstrip("\n") for l in open(sys.argv[1])]))' "$CUR_DIR/banner.txt")" \
    'description=vsftpd banner_file with 5 lines (one starting with "220 "), then FEAT (211-), HELP (214-), STAT (211-) multi-line replies and a LIST.'
  expect_cmds USER PASS SYST FEAT HELP STAT NOOP PWD PASV LIST QUIT
  expect 'ftp.response.code == 211' 2 "211 FEAT/STAT replies"
  expect 'ftp.response.code == 214' 1 "214 HELP reply"
  expect 'ftp.response.code == 220' 1 "220 banner"
  done_scenario
}

# 7. Lossy link. Three namespaces (client -- router -- server): the router
# drops 3 % of forwarded packets in both directions (before the capture point
# for client->server packets: lost segments and out-of-order retransmissions
# in the upload), and the client drops 5 % of what it receives (after the
# capture point: retransmissions and dup ACKs in the download).
sc_lossy() {
  local attempt=${1:-1}
  begin lossy ftp-lossy-pasv-retransmissions-vsftpd pcap
  ensure_user
  local root="$CUR_DIR/srv/home" cli_addr=10.77.1.2
  put capture-300k.bin "$root/pub"
  mkdir -p "$root/incoming"
  chown -R "$FTP_USER" "$root"
  net_up_routed
  start_vsftpd "$SRV4" local_enable=YES "local_root=$root" chroot_local_user=YES allow_writeable_chroot=YES \
    write_enable=YES local_umask=022
  ip netns exec "$NS_CLI" iptables -A INPUT -m statistic --mode random --probability 0.05 -j DROP
  ip netns exec "$NS_RTR" iptables -A FORWARD -m statistic --mode random --probability 0.03 -j DROP
  cap_start
  (cd "$CUR_DIR/cli" &&
    cli "${CURL[@]}" --disable-epsv -u "$FTP_USER:$FTP_PASS" "ftp://$SRV4/pub/capture-300k.bin" -o capture-300k.bin &&
    cli "${CURL[@]}" --disable-epsv -u "$FTP_USER:$FTP_PASS" -T "$T/content/firmware.bin" "ftp://$SRV4/incoming/firmware.bin") ||
    die "curl lossy transfers failed"
  cap_stop
  finish
  same_file "$root/pub/capture-300k.bin" "$CUR_DIR/cli/capture-300k.bin" "lossy download"
  same_file "$T/content/firmware.bin" "$root/incoming/firmware.bin" "lossy upload"
  # the drops are random: in the rare run without a gap in the capture, record again
  if (($(count 'tcp.analysis.lost_segment || tcp.analysis.out_of_order') == 0 && attempt < 3)); then
    warn "no lost/out-of-order segment in this recording; recording again (attempt $((attempt + 1)))"
    sc_lossy $((attempt + 1))
    return
  fi
  truth_add /pub/capture-300k.bin download "$root/pub/capture-300k.bin" command=RETR
  truth_add /incoming/firmware.bin upload "$root/incoming/firmware.bin" command=STOR
  truth_write "client=curl $V_CURL" "server=vsftpd $V_VSFTPD" "mode=passive (PASV)" \
    "client_address=$cli_addr" "router=10.77.0.254 (server side) / 10.77.1.254 (client side)" "user=$FTP_USER" "password=$FTP_PASS" \
    'impairment=iptables statistic DROP: p=0.03 in the router FORWARD chain (both directions, before the capture point for client->server packets) and p=0.05 on the client INPUT chain (after the capture point)' \
    'description=Lossy routed path: PASV download of a 300 kB file (retransmissions, dup ACKs) and PASV upload of 200 kB (lost segments, out-of-order); TCP recovers, so the hashes hold.'
  expect_cmds USER PASS PASV TYPE RETR STOR
  expect 'tcp.analysis.retransmission || tcp.analysis.fast_retransmission' 1 "retransmissions"
  expect 'tcp.analysis.duplicate_ack' 1 "duplicate ACKs"
  expect 'tcp.analysis.lost_segment || tcp.analysis.out_of_order' 1 "lost/out-of-order segments"
  VERIFIED+=("out_of_order: $(count tcp.analysis.out_of_order)" "lost_segment: $(count tcp.analysis.lost_segment)")
  done_scenario
}

# 8. AUTH TLS (explicit FTPS) with a self-signed certificate. lftp, not curl:
# curl 7.88 starts the data-connection TLS handshake before sending LIST/RETR
# and pyftpdlib 1.5.7 drops such connections; curl also sends AUTH SSL first.
sc_tls() {
  begin tls ftps-auth-tls-lftp-pyftpdlib pcapng
  local root="$CUR_DIR/srv" host=ftp.psc.test
  put secret.bin readme.txt "$root/private"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$host/O=pcapscope fixtures" \
    -addext "subjectAltName=DNS:$host,IP:$SRV4" \
    -keyout "$CUR_DIR/key.pem" -out "$CUR_DIR/cert.pem" 2>/dev/null
  # name resolution for the SNI: a hosts file bind-mounted over /etc/hosts in
  # a private mount namespace of the client process only
  printf '127.0.0.1 localhost\n%s %s\n' "$SRV4" "$host" >"$CUR_DIR/hosts"
  net_up v4
  start_pyftpd --host "$SRV4" --root "$root" --user "$FTP_USER:$FTP_PASS" --passive-ports 50000-50199 \
    --tls "$CUR_DIR/cert.pem" "$CUR_DIR/key.pem" --tls-required
  cap_start
  local lftp_cmds="$LFTP_SET set ftp:ssl-allow yes; set ftp:ssl-force yes; set ftp:ssl-auth TLS; set ftp:ssl-protect-data yes; set ftp:ssl-protect-list yes; set ssl:verify-certificate no; open -u $FTP_USER,$FTP_PASS ftp://$host; cls -l private/; get private/secret.bin -o secret.bin"
  # shellcheck disable=SC2016 # $1/$@ are for the inner sh
  (cd "$CUR_DIR/cli" && cli unshare -m sh -c 'mount --bind "$1" /etc/hosts && shift && exec "$@"' sh "$CUR_DIR/hosts" lftp -c "$lftp_cmds") \
    >"$CUR_DIR/lftp.out" 2>&1 || die "lftp FTPS failed: $(cat "$CUR_DIR/lftp.out")"
  cap_stop
  finish
  same_file "$root/private/secret.bin" "$CUR_DIR/cli/secret.bin" "FTPS secret.bin"
  truth_add /private/secret.bin download "$root/private/secret.bin" command=RETR encrypted=true
  truth_write "client=lftp $V_LFTP" "server=pyftpdlib $V_PYFTPDLIB (TLS_FTPHandler, pyOpenSSL $V_PYOPENSSL)" \
    "mode=explicit FTPS (AUTH TLS, PBSZ 0, PROT P), passive" "client_address=$CLI4" "user=$FTP_USER" "password=$FTP_PASS" \
    "sni=$host" "certificate_subject=CN=$host, O=pcapscope fixtures" \
    "description=lftp ftp:ssl-force: FEAT and AUTH TLS in clear, TLS handshake with SNI $host, then login, PBSZ 0, PROT P, LIST and a 150 kB RETR, all encrypted (control and data)."
  expect 'ftp.request.command == "AUTH" && ftp.request.arg == "TLS"' 1 "AUTH TLS in clear"
  expect 'ftp.response.code == 234' 1 "234 AUTH accepted"
  expect 'tls.handshake.type == 1' 1 "TLS ClientHello"
  expect "tls.handshake.extensions_server_name == \"$host\"" 1 "SNI"
  expect 'tls.record.opaque_type == 23 || tls.record.content_type == 23' 4 "TLS application data"
  expect 'tls && !(tcp.port == 21)' 4 "TLS on the data connections"
  expect_none 'ftp.request.command == "USER"' "USER hidden by TLS"
  done_scenario
}

# 9. REST resume of a partial download (curl -C -).
sc_resume() {
  begin resume ftp-rest-resume-curl-vsftpd pcap
  local root="$CUR_DIR/srv" offset=100000
  put resume.bin "$root/pub"
  chmod 755 "$root/pub"
  head -c "$offset" "$T/content/resume.bin" >"$CUR_DIR/cli/resume.bin"
  net_up v4
  start_vsftpd "$SRV4" anonymous_enable=YES "anon_root=$root" no_anon_password=NO
  cap_start
  (cd "$CUR_DIR/cli" && cli "${CURL[@]}" -C - "ftp://$SRV4/pub/resume.bin" -o resume.bin) || die "curl resume failed"
  cap_stop
  finish
  same_file "$root/pub/resume.bin" "$CUR_DIR/cli/resume.bin" "resumed resume.bin"
  truth_add /pub/resume.bin download "$root/pub/resume.bin" command=RETR "rest_offset=$offset" \
    "bytes_on_wire=$(($(stat -c %s "$root/pub/resume.bin") - offset))" 'note=size/sha256 are of the whole file; the capture carries only the bytes after the REST offset'
  truth_write "client=curl $V_CURL" "server=vsftpd $V_VSFTPD" "mode=extended passive (EPSV)" \
    "client_address=$CLI4" "user=anonymous" \
    "description=curl -C - with the first $offset bytes already on disk: SIZE, REST $offset, RETR of the remaining bytes."
  expect_cmds USER PASS EPSV TYPE SIZE REST RETR
  expect "ftp.request.command == \"REST\" && ftp.request.arg == \"$offset\"" 1 "REST $offset"
  expect_reply 350 1
  done_scenario
}

# 10. Segmented download: lftp pget -n 4.
sc_pget() {
  begin pget ftp-pget-segmented-lftp-vsftpd pcap
  local root="$CUR_DIR/srv"
  put dataset.bin "$root/pub"
  chmod 755 "$root/pub"
  net_up v4
  start_vsftpd "$SRV4" anonymous_enable=YES "anon_root=$root" no_anon_password=NO
  # lftp only opens the extra segments if the first one is still running
  shape_server_egress 4mbit
  cap_start
  (cd "$CUR_DIR/cli" && cli lftp -c "$LFTP_SET set ftp:prefer-epsv no; set pget:min-chunk-size 64k; open ftp://$SRV4; pget -n 4 pub/dataset.bin -o dataset.bin") \
    >"$CUR_DIR/lftp.out" 2>&1 || die "lftp pget failed: $(cat "$CUR_DIR/lftp.out")"
  cap_stop
  finish
  same_file "$root/pub/dataset.bin" "$CUR_DIR/cli/dataset.bin" "pget dataset.bin"
  truth_add /pub/dataset.bin download "$root/pub/dataset.bin" command=RETR segments=4 'note=downloaded in 4 ranges (REST offsets) over parallel sessions; hash is of the whole file'
  truth_write "client=lftp $V_LFTP" "server=vsftpd $V_VSFTPD" "mode=passive (PASV), 4 parallel sessions" \
    "client_address=$CLI4" "user=anonymous" \
    'description=lftp pget -n 4 of a 600 kB file (server egress shaped to 4 Mbit/s): four control connections, REST 150000/300000/450000, four concurrent PASV data connections, ABOR when a segment is complete.'
  expect_cmds USER PASS PASV REST RETR
  expect 'ftp.request.command == "REST" && ftp.request.arg != "0"' 3 "REST at nonzero offsets"
  expect 'tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport == 21' 4 "control connections"
  VERIFIED+=("ABOR: $(count 'ftp.request.command == "ABOR"')")
  done_scenario
}

# 11. Directory mirror with MLSD (lftp mirror against pyftpdlib).
sc_mirror() {
  begin mirror ftp-mlsd-mirror-lftp-pyftpdlib pcap
  local root="$CUR_DIR/srv"
  put notes.md readme.txt report.csv "$root/tree/docs"
  put logo.png archive.zip "$root/tree/media"
  net_up v4
  start_pyftpd --host "$SRV4" --root "$root" --anon --passive-ports 50000-50199
  cap_start
  (cd "$CUR_DIR/cli" && cli lftp -c "$LFTP_SET set mirror:parallel-transfer-count 1; open ftp://$SRV4; mirror --no-perms /tree tree") \
    >"$CUR_DIR/lftp.out" 2>&1 || die "lftp mirror failed: $(cat "$CUR_DIR/lftp.out")"
  cap_stop
  finish
  local f
  for f in docs/notes.md docs/readme.txt docs/report.csv media/logo.png media/archive.zip; do
    same_file "$root/tree/$f" "$CUR_DIR/cli/tree/$f" "mirror $f"
    truth_add "/tree/$f" download "$root/tree/$f" command=RETR
  done
  truth_write "client=lftp $V_LFTP" "server=pyftpdlib $V_PYFTPDLIB" "mode=passive (PASV)" \
    "client_address=$CLI4" "user=anonymous" \
    'description=lftp mirror of /tree (docs/ with 3 text files, media/ with a PNG and a ZIP): FEAT, MLSD listings of each directory, then RETRs.'
  expect_cmds USER PASS FEAT MLSD RETR
  expect 'ftp.request.command == "MLSD"' 3 "MLSD per directory"
  expect 'ftp.request.command == "RETR"' 5 "RETR per file"
  done_scenario
}

# 12. Commands between PASV and RETR: PASV, TYPE I, SIZE, MDTM, REST 0, RETR.
sc_pasvcmds() {
  begin pasvcmds ftp-pasv-type-size-rest-ftplib-vsftpd pcap
  local root="$CUR_DIR/srv"
  put logo.png archive.zip "$root/pub"
  chmod 755 "$root/pub"
  net_up v4
  start_vsftpd "$SRV4" anonymous_enable=YES "anon_root=$root" no_anon_password=NO
  cap_start
  cli "$PY" "$RECORDER/ftpclient.py" pasvcmds "$SRV4" --retr pub/logo.png pub/archive.zip >"$CUR_DIR/pasvcmds.json" ||
    die "pasvcmds client failed"
  cap_stop
  finish
  local f
  for f in logo.png archive.zip; do
    [[ $(json_get "$CUR_DIR/pasvcmds.json" retrieved "pub/$f" sha256) == "$(sha "$root/pub/$f")" ]] ||
      die "pasvcmds: client hash of $f differs"
  done
  truth_add /pub/logo.png download "$root/pub/logo.png" command=RETR mime=image/png
  truth_add /pub/archive.zip download "$root/pub/archive.zip" command=RETR mime=application/zip
  truth_write "client=python3 ftplib $V_PYTHON" "server=vsftpd $V_VSFTPD" "mode=passive (PASV)" \
    "client_address=$CLI4" "user=anonymous" \
    'description=For each of two files: PASV, then TYPE I, SIZE, MDTM and REST 0 on the control connection before the data connection opens and RETR is sent.'
  expect_cmds PASV TYPE SIZE MDTM REST RETR
  expect 'ftp.request.command == "PASV"' 2 "PASV"
  expect 'ftp.response.code == 213' 4 "213 SIZE/MDTM replies"
  done_scenario
}

# 13. ASCII mode (TYPE A): LF on disk, CRLF on the wire. curl -B converts
# CRLF->LF when downloading and LF->CRLF when uploading; vsftpd (with the
# ascii_*_enable options) converts the other way.
sc_ascii() {
  begin ascii ftp-ascii-type-a-curl-vsftpd pcap
  ensure_user
  local root="$CUR_DIR/srv/home"
  put poem.txt "$root/text"
  mkdir -p "$root/upload"
  chown -R "$FTP_USER" "$root"
  net_up v4
  start_vsftpd "$SRV4" local_enable=YES "local_root=$root" chroot_local_user=YES allow_writeable_chroot=YES \
    write_enable=YES local_umask=022 ascii_download_enable=YES ascii_upload_enable=YES
  cap_start
  (cd "$CUR_DIR/cli" &&
    cli "${CURL[@]}" --disable-epsv -B -u "$FTP_USER:$FTP_PASS" "ftp://$SRV4/text/poem.txt" -o poem.txt &&
    cli "${CURL[@]}" --disable-epsv -B -u "$FTP_USER:$FTP_PASS" -T "$T/content/ascii-upload.txt" "ftp://$SRV4/upload/ascii-upload.txt") ||
    die "curl ASCII transfers failed"
  cap_stop
  finish
  same_file "$root/text/poem.txt" "$CUR_DIR/cli/poem.txt" "ASCII download (curl converts back to LF)"
  same_file "$T/content/ascii-upload.txt" "$root/upload/ascii-upload.txt" "ASCII upload stored with LF"
  sed 's/$/\r/' "$root/text/poem.txt" >"$CUR_DIR/poem-crlf.txt"
  sed 's/$/\r/' "$T/content/ascii-upload.txt" >"$CUR_DIR/upload-crlf.txt"
  # the bytes in the data connections must be the CRLF versions
  local s_down s_up
  # vsftpd's passive ports are 40000-40199: payload from such a port is the
  # download, payload to one is the upload
  s_down=$(data_stream_sha 'ftp-data && tcp.len > 0 && tcp.srcport >= 40000 && tcp.srcport <= 40199')
  s_up=$(data_stream_sha 'ftp-data && tcp.len > 0 && tcp.dstport >= 40000 && tcp.dstport <= 40199')
  [[ $s_down == "$(sha "$CUR_DIR/poem-crlf.txt")" ]] || die "ASCII download: wire bytes are not the CRLF file"
  [[ $s_up == "$(sha "$CUR_DIR/upload-crlf.txt")" ]] || die "ASCII upload: wire bytes are not the CRLF file"
  VERIFIED+=("wire bytes are CRLF in both directions")
  truth_add /text/poem.txt download "$root/text/poem.txt" command=RETR type=A \
    "wire_size=$(stat -c %s "$CUR_DIR/poem-crlf.txt")" "wire_sha256=$(sha "$CUR_DIR/poem-crlf.txt")" \
    'note=size/sha256 are of the LF file on the server; wire_* of the CRLF bytes in the data connection'
  truth_add /upload/ascii-upload.txt upload "$root/upload/ascii-upload.txt" command=STOR type=A \
    "wire_size=$(stat -c %s "$CUR_DIR/upload-crlf.txt")" "wire_sha256=$(sha "$CUR_DIR/upload-crlf.txt")" \
    'note=size/sha256 are of the LF file the server stored; wire_* of the CRLF bytes the client sent'
  truth_write "client=curl $V_CURL" "server=vsftpd $V_VSFTPD (ascii_download_enable, ascii_upload_enable)" "mode=passive (PASV), TYPE A" \
    "client_address=$CLI4" "user=$FTP_USER" "password=$FTP_PASS" \
    'description=curl -B: TYPE A download of a 120-line LF text file (CRLF on the wire) and TYPE A upload of a 30-line LF file (CRLF on the wire, stored with LF).'
  expect_cmds TYPE PASV RETR STOR
  expect 'ftp.request.command == "TYPE" && ftp.request.arg == "A"' 2 "TYPE A"
  expect_none 'ftp.request.command == "TYPE" && ftp.request.arg == "I"' "no TYPE I"
  done_scenario
}

# 14. Parallel sessions from two client addresses.
sc_parallel() {
  begin parallel ftp-parallel-sessions-vsftpd pcapng
  ensure_user
  local root="$CUR_DIR/srv/home" c="$T/content"
  put blob-a.bin blob-b.bin blob-c.bin blob-d.bin "$root/pub"
  mkdir -p "$root/incoming"
  chown -R "$FTP_USER" "$root"
  net_up v4 "$CLI4B"
  start_vsftpd "$SRV4" local_enable=YES "local_root=$root" chroot_local_user=YES allow_writeable_chroot=YES \
    write_enable=YES local_umask=022 max_clients=20 max_per_ip=10
  shape_server_egress 8mbit # so the six sessions overlap
  cap_start
  local u="$FTP_USER:$FTP_PASS" url="ftp://$SRV4" pids=() p fail=0
  cd "$CUR_DIR/cli"
  cli "${CURL[@]}" -u "$u" "$url/pub/blob-a.bin" -o blob-a.bin &
  pids+=($!)
  cli "${CURL[@]}" --disable-epsv -u "$u" --interface "$CLI4B" "$url/pub/blob-b.bin" -o blob-b.bin &
  pids+=($!)
  cli lftp -c "$LFTP_SET open -u $FTP_USER,$FTP_PASS $url; get pub/blob-c.bin -o blob-c.bin" >"$CUR_DIR/lftp.out" 2>&1 &
  pids+=($!)
  cli "${CURL[@]}" -u "$u" --interface "$CLI4B" "$url/pub/blob-d.bin" -o blob-d.bin &
  pids+=($!)
  cli "${CURL[@]}" -u "$u" -T "$c/upload-2.bin" "$url/incoming/upload-2.bin" &
  pids+=($!)
  cli "${CURL[@]}" --disable-epsv -u "$u" --interface "$CLI4B" -T "$c/upload-3.bin" "$url/incoming/upload-3.bin" &
  pids+=($!)
  for p in "${pids[@]}"; do wait "$p" || fail=1; done
  cd "$REPO"
  ((fail == 0)) || die "a parallel client failed"
  cap_stop
  finish
  local f
  for f in blob-a blob-b blob-c blob-d; do
    same_file "$root/pub/$f.bin" "$CUR_DIR/cli/$f.bin" "parallel $f"
  done
  same_file "$c/upload-2.bin" "$root/incoming/upload-2.bin" "parallel upload-2"
  same_file "$c/upload-3.bin" "$root/incoming/upload-3.bin" "parallel upload-3"
  truth_add /pub/blob-a.bin download "$root/pub/blob-a.bin" command=RETR "client_address=$CLI4" client=curl data_setup=EPSV
  truth_add /pub/blob-b.bin download "$root/pub/blob-b.bin" command=RETR "client_address=$CLI4B" client=curl data_setup=PASV
  truth_add /pub/blob-c.bin download "$root/pub/blob-c.bin" command=RETR "client_address=$CLI4" client=lftp
  truth_add /pub/blob-d.bin download "$root/pub/blob-d.bin" command=RETR "client_address=$CLI4B" client=curl data_setup=EPSV
  truth_add /incoming/upload-2.bin upload "$root/incoming/upload-2.bin" command=STOR "client_address=$CLI4" client=curl data_setup=EPSV
  truth_add /incoming/upload-3.bin upload "$root/incoming/upload-3.bin" command=STOR "client_address=$CLI4B" client=curl data_setup=PASV
  truth_write "client=curl $V_CURL and lftp $V_LFTP" "server=vsftpd $V_VSFTPD" "mode=mixed EPSV/PASV, 6 concurrent sessions" \
    "client_address=[\"$CLI4\",\"$CLI4B\"]" "user=$FTP_USER" "password=$FTP_PASS" \
    'description=Six concurrent sessions from 10.77.0.2 and 10.77.0.3: four downloads (curl EPSV, curl PASV, lftp, curl EPSV) and two uploads (curl EPSV, curl PASV), interleaved.'
  expect_cmds USER PASS RETR STOR EPSV PASV
  expect 'tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport == 21' 6 "control connections"
  expect 'ip.src == 10.77.0.3' 10 "second client address"
  done_scenario
}

# 15. Hostile names: a banner and file/user names full of markup.
sc_hostile() {
  begin hostile ftp-hostile-names-banner-pyftpdlib pcap
  local root="$CUR_DIR/srv"
  mkdir -p "$root/drop"
  cat >"$CUR_DIR/banner.txt" <<'EOF'
Welcome to <img src=x onerror=alert(1)> FTP
%%{init: {"theme":"dark", "securityLevel":"loose"}}%%
sequenceDiagram; Alice->>Bob: <script>alert('banner')</script>
end --> #; "double" 'single' `backtick` &amp; &lt;b&gt; ${7*7} {{7*7}}
click A call callback("javascript:alert(1)") ünïcødé ✓
Ready <b onmouseover=alert(2)>.</b>
EOF
  net_up v4
  start_pyftpd --host "$SRV4" --root "$root" --user "$FTP_USER:$FTP_PASS" --passive-ports 50000-50199 \
    --banner-file "$CUR_DIR/banner.txt" --auth-delay 0.2
  cap_start
  # A spreadsheet formula (CSV export), a path that climbs out of the
  # directory (pyftpdlib resolves it inside its root: /x.txt) and one with
  # Windows separators (a single odd name on the server).
  local names=('<img src=x onerror=alert(1)>.txt' '%%{init: {"theme":"dark"}}%%.bin' "semi;colon --> #hash \"dq\" 'sq'.txt"
    "=SUM(1+1)*cmd|'calc'!A0.csv" '../../x.txt' '..\..\evil.txt')
  local dirs=('<b onmouseover=alert(3)>dir' 'A-->B; click B "javascript:alert(4)"')
  local users=('<img src=x onerror=alert(1)>' '%%{init: {"theme":"dark"}}%%' "admin\";--> #'" "@SUM(1+1)*cmd|'calc'!A0")
  cli "$PY" "$RECORDER/ftpclient.py" hostile "$SRV4" --user "$FTP_USER" --password "$FTP_PASS" \
    --bad-user "${users[@]}" \
    --raw 'CWD /drop' 'SITE <script>alert(1)</script>' 'XSS<svg onload=alert(1)>' 'NOOP %%{init: {"theme":"dark"}}%%' \
    --mkd "${dirs[@]}" --stor "${names[@]}" --file "$T/content/hostile.bin" \
    --rename-to 'graph TD; A-->B[<img src=x onerror=alert(5)>].txt' >"$CUR_DIR/hostile.json" ||
    die "hostile client failed"
  cap_stop
  finish
  local n renamed='graph TD; A-->B[<img src=x onerror=alert(5)>].txt'
  # The server's path of a name sent from /drop (.. resolved, never above its root).
  srv_path() { "$PY" -c 'import posixpath, sys; print(posixpath.normpath("/drop/" + sys.argv[1]))' "$1"; }
  for n in "${names[@]}"; do
    local stored="$root$(srv_path "$n")"
    [[ $n == "${names[0]}" ]] && stored="$root/drop/$renamed"
    [[ $(json_get "$CUR_DIR/hostile.json" sent_sha256 "$n") == "$(sha "$stored")" ]] || die "hostile STOR $n: stored file differs"
    [[ $(json_get "$CUR_DIR/hostile.json" retrieved "$n") == "$(sha "$stored")" ]] || die "hostile RETR $n: retrieved file differs"
  done
  for n in "${names[@]:1}"; do
    local p
    p=$(srv_path "$n")
    truth_add "$p" upload "$root$p" command=STOR
    truth_add "$p" download "$root$p" command=RETR
  done
  truth_add "/drop/${names[0]}" upload "$root/drop/$renamed" command=STOR "renamed_to=/drop/$renamed"
  truth_add "/drop/${names[0]}" download "$root/drop/$renamed" command=RETR 'note=RETR happened before RNFR/RNTO'
  for n in "${dirs[@]}"; do [[ -d $root/drop/$n ]] || die "hostile MKD $n missing"; done
  truth_write "client=python3 ftplib $V_PYTHON" "server=pyftpdlib $V_PYFTPDLIB" "mode=passive (PASV)" \
    "client_address=$CLI4" "user=$FTP_USER" "password=$FTP_PASS" \
    "banner_lines=$("$PY" -c 'import json,sys; print(json.dumps([l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")], ensure_ascii=False))' "$CUR_DIR/banner.txt")" \
    "hostile_file_names=$("$PY" -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "${names[@]}")" \
    "hostile_dir_names=$("$PY" -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "${dirs[@]}")" \
    "hostile_user_names=$("$PY" -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "${users[@]}")" \
    'description=Markup/diagram-injection strings everywhere: a 6-line 220 banner, four USER names that fail (530), MKD/CWD/STOR/RETR/RNFR/RNTO of hostile names (a spreadsheet formula, ../ and ..\ paths among them), unknown commands with markup.'
  expect 'ftp.response.code == 530' 4 "530 for hostile user names"
  expect 'ftp.request.arg contains "<img src=x onerror=alert(1)>"' 3 "hostile args on the wire"
  expect 'ftp.request.arg contains "%%{init"' 2 "mermaid init args on the wire"
  expect 'ftp.request.arg == "../../x.txt"' 2 "path traversal on the wire"
  expect 'ftp.request.arg matches "^[=@]"' 3 "spreadsheet formulas on the wire"
  expect_cmds USER PASS MKD CWD STOR RETR RNFR RNTO LIST NLST SITE
  expect 'ftp.response.code == 220' 1 "220 banner"
  done_scenario
}

# ------------------------------------------------------------- bench mode --
# `--bench`: the inputs of `npm run bench` (scripts/bench-browser.ts), recorded
# into BENCH_DIR (bench-data/ or $PCAPSCOPE_BENCH_DIR; gitignored, never
# committed) with the same namespaces, servers and clients as the fixtures.
# Each capture NAME.pcap gets NAME.json: what was recorded (sessions,
# transfers per data mode, bytes, packets, FTP commands on the wire, tcpdump's
# counters, loss setting, tool versions). Existing captures are kept unless
# --force. Sizes can be changed through the BENCH_* variables below.
BENCH_DIR=""
BENCH_FORCE=0
BENCH_SCENARIOS=(ftp-mix small-packets bruteforce ftp-1g)
BENCH_MIX_PAYLOAD=${BENCH_MIX_PAYLOAD:-92000000}   # ~100 MB capture
BENCH_1G_PAYLOAD=${BENCH_1G_PAYLOAD:-960000000}    # ~1.05 GB capture
BENCH_SMALL_SESSIONS=${BENCH_SMALL_SESSIONS:-36}
BENCH_SMALL_COMMANDS=${BENCH_SMALL_COMMANDS:-14000} # ~1M packets
BENCH_BRUTE_SESSIONS=${BENCH_BRUTE_SESSIONS:-714}
# The server's and the client's egress are paced at this rate (tbf; 0: not
# paced) and tcpdump gets a ring of BENCH_CAPTURE_BUFFER KiB: at veth speed
# two cores shared by clients, servers, router and tcpdump drop packets in
# the capture (seen: 40k of 800k unpaced on the 1 GB input).
BENCH_RATE=${BENCH_RATE:-400mbit}
BENCH_CAPTURE_BUFFER=${BENCH_CAPTURE_BUFFER:-1048576}

bench_file() { # scenario id -> capture file name (without extension)
  case $1 in
    ftp-mix) echo bench-ftp-mix ;;
    ftp-1g) echo bench-ftp-1g ;;
    small-packets) echo bench-small-packets ;;
    bruteforce) echo bench-ftp-bruteforce ;;
    *) return 1 ;;
  esac
}

# net_up_bench LOSS: psc-cli (10.77.1.2, fd77:1::2) -- psc-rtr -- psc-srv
# (10.77.0.1, fd77::1), IPv4 and IPv6 routed. With LOSS > 0 the router drops
# that fraction of forwarded packets in both directions: client->server
# segments are lost before the capture point on the server's veth (gaps, then
# out-of-order retransmissions in the capture), server->client ones after it
# (retransmissions, duplicate ACKs). Both endpoints' egress is paced at
# BENCH_RATE.
net_up_bench() {
  local loss=$1 ns
  net_down
  for ns in "$NS_SRV" "$NS_RTR" "$NS_CLI"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.default.router_solicitations=0 \
      net.ipv6.conf.all.accept_dad=0
  done
  ip netns exec "$NS_RTR" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
  ip link add "$IF_SRV" netns "$NS_SRV" address "$MAC_SRV" type veth peer name psc-r0 netns "$NS_RTR" address 02:77:00:00:00:fe
  ip link add "$IF_CLI" netns "$NS_CLI" address "$MAC_CLI" type veth peer name psc-r1 netns "$NS_RTR" address 02:77:00:00:01:fe
  for ns in "$NS_SRV:$IF_SRV" "$NS_RTR:psc-r0" "$NS_RTR:psc-r1" "$NS_CLI:$IF_CLI"; do
    ip netns exec "${ns%%:*}" ethtool -K "${ns#*:}" tso off gso off gro off tx off rx off >/dev/null 2>&1 ||
      warn "ethtool could not turn every offload off on ${ns#*:}"
  done
  ip -n "$NS_SRV" addr add "$SRV4/24" dev "$IF_SRV"
  ip -n "$NS_SRV" addr add "$SRV6/64" dev "$IF_SRV" nodad
  ip -n "$NS_RTR" addr add 10.77.0.254/24 dev psc-r0
  ip -n "$NS_RTR" addr add fd77::fe/64 dev psc-r0 nodad
  ip -n "$NS_RTR" addr add 10.77.1.254/24 dev psc-r1
  ip -n "$NS_RTR" addr add fd77:1::fe/64 dev psc-r1 nodad
  ip -n "$NS_CLI" addr add 10.77.1.2/24 dev "$IF_CLI"
  ip -n "$NS_CLI" addr add fd77:1::2/64 dev "$IF_CLI" nodad
  for ns in "$NS_SRV:$IF_SRV" "$NS_RTR:psc-r0" "$NS_RTR:psc-r1" "$NS_CLI:$IF_CLI"; do
    ip -n "${ns%%:*}" link set "${ns#*:}" up
  done
  ip -n "$NS_SRV" route add default via 10.77.0.254
  ip -n "$NS_SRV" -6 route add default via fd77::fe
  ip -n "$NS_CLI" route add default via 10.77.1.254
  ip -n "$NS_CLI" -6 route add default via fd77:1::fe
  if [[ $BENCH_RATE != 0 ]]; then
    for ns in "$NS_SRV:$IF_SRV" "$NS_CLI:$IF_CLI"; do
      ip netns exec "${ns%%:*}" tc qdisc add dev "${ns#*:}" root tbf rate "$BENCH_RATE" burst 256kb latency 100ms
    done
  fi
  if [[ $loss != 0 ]]; then
    ip netns exec "$NS_RTR" iptables -A FORWARD -m statistic --mode random --probability "$loss" -j DROP
    ip netns exec "$NS_RTR" ip6tables -A FORWARD -m statistic --mode random --probability "$loss" -j DROP
  fi
  # let link-up chatter (MLD reports) pass before the capture starts
  sleep 3
}

# bench_start_vsftpd6 ROOT [extra config lines...]: a second vsftpd, IPv6
# only, on $SRV6 (vsftpd listens on one family per process). Serves the IPv6
# sessions of the bench inputs: pyftpdlib 1.5.7 loses a passive data
# connection now and then under load (RETR arriving before the accept: "150
# About to open data connection", then nothing is sent on it).
bench_start_vsftpd6() {
  local root=$1
  shift
  local conf="$T/etc/vsftpd6-$CUR_NAME.conf"
  sed -e "s|@LISTEN_ADDRESS@|$SRV4|g" -e "s|@LOG_FILE@|$T/log/vsftpd6-$CUR_NAME.log|g" "$RECORDER/vsftpd.conf.in" >"$conf"
  printf '%s\n' listen=NO listen_ipv6=YES "listen_address6=$SRV6" local_enable=YES "local_root=$root" chroot_local_user=YES \
    allow_writeable_chroot=YES "$@" >>"$conf"
  chmod 600 "$conf"
  ip netns exec "$NS_SRV" vsftpd "$conf" 0>>"$T/log/vsftpd6-$CUR_NAME.stderr" >>"$T/log/vsftpd6-$CUR_NAME.stderr" 2>&1 &
  SERVER_PIDS+=($!)
  for _ in $(seq 100); do
    ip netns exec "$NS_SRV" ss -Hltn "src [$SRV6]:21" | grep -q . && { log "vsftpd $V_VSFTPD listening on [$SRV6]:21"; return 0; }
    sleep 0.1
  done
  die "vsftpd (IPv6) does not listen on [$SRV6]:21: $(cat "$T/log/vsftpd6-$CUR_NAME.stderr")"
}

# bench_cap_start: cap_start with a BENCH_CAPTURE_BUFFER KiB kernel buffer and
# buffered writes (a gigabyte at veth speed); bench_cap_stop refuses any drop.
bench_cap_start() { cap_start -B "$BENCH_CAPTURE_BUFFER"; }

bench_cap_stop() {
  cap_stop
  local tlog="$T/log/$CUR_NAME.tcpdump.log" n
  grep -q 'packets dropped by kernel' "$tlog" || die "tcpdump printed no statistics: $(cat "$tlog")"
  for n in $(sed -nE 's/^([0-9]+) packets dropped by (kernel|interface)$/\1/p' "$tlog"); do
    ((n == 0)) || die "tcpdump dropped packets ($(grep dropped "$tlog" | tr '\n' ' ')); record again"
  done
}

bench_begin() { # bench_begin ID: per-scenario temp dirs; sets CUR_*
  CUR_ID=$1 CUR_NAME=$(bench_file "$1") CUR_EXT=pcap CUR_SRV_ADDR=$SRV4
  CUR_DIR="$T/sc/$CUR_ID"
  rm -rf "$CUR_DIR"
  mkdir -p "$CUR_DIR/srv" "$CUR_DIR/cli"
  chmod 755 "$CUR_DIR" "$CUR_DIR/srv"
  BENCH_T0=$(date +%s)
  log "=== bench $CUR_ID -> $BENCH_DIR/$CUR_NAME.pcap"
}

# bench_finish CLIENT_RESULTS.json DESCRIPTION k=v...: the capture into
# BENCH_DIR, its FTP commands counted on the control connections only (a
# BPF pre-filter keeps tshark off the data), and NAME.json beside it.
bench_finish() {
  local results=$1 desc=$2
  shift 2
  stop_servers
  net_down
  local raw="$T/raw/$CUR_NAME.pcap" out="$BENCH_DIR/$CUR_NAME.pcap" ctl="$T/raw/$CUR_NAME.control.pcap"
  [[ -s $raw ]] || die "empty capture $raw"
  tcpdump -r "$raw" -w "$ctl" 'tcp port 21' 2>/dev/null
  tshark -n -r "$ctl" -Y ftp.request.command -T fields -e ftp.request.command 2>/dev/null | sort | uniq -c >"$T/log/$CUR_NAME.commands"
  tshark -n -r "$ctl" -Y ftp.response.code -T fields -e ftp.response.code 2>/dev/null | sort | uniq -c >"$T/log/$CUR_NAME.replies"
  local sessions
  sessions=$(tshark -n -r "$ctl" -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport == 21' 2>/dev/null | wc -l)
  install -m 0644 "$raw" "$out.part"
  mv -f "$out.part" "$out"
  "$PY" - "$out" "$results" "$T/log/$CUR_NAME.commands" "$T/log/$CUR_NAME.replies" "$T/log/$CUR_NAME.tcpdump.log" \
    "$sessions" "$(($(date +%s) - BENCH_T0))" "$desc" "$@" <<'PY'
import json, os, subprocess, sys
out, results, commands, replies, tlog, sessions, seconds, desc, *sets = sys.argv[1:]
def counts(path):
    d = {}
    for line in open(path, encoding="utf-8"):
        n, _, k = line.strip().partition(" ")
        if k:
            d[k] = int(n)
    return d
info = subprocess.run(["capinfos", "-M", "-T", "-c", "-d", "-u", out], capture_output=True, text=True).stdout.strip().split("\n")
row = dict(zip(info[0].split("\t"), info[1].split("\t")))
summary = {
    "capture": os.path.basename(out),
    "description": desc,
    "bytes": os.path.getsize(out),
    "packets": int(row.get("Number of packets", 0)),
    "capture_duration_s": float(row.get("Capture duration (seconds)", 0) or 0),
    "control_connections": int(sessions),
    "ftp_commands": counts(commands),
    "ftp_replies": counts(replies),
    "tcpdump": [l.strip() for l in open(tlog, encoding="utf-8") if "packets" in l],
    "recording_seconds": int(seconds),
}
if results != "-":
    r = json.load(open(results, encoding="utf-8"))
    per = {}
    for s in r["results"]:
        k = "IPv%d %s %s" % (s["family"], s["mode"], s["tool"])
        per[k] = per.get(k, 0) + 1
    summary["client_sessions"] = r["sessions"]
    summary["client_sessions_by_mode_and_tool"] = dict(sorted(per.items()))
for kv in sets:
    k, _, v = kv.partition("=")
    try:
        summary[k] = json.loads(v)
    except ValueError:
        summary[k] = v
json.dump(summary, open(out[: -len(".pcap")] + ".json", "w", encoding="utf-8"), indent=1)
print(json.dumps({k: summary[k] for k in ("bytes", "packets", "control_connections")}))
PY
  ok "$CUR_NAME.pcap: $(stat -c %s "$out") bytes, $(pkt_count "$out") packets, $sessions control connections; commands: $(awk '{printf "%s %s, ", $2, $1}' "$T/log/$CUR_NAME.commands")"
  rm -f "$raw" "$ctl"
  rm -rf "$CUR_DIR"
}

# bench_need N CMD...: after bench_finish, unless the control connections saw
# each CMD at least N times the capture is removed again and the run fails.
bench_need() {
  local n=$1 c got
  shift
  for c in "$@"; do
    got=$(awk -v c="$c" '$2 == c {print $1}' "$T/log/$CUR_NAME.commands")
    if ((${got:-0} < n)); then
      rm -f "$BENCH_DIR/$CUR_NAME.pcap" "$BENCH_DIR/$CUR_NAME.json"
      die "$CUR_NAME: expected >= $n $c commands, saw ${got:-0}"
    fi
  done
}

# bench_transfers ID PAYLOAD BIG BIG_MIN BIG_MAX SMALL_MAX PER_JOB CONCURRENCY LOSS
bench_transfers() {
  local id=$1 payload=$2 big=$3 big_min=$4 big_max=$5 small_max=$6 per_job=$7 conc=$8 loss=$9
  bench_begin "$id"
  ensure_user
  local root4="$CUR_DIR/srv/home" root6="$CUR_DIR/srv/v6"
  mkdir -p "$root4/pub" "$root4/incoming" "$root6/pub" "$root6/incoming"
  log "generating content: ~$((payload / 1000000)) MB"
  "$PY" "$RECORDER/benchplan.py" transfers "$CUR_DIR/plan.json" --root4 "$root4" --root6 "$root6" --up "$CUR_DIR/up" \
    --payload "$payload" --big "$big" --big-min "$big_min" --big-max "$big_max" --small-max "$small_max" \
    --per-job "$per_job" --concurrency "$conc" --seed "$id" >"$CUR_DIR/plan.summary" || die "benchplan failed"
  log "plan: $(cat "$CUR_DIR/plan.summary")"
  chown -R "$FTP_USER" "$root4" "$root6"
  chmod -R a+rX "$CUR_DIR/up"
  net_up_bench "$loss"
  start_vsftpd "$SRV4" local_enable=YES "local_root=$root4" chroot_local_user=YES allow_writeable_chroot=YES \
    write_enable=YES local_umask=022 max_clients=500 max_per_ip=200 pasv_min_port=40000 pasv_max_port=44999
  bench_start_vsftpd6 "$root6" write_enable=YES local_umask=022 max_clients=500 max_per_ip=200 pasv_min_port=50000 pasv_max_port=54999
  bench_cap_start
  ip netns exec "$NS_CLI" "$PY" "$RECORDER/benchclients.py" run "$CUR_DIR/plan.json" --user "$FTP_USER" --password "$FTP_PASS" \
    --host4 "$SRV4" --host6 "$SRV6" --dl "$CUR_DIR/cli" --out "$CUR_DIR/results.json" --timeout 300 ||
    die "bench clients failed (see above)"
  bench_cap_stop
  "$PY" "$RECORDER/benchclients.py" verify "$CUR_DIR/plan.json" --root4 "$root4" --root6 "$root6" || die "uploads differ"
  local plan_summary
  plan_summary=$(cat "$CUR_DIR/plan.summary")
  bench_finish "$CUR_DIR/results.json" \
    "Concurrent FTP sessions ($conc at a time) over a routed path with ${loss} random loss per hop direction: curl, lftp and python ftplib against vsftpd (IPv4: PASV, EPSV, PORT, EPRT; IPv6: EPSV, EPRT); random files, $big of them tens of MB; downloads and uploads checked by SHA-256." \
    "plan=$plan_summary" "loss=$loss" "client_addresses=[\"10.77.1.2\",\"fd77:1::2\"]" "server_addresses=[\"$SRV4\",\"$SRV6\"]" \
    "versions={\"vsftpd\":\"$V_VSFTPD\",\"curl\":\"$V_CURL\",\"lftp\":\"$V_LFTP\",\"python\":\"$V_PYTHON\",\"tcpdump\":\"$V_TCPDUMP\",\"kernel\":\"$V_KERNEL\"}"
  bench_need 20 PASV EPSV PORT EPRT RETR STOR
}

bench_sc_ftp_mix() { bench_transfers ftp-mix "$BENCH_MIX_PAYLOAD" 3 10000000 25000000 400000 6 16 0.002; }
bench_sc_ftp_1g() { bench_transfers ftp-1g "$BENCH_1G_PAYLOAD" 14 30000000 60000000 2000000 8 24 0.0005; }

# Many small packets: long ftplib sessions of small commands against vsftpd
# (IPv4 and IPv6) with a tiny listing or download every 40
# commands in each data mode; no loss.
bench_sc_small_packets() {
  bench_begin small-packets
  ensure_user
  local root4="$CUR_DIR/srv/home" root6="$CUR_DIR/srv/v6"
  mkdir -p "$root4/pub" "$root6/pub"
  "$PY" "$RECORDER/benchplan.py" chatter "$CUR_DIR/plan.json" --root4 "$root4" --root6 "$root6" \
    --sessions "$BENCH_SMALL_SESSIONS" --commands "$BENCH_SMALL_COMMANDS" --data-every 40 --concurrency "$BENCH_SMALL_SESSIONS" \
    --seed small >"$CUR_DIR/plan.summary" || die "benchplan failed"
  chown -R "$FTP_USER" "$root4" "$root6"
  net_up_bench 0
  start_vsftpd "$SRV4" local_enable=YES "local_root=$root4" chroot_local_user=YES allow_writeable_chroot=YES \
    max_clients=500 max_per_ip=200 pasv_min_port=40000 pasv_max_port=44999
  bench_start_vsftpd6 "$root6" max_clients=500 max_per_ip=200 pasv_min_port=50000 pasv_max_port=54999
  bench_cap_start
  ip netns exec "$NS_CLI" "$PY" "$RECORDER/benchclients.py" run "$CUR_DIR/plan.json" --user "$FTP_USER" --password "$FTP_PASS" \
    --host4 "$SRV4" --host6 "$SRV6" --dl "$CUR_DIR/cli" --out "$CUR_DIR/results.json" --timeout 600 ||
    die "bench clients failed (see above)"
  bench_cap_stop
  bench_finish "$CUR_DIR/results.json" \
    "$BENCH_SMALL_SESSIONS concurrent python ftplib sessions of $BENCH_SMALL_COMMANDS small commands each (NOOP, PWD, CWD, CDUP, TYPE, SYST, SIZE, MDTM) with a tiny NLST, LIST or RETR every 40 commands (PASV, EPSV, PORT, EPRT; vsftpd over IPv4 and IPv6), routed, no loss: nearly every frame is under 200 bytes." \
    "client_addresses=[\"10.77.1.2\",\"fd77:1::2\"]" "server_addresses=[\"$SRV4\",\"$SRV6\"]" \
    "versions={\"vsftpd\":\"$V_VSFTPD\",\"python\":\"$V_PYTHON\",\"tcpdump\":\"$V_TCPDUMP\",\"kernel\":\"$V_KERNEL\"}"
  bench_need 100 PASV EPSV PORT EPRT LIST NLST RETR NOOP
}

# Brute force: python ftplib tries 3 wrong passwords per connection
# (pyftpdlib hangs up after max_login_attempts=3, no delay) until the right
# one, then RETRs a file: BENCH_BRUTE_SESSIONS control connections.
bench_sc_bruteforce() {
  bench_begin bruteforce
  local root="$CUR_DIR/srv/home" wrong=()
  put small.bin "$root"
  mapfile -t wrong < <("$PY" -c 'import random, sys
r = random.Random("pcapscope-bench-brute")
words = ["admin", "password", "letmein", "qwerty", "dragon", "monkey", "shadow", "master", "secret", "summer", "winter", "ftp"]
for i in range(int(sys.argv[1])):
    print("%s%d%s" % (r.choice(words), r.randrange(10000), r.choice(["", "!", "#", "2024"])))' $((3 * (BENCH_BRUTE_SESSIONS - 1))))
  net_up v4
  # pyftpdlib, not vsftpd: vsftpd checks passwords through PAM, whose pam_unix
  # waits ~2 s after each failure (714 sessions would take an hour).
  start_pyftpd --host "$SRV4" --root "$root" --user "$FTP_USER:$FTP_PASS" --passive-ports 50000-50199 --auth-delay 0
  bench_cap_start
  cli "$PY" "$RECORDER/ftpclient.py" brute "$SRV4" --user "$FTP_USER" --password "$FTP_PASS" \
    --wrong "${wrong[@]}" --per-conn 3 --retr small.bin >"$CUR_DIR/brute.json" 2>"$T/log/$CUR_NAME.client.log" ||
    die "brute-force client failed: $(tail -n 5 "$T/log/$CUR_NAME.client.log")"
  bench_cap_stop
  bench_finish - \
    "A password-guessing run: python ftplib against pyftpdlib, ${#wrong[@]} wrong passwords three per connection (530, the server hangs up), then the right one and a RETR." \
    "failed_logins=${#wrong[@]}" "client_address=$CLI4" "server_address=$SRV4" "user=$FTP_USER" \
    "versions={\"pyftpdlib\":\"$V_PYFTPDLIB\",\"python\":\"$V_PYTHON\",\"tcpdump\":\"$V_TCPDUMP\",\"kernel\":\"$V_KERNEL\"}"
  bench_need "${#wrong[@]}" PASS
}

bench_main() { # bench_main [--dir DIR] [--force] [SCENARIO...]
  BENCH_DIR=${PCAPSCOPE_BENCH_DIR:-$REPO/bench-data}
  local scenarios=() s todo=()
  while (($#)); do
    case $1 in
      --dir) BENCH_DIR=$2; shift 2 ;;
      --force) BENCH_FORCE=1; shift ;;
      *) scenarios+=("$1"); shift ;;
    esac
  done
  ((${#scenarios[@]})) || scenarios=("${BENCH_SCENARIOS[@]}")
  for s in "${scenarios[@]}"; do
    bench_file "$s" >/dev/null || die "unknown bench scenario '$s' (known: ${BENCH_SCENARIOS[*]})"
    if ((BENCH_FORCE == 0)) && [[ -s $BENCH_DIR/$(bench_file "$s").pcap && -s $BENCH_DIR/$(bench_file "$s").json ]]; then
      log "$BENCH_DIR/$(bench_file "$s").pcap exists (--force records it again)"
    else
      todo+=("$s")
    fi
  done
  ((${#todo[@]})) || { ok "nothing to record in $BENCH_DIR"; exit 0; }
  prepare_run "$BENCH_DIR" vsftpd tcpdump tshark capinfos curl lftp ethtool iptables ip6tables tc openssl timeout
  local t0=$SECONDS
  log "work dir $T; bench scenarios: ${todo[*]} -> $BENCH_DIR"
  for s in "${todo[@]}"; do "bench_sc_${s//-/_}"; done
  ok "recorded ${todo[*]} in $((SECONDS - t0)) s into $BENCH_DIR"
}

# prepare_run DEST TOOL...: root, traps, packages and tools checked, versions,
# leftovers of an interrupted run removed, a fresh temp dir with the content.
prepare_run() {
  local dest=$1 b
  shift
  need_root
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  install_deps
  for b in "$@"; do
    command -v "$b" >/dev/null || die "missing tool: $b"
  done
  "$PY" -W ignore -c 'import pyftpdlib, OpenSSL' || die "$PY lacks pyftpdlib/pyOpenSSL"
  collect_versions
  # idempotent: leftovers of an interrupted run
  net_down
  remove_user
  T=$(mktemp -d /tmp/pcapscope-rec.XXXXXX)
  chmod 755 "$T"
  mkdir -p "$T/content" "$T/raw" "$T/log" "$T/etc" "$T/sc" "$T/home" "$dest"
  "$PY" "$RECORDER/genfiles.py" "$T/content"
}

# ----------------------------------------------------------------- README --
DESCRIPTIONS=(
  "active|ftp-active-tnftp-vsftpd-ls-get|tnftp in active mode (PORT, data from port 20) against vsftpd, anonymous: SYST, LIST, CWD, two RETRs."
  "pasv|ftp-pasv-curl-vsftpd-localuser|curl PASV (EPSV disabled) with a local system user: LIST and a 200 kB binary RETR."
  "ipv6|ftp-ipv6-epsv-eprt-curl-pyftpdlib|IPv6 only: curl EPSV session and curl -P - EPRT session against pyftpdlib (pcapng)."
  "upload|ftp-upload-stor-appe-stou-pyftpdlib|Uploads: STOR (curl -T), APPE (curl --append) and two STOU (ftplib) against pyftpdlib."
  "bruteforce|ftp-bruteforce-530-then-login-vsftpd|Five wrong passwords (530, vsftpd hangs up after 3) then a successful login and RETR."
  "banner|ftp-multiline-banner-feat-help-vsftpd|Multi-line 220 banner (vsftpd banner_file), multi-line FEAT/HELP/STAT replies."
  "lossy|ftp-lossy-pasv-retransmissions-vsftpd|300 kB PASV download + 200 kB upload over a routed path with random drops: retransmissions, dup ACKs, lost/out-of-order segments."
  "tls|ftps-auth-tls-lftp-pyftpdlib|Explicit FTPS with lftp: AUTH TLS (SNI ftp.psc.test), PBSZ/PROT P, encrypted LIST and RETR (pcapng)."
  "resume|ftp-rest-resume-curl-vsftpd|curl -C - resume: SIZE, REST 100000, RETR of the rest of a 250 kB file."
  "pget|ftp-pget-segmented-lftp-vsftpd|lftp pget -n 4: four sessions with REST offsets and parallel data connections (600 kB)."
  "mirror|ftp-mlsd-mirror-lftp-pyftpdlib|lftp mirror of a 2-directory tree with FEAT, MLSD listings and RETRs (PNG, ZIP, text)."
  "pasvcmds|ftp-pasv-type-size-rest-ftplib-vsftpd|PASV followed by TYPE I, SIZE, MDTM, REST 0 before the data connection and RETR."
  "ascii|ftp-ascii-type-a-curl-vsftpd|TYPE A download (LF file, CRLF on the wire) and TYPE A upload (CRLF sent, LF stored)."
  "parallel|ftp-parallel-sessions-vsftpd|Six concurrent curl/lftp sessions (4 downloads, 2 uploads) from two client addresses (pcapng)."
  "hostile|ftp-hostile-names-banner-pyftpdlib|Hostile strings (HTML, mermaid %%{init}%%, -->, ;, #, quotes, spreadsheet formulas, ../ and ..\\ paths) in banner, user names, file/dir names, commands."
  "${PROTO_DESCRIPTIONS[@]}"
  "${HTTP_DESCRIPTIONS[@]}"
  "${SNMP_DESCRIPTIONS[@]}"
  "${MAIL_DESCRIPTIONS[@]}"
  "${REMOTE_DESCRIPTIONS[@]}"
  "${FTPS_DESCRIPTIONS[@]}"
)

# write_readme: the capture table of fixtures/README.md, one row per capture
# of DESCRIPTIONS that exists (packets and bytes read from the files). The
# prose around the table (what each golden is, notes, the recording
# environment) is written by hand and kept as it is.
write_readme() {
  local out="$FIXTURES/README.md" d name desc f rows=()
  [[ -f $out ]] || die "$out is missing"
  for d in "${DESCRIPTIONS[@]}"; do
    IFS="|" read -r _ name desc <<<"$d"
    for f in "$FIXTURES/$name.pcap" "$FIXTURES/$name.pcapng"; do
      [[ -f $f ]] || continue
      rows+=("$(basename "$f")|$(pkt_count "$f")|$(stat -c %s "$f")|$desc")
    done
  done
  "$PY" "$RECORDER/readme_table.py" "$out" "${rows[@]}"
}

pkt_count() { capinfos -c -M "$1" 2>/dev/null | awk -F': *' '/Number of packets/ {print $2}'; }

summary() {
  local r name
  printf '\n%-48s %8s %10s  %s\n' "capture" "packets" "bytes" "verified" >&2
  for r in "${RESULTS[@]}"; do
    name=${r%%|*}
    printf '%-48s %8s %10s  %s\n' "$name" "$(pkt_count "$FIXTURES/$name")" "$(stat -c %s "$FIXTURES/$name")" "${r#*|}" >&2
  done
  printf '\ntotal size of fixtures/: %s\n' "$(du -sh "$FIXTURES" | cut -f1)" >&2
}

# ------------------------------------------------------------------- main --
main() {
  if [[ ${1:-} == --list || ${1:-} == -l ]]; then
    printf '%s\n' "${ALL_SCENARIOS[@]}"
    exit 0
  fi
  if [[ ${1:-} == --bench ]]; then
    shift
    bench_main "$@"
    exit 0
  fi
  if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    sed -n '2,28p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
  fi
  local scenarios=("$@") s
  ((${#scenarios[@]})) || scenarios=("${ALL_SCENARIOS[@]}")
  for s in "${scenarios[@]}"; do
    declare -F "sc_$s" >/dev/null || die "unknown scenario '$s' (known: ${ALL_SCENARIOS[*]})"
  done
  prepare_run "$FIXTURES" vsftpd tcpdump tshark editcap capinfos curl lftp ftp ethtool iptables openssl timeout dnsmasq dig host dhclient nginx wget
  log "work dir $T; scenarios: ${scenarios[*]}"
  for s in "${scenarios[@]}"; do "sc_$s"; done
  write_readme
  summary
  if [[ ${SKIP_GOLDENS:-0} != 1 ]]; then
    if command -v npx >/dev/null; then
      log "regenerating tshark goldens (npx tsx scripts/update-goldens.ts)"
      (cd "$REPO" && npx --no-install tsx scripts/update-goldens.ts) || warn "update-goldens failed; run 'npm run goldens' by hand"
    else
      warn "npx not found: run 'npm run goldens' to refresh the tshark goldens"
    fi
  fi
  ok "done: ${#RESULTS[@]} capture(s) in $FIXTURES"
}

main "$@"
