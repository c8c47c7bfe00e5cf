#!/usr/bin/env python3
"""Split a labelled corpus into a development part and a held-out part, by a hash of each post's id.

The same id always lands on the same side, so the split is the same on every machine and for every
run; about one post in four is held out. Rule editors look only at the development part and report
figures on both parts apart (see README, "Measuring").

Usage: scripts/split-corpus.py CORPUS.jsonl OUT_DIR   -> OUT_DIR/dev/NAME, OUT_DIR/heldout/NAME
"""

import hashlib
import sys
from pathlib import Path


def held_out(post_id: str) -> bool:
    return hashlib.sha256(post_id.encode("utf-8")).digest()[0] % 4 == 0


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 64
    corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
    import json

    sides = {"dev": [], "heldout": []}
    for number, line in enumerate(corpus.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        post = json.loads(line)
        sides["heldout" if held_out(str(post["id"])) else "dev"].append(line)
    for side, lines in sides.items():
        (out / side).mkdir(parents=True, exist_ok=True)
        (out / side / corpus.name).write_text("".join(l + "\n" for l in lines), encoding="utf-8")
        print(f"{side}: {len(lines)} posts -> {out / side / corpus.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
