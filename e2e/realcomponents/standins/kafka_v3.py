"""Confluent REST Proxy v3 produce (WIRE.md §1.2): a stream of concatenated JSON ProduceRequest objects
answered by a `\r\n`-separated stream of delivery reports, one per record, in order.
Contract: Confluent REST Proxy API v3 openapi.yaml 3.0.0 (ProduceRequest, ProduceRequestData,
ProduceRequestHeader, ProduceResponse; see contract.py) with kafka-rest 7.5 `resources/v3/ProduceAction.java`
behaviour: unknown fields -> 400 "Unrecognized field", charset UTF-8/ISO-8859-1 only, per-record reports."""
import json
from datetime import datetime, timezone

from confluent_kafka import KafkaError

from . import contract
from .kafka_rest import CLUSTER_ID, Record, parse_rfc3339_ms
from .server import Response

_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


def split_stream(text):
    """Concatenated JSON values -> list of values; a syntax error yields one ValueError entry and stops."""
    out, pos = [], 0
    while True:
        while pos < len(text) and text[pos] in _WS:
            pos += 1
        if pos >= len(text):
            return out
        try:
            obj, pos = _DECODER.raw_decode(text, pos)
        except ValueError as exc:
            out.append(ValueError(f"Unexpected character at offset {pos}: {exc}"))
            return out
        out.append(obj)


class _Reject(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


def _data(side, spec):
    """(bytes or None, type name) for a key/value member, or raise _Reject."""
    if spec is None:
        return None, None
    unknown = sorted(set(spec) - set(contract.V3_PRODUCE_REQUEST_DATA["properties"]))
    if unknown:
        raise _Reject(400, f'Unrecognized field "{unknown[0]}" (class ProduceRequestData), not marked as ignorable')
    kind = spec.get("type")
    if kind is None or kind in ("AVRO", "JSONSCHEMA", "PROTOBUF"):
        raise _Reject(42206, "Payload error. Schema Registry must be configured when using schemas.")
    data = spec.get("data")
    if kind == "BINARY":
        try:
            return (None if data is None else contract.strict_b64decode(data)), kind
        except ValueError as exc:
            raise _Reject(400, f"Cannot deserialize {side}.data: {exc}")
    if kind == "JSON":
        return (None if data is None else json.dumps(data, separators=(",", ":")).encode()), kind
    if kind == "STRING":
        if data is not None and not isinstance(data, str):
            raise _Reject(400, f"{side}.data must be a string for type STRING")
        return (None if data is None else data.encode()), kind
    raise _Reject(400, f"Cannot deserialize value of type `EmbeddedFormat` from String \"{kind}\"")


def to_record(topic, obj):
    """Validate one ProduceRequest object and turn it into a Record, or raise _Reject."""
    if not isinstance(obj, dict):
        raise _Reject(400, "Cannot deserialize value of type `ProduceRequest` from non-object value")
    unknown = sorted(set(obj) - set(contract.V3_PRODUCE_REQUEST["properties"]))
    if unknown:
        raise _Reject(400, f'Unrecognized field "{unknown[0]}" (class ProduceRequest), not marked as ignorable')
    errs = contract.errors(contract.v3_request_validator, obj)
    if errs:
        raise _Reject(400, "; ".join(errs))
    headers = []
    for h in obj.get("headers") or []:
        extra = sorted(set(h) - {"name", "value"})
        if extra:
            raise _Reject(400, f'Unrecognized field "{extra[0]}" (class ProduceRequestHeader), not marked as ignorable')
        try:
            headers.append((h["name"], None if h.get("value") is None else contract.strict_b64decode(h["value"])))
        except ValueError as exc:
            raise _Reject(400, f"header {h['name']!r}: {exc}")
    key, key_type = _data("key", obj.get("key"))
    value, value_type = _data("value", obj.get("value"))
    partition = obj.get("partition_id")
    if partition is not None and partition < 0:
        raise _Reject(40402, "Partition not found.")
    ts = None
    if obj.get("timestamp") is not None:
        try:
            ts = parse_rfc3339_ms(obj["timestamp"])
        except ValueError as exc:
            raise _Reject(400, str(exc))
    rec = Record(topic, key, value, headers, partition, ts)
    rec.types = (key_type, value_type)
    return rec


def _report(topic, rec, res):
    if isinstance(res, Exception):
        err = res.args[0] if res.args else None
        code = 50003 if isinstance(err, KafkaError) and err.retriable() else 50002
        return {"error_code": code, "message": str(err)}
    partition, offset, ts = res
    out = {"error_code": 200, "cluster_id": CLUSTER_ID, "topic_name": topic, "partition_id": partition,
           "offset": offset,
           "timestamp": datetime.fromtimestamp(ts / 1000, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")}
    for side, data, kind in (("key", rec.key, rec.types[0]), ("value", rec.value, rec.types[1])):
        if kind is not None:
            out[side] = {"type": kind, "size": len(data or b"")}
    return out


def handle_v3(standin, req, cluster_id, topic):
    ctype = req.headers.get("content-type") or ""
    media, _, params = ctype.partition(";")
    if media.strip().lower() != "application/json":
        standin.note_rejected("415", ctype)
        return Response.json(415, {"error_code": 415, "message": "HTTP 415 Unsupported Media Type"})
    charset = params.strip().lower()
    if charset and charset.replace(" ", "") not in ("charset=utf-8", "charset=iso-8859-1"):
        standin.note_rejected("400", ctype)
        return Response.json(400, {"error_code": 400, "message": "Cannot construct instance of io.confluent.kafkarest.response.JsonStream"})
    accept = [a.split(";")[0].strip().lower() for a in (req.headers.get("accept") or "*/*").split(",")]
    if not any(a in ("*/*", "application/*", "application/json") for a in accept):
        standin.note_rejected("406", req.headers.get("accept"))
        return Response.json(406, {"error_code": 406, "message": "HTTP 406 Not Acceptable"})
    try:
        text = req.body.decode("utf-8")
    except UnicodeDecodeError:
        return Response.json(400, {"error_code": 400, "message": "Invalid UTF-8 in request body"})
    reports, pending = [], []
    for obj in split_stream(text):
        try:
            if isinstance(obj, ValueError):
                raise _Reject(400, str(obj))
            rec = to_record(topic, obj)
            fault = standin._record_fault(rec)
            if fault:
                raise _Reject(fault.code, fault.message)
            reports.append(None)
            pending.append((len(reports) - 1, rec))
        except _Reject as rej:
            standin.note_rejected(f"record/{rej.code}", rej.message)
            reports.append({"error_code": rej.code, "message": rej.message})
    results = standin.produce([rec for _, rec in pending])
    for (i, rec), res in zip(pending, results):
        reports[i] = _report(topic, rec, res)
    body = "\r\n".join(json.dumps(r) for r in reports).encode()
    return Response(200, body, "application/json")
