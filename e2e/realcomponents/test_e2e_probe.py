"""The default health probe never depends on the network: `gibson-hook health --json` with the real gibson-cli
0.8.12 and no configured probes, while every HTTP(S) request of the probe process goes to a proxy that
accepts connections, records them and never answers (a network that hangs)."""
import json
import os
import socket
import subprocess
import threading

import pytest

from hookrunner import REPO

REAL_GIBSON = os.path.join(REPO, ".venv-gibson", "bin", "gibson")


class HangingProxy:
    """A TCP listener that records the first bytes of each connection (`CONNECT pypi.org:443 …`) and never replies."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.requests, self.held = [], []
        self.connected = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)
            conn.settimeout(30)
            try:
                self.requests.append(conn.recv(4096).decode(errors="replace"))
            except OSError:
                self.requests.append("")
            self.connected.set()

    def close(self):
        self.sock.close()
        for c in self.held:
            c.close()


@pytest.fixture
def hanging_network(hook):
    if not os.access(REAL_GIBSON, os.X_OK):
        pytest.fail(f"gibson-cli 0.8.12 is not installed at {REAL_GIBSON} (see e2e/gibson-requirements.txt)")
    proxy = HangingProxy()
    for k in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        hook.env[k] = proxy.url
    hook.env.pop("NO_PROXY", None)
    hook.env.pop("no_proxy", None)
    hook.env["GIBSON_HOOK_GIBSON"] = REAL_GIBSON
    # Generous for a loaded machine; the old default (`--version`) waits on the proxy until this and fails.
    hook.config({"gibson": {"timeout": "60s"}})
    yield hook, proxy
    proxy.close()


def test_the_trap_catches_gibson_version_asking_the_package_index(hanging_network):
    hook, proxy = hanging_network
    p = subprocess.Popen([REAL_GIBSON, "--version"], env=hook.env, cwd=hook.repo,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert proxy.connected.wait(120), "gibson --version never reached the proxy"
        assert p.poll() is None, "gibson --version did not wait for the index"
    finally:
        p.kill()
        p.wait()
    assert any(r.startswith("CONNECT pypi.org:443") for r in proxy.requests), proxy.requests


def test_the_default_probe_is_healthy_with_a_hanging_network_and_never_calls_it(hanging_network):
    hook, proxy = hanging_network
    r = hook.run("health", "--json", "--no-cache", timeout=240)
    assert r.returncode == 0, (r.stdout, r.stderr)
    report = json.loads(r.stdout)
    assert report["healthy"] is True and report["cached"] is False, report
    [probe] = report["probes"]
    assert probe["name"] == "help" and "gibson help" in probe["detail"], probe
    assert proxy.requests == [], f"the default probe used the network: {proxy.requests}"
