#!/usr/bin/env python3
"""Prints the crisis and spam figures of issue 16 for `porch scan` on labelled corpora.

Usage: scripts/measure-lanes.py [--porch PATH] [--rules DIR] [--crisis FILE] [--spam FILE] [--split dev|heldout|all]

Defaults: .build/release/porch, the repository's Rules/, ../shared/corpus/dev-crisis.jsonl and dev-spam.jsonl,
split "dev" (the posts scripts/split-corpus.py does not hold out; the learned weights were trained on them, so
these figures are in-sample for the weights). Only id and text are given to porch.

Figures: crisis posts flagged (crisis or concern), flagged as crisis, concern posts seen (concern or crisis),
none posts flagged crisis; spam posts marked spam or suspect, marked spam; ham posts marked spam, suspect.
"""

import argparse
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def held_out(post_id: str) -> bool:
    spec = importlib.util.spec_from_file_location("split_corpus", REPO / "scripts" / "split-corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.held_out(post_id)


def posts(path: Path, split: str) -> list[dict]:
    chosen = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        post = json.loads(line)
        side = "heldout" if held_out(str(post["id"])) else "dev"
        if split == "all" or side == split:
            chosen.append(post)
    return chosen


def scan(porch: str, rules: str, items: list[dict]) -> dict[str, dict]:
    stdin = "".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in items)
    done = subprocess.run([porch, "scan", "--format", "jsonl", "--rules", rules], input=stdin.encode(),
                          capture_output=True)
    if done.returncode not in (0, 3):
        sys.exit(f"porch scan failed ({done.returncode}): {done.stderr.decode()[:500]}")
    return {v["id"]: v for v in map(json.loads, done.stdout.decode().splitlines())}


def share(part: int, whole: int) -> str:
    return f"{part / whole:.1%} ({part}/{whole})" if whole else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--porch", default=str(REPO / ".build" / "release" / "porch"))
    parser.add_argument("--rules", default=str(REPO / "Rules"))
    parser.add_argument("--crisis", default=str(REPO.parent / "shared" / "corpus" / "dev-crisis.jsonl"))
    parser.add_argument("--spam", default=str(REPO.parent / "shared" / "corpus" / "dev-spam.jsonl"))
    parser.add_argument("--split", default="dev", choices=["dev", "heldout", "all"])
    args = parser.parse_args()

    crisis_posts = posts(Path(args.crisis), args.split)
    verdicts = scan(args.porch, args.rules, crisis_posts)
    level = {p["id"]: verdicts[p["id"]]["crisis"]["level"] for p in crisis_posts}
    by = lambda label: [p["id"] for p in crisis_posts if p["label"] == label]
    crisis, concern, none = by("crisis"), by("concern"), by("none")
    print(f"crisis lane, {args.crisis} ({args.split}, {len(crisis_posts)} posts):")
    print("  crisis posts flagged    ", share(sum(level[i] != "none" for i in crisis), len(crisis)))
    print("  crisis posts as crisis  ", share(sum(level[i] == "crisis" for i in crisis), len(crisis)))
    print("  concern posts seen      ", share(sum(level[i] != "none" for i in concern), len(concern)))
    print("  none posts flagged crisis", share(sum(level[i] == "crisis" for i in none), len(none)))
    print("  none posts flagged concern", share(sum(level[i] == "concern" for i in none), len(none)))

    spam_posts = posts(Path(args.spam), args.split)
    verdicts = scan(args.porch, args.rules, spam_posts)
    label = {p["id"]: verdicts[p["id"]]["spam"]["verdict"] for p in spam_posts}
    spam = [p["id"] for p in spam_posts if p["label"] == "spam"]
    ham = [p["id"] for p in spam_posts if p["label"] == "ham"]
    print(f"spam lane, {args.spam} ({args.split}, {len(spam_posts)} posts):")
    print("  spam marked spam or suspect", share(sum(label[i] != "ham" for i in spam), len(spam)))
    print("  spam marked spam           ", share(sum(label[i] == "spam" for i in spam), len(spam)))
    print("  ham marked spam            ", share(sum(label[i] == "spam" for i in ham), len(ham)))
    print("  ham marked suspect         ", share(sum(label[i] == "suspect" for i in ham), len(ham)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
