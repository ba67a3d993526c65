"""A damaged outbox is moved aside (never deleted, with its -wal and -shm), a fresh one takes the current
event, the warning names both paths and the remedy, and `outbox recover` brings back what is readable.
Each kind of damage is tried through `emit` and through `git commit` with the installed shim."""
import glob
import json
import os
import re
import sqlite3

import pytest

from outbox_support import RecordingSink, Sandbox

PAGE = 4096
WARNING = re.compile(
    r"gibson-hook: warning: the outbox '(?P<path>[^']+)' was damaged \((?P<reason>.+?)\): moved it to "
    r"'(?P<moved>[^']+)' and started a fresh one; recover what is readable with: "
    r"gibson-hook outbox recover '(?P=moved)'\n")


def fill(box, count=300):
    lines = "".join('{"type":"com.example.fill","data":{"n":%d,"pad":"%s"}}\n' % (i, "x" * 120) for i in range(count))
    out = box.run("emit", "--ndjson", input=lines)
    assert out.returncode == 0, out.stderr
    # Everything into the main file, so the damage below hits stored events.
    with sqlite3.connect(box.outbox) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return out.stdout.split()


def corrupt_header(path):
    with open(path, "r+b") as handle:
        handle.write(b"this is not an SQLite database!!" * 3)


def truncate(path):
    os.truncate(path, os.path.getsize(path) // 2)


def zero_middle_page(path):
    """Zeroes the table page holding the middle event (n = 150), so events on it are really lost."""
    with open(path, "r+b") as handle:
        content = handle.read()
        page = content.index(b'"n":150,') // PAGE
        assert page > 1
        handle.seek(page * PAGE)
        handle.write(b"\0" * PAGE)


DAMAGE = {"corrupt-header": corrupt_header, "truncated": truncate, "zeroed-page": zero_middle_page}


def store_one(box, via):
    if via == "emit":
        out = box.run("emit", "--type", "com.example.after")
        assert out.returncode == 0, out.stderr
        return out.stderr, "com.example.after"
    done = box.commit("after-damage")
    assert done.returncode == 0, done.stderr
    return done.stderr, "ai.gibson.hook.git.commit"


@pytest.mark.parametrize("via", ["emit", "commit"])
@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_outbox_is_moved_aside_and_the_event_lands_in_a_fresh_one(tmp_path, damage, via):
    box = Sandbox(tmp_path)
    ids = fill(box)
    DAMAGE[damage](box.outbox)
    stderr, stored_type = store_one(box, via)
    found = WARNING.search(stderr)
    assert found, stderr
    assert found["path"] == box.outbox and found["moved"].startswith(box.outbox + ".damaged-")
    assert os.path.exists(found["moved"])
    # The fresh outbox holds exactly the current event.
    assert [e["type"] for e in box.events()] == [stored_type]
    # Recover: every event not on a damaged page comes back, in order, after the current one.
    out = box.run("outbox", "recover", found["moved"], "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    recovered = [e["id"] for e in box.events()[1:]]
    assert report["recovered"] == len(recovered) and recovered == [i for i in ids if i in recovered]
    if damage == "zeroed-page":
        assert report["damagedStretches"] >= 1 and len(ids) - 40 < len(recovered) < len(ids)
    if damage == "truncated":
        assert 0 < len(recovered) < len(ids)
    if damage == "corrupt-header":
        # The header is rebuilt on a copy: every event comes back.
        assert report["rebuiltHeader"] is True and recovered == ids
    # Recovering twice stores nothing twice.
    again = json.loads(box.run("outbox", "recover", found["moved"], "--json").stdout)
    assert again["recovered"] == 0 and again["alreadyStored"] == len(recovered)
    # The damaged files are kept.
    assert glob.glob(found["moved"] + "*")


@pytest.mark.parametrize("via", ["emit", "commit"])
def test_a_garbage_wal_is_damage_too_and_everything_checkpointed_comes_back(tmp_path, via):
    box = Sandbox(tmp_path)
    kept = fill(box, count=50)
    assert box.run("emit", "--type", "com.example.in-wal").returncode == 0
    size = os.path.getsize(box.outbox + "-wal")
    with open(box.outbox + "-wal", "r+b") as handle:
        handle.write(os.urandom(size))
    stderr, event_type = store_one(box, via)
    # The WAL index still lists the frames, so reading them finds garbage: the file is moved aside.
    found = WARNING.search(stderr)
    assert found, stderr
    assert [e["type"] for e in box.events()] == [event_type]
    assert os.path.exists(found["moved"] + "-wal")
    report = json.loads(box.run("outbox", "recover", found["moved"], "--json").stdout)
    # Lost: the event whose only copy was in the garbage WAL, and the events sharing the table page it
    # rewrote there (the newest version of that page is garbage). Everything else comes back in order.
    recovered = [e["id"] for e in box.events()[1:]]
    assert recovered == [i for i in kept if i in recovered] and len(kept) - 10 < len(recovered) < len(kept)
    assert report["recovered"] == len(recovered) and report["damagedStretches"] >= 1


def test_recover_refuses_the_outbox_in_use_and_a_missing_file(tmp_path):
    box = Sandbox(tmp_path, shims=False)
    box.run("emit", "--type", "a.b")
    out = box.run("outbox", "recover", box.outbox)
    assert (out.returncode, out.stdout) == (70, "")
    assert out.stderr == (f"gibson-hook: error: cannot open the outbox database '{box.outbox}': it is the outbox in use: "
                          "give the moved-aside '.damaged-' file; check the path and its permissions\n")
    missing = box.run("outbox", "recover", "nothing-here")
    assert missing.stderr == (f"gibson-hook: error: cannot open the outbox database '{box.repo}/nothing-here': no such file; "
                              "check the path and its permissions\n")


@pytest.mark.parametrize("via", ["emit", "commit"])
def test_damage_past_the_open_check_is_found_by_the_write_and_the_event_still_lands(tmp_path, via):
    box = Sandbox(tmp_path)
    lines = "".join('{"type":"com.example.fill","data":{"n":%d,"pad":"%s"}}\n' % (i, "y" * 5000) for i in range(300))
    assert box.run("emit", "--ndjson", input=lines).returncode == 0
    with sqlite3.connect(box.outbox) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert os.path.getsize(box.outbox) > 1 << 20  # over the size checked in full at open
    # The newest event's table page: the next insert appends there, so it reads the zeroed page.
    with open(box.outbox, "r+b") as handle:
        content = handle.read()
        page = content.rindex(b'"n":299,') // PAGE
        handle.seek(page * PAGE)
        handle.write(b"\0" * PAGE)
    stderr, stored_type = store_one(box, via)
    found = WARNING.search(stderr)
    assert found and found["reason"] == "database disk image is malformed", stderr
    assert [e["type"] for e in box.events()] == [stored_type]
    report = json.loads(box.run("outbox", "recover", found["moved"], "--json").stdout)
    assert report["damagedStretches"] >= 1 and 290 <= report["recovered"] < 300


def test_damage_past_the_open_check_found_by_flush_is_moved_aside_and_emit_then_works(tmp_path):
    box = Sandbox(tmp_path, shims=False)
    lines = "".join('{"type":"com.example.fill","data":{"n":%d,"pad":"%s"}}\n' % (i, "y" * 5000) for i in range(300))
    assert box.run("emit", "--ndjson", input=lines).returncode == 0  # no sink yet: all 300 stay pending
    with sqlite3.connect(box.outbox) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert os.path.getsize(box.outbox) > 1 << 20  # over the size checked in full at open
    zero_middle_page(box.outbox)
    sink = RecordingSink()
    try:
        config = tmp_path / "config.yml"
        config.write_text(f"sinks:\n  cloudEvents:\n    url: {sink.url}\n")
        box.env["GIBSON_HOOK_CONFIG"] = str(config)
        flushed = box.run("flush", "--json")
        found = WARNING.search(flushed.stderr)
        assert found and found["path"] == box.outbox, flushed.stderr
        assert found["reason"] == "database disk image is malformed", flushed.stderr
        assert flushed.stderr == found.group(0), flushed.stderr  # the notice alone, no error
        summary = json.loads(flushed.stdout)
        assert (flushed.returncode, summary["delivered"], summary["remaining"]) == (0, 0, 0), flushed.stdout
        assert glob.glob(found["moved"] + "*") and os.path.exists(box.outbox)
        emitted = box.run("emit", "--type", "com.example.after-flush")
        assert (emitted.returncode, emitted.stderr) == (0, ""), emitted.stderr
        assert [e["type"] for e in box.events()] == ["com.example.after-flush"]
        again = box.run("flush", "--json")
        assert (again.returncode, json.loads(again.stdout)["delivered"], again.stderr) == (0, 1, ""), again.stdout
        assert len(sink.bodies) == 1 and b"com.example.after-flush" in sink.bodies[0][1]
        report = json.loads(box.run("outbox", "recover", found["moved"], "--json").stdout)
        assert report["damagedStretches"] >= 1 and 290 <= report["recovered"] < 300
    finally:
        sink.close()
