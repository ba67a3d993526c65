"""Loads the saved official specs (../shared/specs beside the repository, or GIBSON_HOOK_SHARED_DIR/specs)
and builds the validators the stand-ins use, with the same tricks as specs/examples/validate_examples.py."""
import base64
import binascii
import copy
import functools
import json
import os
import re
import subprocess

import jsonschema
import yaml

_REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def shared_dir():
    """The shared/ folder: $GIBSON_HOOK_SHARED_DIR, else <repo>/../shared; in a git worktree also beside the
    main checkout (the worktree's common .git directory)."""
    if os.environ.get("GIBSON_HOOK_SHARED_DIR"):
        return os.environ["GIBSON_HOOK_SHARED_DIR"]
    beside = os.path.join(os.path.dirname(_REPO), "shared")
    if os.path.isdir(beside):
        return beside
    try:
        common = subprocess.run(["git", "-C", _REPO, "rev-parse", "--path-format=absolute", "--git-common-dir"],
                                capture_output=True, text=True, check=True).stdout.strip()
        main_shared = os.path.join(os.path.dirname(os.path.dirname(common)), "shared")
        if os.path.isdir(main_shared):
            return main_shared
    except (OSError, subprocess.CalledProcessError):
        pass
    return beside


def specs_dir():
    return os.path.join(shared_dir(), "specs")


@functools.lru_cache(maxsize=None)
def load(relpath):
    path = os.path.join(specs_dir(), relpath)
    with open(path) as f:
        return yaml.safe_load(f) if path.endswith((".yaml", ".yml")) else json.load(f)


def oas30_nullable_to_jsonschema(node):
    """OpenAPI 3.0 `nullable: true` -> JSON Schema type union with null (recursive)."""
    if isinstance(node, dict):
        node = {k: oas30_nullable_to_jsonschema(v) for k, v in node.items()}
        if node.pop("nullable", False):
            t = node.get("type")
            if isinstance(t, str):
                node["type"] = [t, "null"]
            elif "$ref" in node or "allOf" in node or "oneOf" in node or "anyOf" in node:
                node = {"anyOf": [{"type": "null"}, node]}
        return node
    if isinstance(node, list):
        return [oas30_nullable_to_jsonschema(v) for v in node]
    return node


def validator_for(doc, pointer, draft=jsonschema.Draft7Validator):
    schema = copy.copy(doc)
    schema["$ref"] = pointer  # sibling keywords are ignored next to $ref in draft-07 / draft-04
    return draft(schema, format_checker=draft.FORMAT_CHECKER)


def errors(validator, instance):
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(instance))


@functools.lru_cache(maxsize=None)
def confluent_openapi():
    return oas30_nullable_to_jsonschema(load("confluent-kafka-rest/openapi.yaml"))


@functools.lru_cache(maxsize=None)
def confluent_validator(name):
    return validator_for(confluent_openapi(), f"#/components/schemas/{name}")


@functools.lru_cache(maxsize=None)
def temporal_openapi():
    return load("temporal-api/openapiv2.json")


@functools.lru_cache(maxsize=None)
def temporal_validator(name):
    return validator_for(temporal_openapi(), f"#/definitions/{name}", draft=jsonschema.Draft4Validator)


@functools.lru_cache(maxsize=None)
def cloudevents_validator():
    schema = load("cloudevents/v1.0.2/cloudevents.schema.json")
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


# Confluent v2 has no official OpenAPI; structural schema from kafka-rest entities/v2/ProduceRequest.java
# (same as validate_examples.py).
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
v2_validator = jsonschema.Draft7Validator(V2_PRODUCE_REQUEST)

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


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
