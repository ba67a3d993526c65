"""Throughput of `gibson-hook listen`'s CloudEvents webhook: N structured events posted one per request
(each answered 202 only after its own outbox commit, fsync included), then the same N in batches of 100,
by C concurrent clients. No trigger is configured, so this measures receiving and storing.

    python3 bench/listen/webhook.py BINARY [N] [C]
"""
import concurrent.futures
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url, content_type, body):
    req = urllib.request.Request(url, data=body, headers={"Content-Type": content_type}, method="POST")
    with urllib.request.urlopen(req, timeout=60) as r:
        assert r.status == 202, r.status


def main():
    binary = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    clients = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    root = tempfile.mkdtemp(prefix="listen-bench-")
    port = free_port()
    config = os.path.join(root, "config.yml")
    with open(config, "w") as f:
        f.write(f"listen:\n  webhook:\n    address: 127.0.0.1:{port}\n")
    env = dict(os.environ, GIBSON_HOOK_STATE_DIR=os.path.join(root, "state"), GIBSON_HOOK_CONFIG=config, HOME=root)
    proc = subprocess.Popen([binary, "listen", "--json"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    assert "CloudEvents webhook" in line, line
    url = f"http://127.0.0.1:{port}/"

    def event(i, tag):
        return {"specversion": "1.0", "id": f"{tag}-{i}", "source": "urn:bench", "type": "com.example.bench", "data": {"n": i}}

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda i: post(url, "application/cloudevents+json", json.dumps(event(i, "single")).encode()), range(n)))
    single = time.monotonic() - start
    batches = [json.dumps([event(i, "batch") for i in range(b, min(n, b + 100))]).encode() for b in range(0, n, 100)]
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda body: post(url, "application/cloudevents-batch+json", body), batches))
    batched = time.monotonic() - start
    proc.terminate()
    proc.wait(60)
    print(f"{n} events, one per request, {clients} clients: {single:.2f} s, {n / single:.0f} events/s")
    print(f"{n} events, batches of 100, {clients} clients: {batched:.2f} s, {n / batched:.0f} events/s")


if __name__ == "__main__":
    main()
