#!/usr/bin/env python3
"""Rebuilds Rules/lists/known-words.txt from every lower-case word of Debian's wamerican and wbritish word
lists, with its possessive dropped and its apostrophes left out as well as kept ("don't" gives "dont"),
plus Rules/lists/dictionary-extra.txt (slang, spellings and words of members' other languages, chosen by hand).

    apt-get install wamerican wbritish        # /usr/share/dict/american-english, british-english
    python3 scripts/extract-dictionary.py [/tmp/lists]   # the folder holding gender-guesser's wheel, as for
                                                         # extract-names.py: ranks its names for lower-case-names

The list says which capitalised words are ordinary (a sentence's first word, a word in a title): the rule
pii.name.unlisted takes a capitalised word that is in none of the word lists as a name. Capitalised entries of
the word lists (names, places) are left out on purpose. SCOWL's licence (free use).
"""
import re
import sys

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


# lower-case-names.txt: the names the rule pii.name.lower-case-listed takes in lower case anywhere: every given
# name (given-names.txt), the given names of many countries in person-names.txt, and the most frequent surnames (surnames.txt, most frequent first) that are no ordinary
# word (the dictionary words above, ordinary-words, not-names, public-names, common-words, chain-stores), up to 10,000 so
# that the rule runs only on posts that hold one; then the short forms of short-names.txt.
NAMES_OUT = "Rules/lists/lower-case-names.txt"
LIMIT = 10000


def read(name):
    with open("Rules/lists/" + name, encoding="utf-8") as f:
        return [l.strip().lower() for l in f if l.strip() and not l.startswith("#")]


ordinary = set(words)
for name in ["ordinary-words.txt", "not-names.txt", "public-names.txt", "common-words.txt", "chain-stores.txt"]:
    ordinary.update(read(name))
picked, seen = [], set()
surnames = set(read("surnames.txt"))
international = [w for w in read("person-names.txt") if w not in surnames]  # gender-guesser's given names


def name_frequencies(folder):
    """gender-guesser's highest frequency (0-13) for each name over the countries extract-names.py wants."""
    import glob
    import importlib.util
    import zipfile

    spec = importlib.util.spec_from_file_location("extract_names", "scripts/extract-names.py")
    names_script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(names_script)
    wanted = [names_script.COUNTRIES.index(country) for country in names_script.WANTED]
    found = glob.glob(folder + "/gender_guesser-*.whl")
    if not found:
        return {}
    with zipfile.ZipFile(found[0]) as wheel:
        text = wheel.read("gender_guesser/data/nam_dict.txt").decode("utf-8")
    frequency = {}
    for line in text.splitlines():
        if not line or line[0] in "#=" or (len(line) > 29 and line[29] == "+"):
            continue
        name, values = line.split()[1].lower(), line[30:]
        f = max((int(values[i], 16) for i in wanted if i < len(values) and values[i].strip()), default=0)
        frequency[name] = max(f, frequency.get(name, 0))
    return frequency


if len(sys.argv) > 1:
    ranks = name_frequencies(sys.argv[1])
    international.sort(key=lambda w: -ranks.get(w, 0))  # most common first; a stable sort keeps ties in order
for name in ["given-names.txt", international, "surnames.txt"]:
    for w in (read(name) if isinstance(name, str) else name):
        if len(picked) >= LIMIT:
            break
        if len(w) >= 3 and w not in ordinary and w not in seen and LETTERS.match(w):
            picked.append(w)
            seen.add(w)
# The short forms of short-names.txt (kev, becs, jono) come on top of the 10,000: a member writes them for the
# people closest to her, and the frequency lists rank them low.
# So do the given names that became common after 1990 (recent-names.txt: mateo, maddox, raelynn). A recent name
# that common-words also holds (luna, aurora: a word too, so a capitalised one needs a cue) is still taken in lower
# case: recent-names is chosen by hand, and in a lower-case post the name is the likelier reading.
common, recent = set(read("common-words.txt")), set(read("recent-names.txt"))
for w in read("short-names.txt") + read("recent-names.txt"):
    if (w not in ordinary or (w in recent and w in common)) and w not in seen and LETTERS.match(w):
        picked.append(w)
        seen.add(w)
with open(NAMES_OUT, "w", encoding="utf-8") as f:
    f.write("# Names taken in lower case anywhere (pii.name.lower-case-listed): given-names and the most frequent\n")
    f.write("# surnames that are no ordinary word, at most 10,000, then short forms (short-names). Rebuilt by scripts/extract-dictionary.py.\n")
    for w in picked:
        f.write(w + "\n")
print(len(picked), "names ->", NAMES_OUT, file=sys.stderr)

# known-words.txt: every word a capitalised unlisted name may not be (pii.name.unlisted): the dictionary words
# above, the single-word public names, not-names, chain stores and ordinary-words, in one list so a rule looks a word up once.
KNOWN_OUT = "Rules/lists/known-words.txt"
known = set(words)
for name in ["public-names.txt", "not-names.txt", "chain-stores.txt", "ordinary-words.txt"]:
    known.update(w for w in read(name) if LETTERS.match(w))
with open(KNOWN_OUT, "w", encoding="utf-8") as f:
    f.write("# Words that are no unlisted name: the lower-case words of Debian's wamerican and wbritish lists (SCOWL's\n")
    f.write("# licence) with dictionary-extra.txt, and the single words of public-names, not-names and\n")
    f.write("# chain-stores. Rebuilt by scripts/extract-dictionary.py; edit those lists, not this one.\n")
    for w in sorted(known):
        f.write(w + "\n")
print(len(known), "words ->", KNOWN_OUT, file=sys.stderr)

# cue-names.txt: the names a lower-case name rule takes after a cue (my husband mark, love, sue): every given name,
# even one that is also a word, and every name of lower-case-names.txt.
CUE_OUT = "Rules/lists/cue-names.txt"
cue = set(read("given-names.txt")) | set(picked)
with open(CUE_OUT, "w", encoding="utf-8") as f:
    f.write("# Names a lower-case name rule takes after a relation, a greeting or a sign-off: given-names and\n")
    f.write("# lower-case-names. Rebuilt by scripts/extract-dictionary.py.\n")
    for w in sorted(cue):
        f.write(w + "\n")
print(len(cue), "names ->", CUE_OUT, file=sys.stderr)
