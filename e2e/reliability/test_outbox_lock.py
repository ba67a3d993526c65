"""Another process holding the outbox's write lock: gibson-hook waits for it (up to 10 s), keeps the event
once the lock is free, and past the wait says plainly what happened and stores nothing half-way. The lock is
taken by Python's own sqlite3 module (`BEGIN IMMEDIATE`), as any other writer would."""
import re
import sqlite3
import threading
import time

from outbox_support import Sandbox


class LockHolder:
    """Holds the outbox's write lock from another process-level connection for `seconds`."""

    def __init__(self, path, seconds):
        self.taken = threading.Event()
        self.thread = threading.Thread(target=self._hold, args=(path, seconds), daemon=True)

    def _hold(self, path, seconds):
        db = sqlite3.connect(path, isolation_level=None, timeout=30)
        db.execute("BEGIN IMMEDIATE")
        self.taken.set()
        time.sleep(seconds)
        db.execute("COMMIT")
        db.close()

    def __enter__(self):
        self.thread.start()
        assert self.taken.wait(30), "the test could not take the outbox lock"
        return self

    def __exit__(self, *exc):
        self.thread.join(60)


def ready(tmp_path, **kwargs):
    sandbox = Sandbox(tmp_path, **kwargs)
    first = sandbox.run("emit", "--type", "ai.gibson.test.lock.setup", "--data", "{}")
    assert first.returncode == 0, first.stderr
    return sandbox


def test_emit_waits_while_another_process_holds_the_lock_and_keeps_the_event(tmp_path):
    sandbox = ready(tmp_path, shims=False)
    with LockHolder(sandbox.outbox, 2):
        started = time.monotonic()
        r = sandbox.run("emit", "--type", "ai.gibson.test.lock.waited", "--data", '{"n":1}')
        waited = time.monotonic() - started
    assert r.returncode == 0, r.stderr
    assert "error" not in r.stderr and "warning" not in r.stderr, r.stderr
    assert waited >= 1.0, "emit returned before the other process released the lock"
    assert [e["type"] for e in sandbox.events()] == ["ai.gibson.test.lock.setup", "ai.gibson.test.lock.waited"]
    assert sandbox.events()[1]["id"] == r.stdout.strip()


def test_a_commit_made_while_the_lock_is_held_keeps_its_commit_event(tmp_path):
    sandbox = ready(tmp_path, hooks="post-commit")
    before = len(sandbox.events())
    with LockHolder(sandbox.outbox, 2):
        r = sandbox.commit("locked")
    assert r.returncode == 0, r.stderr
    head = sandbox.git("rev-parse", "HEAD").stdout.strip()
    commits = [e for e in sandbox.events()[before:] if e["type"].endswith(".commit")]
    assert len(commits) == 1, [e["type"] for e in sandbox.events()]
    assert head in str(commits[0]["data"])


def test_a_lock_held_past_the_wait_is_named_and_nothing_half_written_is_kept(tmp_path):
    sandbox = ready(tmp_path, shims=False)
    with LockHolder(sandbox.outbox, 13):
        r = sandbox.run("emit", "--ndjson", input='{"type":"ai.gibson.test.lock.late","data":{"n":1}}\n{"type":"ai.gibson.test.lock.late","data":{"n":2}}\n')
    assert r.returncode != 0
    assert r.stdout == ""
    # The wait is measured: 10 s, give or take the 0.2-2 ms polls, printed to the millisecond.
    waited = re.fullmatch(
        r"gibson-hook: error: the outbox database '(.*)' stayed locked by another process for (10|10\.\d{1,3})s; the write "
        r"that waited was not kept \(events whose ids were printed are stored\): retry\n", r.stderr)
    assert waited, r.stderr
    assert waited.group(1) == sandbox.outbox
    assert [e["type"] for e in sandbox.events()] == ["ai.gibson.test.lock.setup"]
    # The lock is free again: the same input is stored whole.
    again = sandbox.run("emit", "--ndjson", input='{"type":"ai.gibson.test.lock.late","data":{"n":1}}\n{"type":"ai.gibson.test.lock.late","data":{"n":2}}\n')
    assert again.returncode == 0, again.stderr
    assert [e["data"] for e in sandbox.events()[1:]] == [{"n": 1}, {"n": 2}]
