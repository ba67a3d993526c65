#!/usr/bin/env bash
# `gibson-hook status` on a busy outbox: EVENTS events (default 100,000) pending for a CloudEvents sink that
# never answers (one flush makes their delivery rows), plus the gibson events of 20 `health --watch` rounds
# with a failing Gibson (checks, incidents, local recoveries). Times `status` and `status --json` with
# hyperfine. Binary: GIBSON_HOOK_BENCH_BINARY (default the release build in .build-release).
#
#   bench/status/run.sh [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${1:-100000}
binary=${GIBSON_HOOK_BENCH_BINARY:-.build-release/release/gibson-hook}
if [ ! -x "$binary" ]; then
    swift build -c release --scratch-path .build-release --product gibson-hook
fi
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git init -q -b main "$work/repo"
export GIBSON_HOOK_STATE_DIR="$work/state" HOME="$work" NO_COLOR=1
export GIBSON_HOOK_CLOUDEVENTS_URL="http://127.0.0.1:9/events" GIBSON_HOOK_GIBSON=/bin/false
cd "$work/repo"
python3 - "$events" <<'PY' | "$binary" emit --ndjson > /dev/null
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"type": "com.example.bench", "key": f"repo-{i % 8}", "data": {"seq": i}}))
PY
"$binary" flush --deadline 2s > /dev/null || true
"$binary" health --watch --rounds 20 --set gibson.healthCheckInterval=0s --set gibson.maxRetries=0 > /dev/null || true
"$binary" status | sed -n '1,2p;/^outbox/,/^hooks/p'
hyperfine --warmup 3 --runs 30 "$binary status" "$binary status --json"
