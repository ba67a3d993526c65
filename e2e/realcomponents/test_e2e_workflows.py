"""The workflow commands and event triggers against the real Temporal dev server: `infra-ready`,
`workflow start activation|recovery|scaling`, `health --watch` and `eventTriggers`, each run read back
from the server. A unique project id per test keeps the deterministic workflow ids of tests apart."""
import json
import re
import queue
import threading
import uuid

import pytest

from gatehelpers import HEALTHY, RECOVERY, gibson_target, recovery_runs, write_gibson
from hookrunner import GibsonHook


@pytest.fixture
def wf(gibson_capable, tmp_path, temporal):
    hook = GibsonHook(tmp_path)
    hook.project = f"proj-{uuid.uuid4().hex[:10]}"
    hook.gibson = gibson_target(hook, healthy=True)
    hook.temporal(temporal.http)
    hook.base = {"project": {"id": hook.project},
                 "infrastructure": {"services": [{"name": "temporal-frontend", "host": "127.0.0.1",
                                                  "port": temporal.ports["grpc"]}]}}
    hook.config(hook.base)
    return hook


def run_json(hook, *args):
    r = hook.run(*args, "--json")
    try:
        return r.returncode, json.loads(r.stdout)
    except ValueError:
        raise AssertionError(f"{args} printed no JSON (exit {r.returncode})\nstdout: {r.stdout}\nstderr: {r.stderr}")


def only_input(temporal, wid):
    started = temporal.started(wid)
    [(encoding, value)] = started["decodedInput"]
    assert encoding == "json/plain"
    return started, value


def test_infra_ready_starts_activation_with_the_services_as_input(wf, temporal):
    rc, doc = run_json(wf, "infra-ready")
    assert rc == 0 and doc["ready"] is True, doc
    assert doc["activation"]["route"] == "remote", doc
    started, value = only_input(temporal, doc["activation"]["workflowId"])
    assert started["workflowType"]["name"] == "gibson-activation-workflow"
    assert started["taskQueue"]["name"] == "gibson-hook" and started["workflowExecutionTimeout"] == "300s"
    assert started["identity"].startswith("gibson-hook@")
    assert value["projectId"] == wf.project
    assert value["services"] == [{"name": "temporal-frontend", "host": "127.0.0.1", "port": temporal.ports["grpc"],
                                  "required": True}]


def test_workflow_start_activation(wf, temporal):
    wf.config(dict(wf.base, workflows={"activation": {"taskQueue": "activation-queue", "executionTimeout": "90s"}}))
    rc, doc = run_json(wf, "workflow", "start", "activation")
    assert rc == 0 and doc["route"] == "remote" and doc["succeeded"] is True, doc
    started, value = only_input(temporal, doc["workflowId"])
    assert started["workflowType"]["name"] == "gibson-activation-workflow"
    assert started["taskQueue"]["name"] == "activation-queue" and started["workflowExecutionTimeout"] == "90s"
    assert value["projectId"] == wf.project


def test_workflow_start_recovery_of_a_broken_gibson(wf, temporal):
    write_gibson(wf.gibson, "#!/bin/sh\necho 'gibson: config unreadable' >&2\nexit 2\n")
    rc, doc = run_json(wf, "workflow", "start", "recovery")
    assert rc == 0 and doc["route"] == "remote", doc
    started, value = only_input(temporal, doc["workflowId"])
    assert started["workflowType"]["name"] == RECOVERY
    assert value["failureReason"] == "non-zero-exit" and value["projectId"] == wf.project
    assert value["restartConfig"]["executable"] == wf.gibson and "config unreadable" in value["detail"]


def test_workflow_start_recovery_of_a_healthy_gibson_starts_nothing(wf, temporal):
    rc, doc = run_json(wf, "workflow", "start", "recovery")
    assert rc == 0 and doc["route"] == "local" and doc["reason"] == "gibson is healthy", doc
    assert recovery_runs(temporal, wf.gibson) == []


def test_workflow_start_scaling(wf, temporal):
    wf.config(dict(wf.base, gibson={"healthCheckInterval": "45s"}))
    rc, doc = run_json(wf, "workflow", "start", "scaling")
    assert rc == 0 and doc["route"] == "remote", doc
    started, value = only_input(temporal, doc["workflowId"])
    assert started["workflowType"]["name"] == "gibson-scaling-workflow"
    assert value["thresholds"] == {"healthCheckInterval": "45s"} and value["projectId"] == wf.project


def test_health_watch_recovers_through_temporal(wf, temporal):
    write_gibson(wf.gibson, "#!/bin/sh\necho 'ModuleNotFoundError: watch' >&2\nexit 1\n")
    wf.config(dict(wf.base, gibson={"healthCheckInterval": "3s", "recovery": {"wait": "1s"}}))
    proc = wf.popen("health", "--watch", "--json")
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    rounds = []
    try:
        while True:  # bounded by the queue timeout: a round every second
            rounds.append(json.loads(lines.get(timeout=120)))
            if rounds[-1]["healthy"]:
                break
            runs = recovery_runs(temporal, wf.gibson)
            if runs:
                write_gibson(wf.gibson, HEALTHY)  # the test plays the worker of the run it sees
    finally:
        proc.terminate()
        proc.wait(30)
    runs = recovery_runs(temporal, wf.gibson)
    # A round that began before the repair may start one more run: replacing the executable makes a new target.
    assert runs and all(v["failureReason"] == "non-zero-exit" and "watch" in v["detail"] for _, _, v in runs), runs
    first = rounds[0]["recovery"]["recovery"]
    assert rounds[0]["healthy"] is False and first["path"] == "remote", rounds[0]
    assert first["workflowId"] in {w for w, _, _ in runs}
    assert rounds[-1]["healthy"] is True and len(rounds) <= 1 + len(runs), rounds


def test_event_triggers_start_their_workflow_on_a_matching_event(wf, temporal):
    name = f"deploy-{uuid.uuid4().hex[:8]}"
    wf.config(dict(wf.base, eventTriggers=[
        {"name": name, "event": "com.example.gibson.test.deploy", "filter": "stage=prod", "action": "workflow:deploy-check"}]))
    matching = wf.emit("com.example.gibson.test.deploy", {"stage": "prod", "n": 1})
    other = wf.emit("com.example.gibson.test.deploy", {"stage": "dev", "n": 2})
    wf.flush_until_done()
    # The workflow id is trigger-<name>-<event id>-<16 hex digits of a hash of source, id and trigger>.
    started_ids = temporal.ids_of_type("deploy-check")
    assert len(started_ids) == 1 and re.fullmatch(rf"trigger-{name}-{matching}-[0-9a-f]{{16}}", started_ids[0]), started_ids
    started, value = only_input(temporal, started_ids[0])
    assert started["workflowType"]["name"] == "deploy-check"
    assert value["id"] == matching and value["type"] == "com.example.gibson.test.deploy"
    assert value["data"] == {"stage": "prod", "n": 1}
    assert not any(w.startswith(f"trigger-{name}-{other}") for w in started_ids)


def test_event_trigger_recovery_action_starts_the_recovery_workflow(wf, temporal):
    name = f"health-{uuid.uuid4().hex[:8]}"
    wf.config(dict(wf.base, eventTriggers=[
        {"name": name, "event": "gibson:health-check", "filter": "serviceStatus=error", "action": "gibson:recovery"}]))
    write_gibson(wf.gibson, "#!/bin/sh\nexit 1\n")
    wf.run("health", "--watch", "--rounds", "1", "--set", "gibson.recovery.wait=1s")
    wf.flush_until_done()
    triggered = [w for w in temporal.ids_of_type(RECOVERY) if w.startswith(f"trigger-{name}-")]
    assert len(triggered) == 1, temporal.ids_of_type(RECOVERY)
    _, value = only_input(temporal, triggered[0])
    assert value["type"] == "ai.gibson.hook.gibson.health-check" and value["data"]["serviceStatus"] == "error"
