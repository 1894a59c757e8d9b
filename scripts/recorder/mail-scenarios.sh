# shellcheck shell=bash
# The mail scenario of scripts/record-fixtures.sh (sourced by it: uses its
# net_up, cap_start/cap_stop, begin/finish, ensure_user, expect,
# done_scenario, cli, die/log/...). Debian's Postfix and Dovecot in psc-srv,
# curl in psc-cli, on 10.77.0.0/24:
#
#   mail   curl sends two messages through Postfix (SMTP AUTH PLAIN, then AUTH
#          LOGIN with a PNG attachment), fails one AUTH LOGIN (wrong password,
#          535), then reads the mailbox back through Dovecot: POP3 USER/PASS
#          with LIST and RETR and IMAP LOGIN/SELECT/FETCH (Python's poplib and
#          imaplib: curl 7.88 always prefers SASL), POP3 AUTH LOGIN and IMAP
#          AUTHENTICATE PLAIN with a second FETCH (curl).
#
# Postfix gets its own configuration directory (postfix -c, queue and data
# directories in the temp dir, chroot off) and asks Dovecot to check SMTP
# passwords (smtpd_sasl_type = dovecot over a socket in the temp dir);
# Postfix's virtual(8) delivers into Maildirs that Dovecot serves. Nothing is
# read from or written to /etc/postfix, /etc/dovecot, /var/spool or /run. The
# mailbox files belong to the recorder's temporary user (pscftp); the mail
# users and their passwords exist only in Dovecot's passwd-file.
#
# Ground truth: every login (user, password, mechanism, whether the server
# accepted it), which the Credentials view and --credentials must report, and
# every message (headers, SHA-256, attachment), each checked against the copy
# POP3 and IMAP returned.

MAIL_SCENARIOS=(mail)
MAIL_DESCRIPTIONS=(
  "mail|mail-smtp-auth-pop3-imap-curl-postfix-dovecot|curl against Postfix and Dovecot: SMTP AUTH PLAIN and AUTH LOGIN (a message with a PNG attachment), a refused AUTH LOGIN (535), POP3 USER/PASS with LIST and RETR and AUTH LOGIN, IMAP LOGIN/SELECT/FETCH and AUTHENTICATE PLAIN/FETCH."
)

MAIL_SENDER=bob
MAIL_SENDER_PASS='Bob-Smtp-2024'
MAIL_SENDER_WRONG='bob-guess-1'
MAIL_RCPT=alice
MAIL_RCPT_PASS='Alice-Mail-2024'

mail_versions() {
  V_POSTFIX=$(pkgver postfix)
  V_DOVECOT=$(pkgver dovecot-core)
}

# start_dovecot DIR MAILDIRS: POP3 and IMAP on $SRV4 without TLS, plaintext
# logins allowed (RFC 2595 §2.1 would forbid them without TLS; the point here
# is to record them), users from DIR/users, and an auth socket for Postfix.
start_dovecot() {
  local dir=$1 maildirs=$2 uid gid
  uid=$(id -u "$FTP_USER") gid=$(id -g "$FTP_USER")
  mkdir -p "$dir/run" "$dir/state"
  printf '%s:{PLAIN}%s\n' "$MAIL_SENDER" "$MAIL_SENDER_PASS" "$MAIL_RCPT" "$MAIL_RCPT_PASS" >"$dir/users"
  chmod 640 "$dir/users"
  chgrp dovecot "$dir/users"
  cat >"$dir/dovecot.conf" <<EOF
# dovecot for scripts/record-fixtures.sh (mail scenario)
base_dir = $dir/run
state_dir = $dir/state
instance_name = psc-dovecot
protocols = pop3 imap
listen = $SRV4
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
login_greeting = pcapscope fixture Dovecot ready.
log_path = $T/log/dovecot-$CUR_NAME.log
mail_location = maildir:$maildirs/%n
first_valid_uid = $uid
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $dir/users
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$maildirs/%n
}
service auth {
  unix_listener $dir/run/auth-postfix {
    mode = 0660
    user = postfix
    group = postfix
  }
}
EOF
  ip netns exec "$NS_SRV" dovecot -F -c "$dir/dovecot.conf" >>"$T/log/dovecot-$CUR_NAME.stderr" 2>&1 &
  SERVER_PIDS+=($!)
  wait_listen 110
  wait_listen 143
  log "dovecot $V_DOVECOT listening on $SRV4:110 and :143"
}

# start_postfix DIR MAILDIRS SASL_SOCKET: Postfix's master in the foreground
# with only our main.cf/master.cf, listening on $SRV4:25; psc.test is a
# virtual mailbox domain delivered to MAILDIRS/<user>/ (Maildir).
start_postfix() {
  local dir=$1 maildirs=$2 sasl=$3 uid gid
  uid=$(id -u "$FTP_USER") gid=$(id -g "$FTP_USER")
  mkdir -p "$dir/etc" "$dir/spool" "$dir/data"
  chown postfix "$dir/data"
  printf '%s@psc.test %s/\n' "$MAIL_RCPT" "$MAIL_RCPT" "$MAIL_SENDER" "$MAIL_SENDER" >"$dir/etc/vmailbox"
  cat >"$dir/etc/main.cf" <<EOF
# postfix for scripts/record-fixtures.sh (mail scenario)
compatibility_level = 3.6
queue_directory = $dir/spool
data_directory = $dir/data
maillog_file = $T/log/postfix-$CUR_NAME.log
maillog_file_prefixes = $T/log
myhostname = mail.psc.test
mydomain = psc.test
myorigin = psc.test
mydestination =
inet_interfaces = $SRV4
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP pcapscope fixture
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
alias_maps =
alias_database =
biff = no
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $sasl
smtpd_sasl_security_options = noanonymous
smtpd_tls_security_level = none
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
virtual_mailbox_domains = psc.test
virtual_mailbox_base = $maildirs
virtual_mailbox_maps = texthash:$dir/etc/vmailbox
virtual_uid_maps = static:$uid
virtual_gid_maps = static:$gid
EOF
  # chroot off (column 5): the services read the temp dir directly.
  cat >"$dir/etc/master.cf" <<'EOF'
smtp      inet  n       -       n       -       -       smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
  # postfix(1) reports on stderr only to a terminal, hence script(1).
  ip netns exec "$NS_SRV" script -qec "postfix -c $dir/etc check" /dev/null >>"$T/log/postfix-$CUR_NAME.stderr" 2>&1 ||
    die "postfix check failed: $(cat "$T/log/postfix-$CUR_NAME.stderr")"
  ip netns exec "$NS_SRV" postfix -c "$dir/etc" start-fg >>"$T/log/postfix-$CUR_NAME.stderr" 2>&1 &
  SERVER_PIDS+=($!)
  wait_listen 25
  log "postfix $V_POSTFIX listening on $SRV4:25"
}

# mail_cli CMD...: a client in psc-cli, its output appended to $out (sc_mail's), or die.
mail_cli() { cli "$@" >>"$out" 2>&1 || die "a mail client failed ($*): $(tail -n 20 "$out")"; }

sc_mail() {
  begin mail mail-smtp-auth-pop3-imap-curl-postfix-dovecot pcap
  ensure_user
  local srv="$CUR_DIR/srv" c="$CUR_DIR/cli" maildirs="$CUR_DIR/srv/maildirs" out="$CUR_DIR/clients.out"
  mkdir -p "$maildirs"
  chown "$FTP_USER:" "$maildirs"
  "$PY" "$RECORDER/mailmsgs.py" make "$c" "$T/content/logo.png" || die "could not write the messages"
  mail_versions
  net_up v4
  start_dovecot "$srv/dovecot" "$maildirs"
  start_postfix "$srv/postfix" "$maildirs" "$srv/dovecot/run/auth-postfix"
  cap_start -U -B 8192
  local S=("${CURL[@]}" --mail-from "$MAIL_SENDER@psc.test" --mail-rcpt "$MAIL_RCPT@psc.test") rc=0
  mail_cli "${S[@]}" --user "$MAIL_SENDER:$MAIL_SENDER_PASS" --login-options AUTH=PLAIN -T "$c/plain.eml" "smtp://$SRV4/client.psc.test"
  mail_cli "${S[@]}" --user "$MAIL_SENDER:$MAIL_SENDER_PASS" --login-options AUTH=LOGIN -T "$c/attachment.eml" "smtp://$SRV4/client.psc.test"
  # A wrong password: 535, and curl gives up (exit 67, CURLE_LOGIN_DENIED).
  cli "${S[@]}" --user "$MAIL_SENDER:$MAIL_SENDER_WRONG" --login-options AUTH=LOGIN -T "$c/plain.eml" "smtp://$SRV4/client.psc.test" >>"$out" 2>&1 || rc=$?
  ((rc == 67)) || die "curl with the wrong SMTP password exited $rc, not 67 (login denied)"
  # Postfix delivers asynchronously: wait until both messages are in the Maildir.
  for _ in $(seq 100); do
    (($(find "$maildirs/$MAIL_RCPT/new" -type f 2>/dev/null | wc -l) >= 2)) && break
    sleep 0.1
  done
  (($(find "$maildirs/$MAIL_RCPT/new" -type f | wc -l) == 2)) || die "Postfix did not deliver both messages: $(tail -n 20 "$T/log/postfix-$CUR_NAME.log")"
  # POP3 USER/PASS, STAT, LIST, RETR 1, QUIT: Python's poplib, since curl always
  # prefers a SASL mechanism (AUTH) when the server offers one.
  mail_cli "$PY" - "$SRV4" "$MAIL_RCPT" "$MAIL_RCPT_PASS" "$c/pop3-retr-1.eml" <<'EOF'
import poplib, sys
host, user, password, out = sys.argv[1:]
p = poplib.POP3(host, 110, timeout=30)
p.user(user)
p.pass_(password)
p.stat()
p.list()
_, lines, _ = p.retr(1)
p.quit()
with open(out, "wb") as f:
    f.write(b"".join(l + b"\r\n" for l in lines))
EOF
  # POP3 through curl: AUTH LOGIN (SASL), then LIST.
  mail_cli "${CURL[@]}" --user "$MAIL_RCPT:$MAIL_RCPT_PASS" --login-options AUTH=LOGIN "pop3://$SRV4/" -o "$c/pop3-list.txt"
  # IMAP LOGIN, SELECT INBOX, FETCH 1 (Python's imaplib: curl 7.88 has no
  # AUTH=+LOGIN and so never sends LOGIN to a server that offers SASL).
  mail_cli "$PY" - "$SRV4" "$MAIL_RCPT" "$MAIL_RCPT_PASS" "$c/imap-fetch-1.eml" <<'EOF'
import imaplib, sys
host, user, password, out = sys.argv[1:]
m = imaplib.IMAP4(host, 143, timeout=30)
m.login(user, password)
m.select("INBOX")
_, data = m.fetch("1", "(BODY[])")
m.logout()
with open(out, "wb") as f:
    f.write(data[0][1])
EOF
  # IMAP through curl: AUTHENTICATE PLAIN, SELECT INBOX, FETCH 2.
  mail_cli "${CURL[@]}" --user "$MAIL_RCPT:$MAIL_RCPT_PASS" --login-options AUTH=PLAIN "imap://$SRV4/INBOX/;MAILINDEX=2" -o "$c/imap-fetch-2.eml"
  cap_stop
  finish
  # Which message is first in the mailbox depends on delivery order: match by Message-ID.
  local first second
  if grep -q 'plain.20240102030405' "$c/pop3-retr-1.eml"; then first=plain second=attachment; else first=attachment second=plain; fi
  "$PY" "$RECORDER/mailmsgs.py" check "$c/$first.eml" "$c/pop3-retr-1.eml" "$c/imap-fetch-1.eml" || die "the first message came back changed"
  "$PY" "$RECORDER/mailmsgs.py" check "$c/$second.eml" "$c/imap-fetch-2.eml" || die "the second message came back changed"
  local messages
  messages="[$("$PY" "$RECORDER/mailmsgs.py" truth "$c/plain.eml"),$("$PY" "$RECORDER/mailmsgs.py" truth "$c/attachment.eml")]"
  proto_truth "client=curl $V_CURL, Python $V_PYTHON poplib and imaplib" "server=Postfix $V_POSTFIX (SMTP, SASL by Dovecot), Dovecot $V_DOVECOT (POP3, IMAP)" \
    "client_address=$CLI4" "ports=[25,110,143]" \
    "logins=[{\"protocol\":\"SMTP\",\"mechanism\":\"AUTH PLAIN\",\"user\":\"$MAIL_SENDER\",\"password\":\"$MAIL_SENDER_PASS\",\"accepted\":true},
{\"protocol\":\"SMTP\",\"mechanism\":\"AUTH LOGIN\",\"user\":\"$MAIL_SENDER\",\"password\":\"$MAIL_SENDER_PASS\",\"accepted\":true},
{\"protocol\":\"SMTP\",\"mechanism\":\"AUTH LOGIN\",\"user\":\"$MAIL_SENDER\",\"password\":\"$MAIL_SENDER_WRONG\",\"accepted\":false},
{\"protocol\":\"POP3\",\"mechanism\":\"USER/PASS\",\"user\":\"$MAIL_RCPT\",\"password\":\"$MAIL_RCPT_PASS\",\"accepted\":true},
{\"protocol\":\"POP3\",\"mechanism\":\"AUTH LOGIN\",\"user\":\"$MAIL_RCPT\",\"password\":\"$MAIL_RCPT_PASS\",\"accepted\":true},
{\"protocol\":\"IMAP\",\"mechanism\":\"LOGIN\",\"user\":\"$MAIL_RCPT\",\"password\":\"$MAIL_RCPT_PASS\",\"accepted\":true},
{\"protocol\":\"IMAP\",\"mechanism\":\"AUTHENTICATE PLAIN\",\"user\":\"$MAIL_RCPT\",\"password\":\"$MAIL_RCPT_PASS\",\"accepted\":true}]" \
    "messages=$messages" "mailbox_order=[\"$first\",\"$second\"]" \
    "versions={\"postfix\":\"$V_POSTFIX\",\"dovecot\":\"$V_DOVECOT\",\"curl\":\"$V_CURL\",\"tcpdump\":\"$V_TCPDUMP\",\"kernel\":\"$V_KERNEL\"}" \
    'description=curl sends two messages from bob to alice through Postfix (AUTH PLAIN, then AUTH LOGIN with a PNG attachment) and fails a third AUTH LOGIN with a wrong password (535); then alice reads her Maildir through Dovecot: POP3 USER/PASS, STAT, LIST and RETR 1 (poplib); POP3 AUTH LOGIN and LIST (curl); IMAP LOGIN, SELECT INBOX, FETCH 1 (imaplib); IMAP AUTHENTICATE PLAIN, SELECT, FETCH 2 (curl). Each message as retrieved ends with the message as sent (Postfix prepends Return-Path, Delivered-To and Received).'
  expect 'smtp.req.command == "AUTH"' 3 "SMTP AUTH commands"
  expect 'smtp.response.code == 235' 2 "SMTP 235 accepted"
  expect 'smtp.response.code == 535' 1 "SMTP 535 refused"
  expect 'imf' 2 "IMF messages"
  expect 'pop.request.command == "RETR"' 1 "POP3 RETR"
  expect 'pop.request.command == "PASS"' 1 "POP3 PASS"
  expect 'imap.request.command == "LOGIN"' 1 "IMAP LOGIN"
  expect 'imap.request.command == "AUTHENTICATE"' 1 "IMAP AUTHENTICATE"
  expect 'imap.request.command == "SELECT"' 2 "IMAP SELECT"
  expect 'imap.request.command == "FETCH" || imap.request.command == "UID"' 2 "IMAP FETCH"
  expect_none 'tcp.analysis.lost_segment' "lost segments"
  done_scenario
}
