#!/usr/bin/env python3
"""Measures the crisis and spam lanes (rules and learned weights together) on posts the weights never saw.

The training posts are split into 5 folds; for each fold, weights are trained on the other four (with the
regularisation and thresholds of the shipped files, which the training scripts chose by cross-validation) and
written into a copy of the rules folder, and `porch scan` screens the fold. The figures are those of
scripts/measure-lanes.py over all folds: an estimate of how the lanes do on new posts.

Usage: scripts/crossvalidate-lanes.py [--porch PATH] [--rules DIR]
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sklearn.model_selection import StratifiedKFold

import modeltraining as training

REPO = training.REPO


def settings(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([a-z.]+) = (.*)$", line)
        if match:
            found[match.group(1)] = match.group(2)
        if line.startswith("feature\t"):
            break
    return found


def regularisation(path: Path, name: str) -> float:
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"regularisation C: .*?{name} ([0-9.]+)", text) if name else re.search(
        r"regularisation C: ([0-9.]+)", text)
    return float(match.group(1))


def scan(porch: str, rules: Path, posts: list[dict]) -> dict[str, dict]:
    stdin = "".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in posts)
    done = subprocess.run([porch, "scan", "--format", "jsonl", "--rules", str(rules)], input=stdin.encode(),
                          capture_output=True)
    if done.returncode not in (0, 3):
        sys.exit(f"porch scan failed ({done.returncode}): {done.stderr.decode()[:800]}")
    return {v["id"]: v for v in map(json.loads, done.stdout.decode().splitlines())}


def share(part: int, whole: int) -> str:
    return f"{part / whole:.1%} ({part}/{whole})" if whole else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--porch", default=str(REPO / ".build" / "release" / "porch"))
    parser.add_argument("--rules", default=str(REPO / "Rules"))
    args = parser.parse_args()
    rules = Path(args.rules)
    corpus = REPO.parent / "shared" / "corpus"

    crisis_file = rules / "model" / "crisis.tsv"
    spam_file = rules / "model" / "spam.tsv"
    crisis_settings, spam_settings = settings(crisis_file), settings(spam_file)
    crisis_posts = training.development_posts(corpus / "dev-crisis.jsonl")
    extra = training.extra_posts(rules / "model" / "training" / "crisis-extra.jsonl")
    spam_posts = training.development_posts(corpus / "dev-spam.jsonl")

    levels: dict[str, str] = {}
    weights: dict[str, tuple[str, str]] = {}
    labels: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "Rules"
        shutil.copytree(rules, copy)
        folds = StratifiedKFold(n_splits=training.FOLDS, shuffle=True, random_state=training.SEED + 1)
        crisis_labels = [p["label"] for p in crisis_posts]
        spam_labels = [p["label"] for p in spam_posts]
        crisis_splits = list(folds.split(crisis_posts, crisis_labels))
        spam_splits = list(folds.split(spam_posts, spam_labels))
        for fold in range(training.FOLDS):
            train, test = crisis_splits[fold]
            texts = [crisis_posts[i]["text"] for i in train] + [p["text"] for p in extra]
            kinds = [crisis_posts[i]["label"] for i in train] + [p["label"] for p in extra]
            features_c, model_c = training.fit(texts, [int(k == "crisis") for k in kinds],
                                               regularisation(crisis_file, "crisis"))
            features_r, model_r = training.fit(texts, [int(k != "none") for k in kinds],
                                               regularisation(crisis_file, "concern"))
            table_c = dict(training.weights(features_c, model_c))
            table_r = dict(training.weights(features_r, model_r))
            rows = [(n, f"{table_c.get(n, 0.0):.5f}", f"{table_r.get(n, 0.0):.5f}")
                    for n in sorted(set(table_c) | set(table_r))]
            training.write_weights(copy / "model" / "crisis.tsv", ["fold model"], [
                ("bias.crisis", f"{float(model_c.intercept_[0]):.5f}"),
                ("bias.concern", f"{float(model_r.intercept_[0]):.5f}"),
                ("threshold.crisis", crisis_settings["threshold.crisis"]),
                ("threshold.concern", crisis_settings["threshold.concern"]),
            ], ["feature", "crisis", "concern"], rows)

            spam_train, spam_test = spam_splits[fold]
            features_s, model_s = training.fit(
                [spam_posts[i]["text"] for i in spam_train],
                [int(spam_posts[i]["label"] == "spam") for i in spam_train], regularisation(spam_file, ""))
            training.write_weights(copy / "model" / "spam.tsv", ["fold model"], [
                ("bias.spam", f"{float(model_s.intercept_[0]):.5f}"),
                ("threshold.suspect", spam_settings["threshold.suspect"]),
                ("threshold.spam", spam_settings["threshold.spam"]),
            ], ["feature", "spam"], [(n, f"{w:.5f}") for n, w in training.weights(features_s, model_s)])

            held = [crisis_posts[i] for i in test]
            for post_id, verdict in scan(args.porch, copy, held).items():
                levels[post_id] = verdict["crisis"]["level"]
                model = verdict["crisis"].get("model") or {}
                weights[post_id] = (model.get("model_level", "none"), model.get("level", "none"))
            held = [spam_posts[i] for i in spam_test]
            for post_id, verdict in scan(args.porch, copy, held).items():
                labels[post_id] = verdict["spam"]["verdict"]

    by = lambda label: [p["id"] for p in crisis_posts if p["label"] == label]
    crisis, concern, none = by("crisis"), by("concern"), by("none")
    print(f"crisis lane, {training.FOLDS}-fold cross-validation over {len(crisis_posts)} development posts:")
    print("  crisis posts flagged      ", share(sum(levels[i] != "none" for i in crisis), len(crisis)))
    print("  crisis posts as crisis    ", share(sum(levels[i] == "crisis" for i in crisis), len(crisis)))
    print("  concern posts seen        ", share(sum(levels[i] != "none" for i in concern), len(concern)))
    print("  none posts flagged crisis ", share(sum(levels[i] == "crisis" for i in none), len(none)))
    print("  none posts flagged concern", share(sum(levels[i] == "concern" for i in none), len(none)))
    for label, ids in (("crisis", crisis), ("concern", concern), ("none", none)):
        raised = sum(weights[i][0] == "crisis" for i in ids)
        lowered = sum(weights[i] == ("crisis", "concern") for i in ids)
        print(f"  {label} posts the weights alone call crisis: {raised}, of which a context cue lowers {lowered}")
    spam = [p["id"] for p in spam_posts if p["label"] == "spam"]
    ham = [p["id"] for p in spam_posts if p["label"] == "ham"]
    print(f"spam lane, {training.FOLDS}-fold cross-validation over {len(spam_posts)} development posts:")
    print("  spam marked spam or suspect", share(sum(labels[i] != "ham" for i in spam), len(spam)))
    print("  spam marked spam           ", share(sum(labels[i] == "spam" for i in spam), len(spam)))
    print("  ham marked spam            ", share(sum(labels[i] == "spam" for i in ham), len(ham)))
    print("  ham marked suspect         ", share(sum(labels[i] == "suspect" for i in ham), len(ham)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
