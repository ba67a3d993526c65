"""A flush SIGKILLed at random points, several times: the next flush delivers everything. At-least-once:
a request the proxy produced before the kill may be sent again, so an id may reach the broker more than
once — but only the same id, and at most once per kill plus one."""
import random
import signal
import time

from e2e import check_delivered, sample_events

KILLS = 5


def test_killed_flushes_lose_nothing(hook, kafka_rest, broker, topic):
    s = kafka_rest("v2")
    hook.kafka(s.url, "v2")
    hook.config({"sinks": {"kafka": {"url": s.url, "api": "v2", "batchSize": 20}}})
    events = sample_events(topic, 300, keys=5)
    ids = hook.emit_ndjson(events)
    rng = random.Random(20261129)
    interrupted = 0
    for _ in range(KILLS):
        s.delay_next(3, 0.15)  # widen the window in which a request is in flight
        proc = hook.popen("flush", "--deadline", "20s", "--json")
        time.sleep(rng.uniform(0.02, 0.8))
        interrupted += proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert interrupted >= 1, "no kill landed while a flush was running; the test proved nothing"
    hook.flush_until_done()
    records = broker.consume(topic, idle=2)
    seen = check_delivered(records, ids, events, max_copies=KILLS + 1)
    assert dict(seen) == dict(s.accepted_ids), "the broker holds other copies than the proxy produced"
    dupes = sum(n - 1 for n in seen.values())
    print(f"{dupes} duplicate records (same ids) after {interrupted} kills of running flushes")
