"""Shared steps of the training scripts: reading the development split, fitting a logistic regression on
the features of modelfeatures.py, choosing thresholds by cross-validation, writing a weights file.

Needs numpy, scipy and scikit-learn (training only; Porch reads the weights file in Swift).
"""

import importlib.util
import json
import math
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

import modelfeatures

SCRIPTS = Path(__file__).resolve().parent
REPO = SCRIPTS.parent
SEED = 16
FOLDS = 5
CHOICES_OF_C = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0)
MIN_POSTS = 2  # a feature must occur in at least this many training posts

# Function words carry no risk of their own, but in a few hundred posts they line up with the labels by chance
# (long crisis posts have more "and" in them) and then decide a post's level. When a training script asks for it
# (train-crisis-model.py does), the words below, pairs of them and their whole-word letter pieces get no weight.
# They still count in a post's feature total (1/sqrt of the number of pieces), as Porch counts them, so the
# weights file stays exact; they just never point anywhere.
STOPWORDS = frozenset("""
a an the and or but so if then than that this these those there here of to in on at by for from with about
into onto over under up down out off as is am are was were be been being do does did doing done have has had
having i im ive id ill me my mine myself you your youre yours he hes him his she shes her hers it its itself we
were us our they theyre them their what which who whom whose when where why how all any both each few more most
other some such no nor not only own same too very can will just would could should shall may might must
just really bit a-bit lol also even still get got gets getting go going gone went like one two
s t d ll m re ve y
""".split())
DROP_STOPWORDS = False


def is_stopword_feature(name: str) -> bool:
    if name.startswith("w:"):
        return all(word in STOPWORDS for word in name[2:].split(" "))
    if name.startswith("c:"):
        piece = name[2:]
        return piece.startswith(" ") and piece.endswith(" ") and piece.strip() in STOPWORDS
    return False


def held_out(post_id: str) -> bool:
    spec = importlib.util.spec_from_file_location("split_corpus", SCRIPTS / "split-corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.held_out(post_id)


def development_posts(corpus: Path) -> list[dict]:
    """The corpus without its held-out quarter (scripts/split-corpus.py decides which posts those are)."""
    posts = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if line.strip():
            post = json.loads(line)
            if not held_out(str(post["id"])):
                posts.append(post)
    return posts


def extra_posts(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class Features:
    """The vocabulary (features seen in at least MIN_POSTS texts) and the sparse matrix of a list of texts."""

    def __init__(self, texts: list[str]):
        counts: dict[str, int] = {}
        for text in texts:
            for feature in modelfeatures.features(modelfeatures.prepare(text)):
                counts[feature] = counts.get(feature, 0) + 1
        self.names = sorted(
            name for name, count in counts.items()
            if count >= MIN_POSTS and not (DROP_STOPWORDS and is_stopword_feature(name)))
        self.index = {name: position for position, name in enumerate(self.names)}

    def matrix(self, texts: list[str]) -> csr_matrix:
        rows, cols, values = [], [], []
        for row, text in enumerate(texts):
            for feature, value in modelfeatures.features(modelfeatures.prepare(text)).items():
                column = self.index.get(feature)
                if column is not None:
                    rows.append(row)
                    cols.append(column)
                    values.append(value)
        return csr_matrix((values, (rows, cols)), shape=(len(texts), len(self.names)))


def fit(texts: list[str], labels: list[int], c: float):
    features = Features(texts)
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    model.fit(features.matrix(texts), np.array(labels))
    return features, model


def cross_validated(texts: list[str], labels: list[int], c: float) -> np.ndarray:
    """Each post's probability from a model trained on the other folds (vocabulary included)."""
    probabilities = np.zeros(len(texts))
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for train, test in folds.split(texts, labels):
        features, model = fit([texts[i] for i in train], [labels[i] for i in train], c)
        probabilities[test] = model.predict_proba(features.matrix([texts[i] for i in test]))[:, 1]
    return probabilities


def log_loss(probabilities: np.ndarray, labels: list[int]) -> float:
    total = 0.0
    for p, y in zip(probabilities, labels):
        p = min(max(p, 1e-6), 1 - 1e-6)
        total -= math.log(p if y else 1 - p)
    return total / len(labels)


def best_c(texts: list[str], labels: list[int]) -> tuple[float, np.ndarray]:
    """The regularisation with the lowest cross-validated log loss, and its cross-validated probabilities."""
    best = None
    for c in CHOICES_OF_C:
        probabilities = cross_validated(texts, labels, c)
        loss = log_loss(probabilities, labels)
        print(f"  C={c:g}: cross-validated log loss {loss:.4f}")
        if best is None or loss < best[0]:
            best = (loss, c, probabilities)
    return best[1], best[2]


def weights(features: Features, model) -> list[tuple[str, float]]:
    coefficients = model.coef_[0]
    return [(name, float(coefficients[i])) for i, name in enumerate(features.names) if abs(coefficients[i]) >= 1e-4]


def probability(weight_table: dict[str, float], bias: float, text: str) -> float:
    """The probability as Porch computes it from the weights file."""
    score = bias
    for feature, value in modelfeatures.features(text).items():
        score += weight_table.get(feature, 0.0) * value
    return 1 / (1 + math.exp(-score))


def write_weights(
    path: Path, header: list[str], settings: list[tuple[str, str]], columns: list[str], rows: list[tuple[str, ...]]
) -> None:
    """Comment lines, then `key = value` settings, then a tab-separated table with its column names first."""
    lines = ["# " + line if line else "#" for line in header]
    lines += [f"{key} = {value}" for key, value in settings]
    lines.append("\t".join(columns))
    lines += ["\t".join(row) for row in rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(rows)} features)")


def escape(feature: str) -> str:
    """Features never hold tabs or line ends (they split words), but say so rather than write a broken file."""
    assert "\t" not in feature and "\n" not in feature and "\r" not in feature, feature
    return feature
