#!/usr/bin/env bash
# The whole test suite (`make test`): the strict lint, every Swift test, the queue's tests again on PostgreSQL,
# the shared-queue load test, then a short deterministic fuzz run, then one closing line
# "tests: N passed, M failed" counting the tests and fuzz targets.
#
# The tests run on the release build (with -enable-testing for @testable imports): the command-line tests start
# the porch binary a few thousand times and the rule tests load and check every rule, which the debug build does
# ten times slower. PORCH_TEST_CONFIG=debug runs them on the debug build instead.
set -uo pipefail
cd "$(dirname "$0")/.."
swift="${SWIFT:-swift}"
config="${PORCH_TEST_CONFIG:-release}"
log="$(mktemp)"
# Every test's temporary folders (groups, queues, rule copies) go in one folder, removed at the end, so a run leaves
# no posts behind in /tmp. Others may pass through it (the fault tests run porch as `nobody` on a folder inside) but
# not list it.
scratch="$(mktemp -d /tmp/porch-tests.XXXXXX)"
chmod 711 "$scratch"
own_cluster=""
cleanup() {
    rm -rf "$log" "$scratch"
    [ -z "$own_cluster" ] || scripts/postgres-cluster.sh stop "$PORCH_TEST_POSTGRES_DIR"
}
trap cleanup EXIT

# The lint first: it takes seconds, and a style slip should not wait for the whole suite to be reported.
lint_status=0
$swift format lint --strict --recursive Sources Tests Package.swift || lint_status=$?
[ "$lint_status" -eq 0 ] || echo "lint: swift format lint --strict found the problems above (make format fixes most)"

build_flags=(-c "$config")
[ "$config" = debug ] || build_flags+=(-Xswiftc -enable-testing)
$swift build "${build_flags[@]}" --build-tests || exit 1
run_tests() { $swift test "${build_flags[@]}" --skip-build --disable-xctest "$@"; }

# A throwaway PostgreSQL cluster on loopback for the shared-queue tests (unless one is given), stopped at the end.
if [ -z "${PORCH_TEST_POSTGRES_URL:-}" ]; then
    export PORCH_TEST_POSTGRES_DIR="${PORCH_TEST_POSTGRES_DIR:-$(mktemp -d /tmp/porch-pg.XXXXXX)}"
    PORCH_TEST_POSTGRES_URL="$(scripts/postgres-cluster.sh start "$PORCH_TEST_POSTGRES_DIR")" || exit 1
    export PORCH_TEST_POSTGRES_URL
    own_cluster=1
fi
export TMPDIR="$scratch"

# The shared-queue load test restarts the server, so it runs alone, after the rest.
run_tests --skip SharedQueueLoadTests 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The queue's tests again on PostgreSQL: the store contract's conformance suite.
PORCH_TEST_STORE=postgres run_tests --filter PorchQueueTests 2>&1 | tee -a "$log"
postgres_status=${PIPESTATUS[0]}
[ "$postgres_status" -eq 0 ] || status=$postgres_status
run_tests --filter SharedQueueLoadTests 2>&1 | tee -a "$log"
load_status=${PIPESTATUS[0]}
[ "$load_status" -eq 0 ] || status=$load_status
# Every run counts.
total="$(grep -E 'Test run with [0-9]+ tests?' "$log" | sed -E 's/.*Test run with ([0-9]+) tests?.*/\1/' \
    | awk '{ n += $1 } END { print n + 0 }')"
failed=0
if [ "$status" -ne 0 ]; then
    failed="$(grep -E '^✘ Test .* failed after ' "$log" | grep -cvE '^✘ Test run with ' || true)"
    [ "$failed" -gt 0 ] || failed=1
fi

fuzz_status=0
SWIFT="$swift" FUZZ_RUNS=1000 scripts/fuzz.sh || fuzz_status=$?
fuzz_targets=5
fuzz_failed=0
[ "$fuzz_status" -eq 0 ] || fuzz_failed=1

passed=$(( ${total:-0} - failed + fuzz_targets - fuzz_failed ))
echo "tests: $passed passed, $(( failed + fuzz_failed )) failed"
[ "$status" -eq 0 ] && [ "$fuzz_status" -eq 0 ] && [ "$lint_status" -eq 0 ]
