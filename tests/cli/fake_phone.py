#!/usr/bin/env python3
"""Fake Cisco phone web servers for provkit's delivery tests and benchmark.

Starts one http.server listener per phone on 127.0.0.x ephemeral ports, all served by one
selector loop (a thread per connection), records every request as a JSON line, and writes
"HOST:PORT MODE" lines to the --ready file once all phones listen.

    fake_phone.py --ready FILE --log FILE [--user U --password P] [--tls CERT KEY] SPEC...

SPEC is MODE[*COUNT][@ADDRESS] (address 127.0.0.1 unless given). Modes:
  ok             200 to any request
  query          200 if the target carries &xuser=U&xpassword=P (percent-decoded), else 401
  basic          200 with HTTP Basic credentials U:P, else 401 and a Basic challenge
  digest         200 with a valid HTTP Digest answer (MD5, qop=auth), else 401 and a challenge
  notfound       404          error    500
  hang           reads the request, never answers (until the client hangs up)
  redirect       302 to /stolen on the same phone
  redirect-echo  302 to /login?next=TARGET (the request target, credentials and all)
  execute-error  200 with <CiscoIPPhoneError Number="4" /> (authentication error)
  evil-reason    200 whose reason phrase holds an escape sequence, a C1 control and a lone 0xFF
  refused        a port that is bound but never listens: connections are refused
  late           refused until the process gets SIGUSR1, then like ok
"""
import argparse
import base64
import hashlib
import json
import os
import secrets
import selectors
import signal
import socket
import socketserver
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import unquote

REALM = "provkit-fake-phone"
lock = threading.Lock()
state = {"open": set(), "nonces": set()}


def client_still_open(conn):
    """True unless the client has closed its end (a peek then reads end-of-file)."""
    try:
        return conn.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False
args = None
tls_context = None
log_file = None


def record(entry):
    with lock:
        log_file.write(json.dumps(entry) + "\n")
        log_file.flush()


def query_value(target, name):
    """The value of &name= in a request target, as a phone scans for it (last occurrence)."""
    key = "&" + name + "="
    at = target.rfind(key)
    if at < 0:
        return None
    value = target[at + len(key):].split("&", 1)[0]
    return unquote(value)


def parse_digest(header):
    """Key/value pairs of a Digest Authorization header (values quoted or bare)."""
    fields, rest = {}, header[len("Digest "):]
    while rest:
        rest = rest.lstrip(" ,")
        if "=" not in rest:
            break
        key, rest = rest.split("=", 1)
        if rest.startswith('"'):
            end = rest.index('"', 1)
            value, rest = rest[1:end], rest[end + 1:]
        else:
            value, _, rest = rest.partition(",")
        fields[key.strip()] = value.strip()
    return fields


def md5(text):
    return hashlib.md5(text.encode("latin-1")).hexdigest()


def digest_ok(header, method, target):
    if not header or not header.startswith("Digest "):
        return False
    f = parse_digest(header)
    with lock:
        known = f.get("nonce") in state["nonces"]
    if not known or f.get("username") != args.user or f.get("realm") != REALM or f.get("uri") != target:
        return False
    if f.get("qop") != "auth" or f.get("algorithm", "MD5").upper() != "MD5":
        return False
    ha1 = md5(f"{args.user}:{REALM}:{args.password}")
    ha2 = md5(f"{method}:{target}")
    expected = md5(f"{ha1}:{f['nonce']}:{f.get('nc', '')}:{f.get('cnonce', '')}:auth:{ha2}")
    return secrets.compare_digest(expected, f.get("response", ""))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # so that Expect: 100-continue is honoured

    def log_message(self, *unused):
        pass

    def setup(self):
        if tls_context is not None:
            self.request = tls_context.wrap_socket(self.request, server_side=True)
        super().setup()

    def do_GET(self):
        self.answer()

    do_POST = do_GET
    do_PUT = do_GET

    def reply(self, code, headers=(), body=b"", reason=None):
        self.send_response(code, reason)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def answer(self):
        # Requests in flight = connections the client still holds open. Counting handlers
        # instead would race: a handler notices its client's hang-up only after the client may
        # already have opened the next connection.
        with lock:
            in_flight = 1 + sum(1 for conn in state["open"] if client_still_open(conn))
            state["open"].add(self.connection)
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            mode = self.server.mode
            auth = self.headers.get("Authorization")
            verdict = "none"
            if mode == "query":
                ok = query_value(self.path, "xuser") == args.user and query_value(self.path, "xpassword") == args.password
                verdict = "ok" if ok else "bad"
            elif mode == "basic" and auth:
                want = "Basic " + base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
                verdict = "ok" if auth == want else "bad"
            elif mode == "digest" and auth:
                verdict = "ok" if digest_ok(auth, self.command, self.path) else "bad"
            record({"phone": self.server.phone, "mode": mode, "method": self.command, "target": self.path,
                    "version": self.request_version, "headers": list(self.headers.items()),
                    "body": body.decode("latin-1"), "auth": verdict, "in_flight": in_flight,
                    "tls": tls_context is not None})
            self.respond(mode, verdict)
        finally:
            with lock:
                state["open"].discard(self.connection)

    def respond(self, mode, verdict):
        if mode in ("ok", "late"):
            self.reply(200, [("Content-Type", "text/html")], b"<html>OK</html>")
        elif mode in ("query", "basic", "digest"):
            if verdict == "ok":
                self.reply(200, [("Content-Type", "text/html")], b"<html>OK</html>")
            elif mode == "basic":
                self.reply(401, [("WWW-Authenticate", f'Basic realm="{REALM}"')])
            elif mode == "digest":
                nonce = secrets.token_hex(16)
                with lock:
                    state["nonces"].add(nonce)
                challenge = f'Digest realm="{REALM}", qop="auth", nonce="{nonce}", algorithm=MD5'
                self.reply(401, [("WWW-Authenticate", challenge)])
            else:
                self.reply(401)
        elif mode == "notfound":
            self.reply(404)
        elif mode == "error":
            self.reply(500)
        elif mode == "redirect":
            self.reply(302, [("Location", f"http://{self.server.phone}/stolen")])
        elif mode == "redirect-echo":
            self.reply(302, [("Location", f"http://{self.server.phone}/login?next={self.path}")])
        elif mode == "evil-reason":  # latin-1 on the wire: \x9b and \xff are single bytes
            self.reply(200, [("Content-Type", "text/html")], b"<html>OK</html>", reason="OK \x1b[31m\x9b\xff")
        elif mode == "execute-error":
            self.reply(200, [("Content-Type", "text/xml")], b'<CiscoIPPhoneError Number="4" />')
        elif mode == "hang":
            # Never answer; return only when the client gives up and closes the connection.
            while self.connection.recv(4096):
                pass


class Phone(socketserver.ThreadingMixIn, HTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128
    timeout = 0.5

    def __init__(self, address, mode, port=0):
        self.mode = mode
        super().__init__((address, port), Handler)
        host, port = self.socket.getsockname()[:2]
        self.phone = f"{host}:{port}"

    def server_bind(self):
        # HTTPServer.server_bind would look the address up in DNS (getfqdn); not wanted here.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request, client_address):
        pass  # TLS handshakes the client refused, clients that hung up: not the test's concern


def parse_spec(spec):
    address = "127.0.0.1"
    if "@" in spec:
        spec, address = spec.split("@", 1)
    count = 1
    if "*" in spec:
        spec, count = spec.split("*", 1)
        count = int(count)
    return spec, count, address


def main():
    global args, tls_context, log_file
    p = argparse.ArgumentParser(description="fake Cisco phone web servers")
    p.add_argument("--ready", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--user", default="admin")
    p.add_argument("--password", default="")
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("specs", nargs="+")
    args = p.parse_args()
    if args.tls:
        tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls_context.load_cert_chain(*args.tls)
    log_file = open(args.log, "a", encoding="utf-8")

    selector = selectors.DefaultSelector()
    lines, late, refused = [], [], []
    for spec in args.specs:
        mode, count, address = parse_spec(spec)
        for _ in range(count):
            if mode in ("refused", "late"):
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.bind((address, 0))  # bound but not listening: connections are refused
                host, port = s.getsockname()
                lines.append(f"{host}:{port} {mode}")
                if mode == "late":
                    late.append(s)
                else:
                    refused.append(s)  # kept open so that the port stays taken
                continue
            server = Phone(address, mode)
            selector.register(server.socket, selectors.EVENT_READ, server)
            lines.append(f"{server.phone} {mode}")

    def open_late(*unused):
        for s in late:
            host, port = s.getsockname()
            s.close()  # free the port, then listen on it as a real phone
            server = Phone(host, "late", port)
            selector.register(server.socket, selectors.EVENT_READ, server)
        late.clear()

    signal.signal(signal.SIGUSR1, open_late)
    tmp = args.ready + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.rename(tmp, args.ready)
    while True:
        for key, _ in selector.select(timeout=0.5):
            key.data.handle_request()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
