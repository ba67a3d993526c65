#!/usr/bin/env bash
# Median `git commit` latency, side by side in one hyperfine run:
#   no hooks | gibson-hook pre-commit + post-commit (warm health cache, embedded defaults, fake fast gibson)
#   | the same with the event sink down | prek, lefthook and pre-commit each running one no-op hook
#   | the design document's shell pre-commit hook (`timeout 10s gibson --help`, and a `--version` variant).
# Then peak memory of the gibson-hook hook commands with /usr/bin/time -v.
#
# Usage: bench/commit/run.sh [gibson-hook binary] [python venv with prek, lefthook, pre-commit, gibson-cli]
# Defaults: .build-release/release/gibson-hook (swift build -c release --static-swift-stdlib -Xlinker -no-pie
# --scratch-path .build-release) and the repository's .venv (scripts/test.sh creates it), else /tmp/probe-venv.
# RUNS (default 40) sets the runs per row; the design-document rows take RUNS_SLOW (default 5) since each
# pays the real gibson start-up. Results go to bench/results/commit-<time>/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath "${1:-$root/.build-release/release/gibson-hook}")
venv=${2:-$root/.venv}
[ -x "$venv/bin/prek" ] || venv=/tmp/probe-venv
runs=${RUNS:-40}
slow_runs=${RUNS_SLOW:-5}
for tool in hyperfine git /usr/bin/time; do command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install hyperfine time git)" >&2; exit 2; }; done
for tool in prek lefthook pre-commit gibson; do [ -x "$venv/bin/$tool" ] || { echo "missing $venv/bin/$tool" >&2; exit 2; }; done
[ -x "$bin" ] || { echo "missing gibson-hook binary $bin" >&2; exit 2; }

out="$root/bench/results/commit-$(date -u +%Y%m%dT%H%M%SZ)"
work=$(mktemp -d "${TMPDIR:-/tmp}/gibson-hook-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/home" "$work/bin"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_STATE_HOME="$work/home/.local/state"
export GIT_CONFIG_GLOBAL="$work/home/.gitconfig" GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1
unset GIBSON_HOOK GIBSON_HOOK_CONFIG GIBSON_HOOK_KAFKA_REST_URL GIBSON_HOOK_CLOUDEVENTS_URL GIBSON_HOOK_TEMPORAL_URL
git config --global user.name bench && git config --global user.email bench@example.com
git config --global commit.gpgsign false && git config --global init.defaultBranch main

# A fake gibson as fast as a healthy one can be; the health cache makes it irrelevant after the first commit.
printf '#!/bin/sh\necho "gibson 0.8.12"\n' >"$work/bin/gibson" && chmod +x "$work/bin/gibson"
# A closed loopback port for the "sink down" row: bind, read the port, close.
closed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

new_repo() { git init -q "$work/$1" && (cd "$work/$1" && echo 0 >file && git add file && git commit -q --no-verify -m init); }

new_repo none
new_repo gibson-hook && (cd "$work/gibson-hook" && "$bin" install --hooks pre-commit,post-commit >/dev/null)
new_repo sink-down && (cd "$work/sink-down" && "$bin" install --hooks pre-commit,post-commit >/dev/null)
noop_config='repos:
- repo: local
  hooks:
  - id: noop
    name: noop
    entry: "true"
    language: system
    pass_filenames: false
    always_run: true
'
new_repo prek && (cd "$work/prek" && printf '%s' "$noop_config" >.pre-commit-config.yaml && "$venv/bin/prek" install >/dev/null)
new_repo pre-commit && (cd "$work/pre-commit" && printf '%s' "$noop_config" >.pre-commit-config.yaml && PATH="$venv/bin:$PATH" "$venv/bin/pre-commit" install >/dev/null)
new_repo lefthook && (cd "$work/lefthook" && printf 'pre-commit:\n  commands:\n    noop:\n      run: "true"\n' >lefthook.yml && PATH="$venv/bin:$PATH" "$venv/bin/lefthook" install >/dev/null)
# The design document's pre-commit hook, health check only: its recovery branch (trigger a workflow, sleep 30 s,
# re-check) would add 30 s to every commit on 0.8.12, where `gibson --help` always exits 1.
for variant in help version; do
    new_repo "design-$variant"
    cat >"$work/design-$variant/.git/hooks/pre-commit" <<HOOK
#!/bin/bash
if ! timeout 10s $venv/bin/gibson --$variant >/dev/null 2>&1; then
    echo "Gibson CLI health check failed"
    exit 1
fi
echo "Gibson CLI validation passed"
exit 0
HOOK
    chmod +x "$work/design-$variant/.git/hooks/pre-commit"
done

gh_env="GIBSON_HOOK_GIBSON=$work/bin/gibson"
down_env="$gh_env GIBSON_HOOK_CLOUDEVENTS_URL=http://127.0.0.1:$closed_port/events"
# Warm the health cache (and, for sink-down, open the breaker the way repeated commits do).
(cd "$work/gibson-hook" && env $gh_env git commit -q --allow-empty -m warm)
(cd "$work/sink-down" && env $down_env git commit -q --allow-empty -m warm)

commit() { echo "cd $work/$1 && ${2:+env $2 }git commit -q -m bench"; }
stage() { echo "cd $work/$1 && echo \$RANDOM >>file && git add file"; }
cd "$work"
# Each run stages a one-line change (--prepare, not timed) and times `git commit` alone.
hyperfine --shell=bash --warmup 3 --runs "$runs" --export-json "$out/hyperfine.json" --export-markdown "$out/hyperfine.md" \
    --prepare "$(stage none)" -n "git commit, no hooks" "$(commit none)" \
    --prepare "$(stage gibson-hook)" -n "gibson-hook pre-commit + post-commit" "$(commit gibson-hook "$gh_env")" \
    --prepare "$(stage sink-down)" -n "gibson-hook, event sink down" "$(commit sink-down "$down_env")" \
    --prepare "$(stage prek)" -n "prek, one no-op hook" "$(commit prek "PATH=$venv/bin:$PATH")" \
    --prepare "$(stage lefthook)" -n "lefthook, one no-op hook" "$(commit lefthook "PATH=$venv/bin:$PATH")" \
    --prepare "$(stage pre-commit)" -n "pre-commit, one no-op hook" "$(commit pre-commit "PATH=$venv/bin:$PATH")"
hyperfine --shell=bash --runs "$slow_runs" -i --export-json "$out/hyperfine-design.json" --export-markdown "$out/hyperfine-design.md" \
    --prepare "$(stage design-help)" -n "design doc hook: timeout 10s gibson --help (always fails on 0.8.12)" "$(commit design-help)" \
    --prepare "$(stage design-version)" -n "design doc hook: timeout 10s gibson --version" "$(commit design-version)"

# Peak memory (maximum resident set size) of each hook command as git runs it.
{
    echo "| command | peak RSS (KiB) |"
    echo "|---|---|"
    for row in "pre-commit:gibson-hook:$gh_env" "post-commit:gibson-hook:$gh_env" "post-commit:sink-down:$down_env"; do
        IFS=: read -r hook repo extra <<<"$row"
        rss=$(cd "$work/$repo" && env $extra /usr/bin/time -f %M "$bin" "$hook" 2>&1 >/dev/null | tail -1)
        echo "| gibson-hook $hook ($repo) | $rss |"
    done
} | tee "$out/memory.md"
# Let background flushes of the sink-down row finish before the work tree is removed.
sleep 3
echo "results in $out"
