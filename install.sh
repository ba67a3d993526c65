#!/usr/bin/env bash
# Installs gibson-hook: system packages it needs, a release build with the static Swift standard library,
# the binary, the man page and the bash/zsh/fish completions, under $DESTDIR$PREFIX (PREFIX defaults to
# /usr/local). Idempotent. Records every installed file in $PREFIX/share/gibson-hook/install-manifest so
# `./install.sh --uninstall` removes exactly those.
#
#   ./install.sh               install (then, inside a git repository, print the next steps)
#   ./install.sh --setup       install, then run `gibson-hook install` and `gibson-hook validate` in the
#                              git repository of the current directory
#   ./install.sh --uninstall   remove what the manifest lists
#
# Environment: PREFIX, DESTDIR; GIBSON_HOOK_INSTALL_BINARY=<path> installs that binary instead of building
# (used by the tests and by packagers who built already).
set -euo pipefail

source_dir="$(cd "$(dirname "$0")" && pwd)"
prefix="${PREFIX:-/usr/local}"
destdir="${DESTDIR:-}"
root="$destdir$prefix"
manifest_rel="share/gibson-hook/install-manifest"
manifest="$root/$manifest_rel"
mode=install
setup=0

for argument in "$@"; do
    case "$argument" in
        --uninstall) mode=uninstall ;;
        --setup) setup=1 ;;
        -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument '$argument' (try --help)" >&2; exit 2 ;;
    esac
done

uninstall() {
    if [ ! -f "$manifest" ]; then
        echo "nothing to uninstall: no manifest at $manifest"
        return 0
    fi
    local directories=()
    while IFS= read -r path; do
        [ -n "$path" ] || continue
        # Directories install.sh created end in '/': removed afterwards, deepest first, when empty.
        case "$path" in */) directories+=("$path"); continue ;; esac
        if [ -e "$destdir$path" ] || [ -L "$destdir$path" ]; then
            rm -f "$destdir$path"
            echo "removed $destdir$path"
        fi
    done < "$manifest"
    rm -f "$manifest"
    rmdir "$root/share/gibson-hook" 2>/dev/null || true
    if [ ${#directories[@]} -gt 0 ]; then
        printf '%s\n' "${directories[@]}" | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2- |
            while IFS= read -r directory; do rmdir "$destdir$directory" 2>/dev/null || true; done
    fi
    echo "gibson-hook uninstalled from $root"
}

build_binary() {
    if [ -n "${GIBSON_HOOK_INSTALL_BINARY:-}" ]; then
        [ -x "$GIBSON_HOOK_INSTALL_BINARY" ] || { echo "install.sh: '$GIBSON_HOOK_INSTALL_BINARY' is not an executable" >&2; exit 1; }
        binary="$GIBSON_HOOK_INSTALL_BINARY"
        return
    fi
    command -v swift >/dev/null || { echo "install.sh: the Swift toolchain is required (https://swift.org/install)" >&2; exit 1; }
    # -no-pie: a position-dependent executable starts ~1.5 ms faster (no ~80,000 relative relocations to
    # apply in every hook process). Only with the static standard library: against libswiftCore.so the
    # dynamic linker warns about protected symbols on every start.
    (cd "$source_dir" && swift build -c release --static-swift-stdlib -Xlinker -no-pie --product gibson-hook)
    binary="$(cd "$source_dir" && swift build -c release --static-swift-stdlib -Xlinker -no-pie --show-bin-path)/gibson-hook"
}

# make_directory RELATIVE-DIR: creates it and its missing parents under $root, recording each one it creates.
make_directory() {
    local relative="$1" missing=()
    while [ "$relative" != "." ] && [ ! -d "$root/$relative" ]; do
        missing+=("$prefix/$relative/")
        relative="$(dirname "$relative")"
    done
    install -d "$root/$1"
    created+=("${missing[@]}")
}

# place SOURCE RELATIVE-TARGET MODE: installs one file unless an identical one is there, and records it.
place() {
    local target="$root/$2"
    if [ -f "$target" ] && cmp -s "$1" "$target"; then
        echo "up to date $target"
    else
        make_directory "$(dirname "$2")"
        install -m "$3" "$1" "$target.tmp.$$"
        mv -f "$target.tmp.$$" "$target"
        echo "installed $target"
    fi
    installed+=("$prefix/$2")
}

install_all() {
    "$source_dir/scripts/ensure-system-packages.sh"
    build_binary
    installed=()
    created=()
    # Directories created by an earlier run stay recorded, so --uninstall still removes them.
    [ -f "$manifest" ] && while IFS= read -r line; do case "$line" in */) created+=("$line") ;; esac; done < "$manifest"
    place "$binary" bin/gibson-hook 0755
    place "$source_dir/man/gibson-hook.1" share/man/man1/gibson-hook.1 0644
    place "$source_dir/completions/gibson-hook.bash" share/bash-completion/completions/gibson-hook 0644
    place "$source_dir/completions/_gibson-hook" share/zsh/site-functions/_gibson-hook 0644
    place "$source_dir/completions/gibson-hook.fish" share/fish/vendor_completions.d/gibson-hook.fish 0644
    make_directory "$(dirname "$manifest_rel")"
    { printf '%s\n' "${installed[@]}"; echo "$prefix/$manifest_rel"; printf '%s\n' "${created[@]}" | sort -u | grep . || true; } \
        > "$manifest.tmp.$$"
    mv -f "$manifest.tmp.$$" "$manifest"
    echo "gibson-hook $("$root/bin/gibson-hook" --version) installed in $root"
    next_steps
}

# How to reach the installed binary and man page when PREFIX is not on the search paths.
path_notes() {
    case ":${PATH:-}:" in
        *":$prefix/bin:"*) ;;
        *)
            echo "note: '$prefix/bin' is not on PATH; add this line to your shell's profile (~/.bashrc, ~/.zshrc):"
            echo "  export PATH=\"$prefix/bin:\$PATH\" MANPATH=\"$prefix/share/man:\${MANPATH:-}\""
            ;;
    esac
}

next_steps() {
    # A staged install (DESTDIR) is not the running system: nothing to set up.
    [ -z "$destdir" ] || return 0
    local bin="$prefix/bin/gibson-hook"
    path_notes
    local repo
    # The clone of gibson-hook itself is not the project the hooks are for.
    if ! repo="$(git rev-parse --show-toplevel 2>/dev/null)" || [ "$repo" = "$source_dir" ]; then
        # The main job's check, from here: configuration, Gibson's health, services and sinks.
        "$bin" validate || echo "install.sh: 'gibson-hook validate' reported problems (see above); gibson-hook itself is installed"
        echo "next: in your project's git repository, run '$bin install'"
        return 0
    fi
    if [ "$setup" = 1 ]; then
        (cd "$repo" && "$bin" install && "$bin" validate) || echo "install.sh: set-up in '$repo' reported problems (see above)" >&2
        return 0
    fi
    if ! "$bin" config check >/dev/null 2>&1; then
        echo "note: the configuration in '$repo' has problems: run '$bin config check'"
    else
        # The main job's check in this repository: configuration, Gibson's health, services, sinks and hooks.
        (cd "$repo" && "$bin" validate) || echo "install.sh: 'gibson-hook validate' reported problems (see above); gibson-hook itself is installed"
    fi
    echo "next: cd '$repo' && '$bin' install   (or ./install.sh --setup)"
}

if [ "$mode" = uninstall ]; then uninstall; else install_all; fi
