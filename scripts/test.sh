#!/usr/bin/env bash
# Runs every test from a fresh clone: installs what the tests need (system packages when root, Python
# packages into .venv inside the repository), builds, runs the Swift suites, then the real-component suite.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/ensure-system-packages.sh --tests

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if ! cmp -s e2e/requirements.txt .venv/.requirements.installed 2>/dev/null; then
    .venv/bin/pip install --quiet --disable-pip-version-check -r e2e/requirements.txt
    cp e2e/requirements.txt .venv/.requirements.installed
fi
# gibson-cli lives in its own environment; only its executable is put on PATH.
if [ ! -x .venv-gibson/bin/gibson ] || ! cmp -s e2e/gibson-requirements.txt .venv-gibson/.requirements.installed 2>/dev/null; then
    python3 -m venv .venv-gibson
    .venv-gibson/bin/pip install --quiet --disable-pip-version-check -r e2e/gibson-requirements.txt
    cp e2e/gibson-requirements.txt .venv-gibson/.requirements.installed
fi
mkdir -p .venv/tools
ln -sf "$root/.venv-gibson/bin/gibson" .venv/tools/gibson
export PATH="$root/.venv/bin:$root/.venv/tools:$PATH"

swift build --build-tests
# The man page test compares man/gibson-hook.1 with the output of swift-argument-parser's generate-manual tool.
swift package generate-manual --configuration debug >/dev/null
export GIBSON_HOOK_BINARY="$root/.build/debug/gibson-hook"

status=0
swift test --skip-build || status=$?
if [ -d e2e/realcomponents ] && ls e2e/realcomponents/test_*.py >/dev/null 2>&1; then
    .venv/bin/python -m pytest -q e2e/realcomponents || status=$?
fi
if [ -d e2e/reliability ]; then
    .venv/bin/python -m pytest -q e2e/reliability || status=$?
fi
# libFuzzer targets (Fuzz/): a short bounded run of each, replaying the committed corpora.
bash scripts/fuzz.sh 20 || status=$?
exit "$status"
