"""Self-tests of the Temporal HTTP API stand-in: the canonical examples start runs, the OpenAPI schema and
the server's stricter rules reject bad bodies, and requestId / workflowId dedup follows WIRE.md §2.5, §2.8."""
import copy

import pytest

from httpclient import post, request
from standins import specs

JSON = "application/json"


def start_url(s, wid="push-acme-widgets-1b4e28b", ns="ci"):
    return f"{s.url}{s.prefix}/namespaces/{ns}/workflows/{wid}"


def test_canonical_start_example_starts_a_run(temporal, example):
    s = temporal()
    body = example("temporal-start.canonical.request.json")
    r = post(start_url(s), body, JSON, JSON)
    assert r.status == 200, r
    assert specs.errors(specs.temporal_validator("v1StartWorkflowExecutionResponse"), r.json()) == []
    assert r.json()["started"] is True
    run = s.runs[("ci", "push-acme-widgets-1b4e28b")]
    assert run["workflowType"] == body["workflowType"]["name"]
    assert run["input"][0]["ref"] == "refs/heads/main" and len(run["input"]) == len(body["input"]["payloads"])


def test_same_request_id_is_deduplicated_and_other_request_id_conflicts(temporal, example):
    s = temporal()
    body = example("temporal-start.canonical.request.json")
    body.pop("workflowIdConflictPolicy", None)
    first = post(start_url(s), body, JSON).json()
    again = post(start_url(s), body, JSON)
    assert again.status == 200 and again.json()["runId"] == first["runId"] and "started" not in again.json()
    other = dict(body, requestId="11111111-2222-3333-4444-555555555555")
    conflict = post(start_url(s), other, JSON)
    assert conflict.status == 409
    err = conflict.json()
    assert err["code"] == 6
    assert specs.errors(specs.temporal_validator("rpcStatus"), err) == []
    assert err["details"][0]["@type"].endswith("WorkflowExecutionAlreadyStartedFailure")
    assert err["details"][0]["startRequestId"] == body["requestId"] and err["details"][0]["runId"] == first["runId"]
    assert len(s.runs) == 1


def test_signal_with_start_example(temporal, example):
    s = temporal()
    body = example("temporal-signal-with-start.canonical.request.json")
    r = post(start_url(s) + "/signal-with-start/pushed", body, JSON)
    assert r.status == 200, r
    again = post(start_url(s) + "/signal-with-start/pushed", body, JSON)
    assert again.json()["runId"] == r.json()["runId"]
    assert len(s.runs[("ci", "push-acme-widgets-1b4e28b")]["signals"]) == 1


def test_shorthand_payload_is_rejected(temporal, example):
    r = post(start_url(temporal()), example("temporal-start.shorthand.request.json"), JSON)
    assert r.status == 400 and r.json()["code"] == 3


@pytest.mark.parametrize("mutate", [
    lambda b: b.update(unknownField=1),
    lambda b: b["workflowType"].update(version=2),
    lambda b: b["input"]["payloads"][0].update(extra="x"),
    lambda b: b.pop("workflowType"),
    lambda b: b.update(taskQueue={"name": ""}),
    lambda b: b.update(workflowExecutionTimeout="PT1H"),
    lambda b: b.update(workflowRunTimeout=300),
    lambda b: b["input"]["payloads"][0]["metadata"].update(encoding="json/plain"),
    lambda b: b["input"]["payloads"][0].pop("metadata"),
    lambda b: b["input"]["payloads"][0].update(data="eyJyZWYiOiJyZWZzL2hlYWRzL21haW4ifQ"),
    lambda b: b.update(input={"ref": "refs/heads/main"}),
])
def test_invalid_bodies_get_invalid_argument(temporal, example, mutate):
    s = temporal()
    body = copy.deepcopy(example("temporal-start.canonical.request.json"))
    mutate(body)
    r = post(start_url(s), body, JSON)
    assert r.status == 400, r
    assert r.json()["code"] == 3 and s.runs == {}


def test_prefix_and_unknown_paths(temporal, example):
    bare = temporal(prefix="")
    body = example("temporal-start.canonical.request.json")
    assert post(f"{bare.url}/namespaces/ci/workflows/w1", body, JSON).status == 200
    r = post(f"{bare.url}/api/v1/namespaces/ci/workflows/w2", body, JSON)
    assert r.status == 404 and (r.json()["code"], r.json()["message"]) == (5, "Not Found")
    assert request("GET", f"{bare.url}/namespaces/ci/workflows/w1").status == 501


def test_injected_unavailable_has_rpc_status_body(temporal, example):
    s = temporal()
    s.fail_next(1, 503)
    r = post(start_url(s), example("temporal-start.canonical.request.json"), JSON)
    assert r.status == 503 and r.json()["code"] == 14
    assert post(start_url(s), example("temporal-start.canonical.request.json"), JSON).status == 200
