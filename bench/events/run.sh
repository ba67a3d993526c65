#!/usr/bin/env bash
# Event benchmarks: builds the release binary once (unless GIBSON_HOOK_BENCH_BINARY names one), then runs
# bench.py against a private tansu broker and the Kafka REST stand-in. Needs /usr/bin/time (Debian `time`),
# curl, and the test venv (.venv, created by scripts/test.sh) or any Python with e2e/requirements.txt.
# Usage: bench/events/run.sh [--events N] [--curl-sample N] [--only-standin]
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${PYTHON:-.venv/bin/python}
binary=${GIBSON_HOOK_BENCH_BINARY:-}
if [ -z "$binary" ] && [[ " $* " != *" --only-standin "* ]]; then
    swift build -c release --static-swift-stdlib -Xlinker -no-pie --scratch-path .build-release >&2
    binary="$(pwd)/.build-release/release/gibson-hook"
fi
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -sr)" >&2
exec "$python" bench/events/bench.py ${binary:+--binary "$binary"} "$@"
