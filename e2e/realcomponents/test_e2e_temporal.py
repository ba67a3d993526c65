"""gibson-hook starting workflows on the real Temporal dev server through its HTTP API; every result is read
back from the server (history, describe, list). Faults come from a proxy in front of the real server."""
import json
import uuid

from hookrunner import GibsonHook

WORKFLOW = "ai.gibson.hook.workflow.start"


def wid(name):
    return f"{name}-{uuid.uuid4().hex[:10]}"


def request_for(workflow_id, *args):
    return {"workflowType": "gibson-recovery-workflow", "workflowId": workflow_id, "input": list(args)}


def start_bodies(proxy, workflow_id):
    return [json.loads(r.body) for r in proxy.requests if r.method == "POST" and workflow_id in r.path]


def test_start_has_its_input_readable_back_from_history(hook, temporal):
    hook.temporal(temporal.http)
    w = wid("recovery-acme")
    hook.emit(WORKFLOW, request_for(w, {"reason": "health check failed"}, 3))
    rc, summary = hook.flush()
    assert rc == 0 and summary["delivered"] == 1, summary
    started = temporal.started(w)
    assert started["workflowType"]["name"] == "gibson-recovery-workflow"
    assert started["taskQueue"]["name"] == "gibson-hook"
    assert started["decodedInput"] == [("json/plain", {"reason": "health check failed"}), ("json/plain", 3)]
    assert [r["status"] for r in temporal.runs(w)] == ["WORKFLOW_EXECUTION_STATUS_RUNNING"]


def test_signal_with_start_puts_the_signal_in_history(hook, temporal):
    hook.temporal(temporal.http)
    w = wid("recovery-signal")
    hook.emit(WORKFLOW, dict(request_for(w, "start-arg"), signalName="pushed", signalInput=[{"sha": "1b4e28b"}]))
    assert hook.flush()[0] == 0
    assert temporal.started(w)["decodedInput"] == [("json/plain", "start-arg")]
    assert temporal.signals(w) == [("pushed", [("json/plain", {"sha": "1b4e28b"})])]


def test_same_incident_twice_is_one_run_and_the_second_start_counts_as_started(hook, temporal, temporal_proxy):
    proxy = temporal_proxy()
    hook.temporal(proxy.url)
    w = wid("recovery-twice")
    hook.emit(WORKFLOW, request_for(w, 1))
    hook.emit(WORKFLOW, request_for(w, 2))
    rc, summary = hook.flush()
    assert rc == 0 and summary["delivered"] == 2 and summary["dead"] == 0, summary
    assert len(temporal.runs(w)) == 1
    assert temporal.started(w)["decodedInput"] == [("json/plain", 1)]
    # The real server answered the second start 409 AlreadyExists, and gibson-hook took that as started.
    assert proxy.statuses == [200, 409]
    assert [e["state"] for e in hook.outbox()] == ["delivered", "delivered"]


def test_new_incident_after_the_run_finished_gets_a_new_run(hook, temporal):
    hook.temporal(temporal.http)
    w = wid("recovery-again")
    hook.emit(WORKFLOW, request_for(w, "first"))
    assert hook.flush()[0] == 0
    first_run = temporal.describe(w)["workflowExecutionInfo"]["execution"]["runId"]
    temporal.terminate(w, reason="incident resolved")
    hook.emit(WORKFLOW, request_for(w, "second"))
    assert hook.flush()[0] == 0
    latest = temporal.describe(w)["workflowExecutionInfo"]
    assert latest["execution"]["runId"] != first_run and latest["status"] == "WORKFLOW_EXECUTION_STATUS_RUNNING"
    assert temporal.started(w)["decodedInput"] == [("json/plain", "second")]
    statuses = temporal.wait_for(lambda: sorted(r["status"] for r in temporal.runs(w)) if len(temporal.runs(w)) == 2 else None,
                                 what="two runs in the visibility store")
    assert statuses == ["WORKFLOW_EXECUTION_STATUS_RUNNING", "WORKFLOW_EXECUTION_STATUS_TERMINATED"]


def test_unknown_namespace_is_a_permanent_error_with_the_servers_message(gibson_capable, tmp_path, temporal, temporal_proxy):
    proxy = temporal_proxy()
    hook = GibsonHook(tmp_path)
    namespace = f"missing-{uuid.uuid4().hex[:8]}"
    hook.config({"sinks": {"temporal": {"url": proxy.url, "namespace": namespace}}})
    w = wid("recovery-nons")
    hook.emit(WORKFLOW, request_for(w))
    rc, summary = hook.flush()
    assert rc == 3 and summary["dead"] == 1 and summary["retried"] == 0 and summary["remaining"] == 0, summary
    [entry] = hook.outbox()
    assert entry["state"] == "dead", entry
    assert f"Namespace {namespace} is not found." in json.dumps(entry), entry
    sent = len(proxy.requests)
    again = hook.flush()[1]
    assert again["newDead"] == 0 and again["dead"] == 1 and len(proxy.requests) == sent, "a dead start was tried again"


def test_namespace_and_bare_path_prefix_are_configurable(gibson_capable, tmp_path, temporal):
    hook = GibsonHook(tmp_path)
    hook.config({"sinks": {"temporal": {"url": temporal.http, "pathPrefix": "", "namespace": "ci"}}})
    w = wid("recovery-ci")
    hook.emit(WORKFLOW, request_for(w))
    assert hook.flush()[0] == 0
    assert temporal.describe(w, namespace="ci") is not None
    assert temporal.describe(w) is None


def test_bearer_token_and_tls_settings_are_sent(gibson_capable, tmp_path, temporal, temporal_proxy, tls_files):
    proxy = temporal_proxy(tls=(tls_files["cert"], tls_files["key"]))
    hook = GibsonHook(tmp_path)
    hook.env["TEMPORAL_TEST_TOKEN"] = "s3cr3t-token"
    hook.config({"sinks": {"temporal": {"url": proxy.url, "auth": {"kind": "bearer", "tokenEnv": "TEMPORAL_TEST_TOKEN"},
                                        "tls": {"caFile": tls_files["ca"]}}}})
    assert proxy.url.startswith("https://")
    w = wid("recovery-tls")
    hook.emit(WORKFLOW, request_for(w, "over tls"))
    assert hook.flush()[0] == 0
    assert [r.headers.get("authorization") for r in proxy.requests] == ["Bearer s3cr3t-token"]
    assert temporal.started(w)["decodedInput"] == [("json/plain", "over tls")]


def test_basic_auth_is_sent(gibson_capable, tmp_path, temporal, temporal_proxy):
    proxy = temporal_proxy()
    hook = GibsonHook(tmp_path)
    hook.env["TEMPORAL_TEST_PASSWORD"] = "pa55"
    hook.config({"sinks": {"temporal": {"url": proxy.url, "auth": {"kind": "basic", "username": "ci",
                                                                    "passwordEnv": "TEMPORAL_TEST_PASSWORD"}}}})
    w = wid("recovery-basic")
    hook.emit(WORKFLOW, request_for(w))
    assert hook.flush()[0] == 0
    assert [r.headers.get("authorization") for r in proxy.requests] == ["Basic Y2k6cGE1NQ=="]
    assert temporal.describe(w) is not None


def test_unavailable_frontend_is_retried_until_the_run_starts(hook, temporal, temporal_proxy):
    proxy = temporal_proxy()
    hook.temporal(proxy.url)
    proxy.fail_next(2, 503)
    w = wid("recovery-503")
    hook.emit(WORKFLOW, request_for(w))
    hook.flush_until_done()
    assert proxy.statuses == [503, 503, 200]
    assert len(temporal.runs(w)) == 1


def test_rate_limited_start_with_retry_after_is_retried(hook, temporal, temporal_proxy):
    proxy = temporal_proxy()
    hook.temporal(proxy.url)
    proxy.fail_next(1, 429, retry_after=1)
    w = wid("recovery-429")
    hook.emit(WORKFLOW, request_for(w))
    hook.flush_until_done()
    assert proxy.statuses == [429, 200]
    assert len(temporal.runs(w)) == 1 and [e["state"] for e in hook.outbox()] == ["delivered"]


def test_reset_connection_is_retried(hook, temporal, temporal_proxy):
    proxy = temporal_proxy()
    hook.temporal(proxy.url)
    proxy.reset_next(1)
    w = wid("recovery-reset")
    hook.emit(WORKFLOW, request_for(w))
    hook.flush_until_done()
    assert proxy.statuses == [None, 200]
    assert len(temporal.runs(w)) == 1


def test_lost_answer_is_retried_with_the_same_request_id_and_starts_one_run(hook, temporal, temporal_proxy):
    proxy = temporal_proxy()
    hook.temporal(proxy.url)
    proxy.delay_next(1, 6)  # the real server starts the run, but the answer comes after the client gave up
    w = wid("recovery-slow")
    hook.emit(WORKFLOW, request_for(w, "x"))
    rc, _ = hook.flush(deadline="2s")
    assert rc == 3
    temporal.wait_for_run(w)
    hook.flush_until_done()
    bodies = start_bodies(proxy, w)
    assert len(bodies) >= 2, bodies
    assert len({b["requestId"] for b in bodies}) == 1, "retries used different requestIds"
    # Same requestId: the real server answers the retry with the run it already started.
    assert len(temporal.runs(w)) == 1
    assert [e["state"] for e in hook.outbox()] == ["delivered"]
