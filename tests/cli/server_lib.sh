# Real provisioning servers for the simulate tests (source after lib.sh), each an unprivileged
# instance on 127.0.0.1 at a free port, stopped on exit: tftpd-hpa, nginx (http and https with a
# certificate made by openssl now), and provisioning_server.py for POST, redirects, 401, 404.
server_pids=()
stop_servers() { for p in "${server_pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap 'stop_servers; rm -rf "$T"' EXIT
ROOT="$T/root"
mkdir -p "$ROOT"
chmod 755 "$T" "$ROOT"  # in.tftpd drops to nobody

# free_port tcp|udp: a port nothing listens on now.
free_port() {
  python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM if sys.argv[1]=="udp" else socket.SOCK_STREAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' "$1"
}

# wait_for CHECK-COMMAND NAME: polls up to 30 s (a loaded CI machine under ASan is slow).
wait_for() {
  local i
  for i in $(seq 1 600); do eval "$1" && return 0; sleep 0.05; done
  fail "$2 did not start within 30 s"
}

# start_tftp: serves $ROOT; sets TFTP_PORT.
start_tftp() {
  command -v /usr/sbin/in.tftpd >/dev/null || fail "in.tftpd missing: run scripts/install-deps (tftpd-hpa)"
  TFTP_PORT=$(free_port udp)
  timeout 120 /usr/sbin/in.tftpd -L -s "$ROOT" -a "127.0.0.1:$TFTP_PORT" -u nobody 2>"$T/tftpd.err" &
  server_pids+=($!)
  echo probe >"$ROOT/.probe"; chmod 644 "$ROOT/.probe"
  wait_for 'curl -s -o /dev/null --max-time 1 "tftp://127.0.0.1:$TFTP_PORT/.probe"' "in.tftpd"
}

# start_nginx: serves $ROOT over http and https; sets HTTP_PORT, HTTPS_PORT and CA (the
# certificate to trust).
start_nginx() {
  command -v nginx >/dev/null || fail "nginx missing: run scripts/install-deps (nginx-light)"
  HTTP_PORT=$(free_port tcp); HTTPS_PORT=$(free_port tcp)
  mkdir -p "$T/nginx"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$T/nginx/key.pem" -out "$T/nginx/cert.pem" 2>/dev/null
  CA="$T/nginx/cert.pem"
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
  timeout 120 nginx -c "$T/nginx/nginx.conf" -p "$T/nginx" -e "$T/nginx/error.log" 2>"$T/nginx/stderr" &
  server_pids+=($!)
  wait_for 'curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$HTTP_PORT/.probe"' "nginx ($(cat "$T/nginx/stderr" 2>/dev/null))"
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
