"""Secrets at rest: the password of a sink URL's user info reaches no byte of the outbox (database and WAL),
although the sinks cache what they discovered about the server (Kafka REST v3 cluster id, Temporal path
prefix) in the outbox's state table."""
import os
import sqlite3

import pytest

PASSWORD = "pw-userinfo-5ec2e7aa"


def outbox_bytes(hook):
    data = b""
    for name in ("outbox.sqlite3", "outbox.sqlite3-wal"):
        path = os.path.join(hook.state, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                data += f.read()
    return data


@pytest.mark.parametrize("kind,key", [("kafka-v3", "kafka-rest.v3.cluster-id"), ("temporal", "temporal.path-prefix")])
def test_no_url_password_in_the_outbox_after_a_flush(hook, fault, kind, key):
    server = fault(kind)
    server.set_mode("ok", temporal_bare=True)  # Temporal: the sink finds and caches the bare path
    hook.use(server)
    sink = next(iter(hook.document["sinks"].values()))
    sink["url"] = server.url.replace("http://", f"http://hook:{PASSWORD}@")
    hook.config(hook.document)
    hook.emit_many(3, kind)
    rc, summary, stderr = hook.flush_json("10s")
    assert (rc, summary["delivered"], summary["remaining"]) == (0, 3, 0), (summary, stderr)
    # The discovery was cached, under the URL without its credentials.
    with sqlite3.connect(os.path.join(hook.state, "outbox.sqlite3")) as db:
        keys = [k for (k,) in db.execute("SELECT key FROM state WHERE key LIKE ?", (key + " %",))]
    assert keys == [f"{key} {server.url}"], keys
    assert PASSWORD.encode() not in outbox_bytes(hook)
