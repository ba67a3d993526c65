"""Events say what happened: exact numbers end to end, CloudEvents identity (source + id), whole-commit
totals for a 1,500-file commit made through the installed post-commit shim."""
import json

import pytest

from outbox_support import RecordingSink, Sandbox

# Numbers a double would change, each kept as its exact text from `emit` to the bytes a sink receives.
# Keys sorted, as gibson-hook writes objects.
EXACT = ('{"big":18446744073709551615,"exp":1E-7,"long":0.10000000000000000000000001,"max":1.7976931348623157e308,'
         '"negative":-9223372036854775809,"negzero":-0.0,"trailing":2.50,"zero":-0}')


@pytest.fixture
def sink():
    server = RecordingSink()
    yield server
    server.close()


@pytest.mark.parametrize("mode", ["structured", "batch"])
@pytest.mark.parametrize("how", ["data", "ndjson"])
def test_numbers_arrive_byte_for_byte(tmp_path, sink, mode, how):
    box = Sandbox(tmp_path, shims=False)
    config = tmp_path / "config.yml"
    config.write_text(f"sinks:\n  cloudEvents:\n    url: {sink.url}\n    mode: {mode}\n")
    box.env["GIBSON_HOOK_CONFIG"] = str(config)
    if how == "data":
        out = box.run("emit", "--type", "com.example.numbers", "--data", EXACT)
    else:
        out = box.run("emit", "--ndjson", input='{"type":"com.example.numbers","data":' + EXACT + "}\n")
    assert out.returncode == 0, out.stderr
    flushed = box.run("flush", "--json")
    assert flushed.returncode == 0, flushed.stdout + flushed.stderr
    received = b"".join(body for _, body in sink.bodies)
    assert b'"data":' + EXACT.encode() in received, received


def test_a_number_past_a_double_is_an_error_with_its_line_for_data_and_ndjson(tmp_path):
    box = Sandbox(tmp_path, shims=False)
    reason = "number 1e309 is out of range: JSON numbers must fit a 64-bit float (up to about 1.8e308); send it as a string"
    (tmp_path / "data.json").write_text('{\n  "ok": 1,\n  "n": 1e309\n}\n')
    out = box.run("emit", "--type", "a.b", "--data", f"@{tmp_path / 'data.json'}")
    assert (out.returncode, out.stdout, out.stderr) == (2, "", f"gibson-hook: error: --data line 3: {reason}\n")
    lines = '{"type":"a.b","data":{"n":1}}\n{"type":"a.b","data":{"n":1e309}}\n'
    out = box.run("emit", "--ndjson", "--on-error", "reject", input=lines)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == (f"gibson-hook: warning: line 2: {reason}\n"
                          "gibson-hook: error: nothing stored: 1 bad line(s) rejected the input\n")
    assert box.bodies() == []


def test_the_same_id_from_another_source_is_stored_and_delivered_and_an_exact_duplicate_is_reported(tmp_path, sink):
    box = Sandbox(tmp_path, shims=False)
    box.env["GIBSON_HOOK_CLOUDEVENTS_URL"] = sink.url
    event = '{"specversion":"1.0","id":"same-id","source":"%s","type":"com.example.t"}\n'
    lines = event % "/a" + event % "/b" + event % "/a"
    out = box.run("emit", "--ndjson", "--json", input=lines)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["ids"] == ["same-id", "same-id"]
    assert report["duplicates"] == [{"line": 3, "id": "same-id", "source": "/a"}]
    human = box.run("emit", "--ndjson", input=event % "/b")
    assert (human.returncode, human.stdout) == (0, "")
    assert human.stderr.startswith(
        "gibson-hook: line 1: event 'same-id' from source '/b' is already in the outbox: not stored again\n"), human.stderr
    assert [(e["source"], e["id"]) for e in box.events()] == [("/a", "same-id"), ("/b", "same-id")]
    assert box.run("flush").returncode == 0
    delivered = sorted(json.loads(body)["source"] for _, body in sink.bodies)
    assert delivered == ["/a", "/b"]


def test_a_1500_file_commit_reports_whole_commit_totals(tmp_path):
    box = Sandbox(tmp_path)
    files = {f"many/added-{i:04}.txt": f"{i}\n" for i in range(1400)}
    files.update({f"keep-{i}.txt": "old\n" for i in range(100)})
    assert box.commit("setup", files={f"keep-{i}.txt": "old\n" for i in range(100)}).returncode == 0
    files.update({f"keep-{i}.txt": "new\n" for i in range(100)})
    done = box.commit("big", files=files)
    assert done.returncode == 0, done.stderr
    data = [e for e in box.events() if e["type"] == "ai.gibson.hook.git.commit"][-1]["data"]
    assert data["changedFilesTotal"] == 1500 and data["truncated"] is True
    assert data["changedFilesByStatus"] == {"added": 1400, "modified": 100}
    assert 0 < len(data["changedFiles"]) <= 1000
    context = json.loads(box.run("context", "--json").stdout)
    assert len(context["commit"]["changedFiles"]) == 1500
