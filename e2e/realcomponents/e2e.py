"""Checks shared by the end-to-end tests: what reached the broker, compared with what was emitted."""
import json
from collections import Counter, defaultdict

from standins.cloudevents_sink import validate_event

TEST_TYPE = "com.example.gibson.test.sample"


def sample_events(topic, count, keys=3, start=0):
    return [{"type": TEST_TYPE, "data": {"n": i, "note": f"event {i}"}, "topic": topic, "key": f"repo-{i % keys}"}
            for i in range(start, start + count)]


def event_of(record):
    """The CloudEvent a Kafka record carries: structured JSON value, or (binary Kafka mode) ce_* headers + value."""
    try:
        value = json.loads(record["value"]) if record["value"] is not None else None
    except ValueError:
        value = None
    if isinstance(value, dict) and "specversion" in value:
        return value, "structured"
    ev = {name[3:]: (v or b"").decode() for name, v in record["headers"] if name.startswith("ce_")}
    ct = next(((v or b"").decode() for name, v in record["headers"] if name == "content-type"), None)
    if ct:
        ev["datacontenttype"] = ct
    if value is not None:
        ev["data"] = value
    return ev, "binary"


def data_of_record(rec):
    """For fault predicates in the stand-in: the event data inside a Record being produced."""
    try:
        value = json.loads(rec.value) if rec.value else None
    except ValueError:
        return None
    if isinstance(value, dict) and "specversion" in value:
        return value.get("data")
    return value


def check_delivered(records, ids, events, max_copies=1, ordered=True):
    """Every emitted id arrived with its type, data and key, in emission order per key (unless `ordered` is
    False); no foreign ids; at most `max_copies` copies of an id (at-least-once allows duplicates of the
    same id only). Returns the Counter of ids seen."""
    assert len(ids) == len(set(ids)), "emit returned duplicate ids"
    emitted = dict(zip(ids, events))
    seen, problems = Counter(), []
    per_key = defaultdict(list)  # key -> [(partition, offset, id)]
    for rec in records:
        ev, _mode = event_of(rec)
        errs = validate_event(ev)
        if errs:
            problems.append(f"record {rec['partition']}/{rec['offset']}: not a valid CloudEvent: {errs}")
            continue
        eid = ev["id"]
        seen[eid] += 1
        want = emitted.get(eid)
        if want is None:
            problems.append(f"record {rec['partition']}/{rec['offset']} carries id {eid!r} that was never emitted")
            continue
        if ev["type"] != want["type"] or ev.get("data") != want["data"]:
            problems.append(f"id {eid}: type/data {ev['type']!r}/{ev.get('data')!r}, want {want['type']!r}/{want['data']!r}")
        if want.get("key") is not None:
            key = rec["key"].decode() if rec["key"] is not None else None
            if key not in (want["key"], json.dumps(want["key"])):
                problems.append(f"id {eid}: record key {key!r}, want {want['key']!r}")
            per_key[want["key"]].append((rec["partition"], rec["offset"], eid))
    missing = [i for i in ids if seen[i] == 0]
    if missing:
        problems.append(f"{len(missing)} emitted ids never arrived, e.g. {missing[:5]}")
    over = {i: n for i, n in seen.items() if n > max_copies}
    if over:
        problems.append(f"ids delivered more than {max_copies} time(s): {dict(list(over.items())[:5])}")
    order = {eid: n for n, eid in enumerate(ids)}
    for key, recs in per_key.items():
        if len({p for p, _, _ in recs}) > 1:
            problems.append(f"key {key!r} spread over partitions {sorted({p for p, _, _ in recs})}")
        first_seen = []
        for _, _, eid in sorted(recs):
            if eid not in first_seen:
                first_seen.append(eid)
        if ordered and first_seen != sorted(first_seen, key=order.get):
            problems.append(f"key {key!r}: ids out of emission order in the broker")
    assert not problems, "\n".join(problems)
    return seen


def find_entry(entries, event_id):
    for e in entries:
        if isinstance(e, dict) and event_id in (e.get("id"), e.get("eventId"), e.get("event_id")):
            return e
    return None


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)


__all__ = ["sample_events", "event_of", "data_of_record", "check_delivered", "find_entry", "strings_in"]
