"""CloudEvents 1.0.2 HTTP sink stand-in (WIRE.md §3): structured, binary and batched content modes, each
parsed with the official SDK (cloudevents.core.bindings.http) and validated against the CloudEvents 1.0.2
attribute schema written in contract.py plus the rules it omits. Faults: anything from StandinServer plus `gone` (410 forever) and
`redirect_next` (301 to /moved; a client that follows it is caught, because /moved records the request).

Run alone:  python -m standins.cloudevents_sink --port 8080
"""
import argparse
import base64
import json
import re
from urllib.parse import unquote_to_bytes

from cloudevents.core.bindings import http as ce_http
from cloudevents.core.formats.json import JSONFormat

from . import contract
from .server import Response, StandinServer, serve_forever

_JSON_MEDIA = re.compile(r"^[^/;\s]+/([^;\s]+\+)?json$", re.I)
_FORMAT = JSONFormat()


def extra_rules(ev):
    """CloudEvents 1.0.2 rules a JSON Schema does not encode (spec.md: specversion, data/data_base64,
    attribute naming, no control characters; RFC 3339 time)."""
    errs = []
    if ev.get("specversion") != "1.0":
        errs.append('specversion MUST be the string "1.0"')
    if "data" in ev and "data_base64" in ev:
        errs.append("data and data_base64 are mutually exclusive")
    for k in ev:
        if k not in ("data", "data_base64") and not re.fullmatch(r"[a-z0-9]+", k):
            errs.append(f"attribute name {k!r} must be [a-z0-9]+")
    t = ev.get("time")
    if t is not None and not (isinstance(t, str) and contract.RFC3339.match(t)):
        errs.append(f"time {t!r} is not RFC 3339")
    for k, v in ev.items():
        if k not in ("data", "data_base64") and isinstance(v, str) and re.search(r"[\x00-\x1f\x7f-\x9f]", v):
            errs.append(f"attribute {k} contains a control character")
    return errs


def validate_event(ev):
    if not isinstance(ev, dict):
        return ["event must be a JSON object"]
    return contract.errors(contract.cloudevents_validator, ev) + extra_rules(ev)


def decode_header_value(value):
    """Binding §3.1.3.2: unquote an RFC 7230 quoted-string, then exactly one round of percent-decoding;
    invalid UTF-8 (e.g. the overlong %C0%A0) is rejected."""
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        value = re.sub(r"\\(.)", r"\1", value[1:-1])
    return unquote_to_bytes(value).decode("utf-8")  # strict: raises UnicodeDecodeError


def binary_to_event(headers, raw_headers, body):
    """Rebuild the JSON-format event from a binary-mode request; returns (event, errors)."""
    errs, ev = [], {}
    for name, value in raw_headers:
        lname = name.lower()
        if lname == "ce-datacontenttype":
            errs.append("ce-datacontenttype MUST NOT be present in binary mode (Content-Type carries it)")
        elif lname.startswith("ce-"):
            try:
                ev[lname[3:]] = decode_header_value(value)
            except UnicodeDecodeError:
                errs.append(f"header {name} is not valid percent-encoded UTF-8")
    ctype = headers.get("content-type")
    if ctype:
        ev["datacontenttype"] = ctype
    if body:
        media = (ctype or "application/json").split(";")[0].strip()
        if _JSON_MEDIA.match(media):
            try:
                ev["data"] = json.loads(body)
            except ValueError:
                errs.append("body is not valid JSON although Content-Type says JSON")
        elif media.startswith("text/"):
            ev["data"] = body.decode("utf-8", "replace")
        else:
            ev["data_base64"] = base64.b64encode(body).decode()
    return ev, errs


class CloudEventsSink(StandinServer):
    """Accepts events on any path except /moved; `events` holds every accepted event (JSON format) in order."""

    def __init__(self, port=0, tls=None, status=202):
        super().__init__(port=port, tls=tls)
        self.events = []
        self.modes = []  # content mode of every accepted request
        self.rejections = []  # (status, errors) for every rejected request
        self.moved_requests = []
        self.status = status
        self.gone = False
        self._redirects = 0

    @property
    def ids(self):
        return [e["id"] for e in self.events]

    def redirect_next(self, count=1):
        with self.lock:
            self._redirects += count

    def _reject(self, status, errs):
        with self.lock:
            self.rejections.append((status, errs))
        return Response(status, ("\n".join(errs) + "\n").encode(), "text/plain")

    def handle(self, req):
        if req.path.startswith("/moved"):
            with self.lock:
                self.moved_requests.append(req)
            return Response(204)
        with self.lock:
            redirect = self._redirects > 0
            self._redirects -= 1 if redirect else 0
        if redirect:
            return Response(301, b"", "text/plain", {"Location": f"{self.url}/moved"})
        if self.gone:
            return self._reject(410, ["this sink is gone; stop sending"])
        if req.method != "POST":
            return self._reject(405, [f"method {req.method} not allowed"])
        if not req.body:
            return self._reject(400, ["delivery MUST carry a payload"])
        ctype = (req.headers.get("content-type") or "").lower()
        if ctype.startswith("application/cloudevents-batch"):
            return self._batch(req)
        if ctype.startswith("application/cloudevents"):
            return self._structured(req)
        return self._binary(req)

    def _accept(self, mode, events):
        with self.lock:
            self.events.extend(events)
            self.modes.append(mode)
        return Response(self.status, b"", "text/plain")

    def _structured(self, req):
        if not req.headers["content-type"].lower().startswith("application/cloudevents+json"):
            return self._reject(415, [f"unsupported event format {req.headers['content-type']!r}"])
        try:
            ev = json.loads(req.body)
        except ValueError as exc:
            return self._reject(400, [f"body is not JSON: {exc}"])
        errs = validate_event(ev)
        if not errs:
            try:
                ce_http.from_structured(ce_http.HTTPMessage(dict(req.headers), req.body), _FORMAT)
            except Exception as exc:
                errs.append(f"official SDK could not parse the event: {exc}")
        return self._reject(400, errs) if errs else self._accept("structured", [ev])

    def _batch(self, req):
        if not req.headers["content-type"].lower().startswith("application/cloudevents-batch+json"):
            return self._reject(415, [f"unsupported batch format {req.headers['content-type']!r}"])
        try:
            batch = json.loads(req.body)
        except ValueError as exc:
            return self._reject(400, [f"body is not JSON: {exc}"])
        if not isinstance(batch, list):
            return self._reject(400, ["a batch must be a JSON array"])
        errs = []
        for i, ev in enumerate(batch):
            errs += [f"[{i}] {e}" for e in validate_event(ev)]
            if not errs:
                try:
                    _FORMAT.read(None, json.dumps(ev).encode())
                except Exception as exc:
                    errs.append(f"[{i}] official SDK could not parse the event: {exc}")
        if len({ev.get("specversion") for ev in batch if isinstance(ev, dict)}) > 1:
            errs.append("all events in a batch MUST share specversion")
        return self._reject(400, errs) if errs else self._accept("batch", batch)

    def _binary(self, req):
        if not any(k.startswith("ce-") for k in req.headers):
            return self._reject(415, [f"Content-Type {req.headers.get('content-type')!r} without ce-* headers is not a CloudEvent"])
        ev, errs = binary_to_event(req.headers, req.raw_headers, req.body)
        errs += validate_event(ev)
        if not errs:
            try:
                ce_http.from_binary(ce_http.HTTPMessage(dict(req.raw_headers), req.body), _FORMAT)
            except Exception as exc:
                errs.append(f"official SDK could not parse the event: {exc}")
        return self._reject(400, errs) if errs else self._accept("binary", [ev])


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, default=0)
    a = ap.parse_args()
    serve_forever(CloudEventsSink(a.port))


if __name__ == "__main__":
    main()
