#!/bin/sh
# Scores the PII lane on a labelled corpus (default: the development corpus) with `porch rules test`:
# leak per type, hard negatives destroyed and ordinary characters removed, as ../shared/corpus/score.py
# counts them. SCORER=score.py runs the shared scorer itself instead (porch scrub, then score.py).
# Usage: scripts/score-pii.sh [CORPUS.jsonl] [porch rules test options, e.g. --against OLD_RULES]
#        (PORCH=path/to/porch to choose the binary)
set -eu
cd "$(dirname "$0")/.."
corpus_dir="${CORPUS_DIR:-../shared/corpus}"
corpus="${1:-$corpus_dir/dev-pii.jsonl}"
[ $# -gt 0 ] && shift
if [ -z "${PORCH:-}" ]; then
    if [ -x .build/release/porch ]; then PORCH=.build/release/porch; else PORCH=.build/debug/porch; fi
fi
[ -x "$PORCH" ] || { echo "score-pii: no porch binary at $PORCH; run 'make release' first" >&2; exit 1; }
[ -f "$corpus" ] || { echo "score-pii: no corpus at $corpus; pass its path" >&2; exit 1; }

if [ "${SCORER:-porch}" != "score.py" ]; then
    exec "$PORCH" rules test --rules Rules --corpus "$corpus" "$@"
fi

scorer="$(dirname "$corpus")/score.py"
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
