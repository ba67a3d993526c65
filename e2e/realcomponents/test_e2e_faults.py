"""Faults injected by the stand-ins while gibson-hook flushes: nothing is lost, permanent failures become
dead letters with the server's reason, and duplicates are only ever copies of the same id (at-least-once)."""
import pytest

from e2e import check_delivered, data_of_record, find_entry, sample_events, strings_in


def setup_kafka(hook, kafka_rest, api="v2"):
    s = kafka_rest(api)
    hook.kafka(s.url, api)
    return s


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_are_retried(hook, kafka_rest, broker, topic, status):
    s = setup_kafka(hook, kafka_rest)
    s.fail_next(2, status)
    events = sample_events(topic, 10)
    ids = hook.emit_ndjson(events)
    hook.flush_until_done()
    # A 5xx before the proxy produced anything cannot duplicate: the stand-in answers before producing.
    check_delivered(broker.consume(topic), ids, events)
    assert [st for _, st in s.responses][:2] == [status, status]


def test_429_with_retry_after_is_honoured_then_delivered(hook, kafka_rest, broker, topic):
    s = setup_kafka(hook, kafka_rest)
    s.fail_next(1, 429, retry_after=1)
    events = sample_events(topic, 10)
    ids = hook.emit_ndjson(events)
    hook.flush_until_done()
    check_delivered(broker.consume(topic), ids, events)


def test_retry_after_beyond_the_deadline_stops_the_flush(hook, kafka_rest, broker, topic):
    s = setup_kafka(hook, kafka_rest)
    s.fail_next(1, 429, retry_after=3600)
    ids = hook.emit_ndjson(sample_events(topic, 4))
    rc, summary = hook.flush(deadline="5s")
    assert rc == 3 and summary["remaining"] == len(ids), summary
    assert len(s.requests) == 1, "the client retried although Retry-After exceeded its deadline"


@pytest.mark.parametrize("api,code", [("v2", 50003), ("v3", 50003), ("v3", 429)])
def test_per_record_retriable_failure_is_retried(hook, kafka_rest, broker, topic, api, code):
    s = setup_kafka(hook, kafka_rest, api)
    s.fail_records(lambda rec: (data_of_record(rec) or {}).get("n") == 3, code, times=1)
    events = sample_events(topic, 8)
    ids = hook.emit_ndjson(events)
    summaries = hook.flush_until_done()
    assert sum(x["dead"] for x in summaries) == 0, summaries
    # WIRE §4.5: only the failed record is retried, so it lands after later records of its key.
    check_delivered(broker.consume(topic), ids, events, ordered=False)


def test_redpanda_partition_failure_is_retried_without_loss(hook, kafka_rest, broker, topic):
    s = setup_kafka(hook, kafka_rest, "redpanda")
    s.fail_records(lambda rec: (data_of_record(rec) or {}).get("n") == 3, 6, times=1)  # NOT_LEADER_FOR_PARTITION
    events = sample_events(topic, 9)
    ids = hook.emit_ndjson(events)
    summaries = hook.flush_until_done()
    assert sum(x["dead"] for x in summaries) == 0, summaries
    # Redpanda answers per partition, so a client cannot tell which records of the request failed and
    # re-sends them all: records of the partitions that succeeded may arrive twice (same ids).
    check_delivered(broker.consume(topic), ids, events, max_copies=2, ordered=False)


@pytest.mark.parametrize("api,code", [("v2", 50002), ("v3", 400)])
def test_per_record_fatal_failure_is_dead_lettered_with_reason(hook, kafka_rest, broker, topic, api, code):
    s = setup_kafka(hook, kafka_rest, api)
    reason = "Record rejected by stand-in policy xyzzy"
    s.fail_records(lambda rec: (data_of_record(rec) or {}).get("n") == 3, code, message=reason)
    events = sample_events(topic, 8)
    ids = hook.emit_ndjson(events)
    rc, summary = hook.flush()
    assert rc == 3 and summary["dead"] == 1 and summary["delivered"] == 7, summary
    dead_id = ids[3]
    entry = find_entry(hook.outbox(state="dead"), dead_id)
    assert entry is not None, "the failed event is not listed by `outbox list --state dead`"
    assert any(reason in text for text in strings_in(entry)), f"dead letter lacks the server's reason: {entry}"
    check_delivered(broker.consume(topic), ids[:3] + ids[4:], events[:3] + events[4:])


def test_response_slower_than_the_deadline_stays_pending_then_delivered(hook, kafka_rest, broker, topic):
    s = setup_kafka(hook, kafka_rest)
    s.delay_next(1, 6)  # the stand-in still produces after the delay: outcome unknown to the client
    events = sample_events(topic, 5)
    ids = hook.emit_ndjson(events)
    rc, summary = hook.flush(deadline="2s")
    assert rc == 3 and summary["remaining"] == len(ids), summary
    hook.flush_until_done()
    # At-least-once: the timed-out request may have been produced too, so each id may appear twice, never more.
    seen = check_delivered(broker.consume(topic, idle=3), ids, events, max_copies=2)
    assert all(n <= 2 for n in seen.values())


def test_connection_refused_stays_pending_until_the_proxy_is_back(hook, kafka_rest, broker, topic):
    s = setup_kafka(hook, kafka_rest)
    # The breaker opens while the proxy is down; a short recovery time keeps the test quick.
    hook.config({"sinks": {"kafka": {"url": s.url, "api": "v2"}},
                 "delivery": {"breakerRecoveryTimeout": "2s", "backoffCap": "1s"}})
    s.stop()
    events = sample_events(topic, 6)
    ids = hook.emit_ndjson(events)
    rc, summary = hook.flush(deadline="3s")
    assert rc == 3 and summary["remaining"] == len(ids) and summary["dead"] == 0, summary
    s.start()
    hook.flush_until_done()
    check_delivered(broker.consume(topic), ids, events)


def test_tls_kafka_proxy_with_own_ca(hook, kafka_rest, broker, topic, tls_files):
    s = kafka_rest("v2", tls=(tls_files["cert"], tls_files["key"]))
    hook.kafka(s.url, "v2")
    hook.config({"sinks": {"kafka": {"url": s.url, "api": "v2", "tls": {"caFile": tls_files["ca"]}}}})
    events = sample_events(topic, 4)
    ids = hook.emit_ndjson(events)
    assert hook.flush()[0] == 0
    check_delivered(broker.consume(topic), ids, events)
