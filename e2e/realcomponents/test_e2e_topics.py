"""`gibson-hook topics check|apply` against a real broker (tansu, a fresh one per test so every run starts from
an empty cluster), natively through the confluent-kafka wheel's librdkafka 2.16 (GIBSON_HOOK_LIBRDKAFKA) and
through the Confluent REST v3 stand-in, verified with confluent-kafka's AdminClient.

What tansu supports, as measured here: CreateTopics with configs, Metadata, DescribeConfigs (only the configs
set on the topic come back) and IncrementalAlterConfigs; not CreatePartitions (KIP-195) nor the old
AlterConfigs. So `--fix` setting configs is tested end to end, and `--fix` adding partitions is tested as the
broker's refusal, reported per topic (the planning of it is covered by the Swift unit tests)."""
import glob
import json
import os
import re
import socket
import sys

import pytest
from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic

from standins.kafka_rest import KafkaRestStandin
from standins.tansu import TansuBroker

LIBRDKAFKA = sorted(glob.glob(os.path.join(
    sys.prefix, "lib", "python3*", "site-packages", "confluent_kafka.libs", "librdkafka-*.so.1")))
DAY = 86_400_000
# The design document's topics (partitions, retention in days), and one of the test's own with other configs.
DESIGN = {"ai-events": (4, 90), "gibson-events": (3, 7), "project-events": (2, 30), "system-events": (1, 7)}
AUDIT = {"topics": {"audit-events": {"partitions": 2, "replication": 1, "retention": "1d",
                                     "configs": {"cleanup.policy": "compact"}}}}
CAPPED = "".join(f"gibson-hook: warning: topic '{name}' replication 2 is capped to 1: the cluster has 1 broker\n"
                 for name in sorted(DESIGN))


@pytest.fixture
def cluster(tmp_path):
    """A fresh tansu broker with nothing on it."""
    b = TansuBroker(log_path=str(tmp_path / "tansu.log"))
    b.start()
    yield b
    b.stop()


@pytest.fixture
def native(hook, cluster):
    assert LIBRDKAFKA, "the confluent-kafka wheel's librdkafka is missing from the test environment"
    hook.env["GIBSON_HOOK_KAFKA_BROKERS"] = cluster.bootstrap
    hook.env["GIBSON_HOOK_LIBRDKAFKA"] = LIBRDKAFKA[0]
    return hook


@pytest.fixture
def rest(hook, cluster):
    standin = KafkaRestStandin(cluster.bootstrap, api="v3").start()
    hook.kafka(standin.url, "v3")
    yield standin
    standin.close()


def admin(cluster):
    return AdminClient({"bootstrap.servers": cluster.bootstrap})


def described(cluster):
    """{topic: (partitions, replicas of partition 0, configs)} as AdminClient sees the cluster."""
    client = admin(cluster)
    topics = {name: t for name, t in client.list_topics(timeout=10).topics.items() if not name.startswith("__")}
    out = {}
    for name, t in topics.items():
        configs = next(iter(client.describe_configs([ConfigResource("topic", name)]).values())).result(15)
        out[name] = (len(t.partitions), len(t.partitions[0].replicas), {k: e.value for k, e in configs.items()})
    return out


def pre_create(cluster, name, partitions, configs):
    client = admin(cluster)  # kept until the result is in: a collected client cancels its requests
    for fut in client.create_topics([NewTopic(name, partitions, 1, config=configs)]).values():
        fut.result(15)


def expected_design(**overrides):
    out = {name: (p, 1, {"retention.ms": str(days * DAY)}) for name, (p, days) in DESIGN.items()}
    out.update(overrides)
    return out


# What `topics apply` prints when it creates AUDIT's topics on an empty cluster, before its summary line.
CREATED = (
    "ai-events: created with 4 partitions, replication 1, retention.ms=7776000000\n"
    "audit-events: created with 2 partitions, replication 1, cleanup.policy=compact, retention.ms=86400000\n"
    "gibson-events: created with 3 partitions, replication 1, retention.ms=604800000\n"
    "project-events: created with 2 partitions, replication 1, retention.ms=2592000000\n"
    "system-events: created with 1 partition, replication 1, retention.ms=604800000\n"
)


def test_apply_creates_every_configured_topic_with_its_partitions_and_configs(native, cluster):
    native.config(AUDIT)
    r = native.run("topics", "apply")
    assert (r.returncode, r.stderr) == (0, CAPPED), r.stderr
    assert r.stdout == CREATED + "topics in sync (kafka)\n"
    assert described(cluster) == expected_design(**{
        "audit-events": (2, 1, {"cleanup.policy": "compact", "retention.ms": str(DAY)})})


def test_a_second_apply_changes_nothing(native, cluster):
    assert native.run("topics", "apply").returncode == 0
    before = described(cluster)
    r = native.run("topics", "apply", "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert [(t["name"], t["state"], t["actions"]) for t in report["topics"]] == [
        (name, "in-sync", []) for name in sorted(DESIGN)]
    assert described(cluster) == before
    check = native.run("topics", "check")
    assert (check.returncode, check.stdout) == (0, "".join(f"{n}: in-sync\n" for n in sorted(DESIGN)) + "topics in sync (kafka)\n")


def test_check_exits_1_on_fewer_partitions_and_other_retention_and_changes_nothing(native, cluster):
    pre_create(cluster, "project-events", 1, {"retention.ms": "1000"})
    r = native.run("topics", "check")
    assert r.returncode == 1
    assert r.stdout == (
        "ai-events: missing; does not exist\n"
        "gibson-events: missing; does not exist\n"
        "project-events: drift; has 1 partition, configured 2; retention.ms is '1000', configured '2592000000'\n"
        "system-events: missing; does not exist\n"
        "topics differ from the configuration (kafka)\n")
    assert r.stderr == CAPPED + (
        "hint: `gibson-hook topics apply` creates missing topics; `--fix` also adds partitions and sets configs\n")
    assert set(described(cluster)) == {"project-events"}


def test_check_json_reports_each_topic_configured_and_actual(native, cluster):
    pre_create(cluster, "project-events", 1, {"retention.ms": "1000"})
    r = native.run("topics", "check", "--json")
    assert (r.returncode, r.stderr) == (1, "")
    report = json.loads(r.stdout)
    assert {k: report[k] for k in ("mode", "fix", "via", "brokers", "inSync")} == {
        "mode": "check", "fix": False, "via": "kafka", "brokers": 1, "inSync": False}
    project = next(t for t in report["topics"] if t["name"] == "project-events")
    assert project == {
        "name": "project-events", "state": "drift",
        "partitions": {"configured": 2, "actual": 1},
        "replication": {"configured": 2, "effective": 1, "actual": 1},
        "configs": {"retention.ms": {"configured": "2592000000", "actual": "1000"}},
        "drift": [{"kind": "partitions", "message": "has 1 partition, configured 2", "fixable": True},
                  {"kind": "config", "message": "retention.ms is '1000', configured '2592000000'", "fixable": True}],
        "actions": [], "warnings": ["replication 2 is capped to 1: the cluster has 1 broker"], "errors": []}
    missing = next(t for t in report["topics"] if t["name"] == "ai-events")
    assert (missing["state"], missing["partitions"], missing["drift"]) == (
        "missing", {"configured": 4, "actual": None}, [{"kind": "missing", "message": "does not exist", "fixable": True}])


def test_apply_without_fix_creates_the_missing_and_leaves_the_drift(native, cluster):
    pre_create(cluster, "project-events", 2, {"retention.ms": "1000"})
    r = native.run("topics", "apply")
    assert r.returncode == 1
    assert r.stdout == (
        "ai-events: created with 4 partitions, replication 1, retention.ms=7776000000\n"
        "gibson-events: created with 3 partitions, replication 1, retention.ms=604800000\n"
        "project-events: drift; retention.ms is '1000', configured '2592000000'\n"
        "system-events: created with 1 partition, replication 1, retention.ms=604800000\n"
        "topics differ from the configuration (kafka)\n")
    assert r.stderr == CAPPED + "hint: `gibson-hook topics apply --fix` adds partitions and sets configs\n"
    assert described(cluster) == expected_design(**{"project-events": (2, 1, {"retention.ms": "1000"})})


def test_apply_fix_sets_the_configs_that_differ(native, cluster):
    pre_create(cluster, "project-events", 2, {"retention.ms": "1000"})
    r = native.run("topics", "apply", "--fix")
    assert (r.returncode, r.stderr) == (0, CAPPED)
    assert r.stdout == (
        "ai-events: created with 4 partitions, replication 1, retention.ms=7776000000\n"
        "gibson-events: created with 3 partitions, replication 1, retention.ms=604800000\n"
        "project-events: set retention.ms=2592000000\n"
        "system-events: created with 1 partition, replication 1, retention.ms=604800000\n"
        "topics in sync (kafka)\n")
    assert described(cluster) == expected_design()
    again = native.run("topics", "check")
    assert again.returncode == 0, again.stdout


def test_apply_fix_reports_partitions_the_broker_cannot_add(native, cluster):
    # tansu has no CreatePartitions: the refusal is that topic's error, the rest is still done.
    pre_create(cluster, "project-events", 1, {"retention.ms": "1000"})
    r = native.run("topics", "apply", "--fix")
    assert r.returncode == 1
    assert r.stderr == CAPPED.replace(
        "gibson-hook: warning: topic 'system-events'",
        "gibson-hook: error: topic 'project-events': adding partitions: CreatePartitions (KIP-195) not supported by "
        "broker, requires broker version >= 1.0.0 (_UNSUPPORTED_FEATURE)\n"
        "gibson-hook: warning: topic 'system-events'")
    assert r.stdout == (
        "ai-events: created with 4 partitions, replication 1, retention.ms=7776000000\n"
        "gibson-events: created with 3 partitions, replication 1, retention.ms=604800000\n"
        "project-events: set retention.ms=2592000000; has 1 partition, configured 2\n"
        "system-events: created with 1 partition, replication 1, retention.ms=604800000\n"
        "topics differ from the configuration (kafka)\n")
    assert described(cluster)["project-events"] == (1, 1, {"retention.ms": "2592000000"})


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_cluster_exits_5(native):
    native.env["GIBSON_HOOK_KAFKA_BROKERS"] = f"127.0.0.1:{closed_port()}"
    r = native.run("topics", "check", "--set", "delivery.requestTimeout=2s")
    assert (r.returncode, r.stdout) == (5, "")
    # Nothing listens: librdkafka finds every broker down (connection refused) before the timeout.
    assert r.stderr == (f"gibson-hook: error: the Kafka cluster at '{native.env['GIBSON_HOOK_KAFKA_BROKERS']}' did not "
                        "answer: Local: Broker transport failure (_TRANSPORT); check sinks.kafka.brokers and that the "
                        "brokers are up\n")


def test_an_unreachable_rest_proxy_exits_5(hook):
    url = f"http://127.0.0.1:{closed_port()}"
    hook.kafka(url, "v3")
    r = hook.run("topics", "apply")
    assert (r.returncode, r.stdout) == (5, "")
    # libcurl's own reason, whose only variable part is how long the refusal took.
    port = url.rsplit(":", 1)[1]
    assert re.fullmatch(
        f"gibson-hook: error: the kafka rest proxy did not answer: could not connect to '{re.escape(url)}/v3/clusters': "
        f"Failed to connect to 127.0.0.1 port {port} after [0-9]+ ms: Couldn't connect to server\n", r.stderr), r.stderr


@pytest.mark.parametrize("library", ["missing", "not-librdkafka"])
def test_an_unusable_library_names_the_package(native, library):
    path = "/nonexistent/librdkafka.so.1" if library == "missing" else glob.glob("/usr/lib/*/libz.so.1")[0]
    native.env["GIBSON_HOOK_LIBRDKAFKA"] = path
    r = native.run("topics", "apply")
    assert (r.returncode, r.stdout) == (70, "")
    want = (f"librdkafka could not be loaded ({path}: cannot open shared object file: No such file or directory)"
            if library == "missing" else f"librdkafka '{path}' has no symbol 'rd_kafka_version' (too old or not librdkafka)")
    assert r.stderr == ("gibson-hook: error: " + want + ": install librdkafka 2.0 or later (Debian: apt-get install "
                        "librdkafka1) or set GIBSON_HOOK_LIBRDKAFKA to its path\n")


def test_no_kafka_that_administers_topics_is_a_usage_error(hook):
    r = hook.run("topics", "check")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == (
        "gibson-hook: error: no Kafka is configured: set sinks.kafka.brokers (GIBSON_HOOK_KAFKA_BROKERS), or a "
        "Confluent REST proxy with API v3 (GIBSON_HOOK_KAFKA_REST_URL and GIBSON_HOOK_KAFKA_REST_API=v3)\n")
    hook.kafka("http://127.0.0.1:1", "v2")
    r = hook.run("topics", "apply")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == (
        "gibson-hook: error: the Kafka REST API 'v2' has no topic administration: set sinks.kafka.api to v3 "
        "(GIBSON_HOOK_KAFKA_REST_API=v3) for a Confluent REST proxy, or sinks.kafka.brokers\n")


def test_rest_v3_apply_creates_the_topics_and_a_second_apply_changes_nothing(hook, cluster, rest):
    hook.config(AUDIT)
    r = hook.run("topics", "apply")
    assert (r.returncode, r.stderr) == (0, CAPPED), r.stderr
    assert r.stdout == CREATED + "topics in sync (rest-v3)\n"
    assert described(cluster) == expected_design(**{
        "audit-events": (2, 1, {"cleanup.policy": "compact", "retention.ms": str(DAY)})})
    creates = [p for m, p in rest.topic_admin.requests if m == "POST"]
    assert creates == ["/v3/clusters/standin-cluster/topics"] * 5
    again = hook.run("topics", "apply")
    assert again.returncode == 0
    assert again.stdout == "".join(f"{n}: in-sync\n" for n in sorted([*DESIGN, "audit-events"])) + "topics in sync (rest-v3)\n"
    assert [p for m, p in rest.topic_admin.requests if m == "POST"] == creates  # nothing created twice
    assert rest.rejected == []


def test_rest_v3_check_and_fix_through_the_proxy(hook, cluster, rest):
    pre_create(cluster, "project-events", 1, {"retention.ms": "1000"})
    check = hook.run("topics", "check")
    assert check.returncode == 1
    assert check.stdout == (
        "ai-events: missing; does not exist\n"
        "gibson-events: missing; does not exist\n"
        "project-events: drift; has 1 partition, configured 2; retention.ms is '1000', configured '2592000000'\n"
        "system-events: missing; does not exist\n"
        "topics differ from the configuration (rest-v3)\n")
    assert check.stderr == CAPPED + (
        "hint: `gibson-hook topics apply` creates missing topics; `--fix` also adds partitions and sets configs\n")
    r = hook.run("topics", "apply", "--fix")
    assert r.returncode == 1
    # The proxy passes on the broker's refusal of CreatePartitions; the config is set through configs:alter.
    assert r.stderr == CAPPED.replace(
        "gibson-hook: warning: topic 'system-events'",
        "gibson-hook: error: topic 'project-events': adding partitions: PATCH /v3/clusters/standin-cluster/topics/"
        "project-events: HTTP 500: CreatePartitions (KIP-195) not supported by broker, requires broker version >= 1.0.0\n"
        "gibson-hook: warning: topic 'system-events'")
    assert r.stdout == (
        "ai-events: created with 4 partitions, replication 1, retention.ms=7776000000\n"
        "gibson-events: created with 3 partitions, replication 1, retention.ms=604800000\n"
        "project-events: set retention.ms=2592000000; has 1 partition, configured 2\n"
        "system-events: created with 1 partition, replication 1, retention.ms=604800000\n"
        "topics differ from the configuration (rest-v3)\n")
    assert described(cluster)["project-events"] == (1, 1, {"retention.ms": "2592000000"})
    assert ("POST", "/v3/clusters/standin-cluster/topics/project-events/configs:alter") in rest.topic_admin.requests
    assert rest.rejected == []


def test_rest_v3_an_error_body_is_one_line_without_terminal_escapes(hook, cluster, rest):
    # A proxy (or what stands in front of it) answering HTML with colours and line breaks: the message keeps
    # the text on one line and nothing that would recolour or move the user's terminal.
    rest.fail_next(1, 500, body=b"<html>\x1b[31mboom\x1b[0m\r\n  second line\x07\x1b]0;title\x07</html>\n",
                   content_type="text/html")
    r = hook.run("topics", "check")
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == "gibson-hook: error: GET /v3/clusters: HTTP 500: <html>boom second line</html>\n"


@pytest.mark.parametrize("prop, value, reason", [
    ("no.such.prop", "x", 'No such configuration property: "no.such.prop"'),
    ("socket.timeout.ms", "soon", 'Invalid value for configuration property "socket.timeout.ms"'),
])
def test_a_librdkafka_property_librdkafka_refuses_is_a_configuration_error(native, cluster, prop, value, reason):
    native.config({"sinks": {"kafka": {"librdkafka": {prop: value}}}})
    for command in ("check", "apply"):
        r = native.run("topics", command)
        assert (r.returncode, r.stdout) == (2, "")
        assert r.stderr == (f"gibson-hook: error: librdkafka refused 'sinks.kafka.librdkafka.{prop}': {reason}: fix or "
                            "remove it (librdkafka's CONFIGURATION.md lists the properties)\n")
    assert described(cluster) == {}


def test_a_request_timeout_beyond_librdkafkas_hour_is_cut_to_it(native, cluster):
    # librdkafka's AdminOptions refuse more than an hour: a 100d timeout is cut to one, and every request
    # (metadata, CreateTopics, DescribeConfigs, IncrementalAlterConfigs) still runs.
    pre_create(cluster, "project-events", 2, {"retention.ms": "1000"})
    r = native.run("topics", "apply", "--fix", "--set", "delivery.requestTimeout=100d")
    assert (r.returncode, r.stderr) == (0, CAPPED)
    assert r.stdout == (
        "ai-events: created with 4 partitions, replication 1, retention.ms=7776000000\n"
        "gibson-events: created with 3 partitions, replication 1, retention.ms=604800000\n"
        "project-events: set retention.ms=2592000000\n"
        "system-events: created with 1 partition, replication 1, retention.ms=604800000\n"
        "topics in sync (kafka)\n")
    assert described(cluster) == expected_design()
