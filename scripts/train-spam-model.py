#!/usr/bin/env python3
"""Trains the spam lane's starter models and writes Rules/model/spam.tsv and Rules/model/spam-starter.tsv.

- spam.tsv: a logistic regression (spam against ham) over the features of scripts/modelfeatures.py, the same
  machinery as the crisis weights, with two thresholds chosen by 5-fold cross-validation on the training posts:
  `threshold.suspect` (at most SUSPECT_FALSE_ALARMS of ham above it) and `threshold.spam` (at most
  SPAM_FALSE_ALARMS of ham above it).
- spam-starter.tsv: the counts a new group's learning filter starts from (a word, the number of spam posts and
  of ham posts it occurs in), from the same posts; `porch spam`, `porch approve` and `porch learn` add to them.

Trained on the development part of ../shared/corpus/dev-spam.jsonl (scripts/split-corpus.py holds out the rest)
plus the team's further development posts (TRAINING_SETS: Tests/Evaluation/dev2/dev2-spam*.jsonl, dev19-spam-s14 and
the spam-dev3 to spam-dev11 sets; never a held-out file: the lane is measured on those), and the development part
of ../shared/corpus/dev-crisis.jsonl as ham (members' own posts; the thresholds are chosen on the spam corpora's ham
only).

Usage: scripts/train-spam-model.py [CORPUS.jsonl]   (default ../shared/corpus/dev-spam.jsonl)
"""

import datetime
import sys
from pathlib import Path

import numpy as np

import modelfeatures
import modeltraining as training

# The team's development sets the weights learn from, under Tests/Evaluation (every held-out set stays out: the lane
# is measured on them). A set's README keeps its figures from before it joined.
TRAINING_SETS = ["dev2/dev2-spam*.jsonl", "dev2/dev19-spam-s14.jsonl"] + [f"spam-dev{n}/spam.jsonl" for n in range(3, 12)]

SUSPECT_FALSE_ALARMS = 0.02
SPAM_FALSE_ALARMS = 0.0


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else training.REPO.parent / "shared" / "corpus" / "dev-spam.jsonl"
    development = training.development_posts(corpus)
    evaluation = training.REPO / "Tests" / "Evaluation"
    extra_files = [path for pattern in TRAINING_SETS for path in sorted(evaluation.glob(pattern))]
    extra = [post for path in extra_files for post in training.extra_posts(path)]
    # Members' own posts from the crisis corpus (its development part) are ham for this lane: short first-person
    # posts about distress, symptoms or a joke must not read as spam. They teach the weights only; the thresholds
    # are chosen on the spam corpora's ham, the posts written to look like spam.
    members = [dict(post, label="ham") for post in training.development_posts(corpus.parent / "dev-crisis.jsonl")]
    posts = development + extra + members
    texts = [post["text"] for post in posts]
    spam = [1 if post["label"] == "spam" else 0 for post in posts]
    lookalike = np.array([True] * (len(development) + len(extra)) + [False] * len(members))
    print(f"training on {len(development)} development posts of {corpus.name}, {len(extra)} of"
          f" Tests/Evaluation ({', '.join(str(path.relative_to(evaluation)) for path in extra_files) or 'none'}) and"
          f" {len(members)}"
          f" members' posts of dev-crisis.jsonl as ham")

    c, cv = training.best_c(texts, spam)
    ham = np.array([label == 0 for label in spam]) & lookalike
    candidates = sorted(set(np.round(cv, 4)) | {0.5})
    suspect = next((t for t in candidates if np.mean(cv[ham] >= t) <= SUSPECT_FALSE_ALARMS), max(candidates))
    spam_threshold = next((t for t in candidates if np.mean(cv[ham] >= t) <= SPAM_FALSE_ALARMS), max(candidates))
    spam_threshold = max(spam_threshold, suspect)
    is_spam = np.array([label == 1 for label in spam])
    print(f"thresholds: suspect {suspect:.4f}, spam {spam_threshold:.4f}")
    print("cross-validated, model alone (no rules):")
    print(f"  spam marked spam or suspect {np.mean(cv[is_spam] >= suspect):.1%},"
          f" spam {np.mean(cv[is_spam] >= spam_threshold):.1%}")
    print(f"  ham marked spam {np.mean(cv[ham] >= spam_threshold):.1%},"
          f" suspect {np.mean((cv[ham] >= suspect) & (cv[ham] < spam_threshold)):.1%}")

    features, model = training.fit(texts, spam, c)
    rows = [(training.escape(name), f"{weight:.5f}") for name, weight in training.weights(features, model)]
    today = datetime.date.today().isoformat()
    header = [
        "Porch spam lane: learned keyword weights (logistic regression), the starter of a group's spam filter.",
        "Rebuilt by scripts/train-spam-model.py; do not edit by hand. See Rules/README.md, \"Learned weights\".",
        f"trained on: {len(development)} development posts of {corpus.name} (held-out quarter excluded by"
        f" scripts/split-corpus.py), {len(extra)} of the team's sets in Tests/Evaluation and {len(members)} of"
        f" dev-crisis.jsonl"
        f" as ham; {today}",
        "features: words, word pairs, character 3-5-grams of words (scripts/modelfeatures.py,"
        " Sources/PorchScreening/ModelFeatures.swift)",
        f"regularisation C: {c:g}; thresholds chosen by {training.FOLDS}-fold cross-validation on the training posts",
    ]
    settings = [
        ("model", "spam"),
        ("bias.spam", f"{float(model.intercept_[0]):.5f}"),
        ("threshold.suspect", f"{suspect:.4f}"),
        ("threshold.spam", f"{spam_threshold:.4f}"),
    ]
    training.write_weights(training.REPO / "Rules" / "model" / "spam.tsv", header, settings, ["feature", "spam"], rows)

    counts: dict[str, list[int]] = {}
    for text, label in zip(texts, spam):
        for word in set(modelfeatures.tokens(modelfeatures.prepare(text))):
            counts.setdefault(word, [0, 0])[0 if label else 1] += 1
    starter = [(training.escape(word), str(s), str(h)) for word, (s, h) in sorted(counts.items())]
    training.write_weights(
        training.REPO / "Rules" / "model" / "spam-starter.tsv",
        [
            "Porch spam lane: the word counts a new group's learning spam filter starts from (how many spam and how",
            "many ham posts each word occurs in). Rebuilt by scripts/train-spam-model.py; do not edit by hand.",
            f"trained on: {len(development)} development posts of {corpus.name}, {len(extra)} of"
            f" the team's sets in Tests/Evaluation and {len(members)} of dev-crisis.jsonl as ham; {today}",
            "words: the words of scripts/modelfeatures.py (Sources/PorchScreening/ModelFeatures.swift)",
        ],
        [("model", "spam-starter"), ("posts.spam", str(sum(spam))), ("posts.ham", str(len(spam) - sum(spam)))],
        ["word", "spam", "ham"],
        starter,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
