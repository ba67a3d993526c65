"""`gibson_hook_requests_total{sink,code}`: one count per delivery request, by the HTTP status it got or a
word for what happened, kept in the outbox across flushes and accepted by promtool."""
import os
import re
import shutil
import subprocess


def requests_total(text):
    return {(m[1], m[2]): int(m[3]) for m in re.finditer(
        r'^gibson_hook_requests_total\{sink="([^"]*)",code="([^"]*)"\} (\d+)$', text, re.M)}


def test_requests_are_counted_per_sink_and_code(hook, fault):
    server = fault("cloudevents")
    hook.use(server)
    hook.emit_many(2)
    server.set_mode("retry_after", status=503, retry_after="1")  # the rest of the batch waits a second
    rc, summary, _ = hook.flush_json("500ms")
    assert (rc, summary["retried"], server.hits["retry_after"]) == (3, 1, 1), summary
    server.set_mode("ok")
    rc, summary, _ = hook.flush_json("10s")
    assert (rc, summary["delivered"], server.hits["ok"]) == (0, 2, 2), summary
    unreachable = fault("cloudevents")  # the counter is the sink's, whatever its endpoint
    hook.use(unreachable)
    hook.emit_many(1, start=2)
    unreachable.set_mode("refuse")
    rc, summary, _ = hook.flush_json("2s")
    assert rc == 3 and summary["remaining"] == 1, summary

    text = hook.run("metrics", check=True).stdout
    counts = requests_total(text)
    assert counts[("cloudevents", "503")] == 1 and counts[("cloudevents", "202")] == 2, text
    assert counts[("cloudevents", "connection")] >= 1, text
    assert set(counts) == {("cloudevents", "503"), ("cloudevents", "202"), ("cloudevents", "connection")}, text
    assert "# TYPE gibson_hook_requests_total counter\n" in text
    assert "# HELP gibson_hook_requests_total " in text

    textfile = os.path.join(hook.root, "requests.prom")
    hook.run("metrics", "--textfile", textfile, check=True)
    with open(textfile) as f:
        assert requests_total(f.read()) == counts
    promtool = shutil.which("promtool")
    assert promtool, "promtool is not on PATH: run 'scripts/ensure-system-packages.sh --tests' (Debian package prometheus)"
    check = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_kafka_rest_and_temporal_requests_are_counted_by_their_http_status(hook, fault):
    """A successful produce (one request for both events) or workflow start is counted by the status the server answered (200), a
    Temporal start the server refuses by its 4xx, never as a bare `delivered`."""
    kafka = fault("kafka-v2")
    hook.use(kafka)
    hook.emit_many(2)
    rc, summary, _ = hook.flush_json("10s")
    assert (rc, summary["delivered"]) == (0, 2), summary
    temporal = fault("temporal")
    hook.use(temporal)
    hook.emit_many(1, kind="temporal", start=10)
    rc, summary, _ = hook.flush_json("10s")
    assert (rc, summary["delivered"]) == (0, 1), summary
    temporal.set_mode("status", status=400)
    hook.emit_many(1, kind="temporal", start=11)
    rc, summary, _ = hook.flush_json("10s")
    assert summary["dead"] == 1, summary

    counts = requests_total(hook.run("metrics", check=True).stdout)
    assert counts == {("kafka", "200"): 1, ("temporal", "200"): 1, ("temporal", "400"): 1}, counts
