"""Minimal HTTP client for the stand-in self-tests (exact headers, no redirects, optional CA)."""
import http.client
import json
import ssl
from urllib.parse import urlsplit


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"Reply({self.status}, {self.body[:300]!r})"


def request(method, url, body=None, headers=None, cafile=None, timeout=30):
    parts = urlsplit(url)
    if parts.scheme == "https":
        ctx = ssl.create_default_context(cafile=cafile)
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, context=ctx, timeout=timeout)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
    if isinstance(body, str):
        body = body.encode()
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return Reply(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    finally:
        conn.close()


def post(url, body, content_type, accept=None, **kw):
    headers = {"Content-Type": content_type, **kw.pop("headers", {})}
    if accept is not None:
        headers["Accept"] = accept
    return request("POST", url, body, headers, **kw)
