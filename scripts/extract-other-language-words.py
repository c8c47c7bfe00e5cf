#!/usr/bin/env python3
"""Rebuilds Rules/lists/other-language-words.txt: the most frequent words of the other languages members write
in (French, Spanish, Portuguese, Italian, German, Dutch, Polish, Filipino), so a lower-case post in one of them
("il y a trois ans", "no puedo más") is not read as a row of lower-case names.

    pip install wordfreq==3.1.1
    python3 scripts/extract-other-language-words.py

The 500 most frequent words of each language by wordfreq's counts, letters only, three letters or more, less the
words the English lists already hold (known-words.txt) and every given name of given-names.txt ("ben", "ella",
"juan" stay names). Only pii.name.lower-case-listed reads it (not known-words.txt, which also decides capitalised
names: "Nakita" is a name first). wordfreq's data: Apache-2.0 and CC BY-SA 4.0 (word counts only, no text).
"""
import re

import wordfreq

LANGUAGES = ["fr", "es", "pt", "it", "de", "nl", "pl", "fil"]
TOP = 500
OUT = "Rules/lists/other-language-words.txt"
LETTERS = re.compile(r"^[^\W\d_]+$")


def read(name):
    with open("Rules/lists/" + name, encoding="utf-8") as f:
        return {l.strip().lower() for l in f if l.strip() and not l.startswith("#")}


known = read("known-words.txt")
given = read("given-names.txt")
words = set()
for language in LANGUAGES:
    words.update(w for w in wordfreq.top_n_list(language, TOP) if LETTERS.match(w) and len(w) >= 3)
words -= known | given
with open(OUT, "w", encoding="utf-8") as f:
    f.write("# The most frequent words of members' other languages (fr, es, pt, it, de, nl, pl, fil): wordfreq 3.1.1's\n")
    f.write("# top 500 of each, less English words and given names: never a lower-case name (pii.name.lower-case-listed).\n")
    f.write("# Rebuilt by scripts/extract-other-language-words.py. wordfreq data: Apache-2.0, CC BY-SA 4.0.\n")
    for w in sorted(words):
        f.write(w + "\n")
print(len(words), "words ->", OUT)
