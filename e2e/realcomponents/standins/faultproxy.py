"""A fault-injecting HTTP proxy in front of a real server (the Temporal dev server's HTTP API): every request
is forwarded unchanged and the real answer relayed, except the faults a real server will not produce on
demand. It records every request with its headers (auth headers arrive here) and can listen with TLS.

Faults, each for the next `count` requests (thread-safe):
  fail_next(count, status, retry_after=None)  answer `status` without forwarding (503, 429 + Retry-After)
  delay_next(count, seconds)                  forward now, answer only after `seconds` (the work happens)
  reset_next(count)                           forward nothing, reset the connection
  stop() / start()                            the listener closes: connection refused (server "down")
"""
import http.client
import threading
import time
from urllib.parse import urlsplit

from .server import Response, StandinServer

_HOP = {"host", "connection", "content-length", "transfer-encoding", "keep-alive", "accept-encoding"}


class FaultProxy(StandinServer):
    """Forwards to `upstream` (http://host:port)."""

    def __init__(self, upstream, **kw):
        super().__init__(**kw)
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname, parts.port)
        self._resets = 0
        self._answer_delays = []
        self._reset_lock = threading.Lock()

    def default_error_body(self, status):
        # google.rpc.Status, what Temporal's HTTP API answers with (14 UNAVAILABLE, 8 RESOURCE_EXHAUSTED).
        return {"code": {503: 14, 429: 8}.get(status, 13), "message": f"injected fault {status}", "details": []}

    def reset_next(self, count):
        with self._reset_lock:
            self._resets += count

    def delay_next(self, count, seconds):
        with self.lock:
            self._answer_delays.extend([seconds] * count)

    def clear_faults(self):
        super().clear_faults()
        with self.lock:
            self._answer_delays.clear()
        with self._reset_lock:
            self._resets = 0

    def handle(self, req):
        with self._reset_lock:
            if self._resets:
                self._resets -= 1
                return Response(None)
        with self.lock:
            delay = self._answer_delays.pop(0) if self._answer_delays else 0
        conn = http.client.HTTPConnection(*self.upstream, timeout=60)
        try:
            headers = {k: v for k, v in req.raw_headers if k.lower() not in _HOP}
            conn.request(req.method, req.path, body=req.body or None, headers=headers)
            r = conn.getresponse()
            body = r.read()
            ctype = r.getheader("Content-Type", "application/json")
            extra = {k: v for k, v in r.getheaders() if k.lower() not in _HOP | {"content-type", "date", "server"}}
        finally:
            conn.close()
        if delay:
            time.sleep(delay)
        return Response(r.status, body, ctype, extra)

    @property
    def statuses(self):
        """The status of every answer given (None for a reset), in order."""
        with self.lock:
            return [status for _, status in self.responses]
