"""SIGKILL loops shared by the kill tests and by measure.py: kill running flushes (or emits) at random
points, then let a last flush finish, and count what the fault server acknowledged."""
import random
import signal
import subprocess
import time


def kill_flushes(hook, server, every=(0.1, 0.3), max_kills=12, seed=20261202):
    """Starts `flush` and SIGKILLs it after a random pause, until a flush finishes on its own or
    `max_kills` kills landed; then flushes to the end. Returns the number of kills that hit a running flush."""
    rng = random.Random(seed)
    kills = 0
    while kills < max_kills:
        proc = hook.popen("flush", "--deadline", "60s")
        time.sleep(rng.uniform(*every))
        if proc.poll() is not None:
            proc.communicate()
            break
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        kills += 1
    for _ in range(10):
        rc, summary, _ = hook.flush_json("60s")
        if rc == 0:
            break
    return kills


def kill_emits(hook, batches=10, per_batch=100, seed=7):
    """Runs `emit --ndjson` with `per_batch` events, SIGKILLed after a random pause; returns the ids of the
    emits that finished (those events were confirmed stored) and the number of kills that landed."""
    rng = random.Random(seed)
    confirmed, kills = [], 0
    for b in range(batches):
        lines = "".join('{"type":"ai.gibson.test.reliability","data":{"b":%d,"n":%d},"key":"k%d"}\n' % (b, n, n % 5)
                        for n in range(per_batch))
        proc = subprocess.Popen([hook.binary, "emit", "--ndjson"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=hook.env, cwd=hook.repo)
        proc.stdin.write(lines)
        proc.stdin.close()
        # Alternate early kills (while the emit runs, even on a fast machine) with late ones (most finish).
        time.sleep(rng.uniform(0.0, 0.03) if b % 2 == 0 else rng.uniform(0.03, 0.6))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        out = proc.stdout.read()
        proc.wait(30)
        if proc.returncode == 0:
            confirmed += hook.ids_from(out)
    return confirmed, kills
