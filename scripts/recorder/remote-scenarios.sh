# shellcheck shell=bash
# NTP, SSH and Telnet scenarios of scripts/record-fixtures.sh (sourced by it:
# uses its net_up, cap_start/cap_stop, begin/finish, ensure_user, expect,
# done_scenario, cli, die/log/..., and proto_truth). Real Debian software in
# the psc-srv and psc-cli namespaces only, on 10.77.0.0/24:
#
#   ntp     chronyd serving its local clock (local stratum 8, -x: it never
#           touches the clock) <- ntpdig (ntpsec) twice, and chronyd -Q
#           (query only, no clock change) with two samples.
#   ssh     OpenSSH sshd with a fresh ed25519 host key <- ssh: a public-key
#           login with OpenSSH's default key exchange (sntrup761x25519-sha512)
#           that runs one command and exits, then a password login
#           (SSH_ASKPASS) over curve25519-sha256 that does the same.
#   telnet  inetutils telnetd started by openbsd-inetd <- telnet driven
#           through a pty (scripts/recorder/telnetclient.py): a wrong
#           password (login says "Login incorrect"), then the right one, one
#           command and exit.
#
# Every server gets its configuration from the temp dir only (chronyd -f,
# sshd -f, inetd CONFIG), pid files there too. sshd needs its privilege
# separation directory /run/sshd (created when missing, as the Debian package
# does). The accounts are the recorder's temporary user (pscftp, removed on
# exit); /bin/login records the Telnet login in wtmp/lastlog like any login.
# Servers that print the host name (login's prompt) run in their own UTS
# namespace named after the fixture's server, so no machine name is recorded.

REMOTE_SCENARIOS=(ntp ssh telnet)
REMOTE_DESCRIPTIONS=(
  "ntp|ntp-client-server-ntpdig-chrony|chronyd serving its local clock (stratum 8) to ntpdig (two SNTP queries) and to chronyd -Q (NTPv4 client polls), no clock changed."
  "ssh|ssh-publickey-password-login-openssh|OpenSSH 9.2: version exchange, a public-key login over sntrup761x25519-sha512 and a password login over curve25519-sha256, each running one command and exiting."
  "telnet|telnet-login-inetutils-telnetd|telnet against inetutils telnetd (openbsd-inetd): option negotiation, a refused password then a login, one command, exit."
)

SSH_HOST=ssh.psc.test
TELNET_WRONG='wrong-Pass-1'

remote_versions() {
  V_CHRONY=$(pkgver chrony)
  V_NTPDIG=$(pkgver ntpsec-ntpdig)
  V_OPENSSH=$(pkgver openssh-server)
  V_TELNETD=$(pkgver inetutils-telnetd)
  V_TELNET=$(pkgver inetutils-telnet)
  V_INETD=$(pkgver openbsd-inetd)
}

# in_uts NAME CMD...: CMD in the server namespace with its own host name.
in_uts() {
  local name=$1
  shift
  ip netns exec "$NS_SRV" unshare --uts sh -c 'hostname "$0" && exec "$@"' "$name" "$@"
}

# ------------------------------------------------------------------- ntp --
sc_ntp() {
  begin ntp ntp-client-server-ntpdig-chrony pcap
  remote_versions
  local conf="$CUR_DIR/chrony.conf" out="$CUR_DIR/clients.out"
  cat >"$conf" <<EOF
# chronyd for scripts/record-fixtures.sh (ntp scenario): a server of its local clock
pidfile $CUR_DIR/chronyd.pid
bindaddress $SRV4
port 123
cmdport 0
allow $CLI4
local stratum 8
EOF
  net_up v4
  # -x: never adjust the (machine-wide) clock; -d: foreground; -u root: no user switch.
  ip netns exec "$NS_SRV" chronyd -x -d -u root -f "$conf" >>"$T/log/chronyd-$CUR_NAME.log" 2>&1 &
  SERVER_PIDS+=($!)
  for _ in $(seq 100); do
    ip netns exec "$NS_SRV" ss -Hlun "sport = :123" | grep -q . && break
    sleep 0.1
  done
  ip netns exec "$NS_SRV" ss -Hlun "sport = :123" | grep -q . || die "chronyd did not listen: $(cat "$T/log/chronyd-$CUR_NAME.log")"
  log "chronyd $V_CHRONY serving its local clock on $SRV4:123"
  cap_start -U -B 8192
  {
    cli ntpdig -t 2 "$SRV4" && sleep 0.5 && cli ntpdig -t 2 "$SRV4" && sleep 0.5 &&
      # query only (-Q: prints the offset, changes nothing), two samples, its own pid file
      cli chronyd -Q -t 20 -u root "pidfile $CUR_DIR/chronyd-client.pid" "server $SRV4 iburst maxsamples 2"
  } >"$out" 2>&1 || die "an NTP client failed: $(tail -n 20 "$out")"
  # ntpdig prints "offset +/- error server sN", chronyd -Q the offset it would have corrected
  (($(grep -c "+/- .* $SRV4 s8 " "$out") == 2)) || die "ntpdig did not print two answers of stratum 8: $(cat "$out")"
  grep -q 'System clock wrong by' "$out" || die "chronyd -Q printed no offset: $(cat "$out")"
  cap_stop
  finish
  proto_truth "client=ntpdig (ntpsec-ntpdig $V_NTPDIG), chronyd -Q (chrony $V_CHRONY)" "server=chronyd (chrony $V_CHRONY), local stratum 8" \
    "client_address=$CLI4" "port=123" "server_stratum=8" "server_reference_id=7f7f0101" \
    "client_output=$("$PY" -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read().splitlines()))' "$out")" \
    "versions={\"chrony\":\"$V_CHRONY\",\"ntpsec-ntpdig\":\"$V_NTPDIG\",\"tcpdump\":\"$V_TCPDUMP\",\"kernel\":\"$V_KERNEL\"}" \
    'description=chronyd serves its local clock (local stratum 8, reference ID 127.127.1.1 as chrony sets it for its local clock, -x so the clock is never touched); ntpdig sends two SNTP client queries (NTPv4 mode 3) and chronyd -Q polls twice (iburst, maxsamples 2); every request is answered in server mode 4.'
  expect 'ntp.flags.mode == 3' 3 "client requests"
  expect 'ntp.flags.mode == 4' 3 "server replies"
  expect 'ntp.stratum == 8' 3 "stratum 8 replies"
  done_scenario
}

# ------------------------------------------------------------------- ssh --
sc_ssh() {
  begin ssh ssh-publickey-password-login-openssh pcap
  remote_versions
  ensure_user
  local d="$CUR_DIR/srv" c="$CUR_DIR/cli" out="$CUR_DIR/clients.out"
  ssh-keygen -q -t ed25519 -N '' -C "host key of $SSH_HOST" -f "$d/ssh_host_ed25519_key"
  ssh-keygen -q -t ed25519 -N '' -C "pcapscope fixture client key" -f "$c/id_ed25519"
  cp "$c/id_ed25519.pub" "$d/authorized_keys"
  chmod 644 "$d/authorized_keys"
  cat >"$d/sshd_config" <<EOF
# sshd for scripts/record-fixtures.sh (ssh scenario)
ListenAddress $SRV4
Port 22
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
AuthorizedKeysFile $d/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication yes
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $FTP_USER
PrintMotd no
PrintLastLog no
UseDNS no
LogLevel VERBOSE
EOF
  mkdir -p /run/sshd
  chmod 755 /run/sshd
  net_up v4
  ip netns exec "$NS_SRV" /usr/sbin/sshd -D -e -f "$d/sshd_config" >>"$T/log/sshd-$CUR_NAME.log" 2>&1 &
  SERVER_PIDS+=($!)
  wait_listen 22
  log "sshd $V_OPENSSH listening on $SRV4:22"
  printf '#!/bin/sh\necho %q\n' "$FTP_PASS" >"$c/askpass"
  chmod 700 "$c/askpass"
  local S=(ssh -F none -o StrictHostKeyChecking=no -o "UserKnownHostsFile=$c/known_hosts" -o ConnectTimeout=10 -v)
  cap_start -U -B 8192
  {
    cli "${S[@]}" -i "$c/id_ed25519" -o BatchMode=yes -o PreferredAuthentications=publickey "$FTP_USER@$SRV4" 'echo pcapscope-ssh-publickey-ok' &&
      sleep 0.5 &&
      cli env SSH_ASKPASS="$c/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=none "${S[@]}" -o PreferredAuthentications=password \
        -o PubkeyAuthentication=no -o KexAlgorithms=curve25519-sha256 "$FTP_USER@$SRV4" 'echo pcapscope-ssh-password-ok' </dev/null
  } >"$out" 2>&1 || die "an ssh client failed: $(tail -n 20 "$out")"
  cap_stop
  finish
  grep -q 'pcapscope-ssh-publickey-ok' "$out" || die "the public-key session did not run its command"
  grep -q 'pcapscope-ssh-password-ok' "$out" || die "the password session did not run its command"
  local kex cipher fingerprint
  # ssh -v: "debug1: kex: algorithm: NAME" per session, in order (ssh's stderr lines end in CR LF)
  kex=$(tr -d '\r' <"$out" | "$PY" -c 'import json, re, sys; print(json.dumps(re.findall(r"kex: algorithm: (\S+)", sys.stdin.read())))')
  cipher=$(tr -d '\r' <"$out" | sed -n 's/.*kex: client->server cipher: \([^ ]*\).*/\1/p' | sort -u | paste -sd,)
  fingerprint=$(ssh-keygen -l -E sha256 -f "$d/ssh_host_ed25519_key.pub" | awk '{print $2}')
  proto_truth "client=ssh (openssh-client $(pkgver openssh-client))" "server=sshd (openssh-server $V_OPENSSH)" \
    "client_address=$CLI4" "port=22" "user=$FTP_USER" "auth_methods=[\"publickey\",\"password\"]" \
    "kex_algorithms=$kex" "cipher=$cipher" "host_key_sha256=$fingerprint" \
    "versions={\"openssh\":\"$V_OPENSSH\",\"tcpdump\":\"$V_TCPDUMP\",\"kernel\":\"$V_KERNEL\"}" \
    'description=Two ssh sessions to sshd with a host key made for the recording: version exchange, KEXINIT, key exchange (sntrup761x25519-sha512, OpenSSH'"'"'s default, for the first; curve25519-sha256 for the second), NEWKEYS, then (encrypted) a public-key login and a password login, each running one echo command and exiting. The password is the user'"'"'s, sent inside the encrypted channel (no credential in the clear).'
  expect 'ssh.protocol' 4 "version strings"
  expect 'ssh.message_code == 20' 4 "KEXINIT"
  expect 'ssh.message_code == 21' 4 "NEWKEYS"
  expect 'tcp.flags.fin == 1' 4 "closed connections"
  done_scenario
}

# ---------------------------------------------------------------- telnet --
sc_telnet() {
  begin telnet telnet-login-inetutils-telnetd pcap
  remote_versions
  ensure_user
  local conf="$CUR_DIR/inetd.conf" out="$CUR_DIR/client.json"
  # -h: no host information before the login prompt.
  printf '%s:telnet stream tcp nowait root /usr/sbin/telnetd telnetd -h\n' "$SRV4" >"$conf"
  net_up v4
  # -d: foreground (and debug output to the log)
  in_uts telnet.psc.test inetd -d "$conf" >>"$T/log/inetd-$CUR_NAME.log" 2>&1 &
  SERVER_PIDS+=($!)
  wait_listen 23
  log "openbsd-inetd $V_INETD with inetutils telnetd $V_TELNETD on $SRV4:23"
  cap_start -U -B 8192
  cli "$PY" "$RECORDER/telnetclient.py" "$SRV4" "$FTP_USER" "$TELNET_WRONG" "$FTP_PASS" >"$out" 2>"$T/log/telnet-client-$CUR_NAME.log" ||
    die "the telnet client failed: $(tail -n 20 "$T/log/telnet-client-$CUR_NAME.log")"
  cap_stop
  finish
  proto_truth "client=telnet (inetutils-telnet $V_TELNET) driven through a pty" "server=inetutils telnetd $V_TELNETD (openbsd-inetd $V_INETD), /bin/login" \
    "client_address=$CLI4" "port=23" \
    "logins=[{\"user\":\"$FTP_USER\",\"password\":\"$TELNET_WRONG\",\"accepted\":false},{\"user\":\"$FTP_USER\",\"password\":\"$FTP_PASS\",\"accepted\":true}]" \
    "session=$(cat "$out")" \
    "versions={\"inetutils-telnetd\":\"$V_TELNETD\",\"inetutils-telnet\":\"$V_TELNET\",\"tcpdump\":\"$V_TCPDUMP\",\"kernel\":\"$V_KERNEL\"}" \
    'description=telnet logs in to inetutils telnetd through /bin/login: option negotiation, the login prompt, the user name and a wrong password (Login incorrect), the user name again and the right password, a shell prompt, one echo command and exit. Typed characters travel one per segment and login echoes the user name back, not the password.'
  expect 'telnet' 20 "Telnet data"
  expect 'telnet.cmd == 253 || telnet.cmd == 251' 4 "DO/WILL negotiation"
  expect 'tcp.flags.fin == 1' 2 "connection closed"
  done_scenario
}
