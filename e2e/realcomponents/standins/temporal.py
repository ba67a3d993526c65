"""Temporal HTTP API stand-in (WIRE.md §2): start workflow and signal-with-start, validated against
specs/temporal-api/openapiv2.json with unknown fields rejected at every level, canonical payloads only,
protobuf durations, and the requestId / workflowId dedup rules of §2.5 and §2.8.

Run alone:  python -m standins.temporal --port 7243 --prefix /api/v1
"""
import argparse
import json
import re
import uuid
from urllib.parse import unquote

from . import specs
from .server import Response, StandinServer, serve_forever

START_BODY = "WorkflowServiceStartWorkflowExecutionBody"
SWS_BODY = "WorkflowServiceSignalWithStartWorkflowExecutionBody"
ALREADY_STARTED = "type.googleapis.com/temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure"
_DURATION = re.compile(r"^-?\d+(\.\d{1,9})?s$")
_DURATION_FIELDS = {"workflowExecutionTimeout", "workflowRunTimeout", "workflowTaskTimeout", "workflowStartDelay",
                    "initialInterval", "maximumInterval"}
_PAYLOAD_REF = "#/definitions/v1Payload"
_MAX_ID = 1000


def _camel(name):
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def _resolve(node):
    defs = specs.temporal_openapi()["definitions"]
    while "$ref" in node:
        ref = node["$ref"]
        node = defs[ref.rsplit("/", 1)[1]] if ref != _PAYLOAD_REF else {"$payload": True}
    return node


def check_payload(where, value, errs):
    """Canonical protojson Payload: {metadata: {name: base64}, data: base64}; metadata.encoding required."""
    if not isinstance(value, dict):
        errs.append(f"{where}: payload must be an object {{metadata, data}} (canonical form; shorthand is not accepted here)")
        return
    for k in sorted(set(value) - {"metadata", "data", "externalPayloads"}):
        errs.append(f'{where}: unknown field "{k}"')
    meta = value.get("metadata")
    if not isinstance(meta, dict) or "encoding" not in meta:
        errs.append(f"{where}.metadata.encoding is required")
        meta = meta if isinstance(meta, dict) else {}
    for k, v in meta.items():
        try:
            specs.strict_b64decode(v)
        except ValueError as exc:
            errs.append(f"{where}.metadata.{k}: bytes must be base64 ({exc})")
    if "data" in value:
        try:
            specs.strict_b64decode(value["data"])
        except ValueError as exc:
            errs.append(f"{where}.data: bytes must be base64 ({exc})")


def check_known(where, schema, value, errs):
    """Walk value alongside schema: reject keys the schema does not know (protojson has no DiscardUnknown)."""
    schema = _resolve(schema)
    if schema.get("$payload"):
        return check_payload(where, value, errs)
    if isinstance(value, dict) and "properties" in schema:
        props = schema["properties"]
        for k, v in value.items():
            name = k if k in props else _camel(k)
            if name not in props:
                errs.append(f'{where}: unknown field "{k}"')
                continue
            if name in _DURATION_FIELDS and not (isinstance(v, str) and _DURATION.match(v)):
                errs.append(f"{where}.{k}: invalid duration {v!r} (want decimal seconds with an 's' suffix, e.g. \"300s\")")
            check_known(f"{where}.{k}", props[name], v, errs)
    elif isinstance(value, dict) and isinstance(schema.get("additionalProperties"), dict):
        for k, v in value.items():
            check_known(f"{where}.{k}", schema["additionalProperties"], v, errs)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, v in enumerate(value):
            check_known(f"{where}[{i}]", schema["items"], v, errs)


def decode_payloads(payloads):
    """Canonical Payloads -> list of Python values (json/plain decoded, binary/null -> None)."""
    out = []
    for p in (payloads or {}).get("payloads", []):
        enc = specs.strict_b64decode(p["metadata"]["encoding"]).decode()
        data = specs.strict_b64decode(p.get("data", ""))
        out.append(json.loads(data) if enc == "json/plain" else None if enc == "binary/null" else data)
    return out


def rpc_error(http, code, message, details=None):
    body = {"code": code, "message": message, "details": details or []}
    return Response.json(http, body)


class TemporalStandin(StandinServer):
    """`runs[(namespace, workflowId)]` holds every started run; `starts` logs every start attempt."""

    def __init__(self, port=0, prefix="/api/v1", tls=None):
        super().__init__(port=port, tls=tls)
        self.prefix = prefix.rstrip("/")
        self.runs = {}
        self.starts = []  # (namespace, workflowId, requestId, outcome)
        self.invalid = []  # validation errors of every rejected body

    def default_error_body(self, status):
        code = {429: 8, 500: 13, 503: 14, 504: 4}.get(status, 2)
        return {"code": code, "message": f"injected fault {status}", "details": []}

    def handle(self, req):
        path = req.path.split("?", 1)[0]
        pattern = re.escape(self.prefix) + r"/namespaces/([^/]+)/workflows/([^/]+)(?:/signal-with-start/([^/]+))?"
        m = re.fullmatch(pattern, path)
        if not m:
            return rpc_error(404, 5, "Not Found")
        if req.method != "POST":
            return rpc_error(501, 12, "Method Not Allowed")
        ns, wid = unquote(m.group(1)), unquote(m.group(2))
        signal = unquote(m.group(3)) if m.group(3) else None
        try:
            body = json.loads(req.body or b"{}")
        except ValueError as exc:
            return rpc_error(400, 3, f"invalid JSON body: {exc}")
        errs = self.validate(body, SWS_BODY if signal else START_BODY, wid)
        if errs:
            self.starts.append((ns, wid, body.get("requestId") if isinstance(body, dict) else None, "invalid"))
            self.invalid.append(errs)
            return rpc_error(400, 3, "; ".join(errs))
        with self.lock:
            return self._start(ns, wid, body, signal)

    def validate(self, body, definition, wid):
        if not isinstance(body, dict):
            return ["request body must be a JSON object"]
        errs = specs.errors(specs.temporal_validator(definition), body)
        check_known("body", {"$ref": f"#/definitions/{definition}"}, body, errs)
        if not (body.get("workflowType") or {}).get("name"):
            errs.append("WorkflowType is not set on request.")
        if not (body.get("taskQueue") or {}).get("name"):
            errs.append("TaskQueue is not set on request.")
        for name, val in (("workflowId", wid), ("requestId", body.get("requestId")), ("identity", body.get("identity"))):
            if isinstance(val, str) and len(val) > _MAX_ID:
                errs.append(f"{name} exceeds length limit")
        for field in ("input", "signalInput"):
            if not errs and body.get(field) is not None:
                try:
                    decode_payloads(body[field])
                except (ValueError, KeyError, TypeError) as exc:
                    errs.append(f"{field}: payload cannot be decoded ({exc})")
        if definition == SWS_BODY and body.get("workflowIdConflictPolicy") == "WORKFLOW_ID_CONFLICT_POLICY_FAIL":
            errs.append("WorkflowIdConflictPolicy FAIL is not supported for SignalWithStart")
        return errs

    def _start(self, ns, wid, body, signal):
        request_id = body.get("requestId") or str(uuid.uuid4())  # the frontend defaults it (WIRE §2.8)
        run = self.runs.get((ns, wid))
        if run is not None:
            if signal:
                if request_id not in run["signalRequestIds"]:
                    run["signalRequestIds"].add(request_id)
                    run["signals"].append((signal, decode_payloads(body.get("signalInput"))))
                self.starts.append((ns, wid, request_id, "signalled"))
                return Response.json(200, {"runId": run["runId"]})
            if run["requestId"] == request_id:
                self.starts.append((ns, wid, request_id, "deduped"))
                return Response.json(200, {"runId": run["runId"]})
            if body.get("workflowIdConflictPolicy") == "WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING":
                self.starts.append((ns, wid, request_id, "existing"))
                return Response.json(200, {"runId": run["runId"], "status": "WORKFLOW_EXECUTION_STATUS_RUNNING"})
            self.starts.append((ns, wid, request_id, "conflict"))
            return rpc_error(409, 6, f"Workflow execution is already running. WorkflowId: {wid}, RunId: {run['runId']}.",
                             [{"@type": ALREADY_STARTED, "startRequestId": run["requestId"], "runId": run["runId"]}])
        run = {"runId": str(uuid.uuid4()), "requestId": request_id, "workflowType": body["workflowType"]["name"],
               "taskQueue": body["taskQueue"]["name"], "input": decode_payloads(body.get("input")),
               "signals": [], "signalRequestIds": set(), "body": body}
        if signal:
            run["signalRequestIds"].add(request_id)
            run["signals"].append((signal, decode_payloads(body.get("signalInput"))))
        self.runs[(ns, wid)] = run
        self.starts.append((ns, wid, request_id, "started"))
        return Response.json(200, {"runId": run["runId"], "started": True, "status": "WORKFLOW_EXECUTION_STATUS_RUNNING"})


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--prefix", default="/api/v1")
    a = ap.parse_args()
    serve_forever(TemporalStandin(a.port, a.prefix))


if __name__ == "__main__":
    main()
