#!/usr/bin/env bash
# Interleaved `git commit` latency: no hooks, gibson-hook (one or two binaries: before/after a change)
# pre-commit + post-commit, and prek running one no-op hook. Each round commits once in every repository,
# in turn, so all rows see the same machine load (the machine this was written on is shared and busy).
#
# Usage: bench/startup/commit-ab.sh VENV BINARY [BINARY2] [ROUNDS]
#   VENV: a Python venv with prek (bin/prek). Prints the median and quartiles per row, in ms.
set -euo pipefail
venv=$1; bin_a=$(realpath "$2"); bin_b=${3:+$(realpath "$3")}; rounds=${4:-40}
work=$(mktemp -d "${TMPDIR:-/tmp}/gibson-hook-ab.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/bin"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_STATE_HOME="$work/home/.local/state"
export GIT_CONFIG_GLOBAL="$work/home/.gitconfig" GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1
unset GIBSON_HOOK GIBSON_HOOK_CONFIG GIBSON_HOOK_KAFKA_REST_URL GIBSON_HOOK_CLOUDEVENTS_URL GIBSON_HOOK_TEMPORAL_URL
git config --global user.name bench && git config --global user.email bench@example.com
git config --global commit.gpgsign false && git config --global init.defaultBranch main
printf '#!/bin/sh\necho "gibson 0.8.12"\n' >"$work/bin/gibson" && chmod +x "$work/bin/gibson"
export GIBSON_HOOK_GIBSON="$work/bin/gibson"
new_repo() { git init -q "$work/$1" && (cd "$work/$1" && echo 0 >file && git add file && git commit -q --no-verify -m init); }
new_repo none
rows=(none)
install_gh() { # name binary: each binary gets its own state directory (outbox, health cache)
    new_repo "$1" && (cd "$work/$1" && XDG_STATE_HOME="$work/state-$1" "$2" install --hooks pre-commit,post-commit >/dev/null)
    (cd "$work/$1" && XDG_STATE_HOME="$work/state-$1" git commit -q --allow-empty -m warm)
    rows+=("$1")
}
install_gh gibson-hook-a "$bin_a"
[ -n "$bin_b" ] && install_gh gibson-hook-b "$bin_b"
new_repo prek && (cd "$work/prek" && printf 'repos:\n- repo: local\n  hooks:\n  - id: noop\n    name: noop\n    entry: "true"\n    language: system\n    pass_filenames: false\n    always_run: true\n' >.pre-commit-config.yaml && "$venv/bin/prek" install >/dev/null)
(cd "$work/prek" && PATH="$venv/bin:$PATH" git commit -q --allow-empty -m warm)
rows+=(prek)
echo "binaries: a=$bin_a${bin_b:+ b=$bin_b}; rounds=$rounds"
python3 - "$work" "$rounds" "$venv" "${rows[@]}" <<'PY'
import os, subprocess, sys, time, statistics
work, rounds, venv, rows = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
times = {r: [] for r in rows}
for i in range(rounds + 3):
    for r in rows:
        d = os.path.join(work, r)
        env = dict(os.environ)
        if r.startswith("gibson-hook"): env["XDG_STATE_HOME"] = os.path.join(work, "state-" + r)
        if r == "prek": env["PATH"] = venv + "/bin:" + env["PATH"]
        with open(os.path.join(d, "file"), "a") as f: f.write(f"{i}\n")
        subprocess.run(["git", "add", "file"], cwd=d, check=True)
        start = time.perf_counter()
        subprocess.run(["git", "commit", "-q", "-m", "bench"], cwd=d, env=env, check=True)
        if i >= 3: times[r].append((time.perf_counter() - start) * 1000)
for r in rows:
    q = statistics.quantiles(times[r], n=4)
    print(f"{r:15s} median {statistics.median(times[r]):6.1f} ms   q1 {q[0]:6.1f}   q3 {q[2]:6.1f}   n={len(times[r])}")
PY
