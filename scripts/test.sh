#!/usr/bin/env bash
# The whole test suite (`make test`): the strict lint, every Swift test, then a short deterministic fuzz run,
# then one closing line "tests: N passed, M failed" counting the tests and fuzz targets.
set -uo pipefail
cd "$(dirname "$0")/.."
swift="${SWIFT:-swift}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# The lint first: it takes seconds, and a style slip should not wait for the whole suite to be reported.
lint_status=0
$swift format lint --strict --recursive Sources Tests Package.swift || lint_status=$?
[ "$lint_status" -eq 0 ] || echo "lint: swift format lint --strict found the problems above (make format fixes most)"

$swift build --build-tests || exit 1
$swift test --skip-build --disable-xctest 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary="$(grep -E 'Test run with [0-9]+ tests?' "$log" | tail -1)"
total="$(sed -E 's/.*Test run with ([0-9]+) tests?.*/\1/' <<< "$summary")"
failed=0
if [ "$status" -ne 0 ]; then
    failed="$(grep -cE '^✘ Test .* failed' "$log" || true)"
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
