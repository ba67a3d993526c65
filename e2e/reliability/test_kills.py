"""SIGKILL during flush and during emit, for every sink kind: nothing confirmed stored is lost, and a kill
re-sends at most the events of one request (one event for CloudEvents and Temporal, one batch for Kafka)."""
import pytest

from conftest import KINDS
from killloop import kill_emits, kill_flushes

PER_REQUEST = {"cloudevents": 1, "temporal": 1, "kafka-v2": 20, "kafka-v3": 20}


@pytest.mark.parametrize("kind", KINDS + ("temporal",))
def test_killed_flushes_lose_nothing_and_resend_at_most_one_request(hook, fault, binary, kind):
    server = fault(kind)
    hook.use(server)
    if kind.startswith("kafka"):
        hook.document["sinks"]["kafka"]["batchSize"] = PER_REQUEST[kind]
        hook.config(hook.document)
    server.delay = 0.05 if kind.startswith("kafka") else 0.004  # a flush lasts over a second: kills land
    ids = hook.emit_many(300, kind)
    kills = kill_flushes(hook, server, max_kills=6)
    assert kills >= 1, "no kill landed while a flush was running; the test proved nothing"
    assert set(ids) - set(server.acked) == set(), "events lost"
    assert hook.states()[0] == {"delivered": 300}
    dupes = server.duplicates()
    print(f"{kind}: {kills} kills, 0 lost, {dupes} duplicates")
    assert dupes <= kills * PER_REQUEST[kind], f"{dupes} duplicates after {kills} kills"


@pytest.mark.parametrize("kind", KINDS + ("temporal",))
def test_killed_emits_lose_no_confirmed_event(hook, fault, binary, kind):
    server = fault(kind)
    hook.use(server)
    hook.binary = binary
    if kind == "temporal":  # Temporal takes workflow requests only: send the events to CloudEvents too
        extra = fault("cloudevents")
        hook.document["sinks"]["cloudEvents"] = {"url": extra.url}
        hook.config(hook.document)
        server = extra
    confirmed, kills = kill_emits(hook, batches=8, per_batch=100)
    assert kills >= 1 and confirmed, f"{kills} kills, {len(confirmed)} confirmed: the loop proved nothing"
    rc, summary, _ = hook.flush_json("60s")
    assert rc == 0 and summary["dead"] == 0, summary
    assert set(confirmed) - set(server.acked) == set(), "confirmed events lost"
