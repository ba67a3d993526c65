#!/usr/bin/env bash
# Installs the Debian packages gibson-hook builds against, when missing; with --tests also what the test
# suite and benchmarks use. As root it runs apt-get; otherwise it prints the exact command to run and fails.
#   build: libgit2, libcurl and SQLite headers, pkg-config, git
#   --tests: openssl (TLS fixtures), binutils (readelf), python3-venv, curl and time (benchmarks),
#            hyperfine (commit benchmark), prometheus (promtool checks the metrics and rules),
#            systemd (systemd-analyze verify checks the service units)
set -euo pipefail
needed=(libgit2-dev libcurl4-openssl-dev libsqlite3-dev pkg-config git)
if [ "${1:-}" = "--tests" ]; then
    needed+=(openssl binutils curl time hyperfine prometheus systemd)
fi
missing=()
for package in "${needed[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
    echo "gibson-hook needs: ${missing[*]}" >&2
    echo "run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
