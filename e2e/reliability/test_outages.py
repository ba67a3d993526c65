"""Outages and dead letters: an attempt counts only when the sink answered, so an outage of any length
(refused connections, resets, the breaker cycling) makes no dead letter; dead letters the sink did cause
are reported by every later flush (summary, warning, exit 3) and by `validate` and `status`."""
import time

import pytest

from conftest import KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_an_outage_with_the_breaker_cycling_loses_nothing(hook, fault, kind):
    server = fault(kind)
    hook.use(server)
    ids = hook.emit_many(250, kind)
    server.set_mode("refuse")
    for _ in range(4):  # the breaker opens after 3 failures and half-opens after 1 s: it cycles
        rc, summary, _ = hook.flush_json("1500ms")
        assert (rc, summary["dead"], summary["newDead"], summary["remaining"]) == (3, 0, 0, 250), summary
    counts, rows = hook.states()
    assert counts == {"pending": 250} and {r["attempts"] for r in rows} == {0}, counts
    errors = {r["lastError"] for r in rows} - {None}
    assert errors and all(e.startswith(f"could not connect to '{server.url}") for e in errors), errors
    server.set_mode("ok")
    rc, summary, _ = hook.flush_json("30s")
    assert (rc, summary["delivered"], summary["dead"], summary["remaining"]) == (0, 250, 0, 0), summary
    assert set(server.acked) == set(ids)


@pytest.mark.parametrize("mode", ["reset", "bad_status", "truncated_chunked"])
def test_answers_without_a_status_spend_no_attempt(hook, fault, mode):
    server = fault("cloudevents")
    hook.use(server)
    hook.emit_many(3)
    server.set_mode(mode)
    for _ in range(4):  # more flushes than outbox.maxAttempts (3)
        rc, summary, _ = hook.flush_json("1s")
        assert (rc, summary["dead"], summary["remaining"]) == (3, 0, 3), summary
    counts, rows = hook.states()
    assert counts == {"pending": 3} and {r["attempts"] for r in rows} == {0}, rows
    server.set_mode("ok")
    rc, summary, _ = hook.flush_json("20s")
    assert (rc, summary["delivered"], summary["dead"], hook.states()[0]) == (0, 3, 0, {"delivered": 3}), summary


def test_dead_letters_are_reported_by_every_later_flush_and_by_validate_and_status(hook, fault):
    server = fault("cloudevents")
    hook.use(server)
    hook.emit_many(2)
    server.set_mode("status", status=400)
    rc, summary, stderr = hook.flush_json()
    assert (rc, summary["dead"], summary["newDead"]) == (3, 2, 2), summary
    server.set_mode("ok")
    hook.emit_many(1, start=2)
    r = hook.run("flush")
    notice = ("gibson-hook: warning: 2 events are dead letters (not delivered, not retried): see why with "
              "`gibson-hook outbox list --state dead`, then `gibson-hook outbox retry --all-dead` or "
              "`gibson-hook outbox purge dead`\n")
    assert (r.returncode, r.stdout, r.stderr) == (3, "delivered 1, retried 0, dead 2, remaining 0\n", notice)
    status = hook.run("status")
    assert notice in status.stderr, status.stderr
    validate = hook.run("validate")
    assert "warning: [outbox] " + notice.removeprefix("gibson-hook: warning: ") in validate.stderr, validate.stderr
    hook.run("outbox", "retry", "--all-dead", check=True)
    r = hook.run("flush")
    assert (r.returncode, r.stdout, r.stderr) == (0, "delivered 2, retried 0, dead 0, remaining 0\n", "")


@pytest.mark.parametrize("status", [503, 429])
def test_retry_after_pauses_the_rest_of_the_batch(hook, fault, status):
    server = fault("cloudevents")
    hook.use(server)
    hook.emit_many(20)
    server.set_mode("retry_after", status=status, retry_after="30")
    rc, summary, _ = hook.flush_json("3s")
    assert (rc, summary["retried"], summary["remaining"], server.hits["retry_after"]) == (3, 1, 20, 1), summary
    rc, summary, _ = hook.flush_json("2s")
    assert (rc, summary["retried"], server.hits["retry_after"]) == (3, 0, 1), "the sink is paused for 30 s"
    counts, rows = hook.states()
    assert sorted(r["attempts"] for r in rows) == [0] * 19 + [1]


def test_a_flush_finding_every_row_leased_says_which_flush_has_them(hook, fault):
    server = fault("cloudevents")
    hook.use(server)
    hook.emit_many(3)
    server.set_mode("slow", slow_interval=0.5)
    first = hook.popen("flush", "--deadline", "8s")
    try:
        for _ in range(200):
            if server.hits["slow"]:
                break
            time.sleep(0.02)
        r = hook.run("flush", "--deadline", "1s")
        hint = (f"gibson-hook: 3 events are being delivered by another flush (pid {first.pid}); "
                "they stay pending until it finishes\n")
        assert (r.returncode, r.stdout, r.stderr) == (3, "delivered 0, retried 0, dead 0, remaining 3\n", hint)
    finally:
        first.kill()
        first.communicate()
