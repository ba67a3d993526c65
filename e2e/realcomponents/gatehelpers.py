"""Helpers for the end-to-end tests of the health gate through real `git commit` / `git push` with the
shims `gibson-hook install` wires: a Gibson executable the test can break and repair, commits, and the
recovery runs of one target read back from Temporal."""
import os
import subprocess
import threading
import time

HEALTHY = "#!/bin/sh\necho 'gibson 0.8.12'\n"
BROKEN = "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'gibson'\" >&2\nexit 1\n"
RECOVERY = "gibson-recovery-workflow"


def write_gibson(path, body):
    """Replace the executable atomically (a new inode, so the health cache never mistakes it for the old one)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.new"
    with open(tmp, "w") as f:
        f.write(body)
    os.chmod(tmp, 0o755)
    os.replace(tmp, path)


def gibson_target(hook, healthy=False):
    """Points GIBSON_HOOK_GIBSON at an executable under the test's root; returns its path."""
    path = os.path.join(hook.root, "bin", "gibson")
    write_gibson(path, HEALTHY if healthy else BROKEN)
    hook.env["GIBSON_HOOK_GIBSON"] = path
    return path


def install(hook, *args):
    r = hook.run("install", *args, check=True)
    return r


def git(hook, *args, timeout=240):
    return subprocess.run(["git", "-C", hook.repo, *args], capture_output=True, text=True, env=hook.env, timeout=timeout)


def commit(hook, name):
    with open(os.path.join(hook.repo, name), "w") as f:
        f.write(name + "\n")
    assert git(hook, "add", name).returncode == 0
    return git(hook, "commit", "-m", f"add {name}")


def commit_count(hook):
    return int(git(hook, "rev-list", "--count", "HEAD").stdout)


def away_from_bucket_edge(margin=60):
    """Recovery workflow ids cover a 10-minute incident bucket: wait out the last `margin` seconds of one so
    that the commits of one test belong to one incident."""
    left = 600 - time.time() % 600
    if left < margin:
        time.sleep(left + 1)


def recovery_runs(temporal, executable, namespace="default"):
    """Every gibson-recovery-workflow run (all workflow ids) whose input names `executable`."""
    runs = []
    for e in temporal.list(f'WorkflowType="{RECOVERY}"', namespace):
        wid, run_id = e["execution"]["workflowId"], e["execution"]["runId"]
        started = temporal.started(wid, namespace, run_id)
        decoded = started["decodedInput"]  # other tests start this type with other inputs: skip those
        if len(decoded) != 1 or decoded[0][0] != "json/plain" or not isinstance(decoded[0][1], dict):
            continue
        value = decoded[0][1]
        if value.get("restartConfig", {}).get("executable") == executable:
            runs.append((wid, run_id, value))
    return runs


class PlaysTheWorker(threading.Thread):
    """Polls Temporal until a recovery run for `executable` appears, then repairs Gibson (what the worker of
    gibson-recovery-workflow would do) and remembers the run it saw."""

    def __init__(self, temporal, executable, timeout=120):
        super().__init__(daemon=True)
        self.temporal, self.executable, self.timeout = temporal, executable, timeout
        self.seen = None
        self.error = None

    def run(self):
        try:
            end = time.monotonic() + self.timeout
            while time.monotonic() < end and self.seen is None:
                runs = recovery_runs(self.temporal, self.executable)
                if runs:
                    self.seen = runs[0]
                    write_gibson(self.executable, HEALTHY)
                    return
                time.sleep(0.2)
        except Exception as exc:  # surfaced by the test, not lost in the thread
            self.error = exc
