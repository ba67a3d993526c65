"""Self-tests of the CloudEvents sink stand-in: structured, binary and batch modes via the official SDK and
the published schema, the binding's header encoding, and the webhook faults."""
import copy
import json
import ssl

import pytest

from httpclient import post
from standins.cloudevents_sink import decode_header_value

STRUCTURED = "application/cloudevents+json; charset=UTF-8"
BATCH = "application/cloudevents-batch+json; charset=UTF-8"


def binary_headers(ev, **extra):
    h = {f"ce-{k}": v for k, v in ev.items() if k not in ("data", "datacontenttype")}
    h["Content-Type"] = ev.get("datacontenttype", "application/json")
    h.update(extra)
    return h


def test_structured_example_is_accepted(ce_sink, example):
    s = ce_sink()
    ev = example("cloudevent.structured.json")
    r = post(f"{s.url}/events", ev, STRUCTURED)
    assert r.status == 202, r
    assert s.events == [ev] and s.modes == ["structured"]


def test_batch_example_is_accepted(ce_sink, example):
    s = ce_sink()
    batch = example("cloudevents.batch.json")
    assert post(f"{s.url}/events", batch, BATCH).status == 202
    assert s.ids == [e["id"] for e in batch] and s.modes == ["batch"]


def test_binary_mode_with_percent_encoded_extension(ce_sink, example):
    s = ce_sink()
    ev = example("cloudevent.structured.json")
    headers = binary_headers(ev, **{"ce-gibsonhook": "Euro%20%E2%82%AC%20%F0%9F%98%80"})
    r = post(f"{s.url}/events", json.dumps(ev["data"]), headers.pop("Content-Type"), headers=headers)
    assert r.status == 202, r
    got = s.events[0]
    assert got["gibsonhook"] == "Euro € 😀" and got["data"] == ev["data"] and s.modes == ["binary"]


def test_binary_mode_rejects_ce_datacontenttype(ce_sink, example):
    s = ce_sink()
    ev = example("cloudevent.structured.json")
    headers = binary_headers(ev, **{"ce-datacontenttype": "application/json"})
    r = post(f"{s.url}/events", json.dumps(ev["data"]), headers.pop("Content-Type"), headers=headers)
    assert r.status == 400 and b"ce-datacontenttype" in r.body


@pytest.mark.parametrize("change", [
    {"specversion": 1.0}, {"specversion": "1.0.2"}, {"gibson-hook": "x"}, {"gitRef": "x"},
    {"data_base64": "eA=="}, {"time": "2026-08-22 10:15:30"}, {"id": ""},
])
def test_structured_rejects_spec_violations(ce_sink, example, change):
    s = ce_sink()
    ev = dict(copy.deepcopy(example("cloudevent.structured.json")), **change)
    r = post(f"{s.url}/events", ev, STRUCTURED)
    assert r.status == 400, r
    assert s.events == []


def test_missing_required_attribute_in_batch_rejects_batch(ce_sink, example):
    s = ce_sink()
    batch = example("cloudevents.batch.json")
    del batch[-1]["source"]
    assert post(f"{s.url}/events", batch, BATCH).status == 400 and s.events == []


def test_header_decoding_vectors():
    assert decode_header_value("Euro%20%E2%82%AC%20%F0%9F%98%80") == "Euro € 😀"
    assert decode_header_value("100%25") == "100%"
    assert decode_header_value("a%22b") == 'a"b'
    assert decode_header_value("%e2%82%ac") == "€"
    with pytest.raises(UnicodeDecodeError):
        decode_header_value("%C0%A0")


def test_webhook_faults_gone_redirect_throttle(ce_sink, example):
    s = ce_sink()
    ev = example("cloudevent.structured.json")
    s.fail_next(1, 429, retry_after=7)
    r = post(f"{s.url}/events", ev, STRUCTURED)
    assert (r.status, r.headers["retry-after"]) == (429, "7")
    s.redirect_next()
    r = post(f"{s.url}/events", ev, STRUCTURED)
    assert r.status == 301 and r.headers["location"].endswith("/moved")
    s.gone = True
    assert post(f"{s.url}/events", ev, STRUCTURED).status == 410
    assert s.events == [] and s.moved_requests == []


def test_tls_sink_with_own_ca(ce_sink, example, tls_files):
    s = ce_sink(tls=(tls_files["cert"], tls_files["key"]))
    ev = example("cloudevent.structured.json")
    assert post(f"{s.url}/events", ev, STRUCTURED, cafile=tls_files["ca"]).status == 202
    with pytest.raises(ssl.SSLCertVerificationError):
        post(f"{s.url}/events", ev, STRUCTURED)
