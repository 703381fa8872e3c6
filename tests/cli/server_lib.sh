# Real provisioning servers for the simulate tests (source after lib.sh), each an unprivileged
# instance on 127.0.0.1 at a free port, stopped on exit: tftpd-hpa, nginx (http and https with a
# certificate made by openssl now), and provisioning_server.py for POST, redirects, 401, 404.
server_pids=()
stop_servers() { for p in "${server_pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap 'stop_servers; rm -rf "$T"' EXIT
ROOT="$T/root"
mkdir -p "$ROOT"
chmod 755 "$T" "$ROOT"  # in.tftpd drops to nobody

# free_port tcp|udp: a port nothing listens on now. Another test running in parallel can take it
# before a server binds it (fake phones bind hundreds of ports at once), so the start_* functions
# below make sure that the server answering is theirs (it serves this test's own probe file) and
# start it again on another port when it could not bind.
free_port() {
  python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM if sys.argv[1]=="udp" else socket.SOCK_STREAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' "$1"
}

# The probe file: its content names this test's scratch directory, so no other server has it.
echo "probe $T" >"$ROOT/.probe"; chmod 644 "$ROOT/.probe"

# serves_probe URL [CURL-OPTIONS]: the server at URL (http://, https://, tftp://) serves this
# test's probe file.
# (A TFTP probe before in.tftpd has bound its port waits the whole --max-time.)
serves_probe() { local url=$1; shift; [ "$(curl -s --max-time 2 "$@" "$url/.probe" 2>/dev/null)" = "probe $T" ]; }

# wait_for CHECK-COMMAND NAME: polls up to 30 s (a loaded CI machine under ASan is slow).
wait_for() {
  local deadline=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$deadline" ]; do eval "$1" && return 0; sleep 0.05; done
  fail "$2 did not start within 30 s"
}

# start_server NAME START-COMMAND URL-COMMAND: evaluates START-COMMAND (which picks free ports and
# starts the server in the background) until the server serves the probe at the URL that
# URL-COMMAND prints; up to 5 tries, each polled up to 30 s (a loaded CI machine under ASan is
# slow). A server that exits (its port was taken meanwhile) is started again on other ports.
start_server() {
  local name=$1 start=$2 try pid url deadline
  for try in 1 2 3 4 5; do
    eval "$start"
    pid=$!
    server_pids+=("$pid")
    url=$(eval "$3")
    deadline=$((SECONDS + 30))
    while [ "$SECONDS" -lt "$deadline" ]; do
      serves_probe "$url" && return 0
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    kill "$pid" 2>/dev/null || true  # died, or answered with someone else's files: another port
    wait "$pid" 2>/dev/null || true
  done
  fail "$name did not start: $(cat "$T/$name.stderr" 2>/dev/null)"
}

# start_tftp: serves $ROOT; sets TFTP_PORT.
start_tftp() {
  command -v /usr/sbin/in.tftpd >/dev/null || fail "in.tftpd missing: run scripts/install-deps (tftpd-hpa)"
  start_server tftpd 'TFTP_PORT=$(free_port udp)
    timeout 300 /usr/sbin/in.tftpd -L -s "$ROOT" -a "127.0.0.1:$TFTP_PORT" -u nobody 2>"$T/tftpd.stderr" &' \
    'echo "tftp://127.0.0.1:$TFTP_PORT"'
}

# start_nginx: serves $ROOT over http and https; sets HTTP_PORT, HTTPS_PORT and CA (the
# certificate to trust).
start_nginx() {
  command -v nginx >/dev/null || fail "nginx missing: run scripts/install-deps (nginx-light)"
  mkdir -p "$T/nginx"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$T/nginx/key.pem" -out "$T/nginx/cert.pem" 2>/dev/null
  CA="$T/nginx/cert.pem"
  start_server nginx 'nginx_conf; timeout 300 nginx -c "$T/nginx/nginx.conf" -p "$T/nginx" -e "$T/nginx/error.log" 2>"$T/nginx.stderr" &' \
    'echo "http://127.0.0.1:$HTTP_PORT"'
  # Both ports were bound by the one nginx that answered (it exits when it cannot bind either).
  wait_for 'serves_probe "https://127.0.0.1:$HTTPS_PORT" --cacert "$CA"' "nginx over https"
}

# nginx_conf: picks two free ports (HTTP_PORT, HTTPS_PORT) and writes nginx.conf for them.
nginx_conf() {
  HTTP_PORT=$(free_port tcp); HTTPS_PORT=$(free_port tcp)
  while [ "$HTTPS_PORT" = "$HTTP_PORT" ]; do HTTPS_PORT=$(free_port tcp); done
  cat >"$T/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log;
events { worker_connections 64; }
http {
  access_log $T/nginx/access.log;
  client_body_temp_path $T/nginx/body; proxy_temp_path $T/nginx/proxy;
  fastcgi_temp_path $T/nginx/fastcgi; uwsgi_temp_path $T/nginx/uwsgi; scgi_temp_path $T/nginx/scgi;
  default_type application/octet-stream;
  server { listen 127.0.0.1:$HTTP_PORT; root $ROOT; }
  server { listen 127.0.0.1:$HTTPS_PORT ssl; root $ROOT;
           ssl_certificate $T/nginx/cert.pem; ssl_certificate_key $T/nginx/key.pem; }
}
CONF
}

# start_refuser: sets REFUSED_PORT to a port on 127.0.0.1 that refuses connections until the test
# ends: bound (so that no other test can take it) but not listening. A port merely free now
# could be taken by another test's server before it is used.
start_refuser() {
  python3 -c 'import socket,sys,time
s = socket.socket(); s.bind(("127.0.0.1", 0))
open(sys.argv[1] + ".tmp", "w").write("%d\n" % s.getsockname()[1])
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(300)' "$T/refuser.ready" &
  server_pids+=($!)
  local i
  for i in $(seq 1 600); do [ -s "$T/refuser.ready" ] && break; sleep 0.05; done
  REFUSED_PORT=$(cat "$T/refuser.ready" 2>/dev/null) || fail "the refusing port was not bound within 30 s"
}

# start_prov: provisioning_server.py serving $ROOT; sets PROV_PORT.
start_prov() {
  python3 "$PROVKIT_SOURCE_DIR/tests/cli/provisioning_server.py" --root "$ROOT" --ready "$T/prov.ready" \
    --log "$T/prov.log" "$@" 2>"$T/prov.err" &
  server_pids+=($!)
  wait_for '[ -s "$T/prov.ready" ]' "provisioning_server.py"
  PROV_PORT=$(cat "$T/prov.ready")
}

# state FILE PARAM=VALUE...: writes a flat profile holding the parameters.
state() {
  local file=$1; shift
  { echo "<flat-profile>"
    local kv
    for kv in "$@"; do printf '<%s>%s</%s>\n' "${kv%%=*}" "${kv#*=}" "${kv%%=*}"; done
    echo "</flat-profile>"; } >"$file"
}

# json_get EXPR: evaluates a Python expression on the JSON document in $T/out as `d`.
json_get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$T/out"; }

# expect_out REGEX: the last command's stdout matches REGEX.
expect_out() { grep -Eq -- "$1" "$T/out" || fail "stdout does not match '$1': $(head -c 800 "$T/out")"; ok; }
