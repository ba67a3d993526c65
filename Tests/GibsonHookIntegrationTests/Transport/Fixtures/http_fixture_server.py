#!/usr/bin/env python3
"""A small HTTP/1.1 server for the HTTPClient integration tests (standard library only).

Prints "PORT <n>" on stdout once listening on 127.0.0.1. Keep-alive is on, so tests can see whether the
client reuses its connection (the peer port stays the same). Routes:
  /echo          200, JSON: method, path, headers (as received, in order), body length and text, peer port,
                 client certificate subject (TLS with --client-ca)
  /redirect      302 to /echo (a client that follows it would show a second request)
  /slow?s=N      sleeps N seconds, then 200
  /drop          closes the connection without answering
  /ready-after?n=N  503 to the first N requests of this route, 200 after (a service that comes up late)
Options: --cert/--key serve TLS; --client-ca also requires a client certificate signed by that CA.
"""
import argparse
import json
import signal
import ssl
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    requests_seen = 0
    ready_after_seen = 0

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.route()

    def do_POST(self):
        self.route()

    def route(self):
        Handler.requests_seen += 1
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        if url.path == "/redirect":
            return self.answer(302, b"moved", [("Location", "/echo")])
        if url.path == "/slow":
            time.sleep(float(parse_qs(url.query).get("s", ["5"])[0]))
            return self.answer(200, b"{}")
        if url.path == "/ready-after":
            Handler.ready_after_seen += 1
            late = Handler.ready_after_seen <= int(parse_qs(url.query).get("n", ["1"])[0])
            return self.answer(503 if late else 200, b"{}")
        if url.path == "/drop":
            self.close_connection = True
            self.connection.close()
            return
        subject = None
        if isinstance(self.connection, ssl.SSLSocket):
            cert = self.connection.getpeercert()
            if cert:
                subject = dict(item[0] for item in cert["subject"]).get("commonName")
        echo = {
            "method": self.command,
            "path": self.path,
            "headers": [[name, value] for name, value in self.headers.items()],
            "body_length": len(body),
            "body": body.decode("utf-8", "replace"),
            "peer_port": self.client_address[1],
            "client_cert": subject,
            "requests_seen": Handler.requests_seen,
        }
        self.answer(200, json.dumps(echo).encode(), [("Retry-After", "7")])

    def answer(self, status, body, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def main():
    # The parent may have spawned us with SIGTERM blocked; a test that ends must be able to stop us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--client-ca")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        if args.client_ca:
            context.load_verify_locations(args.client_ca)
            context.verify_mode = ssl.CERT_REQUIRED
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
