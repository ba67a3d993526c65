#!/usr/bin/env bash
# Start-up and post-commit cost of one gibson-hook process: CPU time and page faults (perf stat, load
# independent enough on a shared machine) and the fsync count of post-commit (strace -c).
#
# Usage: bench/startup/run.sh [gibson-hook binary] [runs]
# Default binary: .build-release/release/gibson-hook
#   (swift build -c release --static-swift-stdlib -Xlinker -no-pie --scratch-path .build-release)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin=$(realpath "${1:-$root/.build-release/release/gibson-hook}")
runs="${2:-40}"
work=$(mktemp -d "${TMPDIR:-/tmp}/gibson-hook-startup.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_STATE_HOME="$work/home/.local/state" XDG_CONFIG_HOME="$work/home/.config"
unset GIBSON_HOOK GIBSON_HOOK_CONFIG GIBSON_HOOK_KAFKA_REST_URL GIBSON_HOOK_CLOUDEVENTS_URL GIBSON_HOOK_TEMPORAL_URL
mkdir -p "$HOME" "$work/bin"
printf '#!/bin/sh\necho "gibson 0.8.12"\n' >"$work/bin/gibson" && chmod +x "$work/bin/gibson"
export GIBSON_HOOK_GIBSON="$work/bin/gibson"
git init -q -b main "$work/repo" && cd "$work/repo"
git config user.email bench@example.com && git config user.name bench
echo a >f && git add f && git commit -q -m init
"$bin" pre-commit >/dev/null && "$bin" post-commit >/dev/null   # warm the health cache and the outbox

for command in "--version" "pre-commit" "post-commit"; do
    echo "== gibson-hook $command"
    perf stat -r "$runs" -e task-clock,page-faults "$bin" $command 2>&1 >/dev/null |
        grep -E "task-clock|page-faults|elapsed" | sed 's/  */ /g'
done
echo "== post-commit system calls (strace -c, one run)"
strace -f -c -o "$work/strace" "$bin" post-commit >/dev/null
grep -E "fdatasync|fsync|openat|newfstatat|total" "$work/strace" | awk '{print $NF, "calls=" $4}'
