# shellcheck shell=bash
# The HTTP scenario of scripts/record-fixtures.sh (sourced by it: uses its
# net_up, cap_start/cap_stop, begin/finish, expect, done_scenario, cli, put,
# die/log/...). Debian's nginx (nginx-light) in psc-srv, curl and wget in
# psc-cli, on 10.77.0.0/24:
#
#   http   nginx with gzip on (text bodies gzip-compressed and chunked),
#          SSI (an uncompressed chunked page), a static binary image and
#          octet-stream, a form POST and HTTP Basic auth (401 then 200),
#          fetched over keep-alive connections.
#
# nginx runs in the foreground with our configuration only (-c, -p in the
# temp dir: pid, logs and temp paths there, never /etc/nginx or /var/log).
# Ground truth: every object's SHA-256 as the client saved it (curl decodes
# gzip with --compressed), checked against the served file where there is one.

HTTP_SCENARIOS=(http)
HTTP_DESCRIPTIONS=(
  "http|http-keepalive-gzip-chunked-post-basic-curl-wget-nginx|nginx (gzip on, SSI) and curl/wget over keep-alive: gzip+chunked HTML/CSS/JS, an SSI page chunked uncompressed, a PNG and a 64 kB octet-stream by Content-Length, a form POST, HTTP Basic auth (401 then 200), a 304 and a HEAD."
)

HTTP_USER=analyst
HTTP_PASS='Basic-Fixture-2024'

# start_nginx ROOT: nginx in the server namespace on port 80; waits until it listens.
start_nginx() {
  local root=$1 conf="$CUR_DIR/nginx.conf"
  mkdir -p "$CUR_DIR/nginx/logs" "$CUR_DIR/nginx/tmp"
  printf '%s:%s\n' "$HTTP_USER" "$(openssl passwd -apr1 "$HTTP_PASS")" >"$CUR_DIR/nginx/htpasswd"
  cat >"$conf" <<EOF
# nginx for scripts/record-fixtures.sh (http scenario)
worker_processes 1;
pid $CUR_DIR/nginx/nginx.pid;
error_log $CUR_DIR/nginx/logs/error.log info;
events { worker_connections 64; }
http {
  access_log $CUR_DIR/nginx/logs/access.log;
  client_body_temp_path $CUR_DIR/nginx/tmp/body;
  proxy_temp_path $CUR_DIR/nginx/tmp/proxy;
  fastcgi_temp_path $CUR_DIR/nginx/tmp/fastcgi;
  uwsgi_temp_path $CUR_DIR/nginx/tmp/uwsgi;
  scgi_temp_path $CUR_DIR/nginx/tmp/scgi;
  types { text/html html; text/css css; application/javascript js; image/png png; application/octet-stream bin; text/plain txt; }
  default_type application/octet-stream;
  server_tokens off;
  if_modified_since before;
  keepalive_requests 100;
  gzip on;
  gzip_min_length 64;
  gzip_types text/css application/javascript text/plain;
  server {
    listen $SRV4:80;
    server_name www.psc.test;
    root $root;
    location ~ \\.shtml\$ { ssi on; gzip off; default_type text/html; }
    location = /login { return 200 "welcome, form received\\n"; }
    location /private/ { auth_basic "pcapscope fixture"; auth_basic_user_file $CUR_DIR/nginx/htpasswd; }
  }
}
EOF
  ip netns exec "$NS_SRV" nginx -p "$CUR_DIR/nginx" -c "$conf" -g 'daemon off;' >>"$T/log/nginx-$CUR_NAME.log" 2>&1 &
  SERVER_PIDS+=($!)
  wait_listen 80
  log "nginx $V_NGINX running"
}

# http_truth_add URI SAVED [SERVED]: an object as the client saved it (and the file nginx served, which must be equal).
http_truth_add() {
  local uri=$1 saved=$2 served=${3:-}
  [[ -s $saved ]] || die "client saved nothing for $uri"
  [[ -z $served ]] || same_file "$saved" "$served" "$uri as served and as received"
  "$PY" -c 'import hashlib, json, sys
data = open(sys.argv[2], "rb").read()
print(json.dumps({"uri": sys.argv[1], "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "served_file": sys.argv[3] != ""}))' \
    "$uri" "$saved" "$served" >>"$CUR_DIR/truth.jsonl"
}

sc_http() {
  begin http http-keepalive-gzip-chunked-post-basic-curl-wget-nginx pcap
  local root="$CUR_DIR/srv" c="$CUR_DIR/cli" base="http://$SRV4" i
  V_NGINX=$(pkgver nginx-light)
  put logo.png "$root/img"
  "$PY" - "$root" <<'EOF'
import os, random, sys
root = sys.argv[1]
rnd = random.Random(20240102)
words = "packet capture analyzer stream object chunk gzip header body keep alive".split()
para = lambda n: " ".join(rnd.choice(words) for _ in range(n))
os.makedirs(f"{root}/private", exist_ok=True)
with open(f"{root}/index.html", "w") as f:
    f.write("<!DOCTYPE html>\n<html><head><title>pcapscope HTTP fixture</title>"
            '<link rel="stylesheet" href="/style.css"><script src="/app.js"></script></head><body>\n')
    for i in range(60):
        f.write(f"<p id=\"p{i}\">{para(30)}</p>\n")
    f.write('<img src="/img/logo.png"></body></html>\n')
with open(f"{root}/style.css", "w") as f:
    for i in range(120):
        f.write(f".c{i} {{ margin: {i}px; color: #{rnd.randrange(1 << 24):06x}; }}\n")
with open(f"{root}/app.js", "w") as f:
    for i in range(80):
        f.write(f"function f{i}(x) {{ return x * {i} + {rnd.randrange(1000)}; }} // {para(8)}\n")
with open(f"{root}/page.shtml", "w") as f:
    f.write("<html><body><h1>SSI page</h1>\n<!--# echo var=\"DOCUMENT_URI\" -->\n")
    for i in range(40):
        f.write(f"<p>{para(25)}</p>\n")
    f.write("</body></html>\n")
with open(f"{root}/data.bin", "wb") as f:
    f.write(bytes(rnd.randrange(256) for _ in range(65536)))
with open(f"{root}/private/secret.txt", "w") as f:
    f.write("the secret behind HTTP Basic auth: " + para(200) + "\n")
EOF
  chmod -R a+rX "$root"
  net_up v4
  start_nginx "$root"
  cap_start -U -B 8192
  local C=("${CURL[@]}" -H 'Host: www.psc.test') N=(--next "${CURL[@]:1}" -H 'Host: www.psc.test')
  {
    # one keep-alive connection: gzip + chunked text, the image (curl's --next keeps the connection, not the options)
    cli "${C[@]}" --compressed -o "$c/index.html" "$base/index.html" -o "$c/style.css" "$base/style.css" \
      -o "$c/app.js" "$base/app.js" -o "$c/logo.png" "$base/img/logo.png"
    # another: the SSI page (chunked, plain), an octet-stream by length, a 304, a HEAD
    cli "${C[@]}" -o "$c/page.shtml" "$base/page.shtml" -o "$c/data.bin" "$base/data.bin" \
      "${N[@]}" -o "$c/data-again.bin" -H 'If-Modified-Since: Sat, 01 Jan 2050 00:00:00 GMT' "$base/data.bin" \
      "${N[@]}" -I -o "$c/head.txt" "$base/index.html"
    # a form POST, then Basic auth: refused without credentials, served with them (one connection)
    cli "${C[@]}" -o "$c/login" --data-urlencode "username=$HTTP_USER" --data-urlencode "password=form-$HTTP_PASS" "$base/login"
    cli "${C[@]}" -o "$c/secret-401.html" "$base/private/secret.txt" \
      "${N[@]}" -u "$HTTP_USER:$HTTP_PASS" -o "$c/secret.txt" "$base/private/secret.txt"
    cli wget -q --no-proxy --header 'Host: www.psc.test' -O "$c/wget-logo.png" "$base/img/logo.png"
  } >"$CUR_DIR/clients.out" 2>&1 || die "an HTTP client failed: $(tail -n 20 "$CUR_DIR/clients.out")"
  cap_stop
  finish
  printf 'username=%s&password=%s' "$HTTP_USER" "form-$HTTP_PASS" >"$c/login-form"
  http_truth_add /index.html "$c/index.html" "$root/index.html"
  http_truth_add /style.css "$c/style.css" "$root/style.css"
  http_truth_add /app.js "$c/app.js" "$root/app.js"
  http_truth_add /img/logo.png "$c/logo.png" "$root/img/logo.png"
  http_truth_add /page.shtml "$c/page.shtml"
  http_truth_add /data.bin "$c/data.bin" "$root/data.bin"
  http_truth_add "/login (form posted)" "$c/login-form"
  http_truth_add /login "$c/login"
  http_truth_add "/private/secret.txt (401)" "$c/secret-401.html"
  http_truth_add /private/secret.txt "$c/secret.txt" "$root/private/secret.txt"
  http_truth_add "/img/logo.png (wget)" "$c/wget-logo.png" "$root/img/logo.png"
  [[ ! -s $c/data-again.bin ]] || die "the conditional GET was answered with a body"
  # "files" (FTP's transfers) stays empty: the FTP export test reads every truth file's; the objects are "http_objects".
  "$PY" "$RECORDER/truth.py" write /dev/null "$CUR_DIR/truth.json" \
    --set "scenario=$CUR_ID" --set "capture=$CUR_NAME.$CUR_EXT" --set "format=$CUR_EXT" \
    --set "server_address=$SRV4" --set "client_address=$CLI4" --set "server=nginx-light $V_NGINX" \
    --set "client=curl $(curl --version | head -1 | awk '{print $2}'), wget" \
    --set "basic_auth={\"user\":\"$HTTP_USER\",\"password\":\"$HTTP_PASS\"}" \
    --set "versions={\"nginx\":\"$V_NGINX\",\"tcpdump\":\"$V_TCPDUMP\",\"kernel\":\"$V_KERNEL\"}" \
    --set 'description=HTTP objects: each entry is an object as the client saved it (curl --compressed decodes gzip), equal to the file nginx served where there is one; the form POST entry is the request body curl sent.'
  "$PY" -c 'import json, sys
doc = json.load(open(sys.argv[1]))
doc["http_objects"] = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
with open(sys.argv[3], "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")' "$CUR_DIR/truth.json" "$CUR_DIR/truth.jsonl" "$FIXTURES/$CUR_NAME.truth.json"
  expect 'http.request' 11 "requests"
  expect 'http.response' 11 "responses"
  expect 'http.transfer_encoding == "chunked"' 3 "chunked responses"
  expect 'http.content_encoding == "gzip"' 3 "gzip responses"
  expect 'http.request.method == "POST"' 1 "form POST"
  expect 'http.authorization' 1 "Basic credentials"
  expect 'http.response.code == 401' 1 "401"
  expect 'http.response.code == 304' 1 "304"
  expect 'http.request.method == "HEAD"' 1 "HEAD"
  expect_none 'tcp.analysis.lost_segment' "lost segments"
  done_scenario
}
