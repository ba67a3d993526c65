"""Runs the gibson-hook binary (GIBSON_HOOK_BINARY) for the end-to-end tests, with a private HOME, a
state directory per test and sinks configured through the documented environment variables."""
import json
import os
import subprocess
import time

import yaml

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def binary_path():
    return os.environ.get("GIBSON_HOOK_BINARY") or os.path.join(REPO, ".build", "debug", "gibson-hook")


def missing_capability():
    """None when the binary has `emit`, `flush` and `outbox`; otherwise why the suite fails."""
    path = binary_path()
    if not os.access(path, os.X_OK):
        return f"gibson-hook binary not built at {path!r} (set GIBSON_HOOK_BINARY)"
    for sub in (["emit"], ["flush"], ["outbox", "list"]):
        try:
            r = subprocess.run([path, *sub, "--help"], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"`gibson-hook {' '.join(sub)} --help` failed: {exc}"
        if r.returncode != 0:
            return f"gibson-hook has no `{' '.join(sub)}` subcommand yet (`--help` exited {r.returncode})"
    return None


class GibsonHook:
    """One isolated gibson-hook installation: its own HOME, state dir, git repository and config file."""

    def __init__(self, root):
        self.root = str(root)
        self.home = os.path.join(self.root, "home")
        self.state = os.path.join(self.root, "state")
        self.repo = os.path.join(self.root, "repo")
        for d in (self.home, self.state, self.repo):
            os.makedirs(d, exist_ok=True)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("GIBSON_HOOK_", "GIT_"))}
        self.env.update({"HOME": self.home, "GIBSON_HOOK_STATE_DIR": self.state, "NO_COLOR": "1",
                         "XDG_CONFIG_HOME": os.path.join(self.home, ".config")})
        git = ["git", "-C", self.repo]
        subprocess.run(["git", "init", "-q", "-b", "main", self.repo], check=True, env=self.env)
        for k, v in (("user.name", "Test User"), ("user.email", "test@example.com"), ("commit.gpgsign", "false")):
            subprocess.run([*git, "config", k, v], check=True, env=self.env)
        subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "initial"], check=True, env=self.env)

    # ---- configuration ---------------------------------------------------------------------------
    def kafka(self, url, api):
        self.env["GIBSON_HOOK_KAFKA_REST_URL"] = url
        self.env["GIBSON_HOOK_KAFKA_REST_API"] = api

    def cloudevents(self, url):
        self.env["GIBSON_HOOK_CLOUDEVENTS_URL"] = url

    def temporal(self, url):
        self.env["GIBSON_HOOK_TEMPORAL_URL"] = url

    def config(self, document):
        path = os.path.join(self.root, "gibson-hook.yaml")
        with open(path, "w") as f:
            yaml.safe_dump(document, f)
        self.env["GIBSON_HOOK_CONFIG"] = path

    # ---- commands --------------------------------------------------------------------------------
    def run(self, *args, input=None, timeout=180, check=False):
        r = subprocess.run([binary_path(), *args], input=input, capture_output=True, text=True, env=self.env,
                           cwd=self.repo, timeout=timeout)
        if check and r.returncode != 0:
            raise AssertionError(f"gibson-hook {' '.join(args)} exited {r.returncode}\nstdout: {r.stdout}\nstderr: {r.stderr}")
        return r

    def popen(self, *args, **kw):
        return subprocess.Popen([binary_path(), *args], env=self.env, cwd=self.repo, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, **kw)

    @staticmethod
    def ids_from(stdout):
        text = stdout.strip()
        try:
            doc = json.loads(text)
        except ValueError:
            return [line.strip() for line in text.splitlines() if line.strip()]
        if isinstance(doc, dict):
            doc = doc.get("ids", [doc.get("id")])
        return [d["id"] if isinstance(d, dict) else d for d in doc]

    def emit(self, type_, data, topic=None, key=None):
        args = ["emit", "--type", type_, "--data", json.dumps(data)]
        if topic:
            args += ["--topic", topic]
        if key:
            args += ["--key", key]
        ids = self.ids_from(self.run(*args, check=True).stdout)
        assert len(ids) == 1, f"emit printed {ids!r}, want exactly one id"
        return ids[0]

    def emit_ndjson(self, events):
        text = "".join(json.dumps(e) + "\n" for e in events)
        ids = self.ids_from(self.run("emit", "--ndjson", input=text, check=True).stdout)
        assert len(ids) == len(events), f"emit --ndjson printed {len(ids)} ids for {len(events)} events"
        return ids

    def flush(self, deadline="20s"):
        r = self.run("flush", "--deadline", deadline, "--json")
        assert r.returncode in (0, 3), f"flush exited {r.returncode}\nstdout: {r.stdout}\nstderr: {r.stderr}"
        summary = json.loads(r.stdout)
        for k in ("delivered", "retried", "dead", "remaining"):
            assert k in summary, f"flush --json summary lacks {k!r}: {summary}"
        # Exit 0 only when nothing is pending and no dead letter waits to be dealt with (retried or purged).
        done = summary["remaining"] == 0 and summary["dead"] == 0
        assert (r.returncode == 0) == done, f"exit {r.returncode} vs summary {summary}"
        return r.returncode, summary

    def flush_until_done(self, total=90, deadline="15s"):
        """Flush repeatedly (backoff, next-attempt times and an open circuit breaker may defer work) until
        nothing remains; returns the list of summaries."""
        start, summaries = time.monotonic(), []
        while True:
            rc, s = self.flush(deadline)
            summaries.append(s)
            if s["remaining"] == 0 or time.monotonic() - start > total:
                return summaries
            time.sleep(1)

    def outbox(self, state=None):
        args = ["outbox", "list", "--json", "--limit", "100000"] + (["--state", state] if state else [])
        r = self.run(*args, check=True)
        doc = json.loads(r.stdout)
        if isinstance(doc, dict):
            doc = next((v for v in doc.values() if isinstance(v, list)), [])
        return doc
