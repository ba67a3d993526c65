"""Eight emitters and two flushers at once on one outbox: every confirmed event is delivered, the outbox
stays consistent, and duplicates (a row delivered by both flushers) are counted: leases keep them at 0."""
import subprocess
import threading

import pytest

EMITTERS, ROUNDS, PER_EMIT = 8, 3, 25


@pytest.mark.parametrize("kind", ["cloudevents", "kafka-v2"])
def test_eight_emitters_and_two_flushers_lose_nothing(hook, fault, binary, kind):
    server = fault(kind)
    hook.use(server)
    server.delay = 0.002
    confirmed, failures, lock = [], [], threading.Lock()
    emitting = threading.Event()
    emitting.set()

    def emitter(n):
        for r in range(ROUNDS):
            lines = "".join('{"type":"ai.gibson.test.reliability","data":{"e":%d,"r":%d,"i":%d},"key":"k%d"}\n'
                            % (n, r, i, i % 3) for i in range(PER_EMIT))
            p = subprocess.run([binary, "emit", "--ndjson"], input=lines, capture_output=True, text=True,
                               env=hook.env, cwd=hook.repo, timeout=120)
            with lock:
                if p.returncode == 0:
                    confirmed.extend(hook.ids_from(p.stdout))
                else:
                    failures.append(p.stderr)

    def flusher():
        while emitting.is_set():
            p = subprocess.run([binary, "flush", "--deadline", "5s"], capture_output=True, text=True,
                               env=hook.env, cwd=hook.repo, timeout=120)
            if p.returncode not in (0, 3):
                with lock:
                    failures.append(p.stderr)

    emitters = [threading.Thread(target=emitter, args=(n,)) for n in range(EMITTERS)]
    flushers = [threading.Thread(target=flusher) for _ in range(2)]
    for t in emitters + flushers:
        t.start()
    for t in emitters:
        t.join()
    emitting.clear()
    for t in flushers:
        t.join()
    assert failures == [], failures
    rc, summary, _ = hook.flush_json("60s")
    assert (rc, summary["dead"], summary["remaining"]) == (0, 0, 0), summary
    assert len(confirmed) == EMITTERS * ROUNDS * PER_EMIT
    assert set(confirmed) - set(server.acked) == set(), "confirmed events lost"
    print(f"{kind}: {len(confirmed)} events, 8 emitters, 2 flushers, 0 lost, {server.duplicates()} duplicates")
    assert server.duplicates() == 0
