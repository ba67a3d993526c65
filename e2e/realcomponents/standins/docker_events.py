"""A stand-in for the Docker Engine API's events endpoint on a unix socket (Docker cannot run here).

It speaks what gibson-hook reads, as documented for Engine API v1.43 `GET /events`: query `since` and
`until` (Unix seconds with an optional fraction), `filters` a JSON object of string lists (keys `type`,
`event`, `container`, `image`, `label`, ...), newline-delimited JSON answered with chunked transfer encoding.
Like the Engine API it rejects malformed `filters` JSON, unknown filter keys and malformed times with 400
and a JSON `message`, and answers other paths 404."""
import json
import os
import socketserver
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler

KNOWN_FILTERS = {"config", "container", "daemon", "event", "image", "label", "network", "node", "plugin",
                 "scope", "secret", "service", "type", "volume"}


def parse_time(text):
    whole, _, fraction = text.partition(".")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise ValueError(text)
    return int(whole) * 10**9 + int((fraction + "000000000")[:9] or 0)


class DockerEventsStandin:
    def __init__(self, path):
        self.path = path
        self.events = []  # Engine API event objects, as Docker writes them
        self.requests = []
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def address_string(self):
                return "unix"

            def answer(self, status, body, chunked=False):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for line in body:
                        data = line.encode()
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                    self.wfile.write(b"0\r\n\r\n")
                else:
                    data = json.dumps(body).encode()
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                self.close_connection = True

            def do_GET(self):
                url = urllib.parse.urlsplit(self.path)
                standin.requests.append(self.path)
                if url.path not in ("/events", "/v1.43/events"):
                    return self.answer(404, {"message": "page not found"})
                query = urllib.parse.parse_qs(url.query)
                try:
                    filters = json.loads(query.get("filters", ["{}"])[0])
                    if not isinstance(filters, dict) or not all(isinstance(v, (list, dict)) for v in filters.values()):
                        raise ValueError
                except ValueError:
                    return self.answer(400, {"message": "invalid filter: the filters must be a JSON object of lists"})
                unknown = set(filters) - KNOWN_FILTERS
                if unknown:
                    return self.answer(400, {"message": f"invalid filter '{sorted(unknown)[0]}'"})
                try:
                    since = parse_time(query["since"][0]) if "since" in query else 0
                    until = parse_time(query["until"][0]) if "until" in query else None
                except ValueError as exc:
                    return self.answer(400, {"message": f"invalid timestamp {exc}"})
                if until is None:
                    return self.answer(501, {"message": "this stand-in does not stream: pass until"})

                def wanted(ev):
                    values = {"type": [ev.get("Type")], "event": [ev.get("Action")],
                              "container": [ev.get("Actor", {}).get("ID")]}
                    return (since <= ev.get("timeNano", 0) <= until and
                            all(set(v) & set(values.get(k, [])) for k, v in filters.items() if k in values))
                self.answer(200, [json.dumps(ev) + "\n" for ev in standin.events if wanted(ev)], chunked=True)

        class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
            daemon_threads = True

        if os.path.exists(path):
            os.unlink(path)
        self.server = Server(path, Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def container(self, action, name, image, at_nanos, labels=None, id_=None):
        self.events.append({
            "status": action, "id": id_ or f"c-{name}", "from": image, "Type": "container", "Action": action,
            "Actor": {"ID": id_ or f"c-{name}", "Attributes": {"name": name, "image": image, **(labels or {})}},
            "scope": "local", "time": at_nanos // 10**9, "timeNano": at_nanos})
