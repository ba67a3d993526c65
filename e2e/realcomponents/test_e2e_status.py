"""`gibson-hook status`, the one screen, after real work: a broken Gibson recovered locally by
`health --watch`, real `git commit`s through the installed shims, `emit`, and a `flush` to the CloudEvents
sink stand-in that turns one event into a dead letter. The screen is pinned whole (times, paths and ports
normalised), the JSON shape key by key, and status is shown to start no Gibson and load no libcurl."""
import json
import os
import re
import stat

from hookrunner import binary_path
from gatehelpers import BROKEN, HEALTHY, commit, gibson_target, install, write_gibson

SNAPSHOTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "snapshots")
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


def assert_snapshot(name, actual):
    path = os.path.join(SNAPSHOTS, name)
    if os.environ.get("GIBSON_HOOK_RECORD_SNAPSHOTS") == "1":
        with open(path, "w") as f:
            f.write(actual)
    assert os.path.exists(path), f"no snapshot {path}: record it with GIBSON_HOOK_RECORD_SNAPSHOTS=1"
    with open(path) as f:
        assert actual == f.read(), f"snapshot {name} differs; re-record with GIBSON_HOOK_RECORD_SNAPSHOTS=1\n{actual}"


def normalise(text, hook, sink):
    text = text.replace(binary_path(), "<binary>").replace(sink.url, "<sink>").replace(hook.root, "<root>")
    text = text.replace(os.path.realpath(hook.root), "<root>")
    return TIME.sub("<time>", text)


def worked_repository(hook, ce_sink):
    """Recovery, commits, emit and a flush with one dead letter; returns the sink."""
    sink = ce_sink()
    executable = gibson_target(hook, healthy=False)
    repair = os.path.join(hook.root, "bin", "repair-gibson")
    with open(repair, "w") as f:
        f.write(f"#!/bin/sh\ncat > {executable}.new <<'EOS'\n{HEALTHY}EOS\nchmod 755 {executable}.new\n"
                f"mv {executable}.new {executable}\n")
    os.chmod(repair, 0o755)
    hook.config({
        "gibson": {"maxRetries": 1, "recovery": {"restartCommand": [repair], "backoff": "0s", "backupState": False}},
        "hooks": {"backgroundDelivery": False},
        "sinks": {"cloudEvents": {"url": f"{sink.url}/events"}},
    })
    install(hook)
    watch = hook.run("health", "--watch", "--rounds", "1")
    assert watch.returncode == 0, watch.stdout + watch.stderr
    for name in ("a.txt", "b.txt"):
        r = commit(hook, name)
        assert r.returncode == 0, r.stdout + r.stderr
    hook.emit("com.example.gibson.test.sample", {"n": 1})
    sink.fail_next(1, 400, body={"error": "rejected by the test"})
    rc, summary = hook.flush()
    assert summary["dead"] == 1 and summary["remaining"] == 0, summary
    return sink


def test_status_screen_after_recovery_commits_emit_and_flush(hook, ce_sink):
    sink = worked_repository(hook, ce_sink)
    r = hook.run("status")
    assert r.returncode == 0, r.stderr
    assert r.stderr == (
        "gibson-hook: warning: 1 event is a dead letter (not delivered, not retried): see why with "
        "`gibson-hook outbox list --state dead`, then `gibson-hook outbox retry --all-dead` or "
        "`gibson-hook outbox purge dead`\n")
    assert_snapshot("status.txt", normalise(r.stdout, hook, sink))


def test_status_json_shape(hook, ce_sink):
    worked_repository(hook, ce_sink)
    doc = json.loads(hook.run("status", "--json", check=True).stdout)
    assert sorted(doc) == ["gibson", "hooks", "hooksDir", "linkedWorktree", "outbox", "service", "sinks", "source"]
    gibson = doc["gibson"]
    assert sorted(gibson) == ["cache", "health", "incidents", "lastCheck", "recent", "recoveries"]
    # Recovery's verify cached a healthy check and the commits' gate trusted it.
    assert sorted(gibson["cache"]) == ["checkedAt", "freshUntil", "state"] and gibson["cache"]["state"] == "fresh"
    assert TIME.fullmatch(gibson["cache"]["checkedAt"]) and TIME.fullmatch(gibson["cache"]["freshUntil"])
    assert gibson["health"] == "healthy" and gibson["incidents"] == 1
    assert gibson["recoveries"] == {"remote": 0, "local": 1, "localRecovered": 1}
    entry_keys = ["detail", "eventType", "ok", "route", "serviceStatus", "step", "time"]
    assert sorted(gibson["lastCheck"]) == entry_keys
    assert all(sorted(e) == entry_keys for e in gibson["recent"]) and len(gibson["recent"]) == 5
    complete = next(e for e in gibson["recent"] if e["step"] == "complete")
    assert (complete["eventType"], complete["route"], complete["ok"]) == ("recovery", "local", True)
    outbox = doc["outbox"]
    assert sorted(outbox) == ["dead", "exists", "oldestPending", "path", "pending", "unassigned"]
    assert (outbox["exists"], outbox["pending"], outbox["dead"], outbox["oldestPending"]) == (True, 0, 1, None)
    [ce] = doc["sinks"]
    assert sorted(ce) == ["breaker", "breakerOpenUntil", "configured", "dead", "delivered", "lastDelivered", "lastError",
                          "name", "oldestPending", "pending"]
    delivered = len(hook.outbox(state="delivered"))
    assert (ce["name"], ce["configured"], ce["pending"], ce["dead"], ce["delivered"], ce["breaker"]) == (
        "cloudevents", True, 0, 1, delivered, "closed")
    assert TIME.fullmatch(ce["lastDelivered"]) and "400" in ce["lastError"]
    assert [h["hook"] for h in doc["hooks"] if h["state"] == "shim"] == ["pre-commit", "post-commit"]
    assert doc["service"] == {"systemd": False, "units": [
        {"name": "gibson-hook-infra-ready.service", "installed": False, "active": None},
        {"name": "gibson-hook-watch.service", "installed": False, "active": None}]}


def test_status_starts_no_gibson_and_loads_no_libcurl_or_librdkafka(hook, ce_sink):
    worked_repository(hook, ce_sink)
    trap_dir = os.path.join(hook.root, "trap")
    marker = os.path.join(hook.root, "gibson-was-started")
    os.makedirs(trap_dir)
    trap = os.path.join(trap_dir, "gibson")
    write_gibson(trap, f"#!/bin/sh\necho \"$0 $*\" >> {marker}\n")
    assert os.stat(trap).st_mode & stat.S_IXUSR
    hook.env["PATH"] = trap_dir + os.pathsep + hook.env["PATH"]
    hook.env["GIBSON_HOOK_GIBSON"] = trap
    hook.env["GIBSON_HOOK_KAFKA_BROKERS"] = "127.0.0.1:9"  # a native Kafka sink configured: still not loaded
    hook.env["LD_DEBUG"] = "libs"
    r = hook.run("status")
    assert r.returncode == 0, r.stderr
    assert not os.path.exists(marker), open(marker).read()
    loaded = [line for line in r.stderr.splitlines() if "calling init:" in line]
    assert loaded, "LD_DEBUG=libs printed no library initialisations: the check would prove nothing"
    assert not [line for line in loaded if "libcurl" in line or "librdkafka" in line], loaded
    # The control: a command that does deliver loads libcurl under the same check.
    del hook.env["LD_DEBUG"]
    hook.emit("com.example.gibson.test.sample", {"n": 2})
    hook.env["LD_DEBUG"] = "libs"
    flush = hook.run("flush", "--deadline", "1s")
    assert any("libcurl" in line for line in flush.stderr.splitlines() if "calling init:" in line), flush.stderr[-3000:]


def test_status_with_nothing_recorded_says_so(hook):
    r = hook.run("status")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert_snapshot("status-empty.txt", normalise(r.stdout, hook, type("S", (), {"url": "<none>"})))


def test_a_recovery_started_on_temporal_shows_as_remote(gibson_capable, tmp_path, temporal):
    """A blocked commit whose gate starts gibson-recovery-workflow on the real Temporal dev server: status
    counts it as a remote recovery and marks the step so."""
    from hookrunner import GibsonHook
    hook = GibsonHook(tmp_path)
    gibson_target(hook)
    hook.temporal(temporal.http)
    hook.config({"gibson": {"recovery": {"wait": "2s"}}, "hooks": {"preCommit": {"timeout": "60s"}}})
    install(hook)
    blocked = commit(hook, "a.txt")
    assert blocked.returncode != 0 and "ok remote-start" in blocked.stderr, blocked.stderr
    doc = json.loads(hook.run("status", "--json", check=True).stdout)
    # The gate records its failed probe as the recovery it started: status reads that as the last check.
    gibson = doc["gibson"]
    assert (gibson["health"], gibson["incidents"], gibson["recoveries"]["remote"]) == ("unhealthy", 0, 1), gibson
    [remote] = [e for e in gibson["recent"] if e["step"] == "remote-start"]
    assert gibson["lastCheck"] == remote and (remote["eventType"], remote["route"]) == ("recovery", "remote"), remote
    assert re.fullmatch(r"started workflow 'gibson-recovery-[^']+'", remote["detail"]), remote
    screen = hook.run("status", check=True).stdout
    assert re.search(r"^  \S+ recovery     starting remote-start \(remote\) ", screen, re.M), screen
    assert screen.startswith("gibson: unhealthy (last check "), screen
    assert "  incidents: 0, recoveries: 1 remote, 0 local (0 recovered)\n" in screen, screen
