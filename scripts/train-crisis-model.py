#!/usr/bin/env python3
"""Trains the crisis lane's learned keyword weights and writes Rules/model/crisis.tsv.

Two logistic regressions over the features of scripts/modelfeatures.py:
- "crisis": crisis posts against the rest;
- "concern": crisis and concern posts against none (is there anything to look at?).
Trained on the development part of ../shared/corpus/dev-crisis.jsonl (the posts scripts/split-corpus.py does
not hold out) plus the extra posts in Rules/model/training/crisis-extra.jsonl. The regularisation and the two
thresholds are chosen by 5-fold cross-validation on that training data only.

Also writes Tests/PorchScreeningTests/Fixtures/model-features.jsonl: texts with their features and
probabilities, which the Swift tests compare with what Porch computes.

The context cues found anywhere in a post lower the weights' crisis to concern, each kind of LOWERED_BY. With
--porch BIN the script prints, for every kind, how many none and crisis posts the weights call crisis (in
cross-validation) with a cue of that kind in them (the cues from `BIN scan`), the measure for that list.

Usage: scripts/train-crisis-model.py [--keep-stopwords] [--concern-recall R] [--porch BIN] [CORPUS.jsonl]
       (default ../shared/corpus/dev-crisis.jsonl; every Rules/model/training/crisis-*.jsonl is read as extra posts)
Function words get no weight unless --keep-stopwords (see modeltraining.STOPWORDS).
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

import modelfeatures
import modeltraining as training

# The most none posts the model may call crisis in cross-validation (the target is 3% with the rules). 2.5% since
# session 22: a crisis post read as concern waits behind the crisis queue, which the product ranks above a false
# alarm a moderator clears; at 1.5% the retrained weights read 70% of crisis posts as crisis in cross-validation,
# at 2.5% 79%.
CRISIS_FALSE_ALARMS = 0.025
# The share of crisis and concern posts the model must see (concern or crisis) in cross-validation.
CONCERN_RECALL = 0.90
# The kinds of context cue that, found anywhere in a post, lower the weights' crisis to concern. Not
# "other_person": crisis posts name other people (the partner with the knife, the baby who will not wake), and a
# "she said" anywhere says little about the danger the weights read. Measured with --porch on 2026-12-03: in
# cross-validation the weights call 28 training crisis posts and no none post crisis with a someone-else cue in
# them; on the development sets of Tests/Evaluation/dev2 and dev-crisis.jsonl the cue lowered 8 crisis and 2
# none posts the weights called crisis, while negation lowered 5 crisis and 22 none posts.
LOWERED_BY = ["negation", "past", "hypothetical", "media", "idiom"]
# The crisis probability at or above which no context cue lowers the weights' crisis. Chosen on 2026-12-04 on the
# two development sets the weights were not trained on then (Tests/Evaluation/crisis-dev10 and crisis-dev11 of
# session 23, training posts since session 26; cue kinds from `porch scan`): a cue lowered 13 crisis posts and
# 1 none post the weights called crisis; 9 of those crisis posts and no none post read 0.98 or more (the none post
# read 0.975). A cue anywhere in a post is far from the danger the weights read; a missed crisis waits behind
# routine posts.
CUES_LOWER_BELOW = 0.98

FIXTURE_TEXTS = [
    "I can't do this anymore",
    "i cant do this anymore",
    "going to take all my pills tonight 💊💊 goodbye",
    "Ｆｕｌｌｗｉｄｔｈ letters and ΣΊΣΥΦΟΣ and İstanbul",
    "zero\u200bwidth jo\u200dined and soft\u00adhyphen",
    "k!ll mys3lf, ch*ked, s-u-i-c-i-d-e",
    "Ya no puedo más. Quiero morir 😔",
    "don’t worry — it's 3am and the baby's temp is 38.5",
    "",
    "   ",
    "a",
    "ok 👍🏽 see you",
    "café naïve coöperate",
    "this is killing me lol 💀💀",
]


def main() -> int:
    global CONCERN_RECALL, CRISIS_FALSE_ALARMS
    parser = argparse.ArgumentParser(description="Train Rules/model/crisis.tsv.")
    parser.add_argument("corpus", nargs="?", type=Path,
                        default=training.REPO.parent / "shared" / "corpus" / "dev-crisis.jsonl")
    parser.add_argument("--keep-stopwords", action="store_true", help="let function words carry weight")
    parser.add_argument("--concern-recall", type=float, default=CONCERN_RECALL,
                        help="share of crisis and concern posts the model alone must see (default %(default)s)")
    parser.add_argument("--crisis-false-alarms", type=float, default=CRISIS_FALSE_ALARMS,
                        help="share of none posts the model alone may call crisis (default %(default)s)")
    parser.add_argument("--porch", type=Path, help="porch binary: measure each kind of context cue on the posts")
    args = parser.parse_args()
    CONCERN_RECALL = args.concern_recall
    CRISIS_FALSE_ALARMS = args.crisis_false_alarms
    training.DROP_STOPWORDS = not args.keep_stopwords
    corpus = args.corpus
    extra_files = sorted((training.REPO / "Rules" / "model" / "training").glob("crisis-*.jsonl"))
    development = training.development_posts(corpus)
    extra = [post for path in extra_files for post in training.extra_posts(path)]
    posts = development + extra
    texts = [post["text"] for post in posts]
    crisis = [1 if post["label"] == "crisis" else 0 for post in posts]
    risk = [1 if post["label"] in ("crisis", "concern") else 0 for post in posts]
    labels = [post["label"] for post in posts]
    print(f"training on {len(development)} development posts of {corpus.name} and {len(extra)} extra posts")

    print("crisis against the rest:")
    c_crisis, cv_crisis = training.best_c(texts, crisis)
    print("crisis and concern against none:")
    c_risk, cv_risk = training.best_c(texts, risk)

    none = np.array([label == "none" for label in labels])
    flagged = np.array([label != "none" for label in labels])
    candidates = sorted(set(np.round(cv_crisis, 4)) | {0.5})
    crisis_threshold = next(
        (t for t in candidates if np.mean(cv_crisis[none] >= t) <= CRISIS_FALSE_ALARMS), max(candidates))
    risk_candidates = sorted(set(np.round(cv_risk, 4)), reverse=True)
    concern_threshold = next(
        (t for t in risk_candidates if np.mean((cv_risk[flagged] >= t) | (cv_crisis[flagged] >= crisis_threshold))
         >= CONCERN_RECALL), min(risk_candidates))
    report(labels, cv_crisis, cv_risk, crisis_threshold, concern_threshold)
    if args.porch:
        measure_cues(args.porch, texts, labels, cv_crisis, crisis_threshold)

    features_crisis, model_crisis = training.fit(texts, crisis, c_crisis)
    features_risk, model_risk = training.fit(texts, risk, c_risk)
    table_crisis = dict(training.weights(features_crisis, model_crisis))
    table_risk = dict(training.weights(features_risk, model_risk))
    names = sorted(set(table_crisis) | set(table_risk))
    rows = [
        (training.escape(name), f"{table_crisis.get(name, 0.0):.5f}", f"{table_risk.get(name, 0.0):.5f}")
        for name in names
    ]
    bias_crisis, bias_risk = float(model_crisis.intercept_[0]), float(model_risk.intercept_[0])
    header = [
        "Porch crisis lane: learned keyword weights (logistic regression). Rebuilt by scripts/train-crisis-model.py;",
        "do not edit by hand. See Rules/README.md, \"Learned weights\".",
        f"trained on: {len(development)} development posts of {corpus.name} (held-out quarter excluded by",
        f"scripts/split-corpus.py) and {len(extra)} posts of Rules/model/training/crisis-*.jsonl;"
        f" {datetime.date.today().isoformat()}",
        "function words: " + ("weighted" if not training.DROP_STOPWORDS else "no weight (scripts/modeltraining.py STOPWORDS)")
        + f"; crisis threshold for at most {CRISIS_FALSE_ALARMS:.1%} of none posts called crisis,"
        f" concern threshold for {CONCERN_RECALL:.0%} of crisis and concern posts seen, by the weights alone",
        "features: words, word pairs, character 3-5-grams of words (scripts/modelfeatures.py,"
        " Sources/PorchScreening/ModelFeatures.swift)",
        f"regularisation C: crisis {c_crisis:g}, concern {c_risk:g}; thresholds chosen by {training.FOLDS}-fold"
        " cross-validation on the training posts",
    ]
    settings = [
        ("model", "crisis"),
        ("bias.crisis", f"{bias_crisis:.5f}"),
        ("bias.concern", f"{bias_risk:.5f}"),
        ("threshold.crisis", f"{crisis_threshold:.4f}"),
        ("threshold.concern", f"{concern_threshold:.4f}"),
        ("lowered_by", " ".join(LOWERED_BY)),
        ("cues_lower_below", f"{CUES_LOWER_BELOW:.2f}"),
    ]
    path = training.REPO / "Rules" / "model" / "crisis.tsv"
    training.write_weights(path, header, settings, ["feature", "crisis", "concern"], rows)

    write_fixture(table_crisis, bias_crisis, table_risk, bias_risk)
    return 0


def measure_cues(porch: Path, texts, labels, cv_crisis, crisis_threshold) -> None:
    """For each kind of context cue, the none and crisis posts the weights call crisis (cross-validated) with a
    cue of that kind in them, as `porch scan` with this repository's rules finds the cues."""
    lines = "".join(json.dumps({"id": str(i), "text": text}) + "\n" for i, text in enumerate(texts))
    environment = dict(os.environ, PORCH_RULES=str(training.REPO / "Rules"))
    out = subprocess.run([str(porch), "scan", "--format", "jsonl"], input=lines, capture_output=True, text=True,
                         env=environment, check=False).stdout
    kinds = [set() for _ in texts]
    for line in out.splitlines():
        verdict = json.loads(line)
        kinds[int(verdict["id"])] = set(((verdict.get("crisis") or {}).get("model") or {}).get("context") or [])
    labels = np.array(labels)
    called = cv_crisis >= crisis_threshold
    print("context cues anywhere in a post the weights call crisis (cross-validated):")
    for kind in ["negation", "past", "other_person", "hypothetical", "media", "idiom"]:
        has = np.array([kind in found for found in kinds])
        print(f"  {kind}: {np.sum(called & has & (labels == 'none'))} none posts,"
              f" {np.sum(called & has & (labels == 'crisis'))} crisis posts"
              + ("" if kind in LOWERED_BY else " (does not lower the weights)"))


def report(labels, cv_crisis, cv_risk, crisis_threshold, concern_threshold) -> None:
    labels = np.array(labels)
    level = np.where(cv_crisis >= crisis_threshold, 2, np.where(cv_risk >= concern_threshold, 1, 0))
    print(f"thresholds: crisis {crisis_threshold:.4f}, concern {concern_threshold:.4f}")
    print("cross-validated, model alone (no rules, no context cues):")
    print(f"  crisis posts flagged {np.mean(level[labels == 'crisis'] >= 1):.1%},"
          f" as crisis {np.mean(level[labels == 'crisis'] == 2):.1%}")
    print(f"  concern posts seen {np.mean(level[labels == 'concern'] >= 1):.1%}")
    print(f"  none posts flagged crisis {np.mean(level[labels == 'none'] == 2):.1%},"
          f" concern {np.mean(level[labels == 'none'] == 1):.1%}")


def write_fixture(table_crisis, bias_crisis, table_risk, bias_risk) -> None:
    path = training.REPO / "Tests" / "PorchScreeningTests" / "Fixtures" / "model-features.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for text in FIXTURE_TEXTS:
        features = modelfeatures.features(text)
        lines.append(json.dumps({
            "text": text,
            "tokens": modelfeatures.tokens(text),
            "features": [[name, round(value, 9)] for name, value in sorted(features.items())],
            "crisis": round(training.probability(table_crisis, bias_crisis, text), 6),
            "concern": round(training.probability(table_risk, bias_risk, text), 6),
        }, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
