"""A post-commit hook in a repository whose configuration cannot be used still stores the commit event,
with the built-in defaults (no sink, the default outbox), so a flush once the file is fixed delivers it
(docs/configuration.md, "An unusable configuration"). Through a real `git commit` and the installed shim."""
import json

from outbox_support import RecordingSink, Sandbox


def test_the_commit_event_of_a_broken_configuration_is_kept_and_delivered_after_the_fix(tmp_path):
    box = Sandbox(tmp_path)  # the post-commit shim installed
    sink = RecordingSink()
    try:
        config = f"{box.repo}/.gibson-hook.yml"
        with open(config, "w") as handle:
            handle.write(f"sinks:\n  cloudEvents:\n    url: {sink.url}\n    mode: nonsense\n")
        done = box.commit("broken-config")
        assert done.returncode == 0, done.stderr
        assert done.stderr == (
            "gibson-hook: error: invalid configuration (1 error):\n"
            f"{config}:4:11: error: invalid value 'nonsense' for 'sinks.cloudEvents.mode': expected one of "
            "structured, binary, batch\n"
            "fix the values above; `gibson-hook config check` lists every problem\n"
            f"gibson-hook: warning: stored the post-commit event with the built-in defaults in '{box.outbox}' "
            "and delivered nothing: fix the configuration, then run 'gibson-hook flush'\n"), done.stderr
        head = box.git("rev-parse", "HEAD").stdout.strip()
        events = box.events()
        assert [(e["type"], e["data"]["sha"]) for e in events] == [("ai.gibson.hook.git.commit", head)], events
        assert sink.bodies == []  # nothing of the broken file was used
        with open(config, "w") as handle:
            handle.write(f"sinks:\n  cloudEvents:\n    url: {sink.url}\n")
        flushed = box.run("flush", "--json")
        assert (flushed.returncode, json.loads(flushed.stdout)["delivered"]) == (0, 1), flushed.stdout + flushed.stderr
        assert len(sink.bodies) == 1 and head.encode() in sink.bodies[0][1]
    finally:
        sink.close()
