"""`gibson-hook listen` reading workflow starts from the real Temporal dev server (ListWorkflowExecutions
through the HTTP API) with a cursor that survives restarts: the design document's
`temporal:workflow:start` with `workflow=project-creation-workflow` → `gibson:generate-schema`."""
import json
import uuid

from hookrunner import GibsonHook

WORKFLOW = "ai.gibson.hook.workflow.start"


def start_on_another_machine(tmp_path, temporal, workflow_type):
    other = GibsonHook(tmp_path / f"other-{uuid.uuid4().hex[:6]}")
    other.temporal(temporal.http)
    workflow_id = f"{workflow_type}-{uuid.uuid4().hex[:10]}"
    other.emit(WORKFLOW, {"workflowType": workflow_type, "workflowId": workflow_id, "input": [{"project": "p1"}]})
    assert other.flush()[0] == 0
    return workflow_id


def listen_once(hook):
    r = hook.run("listen", "--once", "--json", timeout=180)
    return r, [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


def test_a_workflow_start_fires_its_trigger_once_and_the_cursor_survives_restarts(hook, temporal, tmp_path):
    creation = f"project-creation-workflow-{uuid.uuid4().hex[:6]}"  # a type no other test starts
    ran = tmp_path / "ran.txt"
    hook.temporal(temporal.http)
    hook.config({
        "listen": {"temporal": {"workflowTypes": [creation, "gibson-recovery-workflow"], "pollInterval": "1s"}},
        "actions": {"generate-schema": {"command": ["sh", "-c", f'cat "$GIBSON_EVENT_DATA_FILE" >> {ran}; echo >> {ran}']}},
        "eventTriggers": [{"name": "schema", "event": "temporal:workflow:start", "filter": f"workflow={creation}",
                           "action": "gibson:generate-schema"}],
    })
    r, lines = listen_once(hook)  # places the cursor at the present
    assert r.returncode == 0 and lines[-1]["received"] == 0, (r.stderr, lines)
    first = start_on_another_machine(tmp_path, temporal, creation)
    start_on_another_machine(tmp_path, temporal, "some-other-workflow")
    temporal.wait_for(lambda: temporal.ids_of_type(creation), what="the start in the visibility store")
    r, lines = listen_once(hook)
    assert r.returncode == 0, r.stderr
    received = [l for l in lines if "id" in l]
    assert [(l["type"], l["id"].split("/")[0]) for l in received] == [
        ("ai.gibson.hook.temporal.workflow.start", first)], lines
    assert lines[-1]["effects"] == 1 and lines[-1]["delivery"]["delivered"] >= 1, lines
    events = [json.loads(l) for l in ran.read_text().splitlines() if l.strip()]
    assert [(e["data"]["workflow"], e["data"]["workflowId"]) for e in events] == [(creation, first)]
    # A restart resumes at the committed cursor: the start is not read again.
    r, lines = listen_once(hook)
    assert r.returncode == 0 and lines[-1]["received"] == 0 and lines[-1]["duplicates"] == 0, lines
    assert len(ran.read_text().splitlines()) == 1
