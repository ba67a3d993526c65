/// The POSIX sh shim `gibson-hook install` writes into a hooks directory, one per hook.
///
/// The reference copy is `hooks/shim.sh.template`; a test fails when the two differ. Placeholders:
/// `@HOOK_NAME@`, `@GIBSON_HOOK_BIN@` (shell-quoted absolute path) and `@FAIL_CLOSED@` (1 or 0).
public enum ShimTemplate {
    /// The line that marks a file as ours, so re-install is idempotent and uninstall removes only shims.
    public static let marker = "# gibson-hook shim v1"

    /// Any version of our marker, so shims written by older versions are recognised (and reported stale).
    static let markerPrefix = "# gibson-hook shim v"

    /// Suffix of the hook that was in place before ours and is chained by the shim.
    public static let chainedSuffix = ".pre-gibson-hook"

    /// The template text, byte for byte the same as `hooks/shim.sh.template`.
    public static let text = #"""
#!/bin/sh
# gibson-hook shim v1
# Written by `gibson-hook install`; `gibson-hook uninstall` removes it and restores the hook it replaced.
# GIBSON_HOOK=0 skips gibson-hook; a chained hook (the one that was here before) still runs.
hook_name='@HOOK_NAME@'
installed_bin=@GIBSON_HOOK_BIN@
fail_closed=@FAIL_CLOSED@

# Parameter expansion, not dirname: one process less on every commit. git runs hooks by a path with a slash.
chained="${0%/*}/$hook_name.pre-gibson-hook"
stdin_file=
if [ "$hook_name" = pre-push ] || [ "$hook_name" = post-rewrite ]; then
    # Both the chained hook and gibson-hook read git's stdin, so keep a copy for each.
    stdin_file=$(mktemp "${TMPDIR:-/tmp}/gibson-hook-stdin.XXXXXX") || exit 1
    trap 'rm -f "$stdin_file"' EXIT
    cat >"$stdin_file"
fi

status=0
if [ -x "$chained" ]; then
    if [ -n "$stdin_file" ]; then "$chained" "$@" <"$stdin_file"; else "$chained" "$@"; fi
    status=$?
    case "$hook_name" in pre-*) [ "$status" -ne 0 ] && exit "$status" ;; esac
fi

[ "${GIBSON_HOOK:-}" = 0 ] && exit "$status"

bin=
if [ -x "$installed_bin" ]; then
    bin=$installed_bin
elif [ -n "${GIBSON_HOOK_BIN:-}" ] && [ -x "$GIBSON_HOOK_BIN" ]; then
    bin=$GIBSON_HOOK_BIN
else
    bin=$(command -v gibson-hook 2>/dev/null) || bin=
fi

if [ -z "$bin" ]; then
    missing="executable not found (installed as $installed_bin; GIBSON_HOOK_BIN and PATH also tried)"
    if [ "$fail_closed" = 1 ]; then
        echo "gibson-hook: error: $missing" >&2
        echo "hint: the $hook_name health gate fails closed: reinstall gibson-hook or set GIBSON_HOOK_BIN to it" >&2
        echo "hint: to commit anyway, skip the hooks once: GIBSON_HOOK=0 git commit ..." >&2
        exit 1
    fi
    echo "gibson-hook: warning: $missing" >&2
    echo "gibson-hook: warning: $hook_name skipped, no event recorded." >&2
    exit "$status"
fi

# Nothing left to do afterwards: let gibson-hook replace this shell.
[ -z "$stdin_file" ] && [ "$status" -eq 0 ] && exec "$bin" "$hook_name" "$@"
if [ -n "$stdin_file" ]; then "$bin" "$hook_name" "$@" <"$stdin_file"; else "$bin" "$hook_name" "$@"; fi
own=$?
[ "$status" -ne 0 ] && exit "$status"
exit "$own"

"""#

    /// The shim for `hook` calling `binary` by its absolute path.
    public static func render(hook: HookName, binary: String) -> String {
        text.replacingOccurrences(of: "@HOOK_NAME@", with: hook.rawValue)
            .replacingOccurrences(of: "@GIBSON_HOOK_BIN@", with: shellQuoted(binary))
            .replacingOccurrences(of: "@FAIL_CLOSED@", with: hook.failsClosed ? "1" : "0")
    }

    /// Whether `contents` is a shim written by any version of gibson-hook.
    public static func isShim(_ contents: String) -> Bool {
        contents.split(separator: "\n", maxSplits: 3).contains { $0.hasPrefix(markerPrefix) }
    }

    /// The binary path a shim was installed with, or nil when `contents` has none.
    public static func installedBinary(in contents: String) -> String? {
        let prefix = "installed_bin="
        guard let line = contents.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        return shellUnquoted(String(line.dropFirst(prefix.count)))
    }

    /// `value` in single quotes, safe for sh whatever it contains.
    static func shellQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// The inverse of `shellQuoted` for the words it produces.
    static func shellUnquoted(_ word: String) -> String {
        var result = ""
        var inQuotes = false
        var escaped = false
        for character in word {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "'" {
                inQuotes.toggle()
            } else if character == "\\" && !inQuotes {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
