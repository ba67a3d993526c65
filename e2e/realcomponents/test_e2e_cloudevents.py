"""gibson-hook delivering to the CloudEvents sink stand-in in structured, binary and batched modes."""
import pytest

from e2e import TEST_TYPE
from hookrunner import GibsonHook


def emit_some(hook):
    events = [{"type": TEST_TYPE, "data": {"n": i}, "subject": f"refs/heads/feature {i} €"} for i in range(6)]
    return hook.emit_ndjson(events), events


@pytest.mark.parametrize("mode", ["structured", "binary", "batch"])
def test_events_arrive_in_the_configured_mode(hook, ce_sink, mode):
    sink = ce_sink()
    hook.cloudevents(f"{sink.url}/events")
    if mode != "structured":  # structured is the default; no config needed
        hook.config({"sinks": {"cloudEvents": {"url": f"{sink.url}/events", "mode": mode}}})
    ids, events = emit_some(hook)
    rc, summary = hook.flush()
    assert rc == 0 and summary["delivered"] == len(ids), summary
    assert sink.rejections == [], sink.rejections
    assert sorted(sink.ids) == sorted(ids) and set(sink.modes) == {mode}
    by_id = {e["id"]: e for e in sink.events}
    for eid, want in zip(ids, events):
        got = by_id[eid]
        assert (got["type"], got["data"], got["subject"]) == (want["type"], want["data"], want["subject"])
    if mode == "batch":
        assert len(sink.modes) < len(ids), "batched mode sent one event per request"


def test_tls_sink_trusted_by_config_and_rejected_without(gibson_capable, tmp_path, ce_sink, tls_files):
    sink = ce_sink(tls=(tls_files["cert"], tls_files["key"]))
    untrusting = GibsonHook(tmp_path / "untrusting")
    untrusting.cloudevents(f"{sink.url}/events")
    ids, _ = emit_some(untrusting)
    rc, summary = untrusting.flush(deadline="5s")
    assert rc == 3 and summary["remaining"] == len(ids) and sink.events == [], summary

    trusting = GibsonHook(tmp_path / "trusting")
    trusting.cloudevents(f"{sink.url}/events")
    trusting.config({"sinks": {"cloudEvents": {"url": f"{sink.url}/events", "tls": {"caFile": tls_files["ca"]}}}})
    ids, _ = emit_some(trusting)
    assert trusting.flush()[0] == 0
    assert sorted(sink.ids) == sorted(ids)


def test_redirect_is_not_followed_and_nothing_is_lost(hook, ce_sink):
    sink = ce_sink()
    hook.cloudevents(f"{sink.url}/events")
    sink.redirect_next(1)
    ids, _ = emit_some(hook)
    hook.flush(deadline="10s")
    assert sink.moved_requests == [], "the client followed a redirect"
    assert [status for _, status in sink.responses][0] == 301
    dead = {e.get("id") for e in hook.outbox(state="dead")}
    assert set(sink.ids) | dead == set(ids) and not set(sink.ids) & dead


def test_gone_sink_stops_delivery_and_keeps_the_events(hook, ce_sink):
    sink = ce_sink()
    hook.cloudevents(f"{sink.url}/events")
    sink.gone = True
    ids, _ = emit_some(hook)
    rc, summary = hook.flush(deadline="10s")
    assert len(sink.requests) == 1, "the client kept sending after 410 Gone"
    assert sink.events == [] and summary["delivered"] == 0, summary
    kept = {e.get("id") for e in hook.outbox() if e.get("state") in ("pending", "dead")}
    assert kept == set(ids), "events were lost after 410"


@pytest.mark.parametrize("status", [429, 503])
def test_throttled_or_unavailable_with_retry_after_then_delivered(hook, ce_sink, status):
    sink = ce_sink()
    hook.cloudevents(f"{sink.url}/events")
    sink.fail_next(1, status, retry_after=1, body=b"slow down", content_type="text/plain")
    ids, _ = emit_some(hook)
    hook.flush_until_done()
    assert sorted(sink.ids) == sorted(ids)
    assert [st for _, st in sink.responses][0] == status
