#!/usr/bin/env python3
"""Event latency (issue 12, item 4): from the start of `git commit` to the commit event accepted by the sink,
through the installed pre-commit and post-commit shims and the post-commit hook's detached background flush.

Sinks, each in its own repository and state directory:
  cloudevents   the CloudEvents stand-in (e2e/realcomponents/standins): accepted = the sink has validated the
                event and answers 202;
  kafka-rest    the Kafka REST v2 stand-in in front of a tansu broker: accepted = the broker acknowledged the
                record (the stand-in's producer flush returned), before the stand-in answers gibson-hook;
  kafka-native  gibson-hook's librdkafka producer straight to tansu: accepted = a consumer polling the topic
                (fetch.wait.max.ms=5) received the record, so this is an upper bound by up to a few ms.
Times are wall-clock (time.time()) in this process, which runs every server; git commits are started one at
a time, each after the previous event was accepted. A commit whose event does not arrive within --timeout
seconds counts as a miss. Prints a Markdown table on stdout; progress on stderr.

Usage: bench.py --binary PATH [--binary PATH2] [--commits 30] [--sinks cloudevents,kafka-rest,kafka-native]
                [--librdkafka PATH]
With two binaries (before and after a change) each sink gets one server (or topic) per binary and the commits
alternate between them round by round, so both see the same machine load.
"""
import argparse
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "e2e", "realcomponents"))

from standins.cloudevents_sink import CloudEventsSink  # noqa: E402
from standins.kafka_rest import KafkaRestStandin  # noqa: E402
from standins.tansu import TansuBroker  # noqa: E402

HEALTHY_GIBSON = "#!/bin/sh\necho 'gibson 0.8.12'\n"
COMMIT_SUFFIX = ".git.commit"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Arrivals:
    """Accept times of commit events, in arrival order; `wait(n)` blocks until the n-th one arrived."""

    def __init__(self):
        self.times = []
        self.cond = threading.Condition()

    def add(self, when):
        with self.cond:
            self.times.append(when)
            self.cond.notify_all()

    def wait(self, count, timeout):
        with self.cond:
            self.cond.wait_for(lambda: len(self.times) >= count, timeout)
            return self.times[count - 1] if len(self.times) >= count else None


class TimedCloudEventsSink(CloudEventsSink):
    def __init__(self, arrivals):
        super().__init__()
        self.arrivals = arrivals

    def _accept(self, mode, events):
        response = super()._accept(mode, events)
        now = time.time()
        for ev in events:
            if str(ev.get("type", "")).endswith(COMMIT_SUFFIX):
                self.arrivals.add(now)
        return response


class TimedKafkaRest(KafkaRestStandin):
    def __init__(self, bootstrap, arrivals):
        super().__init__(bootstrap, api="v2")
        self.arrivals = arrivals

    def produce(self, records):
        results = super().produce(records)  # returns once the broker acknowledged (producer flush)
        now = time.time()
        for record, result in zip(records, results):
            kind = dict(record.headers or []).get("ce_type") or b""
            if isinstance(result, tuple) and (kind.endswith(COMMIT_SUFFIX.encode()) or COMMIT_SUFFIX.encode() in (record.value or b"")):
                self.arrivals.add(now)
        return results


class TopicWatcher(threading.Thread):
    """Polls `topic` from its end and records the receive time of every commit record (ce_type header)."""

    def __init__(self, bootstrap, topic, arrivals):
        super().__init__(daemon=True)
        from confluent_kafka import Consumer, TopicPartition
        self.consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"latency-{uuid.uuid4().hex[:8]}",
                                  "enable.auto.commit": False, "fetch.wait.max.ms": 5, "fetch.min.bytes": 1})
        md = self.consumer.list_topics(topic, timeout=10).topics[topic]
        self.consumer.assign([TopicPartition(topic, p, 0) for p in md.partitions])
        self.arrivals = arrivals
        self.stopping = False

    def run(self):
        while not self.stopping:
            msg = self.consumer.poll(0.005)
            if msg is None or msg.error():
                continue
            now = time.time()
            headers = dict(msg.headers() or [])
            kind = (headers.get("ce_type") or b"").decode()
            if kind.endswith(COMMIT_SUFFIX) or (not kind and COMMIT_SUFFIX.encode() in (msg.value() or b"")):
                self.arrivals.add(now)

    def stop(self):
        self.stopping = True
        self.join(5)
        self.consumer.close()


class Repository:
    """A repository with gibson-hook's pre-commit and post-commit shims, its own HOME and state directory."""

    def __init__(self, root, binary, sink_env):
        self.root = root
        self.repo = os.path.join(root, "repo")
        home = os.path.join(root, "home")
        os.makedirs(home)
        gibson = os.path.join(root, "bin", "gibson")
        os.makedirs(os.path.dirname(gibson))
        with open(gibson, "w") as f:
            f.write(HEALTHY_GIBSON)
        os.chmod(gibson, 0o755)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("GIBSON_HOOK", "GIT_"))}
        self.env.update({"HOME": home, "XDG_CONFIG_HOME": os.path.join(home, ".config"), "NO_COLOR": "1",
                         "GIBSON_HOOK_STATE_DIR": os.path.join(root, "state"), "GIBSON_HOOK_GIBSON": gibson,
                         "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.path.join(home, ".gitconfig"),
                         **sink_env})
        self.git("init", "-q", "-b", "main", self.repo, cwd=root)
        for key, value in (("user.name", "Bench"), ("user.email", "bench@example.com"), ("commit.gpgsign", "false")):
            self.git("config", key, value)
        subprocess.run([binary, "install", "--hooks", "pre-commit,post-commit"], cwd=self.repo, env=self.env,
                       check=True, capture_output=True)

    def git(self, *args, cwd=None):
        return subprocess.run(["git", *args], cwd=cwd or self.repo, env=self.env, check=True, capture_output=True)

    def stage(self, n):
        with open(os.path.join(self.repo, "file.txt"), "a") as f:
            f.write(f"change {n}\n")
        self.git("add", "file.txt")


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure(name, targets, commits, timeout, pause):
    """`targets`: [(label, binary, sink environment, Arrivals)]. Commits round by round, one per target in
    turn, so that every binary sees the same machine load. Returns {label: (latencies, commit times, missed)}."""
    with tempfile.TemporaryDirectory(prefix=f"gibson-hook-latency-{name}-") as root:
        repos = []
        for index, (label, binary, sink_env, arrivals) in enumerate(targets):
            repo = Repository(os.path.join(root, str(index)), binary, sink_env)
            # The first commit warms the health cache (and the sink's connection set-up); it is not counted.
            repo.stage(0)
            repo.git("commit", "-q", "-m", "warm")
            if arrivals.wait(1, timeout) is None:
                raise RuntimeError(f"{name} ({label}): the warm-up commit's event never arrived")
            repos.append(repo)
        time.sleep(pause)
        results = {label: ([], [], 0) for label, _, _, _ in targets}
        for n in range(1, commits + 1):
            for repo, (label, _, _, arrivals) in zip(repos, targets):
                latencies, commit_times, missed = results[label]
                if missed:
                    continue
                repo.stage(n)
                started = time.time()
                repo.git("commit", "-q", "-m", f"change {n}")
                commit_times.append((time.time() - started) * 1000)
                accepted = arrivals.wait(n + 1, timeout)
                if accepted is None:
                    results[label] = (latencies, commit_times, 1)
                    log(f"  {name} ({label}): commit {n}: no event within {timeout}s")
                    continue
                latencies.append((accepted - started) * 1000)
                time.sleep(pause)  # let the background flush exit before the next commit
        for label, (latencies, _, _) in results.items():
            log(f"  {name} ({label}): p50 {percentile(latencies, 50):.1f} ms over {len(latencies)} commits")
        return results


def wheel_librdkafka():
    found = sorted(glob.glob(os.path.join(sys.prefix, "lib", "python3*", "site-packages", "confluent_kafka.libs",
                                          "librdkafka-*.so.1")))
    return found[0] if found else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True, action="append",
                    help="gibson-hook to measure; give it twice (before, after) to interleave two binaries")
    ap.add_argument("--commits", type=int, default=30)
    ap.add_argument("--sinks", default="cloudevents,kafka-rest,kafka-native")
    ap.add_argument("--librdkafka", help="librdkafka for the native path (default: the confluent-kafka wheel's)")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for one commit's event")
    ap.add_argument("--pause", type=float, default=0.3, help="seconds between commits")
    a = ap.parse_args()
    binaries = [os.path.abspath(b) for b in a.binary]
    labels = [b if len(binaries) == 1 else f"{i + 1}: {b}" for i, b in enumerate(binaries)]
    rows = []
    broker = None
    try:
        for sink in a.sinks.split(","):
            log(f"{sink} ...")
            targets, cleanups = [], []
            try:
                for label, binary in zip(labels, binaries):
                    arrivals = Arrivals()
                    if sink == "cloudevents":
                        server = TimedCloudEventsSink(arrivals).start()
                        cleanups.append(server.stop)
                        env = {"GIBSON_HOOK_CLOUDEVENTS_URL": f"{server.url}/events"}
                    elif sink in ("kafka-rest", "kafka-native"):
                        if broker is None:
                            broker = TansuBroker().start()
                        topic = broker.create_topic(f"commits-{uuid.uuid4().hex[:8]}", partitions=3)
                        if sink == "kafka-rest":
                            server = TimedKafkaRest(broker.bootstrap, arrivals).start()
                            cleanups.append(server.close)
                            env = {"GIBSON_HOOK_KAFKA_REST_URL": server.url, "GIBSON_HOOK_KAFKA_REST_API": "v2"}
                        else:
                            library = a.librdkafka or wheel_librdkafka()
                            if not library:
                                raise RuntimeError("no librdkafka: install confluent-kafka or pass --librdkafka")
                            watcher = TopicWatcher(broker.bootstrap, topic, arrivals)
                            watcher.start()
                            cleanups.append(watcher.stop)
                            env = {"GIBSON_HOOK_KAFKA_BROKERS": broker.bootstrap, "GIBSON_HOOK_LIBRDKAFKA": library}
                        config = os.path.join(tempfile.gettempdir(), f"gibson-hook-latency-{uuid.uuid4().hex[:8]}.yml")
                        with open(config, "w") as f:
                            f.write(f"routing:\n  commit: {topic}\n")
                        cleanups.append(lambda path=config: os.unlink(path))
                        env["GIBSON_HOOK_CONFIG"] = config
                    else:
                        raise SystemExit(f"unknown sink {sink!r}")
                    targets.append((label, binary, env, arrivals))
                results = measure(sink, targets, a.commits, a.timeout, a.pause)
            finally:
                for cleanup in reversed(cleanups):
                    cleanup()
            for label in labels:
                rows.append((sink, label, *results[label]))
    finally:
        if broker is not None:
            broker.stop()
    print("| sink | binary | commits | p50 (ms) | p90 (ms) | mean (ms) | max (ms) | `git commit` p50 (ms) | missed |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for sink, label, latencies, commit_times, missed in rows:
        print(f"| {sink} | {label} | {len(latencies)} | {percentile(latencies, 50):.1f} | {percentile(latencies, 90):.1f} | "
              f"{statistics.mean(latencies):.1f} | {max(latencies):.1f} | {percentile(commit_times, 50):.1f} | {missed} |")


if __name__ == "__main__":
    main()
