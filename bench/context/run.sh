#!/usr/bin/env bash
# Times `gibson-hook context --json` on very large commits and index changes.
# Usage: bench/context/run.sh [FILES]   (default 50000; GIBSON_HOOK_BINARY picks the binary, default .build/debug)
set -euo pipefail
files=${1:-50000}
here=$(cd "$(dirname "$0")/../.." && pwd)
binary=${GIBSON_HOOK_BINARY:-$here/.build/debug/gibson-hook}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME=$work GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=b@example.com \
    GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=b@example.com
repo=$work/repo
git init -q -b main "$repo"
cd "$repo"
# $files files in 100 directories, names with spaces, each with distinct content.
python3 - "$files" <<'PY'
import os, sys
n = int(sys.argv[1])
for i in range(n):
    d = f"dir {i % 100}"
    os.makedirs(d, exist_ok=True)
    with open(f"{d}/file {i}.txt", "w") as f:
        f.write(f"file {i}\n" + "x" * 40 + "\n")
PY
git add -A && git commit -q -m "root commit with $files files"

measure() {
    local label=$1
    local start end
    start=$(date +%s.%N)
    "$binary" context --json > "$work/out.json"
    end=$(date +%s.%N)
    local entries
    entries=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["commit"]["changedFiles"]), len(d["staged"]))' "$work/out.json")
    local gitStart gitEnd
    # For reference: git itself listing the same two diffs.
    gitStart=$(date +%s.%N)
    git diff-tree -r -M --root --name-status HEAD > /dev/null
    git diff-index --cached -M --name-status HEAD > /dev/null
    gitEnd=$(date +%s.%N)
    printf '%-40s %6.2f s (git diff-tree + diff-index: %5.2f s)  changedFiles/staged: %s  json %s bytes\n' \
        "$label" "$(echo "$end - $start" | bc)" "$(echo "$gitEnd - $gitStart" | bc)" "$entries" "$(wc -c < "$work/out.json")"
}

measure "root commit, $files files added"
# Modify every file and stage it: a commit of $files modifications, then $files staged changes.
find . -path ./.git -prune -o -type f -name '*.txt' -print0 | xargs -0 sed -i 's/^x/y/'
git add -A && git commit -q -m "modify every file"
measure "commit modifying $files files"
find . -path ./.git -prune -o -type f -name '*.txt' -print0 | xargs -0 sed -i 's/^y/z/'
git add -A
measure "plus $files staged modifications"
git mv "dir 0" "renamed dir"
measure "plus a staged directory rename"
echo "git $(git --version | cut -d' ' -f3), binary $binary"
