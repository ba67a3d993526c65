"""gibson-hook's native Kafka sink (librdkafka loaded at run time) against tansu, with the librdkafka 2.16 the
confluent-kafka wheel ships (GIBSON_HOOK_LIBRDKAFKA): events and commit events read back with confluent-kafka."""
import glob
import json
import os
import re
import signal
import subprocess
import sys
import threading
import uuid
from collections import Counter

import pytest

from e2e import check_delivered, event_of, sample_events
from gatehelpers import commit, gibson_target, install
from standins.tansu import TansuBroker

LIBRDKAFKA = sorted(glob.glob(os.path.join(
    sys.prefix, "lib", "python3*", "site-packages", "confluent_kafka.libs", "librdkafka-*.so.1")))


@pytest.fixture
def native(hook, broker):
    """The hook configured with only brokers, loading the wheel's librdkafka."""
    assert LIBRDKAFKA, "the confluent-kafka wheel's librdkafka is missing from the test environment"
    hook.env["GIBSON_HOOK_KAFKA_BROKERS"] = broker.bootstrap
    hook.env["GIBSON_HOOK_LIBRDKAFKA"] = LIBRDKAFKA[0]
    return hook


def headers_of(record):
    return {name: (value or b"").decode() for name, value in record["headers"]}


def test_emitted_events_arrive_in_binary_mode_with_ce_headers_and_keys(native, broker, topic):
    events = sample_events(topic, 30)
    ids = native.emit_ndjson(events)
    rc, summary = native.flush()
    assert (rc, summary["delivered"], summary["dead"], summary["remaining"]) == (0, 30, 0, 0), summary
    records = broker.consume(topic)
    check_delivered(records, ids, events)
    for record in records:
        headers = headers_of(record)
        assert headers["ce_specversion"] == "1.0" and headers["ce_id"] in ids, headers
        assert headers["content-type"] == "application/json", headers
        assert event_of(record)[1] == "binary"


def test_structured_mode_sends_the_whole_event_as_the_value(native, broker, topic):
    native.config({"sinks": {"kafka": {"mode": "structured"}}})
    events = sample_events(topic, 5)
    ids = native.emit_ndjson(events)
    assert native.flush()[0] == 0
    records = broker.consume(topic)
    check_delivered(records, ids, events)
    for record in records:
        assert headers_of(record) == {"content-type": "application/cloudevents+json; charset=UTF-8"}
        assert event_of(record)[1] == "structured"


def test_a_commit_through_the_installed_shims_reaches_its_topic(native, broker, topic):
    native.config({"routing": {"commit": topic}})
    gibson_target(native, healthy=True)
    install(native)
    assert commit(native, "a.txt").returncode == 0
    summaries = native.flush_until_done()  # the hook's own background flush may deliver it first
    assert summaries[-1]["remaining"] == 0 and summaries[-1]["dead"] == 0, summaries
    commits = [r for r in broker.consume(topic) if headers_of(r).get("ce_type", "").endswith(".commit")]
    assert len(commits) == 1, [headers_of(r) for r in broker.consume(topic)]
    assert commits[0]["key"], "the commit event has its per-repository key"


def test_broker_down_then_up_loses_nothing(native, broker, topic):
    events = sample_events(topic, 8)
    ids = native.emit_ndjson(events)
    native.env["GIBSON_HOOK_KAFKA_BROKERS"] = "127.0.0.1:1"  # nothing listens: the broker is down
    rc, summary = native.flush(deadline="3s")
    assert (rc, summary["delivered"], summary["dead"], summary["remaining"]) == (3, 0, 0, 8), summary
    native.env["GIBSON_HOOK_KAFKA_BROKERS"] = broker.bootstrap
    summaries = native.flush_until_done()
    assert summaries[-1]["remaining"] == 0 and summaries[-1]["dead"] == 0, summaries
    check_delivered(broker.consume(topic), ids, events)


def test_a_record_over_the_size_limit_is_dead_with_the_reason(native, broker, topic):
    native.config({"sinks": {"kafka": {"librdkafka": {"message.max.bytes": "2000"}}}})
    small = native.emit("dev.test.small", {"n": 1}, topic=topic, key="k")
    big = native.emit("dev.test.big", {"blob": "x" * 5000}, topic=topic, key="k")
    rc, summary = native.flush()
    assert (rc, summary["delivered"], summary["dead"], summary["remaining"]) == (3, 1, 1, 0), summary
    dead = native.outbox("dead")
    assert [row["id"] for row in dead] == [big], dead
    assert "Message size too large (MSG_SIZE_TOO_LARGE)" in json.dumps(dead), dead
    assert [headers_of(r)["ce_id"] for r in broker.consume(topic)] == [small]


@pytest.mark.parametrize("library", ["missing", "not-librdkafka"])
def test_an_unusable_library_keeps_events_pending_and_http_sinks_working(native, ce_sink, topic, library):
    path = "/nonexistent/librdkafka.so.1" if library == "missing" else glob.glob("/usr/lib/*/libz.so.1")[0]
    native.env["GIBSON_HOOK_LIBRDKAFKA"] = path
    sink = ce_sink()
    native.cloudevents(sink.url)
    ids = native.emit_ndjson(sample_events(topic, 3))
    rc, summary = native.flush(deadline="5s")
    assert (rc, summary["remaining"], summary["dead"]) == (3, 3, 0), summary
    pending = native.outbox("pending")
    reasons = {row.get("lastError") for row in pending}
    want = ("librdkafka could not be loaded" if library == "missing" else f"librdkafka '{path}' has no symbol")
    assert all(want in (r or "") and "Debian: apt-get install librdkafka1" in (r or "") for r in reasons), pending
    assert sorted(e["id"] for e in sink.events) == sorted(ids)


def test_brokers_and_a_rest_url_together_are_a_configuration_error(native):
    native.kafka("http://127.0.0.1:8082", "v2")
    r = native.run("flush")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == (
        "gibson-hook: error: invalid configuration (1 error):\n"
        "env GIBSON_HOOK_KAFKA_BROKERS: error: 'sinks.kafka.brokers' and 'sinks.kafka.url' are both set: remove "
        "'sinks.kafka.url' to produce natively through librdkafka, or 'sinks.kafka.brokers' to use the REST proxy\n"
        "fix the values above; `gibson-hook config check` lists every problem\n")


def test_a_flush_killed_while_delivering_loses_nothing(native, broker, topic):
    events = sample_events(topic, 20)
    ids = native.emit_ndjson(events)
    native.env["GIBSON_HOOK_KAFKA_BROKERS"] = "127.0.0.1:1"  # the records wait in librdkafka's queue
    flush = native.popen("flush", "--deadline", "60s")
    with pytest.raises(subprocess.TimeoutExpired):
        flush.wait(3)  # still delivering: kill it mid-flush
    flush.kill()
    flush.wait(10)
    native.env["GIBSON_HOOK_KAFKA_BROKERS"] = broker.bootstrap
    summaries = native.flush_until_done()
    assert summaries[-1]["remaining"] == 0 and summaries[-1]["dead"] == 0, summaries
    check_delivered(broker.consume(topic), ids, events)


def closed_port():
    """A local port that refuses connections: bound, then closed."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sink_findings(hook, brokers):
    gibson_target(hook, healthy=True)
    install(hook)
    hook.env["GIBSON_HOOK_KAFKA_BROKERS"] = ",".join(brokers)
    human = hook.run("validate")
    report = hook.run("validate", "--json")
    findings = [f for f in json.loads(report.stdout)["findings"] if f["area"] == "sinks"]
    return human, report.returncode, findings


def test_validate_warns_about_a_broker_that_is_down_while_another_is_up(native, broker):
    down = f"127.0.0.1:{closed_port()}"
    human, rc, findings = sink_findings(native, [broker.bootstrap, down])
    assert [f["severity"] for f in findings] == ["warning"], findings
    assert "1 of 2 brokers unreachable: " + down in findings[0]["message"], findings
    assert broker.bootstrap not in findings[0]["message"], findings
    assert "gibson-hook: warning: [sinks] sink kafka: 1 of 2 brokers unreachable: " + down in human.stderr, human.stderr
    assert (human.returncode, rc) == (0, 0), human.stderr
    assert human.stdout.endswith("validation passed\n"), human.stdout


def test_validate_fails_when_no_broker_is_reachable(native):
    downs = [f"127.0.0.1:{closed_port()}", f"127.0.0.1:{closed_port()}"]
    human, rc, findings = sink_findings(native, downs)
    assert [f["severity"] for f in findings] == ["error"], findings
    message = findings[0]["message"]
    assert "no broker is reachable" in message and all(d in message for d in downs), message
    assert "check sinks.kafka.brokers / GIBSON_HOOK_KAFKA_BROKERS" in message, message
    assert "gibson-hook: error: [sinks] sink kafka: no broker is reachable" in human.stderr, human.stderr
    assert (human.returncode, rc) == (1, 1), human.stderr
    assert human.stdout.endswith("validation failed\n"), human.stdout


def test_validate_accepts_reachable_brokers_and_rejects_one_without_a_port(native, broker):
    human, rc, findings = sink_findings(native, [broker.bootstrap])
    assert (findings, rc, human.returncode) == ([], 0, 0), (findings, human.stderr)
    # A malformed entry is refused when the configuration loads: a config finding, and no probe at all.
    human, rc, findings = sink_findings(native, [broker.bootstrap, "kafka-2"])
    report = json.loads(native.run("validate", "--json").stdout)
    assert findings == [] and report["findings"] == [{
        "severity": "error", "area": "config",
        "message": "env GIBSON_HOOK_KAFKA_BROKERS: error: 'sinks.kafka.brokers' has 'kafka-2', not host:port with a "
                   "port 1-65535: write each broker as host:port, for example kafka-1:9092"}], report
    assert (human.returncode, rc) == (1, 1), human.stderr


def test_a_malformed_broker_is_refused_when_the_configuration_loads(native, topic):
    native.emit("dev.test.kept", {"n": 1}, topic=topic, key="k")
    native.env["GIBSON_HOOK_KAFKA_BROKERS"] = "kafka-1:9092,kafka-2"
    r = native.run("flush")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == (
        "gibson-hook: error: invalid configuration (1 error):\n"
        "env GIBSON_HOOK_KAFKA_BROKERS: error: 'sinks.kafka.brokers' has 'kafka-2', not host:port with a port 1-65535: "
        "write each broker as host:port, for example kafka-1:9092\n"
        "fix the values above; `gibson-hook config check` lists every problem\n")
    native.env["GIBSON_HOOK_KAFKA_BROKERS"] = native.env["GIBSON_HOOK_KAFKA_BROKERS"].split(",")[0]
    assert [row["type"] for row in native.outbox("pending")] == ["dev.test.kept"]  # nothing lost


def test_a_flush_with_the_broker_down_prints_no_librdkafka_lines(native, topic):
    port = closed_port()
    native.env["GIBSON_HOOK_KAFKA_BROKERS"] = f"127.0.0.1:{port}"
    native.emit_ndjson(sample_events(topic, 3))
    r = native.run("flush", "--deadline", "3s")
    assert (r.returncode, r.stdout) == (3, "delivered 0, retried 0, dead 0, remaining 3\n"), r
    # librdkafka's own `%3|...|FAIL|rdkafka#producer-1| ...` lines are gone: one house-style warning instead.
    assert re.fullmatch(
        rf"gibson-hook: warning: sink 'kafka' could not deliver everything; its last connection problem: "
        rf"127\.0\.0\.1:{port}/bootstrap: Connect to ipv4#127\.0\.0\.1:{port} failed: Connection refused "
        r"\(after \d+ms in state CONNECT[^)\n]*\)\n", r.stderr), r.stderr
    reasons = {row["lastError"] for row in native.outbox("pending")}
    assert all(f"librdkafka: 127.0.0.1:{port}/bootstrap: Connect to" in reason for reason in reasons), reasons
    report = json.loads(native.run("flush", "--deadline", "2s", "--json").stdout)
    assert f"Connect to ipv4#127.0.0.1:{port} failed" in report["sinkProblems"]["kafka"], report


class ReadWhileAlive(threading.Thread):
    """Reads every record of `topic` from `bootstrap` until the broker dies or `stop` is set."""

    def __init__(self, bootstrap, topic):
        super().__init__(daemon=True)
        from confluent_kafka import Consumer
        self.consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"alive-{uuid.uuid4().hex}",
                                  "enable.auto.commit": False, "log_level": 0})
        self.topic, self.ids, self.first = topic, [], threading.Event()
        self.ready, self.stop = threading.Event(), threading.Event()

    def run(self):
        from confluent_kafka import TopicPartition
        self.consumer.assign([TopicPartition(self.topic, p, 0) for p in range(3)])
        while not self.stop.is_set():
            messages = self.consumer.consume(500, 0.05)
            self.ready.set()  # assigned and fetching
            for message in messages:
                if not message.error():
                    self.ids.append(dict(message.headers())["ce_id"].decode())
                    self.first.set()
        self.consumer.close()


def duplicate_noted(row):
    return DUPLICATE_NOTE in (row.get("lastError") or "")


DUPLICATE_NOTE = "possibly persisted: sent again with the same id (a possible duplicate)"
SLOW_PRODUCE = {"batch.num.messages": "5", "max.in.flight.requests.per.connection": "1"}


def test_the_broker_killed_during_a_flush_loses_nothing(native, tmp_path):
    """A dedicated tansu, SIGKILLed while `flush` delivers 5,000 events, restarted on the same port. The test
    tansu keeps its log in memory only (this build has no sqlite or postgres storage), so the restarted broker
    is empty: what the first one acknowledged is checked against a reader of the first broker, the rest must
    all arrive at the second."""
    dying = TansuBroker(log_path=str(tmp_path / "tansu.log")).start()
    try:
        topic = dying.create_topic(f"events-{uuid.uuid4().hex[:12]}", partitions=3)
        native.env["GIBSON_HOOK_KAFKA_BROKERS"] = dying.bootstrap
        native.config({"sinks": {"kafka": {"librdkafka": SLOW_PRODUCE}}})  # many small requests: a long flush
        events = sample_events(topic, 5000)
        ids = native.emit_ndjson(events)
        reader = ReadWhileAlive(dying.bootstrap, topic)
        reader.start()
        assert reader.ready.wait(30), "the reader did not start"
        flush = native.popen("flush", "--deadline", "8s", "--json")
        assert reader.first.wait(60), "no record reached the broker"
        os.kill(dying.proc.pid, signal.SIGKILL)  # mid-delivery: the broker dies with records in flight
        dying.proc.wait(10)
        reader.stop.set()
        out, err = flush.communicate(timeout=60)
        assert flush.returncode == 3 and "%3|" not in err, (flush.returncode, err)
        first = json.loads(out)
        assert first["dead"] == 0 and first["remaining"] > 0, first
        pending = {row["id"]: row for row in native.outbox("pending")}
        assert len(pending) == first["remaining"] and first["delivered"] + len(pending) == len(ids), first
        noted = {eid for eid, row in pending.items() if duplicate_noted(row)}
        assert len(noted) == first["possibleDuplicates"], first
        reader.join(10)
        # What the first broker stored is recorded delivered, or pending as a possible duplicate.
        stored_first = set(reader.ids)
        assert stored_first <= set(ids) and not stored_first & (set(pending) - noted), sorted(stored_first & set(pending))
        # The same port again, empty; the rest is delivered there.
        restarted = TansuBroker(port=dying.port, log_path=str(tmp_path / "tansu-2.log")).start()
        try:
            restarted.create_topic(topic, partitions=3)
            summaries = native.flush_until_done()
            assert summaries[-1]["remaining"] == 0 and summaries[-1]["dead"] == 0, summaries
            assert sum(s["delivered"] for s in summaries) == len(pending), summaries
            records = restarted.consume(topic)
            arrived = Counter(headers_of(r)["ce_id"] for r in records)
            assert set(arrived) == set(pending), (len(arrived), len(pending))
            assert all(count == 1 for count in arrived.values()), [e for e, c in arrived.items() if c > 1]
            check_delivered(records, list(pending), [events[ids.index(eid)] for eid in pending])
        finally:
            restarted.stop()
        assert native.outbox("dead") == []
    finally:
        dying.stop()


def test_a_flush_killed_mid_delivery_resends_only_what_it_had_not_recorded(native, broker, topic):
    native.config({"sinks": {"kafka": {"librdkafka": SLOW_PRODUCE}}})
    events = sample_events(topic, 5000)
    ids = native.emit_ndjson(events)
    reader = ReadWhileAlive(broker.bootstrap, topic)
    reader.start()
    assert reader.ready.wait(30), "the reader did not start"
    flush = native.popen("flush", "--deadline", "60s")
    try:
        assert reader.first.wait(60), "no record reached the broker"
        flush.send_signal(signal.SIGKILL)  # mid-delivery, records in flight
        flush.wait(10)
    finally:
        reader.stop.set()
    delivered_before = {row["id"] for row in native.outbox("delivered")}
    assert len(delivered_before) < len(ids), "the flush had finished before it was killed"
    summaries = native.flush_until_done()
    assert summaries[-1]["remaining"] == 0 and summaries[-1]["dead"] == 0, summaries
    assert native.outbox("dead") == []
    records = broker.consume(topic)
    seen = check_delivered(records, ids, events, max_copies=2)
    # Only events the killed flush had not recorded as delivered are sent again.
    assert not {eid for eid, count in seen.items() if count > 1} & delivered_before


def test_a_full_local_queue_waits_for_room_and_keeps_each_keys_order(native, broker, topic):
    """librdkafka's local queue holds 10 records here: a flush of 200 waits for room as reports arrive instead of
    failing the records past the tenth, and every key's records reach the broker in the order they were stored."""
    native.config({"sinks": {"kafka": {"librdkafka": {"queue.buffering.max.messages": "10"}}}})
    events = sample_events(topic, 200)
    ids = native.emit_ndjson(events)
    rc, summary = native.flush(deadline="60s")
    assert (rc, summary["delivered"], summary["dead"], summary["remaining"]) == (0, 200, 0, 0), summary
    # Without waiting for room, each round sent the first 10 and left the rest unanswered (549 in all).
    assert summary["unanswered"] == 0, summary
    records = broker.consume(topic)
    check_delivered(records, ids, events)
    by_key = {}
    for record in sorted(records, key=lambda r: (r["partition"], r["offset"])):
        event, _ = event_of(record)
        by_key.setdefault(record["key"], []).append(event["data"]["n"])
    assert set(by_key) == {b"repo-0", b"repo-1", b"repo-2"} or set(by_key) == {"repo-0", "repo-1", "repo-2"}, by_key.keys()
    for key, numbers in by_key.items():
        assert numbers == sorted(numbers) and len(numbers) in (66, 67), (key, numbers)
