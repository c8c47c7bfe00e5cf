#!/usr/bin/env python3
"""Rebuilds Rules/lists/dictionary-words.txt: every lower-case word of Debian's wamerican and wbritish word
lists, with its possessive dropped and its apostrophes left out as well as kept ("don't" gives "dont"),
plus Rules/lists/dictionary-extra.txt (slang, spellings and words of members' other languages, chosen by hand).

    apt-get install wamerican wbritish        # /usr/share/dict/american-english, british-english
    python3 scripts/extract-dictionary.py

The list says which capitalised words are ordinary (a sentence's first word, a word in a title): the rule
pii.name.unlisted takes a capitalised word that is in none of the word lists as a name. Capitalised entries of
the word lists (names, places) are left out on purpose. SCOWL's licence (free use).
"""
import re
import sys

OUT = "Rules/lists/dictionary-words.txt"
EXTRA = "Rules/lists/dictionary-extra.txt"
SOURCES = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"]
LETTERS = re.compile(r"^[^\W\d_]+$")

words = set()
for path in SOURCES:
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if not w or not w[0].islower():
                continue
            w = re.sub(r"'s$", "", w)
            for form in {w.replace("'", ""), w}:
                if LETTERS.match(form):
                    words.add(form)
try:
    with open(EXTRA, encoding="utf-8") as f:
        for line in f:
            w = line.split("#", 1)[0].strip().lower()
            if w:
                words.add(w)
except FileNotFoundError:
    pass
with open(OUT, "w", encoding="utf-8") as f:
    f.write("# Ordinary words: the lower-case entries of Debian's wamerican and wbritish word lists (SCOWL's licence),\n")
    f.write("# possessives dropped, apostrophes left out too, plus dictionary-extra.txt. Rebuilt by\n")
    f.write("# scripts/extract-dictionary.py; edit dictionary-extra.txt, not this file.\n")
    for w in sorted(words):
        f.write(w + "\n")
print(len(words), "words ->", OUT, file=sys.stderr)
