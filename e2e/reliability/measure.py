"""Figures for docs/reliability.md, from the real binary against the fault server:

  python e2e/reliability/measure.py outage  --binary B          250 events, sink down for 20 flushes, back
  python e2e/reliability/measure.py kills   --binary B --kind K 2,000 events, SIGKILL a flush every ~200 ms
  python e2e/reliability/measure.py memory  --binary B --mode M peak RSS of one flush (/usr/bin/time -v)

Each prints one line of figures. Not a test: the suite (pytest e2e/reliability) asserts the same bounds."""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import conftest  # noqa: E402  (Hook, and the realcomponents helpers through its sys.path)
from faultserver import FaultServer  # noqa: E402
from killloop import kill_flushes  # noqa: E402


def make_hook(binary, server, **delivery):
    os.environ["GIBSON_HOOK_BINARY"] = binary
    hook = conftest.Hook(tempfile.mkdtemp(prefix="gh-measure-"))
    hook.binary = binary
    hook.use(server, **delivery)
    return hook


def outage(args):
    server = FaultServer("cloudevents")
    hook = make_hook(args.binary, server)
    hook.document["outbox"]["maxAttempts"] = 10
    hook.config(hook.document)
    hook.emit_many(250)
    server.set_mode("refuse")
    for _ in range(20):
        hook.run("flush", "--deadline", "2s")
    dead_during = hook.states()[0].get("dead", 0)
    server.set_mode("ok")
    r = hook.run("flush", "--deadline", "60s")
    reasons = {row["lastError"].split(":")[0] for row in hook.outbox("dead")}
    print(f"dead after outage: {dead_during} of 250 {sorted(reasons)}; final flush: {r.stdout.strip()!r} "
          f"exit {r.returncode}; delivered at the sink: {len(server.acked)}")


def kills(args):
    server = FaultServer(args.kind)
    hook = make_hook(args.binary, server)
    if args.kind.startswith("kafka"):
        hook.document["sinks"]["kafka"]["batchSize"] = 100
        hook.config(hook.document)
    server.delay = args.delay
    ids = hook.emit_many(args.events, "temporal" if args.kind == "temporal" else "cloudevents")
    n = kill_flushes(hook, server, every=(args.every * 0.5, args.every * 1.5), max_kills=args.max_kills)
    lost = len(set(ids) - set(server.acked))
    dupes = server.duplicates()
    print(f"{args.kind}: {args.events} events, {n} kills, {lost} lost, {dupes} duplicates, "
          f"{dupes / max(1, n):.2f} per kill")


def memory(args):
    server = FaultServer(args.kind)
    hook = make_hook(args.binary, server, requestTimeout=args.timeout)
    hook.emit_many(5, args.kind)
    params = {"huge": {"huge_bytes": args.bytes, "status": args.status}, "slow": {"slow_interval": 0.2},
              "retry_after": {"status": 503, "retry_after": "30"}, "echo_credentials": {}, "reset": {},
              "bad_status": {}, "truncated_chunked": {}, "refuse": {}}[args.mode]
    server.set_mode(args.mode, **params)
    r = subprocess.run(["/usr/bin/time", "-v", args.binary, "flush", "--deadline", args.deadline],
                       capture_output=True, text=True, env=hook.env, cwd=hook.repo)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", r.stderr).group(1)
    print(f"{args.kind} {args.mode}: peak RSS {int(rss) / 1024:.1f} MiB, wall {wall}, exit {r.returncode}, "
          f"body bytes the server got out {server.bodies_sent}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["outage", "kills", "memory"])
    p.add_argument("--binary", default=os.environ.get("GIBSON_HOOK_BINARY"))
    p.add_argument("--kind", default="cloudevents")
    p.add_argument("--events", type=int, default=2000)
    p.add_argument("--every", type=float, default=0.2)
    p.add_argument("--delay", type=float, default=0.002)
    p.add_argument("--max-kills", type=int, default=40)
    p.add_argument("--mode", default="huge")
    p.add_argument("--status", type=int, default=200)
    p.add_argument("--bytes", type=int, default=1_500_000_000)
    p.add_argument("--timeout", default="60s")
    p.add_argument("--deadline", default="10s")
    args = p.parse_args()
    {"outage": outage, "kills": kills, "memory": memory}[args.what](args)


if __name__ == "__main__":
    main()
