#!/usr/bin/env bash
# The full-size load test of issue 8: four `porch submit` processes of POSTS posts each at the same time, while
# two scripted moderators approve and reject and `porch publish` runs in a loop; then every post is checked.
#   scripts/load-test.sh [POSTS]      POSTS per submitter, 25000 by default
# It builds the release porch and the test bundle, then runs LoadTests with PORCH_LOAD_POSTS and PORCH_LOAD_PORCH
# (CI runs the same test with 2,000 posts on the debug build). Set SCRATCH to use another build folder.
# Throughput and the longest moderator command are printed in the lines starting with "load:".
set -euo pipefail
cd "$(dirname "$0")/.."
posts="${1:-25000}"
scratch="${SCRATCH:-.build}"
case "$posts" in '' | *[!0-9]*) echo "usage: $0 [POSTS]  (a number of posts per submitter)" >&2; exit 64 ;; esac

swift build -c release --scratch-path "$scratch" --product porch
swift build --scratch-path "$scratch" --build-tests
PORCH_LOAD_POSTS="$posts" PORCH_LOAD_PORCH="$(pwd)/$scratch/release/porch" \
    swift test --scratch-path "$scratch" --skip-build --filter LoadTests
