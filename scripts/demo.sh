#!/usr/bin/env bash
# The README's main job: a demo group in ./demo, every seed post submitted through it, a few approved,
# and the feed published. Safe to run again: it starts the demo group afresh each time.
set -euo pipefail
cd "$(dirname "$0")/.."
porch="$PWD/.build/release/porch"
demo="$PWD/demo"

rm -rf "$demo"
"$porch" init --dir "$demo" --group "New Parents Circle (demo)" --rules Rules
export PORCH_DIR="$demo" PORCH_ACTOR="demo"

echo; echo "== Submitting the seed posts (seeds/) =="
status=0
"$porch" submit --format jsonl < seeds/posts.jsonl || status=$?
"$porch" submit --format text < seeds/post.txt || status=$?
for message in seeds/email/*.eml; do
    "$porch" submit --format email < "$message" || status=$?
done
"$porch" submit --format mbox < seeds/archive.mbox || status=$?

echo; echo "== The queue, crisis first =="
"$porch" queue list

echo; echo "== Approving the first five routine posts, then publishing =="
ids=$("$porch" queue list --json --state pending | python3 -c '
import json, sys
posts = [json.loads(line) for line in sys.stdin if line.strip()]
routine = [p["id"] for p in posts if p["crisis"] == "none" and p["spam"] == "ham"]
print(" ".join(str(i) for i in routine[:5]))')
# shellcheck disable=SC2086
"$porch" approve $ids
"$porch" publish

echo
echo "The demo group is in $demo. The feed: $demo/feed/feed.atom and $demo/feed/feed.json"
echo "Try: PORCH_DIR=$demo $porch review"
exit $status
