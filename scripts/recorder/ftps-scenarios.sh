# shellcheck shell=bash
# FTPS scenarios whose control channel cannot be read but whose files can
# (issue 14), for scripts/record-fixtures.sh (sourced by it: uses its net_up,
# cap_start/cap_stop, begin/finish, start_pyftpd, truth_add/truth_write,
# expect, done_scenario, cli, die/log/...). Real Debian software in the
# psc-srv and psc-cli namespaces only:
#
#   ftpsclear  lftp (ftp:ssl-force, ftp:ssl-protect-data no) against
#              pyftpdlib's TLS_FTPHandler with TLS required on the control
#              connection only: every command is encrypted, the data
#              connections (PROT C) carry the files in the clear.
#   ccc        lftp (ftp:ssl-use-ccc) against ProFTPD's mod_tls: AUTH TLS,
#              login under TLS, then CCC (RFC 2228 §5.3, RFC 4217 §11): the
#              TLS session is closed (close_notify) and the commands after
#              it (PASV, LIST, RETR, STOR) are cleartext again.
#
# ProFTPD runs in the foreground (-n) with our configuration only (-c, its
# scoreboard, pid file and logs in the temp dir: never /etc/proftpd). It is
# not installed: Debian's proftpd-core conflicts with ftp-server, so
# installing it would remove vsftpd, which the other scenarios need. Its
# packages are fetched with `apt-get download` and unpacked into the temp dir
# (binary and modules only; its libraries are the system's).

FTPS_SCENARIOS=(ftpsclear ccc)
FTPS_DESCRIPTIONS=(
  "ftpsclear|ftps-clear-data-lftp-pyftpdlib|FTPS with a cleartext data channel: lftp AUTH TLS (control encrypted) and PROT C, LIST, three RETRs (PNG, ZIP, text) and a STOR in the clear, against pyftpdlib."
  "ccc|ftps-ccc-lftp-proftpd|lftp against ProFTPD mod_tls: AUTH TLS, login under TLS, CCC (close_notify), then cleartext PASV, LIST, RETR and STOR."
)

ftps_versions() { :; }

# ftps_proftpd: proftpd-core and proftpd-mod-crypto (mod_tls) unpacked into
# $T/proftpd once; sets PROFTPD (the binary), PROFTPD_MODULES and V_PROFTPD.
ftps_proftpd() {
  local dir="$T/proftpd" deb
  if [[ ! -x $dir/usr/sbin/proftpd ]]; then
    mkdir -p "$dir/debs"
    (cd "$dir/debs" && apt-get download -qq proftpd-core proftpd-mod-crypto) || die "apt-get download proftpd failed"
    for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir"; done
  fi
  PROFTPD="$dir/usr/sbin/proftpd"
  PROFTPD_MODULES="$dir/usr/lib/proftpd"
  V_PROFTPD=$(dpkg-deb -f "$(ls "$dir"/debs/proftpd-core_*.deb)" Version)
  "$PROFTPD" -v >/dev/null 2>&1 || die "the unpacked proftpd does not run: $("$PROFTPD" -v 2>&1)"
}

# ftps_cert HOST: a self-signed certificate for HOST in $CUR_DIR/{cert,key}.pem
ftps_cert() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$1/O=pcapscope fixtures" \
    -addext "subjectAltName=DNS:$1,IP:$SRV4" -keyout "$CUR_DIR/key.pem" -out "$CUR_DIR/cert.pem" 2>/dev/null
}

# lftp settings shared by both scenarios: TLS forced on the control
# connection, never on the data connections, the certificate not verified
# (it is self-signed).
FTPS_LFTP_SET='set ftp:ssl-allow yes; set ftp:ssl-force yes; set ftp:ssl-auth TLS; set ftp:ssl-protect-data no; set ftp:ssl-protect-list no; set ssl:verify-certificate no;'

sc_ftpsclear() {
  begin ftpsclear ftps-clear-data-lftp-pyftpdlib pcap
  local root="$CUR_DIR/srv" c="$T/content"
  put logo.png archive.zip notes.md "$root/pub"
  mkdir -p "$root/incoming"
  ftps_cert ftp.psc.test
  net_up v4
  start_pyftpd --host "$SRV4" --root "$root" --user "$FTP_USER:$FTP_PASS" --passive-ports 50000-50199 \
    --tls "$CUR_DIR/cert.pem" "$CUR_DIR/key.pem" --tls-control-required
  cap_start
  local cmds="$LFTP_SET $FTPS_LFTP_SET open -u $FTP_USER,$FTP_PASS ftp://$SRV4; cls -l pub/; get pub/logo.png -o logo.png; get pub/archive.zip -o archive.zip; get pub/notes.md -o notes.md; put $c/upload-2.bin -o incoming/upload-2.bin"
  (cd "$CUR_DIR/cli" && cli lftp -c "$cmds") >"$CUR_DIR/lftp.out" 2>&1 || die "lftp FTPS (PROT C) failed: $(cat "$CUR_DIR/lftp.out")"
  cap_stop
  finish
  local f
  for f in logo.png archive.zip notes.md; do same_file "$root/pub/$f" "$CUR_DIR/cli/$f" "FTPS PROT C get $f"; done
  same_file "$c/upload-2.bin" "$root/incoming/upload-2.bin" "FTPS PROT C put upload-2.bin"
  truth_add /pub/logo.png download "$root/pub/logo.png" command=RETR mime=image/png
  truth_add /pub/archive.zip download "$root/pub/archive.zip" command=RETR mime=application/zip
  truth_add /pub/notes.md download "$root/pub/notes.md" command=RETR
  truth_add /incoming/upload-2.bin upload "$root/incoming/upload-2.bin" command=STOR
  truth_write "client=lftp $V_LFTP" "server=pyftpdlib $V_PYFTPDLIB (TLS_FTPHandler, pyOpenSSL $V_PYOPENSSL)" \
    "mode=explicit FTPS (AUTH TLS) on the control connection, PROT C (cleartext data), passive" "client_address=$CLI4" \
    "user=$FTP_USER" "password=$FTP_PASS" \
    "description=lftp ftp:ssl-force with ftp:ssl-protect-data/list off: FEAT and AUTH TLS in clear, then every command encrypted; the LIST of /pub, three downloads and one upload cross the data connections in the clear. The commands are unreadable, so the files are only recognisable by their connections."
  expect 'ftp.request.command == "AUTH" && ftp.request.arg == "TLS"' 1 "AUTH TLS in clear"
  expect 'ftp.response.code == 234' 1 "234 AUTH accepted"
  expect 'tls.handshake.type == 1 && tcp.port == 21' 1 "TLS ClientHello on the control connection"
  expect_none 'ftp.request.command == "PASV" || ftp.request.command == "EPSV" || ftp.request.command == "RETR"' "data commands hidden by TLS"
  expect_none 'tls && !(tcp.port == 21)' "no TLS on the data connections"
  expect 'tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport >= 50000 && tcp.dstport <= 50199' 5 "passive data connections"
  done_scenario
}

sc_ccc() {
  begin ccc ftps-ccc-lftp-proftpd pcap
  ftps_proftpd
  ensure_user
  local root="$CUR_DIR/srv" c="$T/content" conf="$CUR_DIR/proftpd.conf"
  put readme.txt logo.png "$root/pub"
  mkdir -p "$root/incoming"
  chown "$FTP_USER" "$root/incoming"
  ftps_cert ftp.psc.test
  cat >"$conf" <<EOF
# proftpd for scripts/record-fixtures.sh (ccc scenario)
ServerName "pcapscope CCC fixture"
ServerType standalone
DefaultServer on
DefaultAddress $SRV4
Port 21
UseIPv6 off
User nobody
Group nogroup
Umask 022
MaxInstances 10
PassivePorts 50000 50199
UseReverseDNS off
RequireValidShell off
WtmpLog off
DefaultRoot $root
ScoreboardFile $CUR_DIR/proftpd.scoreboard
PidFile $CUR_DIR/proftpd.pid
SystemLog $T/log/proftpd-$CUR_NAME.log
TransferLog $T/log/proftpd-$CUR_NAME.xfer
DelayTable none
ModulePath $PROFTPD_MODULES
<IfModule mod_dso.c>
  LoadModule mod_tls.c
</IfModule>
<IfModule mod_tls.c>
  TLSEngine on
  TLSLog $T/log/proftpd-$CUR_NAME.tls
  TLSProtocol TLSv1.2 TLSv1.3
  TLSRSACertificateFile $CUR_DIR/cert.pem
  TLSRSACertificateKeyFile $CUR_DIR/key.pem
  TLSVerifyClient off
  TLSRequired off
  TLSOptions NoSessionReuseRequired
</IfModule>
<Directory $root>
  AllowOverwrite on
</Directory>
EOF
  chmod 644 "$conf"
  net_up v4
  ip netns exec "$NS_SRV" "$PROFTPD" -n -q -c "$conf" >>"$T/log/proftpd-$CUR_NAME.stderr" 2>&1 &
  SERVER_PIDS+=($!)
  wait_listen 21
  log "proftpd $V_PROFTPD listening on $SRV4:21"
  cap_start
  local cmds="$LFTP_SET $FTPS_LFTP_SET set ftp:ssl-use-ccc yes; open -u $FTP_USER,$FTP_PASS ftp://$SRV4; cls -l pub/; get pub/readme.txt -o readme.txt; get pub/logo.png -o logo.png; put $c/upload-3.bin -o incoming/upload-3.bin"
  (cd "$CUR_DIR/cli" && cli lftp -c "$cmds") >"$CUR_DIR/lftp.out" 2>&1 || die "lftp CCC failed: $(cat "$CUR_DIR/lftp.out")"
  cap_stop
  finish
  local f
  for f in readme.txt logo.png; do same_file "$root/pub/$f" "$CUR_DIR/cli/$f" "CCC get $f"; done
  same_file "$c/upload-3.bin" "$root/incoming/upload-3.bin" "CCC put upload-3.bin"
  truth_add /pub/readme.txt download "$root/pub/readme.txt" command=RETR
  truth_add /pub/logo.png download "$root/pub/logo.png" command=RETR mime=image/png
  truth_add /incoming/upload-3.bin upload "$root/incoming/upload-3.bin" command=STOR
  truth_write "client=lftp $V_LFTP" "server=ProFTPD $V_PROFTPD (mod_tls)" \
    "mode=explicit FTPS (AUTH TLS), login under TLS, then CCC; PROT C data, passive" "client_address=$CLI4" \
    "user=$FTP_USER" "password=$FTP_PASS" \
    "description=lftp ftp:ssl-use-ccc: AUTH TLS, USER/PASS under TLS, CCC answered 200 under TLS, both sides close the TLS session (close_notify) and the control connection is cleartext again: PASV, LIST, RETR readme.txt and logo.png, STOR upload-3.bin are readable."
  expect 'ftp.request.command == "AUTH" && ftp.request.arg == "TLS"' 1 "AUTH TLS in clear"
  expect 'ftp.response.code == 234' 1 "234 AUTH accepted"
  expect 'tls.handshake.type == 1 && tcp.port == 21' 1 "TLS ClientHello on the control connection"
  expect_none 'ftp.request.command == "USER"' "USER hidden by TLS"
  expect_none 'tls && !(tcp.port == 21)' "no TLS on the data connections"
  expect 'tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport >= 50000 && tcp.dstport <= 50199' 4 "passive data connections"
  done_scenario
}
