#!/usr/bin/env bash
# Outbox ingest benchmark: 100,000 NDJSON events into the durable outbox through `gibson-hook emit --ndjson`,
# then a `flush` with no sink (it prunes, counts and leaves everything pending). Prints events/s and the
# peak RSS of both commands (GNU time). Uses a release build in the separate scratch path .build-release.
#
#   bench/outbox/run.sh [EVENTS]          (default 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${1:-100000}
binary=${GIBSON_HOOK_BENCH_BINARY:-.build-release/release/gibson-hook}
if [ ! -x "$binary" ]; then
    swift build -c release --scratch-path .build-release --product gibson-hook
fi
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input="$work/events.ndjson"
python3 - "$events" > "$input" <<'PY'
import json, sys
n = int(sys.argv[1])
for i in range(n):
    print(json.dumps({"type": "project.updated", "key": f"repo-{i % 8}",
                      "data": {"eventType": "updated", "projectId": "bench", "userId": "ada@example.com",
                               "changes": [{"kind": "commit", "seq": i}], "metadata": {"ci": False}}}))
PY
export GIBSON_HOOK_STATE_DIR="$work/state"

start=$(date +%s.%N)
/usr/bin/time -v -o "$work/emit.time" "$binary" emit --ndjson < "$input" > "$work/ids"
end=$(date +%s.%N)
stored=$(wc -l < "$work/ids")
/usr/bin/time -v -o "$work/flush.time" "$binary" flush --json > /dev/null 2>&1 || true

rss() { awk -F': ' '/Maximum resident set size/ {printf "%.1f MiB", $2 / 1024}' "$1"; }
cpu() { awk -F': ' '/User time|System time/ {s += $2} END {printf "%.3f", s}' "$1"; }
python3 - "$start" "$end" "$stored" "$events" "$(rss "$work/emit.time")" "$(rss "$work/flush.time")" "$(cpu "$work/emit.time")" <<'PY'
import os, sys
start, end, stored, events, emit_rss, flush_rss, cpu = sys.argv[1:]
seconds = float(end) - float(start)
print(f"events: {events}, stored: {stored}, wall seconds: {seconds:.3f}, events/s (wall): {int(stored) / seconds:,.0f}")
print(f"emit CPU seconds (user+sys): {float(cpu):.3f}, events per CPU second: {int(stored) / float(cpu):,.0f}")
print(f"peak RSS: emit {emit_rss}, flush (no sink) {flush_rss}")
print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
PY
