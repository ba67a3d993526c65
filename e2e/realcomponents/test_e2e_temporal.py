"""gibson-hook starting workflows through the Temporal HTTP API stand-in."""
import time

from hookrunner import GibsonHook

WORKFLOW = "ai.gibson.hook.workflow.start"


def request_for(wid, *args):
    return {"workflowType": "gibson-recovery-workflow", "workflowId": wid, "input": list(args)}


def test_workflow_event_starts_one_run_with_canonical_input(hook, temporal):
    t = temporal()
    hook.temporal(t.url)
    hook.emit(WORKFLOW, request_for("recovery-acme-1", {"reason": "health check failed"}, 3))
    rc, summary = hook.flush()
    assert rc == 0 and summary["delivered"] == 1, summary
    run = t.runs[("default", "recovery-acme-1")]
    assert run["workflowType"] == "gibson-recovery-workflow" and run["taskQueue"] == "gibson-hook"
    assert run["input"] == [{"reason": "health check failed"}, 3]
    assert [o for *_, o in t.starts] == ["started"]


def test_lost_response_is_retried_with_the_same_request_id(hook, temporal):
    t = temporal()
    hook.temporal(t.url)
    t.delay_next(1, 6)  # the run starts, but only after the client has given up on the answer
    hook.emit(WORKFLOW, request_for("recovery-acme-2", "x"))
    rc, _ = hook.flush(deadline="2s")
    assert rc == 3
    hook.flush_until_done()
    deadline = time.monotonic() + 15
    while len(t.responses) < len(t.requests) and time.monotonic() < deadline:
        time.sleep(0.1)  # let the delayed first request finish on the stand-in
    assert len(t.starts) >= 2, t.starts
    assert len(t.runs) == 1
    request_ids = {rid for _, wid, rid, _ in t.starts if wid == "recovery-acme-2"}
    assert len(request_ids) == 1, f"retries used different requestIds: {request_ids}"
    assert sorted(o for *_, o in t.starts)[:2] == ["deduped", "started"], t.starts


def test_second_start_of_same_workflow_id_is_an_answer_not_an_error(hook, temporal):
    t = temporal()
    hook.temporal(t.url)
    hook.emit(WORKFLOW, request_for("recovery-acme-3", 1))
    hook.emit(WORKFLOW, request_for("recovery-acme-3", 2))
    rc, summary = hook.flush()
    assert rc == 0 and summary["dead"] == 0 and summary["delivered"] == 2, summary
    assert len(t.runs) == 1
    # 409 (default conflict policy FAIL) or 200 with the existing run (USE_EXISTING) are both answers.
    assert sorted(o for *_, o in t.starts) in (["conflict", "started"], ["existing", "started"]), t.starts


def test_path_prefix_is_configurable(gibson_capable, tmp_path, temporal):
    t = temporal(prefix="")
    hook = GibsonHook(tmp_path)
    hook.temporal(t.url)
    hook.config({"sinks": {"temporal": {"url": t.url, "pathPrefix": "", "namespace": "ci"}}})
    hook.emit(WORKFLOW, request_for("recovery-acme-4"))
    assert hook.flush()[0] == 0
    assert ("ci", "recovery-acme-4") in t.runs


def test_signal_with_start_carries_the_signal(hook, temporal):
    t = temporal()
    hook.temporal(t.url)
    request = dict(request_for("recovery-acme-5", "start-arg"), signalName="pushed", signalInput=[{"sha": "1b4e28b"}])
    hook.emit(WORKFLOW, request)
    assert hook.flush()[0] == 0
    run = t.runs[("default", "recovery-acme-5")]
    assert run["input"] == ["start-arg"] and run["signals"] == [("pushed", [{"sha": "1b4e28b"}])]


def test_unavailable_frontend_is_retried(hook, temporal):
    t = temporal()
    hook.temporal(t.url)
    t.fail_next(2, 503)
    hook.emit(WORKFLOW, request_for("recovery-acme-6"))
    hook.flush_until_done()
    assert list(t.runs) == [("default", "recovery-acme-6")]
    assert [status for _, status in t.responses] == [503, 503, 200]
