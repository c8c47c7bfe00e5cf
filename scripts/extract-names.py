#!/usr/bin/env python3
"""Rebuilds Rules/lists/given-names.txt and surnames.txt from the 1990 US Census name frequency lists.

The lists ship in the PyPI package `names` (public-domain Census data). Run:
    pip download --no-deps names -d /tmp/names && python3 scripts/extract-names.py /tmp/names/names-*.tar.gz
"""
import sys
import tarfile

SURNAMES = 20000  # the most frequent surnames: about 78% of the 1990 population


def read(archive, suffix):
    member = next(m for m in archive.getmembers() if m.name.endswith(suffix))
    for line in archive.extractfile(member).read().decode("ascii").splitlines():
        if line.strip():
            yield line.split()[0].lower()


HAND_BLOCK = "# Added by hand"


def hand_added(path):
    """The hand-written blocks at the end of a list (from the first '# Added by hand' line on), kept as they are."""
    try:
        text = open(path, encoding="utf-8").read()
    except FileNotFoundError:
        return ""
    at = text.find(HAND_BLOCK)
    return text[at:] if at >= 0 else ""


def write(path, header, words):
    kept = hand_added(path)
    with open(path, "w", encoding="utf-8") as out:
        out.write(header)
        for word in words:
            out.write(word + "\n")
        out.write(kept)


def main():
    with tarfile.open(sys.argv[1]) as archive:
        given = sorted(set(read(archive, "dist.female.first")) | set(read(archive, "dist.male.first")))
        surnames = list(read(archive, "dist.all.last"))[:SURNAMES]
    source = "# Source: 1990 US Census name frequency files (public domain), via the PyPI package 'names' 0.3.0.\n"
    write("Rules/lists/given-names.txt",
          "# Given names: every female and male first name in the 1990 US Census list, lower-cased.\n" + source, given)
    write("Rules/lists/surnames.txt",
          f"# Surnames: the {SURNAMES} most frequent in the 1990 US Census list, most frequent first, lower-cased.\n"
          + source, surnames)


if __name__ == "__main__":
    main()
