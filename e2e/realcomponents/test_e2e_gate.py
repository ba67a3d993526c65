"""The health gate goes remote first, end to end: real `git commit` / `git push` through the shims that
`gibson-hook install` wires, with GIBSON_HOOK_TEMPORAL_URL pointing at the real Temporal dev server."""
import json

import pytest

from gatehelpers import (HEALTHY, PlaysTheWorker, away_from_bucket_edge, commit, commit_count, gibson_target, git,
                         install, recovery_runs, write_gibson)
from hookrunner import GibsonHook


@pytest.fixture
def gate(gibson_capable, tmp_path, temporal):
    """A repository with the shims installed, a broken Gibson and Temporal configured."""
    hook = GibsonHook(tmp_path)
    hook.gibson = gibson_target(hook)
    hook.temporal(temporal.http)
    hook.config({"gibson": {"recovery": {"wait": "2s"}}, "hooks": {"preCommit": {"timeout": "60s"}}})
    install(hook)
    return hook


def test_broken_gibson_blocks_and_one_incident_starts_one_recovery_run(gate, temporal):
    away_from_bucket_edge()
    first, second = commit(gate, "a.txt"), commit(gate, "b.txt")
    assert first.returncode != 0 and second.returncode != 0, (first.stderr, second.stderr)
    assert commit_count(gate) == 1, "a commit got through with Gibson broken"
    [(wid, _run, value)] = recovery_runs(temporal, gate.gibson)
    assert value["failureReason"] == "non-zero-exit"
    assert value["restartConfig"]["executable"] == gate.gibson
    assert "ModuleNotFoundError" in value["detail"]
    for r in (first, second):
        assert r.stderr == (
            "gibson-hook: error: gibson is unhealthy: non-zero-exit: 'gibson help' exited with status 1: "
            "ModuleNotFoundError: No module named 'gibson'\n"
            f"  ok remote-start: started gibson-recovery-workflow '{wid}'\n"
            "hint: run 'gibson-hook health --no-cache' to see the failing probe, then repair gibson\n"
            "hint: set gibson.recovery.restartCommand so recovery can restart gibson for you\n"
            "hint: to commit anyway, skip the hooks once: GIBSON_HOOK=0 git commit …\n"), r.stderr
    assert temporal.describe(wid)["workflowExecutionInfo"]["status"] == "WORKFLOW_EXECUTION_STATUS_RUNNING"


def test_a_new_failure_after_the_recovery_run_finished_starts_a_new_run(gate, temporal):
    away_from_bucket_edge()
    assert commit(gate, "a.txt").returncode != 0
    [(wid, first_run, _)] = recovery_runs(temporal, gate.gibson)
    temporal.terminate(wid, reason="the worker gave up")
    blocked = commit(gate, "b.txt")
    assert blocked.returncode != 0 and "ok remote-start" in blocked.stderr, blocked.stderr
    runs = temporal.wait_for(lambda: (lambda r: r if len(r) == 2 else None)(recovery_runs(temporal, gate.gibson)),
                             what="a second recovery run")
    assert {w for w, _, _ in runs} == {wid} and first_run in {r for _, r, _ in runs}
    assert temporal.describe(wid)["workflowExecutionInfo"]["status"] == "WORKFLOW_EXECUTION_STATUS_RUNNING"


def test_the_commit_passes_once_the_worker_repairs_gibson(gate, temporal):
    gate.config({"gibson": {"recovery": {"wait": "90s"}}, "hooks": {"preCommit": {"timeout": "120s"}}})
    worker = PlaysTheWorker(temporal, gate.gibson)
    worker.start()
    r = commit(gate, "a.txt")
    worker.join(5)
    assert worker.error is None, worker.error
    assert worker.seen is not None, "no recovery run appeared on Temporal"
    assert r.returncode == 0, r.stderr
    assert commit_count(gate) == 2
    assert recovery_runs(temporal, gate.gibson) == [worker.seen]


def test_temporal_down_runs_local_recovery_says_why_and_delivers_the_start_later(gibson_capable, tmp_path, temporal,
                                                                                 temporal_proxy):
    proxy = temporal_proxy()
    proxy.stop()  # the engine is configured but down: connection refused
    hook = GibsonHook(tmp_path)
    gibson = gibson_target(hook)
    healed = tmp_path / "healed-gibson"
    healed.write_text(HEALTHY)
    healed.chmod(0o755)
    restart = tmp_path / "restart-gibson"
    restart.write_text(f"#!/bin/sh\ncp '{healed}' '{gibson}.new' && mv '{gibson}.new' '{gibson}'\n")
    restart.chmod(0o755)
    hook.temporal(proxy.url)
    hook.config({"gibson": {"recovery": {"wait": "30s", "restartCommand": [str(restart)]}},
                 "hooks": {"preCommit": {"timeout": "60s"}}})
    install(hook)
    away_from_bucket_edge()

    r = commit(hook, "a.txt")
    assert r.returncode == 0, r.stderr
    head, why = r.stderr.splitlines()  # curl's own wording follows the URL
    assert head == "gibson-hook: gibson recovered (healthy)", r.stderr
    assert why.startswith("  ran recovery locally: temporal is unavailable: could not connect to "
                          f"'{proxy.url}/api/v1/namespaces/default/workflows/gibson-recovery-"), r.stderr
    assert commit_count(hook) == 2

    write_gibson(gibson, "#!/bin/sh\necho 'ModuleNotFoundError: broken again' >&2\nexit 1\n")
    doc = json.loads(hook.run("pre-commit", "--json").stdout)
    assert doc["gate"]["passed"] is True
    recovery = doc["gate"]["recovery"]
    assert recovery["path"] == "local" and recovery["reason"].startswith("temporal is unavailable: "), recovery
    assert recovery_runs(temporal, gibson) == []
    starts = [e for e in hook.outbox() if e["type"] == "ai.gibson.hook.workflow.start"]
    assert [e["state"] for e in starts] == ["pending", "pending"], starts

    # The server is back: the starts left in the outbox are delivered (the outbox loses nothing), although
    # local recovery already resolved both incidents (docs/health.md, "Temporal down").
    proxy.start()
    hook.flush_until_done()
    runs = temporal.wait_for(lambda: (lambda r: r if len(r) == 2 else None)(recovery_runs(temporal, gibson)),
                             what="the two pending recovery starts")
    assert sorted(v["detail"].rsplit(": ", 1)[-1] for _, _, v in runs) == sorted(["broken again", "No module named 'gibson'"])
    assert [e["state"] for e in hook.outbox() if e["type"] == "ai.gibson.hook.workflow.start"] == ["delivered", "delivered"]


def test_pre_push_gate_goes_remote_first(gibson_capable, tmp_path, temporal):
    hook = GibsonHook(tmp_path)
    remote = tmp_path / "remote.git"
    assert git(hook, "init", "-q", "--bare", str(remote)).returncode == 0
    assert git(hook, "remote", "add", "origin", str(remote)).returncode == 0
    hook.gibson = gibson_target(hook)
    hook.temporal(temporal.http)
    hook.config({"gibson": {"recovery": {"wait": "2s"}}, "hooks": {"prePushHealthGate": True}})
    install(hook, "--hooks", "all")
    r = git(hook, "push", "-q", "origin", "main")
    assert r.returncode != 0, r.stderr
    [(wid, _, value)] = recovery_runs(temporal, hook.gibson)
    assert f"started gibson-recovery-workflow '{wid}'" in r.stderr, r.stderr
    assert git(hook, "ls-remote", str(remote)).stdout == "", "the push went through with Gibson broken"
    write_gibson(hook.gibson, HEALTHY)
    assert git(hook, "push", "-q", "origin", "main").returncode == 0
