#!/usr/bin/env python3
"""A provisioning server for the simulate tests, on 127.0.0.1 at a free port (written to --ready).

Routes: /files/NAME serves ROOT/NAME (404 when missing); /moved/NAME and /found/NAME answer
301 and 302 to /files/NAME; /loop redirects to itself; /auth/NAME wants HTTP Basic USER:PASSWORD;
/proxy/NAME always answers 407; /status/CODE answers CODE; /post answers a flat profile whose
GPP_C is the request body; /gcm/NAME serves ROOT/NAME with Content-Encoding: aes128gcm.
Every request is logged to --log as one JSON line (method, path, headers, body)."""
import argparse, base64, json, os, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = None
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def record(self, body):
        with lock, open(args.log, "a") as f:
            f.write(json.dumps({"method": self.command, "path": self.path,
                                "headers": {k.lower(): v for k, v in self.headers.items()},
                                "body": body.decode("latin-1")}) + "\n")

    def answer(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def serve_file(self, name, headers=()):
        path = os.path.join(args.root, os.path.basename(name))
        if not os.path.isfile(path):
            return self.answer(404, b"not found")
        with open(path, "rb") as f:
            self.answer(200, f.read(), headers)

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        self.record(body)
        p = self.path
        if p.startswith("/files/"):
            return self.serve_file(p[7:])
        if p.startswith("/moved/"):
            return self.answer(301, b"", [("Location", "/files/" + p[7:])])
        if p.startswith("/found/"):
            return self.answer(302, b"", [("Location", "http://127.0.0.1:%d/files/%s" % (port, p[7:]))])
        if p == "/loop":
            return self.answer(302, b"", [("Location", "/loop")])
        if p.startswith("/auth/"):
            want = "Basic " + base64.b64encode(("%s:%s" % (args.user, args.password)).encode()).decode()
            if self.headers.get("Authorization") != want:
                return self.answer(401, b"", [("WWW-Authenticate", 'Basic realm="prov"')])
            return self.serve_file(p[6:])
        if p.startswith("/proxy/"):
            return self.answer(407, b"", [("Proxy-Authenticate", 'Basic realm="proxy"')])
        if p.startswith("/status/"):
            return self.answer(int(p[8:]), b"status")
        if p == "/post":
            text = body.decode("utf-8").replace("&", "&amp;").replace("<", "&lt;")
            return self.answer(200, ("<flat-profile><GPP_C>%s</GPP_C></flat-profile>" % text).encode())
        if p.startswith("/gcm/"):
            return self.serve_file(p[5:], [("Content-Encoding", "aes128gcm")])
        self.answer(404, b"no route")

    do_GET = do_POST = do_HEAD = handle_any


def main():
    global args, port
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--ready", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--user", default="admin")
    ap.add_argument("--password", default="secret")
    ap.add_argument("--lifetime", type=float, default=300)
    args = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    threading.Timer(args.lifetime, lambda: os._exit(0)).start()  # never outlive a broken test
    with open(args.ready + ".tmp", "w") as f:
        f.write("%d\n" % port)
    os.rename(args.ready + ".tmp", args.ready)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
