"""gibson-hook emit + flush into tansu through the Kafka REST stand-in, for every dialect."""
import pytest

from e2e import check_delivered, event_of, sample_events


@pytest.mark.parametrize("api", ["v2", "v3", "redpanda"])
def test_every_emitted_event_reaches_the_broker_in_order_per_key(hook, kafka_rest, broker, topic, api):
    s = kafka_rest(api)
    hook.kafka(s.url, api)
    events = sample_events(topic, 40)
    ids = hook.emit_ndjson(events[:37])
    ids += [hook.emit(e["type"], e["data"], topic=e["topic"], key=e["key"]) for e in events[37:]]
    rc, summary = hook.flush()
    assert (rc, summary["delivered"], summary["dead"], summary["remaining"]) == (0, 40, 0, 0), summary
    records = broker.consume(topic)
    check_delivered(records, ids, events)
    assert s.rejected == [], f"the stand-in refused requests: {s.rejected[:3]}"
    if api == "v3":  # WIRE §1.5: v3 can carry headers; structured value + content-type header
        for rec in records:
            headers = {name: (value or b"").decode() for name, value in rec["headers"]}
            assert headers.get("content-type", "").startswith("application/cloudevents+json"), headers
            assert headers.get("ce_id", event_of(rec)[0]["id"]) == event_of(rec)[0]["id"]


def test_events_stay_in_the_outbox_until_flushed(hook, kafka_rest, broker, topic):
    s = kafka_rest("v2")
    hook.kafka(s.url, "v2")
    events = sample_events(topic, 5)
    ids = hook.emit_ndjson(events)
    pending = hook.outbox()
    assert {e.get("id") for e in pending} >= set(ids)
    assert broker.consume(topic, idle=0.5) == []
    assert hook.flush()[0] == 0
    check_delivered(broker.consume(topic), ids, events)


@pytest.mark.parametrize("api", ["v2", "redpanda"])  # `format` is the v2 embedded format (docs/sinks.md)
def test_binary_embedded_format_config(hook, kafka_rest, broker, topic, api):
    s = kafka_rest(api)
    hook.kafka(s.url, api)
    hook.config({"sinks": {"kafka": {"api": api, "format": "binary"}}})
    events = sample_events(topic, 6)
    ids = hook.emit_ndjson(events)
    assert hook.flush()[0] == 0
    check_delivered(broker.consume(topic), ids, events)
    assert s.rejected == []
    posts = [r for r in s.requests if r.method == "POST"]
    assert posts and all("application/vnd.kafka.binary.v2+json" in r.headers["content-type"] for r in posts)
