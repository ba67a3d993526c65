"""A fault-injecting HTTP server for the reliability suite. It speaks just enough of the CloudEvents HTTP
binding, Kafka REST v2/v3 and Temporal's HTTP API to acknowledge events, and on demand misbehaves:

  ok                 answer like the real sink kind (counting every event id it acknowledges)
  refuse             close the listening socket: connections are refused (ECONNREFUSED)
  reset              read the request, send half a status line, then reset the connection (RST)
  slow               answer one byte every `slow_interval` seconds
  huge               answer `status` with a body of `huge_bytes` bytes, streamed (never held in memory)
  bad_status         answer a status line that is not HTTP
  truncated_chunked  answer 200 with a chunked body cut off in the middle of a chunk
  retry_after        answer `status` (503 or 429) with `Retry-After: retry_after`
  status             answer `status` with a JSON `message` (e.g. 400: a permanent refusal)
  echo_credentials   answer 401 echoing the request's Authorization header and query string in the body

Raw sockets, not http.server: the malformed answers need byte-level control. One thread per connection,
keep-alive honoured. `hits` counts requests per mode; `acked` counts acknowledgements per event id (the
duplicate count); `requests` keeps the last requests' heads for assertions."""
import base64
import collections
import json
import socket
import struct
import threading
import time
import urllib.parse


class FaultServer:
    def __init__(self, kind="cloudevents"):
        assert kind in ("cloudevents", "kafka-v2", "kafka-v3", "temporal"), kind
        self.kind = kind
        self.mode = "ok"
        self.status = 503
        self.retry_after = "2"
        self.huge_bytes = 1_500_000_000
        self.slow_interval = 0.5
        self.delay = 0.0  # seconds before each healthy answer (widens the window a kill can land in)
        self.temporal_bare = False  # a Temporal server that serves only the bare path (404 on /api/v1/...)
        self.lock = threading.Lock()
        self.acked = collections.Counter()
        self.hits = collections.Counter()
        self.requests = collections.deque(maxlen=50)
        self.bodies_sent = 0
        self._listener = None
        self._stopping = False
        self.port = self._listen(0)
        self.url = f"http://127.0.0.1:{self.port}"

    # ---- lifecycle -------------------------------------------------------------------------------
    def _listen(self, port):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen(64)
        self._listener = s
        threading.Thread(target=self._accept, args=(s,), daemon=True).start()
        return s.getsockname()[1]

    def set_mode(self, mode, **params):
        """Switch behaviour; `refuse` closes the port, any other mode (re)opens it."""
        with self.lock:
            for k, v in params.items():
                setattr(self, k, v)
            previous, self.mode = self.mode, mode
        if mode == "refuse" and self._listener is not None:
            self._stop_listening()
        elif mode != "refuse" and self._listener is None:
            for _ in range(50):
                try:
                    self._listen(self.port)
                    break
                except OSError:
                    time.sleep(0.05)
        return previous

    def _stop_listening(self):
        # shutdown() wakes the thread blocked in accept() and stops listening at once; close() alone would
        # leave the kernel socket accepting while that thread holds it.
        try:
            self._listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._listener.close()
        self._listener = None

    def close(self):
        self._stopping = True
        if self._listener is not None:
            self._stop_listening()

    def duplicates(self):
        with self.lock:
            return sum(n - 1 for n in self.acked.values() if n > 1)

    # ---- connections -----------------------------------------------------------------------------
    def _accept(self, listener):
        while not self._stopping:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buf = b""
        try:
            while True:
                request, buf = self._read_request(conn, buf)
                if request is None:
                    return
                if not self._answer(conn, *request):
                    return
        except OSError:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    @staticmethod
    def _read_request(conn, buf):
        while b"\r\n\r\n" not in buf:
            chunk = conn.recv(65536)
            if not chunk:
                return None, b""
            buf += chunk
        head, buf = buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(buf) < length:
            chunk = conn.recv(65536)
            if not chunk:
                return None, b""
            buf += chunk
        return (method, target, headers, buf[:length]), buf[length:]

    # ---- answers ---------------------------------------------------------------------------------
    def _answer(self, conn, method, target, headers, body):
        with self.lock:
            mode = self.mode
            self.hits[mode] += 1
            self.requests.append((method, target, dict(headers)))
        if mode == "reset":
            conn.sendall(b"HTTP/1.1 2")
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return False
        if mode == "bad_status":
            conn.sendall(b"HTTQ/9 banana\r\n\r\n")
            return False
        if mode == "truncated_chunked":
            conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                         b"40\r\n{\"offsets\":[")
            return False
        if mode == "retry_after":
            return self._send(conn, self.status, b'{"message":"busy"}', [("Retry-After", self.retry_after)])
        if mode == "status":
            return self._send(conn, self.status, b'{"message":"rejected by the fault server"}')
        if mode == "echo_credentials":
            query = urllib.parse.urlsplit(target).query
            echoed = json.dumps({"message": f"bad credentials: Authorization: {headers.get('authorization', '')} "
                                            f"query {query}", "received": headers.get("authorization", "")})
            return self._send(conn, 401, echoed.encode())
        if mode == "huge":
            return self._send_huge(conn, self.status, self.huge_bytes)
        if self.delay:
            time.sleep(self.delay)
        status, reply = self._ok(method, target, headers, body)
        if mode == "slow":
            data = self._response_bytes(status, reply)
            for i in range(len(data)):
                conn.sendall(data[i:i + 1])
                time.sleep(self.slow_interval)
            return True
        return self._send(conn, status, reply)

    @staticmethod
    def _response_bytes(status, body, extra=()):
        head = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}", "Content-Type: application/json"]
        head += [f"{k}: {v}" for k, v in extra]
        return ("\r\n".join(head) + "\r\n\r\n").encode() + body

    def _send(self, conn, status, body, extra=()):
        conn.sendall(self._response_bytes(status, body, extra))
        return True

    def _send_huge(self, conn, status, size):
        conn.sendall(f"HTTP/1.1 {status} X\r\nContent-Length: {size}\r\nContent-Type: text/plain\r\n\r\n".encode())
        block = b"x" * 65536
        sent = 0
        try:
            while sent < size:
                n = min(len(block), size - sent)
                conn.sendall(block[:n])
                sent += n
        finally:
            with self.lock:
                self.bodies_sent += sent
        return True

    def _ok(self, method, target, headers, body):
        """The acknowledgement a healthy sink of this kind gives, counting each acknowledged id."""
        path = urllib.parse.urlsplit(target).path
        if self.kind == "temporal" and self.temporal_bare and path.startswith("/api/v1/"):
            return 404, b'{"message":"no such route"}'
        if self.kind == "kafka-v3" and method == "GET" and path == "/v3/clusters":
            return 200, b'{"data":[{"cluster_id":"fault-cluster"}]}'
        ids, reply = [], b""
        if self.kind == "cloudevents":
            if headers.get("content-type", "").startswith("application/cloudevents-batch+json"):
                ids = [e["id"] for e in json.loads(body)]
            elif "ce-id" in headers:
                ids = [headers["ce-id"]]
            else:
                ids = [json.loads(body)["id"]]
            status = 202
        elif self.kind == "kafka-v2":
            records = json.loads(body)["records"]
            for r in records:
                value = r["value"]
                if isinstance(value, str):
                    value = json.loads(base64.b64decode(value))
                ids.append(value["id"])
            reply = json.dumps({"offsets": [{"partition": 0, "offset": i, "error_code": None, "error": None}
                                            for i in range(len(records))]}).encode()
            status = 200
        elif self.kind == "kafka-v3":
            decoder, text, pos, reports = json.JSONDecoder(), body.decode(), 0, []
            while pos < len(text):
                while pos < len(text) and text[pos].isspace():
                    pos += 1
                if pos >= len(text):
                    break
                record, pos = decoder.raw_decode(text, pos)
                ids.append(record["value"]["data"]["id"])
                reports.append(json.dumps({"error_code": 200, "cluster_id": "fault-cluster", "partition_id": 0,
                                           "offset": len(reports)}))
            reply = "\n".join(reports).encode()
            status = 200
        else:
            ids = [json.loads(body)["requestId"]]
            reply = json.dumps({"runId": "run-" + ids[0]}).encode()
            status = 200
        with self.lock:
            for i in ids:
                self.acked[i] += 1
        return status, reply
