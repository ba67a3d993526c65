#!/usr/bin/env python3
"""Event benchmarks (issue 3): NDJSON into the outbox, outbox -> Kafka REST stand-in -> tansu end to end,
curl posting one event per request to the same endpoint, the stand-in's own ceiling, and peak RSS of
`emit` and `flush`. Prints a Markdown report on stdout; progress on stderr.

Usage: bench.py --binary PATH [--events 100000] [--curl-sample 2000] [--only-standin]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "e2e", "realcomponents"))

from standins.tansu import TansuBroker, free_port  # noqa: E402

V2_JSON = "application/vnd.kafka.json.v2+json"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def start_standin(bootstrap, api="v2"):
    port = free_port()
    env = dict(os.environ, PYTHONPATH=os.path.join(REPO, "e2e", "realcomponents"))
    proc = subprocess.Popen([sys.executable, "-m", "standins.kafka_rest", "--bootstrap", bootstrap, "--port", str(port),
                             "--api", api], env=env, stdout=subprocess.PIPE, text=True)
    proc.stdout.readline()  # "listening on ..."
    return proc, f"http://127.0.0.1:{port}"


def timed(cmd, env, stdin_path=None):
    """Run under /usr/bin/time -v; returns (seconds, peak RSS KiB, stdout, exit status, CPU seconds)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    t0 = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-v", *cmd], stdin=stdin, capture_output=True, env=env)
    elapsed = time.monotonic() - t0
    m = re.search(rb"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    cpu = sum(float(x) for x in re.findall(rb"(?:User|System) time \(seconds\): ([\d.]+)", r.stderr))
    if r.returncode != 0:
        log(r.stderr.decode(errors="replace")[-2000:])
    return elapsed, int(m.group(1)) if m else -1, r.stdout, r.returncode, cpu


def standin_ceiling(url, broker, events, batch=500):
    """A Python client posting big v2 batches: how fast the stand-in + tansu can go at all."""
    topic = broker.create_topic(f"ceiling-{uuid.uuid4().hex[:8]}", partitions=3)
    bodies = []
    for start in range(0, events, batch):
        recs = [{"key": f"repo-{i % 5}", "value": {"specversion": "1.0", "id": str(uuid.uuid4()), "source": "/bench",
                                                  "type": "ai.gibson.bench", "data": {"n": i}}}
                for i in range(start, min(events, start + batch))]
        bodies.append(json.dumps({"records": recs}).encode())
    t0 = time.monotonic()
    for body in bodies:
        req = urllib.request.Request(f"{url}/topics/{topic}", body, {"Content-Type": V2_JSON})
        with urllib.request.urlopen(req) as r:
            assert r.status == 200
    return events / (time.monotonic() - t0)


def curl_per_event(url, broker, sample):
    """One curl process per event, as a shell hook would do it."""
    topic = broker.create_topic(f"curl-{uuid.uuid4().hex[:8]}", partitions=3)
    t0 = time.monotonic()
    for i in range(sample):
        body = json.dumps({"records": [{"key": "repo", "value": {"specversion": "1.0", "id": str(uuid.uuid4()),
                                                                  "source": "/bench", "type": "ai.gibson.bench",
                                                                  "data": {"n": i}}}]})
        subprocess.run(["curl", "-sS", "-o", "/dev/null", "-H", f"Content-Type: {V2_JSON}", "-H", "Expect:",
                        "--data-binary", body, f"{url}/topics/{topic}"], check=True)
    return sample / (time.monotonic() - t0)


def count_records(broker, topic):
    return len(broker.consume(topic, idle=2, timeout=300))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--curl-sample", type=int, default=2000)
    ap.add_argument("--only-standin", action="store_true", help="measure the stand-in ceiling and curl only")
    ap.add_argument("--native-mode", default="binary", choices=["binary", "structured"], help="sinks.kafka.mode")
    ap.add_argument("--librdkafka", help="librdkafka for the native path (default: the confluent-kafka wheel's)")
    a = ap.parse_args()
    rows = []
    with TansuBroker() as broker:
        proc, url = start_standin(broker.bootstrap)
        try:
            log("stand-in ceiling ...")
            rows.append(("Kafka REST stand-in ceiling (Python client, 500 records/request, v2)",
                         f"{standin_ceiling(url, broker, a.events):,.0f} events/s", ""))
            log("curl one event per request ...")
            rows.append((f"curl, one process and one request per event ({a.curl_sample:,} requests)",
                         f"{curl_per_event(url, broker, a.curl_sample):,.0f} events/s", ""))
            if not a.only_standin:
                rows += bench_binary(a, broker, url)
        finally:
            proc.terminate()
            proc.wait(10)
    print("| measurement | result | notes |\n|---|---|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")


def wheel_librdkafka():
    import glob
    found = sorted(glob.glob(os.path.join(sys.prefix, "lib", "python3*", "site-packages", "confluent_kafka.libs",
                                          "librdkafka-*.so.1")))
    return found[0] if found else None


def write_events(path, topic, events):
    with open(path, "w") as f:
        for i in range(events):
            f.write(json.dumps({"type": "ai.gibson.bench.sample", "topic": topic, "key": f"repo-{i % 5}",
                                "data": {"n": i, "path": f"src/file{i}.swift"}}) + "\n")


def bench_native(a, broker):
    """The same events through the native producer (librdkafka at run time), then confluent-kafka's own Python
    producer sending the same number of records with the same key, value size and ce_ headers."""
    rows, work = [], tempfile.mkdtemp(prefix="gibson-bench-native-")
    library = a.librdkafka or wheel_librdkafka()
    topic = broker.create_topic(f"native-{uuid.uuid4().hex[:8]}", partitions=3)
    ndjson = os.path.join(work, "events.ndjson")
    write_events(ndjson, topic, a.events)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIBSON_HOOK_", "GIT_"))}
    env.update(HOME=work, GIBSON_HOOK_STATE_DIR=os.path.join(work, "state"), NO_COLOR="1",
               GIBSON_HOOK_KAFKA_BROKERS=broker.bootstrap, GIBSON_HOOK_LIBRDKAFKA=library,
               GIBSON_HOOK_CONFIG=os.path.join(work, "config.yml"))
    with open(env["GIBSON_HOOK_CONFIG"], "w") as f:
        f.write(f"sinks:\n  kafka:\n    mode: {a.native_mode}\n")
    timed([a.binary, "emit", "--ndjson"], env, ndjson)
    log("flush (native) ...")
    secs, rss, out, rc, cpu = timed([a.binary, "flush", "--deadline", "900s", "--json"], env)
    arrived = count_records(broker, topic)
    rows.append((f"`flush` {a.events:,} events → tansu natively, {a.native_mode} mode (librdkafka {os.path.basename(library)})",
                 f"{arrived / secs:,.0f} events/s" if rc == 0 else f"exit {rc}",
                 f"{secs:.2f} s wall, {cpu:.2f} s CPU, {arrived:,} records in tansu, peak RSS {rss / 1024:.1f} MiB"))
    from confluent_kafka import Producer
    topic = broker.create_topic(f"python-{uuid.uuid4().hex[:8]}", partitions=3)
    log("confluent-kafka Python producer ...")
    producer = Producer({"bootstrap.servers": broker.bootstrap, "enable.idempotence": True, "acks": "all"})
    t0 = time.monotonic()
    for i in range(a.events):
        headers = [("ce_specversion", b"1.0"), ("ce_id", str(uuid.uuid4()).encode()),
                   ("ce_source", b"gibson-hook://bench/repo"), ("ce_type", b"ai.gibson.bench.sample"),
                   ("ce_time", b"2026-12-02T07:00:00.000Z"), ("content-type", b"application/json")]
        value = json.dumps({"n": i, "path": f"src/file{i}.swift"}).encode()
        while True:
            try:
                producer.produce(topic, value, key=f"repo-{i % 5}", headers=headers)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
    producer.flush(900)
    secs = time.monotonic() - t0
    arrived = count_records(broker, topic)
    rows.append((f"confluent-kafka Python producer, {a.events:,} records, same key/value/headers",
                 f"{arrived / secs:,.0f} events/s", f"{secs:.2f} s wall, {arrived:,} records in tansu"))
    return rows


def bench_binary(a, broker, url):
    rows = []
    work = tempfile.mkdtemp(prefix="gibson-bench-")
    topic = broker.create_topic(f"bench-{uuid.uuid4().hex[:8]}", partitions=3)
    ndjson = os.path.join(work, "events.ndjson")
    write_events(ndjson, topic, a.events)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIBSON_HOOK_", "GIT_"))}
    env.update(HOME=work, GIBSON_HOOK_STATE_DIR=os.path.join(work, "state"), NO_COLOR="1",
               GIBSON_HOOK_KAFKA_REST_URL=url, GIBSON_HOOK_KAFKA_REST_API="v2")
    log("emit --ndjson ...")
    secs, rss, out, rc, cpu = timed([a.binary, "emit", "--ndjson"], env, ndjson)
    ok = rc == 0 and len(out.split()) >= a.events
    rows.append((f"`emit --ndjson` {a.events:,} events into the outbox", f"{a.events / secs:,.0f} events/s"
                 if ok else f"FAILED (exit {rc})",
                 f"{secs:.2f} s wall, {cpu:.2f} s CPU ({a.events / max(cpu, 1e-9):,.0f} events per CPU-second), "
                 f"peak RSS {rss / 1024:.1f} MiB"))
    log("flush ...")
    secs, rss, out, rc, cpu = timed([a.binary, "flush", "--deadline", "900s", "--json"], env)
    arrived = count_records(broker, topic)
    rows.append((f"`flush` {a.events:,} events → stand-in → tansu (end to end)",
                 f"{arrived / secs:,.0f} events/s" if rc == 0 else f"exit {rc}",
                 f"{secs:.2f} s wall, {cpu:.2f} s CPU in gibson-hook ({arrived / max(cpu, 1e-9):,.0f} events per "
                 f"CPU-second), {arrived:,} records in tansu, peak RSS {rss / 1024:.1f} MiB"))
    return rows + bench_native(a, broker)


if __name__ == "__main__":
    main()
