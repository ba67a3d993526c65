"""The published contracts the stand-ins enforce, written down here so the suite reads nothing outside the
repository. Each schema names the spec and version it was transcribed from; OpenAPI 3.0 `nullable: true`
is written as a JSON Schema type union with "null" (what the OpenAPI means)."""
import base64
import binascii
import re

import jsonschema

# ---- Confluent REST Proxy API v3 ------------------------------------------------------------------
# Transcribed from confluent-kafka-rest api/v3/openapi.yaml, info.version 3.0.0 ("REST Admin API"),
# components/schemas ProduceRequest, ProduceRequestHeader, ProduceRequestData, AnyValue, ProduceResponse,
# ProduceResponseData. The OpenAPI sets no additionalProperties: the real proxy's Jackson mapper rejects
# unknown fields ("Unrecognized field ... not marked as ignorable"), which kafka_v3.py checks from the
# property lists below.
_TYPES = ["BINARY", "JSON", "STRING", "AVRO", "JSONSCHEMA", "PROTOBUF"]  # x-extensible-enum
V3_PRODUCE_REQUEST_DATA = {  # ProduceRequestData (nullable)
    "type": ["object", "null"],
    "properties": {
        "type": {"type": "string", "x-extensible-enum": _TYPES},
        "subject": {"type": ["string", "null"]},
        "subject_name_strategy": {"type": ["string", "null"],
                                  "x-extensible-enum": ["TOPIC_NAME", "RECORD_NAME", "TOPIC_RECORD_NAME"]},
        "schema_id": {"type": ["integer", "null"]},
        "schema_version": {"type": ["integer", "null"]},
        "schema": {"type": ["string", "null"]},
        "data": {},  # AnyValue: {nullable: true}, any JSON value
    },
}
V3_PRODUCE_REQUEST_HEADER = {  # ProduceRequestHeader
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string"}, "value": {"type": ["string", "null"], "format": "byte"}},
}
V3_PRODUCE_REQUEST = {  # ProduceRequest
    "type": "object",
    "properties": {
        "partition_id": {"type": ["integer", "null"], "format": "int32"},
        "headers": {"type": "array", "items": {"$ref": "#/definitions/ProduceRequestHeader"}},
        "key": {"$ref": "#/definitions/ProduceRequestData"},
        "value": {"$ref": "#/definitions/ProduceRequestData"},
        "timestamp": {"type": ["string", "null"], "format": "date-time"},
    },
    "definitions": {"ProduceRequestHeader": V3_PRODUCE_REQUEST_HEADER, "ProduceRequestData": V3_PRODUCE_REQUEST_DATA},
}
V3_PRODUCE_RESPONSE_DATA = {  # ProduceResponseData (nullable)
    "type": ["object", "null"],
    "required": ["size", "type"],
    "properties": {
        "size": {"type": "integer", "format": "int64"},
        "type": {"type": ["string", "null"], "x-extensible-enum": _TYPES},
        "subject": {"type": ["string", "null"]},
        "schema_id": {"type": ["integer", "null"]},
        "schema_version": {"type": ["integer", "null"]},
    },
}
V3_PRODUCE_RESPONSE = {  # ProduceResponse: one delivery report of the streamed answer
    "type": "object",
    "required": ["error_code"],
    "properties": {
        "error_code": {"type": "integer", "format": "int32"},
        "message": {"type": "string"},
        "cluster_id": {"type": "string"},
        "topic_name": {"type": "string"},
        "partition_id": {"type": "integer", "format": "int32"},
        "offset": {"type": "integer", "format": "int64"},
        "timestamp": {"type": ["string", "null"], "format": "date-time"},
        "key": {"$ref": "#/definitions/ProduceResponseData"},
        "value": {"$ref": "#/definitions/ProduceResponseData"},
    },
    "definitions": {"ProduceResponseData": V3_PRODUCE_RESPONSE_DATA},
}

# ---- Confluent REST Proxy API v3: topics -----------------------------------------------------------
# Transcribed from the same openapi.yaml (3.0.0): requestBodies CreateTopicRequest (schema
# CreateTopicRequestData), UpdatePartitionCountRequest (UpdatePartitionCountRequestData) and
# AlterTopicConfigBatchRequest (AlterConfigBatchRequestData); answers TopicData, TopicDataList,
# TopicConfigData(List), BrokerDataList and Error ({error_code, message}). Example errors from the OpenAPI:
# 400 40002 "Topic 'my-topic' already exists.", 400 40002 "Topic already has 1 partitions.",
# 404 40403 for an unknown topic, 404 404 "Cluster my-cluster cannot be found.".
V3_CONFIG_ITEMS = {"type": "array", "items": {
    "type": "object", "required": ["name"],
    "properties": {"name": {"type": "string"}, "value": {"type": ["string", "null"]}}}}
V3_CREATE_TOPIC_REQUEST = {  # CreateTopicRequestData
    "type": "object",
    "required": ["topic_name"],
    "properties": {
        "topic_name": {"type": "string"},
        "partitions_count": {"type": "integer"},
        "replication_factor": {"type": "integer"},
        "replicas_assignments": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "integer"}}},
        "configs": V3_CONFIG_ITEMS,
        "validate_only": {"type": "boolean"},
    },
}
V3_UPDATE_PARTITION_COUNT_REQUEST = {  # UpdatePartitionCountRequestData
    "type": "object", "required": ["partitions_count"],
    "properties": {"partitions_count": {"type": "integer", "format": "int32"}},
}
V3_ALTER_CONFIG_BATCH_REQUEST = {  # AlterConfigBatchRequestData
    "type": "object",
    "required": ["data"],
    "properties": {
        "data": {"type": "array", "items": {
            "type": "object", "required": ["name"],
            "properties": {"name": {"type": "string"}, "value": {"type": ["string", "null"]},
                           "operation": {"type": ["string", "null"], "x-extensible-enum": ["SET", "DELETE"]}}}},
        "validate_only": {"type": "boolean"},
    },
}

# ---- Confluent REST Proxy v2 ----------------------------------------------------------------------
# No official OpenAPI exists for v2; structural schema from kafka-rest (confluentinc/kafka-rest, 5.x-7.x)
# kafkarest/entities/v2/ProduceRequest.java (records, key_schema, key_schema_id, value_schema,
# value_schema_id) and its ProduceRecord (key, value, partition); Jackson rejects unknown fields.
V2_PRODUCE_REQUEST = {
    "type": "object",
    "required": ["records"],
    "additionalProperties": False,
    "properties": {
        "records": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False,
            "properties": {"key": {}, "value": {}, "partition": {"type": "integer", "minimum": 0}}}},
        "key_schema": {"type": "string"}, "key_schema_id": {"type": "integer"},
        "value_schema": {"type": "string"}, "value_schema_id": {"type": "integer"},
    },
}

# ---- CloudEvents 1.0.2 ----------------------------------------------------------------------------
# The attribute rules of CloudEvents spec v1.0.2 (spec.md "Context Attributes", json-format.md §2-3),
# written as a draft-07 JSON Schema: required id/source/specversion/type, non-empty strings, source a
# URI-reference, dataschema a URI, time RFC 3339, data any JSON value, data_base64 a base64 string.
# Rules a JSON Schema cannot say (specversion "1.0" exactly, data vs data_base64, attribute names
# [a-z0-9]+, no control characters) are in cloudevents_sink.extra_rules.
CLOUDEVENT_1_0_2 = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["id", "source", "specversion", "type"],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "source": {"type": "string", "format": "uri-reference", "minLength": 1},
        "specversion": {"type": "string", "minLength": 1},
        "type": {"type": "string", "minLength": 1},
        "datacontenttype": {"type": ["string", "null"], "minLength": 1},
        "dataschema": {"type": ["string", "null"], "format": "uri", "minLength": 1},
        "subject": {"type": ["string", "null"], "minLength": 1},
        "time": {"type": ["string", "null"], "format": "date-time", "minLength": 1},
        "data": {"type": ["object", "string", "number", "array", "boolean", "null"]},
        "data_base64": {"type": ["string", "null"], "contentEncoding": "base64"},
    },
}


def _validator(schema):
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


v3_request_validator = _validator(V3_PRODUCE_REQUEST)
v3_response_validator = _validator(V3_PRODUCE_RESPONSE)
v2_validator = jsonschema.Draft7Validator(V2_PRODUCE_REQUEST)
v3_create_topic_validator = _validator(V3_CREATE_TOPIC_REQUEST)
v3_update_partitions_validator = _validator(V3_UPDATE_PARTITION_COUNT_REQUEST)
v3_alter_configs_validator = _validator(V3_ALTER_CONFIG_BATCH_REQUEST)
cloudevents_validator = _validator(CLOUDEVENT_1_0_2)


def errors(validator, instance):
    """Every violation as 'path: message', sorted (empty when the instance is valid)."""
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(instance))


_B64 = re.compile(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")


def strict_b64decode(text):
    """Standard alphabet, padded, no line breaks (what Jackson's MIME-NO-LINEFEEDS and protojson accept).
    Raises ValueError with a message naming the problem."""
    if not isinstance(text, str):
        raise ValueError(f"expected a base64 string, got {type(text).__name__}")
    if not _B64.match(text):
        if len(text) % 4:
            raise ValueError("base64 variant 'MIME-NO-LINEFEEDS' expects padding (one or more '=' characters)")
        raise ValueError("illegal character in base64 input")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError(str(exc)) from exc


# RFC 3339 §5.6 date-time (what Jackson's OffsetDateTime and the CloudEvents `time` attribute accept).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
