"""Helpers for the outbox and event reliability tests (self-contained: no conftest needed).

`Sandbox` is one isolated gibson-hook installation: a private HOME, a state directory, a git repository
with the post-commit shim installed, and no sink unless a test configures one. `RecordingSink` is a tiny
HTTP server that answers 202 and keeps every request body byte for byte."""
import http.server
import json
import os
import sqlite3
import subprocess
import threading

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def binary():
    path = os.environ.get("GIBSON_HOOK_BINARY") or os.path.join(REPO, ".build", "debug", "gibson-hook")
    assert os.access(path, os.X_OK), f"gibson-hook binary not built at {path!r} (set GIBSON_HOOK_BINARY)"
    return path


class Sandbox:
    def __init__(self, root, state=None, shims=True, hooks="post-commit"):
        self.root = str(root)
        self.home = os.path.join(self.root, "home")
        self.state = state or os.path.join(self.root, "state")
        self.repo = os.path.join(self.root, "repo")
        for d in (self.home, self.repo):
            os.makedirs(d, exist_ok=True)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("GIBSON_HOOK_", "GIT_"))}
        self.env.update({"HOME": self.home, "GIBSON_HOOK_STATE_DIR": self.state, "NO_COLOR": "1",
                         "XDG_CONFIG_HOME": os.path.join(self.home, ".config"), "GIT_CONFIG_NOSYSTEM": "1"})
        self.git("init", "-q", "-b", "main")
        for k, v in (("user.name", "Test User"), ("user.email", "test@example.com"), ("commit.gpgsign", "false")):
            self.git("config", k, v)
        self.git("commit", "-q", "--allow-empty", "-m", "initial")
        # A healthy fake gibson for the pre-commit gate, when a test installs it.
        fake = os.path.join(self.root, "fake-gibson")
        with open(fake, "w") as handle:
            handle.write("#!/bin/sh\necho 'gibson 0.8.12'\n")
        os.chmod(fake, 0o755)
        self.env["GIBSON_HOOK_GIBSON"] = fake
        if shims:
            out = self.run("install", "--hooks", hooks)
            assert out.returncode == 0, out.stderr

    @property
    def outbox(self):
        return os.path.join(self.state, "outbox.sqlite3")

    def git(self, *args, check=True):
        return subprocess.run(["git", "-C", self.repo, *args], env=self.env, capture_output=True, text=True,
                              check=check, timeout=300)

    def run(self, *args, input=None, timeout=180):
        return subprocess.run([binary(), *args], cwd=self.repo, env=self.env, capture_output=True,
                              input=input, text=True, timeout=timeout)

    def commit(self, message="change", files=None):
        """Writes `files` (name -> text, default one file), stages them and commits through the shims."""
        files = files or {f"file-{message}.txt": message}
        for name, text in files.items():
            path = os.path.join(self.repo, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as handle:
                handle.write(text)
        self.git("add", "-A")
        return self.git("commit", "-q", "-m", message, check=False)

    def bodies(self, path=None):
        """The stored event bodies, oldest first (read with Python's sqlite3, not gibson-hook)."""
        with sqlite3.connect(path or self.outbox) as db:
            return [row[0] for row in db.execute("SELECT body FROM events ORDER BY seq")]

    def events(self, path=None):
        return [json.loads(body) for body in self.bodies(path)]


class RecordingSink:
    """An HTTP server on a free loopback port answering 202 to every POST and keeping the raw bodies."""

    def __init__(self):
        self.bodies = []
        sink = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                sink.bodies.append((self.headers.get("Content-Type", ""), self.rfile.read(length)))
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/events"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
