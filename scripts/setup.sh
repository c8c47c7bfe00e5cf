#!/usr/bin/env bash
# Installs what Porch needs and is missing, and nothing else.
#   scripts/setup.sh          build dependencies: libpcre2-dev, libsqlite3-dev, pkg-config (libpq is loaded at run
#                             time, only by a group kept in PostgreSQL: libpq5, which the test tools bring)
#   scripts/setup.sh --test   also what the tests use: tmux, PostgreSQL (the shared-queue tests start a throwaway
#                             cluster), python3 feedparser and jsonschema
set -euo pipefail

want_test_tools=false
[ "${1:-}" = "--test" ] && want_test_tools=true

packages=()
command -v pkg-config >/dev/null 2>&1 || packages+=(pkg-config)
pkg-config --exists libpcre2-8 2>/dev/null || packages+=(libpcre2-dev)
[ -f /usr/include/sqlite3.h ] || packages+=(libsqlite3-dev)
if $want_test_tools; then
    command -v tmux >/dev/null 2>&1 || packages+=(tmux)
    command -v python3 >/dev/null 2>&1 || packages+=(python3 python3-pip)
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || packages+=(postgresql)
fi

if ((${#packages[@]})); then
    echo "setup: installing ${packages[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

if $want_test_tools && ! python3 -c 'import feedparser' >/dev/null 2>&1; then
    echo "setup: installing feedparser (Python) for the feed tests"
    python3 -m pip install --quiet feedparser 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages feedparser
fi
if $want_test_tools && ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
    # The second, independent feed check (scripts/feed-check): JSON Feed against a schema of the 1.1 spec.
    echo "setup: installing jsonschema (Python) for the feed tests"
    python3 -m pip install --quiet jsonschema 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages jsonschema
fi
exit 0
