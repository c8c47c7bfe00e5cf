#!/usr/bin/env bash
# The full-size load tests, on the release build.
#   scripts/load-test.sh [POSTS]             issue 8 on SQLite: four `porch submit` processes of POSTS posts each
#                                            at once, while two scripted moderators decide and `porch publish`
#                                            runs in a loop (LoadTests)
#   scripts/load-test.sh --postgres [POSTS]  issue 18 on PostgreSQL: two groups on one server, eight submitters of
#                                            POSTS posts each, four moderators, two publishers and a server restart
#                                            (SharedQueueLoadTests); starts a throwaway cluster unless
#                                            PORCH_TEST_POSTGRES_URL and PORCH_TEST_POSTGRES_DIR are set
# POSTS is per submitter, 25000 by default (`make test` runs the same tests smaller). Every post is checked
# afterwards: nothing lost, nothing doubled. Throughput and waits are printed in the lines starting with "load:".
# Set SCRATCH to use another build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
postgres=false
if [ "${1:-}" = --postgres ]; then postgres=true; shift; fi
posts="${1:-25000}"
scratch="${SCRATCH:-.build}"
case "$posts" in '' | *[!0-9]*) echo "usage: $0 [--postgres] [POSTS]  (a number of posts per submitter)" >&2; exit 64 ;; esac

flags=(-c release -Xswiftc -enable-testing --scratch-path "$scratch")
swift build "${flags[@]}" --build-tests
export PORCH_LOAD_POSTS="$posts" PORCH_LOAD_PORCH="$(pwd)/$scratch/release/porch"
if ! $postgres; then
    exec swift test "${flags[@]}" --skip-build --disable-xctest --filter 'PorchCLITests\.LoadTests'
fi
if [ -z "${PORCH_TEST_POSTGRES_URL:-}" ]; then
    export PORCH_TEST_POSTGRES_DIR="${PORCH_TEST_POSTGRES_DIR:-$(mktemp -d /tmp/porch-pg.XXXXXX)}"
    PORCH_TEST_POSTGRES_URL="$(scripts/postgres-cluster.sh start "$PORCH_TEST_POSTGRES_DIR")"
    export PORCH_TEST_POSTGRES_URL
    trap 'scripts/postgres-cluster.sh stop "$PORCH_TEST_POSTGRES_DIR"' EXIT
fi
swift test "${flags[@]}" --skip-build --disable-xctest --filter SharedQueueLoadTests
