"""Confluent REST Proxy v3 topic administration (REST Admin API 3.0.0, see contract.py): list brokers, get,
create and grow topics, list and alter their configs, each done on the real broker with confluent_kafka's
AdminClient. Bodies are checked against the transcribed request schemas; unknown fields are refused as the
proxy's Jackson mapper refuses them. What the broker refuses comes back as the proxy would answer it."""
import json

from confluent_kafka import KafkaError, KafkaException
from confluent_kafka.admin import AdminClient, AlterConfigOpType, ConfigEntry, ConfigResource, NewPartitions, NewTopic

from . import contract
from .server import Response

TIMEOUT = 15


def _error(status, code, message):
    return Response.json(status, {"error_code": code, "message": message})


def _kafka_error(exc):
    """A broker's refusal as kafka-rest maps it: 40002 for a bad request, 40403 for an unknown topic,
    50002 for any other Kafka error."""
    err = exc.args[0] if exc.args and isinstance(exc.args[0], KafkaError) else None
    code = err.code() if err else None
    message = err.str() if err else str(exc)
    if code == KafkaError.UNKNOWN_TOPIC_OR_PART:
        return _error(404, 40403, "This server does not host this topic-partition.")
    if code in (KafkaError.TOPIC_ALREADY_EXISTS, KafkaError.INVALID_PARTITIONS, KafkaError.INVALID_REPLICATION_FACTOR,
                KafkaError.INVALID_CONFIG, KafkaError.POLICY_VIOLATION, KafkaError.TOPIC_EXCEPTION):
        return _error(400, 40002, message)
    return _error(500, 50002, message)


def _body(standin, req, validator, schema):
    """The request's JSON object, or a Response refusing it."""
    if (req.headers.get("content-type") or "").split(";")[0].strip().lower() != "application/json":
        return None, _error(415, 415, "HTTP 415 Unsupported Media Type")
    try:
        obj = json.loads(req.body.decode("utf-8"))
    except ValueError as exc:
        return None, _error(400, 400, f"Unexpected character: {exc}")
    unknown = sorted(set(obj) - set(schema["properties"])) if isinstance(obj, dict) else []
    if unknown:
        return None, _error(400, 400, f'Unrecognized field "{unknown[0]}", not marked as ignorable')
    errs = contract.errors(validator, obj)
    if errs:
        return None, _error(400, 400, "; ".join(errs))
    return obj, None


class TopicAdmin:
    """The v3 topic endpoints of one stand-in, on the broker at `bootstrap`."""

    def __init__(self, standin, bootstrap, cluster_id):
        self.standin = standin
        self.cluster_id = cluster_id
        self.admin = AdminClient({"bootstrap.servers": bootstrap})
        self.requests = []  # (method, path) of every admin request answered

    def handle(self, req, cluster, rest):
        """`rest` is the path after /v3/clusters/{cluster}; None when it is no admin path."""
        self.requests.append((req.method, req.path))
        base = f"{self.standin.url}/v3/clusters/{cluster}"
        if cluster != self.cluster_id:
            return _error(404, 404, f"Cluster {cluster} cannot be found.")
        parts = rest.strip("/").split("/") if rest.strip("/") else []
        if parts == ["brokers"] and req.method == "GET":
            return self.brokers(base)
        if parts == ["topics"] and req.method == "POST":
            return self.create(req, base)
        if len(parts) == 2 and parts[0] == "topics":
            if req.method == "GET":
                return self.topic(parts[1], base)
            if req.method == "PATCH":
                return self.grow(req, parts[1], base)
        if len(parts) == 3 and parts[0] == "topics" and parts[2] == "configs" and req.method == "GET":
            return self.configs(parts[1], base)
        if len(parts) == 3 and parts[0] == "topics" and parts[2] == "configs:alter" and req.method == "POST":
            return self.alter(req, parts[1])
        return None

    def brokers(self, base):
        md = self.admin.list_topics(timeout=TIMEOUT)
        data = [{"kind": "KafkaBroker", "metadata": {"self": f"{base}/brokers/{b.id}", "resource_name": None},
                 "cluster_id": self.cluster_id, "broker_id": b.id, "host": b.host, "port": b.port, "rack": None,
                 "configs": {"related": f"{base}/brokers/{b.id}/configs"},
                 "partition_replicas": {"related": f"{base}/brokers/{b.id}/partition-replicas"}}
                for b in sorted(md.brokers.values(), key=lambda b: b.id)]
        return Response.json(200, {"kind": "KafkaBrokerList", "metadata": {"self": f"{base}/brokers", "next": None}, "data": data})

    def _topic_data(self, name, base):
        md = self.admin.list_topics(timeout=TIMEOUT).topics.get(name)
        if md is None or md.error is not None:
            return None
        replicas = min((len(p.replicas) for p in md.partitions.values()), default=0)
        return {"kind": "KafkaTopic", "metadata": {"self": f"{base}/topics/{name}", "resource_name": None},
                "cluster_id": self.cluster_id, "topic_name": name, "is_internal": False,
                "replication_factor": replicas, "partitions_count": len(md.partitions),
                "partitions": {"related": f"{base}/topics/{name}/partitions"},
                "configs": {"related": f"{base}/topics/{name}/configs"},
                "partition_reassignments": {"related": f"{base}/topics/{name}/partitions/-/reassignment"}}

    def topic(self, name, base):
        data = self._topic_data(name, base)
        if data is None:
            return _error(404, 40403, "This server does not host this topic-partition.")
        return Response.json(200, data)

    def create(self, req, base):
        obj, refused = _body(self.standin, req, contract.v3_create_topic_validator, contract.V3_CREATE_TOPIC_REQUEST)
        if refused:
            return refused
        name = obj["topic_name"]
        configs = {c["name"]: c.get("value") for c in obj.get("configs") or []}
        topic = NewTopic(name, num_partitions=obj.get("partitions_count", -1),
                         replication_factor=obj.get("replication_factor", -1), config=configs)
        try:
            for fut in self.admin.create_topics([topic], validate_only=bool(obj.get("validate_only"))).values():
                fut.result(TIMEOUT)
        except KafkaException as exc:
            return _kafka_error(exc)
        data = self._topic_data(name, base) or {"kind": "KafkaTopic", "topic_name": name}
        return Response.json(200 if obj.get("validate_only") else 201, data)

    def grow(self, req, name, base):
        obj, refused = _body(self.standin, req, contract.v3_update_partitions_validator,
                             contract.V3_UPDATE_PARTITION_COUNT_REQUEST)
        if refused:
            return refused
        current = self._topic_data(name, base)
        if current is None:
            return _error(404, 40403, "This server does not host this topic-partition.")
        if obj["partitions_count"] <= current["partitions_count"]:
            return _error(400, 40002, f"Topic already has {current['partitions_count']} partitions.")
        try:
            for fut in self.admin.create_partitions([NewPartitions(name, obj["partitions_count"])]).values():
                fut.result(TIMEOUT)
        except KafkaException as exc:
            return _kafka_error(exc)
        return Response.json(200, self._topic_data(name, base))

    def configs(self, name, base):
        if self._topic_data(name, base) is None:
            return _error(404, 40403, "This server does not host this topic-partition.")
        try:
            described = next(iter(self.admin.describe_configs([ConfigResource("topic", name)]).values())).result(TIMEOUT)
        except KafkaException as exc:
            return _kafka_error(exc)
        data = [{"kind": "KafkaTopicConfig", "metadata": {"self": f"{base}/topics/{name}/configs/{e.name}", "resource_name": None},
                 "cluster_id": self.cluster_id, "topic_name": name, "name": e.name, "value": e.value,
                 "is_default": bool(e.is_default), "is_read_only": bool(e.is_read_only),
                 "is_sensitive": bool(e.is_sensitive), "source": str(e.source), "synonyms": []}
                for e in sorted(described.values(), key=lambda e: e.name)]
        return Response.json(200, {"kind": "KafkaTopicConfigList", "metadata": {"self": f"{base}/topics/{name}/configs", "next": None},
                                   "data": data})

    def alter(self, req, name):
        obj, refused = _body(self.standin, req, contract.v3_alter_configs_validator, contract.V3_ALTER_CONFIG_BATCH_REQUEST)
        if refused:
            return refused
        entries = []
        for item in obj["data"]:
            op = AlterConfigOpType.DELETE if item.get("operation") == "DELETE" else AlterConfigOpType.SET
            entries.append(ConfigEntry(item["name"], item.get("value"), incremental_operation=op))
        try:
            resource = ConfigResource("topic", name, incremental_configs=entries)
            for fut in self.admin.incremental_alter_configs([resource], validate_only=bool(obj.get("validate_only"))).values():
                fut.result(TIMEOUT)
        except KafkaException as exc:
            return _kafka_error(exc)
        return Response(204, b"", "application/json")
