#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (-sanitize=fuzzer, own scratch path .build-fuzz) and runs each for a
# bounded time from its committed seed corpus in Fuzz/corpus/<target>. Any crash, trap, timeout or memory
# blow-up fails the run and leaves the reproducer in .build-fuzz/artifacts/<target>/: fix it and commit the
# file to Fuzz/corpus/<target>/ so every later run replays it.
#
#   scripts/fuzz.sh [seconds per target, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
targets=(event-input:FuzzEventInput config-loader:FuzzConfigLoader hook-input:FuzzHookInput)

start=$(date +%s)
for entry in "${targets[@]}"; do
    GIBSON_HOOK_FUZZ=1 swift build -c debug --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer \
        --product "${entry#*:}" 2>&1 | grep -E "error|warning: unre" || true
    test -x ".build-fuzz/debug/${entry#*:}" || { echo "fuzz: building ${entry#*:} failed" >&2; exit 1; }
done
echo "fuzz: built ${#targets[@]} targets in $(( $(date +%s) - start )) s"

status=0
for entry in "${targets[@]}"; do
    name="${entry%%:*}"
    corpus=".build-fuzz/corpus/$name"
    artifacts=".build-fuzz/artifacts/$name"
    mkdir -p "$corpus" "$artifacts"
    log=".build-fuzz/$name.log"
    # New inputs go to the scratch corpus; the committed seeds (and reproducers) are read only.
    if ".build-fuzz/debug/${entry#*:}" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "Fuzz/corpus/$name" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
        echo "fuzz: $name: ${runs:-?} executions in ${took:-?} s, no finding"
    else
        status=1
        echo "fuzz: $name: FINDING, see $log; reproducer(s):" >&2
        ls "$artifacts" >&2
        tail -n 40 "$log" >&2
    fi
done
exit "$status"
