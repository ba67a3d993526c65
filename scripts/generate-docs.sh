#!/usr/bin/env bash
# Regenerates the committed artefacts that come from the CLI: completions/ (bash, zsh, fish) and
# man/gibson-hook.1 (swift-argument-parser's generate-manual plugin plus man/sections.mdoc).
# Run it after adding or changing a command; a test fails when the committed files drift.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product gibson-hook
bin="$(swift build --show-bin-path)/gibson-hook"

mkdir -p completions man
"$bin" --generate-completion-script bash > completions/gibson-hook.bash
"$bin" --generate-completion-script zsh > completions/_gibson-hook
"$bin" --generate-completion-script fish > completions/gibson-hook.fish

# The manual's date is the last commit's, so regenerating an unchanged tree changes nothing.
date="${GIBSON_HOOK_MAN_DATE:-$(git log -1 --format=%cs 2>/dev/null || date -u +%F)}"
swift package generate-manual --configuration debug --date "$date" >/dev/null
generated=".build/plugins/GenerateManual/outputs/gibson-hook/gibson-hook.1"
# The plugin's EXIT STATUS is generic; man/sections.mdoc supplies gibson-hook's own, after CONFIGURATION,
# ENVIRONMENT and FILES.
awk '/^\.Sh "EXIT STATUS"/ { skip = 1; next } /^\.Sh / { skip = 0 } !skip' "$generated" > man/gibson-hook.1
cat man/sections.mdoc >> man/gibson-hook.1
echo "regenerated completions/ and man/gibson-hook.1"
