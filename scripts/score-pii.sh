#!/bin/sh
# Scores the PII lane on the development corpus: runs `porch scrub --format jsonl` on every post
# (only id and text are given to it) and prints score.py's table of leak rates and over-redaction.
# Usage: scripts/score-pii.sh [CORPUS.jsonl]   (PORCH=path/to/porch to choose the binary)
set -eu
cd "$(dirname "$0")/.."
corpus_dir="${CORPUS_DIR:-../shared/corpus}"
corpus="${1:-$corpus_dir/dev-pii.jsonl}"
scorer="$(dirname "$corpus")/score.py"
if [ -z "${PORCH:-}" ]; then
    if [ -x .build/release/porch ]; then PORCH=.build/release/porch; else PORCH=.build/debug/porch; fi
fi
[ -x "$PORCH" ] || { echo "score-pii: no porch binary at $PORCH; run 'make release' first" >&2; exit 1; }
[ -f "$corpus" ] || { echo "score-pii: no corpus at $corpus; pass its path" >&2; exit 1; }
[ -f "$scorer" ] || { echo "score-pii: no score.py beside $corpus" >&2; exit 1; }

# The scrubbed posts are private text: keep them owner-only and remove them afterwards.
umask 077
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT INT TERM
python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        post = json.loads(line)
        print(json.dumps({"id": post["id"], "text": post["text"]}))' "$corpus" > "$work/input.jsonl"
"$PORCH" scrub --rules Rules --format jsonl < "$work/input.jsonl" > "$work/scrubbed.jsonl"
python3 "$scorer" "$corpus" "$work/scrubbed.jsonl" --name porch
