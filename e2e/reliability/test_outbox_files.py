"""Outbox files on disk: private modes (also when they existed wider) and a full file system (a 2 MiB
tmpfs: CI runs as root; the test fails, never skips, when it cannot mount)."""
import os
import sqlite3
import stat
import subprocess

import pytest

from outbox_support import Sandbox


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_state_directory_outbox_wal_and_cache_become_private_even_when_they_existed_wider(tmp_path):
    state = tmp_path / "state"
    box = Sandbox(tmp_path, state=str(state), hooks="pre-commit,post-commit")
    assert box.run("emit", "--type", "a.b").returncode == 0
    os.chmod(state, 0o755)
    for name in ("outbox.sqlite3", "outbox.sqlite3-wal", "outbox.sqlite3-shm"):
        os.chmod(state / name, 0o644)
    for name in ("health-cache.json", "background.log"):
        (state / name).write_text("{}\n")
        os.chmod(state / name, 0o644)
    # A sink on a closed port: the post-commit hook starts a background flush that appends to its log.
    box.env["GIBSON_HOOK_CLOUDEVENTS_URL"] = "http://127.0.0.1:9/events"
    done = box.commit("private")  # pre-commit writes the health cache, post-commit stores the event
    assert done.returncode == 0, done.stderr
    assert mode(state) == 0o700
    modes = {name: mode(state / name) for name in
             ("outbox.sqlite3", "outbox.sqlite3-wal", "outbox.sqlite3-shm", "health-cache.json", "background.log")}
    assert modes == dict.fromkeys(modes, 0o600), modes


def test_a_fresh_state_directory_is_private_from_the_start(tmp_path):
    state = tmp_path / "fresh" / "state"
    box = Sandbox(tmp_path, state=str(state), shims=False)
    old = os.umask(0o022)
    try:
        assert box.run("emit", "--type", "a.b").returncode == 0
    finally:
        os.umask(old)
    assert mode(state) == 0o700
    assert {n: mode(state / n) for n in os.listdir(state)} == dict.fromkeys(os.listdir(state), 0o600)


@pytest.fixture
def small_fs(tmp_path):
    mount = tmp_path / "fs"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True, text=True)
    assert done.returncode == 0, f"cannot mount a 2 MiB tmpfs (the disk-full test needs root): {done.stderr.strip()}"
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=True)


def fill_up(directory):
    """Writes a filler file until the file system refuses more; returns its path."""
    filler = os.path.join(directory, "filler")
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(descriptor, b"\0" * 4096) > 0:
            pass
    except OSError:
        pass
    finally:
        os.close(descriptor)
    return filler


def test_a_full_file_system_is_a_clear_error_that_loses_nothing_acknowledged(tmp_path, small_fs):
    box = Sandbox(tmp_path, state=str(small_fs / "state"))
    first = box.run("emit", "--type", "com.example.before")
    assert first.returncode == 0, first.stderr
    acknowledged = first.stdout.split()
    filler = fill_up(small_fs)
    full = (f"gibson-hook: error: cannot write the outbox database '{box.outbox}': the file system is full; "
            "free some space and retry (events already stored are kept)\n")
    out = box.run("emit", "--type", "com.example.full")
    assert (out.returncode, out.stdout, out.stderr) == (70, "", full)
    lines = "".join('{"type":"com.example.bulk","data":{"n":%d}}\n' % i for i in range(5000))
    bulk = box.run("emit", "--ndjson", input=lines)
    assert bulk.returncode == 70 and bulk.stderr == full
    acknowledged += bulk.stdout.split()  # ids printed before the failure are durable
    commit = box.commit("while-full")
    assert commit.returncode == 0, "a post-commit hook never fails the commit"
    assert ("gibson-hook: warning: the event was not stored: cannot write the outbox database "
            f"'{box.outbox}': the file system is full") in commit.stderr
    os.unlink(filler)
    after = box.run("emit", "--type", "com.example.after")
    assert after.returncode == 0, after.stderr
    ids = [e["id"] for e in box.events()]
    assert set(acknowledged) <= set(ids) and ids[-1] == after.stdout.strip()
    with sqlite3.connect(box.outbox) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
