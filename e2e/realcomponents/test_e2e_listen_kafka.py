"""`gibson-hook listen` as a member of a Kafka consumer group (librdkafka from the confluent-kafka wheel)
against tansu: CloudEvents produced by confluent-kafka in binary and structured mode, as another machine
would, fire their triggers once; the group's offsets are committed after the outbox transaction, so a
second run reads only what is new."""
import hashlib
import json

from confluent_kafka import Consumer, Producer, TopicPartition

from test_e2e_kafka_native import LIBRDKAFKA

DEPLOYED = "com.example.deployed"


def produce(broker, topic, records):
    producer = Producer({"bootstrap.servers": broker.bootstrap})
    for key, value, headers in records:
        producer.produce(topic, key=key, value=value, headers=headers)
    assert producer.flush(30) == 0


def binary(id_, service="api", type_=DEPLOYED):
    headers = [("ce_specversion", b"1.0"), ("ce_id", id_.encode()), ("ce_source", b"urn:machine-b"),
               ("ce_type", type_.encode()), ("ce_subject", "caf\u00e9 100%".encode()), ("content-type", b"application/json")]
    return id_.encode(), json.dumps({"service": service}).encode(), headers


def structured(id_, service="api"):
    event = {"specversion": "1.0", "id": id_, "source": "urn:machine-b", "type": DEPLOYED, "data": {"service": service}}
    return id_.encode(), json.dumps(event).encode(), [("content-type", b"application/cloudevents+json; charset=UTF-8")]


def committed(broker, group, topic, partitions=3):
    consumer = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": group})
    try:
        offsets = consumer.committed([TopicPartition(topic, p) for p in range(partitions)], timeout=15)
        return sum(max(0, tp.offset) for tp in offsets)
    finally:
        consumer.close()


def listening_hook(hook, broker, topic, tmp_path, group):
    assert LIBRDKAFKA, "the confluent-kafka wheel's librdkafka is missing from the test environment"
    ran = tmp_path / "ran.txt"
    hook.env["GIBSON_HOOK_KAFKA_BROKERS"] = broker.bootstrap
    hook.env["GIBSON_HOOK_LIBRDKAFKA"] = LIBRDKAFKA[0]
    hook.config({
        "listen": {"kafka": {"topics": [topic], "group": group}},
        "actions": {"record": {"command": ["sh", "-c", f'echo "$GIBSON_EVENT_ID $GIBSON_EVENT_SOURCE" >> {ran}']}},
        "eventTriggers": [{"name": "deploys", "event": "kafka:message", "topic": topic, "filter": "service=api",
                           "action": "run:record"}],
        "delivery": {"deadline": "10s"},
    })
    return ran


def listen_once(hook):
    r = hook.run("listen", "--once", "--json", timeout=240)
    lines = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    return r, lines


def test_kafka_events_fire_triggers_once_and_offsets_survive_a_restart(hook, broker, topic, tmp_path):
    group = f"group-{topic}"
    ran = listening_hook(hook, broker, topic, tmp_path, group)
    produce(broker, topic, [binary("k-1"), structured("k-2"), binary("k-3", service="db"), binary("k-1"),
                            (b"x", b"not an event", [])])
    r, lines = listen_once(hook)
    assert r.returncode == 0, r.stderr
    summary = lines[-1]
    assert (summary["received"], summary["duplicates"], summary["effects"], summary["rejected"]) == (3, 1, 2, 1), lines
    assert "is not a CloudEvent (no CloudEvent: send Content-Type" in r.stderr, r.stderr
    assert sorted(ran.read_text().splitlines()) == ["k-1 urn:machine-b", "k-2 urn:machine-b"]
    assert committed(broker, group, topic) == 5
    metrics = hook.run("metrics", check=True).stdout
    assert 'gibson_hook_listen_lag{source="kafka"} 0\n' in metrics, metrics
    assert 'gibson_hook_listen_received_total{origin="kafka"} 3\n' in metrics, metrics
    # A restart reads only what is new: nothing is repeated.
    produce(broker, topic, [structured("k-4")])
    r, lines = listen_once(hook)
    assert r.returncode == 0, r.stderr
    assert [l["id"] for l in lines if "id" in l] == ["k-4"], lines
    assert sorted(ran.read_text().splitlines()) == ["k-1 urn:machine-b", "k-2 urn:machine-b", "k-4 urn:machine-b"]
    assert committed(broker, group, topic) == 6


def test_an_unreachable_broker_fails_listen_once_with_the_reason(hook, tmp_path):
    assert LIBRDKAFKA
    hook.env["GIBSON_HOOK_KAFKA_BROKERS"] = "127.0.0.1:1"
    hook.env["GIBSON_HOOK_LIBRDKAFKA"] = LIBRDKAFKA[0]
    hook.config({"listen": {"kafka": {"topics": ["gibson-events"]}}})
    r = hook.run("listen", "--once", timeout=240)
    assert r.returncode == 1, r
    assert "gibson-hook: error: the Kafka consumer did not catch up with its topics in 60 s" in r.stderr, r.stderr


def test_a_health_check_failure_from_another_machine_starts_recovery_once_on_temporal(hook, broker, topic, temporal):
    """The issue's "done when": a failure published by any machine starts gibson-recovery-workflow once."""
    assert LIBRDKAFKA
    hook.env["GIBSON_HOOK_KAFKA_BROKERS"] = broker.bootstrap
    hook.env["GIBSON_HOOK_LIBRDKAFKA"] = LIBRDKAFKA[0]
    hook.temporal(temporal.http)
    hook.config({
        "listen": {"kafka": {"topics": [topic]}},
        "routing": {"workflow": topic, "gibson": topic},
        "eventTriggers": [{"name": "system-health", "event": "gibson:health-check",
                           "filter": "serviceStatus=error|stopped", "topic": topic, "action": "gibson:recovery"}],
        "delivery": {"deadline": "15s"},
    })
    incident = f"hc-{topic}"
    failure = {"specversion": "1.0", "id": incident, "source": "urn:gibson-hook:host:machine-b",
               "type": "ai.gibson.hook.gibson.health-check",
               "data": {"eventId": incident, "timestamp": "2027-01-15T08:00:00Z", "serviceStatus": "error"}}
    healthy = dict(failure, id=f"ok-{topic}", data=dict(failure["data"], serviceStatus="running"))
    records = [(None, json.dumps(e).encode(), [("content-type", b"application/cloudevents+json")])
               for e in (failure, healthy, failure)]
    produce(broker, topic, records)
    r, lines = listen_once(hook)
    assert r.returncode == 0, r.stderr
    summary = lines[-1]
    assert (summary["effects"], summary["duplicates"]) == (1, 1), lines
    digest = hashlib.sha256(f"urn:gibson-hook:host:machine-b\0{incident}\0system-health".encode()).hexdigest()[:16]
    workflow_id = f"trigger-system-health-{incident}-{digest}"
    started = temporal.started(workflow_id)
    assert started["workflowType"]["name"] == "gibson-recovery-workflow"
    assert started["decodedInput"][0][1]["id"] == incident
    # The same failure published again by the other machine starts nothing new.
    produce(broker, topic, records[:1])
    r, lines = listen_once(hook)
    assert r.returncode == 0 and lines[-1]["duplicates"] >= 1 and lines[-1]["effects"] == 0, (lines, r.stderr)
    assert len(temporal.runs(workflow_id)) == 1
