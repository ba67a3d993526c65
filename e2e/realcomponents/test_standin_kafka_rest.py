"""Self-tests of the Kafka REST stand-in: it accepts the valid WIRE.md examples, rejects what the real
proxies reject, and what it accepts really is in tansu."""
import base64
import json
import uuid

import pytest

from httpclient import post, request
from standins import contract
from standins.kafka_v3 import CLUSTER_ID

V2_JSON = "application/vnd.kafka.json.v2+json"
V2_BIN = "application/vnd.kafka.binary.v2+json"
V2_ACCEPT = "application/vnd.kafka.v2+json"


def b64(text):
    return base64.b64encode(text.encode()).decode()


# ---- Confluent v2 ----------------------------------------------------------------------------------

def test_v2_json_example_is_produced_with_real_offsets(kafka_rest, broker, topic, example):
    s = kafka_rest("v2")
    r = post(f"{s.url}/topics/{topic}", example("confluent-v2-json.request.json"), V2_JSON, V2_ACCEPT)
    assert r.status == 200, r
    assert r.headers["content-type"] == V2_ACCEPT
    body = r.json()
    req = example("confluent-v2-json.request.json")
    assert len(body["offsets"]) == len(req["records"])
    assert all(o["error_code"] is None and o["offset"] >= 0 for o in body["offsets"])
    got = broker.consume(topic)
    assert len(got) == len(req["records"])
    by_offset = {(g["partition"], g["offset"]): g for g in got}
    for rec, off in zip(req["records"], body["offsets"]):
        stored = by_offset[(off["partition"], off["offset"])]
        assert json.loads(stored["value"]) == rec["value"]


def test_v2_binary_example_keeps_exact_bytes(kafka_rest, broker, topic, example):
    s = kafka_rest("v2")
    req = example("confluent-v2-binary.request.json")
    r = post(f"{s.url}/topics/{topic}", req, V2_BIN, V2_ACCEPT)
    assert r.status == 200, r
    values = sorted(g["value"] for g in broker.consume(topic))
    assert values == sorted(base64.b64decode(rec["value"]) for rec in req["records"])


@pytest.mark.parametrize("content_type", ["application/json", "application/vnd.kafka.v2+json",
                                          "application/x-www-form-urlencoded"])
def test_v2_rejects_wrong_content_type_with_415(kafka_rest, topic, content_type):
    s = kafka_rest("v2")
    r = post(f"{s.url}/topics/{topic}", {"records": [{"value": 1}]}, content_type)
    assert r.status == 415 and r.json()["error_code"] == 415


def test_v2_rejects_bare_application_json_accept(kafka_rest, topic):
    r = post(f"{kafka_rest('v2').url}/topics/{topic}", {"records": [{"value": 1}]}, V2_JSON, "application/json")
    assert r.status == 406


@pytest.mark.parametrize("body", [{"records": []}, {"records": [{"value": 1, "headers": []}]},
                                  {"receiver": "x", "records": [{"value": 1}]}, {"value": 1}])
def test_v2_rejects_empty_or_unknown_fields_with_422(kafka_rest, broker, topic, body):
    r = post(f"{kafka_rest('v2').url}/topics/{topic}", body, V2_JSON, V2_ACCEPT)
    assert r.status == 422 and r.json()["error_code"] == 422, r
    assert broker.consume(topic, idle=0.5) == []


def test_v2_rejects_unpadded_base64(kafka_rest, topic):
    r = post(f"{kafka_rest('v2').url}/topics/{topic}", {"records": [{"value": "YWJj"[:-1]}]}, V2_BIN)
    assert r.status == 400, r


def test_v2_per_record_faults_answer_200_with_codes(kafka_rest, broker, topic):
    s = kafka_rest("v2")
    s.fail_records(lambda rec: rec.value == b'"retry-me"', 50003, times=1)
    s.fail_records(lambda rec: rec.value == b'"reject-me"', 50002)
    body = {"records": [{"value": "ok"}, {"value": "retry-me"}, {"value": "reject-me"}]}
    r = post(f"{s.url}/topics/{topic}", body, V2_JSON, V2_ACCEPT)
    assert r.status == 200
    codes = [o["error_code"] for o in r.json()["offsets"]]
    assert codes == [None, 50003, 50002]
    assert r.json()["offsets"][1]["offset"] is None
    r = post(f"{s.url}/topics/{topic}", {"records": [{"value": "retry-me"}]}, V2_JSON, V2_ACCEPT)
    assert r.json()["offsets"][0]["error_code"] is None  # retriable failure was injected once only
    assert sorted(g["value"] for g in broker.consume(topic)) == [b'"ok"', b'"retry-me"']


def test_request_faults_retry_after_stop_and_restart(kafka_rest, topic):
    s = kafka_rest("v2")
    s.fail_next(1, 429, retry_after=3)
    s.fail_next(1, 503)
    url = f"{s.url}/topics/{topic}"
    ok = {"records": [{"value": 1}]}
    first = post(url, ok, V2_JSON)
    assert (first.status, first.headers.get("retry-after")) == (429, "3")
    assert post(url, ok, V2_JSON).status == 503
    assert post(url, ok, V2_JSON).status == 200
    port = s.port
    s.stop()
    with pytest.raises(ConnectionRefusedError):
        post(url, ok, V2_JSON, timeout=5)
    s.start()
    assert s.port == port and post(url, ok, V2_JSON).status == 200


# ---- Confluent v3 ----------------------------------------------------------------------------------

def v3_url(s, topic):
    return f"{s.url}/v3/clusters/{CLUSTER_ID}/topics/{topic}/records"


def v3_reports(reply):
    assert reply.status == 200, reply
    parts = reply.body.decode().split("\r\n")
    return [json.loads(p) for p in parts]


def test_v3_clusters_lists_one_cluster(kafka_rest):
    r = request("GET", f"{kafka_rest('v3').url}/v3/clusters")
    assert r.status == 200
    assert [c["cluster_id"] for c in r.json()["data"]] == [CLUSTER_ID]


def test_v3_stream_of_records_is_answered_in_order_and_stored_with_headers(kafka_rest, broker, topic, example):
    s = kafka_rest("v3")
    one = example("confluent-v3-record.request.json")
    one.pop("partition_id", None)
    second = {"key": {"type": "BINARY", "data": b64("k2")}, "value": {"type": "STRING", "data": "plain"}}
    bad = {"records": [one]}
    body = json.dumps(one) + "\n" + json.dumps(second) + json.dumps(bad)
    reports = v3_reports(post(v3_url(s, topic), body, "application/json", "application/json"))
    assert [r["error_code"] for r in reports] == [200, 200, 400]
    validator = contract.v3_response_validator
    for rep in reports:
        assert contract.errors(validator, rep) == []
    assert "records" in reports[2]["message"]
    got = {(g["partition"], g["offset"]): g for g in broker.consume(topic)}
    first = got[(reports[0]["partition_id"], reports[0]["offset"])]
    assert [(n, v) for n, v in first["headers"]] == [(h["name"], base64.b64decode(h["value"])) for h in one["headers"]]
    assert got[(reports[1]["partition_id"], reports[1]["offset"])]["value"] == b"plain"


@pytest.mark.parametrize("record,code", [
    ({"value": {"data": {"a": 1}}}, 42206),                                  # type missing
    ({"value": {"type": "BINARY", "data": "YWJ"}}, 400),                      # unpadded base64
    ({"value": {"type": "JSON", "data": 1}, "extra": True}, 400),            # unknown top-level key
    ({"headers": [{"name": "a", "value": "YQ"}], "value": {"type": "JSON", "data": 1}}, 400),
    ({"partition_id": -1, "value": {"type": "JSON", "data": 1}}, 40402),
    ({"value": {"type": "JSON", "data": 1}, "timestamp": "2026-08-22 10:15:30"}, 400),
])
def test_v3_rejects_invalid_records_in_stream(kafka_rest, topic, record, code):
    reports = v3_reports(post(v3_url(kafka_rest("v3"), topic), record, "application/json"))
    assert [r["error_code"] for r in reports] == [code]


@pytest.mark.parametrize("content_type,status", [("application/json; charset=utf-16", 400),
                                                 ("application/vnd.kafka.json.v2+json", 415),
                                                 ("application/json; charset=UTF-8", 200)])
def test_v3_content_type_rules(kafka_rest, topic, content_type, status):
    r = post(v3_url(kafka_rest("v3"), topic), {"value": {"type": "JSON", "data": 1}}, content_type)
    assert r.status == status, r


def test_v3_per_record_faults_in_reports(kafka_rest, topic):
    s = kafka_rest("v3")
    s.fail_records(lambda rec: rec.value == b"2", 429)
    s.fail_records(lambda rec: rec.value == b"3", 400)
    body = "".join(json.dumps({"value": {"type": "JSON", "data": i}}) for i in (1, 2, 3))
    assert [r["error_code"] for r in v3_reports(post(v3_url(s, topic), body, "application/json"))] == [200, 429, 400]


# ---- Redpanda ---------------------------------------------------------------------------------------

def test_redpanda_replies_per_partition(kafka_rest, broker, topic):
    s = kafka_rest("redpanda")
    body = {"records": [{"key": "a", "value": 1}, {"key": "a", "value": 2}, {"value": 3, "partition": 2}]}
    r = post(f"{s.url}/topics/{topic}", body, V2_JSON + "; charset=utf-8", V2_ACCEPT)
    assert r.status == 200, r
    offsets = r.json()["offsets"]
    assert len(offsets) < len(body["records"])
    assert all(set(o) == {"partition", "offset"} for o in offsets)
    assert len(broker.consume(topic)) == 3


@pytest.mark.parametrize("body", [{"records": [{"value": 1, "headers": []}]},
                                  {"records": [{"value": 1}], "key_schema_id": 1},
                                  {"records": [{"value": 1, "timestamp": 5}]}])
def test_redpanda_strict_parser_rejects_with_422(kafka_rest, topic, body):
    r = post(f"{kafka_rest('redpanda').url}/topics/{topic}", body, V2_JSON)
    assert r.status == 422 and r.json()["message"].startswith("parse error at offset")


def test_redpanda_accept_and_binary_null_rules(kafka_rest, topic):
    s = kafka_rest("redpanda")
    url = f"{s.url}/topics/{topic}"
    assert post(url, {"records": [{"value": 1}]}, V2_JSON, "application/json").status == 406
    assert post(url, {"records": [{"value": 1}]}, V2_JSON, "*/*").status == 200
    assert post(url, {"records": [{"key": None, "value": b64("x")}]}, V2_BIN).status == 422
    assert post(url, {"records": [{"value": 1}]}, "application/json").status == 415


# ---- Confluent v3 topic administration -------------------------------------------------------------

def test_v3_topic_admin_creates_describes_and_alters_on_the_broker(kafka_rest, broker):
    s = kafka_rest("v3")
    base = f"{s.url}/v3/clusters/{CLUSTER_ID}"
    name = f"admin-{uuid.uuid4().hex[:10]}"
    body = {"topic_name": name, "partitions_count": 2, "replication_factor": 1,
            "configs": [{"name": "retention.ms", "value": "1000"}]}
    r = post(f"{base}/topics", body, "application/json")
    assert r.status == 201, r
    created = r.json()
    assert (created["kind"], created["topic_name"], created["partitions_count"], created["replication_factor"]) == (
        "KafkaTopic", name, 2, 1)
    assert post(f"{base}/topics", body, "application/json").status == 400  # already exists
    configs = request("GET", f"{base}/topics/{name}/configs").json()
    assert {c["name"]: c["value"] for c in configs["data"]} == {"retention.ms": "1000"}
    alter = {"data": [{"name": "retention.ms", "value": "2000", "operation": "SET"}]}
    assert post(f"{base}/topics/{name}/configs:alter", alter, "application/json").status == 204
    configs = request("GET", f"{base}/topics/{name}/configs").json()
    assert {c["name"]: c["value"] for c in configs["data"]} == {"retention.ms": "2000"}
    brokers = request("GET", f"{base}/brokers").json()
    assert (brokers["kind"], len(brokers["data"])) == ("KafkaBrokerList", 1)


def test_v3_topic_admin_rejects_what_the_proxy_rejects(kafka_rest):
    s = kafka_rest("v3")
    base = f"{s.url}/v3/clusters/{CLUSTER_ID}"
    r = request("GET", f"{base}/topics/no-such-topic")
    assert (r.status, r.json()) == (404, {"error_code": 40403, "message": "This server does not host this topic-partition."})
    r = request("GET", f"{s.url}/v3/clusters/other/brokers")
    assert (r.status, r.json()) == (404, {"error_code": 404, "message": "Cluster other cannot be found."})
    r = post(f"{base}/topics", {"topic_name": "x", "partitions": 1}, "application/json")
    assert (r.status, r.json()["message"]) == (400, 'Unrecognized field "partitions", not marked as ignorable')
    r = post(f"{base}/topics", {"partitions_count": 1}, "application/json")
    assert r.status == 400 and "'topic_name' is a required property" in r.json()["message"], r
    r = request("PATCH", f"{base}/topics/no-such-topic", {"partitions_count": 3}, {"Content-Type": "application/json"})
    assert r.status == 404, r
