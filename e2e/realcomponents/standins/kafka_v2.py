"""Confluent REST Proxy v2 produce and Redpanda HTTP Proxy produce.

Contracts followed (encoded here and in contract.V2_PRODUCE_REQUEST):
* Confluent v2: kafka-rest 7.5 `resources/v2/ProduceToTopicAction.java`, `entities/v2/ProduceRequest.java`
  (records/key_schema[_id]/value_schema[_id]; per record key/value/partition; unknown fields -> 422
  "Unrecognized field"), media types `application/vnd.kafka.{json,binary}.v2+json` (else 415), answers
  `application/vnd.kafka.v2+json` (Accept otherwise -> 406), per-record `error_code` 50002/50003.
* Redpanda: redpanda @ 1c6cff34 `pandaproxy/rest/handlers.cc` (post_topics_name) and
  `pandaproxy/json/requests/produce.h` (strict parser: only `records`, per record partition/key/value,
  anything else -> 422 "parse error at offset N"), one offsets entry per partition with raw Kafka codes.
"""
import json
import re

from confluent_kafka import KafkaError

from . import contract
from .kafka_rest import V2_CONTENT_TYPES, V2_RESPONSE_TYPE, Record
from .server import Response

_COMPACT = (",", ":")
_encode = json.JSONEncoder(separators=_COMPACT, ensure_ascii=False).encode  # Jackson writes UTF-8, not \u escapes


def _error(standin, status, code, message, content_type=V2_RESPONSE_TYPE, headers=None):
    standin.note_rejected(f"{status}/{code}", message)
    return Response.json(status, {"error_code": code, "message": message}, content_type, headers)


def _accept_ok(accept, allowed):
    if accept is None or not accept.strip():
        return True
    ranges = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    return any(r in allowed for r in ranges)


def _decode_binary(field, value):
    if value is None:
        return None
    try:
        return contract.strict_b64decode(value)
    except ValueError as exc:
        raise ValueError(f"Cannot deserialize value of type `byte[]` from String for field '{field}': {exc}")


def _kafka_code(exc):
    err = exc.args[0] if exc.args else None
    retriable = isinstance(err, KafkaError) and err.retriable()
    return (50003 if retriable else 50002), str(err)


_V2_TOP = frozenset(contract.V2_PRODUCE_REQUEST["properties"])
_V2_RECORD = frozenset({"key", "value", "partition"})


def v2_shape_ok(body):
    """Fast exact equivalent of contract.V2_PRODUCE_REQUEST for valid bodies (jsonschema is too slow for the
    benchmark path); when it says no, jsonschema runs to produce the messages."""
    if not isinstance(body, dict) or not body.keys() <= _V2_TOP:
        return False
    recs = body.get("records")
    if not isinstance(recs, list) or not recs:
        return False
    for r in recs:
        if not isinstance(r, dict) or not r.keys() <= _V2_RECORD:
            return False
        p = r.get("partition", 0)
        if "partition" in r and (type(p) is not int or p < 0):
            return False
    for k in ("key_schema", "value_schema"):
        if k in body and not isinstance(body[k], str):
            return False
    for k in ("key_schema_id", "value_schema_id"):
        if k in body and type(body[k]) is not int:
            return False
    return True


def _id_of(value):
    return value.get("id") if isinstance(value, dict) and isinstance(value.get("id"), str) else None


def handle_v2(standin, req, topic):
    media = (req.headers.get("content-type") or "").split(";")[0].strip().lower()
    fmt = V2_CONTENT_TYPES.get(media)
    if fmt is None:
        return _error(standin, 415, 415, "HTTP 415 Unsupported Media Type")
    if not _accept_ok(req.headers.get("accept"), {"*/*", "application/*", V2_RESPONSE_TYPE, "application/vnd.kafka+json"}):
        return _error(standin, 406, 406, "HTTP 406 Not Acceptable")
    try:
        body = json.loads(req.body)
    except ValueError as exc:
        return _error(standin, 400, 400, f"Unexpected character: {exc}")
    errs = [] if v2_shape_ok(body) else contract.errors(contract.v2_validator, body)
    if errs:
        unknown = [e for e in errs if "Additional properties" in e]
        msg = f"Unrecognized field: {unknown[0]}" if unknown else "; ".join(errs)
        return _error(standin, 422, 422, msg)
    records = []
    for i, r in enumerate(body["records"]):
        try:
            if fmt == "json":
                key = None if r.get("key") is None else _encode(r["key"]).encode()
                value = None if r.get("value") is None else _encode(r["value"]).encode()
            else:
                key, value = _decode_binary("key", r.get("key")), _decode_binary("value", r.get("value"))
        except ValueError as exc:
            return _error(standin, 400, 400, f"records[{i}]: {exc}")
        records.append(Record(topic, key, value, partition=r.get("partition"),
                              known_id=_id_of(r.get("value")) if fmt == "json" else None))
    offsets = [None] * len(records)
    to_produce = []
    for i, rec in enumerate(records):
        fault = standin._record_fault(rec)
        if fault:
            offsets[i] = {"partition": None, "offset": None, "error_code": fault.code, "error": fault.message}
            standin.note_rejected(f"record/{fault.code}", rec.event_id or "")
        else:
            to_produce.append(i)
    results = standin.produce([records[i] for i in to_produce])
    for i, res in zip(to_produce, results):
        if isinstance(res, Exception):
            code, msg = _kafka_code(res)
            offsets[i] = {"partition": None, "offset": None, "error_code": code, "error": msg}
        else:
            offsets[i] = {"partition": res[0], "offset": res[1], "error_code": None, "error": None}
    return Response.json(200, {"offsets": offsets, "key_schema_id": None, "value_schema_id": None}, V2_RESPONSE_TYPE)


def murmur2(data):
    """Kafka's Java-client murmur2 (DefaultPartitioner), so keyed records land where a Java client puts them."""
    length, m, h = len(data), 0x5BD1E995, 0x9747B28C ^ len(data)
    for i in range(length // 4):
        k = int.from_bytes(data[i * 4:i * 4 + 4], "little")
        k = (k * m) & 0xFFFFFFFF
        k ^= k >> 24
        k = (k * m) & 0xFFFFFFFF
        h = ((h * m) & 0xFFFFFFFF) ^ k
    tail, extra = length & ~3, length % 4
    if extra == 3:
        h ^= data[tail + 2] << 16
    if extra >= 2:
        h ^= data[tail + 1] << 8
    if extra >= 1:
        h ^= data[tail]
        h = (h * m) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * m) & 0xFFFFFFFF
    return h ^ (h >> 15)


def _partition_count(standin, topic):
    md = standin.producer.list_topics(topic, timeout=10)
    t = md.topics.get(topic)
    return max(1, len(t.partitions)) if t is not None and t.error is None else 1


def _redpanda_parse(body, fmt):
    """Redpanda's strict state machine: only `records`, and per record only partition/key/value."""
    try:
        doc = json.loads(body)
    except ValueError as exc:
        raise ValueError(f"parse error at offset {getattr(exc, 'pos', 0)}")
    if not isinstance(doc, dict) or set(doc) != {"records"} or not isinstance(doc["records"], list):
        raise ValueError("parse error at offset 0")
    out = []
    for r in doc["records"]:
        if not isinstance(r, dict) or not set(r) <= {"partition", "key", "value"}:
            raise ValueError("parse error at offset 0")
        if "partition" in r and (not isinstance(r["partition"], int) or isinstance(r["partition"], bool)):
            raise ValueError("parse error at offset 0")
        if fmt == "binary":
            if ("key" in r and r["key"] is None) or ("value" in r and r["value"] is None):
                raise ValueError("parse error at offset 0")
            key = contract.strict_b64decode(r["key"]) if "key" in r else None
            value = contract.strict_b64decode(r["value"]) if "value" in r else None
        else:
            key = None if r.get("key") is None else _encode(r["key"]).encode()
            value = None if r.get("value") is None else _encode(r["value"]).encode()
        out.append((key, value, r.get("partition")))
    return out


def handle_redpanda(standin, req, topic):
    tokens = [t for t in re.split(r"[,; ]+", req.headers.get("content-type") or "") if t]
    fmt = next((V2_CONTENT_TYPES[t.lower()] for t in tokens if t.lower() in V2_CONTENT_TYPES), None)
    if fmt is None:
        return _error(standin, 415, 415, "Unsupported Media Type", "application/json")
    accept = (req.headers.get("accept") or "").strip()
    if accept and accept != "*/*" and V2_RESPONSE_TYPE not in accept:
        return _error(standin, 406, 406, "Not Acceptable", "application/json")
    try:
        parsed = _redpanda_parse(req.body, fmt)
    except ValueError as exc:
        return _error(standin, 422, 422, str(exc), "application/json")
    count = _partition_count(standin, topic)
    groups = {}  # partition -> [Record] in request order
    for key, value, partition in parsed:
        if partition is None:
            partition = (murmur2(key) & 0x7FFFFFFF) % count if key is not None else 0
        groups.setdefault(partition, []).append(Record(topic, key, value, partition=partition))
    offsets = []
    for partition, recs in groups.items():
        fault = next((f for f in map(standin._record_fault, recs) if f), None)
        if fault:
            standin.note_rejected(f"partition/{fault.code}", ",".join(r.event_id or "" for r in recs))
            offsets.append({"partition": partition, "error_code": fault.code, "offset": -1})
            continue
        results = standin.produce(recs)
        bad = next((r for r in results if isinstance(r, Exception)), None)
        if bad is not None:
            offsets.append({"partition": partition, "error_code": 3, "offset": -1})
        else:
            offsets.append({"partition": partition, "offset": results[0][1]})
    return Response.json(200, {"offsets": offsets}, V2_RESPONSE_TYPE)
