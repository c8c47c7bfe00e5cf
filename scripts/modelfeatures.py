"""The features Porch's learned models read: words, word pairs and character n-grams of words.

This is the one definition the training scripts use; Sources/PorchScreening/ModelFeatures.swift computes the
same features in Swift, and Tests/PorchScreeningTests/Fixtures/model-features.jsonl (written by
scripts/train-crisis-model.py) proves that they agree, text by text.

A text becomes tokens, scalar by scalar:
- format characters (Unicode category Cf: zero-width spaces and joiners, soft hyphens) are skipped;
- apostrophes (U+0027, U+2019) are skipped, so "can't" and "cant" are one word;
- letters (categories L*), combining marks (Mn), decimal digits (Nd) and "*" extend the current word,
  lower-cased with the full Unicode lower-case mapping;
- an other symbol (So: emoji and the like) is a word of its own;
- anything else ends the current word.

Features of a text, each counted once:
- "w:" + word, and "w:" + word + " " + next word (pairs do not cross a symbol word: they are just tokens);
- "c:" + every 3-, 4- and 5-scalar slice of " " + word + " ", for every word.

Values: each word feature is 1/sqrt(number of distinct word features in the text), each character feature
1/sqrt(number of distinct character features): two blocks, each of length one.
"""

import math
import unicodedata

APOSTROPHES = {"'", "\u2019"}
CHAR_SIZES = (3, 4, 5)


def tokens(text: str) -> list[str]:
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cf" or ch in APOSTROPHES:
            continue
        if category[0] == "L" or category in ("Mn", "Nd") or ch == "*":
            current.append(ch.lower())
            continue
        if current:
            words.append("".join(current))
            current = []
        if category == "So":
            words.append(ch)
    if current:
        words.append("".join(current))
    return words


def features(text: str) -> dict[str, float]:
    words = tokens(text)
    word_features: set[str] = set()
    char_features: set[str] = set()
    for index, word in enumerate(words):
        word_features.add("w:" + word)
        if index + 1 < len(words):
            word_features.add("w:" + word + " " + words[index + 1])
        padded = " " + word + " "
        for size in CHAR_SIZES:
            for start in range(0, len(padded) - size + 1):
                char_features.add("c:" + padded[start : start + size])
    values: dict[str, float] = {}
    if word_features:
        value = 1 / math.sqrt(len(word_features))
        for feature in word_features:
            values[feature] = value
    if char_features:
        value = 1 / math.sqrt(len(char_features))
        for feature in char_features:
            values[feature] = value
    return values


def prepare(text: str) -> str:
    """What Porch's normalizer does before the models read a post, as far as it matters here (NFKC)."""
    return unicodedata.normalize("NFKC", text)
