"""Kafka REST proxy stand-in: Confluent v2, Confluent v3 and Redpanda dialects (WIRE.md §1), producing
every accepted record to a real broker (tansu) with confluent_kafka and answering with the real
partition/offset.

Run alone:  python -m standins.kafka_rest --bootstrap 127.0.0.1:9092 --port 8082 --api v2
"""
import argparse
import json
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from confluent_kafka import KafkaException, Producer

from . import contract
from .server import Response, StandinServer, serve_forever

CLUSTER_ID = "standin-cluster"
V2_CONTENT_TYPES = {"application/vnd.kafka.json.v2+json": "json", "application/vnd.kafka.binary.v2+json": "binary"}
V2_SCHEMA_TYPES = ("application/vnd.kafka.avro.v2+json", "application/vnd.kafka.jsonschema.v2+json",
                   "application/vnd.kafka.protobuf.v2+json")
V2_RESPONSE_TYPE = "application/vnd.kafka.v2+json"


@dataclass
class Record:
    """A record about to be produced; what per-record fault predicates look at."""
    topic: str
    key: bytes = None
    value: bytes = None
    headers: list = field(default_factory=list)
    partition: int = None
    timestamp_ms: int = None
    known_id: str = None  # set by a handler that already parsed the value

    @property
    def event_id(self):
        """The CloudEvent id carried by the record (structured value, else `ce_id` header), or None."""
        if self.known_id is not None:
            return self.known_id
        for name, val in self.headers or []:
            if name == "ce_id" and val is not None:
                return val.decode("utf-8", "replace")
        try:
            obj = json.loads(self.value) if self.value else None
        except ValueError:
            return None
        return obj.get("id") if isinstance(obj, dict) else None


@dataclass
class RecordFault:
    """Fail records matching `predicate` with `code` (dialect-specific), `remaining` times (None = always)."""
    predicate: object
    code: int
    message: str
    remaining: int = None


class KafkaRestStandin(StandinServer):
    """api: 'v2', 'v3' or 'redpanda'. `bootstrap` is the broker's host:port."""

    def __init__(self, bootstrap, api="v2", port=0, **kw):
        super().__init__(port=port, **kw)
        self.api = api
        self.bootstrap = bootstrap
        self.producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 1, "acks": "all",
                                  "batch.num.messages": 10000, "queue.buffering.max.messages": 1000000,
                                  "log_level": 2})
        self.produce_lock = threading.Lock()
        self.record_faults = []
        self.accepted_ids = Counter()  # CloudEvent id -> times produced to the broker
        self.accepted = []  # Record, in produce order
        self.rejected = []  # (reason, detail) for every request or record refused
        self.topic_admin = None  # the v3 topic endpoints, made on first use

    # ---- fault injection -------------------------------------------------------------------------
    def fail_records(self, predicate, code, message=None, times=None):
        """Per-record failure for records matching predicate(Record): v2 codes 50003 (retriable) / 50002
        (fatal), v3 report codes 429 / 50003 (retriable) / 400 (fatal), Redpanda raw Kafka codes
        (6 NOT_LEADER retriable, 10 MESSAGE_TOO_LARGE fatal) applied to the record's whole partition."""
        msg = message or {50003: "This server is not the leader for that topic-partition.",
                          50002: "The message is 1048700 bytes when serialized which is larger than the maximum request size",
                          429: "Request rate limit exceeded", 400: "Bad record rejected by policy"}.get(code, f"injected {code}")
        with self.lock:
            self.record_faults.append(RecordFault(predicate, code, msg, times))

    def _record_fault(self, rec):
        with self.lock:
            for f in self.record_faults:
                if f.remaining != 0 and f.predicate(rec):
                    if f.remaining is not None:
                        f.remaining -= 1
                    return f
        return None

    def note_rejected(self, reason, detail=""):
        with self.lock:
            self.rejected.append((reason, detail))

    # ---- producing -------------------------------------------------------------------------------
    def produce(self, records):
        """Produce all records, flush once, return [(partition, offset, timestamp_ms) or Exception] in order."""
        results = [None] * len(records)

        def report(i):
            def cb(err, msg):
                results[i] = KafkaException(err) if err else (msg.partition(), msg.offset(), msg.timestamp()[1])
            return cb

        with self.produce_lock:  # one flush per request; concurrent requests must not interleave their flushes
            for i, r in enumerate(records):
                kw = {"key": r.key, "value": r.value, "on_delivery": report(i)}
                if r.partition is not None:
                    kw["partition"] = r.partition
                if r.headers:
                    kw["headers"] = r.headers
                if r.timestamp_ms is not None:
                    kw["timestamp"] = r.timestamp_ms
                while True:
                    try:
                        self.producer.produce(r.topic, **kw)
                        break
                    except BufferError:
                        self.producer.poll(0.05)
            self.producer.flush(30)
        with self.lock:
            for r, res in zip(records, results):
                if isinstance(res, tuple):
                    self.accepted.append(r)
                    if r.event_id is not None:
                        self.accepted_ids[r.event_id] += 1
        return [res if res is not None else KafkaException("delivery report missing") for res in results]

    # ---- dispatch --------------------------------------------------------------------------------
    def handle(self, req):
        path = req.path.split("?", 1)[0]
        if self.api in ("v2", "redpanda"):
            m = re.fullmatch(r"/topics/([A-Za-z0-9._-]+)", path)
            if m and req.method == "POST":
                from .kafka_v2 import handle_v2, handle_redpanda
                return (handle_v2 if self.api == "v2" else handle_redpanda)(self, req, m.group(1))
        else:
            if path in ("/v3/clusters", "/v3/clusters/") and req.method == "GET":
                return Response.json(200, clusters_body(self.url))
            m = re.fullmatch(r"/v3/clusters/([^/]+)/topics/([A-Za-z0-9._-]+)/records", path)
            if m and req.method == "POST":
                from .kafka_v3 import handle_v3
                return handle_v3(self, req, m.group(1), m.group(2))
            m = re.fullmatch(r"/v3/clusters/([^/]+)(/(?:brokers|topics)(?:/.*)?)", path)
            if m:
                from .kafka_v3_admin import TopicAdmin
                if self.topic_admin is None:
                    self.topic_admin = TopicAdmin(self, self.bootstrap, CLUSTER_ID)
                answer = self.topic_admin.handle(req, m.group(1), m.group(2))
                if answer is not None:
                    return answer
        self.note_rejected("not found", f"{req.method} {req.path}")
        return Response.json(404, {"error_code": 404, "message": "HTTP 404 Not Found"})

    def close(self):
        self.stop()
        self.producer.flush(5)


def clusters_body(base):
    return {"kind": "KafkaClusterList", "metadata": {"self": f"{base}/v3/clusters", "next": None},
            "data": [{"kind": "KafkaCluster", "metadata": {"self": f"{base}/v3/clusters/{CLUSTER_ID}",
                                                           "resource_name": f"crn:///kafka={CLUSTER_ID}"},
                      "cluster_id": CLUSTER_ID, "controller": None, "acls": {"related": ""},
                      "brokers": {"related": ""}, "broker_configs": {"related": ""},
                      "consumer_groups": {"related": ""}, "topics": {"related": ""},
                      "partition_reassignments": {"related": ""}}]}


def parse_rfc3339_ms(text):
    if not isinstance(text, str) or not contract.RFC3339.match(text):
        raise ValueError(f"timestamp {text!r} is not RFC 3339")
    return int(datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).timestamp() * 1000)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--api", choices=["v2", "v3", "redpanda"], default="v2")
    a = ap.parse_args()
    serve_forever(KafkaRestStandin(a.bootstrap, a.api, a.port))


if __name__ == "__main__":
    main()
