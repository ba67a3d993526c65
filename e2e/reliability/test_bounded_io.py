"""Bounded I/O and secrets: a sink answering a huge or endless body, or answering byte by byte, costs the
flush neither memory nor more than its timeouts; a server echoing credentials gets none of them stored,
shown, logged or put in a process argument."""
import base64
import json
import os
import subprocess
import sys
import time

import pytest

from conftest import KINDS

RSS_PROBE = ("import resource, subprocess, sys\n"
             "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
             "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def flush_peak_rss_kib(hook, deadline="20s"):
    """Exit status and peak resident memory (KiB) of one `flush`, measured in a fresh parent process."""
    out = subprocess.run([sys.executable, "-c", RSS_PROBE, hook.binary, "flush", "--deadline", deadline],
                         capture_output=True, text=True, env=hook.env, cwd=hook.repo, timeout=120).stdout
    rc, rss = out.split()
    return int(rc), int(rss)


@pytest.mark.parametrize("kind,status", [("cloudevents", 200), ("cloudevents", 500), ("kafka-v2", 200),
                                         ("kafka-v3", 200)])
def test_a_huge_answer_costs_no_memory(hook, fault, binary, kind, status):
    server = fault(kind)
    hook.use(server)
    hook.binary = binary
    hook.emit_many(5, kind)
    server.set_mode("huge", status=status, huge_bytes=1_500_000_000)
    rc, rss = flush_peak_rss_kib(hook, "5s")
    assert rc in (0, 3) and rss < 64 * 1024, f"flush exited {rc} with peak RSS {rss} KiB for a 1.5 GB answer"
    assert server.bodies_sent < 200 * 1024 * 1024, "the flush read the huge body instead of cutting it off"
    counts, rows = hook.states()
    if kind == "cloudevents" and status == 200:
        assert counts == {"delivered": 5}, counts
    else:
        # Answered (a status came back), so attempts count (dead after outbox.maxAttempts), each with the
        # bounded reason (a prefix of the body at most).
        assert set(counts) <= {"pending", "dead"}, counts
        assert all(len(r["lastError"]) < 400 for r in rows if r["attempts"]), [r["lastError"] for r in rows]


def test_a_server_answering_byte_by_byte_is_cut_off_at_the_request_timeout(hook, fault):
    server = fault("cloudevents")
    hook.use(server, requestTimeout="1s")
    hook.emit_many(2)
    server.set_mode("slow", slow_interval=0.3)
    rc, summary, _ = hook.flush_json("3s")
    assert (rc, summary["dead"], summary["remaining"]) == (3, 0, 2), summary
    counts, rows = hook.states()
    assert {r["attempts"] for r in rows} == {0}
    assert any("no answer from" in (r["lastError"] or "") for r in rows), rows


SECRETS = ("tok-5f1d0e2a9b8c7d6e", "q-apikey-77aa99bb", "pw-basic-0c0ffee0")


@pytest.mark.parametrize("kind", KINDS)
def test_echoed_credentials_are_stored_and_shown_nowhere(hook, fault, kind):
    server = fault(kind)
    hook.use(server)
    sink = next(iter(hook.document["sinks"].values()))
    # Only the CloudEvents URL is an endpoint of its own; Kafka REST and Temporal URLs are bases that request
    # paths are appended to, and the configuration refuses a query on them.
    if kind == "cloudevents":
        sink["url"] = server.url + "?apikey=" + SECRETS[1]
    sink["auth"] = {"kind": "bearer", "token": SECRETS[0]}
    hook.config(hook.document)
    ids = hook.emit_many(2, kind)
    server.set_mode("echo_credentials")
    flushed = hook.run("flush", "--deadline", "5s")
    assert any(SECRETS[0] in json.dumps(h) for _, _, h in server.requests), "the token was not sent at all"
    listed = hook.run("outbox", "list", "--json", check=True).stdout
    shown = hook.run("outbox", "show", ids[0], check=True).stdout
    assert "dead" in listed and "<redacted>" in listed, listed
    for text in (flushed.stdout, flushed.stderr, listed, shown):
        assert not any(s in text for s in SECRETS), text
    with open(os.path.join(hook.state, "outbox.sqlite3"), "rb") as f:
        assert not any(s.encode() in f.read() for s in SECRETS[:1])


def test_the_background_flush_carries_no_credential_in_its_arguments_or_log(hook, fault):
    server = fault("cloudevents")
    hook.use(server)
    hook.document["sinks"]["cloudEvents"]["auth"] = {"kind": "basic", "username": "u", "password": SECRETS[2]}
    hook.config(hook.document)
    hook.run("install", check=True)
    server.set_mode("slow", slow_interval=0.5)  # keeps the background flush alive while we look at it
    subprocess.run(["git", "-C", hook.repo, "commit", "-q", "--allow-empty", "-m", "one"], check=True, env=hook.env)
    seen = []
    for _ in range(100):
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    argv = f.read().split(b"\0")
            except OSError:
                continue
            if any(a.endswith(b"gibson-hook") for a in argv) and b"flush" in argv:
                seen.append(argv)
        if seen:
            break
        time.sleep(0.05)
    assert seen, "no background flush was seen running"
    assert all(not any(SECRETS[2].encode() in a for a in argv) for argv in seen), seen
    server.set_mode("echo_credentials")
    hook.run("flush", "--deadline", "5s")
    log = os.path.join(hook.state, "background.log")
    text = open(log).read() if os.path.exists(log) else ""
    encoded = base64.b64encode(f"u:{SECRETS[2]}".encode()).decode()
    assert SECRETS[2] not in text and encoded not in text, text
