#!/usr/bin/env bash
# Builds the libFuzzer targets in Tests/Fuzz and runs each for SECONDS (default 60).
#
#   scripts/fuzz.sh [SECONDS]            every target
#   FUZZ_TARGETS="FuzzScrubber" scripts/fuzz.sh 300
#   PORCH_FUZZ_STRICT=1 scripts/fuzz.sh   also fail on the known gaps the targets otherwise allow
#   FUZZ_RUNS=1000 scripts/fuzz.sh        a fixed number of inputs per target from a fixed seed, with
#                                         deterministic hashing: the same code fuzzes the same way every
#                                         time (what CI runs, so a landing never depends on luck)
#
# Each target starts from its seeds in Tests/Fuzz/Corpus/<target>/ and keeps what it finds in
# .build-fuzz/corpus/<target>/ (not committed). Exits 1 when any target crashes or breaks an invariant;
# the input that did it is in .build-fuzz/artifacts/<target>/ and the log in .build-fuzz/logs/<target>.log.
# Reproduce one with `.build-fuzz/debug/<target> <file>`, then add it as a regression test.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scratch=".build-fuzz"
read -ra targets <<< "${FUZZ_TARGETS:-FuzzEmail FuzzJSONLines FuzzRuleFile FuzzNormalizer FuzzScrubber}"

echo "building the fuzz targets (debug, -sanitize=fuzzer,address)"
${SWIFT:-swift} build -c debug --package-path Tests/Fuzz --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 \
    | grep -v "warning: Cannot export local symbol" || true
bin="$(${SWIFT:-swift} build -c debug --package-path Tests/Fuzz --scratch-path "$scratch" --show-bin-path)"
for target in "${targets[@]}"; do
    [ -x "$bin/$target" ] || { echo "fuzz: $target was not built; see the build output above" >&2; exit 2; }
done

# The Swift runtime's own crash handler gets in the way of AddressSanitizer's report.
export SWIFT_BACKTRACE=enable=no
[ -n "${FUZZ_RUNS:-}" ] && export SWIFT_DETERMINISTIC_HASHING=1
export PORCH_RULES="$root/Rules"
export LSAN_OPTIONS="suppressions=$root/Tests/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

failed=()
for target in "${targets[@]}"; do
    corpus="$scratch/corpus/$target"
    artifacts="$scratch/artifacts/$target"
    log="$scratch/logs/$target.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    options=(-timeout=60 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/")
    if [ -n "${FUZZ_RUNS:-}" ]; then
        options+=(-runs="$FUZZ_RUNS" -seed=1)
        # A fixed run starts from the committed seeds only, so it does not depend on earlier runs.
        corpus="$(mktemp -d)"
    else
        options+=(-max_total_time="$seconds")
    fi
    dictionary="Tests/Fuzz/Dictionaries/$target.dict"
    [ -f "$dictionary" ] && options+=(-dict="$dictionary")
    status=0
    "$bin/$target" "${options[@]}" "$corpus" "Tests/Fuzz/Corpus/$target" >"$log" 2>&1 || status=$?
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    [ -n "${FUZZ_RUNS:-}" ] && rm -rf "$corpus"
    if [ "$status" -eq 0 ]; then
        how="in ${seconds}s"
        [ -n "${FUZZ_RUNS:-}" ] && how="from seed 1"
        echo "$target: ok, ${runs:-?} runs $how"
    else
        echo "$target: FAILED (exit $status); input saved in $artifacts/, log in $log" >&2
        grep -m1 -E "invariant failed|ERROR: (AddressSanitizer|libFuzzer)|Fatal error|SUMMARY" "$log" >&2 || true
        failed+=("$target")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: ${#targets[@]} target(s) ran without a crash or a broken invariant"
