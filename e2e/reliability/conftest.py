"""Fixtures for the reliability suite: the real gibson-hook binary (GIBSON_HOOK_BINARY) against the
fault-injecting server, one isolated installation per test. The installation helper comes from
e2e/realcomponents (hookrunner.GibsonHook), read-only."""
import json
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(1, os.path.join(HERE, "..", "realcomponents"))

import hookrunner  # noqa: E402
from faultserver import FaultServer  # noqa: E402

KINDS = ("cloudevents", "kafka-v2", "kafka-v3")
WORKFLOW = "ai.gibson.hook.workflow.start"


@pytest.fixture(scope="session")
def binary():
    missing = hookrunner.missing_capability()
    if missing:
        pytest.fail(missing)  # never a silent skip: the suite is meaningless without the binary
    return hookrunner.binary_path()


class Hook(hookrunner.GibsonHook):
    """A GibsonHook pointed at one fault server, with delivery settings short enough for tests."""

    def use(self, server, **delivery):
        settings = {"connectTimeout": "1s", "requestTimeout": "3s", "backoffBase": "10ms", "backoffCap": "50ms",
                    "breakerFailureThreshold": 3, "breakerRecoveryTimeout": "1s"}
        settings.update(delivery)
        sinks = {}
        if server.kind == "cloudevents":
            sinks["cloudEvents"] = {"url": server.url}
        elif server.kind.startswith("kafka"):
            sinks["kafka"] = {"url": server.url, "api": server.kind.split("-")[1]}
        else:
            sinks["temporal"] = {"url": server.url}
        self.document = {"sinks": sinks, "delivery": settings, "outbox": {"maxAttempts": 3}}
        self.config(self.document)

    def flush_json(self, deadline="10s"):
        """`flush --json`: exit status and summary, whatever the status (the tests judge it)."""
        r = self.run("flush", "--deadline", deadline, "--json")
        assert r.returncode in (0, 3), f"flush exited {r.returncode}\nstdout: {r.stdout}\nstderr: {r.stderr}"
        return r.returncode, json.loads(r.stdout), r.stderr

    def emit_many(self, count, kind="cloudevents", start=0, keys=5):
        if kind == "temporal":
            events = [{"type": WORKFLOW, "data": {"workflowType": "gibson-recovery-workflow",
                                                   "workflowId": f"wf-{i}", "input": [i]}} for i in range(start, start + count)]
        else:
            events = [{"type": "ai.gibson.test.reliability", "data": {"n": i}, "topic": "reliability",
                       "key": f"repo-{i % keys}"} for i in range(start, start + count)]
        return self.emit_ndjson(events)

    def states(self):
        rows = self.outbox()
        counts = {}
        for row in rows:
            counts[row["state"]] = counts.get(row["state"], 0) + 1
        return counts, rows


@pytest.fixture
def hook(binary, tmp_path):
    return Hook(tmp_path)


@pytest.fixture
def fault():
    """Factory: fault(kind) -> a running FaultServer, closed on teardown."""
    servers = []

    def make(kind="cloudevents"):
        s = FaultServer(kind)
        servers.append(s)
        return s
    yield make
    for s in servers:
        s.close()
