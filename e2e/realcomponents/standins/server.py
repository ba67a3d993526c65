"""Threaded HTTP/1.1 server base shared by every stand-in: request log, fault injection, stop/restart."""
import json
import socket
import ssl
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    """One received HTTP request, as the stand-in saw it."""
    method: str
    path: str
    headers: dict  # lower-case names -> value (last one wins)
    raw_headers: list  # [(name, value)] in order, original case
    body: bytes


@dataclass
class Response:
    """What the stand-in answers (status None: reset the connection instead)."""
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict = field(default_factory=dict)

    @staticmethod
    def json(status, obj, content_type="application/json", headers=None):
        return Response(status, json.dumps(obj).encode(), content_type, headers or {})


@dataclass
class _Fault:
    status: int
    body: bytes
    content_type: str
    headers: dict


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class StandinServer:
    """Base class. Subclasses implement `handle(request) -> Response`.

    Fault injection (all thread-safe):
      fail_next(n, status, ...)  the next n requests get this answer instead of being handled
      delay_next(n, seconds)     the next n requests are handled normally, but only after sleeping
      stop() / start()           close the listener (connection refused) and reopen on the same port
    """

    def __init__(self, port=0, host="127.0.0.1", tls=None):
        self.host = host
        self.port = port
        self.tls = tls  # (certfile, keyfile) or None
        self.lock = threading.Lock()
        self.requests = []  # every Request received, in order
        self.responses = []  # (Request, status) pairs, in order
        self._faults = []
        self._delays = []
        self._httpd = None
        self._thread = None
        self._sockets = set()

    # ---- lifecycle -------------------------------------------------------------------------------
    @property
    def scheme(self):
        return "https" if self.tls else "http"

    @property
    def url(self):
        return f"{self.scheme}://{self.host}:{self.port}"

    def start(self):
        owner = self

        class Handler(_Handler):
            standin = owner

        httpd = _Server((self.host, self.port), Handler)
        if self.tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*self.tls)
            httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
        self.port = httpd.server_address[1]
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        """Close the listener and every open connection: clients now get 'connection refused'."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        with self.lock:
            socks, self._sockets = list(self._sockets), set()
        for s in socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                s.close()
            except OSError:
                pass
        self._thread.join(5)

    def restart(self):
        self.stop()
        return self.start()

    @property
    def running(self):
        return self._httpd is not None

    # ---- faults ----------------------------------------------------------------------------------
    def fail_next(self, count, status, body=None, retry_after=None, content_type="application/json", headers=None):
        """Answer the next `count` requests with `status` (and Retry-After when given) without handling them."""
        hdrs = dict(headers or {})
        if retry_after is not None:
            hdrs["Retry-After"] = str(retry_after)
        if body is None:
            body = self.default_error_body(status)
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        with self.lock:
            self._faults.extend(_Fault(status, body, content_type, hdrs) for _ in range(count))

    def delay_next(self, count, seconds):
        """Handle the next `count` requests normally, but only after sleeping `seconds` (the work still happens)."""
        with self.lock:
            self._delays.extend([seconds] * count)

    def clear_faults(self):
        with self.lock:
            self._faults.clear()
            self._delays.clear()

    def default_error_body(self, status):
        return {"error_code": status, "message": f"injected fault {status}"}

    # ---- dispatch --------------------------------------------------------------------------------
    def _dispatch(self, req):
        with self.lock:
            self.requests.append(req)
            fault = self._faults.pop(0) if self._faults else None
            delay = self._delays.pop(0) if (self._delays and fault is None) else 0
        if fault is not None:
            resp = Response(fault.status, fault.body, fault.content_type, fault.headers)
        else:
            if delay:
                time.sleep(delay)
            try:
                resp = self.handle(req)
            except Exception as exc:  # a bug in the stand-in must show up, not hang the client
                resp = Response.json(500, {"error_code": 500, "message": f"stand-in crashed: {exc!r}"})
        with self.lock:
            self.responses.append((req, resp.status))
        return resp

    def handle(self, req):  # pragma: no cover - abstract
        raise NotImplementedError


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Real proxies send a response's headers and body without Nagle's delay; without this the body of
    # every keep-alive response waits for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True
    standin = None

    def setup(self):
        super().setup()
        with self.standin.lock:
            self.standin._sockets.add(self.connection)

    def finish(self):
        try:
            super().finish()
        finally:
            with self.standin.lock:
                self.standin._sockets.discard(self.connection)

    def log_message(self, *args):
        pass

    def _read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _serve(self):
        body = self._read_body()
        raw = list(self.headers.items())
        req = Request(self.command, self.path, {k.lower(): v for k, v in raw}, raw, body)
        resp = self.standin._dispatch(req)
        if resp.status is None:  # a connection reset: RST instead of an answer
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        try:
            self.send_response(resp.status)
            if resp.status != 204:
                self.send_header("Content-Type", resp.content_type)
                self.send_header("Content-Length", str(len(resp.body)))
            for k, v in resp.headers.items():
                self.send_header(k, v)
            self.end_headers()
            if resp.status != 204:
                self.wfile.write(resp.body)
            self.wfile.flush()
        except OSError:
            self.close_connection = True  # the client gave up (e.g. its deadline passed)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _serve


def serve_forever(server):
    """Run a stand-in in the foreground until interrupted (used by `python -m standins.<name>`)."""
    server.start()
    print(f"listening on {server.url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
