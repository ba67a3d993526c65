"""`gibson-hook listen` reading container events from the Docker Engine API's `GET /events` on a unix socket
(a stand-in: Docker cannot run here): `docker:container:start` with `service=postgres|neo4j|redis|
elasticsearch` fires its trigger once, and the cursor survives restarts."""
import json
import time

import pytest

from standins.docker_events import DockerEventsStandin


@pytest.fixture
def docker(tmp_path):
    standin = DockerEventsStandin(str(tmp_path / "docker.sock")).start()
    yield standin
    standin.stop()


def listen_once(hook):
    r = hook.run("listen", "--once", "--json", timeout=120)
    return r, [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


def test_a_container_start_fires_its_trigger_once_and_the_cursor_survives_restarts(hook, docker, tmp_path):
    ran = tmp_path / "ran.txt"
    hook.config({
        "listen": {"docker": {"socket": docker.path}},
        "actions": {"activate": {"command": ["sh", "-c", f'echo "$GIBSON_EVENT_TYPE $GIBSON_EVENT_ID" >> {ran}']}},
        "eventTriggers": [{"name": "infra-up", "event": "docker:container:start",
                           "filter": "service=postgres|neo4j|redis|elasticsearch", "action": "gibson:activate"}],
    })
    docker.container("start", "old-db", "postgres:16", time.time_ns() - 10**9, {"com.docker.compose.service": "postgres"})
    r, lines = listen_once(hook)  # the first run starts at the present: the old start fires nothing
    assert r.returncode == 0 and lines[-1]["received"] == 0, (r.stderr, lines)
    now = time.time_ns()
    docker.container("start", "db-1", "postgres:16", now, {"com.docker.compose.service": "postgres"})
    docker.container("start", "web", "nginx:1", now + 1)
    docker.container("die", "db-1", "postgres:16", now + 2)
    docker.container("stop", "db-1", "postgres:16", now + 3, {"com.docker.compose.service": "postgres"})
    r, lines = listen_once(hook)
    assert r.returncode == 0, r.stderr
    got = {l["type"]: l for l in lines if "id" in l and l["type"].endswith("start")}
    assert sorted(l["type"] for l in lines if "id" in l) == [
        "ai.gibson.hook.docker.container.start", "ai.gibson.hook.docker.container.start",
        "ai.gibson.hook.docker.container.stop"], lines
    assert lines[-1]["effects"] == 1, lines
    assert ran.read_text().splitlines() == [f"ai.gibson.hook.docker.container.start c-db-1-start-{now}"]
    assert all("filters=" in q and "until=" in q for q in docker.requests), docker.requests
    r, lines = listen_once(hook)  # nothing new since the committed cursor
    assert r.returncode == 0 and lines[-1]["received"] == 0 and lines[-1]["duplicates"] <= 1, lines
    assert len(ran.read_text().splitlines()) == 1
    metrics = hook.run("metrics", check=True).stdout
    assert 'gibson_hook_listen_received_total{origin="docker"} 3' in metrics, metrics
    assert 'gibson_hook_listen_cursor_age_seconds{source="docker"} ' in metrics, metrics


def test_malformed_events_are_skipped_and_an_unreachable_socket_is_an_error(hook, docker):
    hook.config({"listen": {"docker": {"socket": docker.path, "actions": ["start"]}}})
    assert listen_once(hook)[0].returncode == 0  # places the cursor
    # An event without a container id is skipped, not fatal.
    docker.events.append({"Type": "container", "Action": "start", "Actor": {}, "timeNano": time.time_ns()})
    r, lines = listen_once(hook)
    assert r.returncode == 0 and lines[-1]["received"] == 0, (r.stderr, lines)
    hook.config({"listen": {"docker": {"socket": docker.path + ".missing"}}})
    r = hook.run("listen", "--once")
    assert r.returncode == 1 and "gibson-hook: error: docker events: cannot connect to" in r.stderr, r.stderr
