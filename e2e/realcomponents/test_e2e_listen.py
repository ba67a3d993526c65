"""`gibson-hook listen`: CloudEvents posted by the CloudEvents Python SDK (structured, binary, batch) to the
webhook fire eventTriggers once; duplicates, loops, floods, hostile requests and failing actions."""
import hashlib
import json
import os
import re
import signal
import socket
import threading
import time
import urllib.error
import urllib.request

from cloudevents.core.bindings import http as ce_http
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

DEPLOYED = "com.example.deployed"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url, headers, body, timeout=60):
    """(status, headers, body text) of one POST; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def event(id_, type_=DEPLOYED, source="urn:other-machine", **extra):
    return CloudEvent(attributes={"id": id_, "source": source, "type": type_,
                                  "datacontenttype": "application/json", **extra},
                      data={"service": "api", "n": id_})


def effect_id(prefix, trigger, source, id_):
    """The id gibson-hook gives `trigger`'s effect for the event (source, id_): readable part + hash."""
    safe = lambda text: re.sub(r"[^A-Za-z0-9._-]", "-", text)
    digest = hashlib.sha256(f"{source}\0{id_}\0{trigger}".encode()).hexdigest()[:16]
    return f"{prefix}-{safe(trigger[:64])}-{safe(id_[:40])}-{digest}"


def structured(ev):
    m = ce_http.to_structured_event(ev)
    return m.headers, m.body


def binary(ev):
    m = ce_http.to_binary_event(ev)
    return m.headers, m.body


def batch(*events):
    body = "[" + ",".join(JSONFormat().write(e).decode() for e in events) + "]"
    return {"Content-Type": "application/cloudevents-batch+json"}, body.encode()


class Listening:
    """`gibson-hook listen --json` running in the background on a free loopback port."""

    def __init__(self, hook, *args):
        self.hook = hook
        self.proc = hook.popen("listen", "--json", *args)
        seen = []
        while True:
            line = self.proc.stderr.readline()
            seen.append(line)
            if "listening: CloudEvents webhook on http://" in line or not line:
                break
        assert line, "listen exited before listening: " + "".join(seen)
        self.url = line.split(" on ", 1)[1].strip()

    def stop(self, sig=signal.SIGTERM):
        self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=120)
        lines = [json.loads(l) for l in out.splitlines() if l.strip()]
        return self.proc.returncode, lines, err


def configure(hook, tmp_path, port, *, triggers, actions, webhook=None, **rest):
    doc = {"listen": {"webhook": {"address": f"127.0.0.1:{port}", **(webhook or {})}},
           "actions": actions, "eventTriggers": triggers,
           "delivery": {"backoffBase": "10ms", "backoffCap": "50ms", "deadline": "10s"}}
    doc.update(rest)
    hook.config(doc)


def recorder(tmp_path):
    """An action that appends `id type source` and the event file's JSON to files under tmp_path."""
    ran, data = tmp_path / "ran.txt", tmp_path / "data.ndjson"
    script = (f'printf "%s %s %s\\n" "$GIBSON_EVENT_ID" "$GIBSON_EVENT_TYPE" "$GIBSON_EVENT_SOURCE" >> {ran}; '
              f'cat "$GIBSON_EVENT_DATA_FILE" >> {data}; echo >> {data}')
    return {"command": ["sh", "-c", script], "timeout": "30s"}, ran, data


def test_structured_binary_and_batch_events_run_the_action_once_each(hook, tmp_path):
    action, ran, data = recorder(tmp_path)
    configure(hook, tmp_path, free_port(), actions={"record": action},
              triggers=[{"name": "on-deploy", "event": DEPLOYED, "filter": "service=api", "action": "run:record"}])
    listening = Listening(hook)
    # The CloudEvents webhook validation handshake.
    req = urllib.request.Request(listening.url, method="OPTIONS", headers={"WebHook-Request-Origin": "ci.example"})
    with urllib.request.urlopen(req, timeout=30) as r:
        assert r.status == 200 and r.headers["WebHook-Allowed-Origin"] == "*", dict(r.headers)
    answers = [post(listening.url, *structured(event("s-1"))),
               post(listening.url, *binary(event("b-1", subject="caf\u00e9 \"x\" 100%"))),
               post(listening.url, *batch(event("m-1"), event("m-2"))),
               post(listening.url, *structured(event("other", type_="com.example.unrelated")))]
    assert [a[0] for a in answers] == [202, 202, 202, 202], answers
    assert json.loads(answers[2][2]) == {"accepted": 2, "duplicates": 0}
    # The same event again (same source and id, any mode): recognised, nothing fires a second time.
    again = post(listening.url, *binary(event("s-1")))
    assert again[0] == 202 and json.loads(again[2]) == {"accepted": 0, "duplicates": 1}, again
    rc, lines, err = listening.stop()
    assert rc == 0, err
    summary = lines[-1]
    assert (summary["received"], summary["duplicates"], summary["effects"]) == (5, 1, 4), summary
    assert summary["delivery"]["delivered"] == 4 and summary["delivery"]["dead"] == 0, summary
    assert sorted(ran.read_text().splitlines()) == sorted(
        f"{i} {DEPLOYED} urn:other-machine" for i in ("s-1", "b-1", "m-1", "m-2"))
    metrics = hook.run("metrics", check=True).stdout.splitlines()
    assert 'gibson_hook_listen_received_total{origin="webhook"} 5' in metrics, metrics
    assert 'gibson_hook_triggers_fired_total{effect="run"} 4' in metrics, metrics
    assert 'gibson_hook_outbox_events{state="delivered",sink="action"} 4' in metrics, metrics
    assert 'gibson_hook_listen_lag{source="webhook"} 0' in metrics, metrics
    # status shows the same counters, as a block of the screen and under "listen" in --json.
    status = hook.run("status", "--json", check=True)
    assert json.loads(status.stdout)["listen"] == {
        "sources": ["webhook"], "received": {"webhook": 5}, "fired": {"run": 4}, "queued": {"webhook": 0},
        "cursorAgeSeconds": {}}, status.stdout
    screen = hook.run("status", check=True).stdout
    assert "\nlisten: webhook\n  received: webhook 5\n  triggers fired: run 4\n  waiting: webhook 0\nhooks" in screen, screen
    files = {e["id"]: e for e in (json.loads(l) for l in data.read_text().splitlines() if l.strip())}
    assert files["b-1"]["subject"] == "caf\u00e9 \"x\" 100%" and files["m-2"]["data"] == {"service": "api", "n": "m-2"}
    # A restart neither repeats the actions nor forgets the received events.
    listening = Listening(hook)
    assert json.loads(post(listening.url, *structured(event("m-1")))[2]) == {"accepted": 0, "duplicates": 1}
    rc, lines, err = listening.stop()
    assert rc == 0 and lines[-1]["effects"] == 0, (lines, err)
    assert len(ran.read_text().splitlines()) == 4


def test_events_from_other_sources_or_with_similar_ids_each_run_the_action(hook, tmp_path):
    action, ran, _ = recorder(tmp_path)
    configure(hook, tmp_path, free_port(), actions={"record": action},
              triggers=[{"name": "on-deploy", "event": DEPLOYED, "action": "run:record"}])
    listening = Listening(hook)
    identities = [("urn:machine-a", "1"), ("urn:machine-b", "1"), ("urn:other-machine", "a/b"), ("urn:other-machine", "a:b")]
    answers = [post(listening.url, *structured(event(id_, source=source))) for source, id_ in identities]
    assert [a[0] for a in answers] == [202] * 4, answers
    assert all(json.loads(a[2]) == {"accepted": 1, "duplicates": 0} for a in answers), answers
    rc, lines, err = listening.stop()
    assert rc == 0, err
    assert "already stored" not in err, err
    summary = lines[-1]
    assert (summary["received"], summary["effects"], summary["delivery"]["delivered"]) == (4, 4, 4), summary
    assert sorted(ran.read_text().splitlines()) == sorted(
        [f"1 {DEPLOYED} urn:machine-a", f"1 {DEPLOYED} urn:machine-b",
         f"a/b {DEPLOYED} urn:other-machine", f"a:b {DEPLOYED} urn:other-machine"])
    runs = sorted(e["id"] for e in hook.outbox())
    assert runs == sorted(effect_id("run", "on-deploy", source, id_) for source, id_ in identities), runs


def test_hostile_and_malformed_requests_are_refused_and_store_nothing(hook, tmp_path):
    action, ran, _ = recorder(tmp_path)
    configure(hook, tmp_path, free_port(), actions={"record": action},
              triggers=[{"name": "all", "event": "*", "action": "gibson:record"}],
              webhook={"tokenEnv": "WEBHOOK_TOKEN", "maxBodyBytes": 4096, "readTimeout": "1s"})
    hook.env["WEBHOOK_TOKEN"] = "s3cret"
    listening = Listening(hook)
    auth = {"Authorization": "Bearer s3cret"}
    headers, body = structured(event("ok"))
    assert post(listening.url, headers, body)[0] == 401
    assert post(listening.url, {**headers, "Authorization": "Bearer wrong"}, body)[0] == 401
    ce_json = {"Content-Type": "application/cloudevents+json", **auth}
    assert post(listening.url, ce_json, b"{not json")[0] == 400
    assert post(listening.url, ce_json, b'{"specversion":"1.0","source":"urn:x","type":"t"}')[0] == 400
    assert post(listening.url, ce_json, b'{"specversion":"0.3","id":"1","source":"urn:x","type":"t"}')[0] == 400
    assert post(listening.url, {**auth, "Content-Type": "application/cloudevents-batch+json"}, b'{"id":1}')[0] == 400
    assert post(listening.url, {**auth, "Content-Type": "text/plain"}, b"no ce- headers")[0] == 400
    assert post(listening.url, ce_json, b" " * 5000)[0] == 413
    host, port = listening.url[len("http://"):].rstrip("/").split(":")

    def raw(data, wait=True):
        with socket.create_connection((host, int(port)), timeout=30) as s:
            s.sendall(data)
            return s.recv(4096).decode(errors="replace").split("\r\n")[0]
    assert raw(b"POST / HTTP/1.1\r\nHost: x\r\n\r\n") == "HTTP/1.1 411 Length Required"
    assert raw(b"GARBAGE\r\n\r\n") == "HTTP/1.1 400 Bad Request"
    assert raw(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n") == "HTTP/1.1 405 Method Not Allowed"
    assert raw(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") == "HTTP/1.1 411 Length Required"
    assert raw(b"POST / HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 20000 + b"\r\n\r\n").startswith("HTTP/1.1 431")
    # A client that never finishes its request is cut off (readTimeout), and the receiver still answers.
    assert raw(b"POST / HTTP/1.1\r\nAuthorization: Bearer s3cret\r\nContent-Length: 10\r\n\r\nabc") == "HTTP/1.1 408 Request Timeout"
    # Without the token the same request is refused on its head, before the body would be waited for.
    assert raw(b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc") == "HTTP/1.1 401 Unauthorized"
    assert post(listening.url, {**headers, **auth}, body)[0] == 202
    rc, lines, err = listening.stop()
    assert rc == 0, err
    assert (lines[-1]["received"], lines[-1]["effects"]) == (1, 1), lines
    assert ran.read_text().split()[0] == "ok"


def test_an_oversized_or_unauthorized_body_is_answered_not_reset(hook, tmp_path):
    action, ran, _ = recorder(tmp_path)
    configure(hook, tmp_path, free_port(), actions={"record": action},
              triggers=[{"name": "all", "event": "*", "action": "run:record"}],
              webhook={"tokenEnv": "WEBHOOK_TOKEN", "maxBodyBytes": 4096})
    hook.env["WEBHOOK_TOKEN"] = "s3cret"
    listening = Listening(hook)
    host, port = listening.url[len("http://"):].rstrip("/").split(":")
    big = 3 * 1024 * 1024

    def answer_of(s):
        data = b""
        while chunk := s.recv(4096):
            data += chunk
        return data.decode(errors="replace")

    # 3 MB sent at once, no Expect: 100-continue: the client reads the 413 whatever it was still sending.
    with socket.create_connection((host, int(port)), timeout=30) as s:
        head = (f"POST / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\n"
                f"Content-Type: application/cloudevents+json\r\nContent-Length: {big}\r\n\r\n").encode()
        def send():
            try:
                s.sendall(head + b" " * big)
            except OSError:
                pass
        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        text = answer_of(s)
        sender.join(timeout=30)
    assert text.startswith("HTTP/1.1 413 Content Too Large\r\n"), text[:200]
    assert "larger than the limit of 4096" in text, text
    # A wrong token is refused on the head alone: 401 before any of the body is sent.
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall((f"POST / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n"
                   f"Content-Type: application/cloudevents+json\r\nContent-Length: {big}\r\n\r\n").encode())
        text = answer_of(s)
    assert text.startswith("HTTP/1.1 401 Unauthorized\r\n") and "WWW-Authenticate: Bearer" in text, text[:300]
    rc, lines, err = listening.stop()
    assert rc == 0 and lines[-1]["received"] == 0, (lines, err)
    assert not ran.exists()


def test_a_flooded_webhook_answers_503_with_retry_after_and_loses_nothing(hook, tmp_path):
    hold, started = tmp_path / "hold", tmp_path / "started"
    hold.write_text("")
    blocker = {"command": ["sh", "-c", f"touch {started}; while [ -e {hold} ]; do sleep 0.05; done"]}
    configure(hook, tmp_path, free_port(), actions={"block": blocker}, webhook={"queueLimit": 1},
              triggers=[{"name": "hold", "event": "com.example.hold", "action": "run:block"}])
    listening = Listening(hook)
    assert post(listening.url, *structured(event("h", type_="com.example.hold")))[0] == 202
    while not started.exists():  # the listen loop is now busy running the action
        time.sleep(0.05)
    answers = {}

    def send(i):
        answers[i] = post(listening.url, *structured(event(f"f-{i}", type_="com.example.flood")))
    threads = [threading.Thread(target=send, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    while len(answers) < 3:  # all but the one queued are answered at once
        time.sleep(0.05)
    hold.unlink()
    for t in threads:
        t.join()
    statuses = sorted(a[0] for a in answers.values())
    assert statuses == [202, 503, 503, 503], answers
    assert all(a[1].get("Retry-After") == "1" for a in answers.values() if a[0] == 503), answers
    for i, answer in answers.items():  # the refused ones are sent again, as Retry-After asks
        if answer[0] == 503:
            assert post(listening.url, *structured(event(f"f-{i}", type_="com.example.flood")))[0] == 202
    rc, lines, err = listening.stop()
    assert rc == 0, err
    assert sorted(l["id"] for l in lines if "id" in l) == ["f-0", "f-1", "f-2", "f-3", "h"]


def test_a_failing_action_is_retried_then_a_dead_letter_with_its_output(hook, tmp_path):
    failing = {"command": ["sh", "-c", 'echo "boom for $GIBSON_EVENT_ID" >&2; exit 7']}
    configure(hook, tmp_path, free_port(), actions={"fail": failing},
              triggers=[{"name": "f", "event": DEPLOYED, "action": "run:fail"}],
              outbox={"maxAttempts": 3})
    listening = Listening(hook, "--once")
    assert post(listening.url, *structured(event("d-1")))[0] == 202
    out, err = listening.proc.communicate(timeout=120)  # --once exits on its own once idle
    assert listening.proc.returncode == 3, (out, err)
    summary = json.loads(out.splitlines()[-1])
    assert summary["delivery"]["retried"] == 2 and summary["delivery"]["dead"] == 1, summary
    assert "dead letter" in err
    dead = hook.outbox(state="dead")
    assert len(dead) == 1, dead
    entry = dead[0]
    assert entry["type"] == "ai.gibson.hook.action.run" and entry["attempts"] == 3, entry
    assert "action 'fail' exited 7: boom for d-1" in entry["lastError"], entry


def test_a_flush_during_a_long_action_never_runs_it_again(hook, tmp_path):
    started, ended = tmp_path / "started.txt", tmp_path / "ended.txt"
    script = f"echo run >> {started}; sleep 8; echo run >> {ended}"
    # A short requestTimeout: the lease of an action's row must follow the action's timeout, not it.
    configure(hook, tmp_path, free_port(), actions={"slow": {"command": ["sh", "-c", script], "timeout": "30s"}},
              triggers=[{"name": "slow", "event": DEPLOYED, "action": "run:slow"}],
              delivery={"backoffBase": "10ms", "backoffCap": "50ms", "deadline": "1s", "requestTimeout": "100ms"})
    listening = Listening(hook)
    assert post(listening.url, *structured(event("long-1")))[0] == 202
    while not started.exists():
        time.sleep(0.05)
    time.sleep(6.5)  # past a lease of deadline + requestTimeout + 5 s: the action is still running
    flush = hook.run("flush")
    while not ended.exists():
        time.sleep(0.05)
    rc, lines, err = listening.stop()
    assert rc == 0, err
    assert started.read_text() == "run\n", (started.read_text(), flush.stdout, flush.stderr)
    assert lines[-1]["delivery"]["delivered"] == 1, lines
    assert len(hook.outbox(state="delivered")) == 1


def test_sigterm_stops_accepting_and_answers_every_queued_request(hook, tmp_path):
    started, ran = tmp_path / "started.txt", tmp_path / "ran.txt"
    script = f'echo "$GIBSON_EVENT_ID" >> {started}; sleep 3; echo "$GIBSON_EVENT_ID" >> {ran}'
    configure(hook, tmp_path, free_port(), actions={"slow": {"command": ["sh", "-c", script], "timeout": "30s"}},
              triggers=[{"name": "slow", "event": DEPLOYED, "action": "run:slow"}])
    listening = Listening(hook)
    assert post(listening.url, *structured(event("q-1")))[0] == 202
    while not started.exists():
        time.sleep(0.05)
    # The loop is running q-1's action: q-2 waits in the queue when SIGTERM comes.
    answers = []
    waiting = threading.Thread(target=lambda: answers.append(post(listening.url, *structured(event("q-2")))))
    waiting.start()
    time.sleep(0.5)
    listening.proc.send_signal(signal.SIGTERM)
    waiting.join(timeout=60)
    out, err = listening.proc.communicate(timeout=120)
    assert listening.proc.returncode == 0, err
    assert len(answers) == 1 and answers[0][0] in (202, 503), answers
    summary = json.loads(out.splitlines()[-1])
    if answers[0][0] == 202:
        assert json.loads(answers[0][2]) == {"accepted": 1, "duplicates": 0} and summary["received"] == 2, (answers, summary)
    host, port = listening.url[len("http://"):].rstrip("/").split(":")
    try:
        socket.create_connection((host, int(port)), timeout=5).close()
        refused = False
    except OSError:
        refused = True
    assert refused, "listen still accepts connections after it stopped"


def test_a_trigger_never_fires_on_its_own_events(hook, tmp_path):
    configure(hook, tmp_path, free_port(), actions={},
              triggers=[{"name": "fan-out", "event": "*", "action": "emit:elsewhere"}])
    listening = Listening(hook)
    assert post(listening.url, *structured(event("l-1")))[0] == 202
    rc, lines, err = listening.stop()
    assert rc == 0, err
    copy_id = effect_id("trigger", "fan-out", "urn:other-machine", "l-1")
    assert f"event trigger 'fan-out' skipped for event '{copy_id}': the event was made by fan-out (a loop)" in err
    assert lines[-1]["loops"] == [{"trigger": "fan-out", "eventId": copy_id}], lines
    copies = hook.outbox()
    assert [(c["id"], c["topic"]) for c in copies] == [(copy_id, "elsewhere")], copies


def test_listen_without_a_source_says_what_to_configure(hook):
    r = hook.run("listen", "--once")
    assert (r.returncode, r.stdout) == (2, ""), r
    assert r.stderr == ("gibson-hook: error: listen has no source: set listen.webhook.address (CloudEvents webhook), "
                        "listen.kafka.topics, listen.docker.socket or listen.temporal.workflowTypes\n")


def test_sigkill_mid_batch_loses_and_repeats_no_effect(hook, tmp_path):
    hold, ran = tmp_path / "hold", tmp_path / "ran.txt"
    hold.write_text("")
    # The action records its pid, waits while `hold` exists, then records the event: killed while waiting,
    # it has had no effect yet.
    # `$$` is a literal `$` in the configuration, so the shell's `$$` is written `$$$$`.
    script = (f'echo $$$$ > {tmp_path}/pid-$GIBSON_EVENT_ID; while [ -e {hold} ]; do sleep 0.05; done; '
              f'echo "$GIBSON_EVENT_ID" >> {ran}')
    configure(hook, tmp_path, free_port(), actions={"record": {"command": ["sh", "-c", script]}},
              triggers=[{"name": "all", "event": DEPLOYED, "action": "run:record"}])
    listening = Listening(hook)
    ids = [f"k-{i}" for i in range(5)]
    answer = post(listening.url, *batch(*(event(i) for i in ids)))
    assert answer[0] == 202 and json.loads(answer[2]) == {"accepted": 5, "duplicates": 0}, answer
    while not list(tmp_path.glob("pid-*")):  # the first action is running
        time.sleep(0.05)
    # The machine goes down: listen and the action it runs are killed.
    listening.proc.kill()
    listening.proc.wait(30)
    for pidfile in tmp_path.glob("pid-*"):
        try:
            os.kill(int(pidfile.read_text()), signal.SIGKILL)
        except ProcessLookupError:
            pass
    hold.unlink()
    listening = Listening(hook)
    assert json.loads(post(listening.url, *batch(*(event(i) for i in ids)))[2]) == {"accepted": 0, "duplicates": 5}
    rc, lines, err = listening.stop()
    assert rc == 0, err
    assert lines[-1]["delivery"]["delivered"] == 5, lines
    assert sorted(ran.read_text().splitlines()) == ids


def test_an_actions_own_events_do_not_run_it_again(hook, tmp_path):
    """The action emits an event its own trigger matches; the event carries the trigger chain, so the
    trigger skips it instead of running the action forever."""
    from hookrunner import binary_path
    ran = tmp_path / "ran.txt"
    script = (f'echo "$GIBSON_EVENT_ID" >> {ran}; '
              f'"{binary_path()}" emit --type {DEPLOYED} --data \'{{"service": "api"}}\' > /dev/null')
    configure(hook, tmp_path, free_port(), actions={"redeploy": {"command": ["sh", "-c", script]}},
              triggers=[{"name": "again", "event": DEPLOYED, "action": "run:redeploy"}])
    listening = Listening(hook)
    assert post(listening.url, *structured(event("o-1")))[0] == 202
    rc, lines, err = listening.stop()
    assert rc == 0, err
    assert ran.read_text().splitlines() == ["o-1"]
    emitted = [e for e in hook.outbox() if e["type"] == DEPLOYED]
    assert len(emitted) == 1, hook.outbox()
    shown = json.loads(hook.run("outbox", "show", emitted[0]["id"], "--json", check=True).stdout)
    assert json.dumps(shown).count('"gibsontrigger": "again"') >= 1, shown
    runs = [e for e in hook.outbox() if e["type"] == "ai.gibson.hook.action.run"]
    assert len(runs) == 1, runs
