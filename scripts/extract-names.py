#!/usr/bin/env python3
"""Rebuilds the name lists and the ordinary-word list under Rules/lists/ from public sources.

    mkdir -p /tmp/lists && cd /tmp/lists
    pip download --no-deps names==0.3.0 gender-guesser==0.4.0 wordfreq==3.1.1 faker==40.63.0 -d .
    pip install msgpack                        # reads wordfreq's word frequencies
    apt-get install wamerican wbritish         # /usr/share/dict/american-english, british-english
    cd - && python3 scripts/extract-names.py /tmp/lists

Writes (see Rules/README.md for sources and licences):
  given-names.txt        the 1990 US Census given names, then the hand-added blocks (kept as they are)
  surnames.txt           the 20,000 most frequent 1990 US Census surnames
  english-words.txt      ordinary English words: lower-case entries of wamerican or wbritish that wordfreq
                         counts at zipf 3.5 or more (about three times in a million words)
  person-names.txt       every given name above, every given name of gender-guesser's dictionary that is at
                         least uncommon (2 of 13) in one of the countries members of an English-speaking group
                         come from, every given name in Latin letters of Faker's person providers (the names of
                         about 80 locales: Narelle, Taine, Tadhg, Adaeze, Raelynn), and every surname above, that is no ordinary English word (zipf 3: once in
                         a million words), no public name (public-names.txt) and no chain store: a name
                         wherever it stands with a capital
  name-words.txt         given names that are also ordinary words but not ambiguous (common-words.txt): a name
                         with a capital in the middle of a sentence
"""
import glob
import gzip
import os
import re
import sys
import tarfile
import zipfile

LISTS = "Rules/lists"
SURNAMES = 20000  # the most frequent surnames: about 78% of the 1990 population
HAND_BLOCK = "# Added by hand"
# gender-guesser's country columns, in the file's order.
COUNTRIES = """great_britain ireland usa italy malta portugal spain france belgium luxembourg the_netherlands
east_frisia germany austria swiss iceland denmark norway sweden finland estonia latvia lithuania poland
czech_republic slovakia hungary romania bulgaria bosniaand croatia kosovo macedonia montenegro serbia slovenia
albania greece russia belarus moldova ukraine armenia azerbaijan georgia the_stans turkey arabia israel china
india japan korea vietnam other_countries""".split()
# Where members of a US, UK, Irish, Canadian or Australian group, or their parents, often come from.
WANTED = """great_britain ireland usa italy portugal spain france the_netherlands germany poland czech_republic
romania greece russia ukraine turkey arabia israel china india japan korea vietnam other_countries""".split()
MIN_FREQUENCY = 2  # gender-guesser's scale: 1 rare ... 13 extremely common
ZIPF = 3.0  # wordfreq: at least once per million words: too ordinary to be a name on its own
SURNAME_WORDS = 2000  # name-words takes the surnames among the most frequent this many that are ordinary words
# Surnames that are also words people capitalise inside a sentence for other reasons (colours and peoples, places,
# seasons, the monarchy, brands, titles of films and groups): they need a cue. Chosen by the Porch team.
SURNAME_WORDS_KEPT = set("""white black green gray grey brown west north south east may day king queen prince
lord bishop little long young rose stone ford jordan washington chase summer winter spring march august april
june hope faith grace joy love best good new old early light dawn star sun moon bay park lake hill church
street rivers river field fields wood woods mills hall house home christian christmas easter god bible
bush ray cross gay frank sharp strong wise noble rich free nurse major person case call friend read post hand
head self weeks means story numbers deal land law short small quick smart sweet wall hurt link block rush pool rock
glass gold silver snow frost flowers fish bird hun nan key keys sheets fair keen lay root savage champion cash
impress marry greet harm harsh thin lean sin see shook rushing quick peoples mock read""".split())
SHIPPED_ZIPF = 3.5  # english-words.txt: the ordinary words a rule checks, fewer to load on every start
LETTERS = re.compile(r"^[^\W\d_]+$")
FAKER_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ'’-]*$")  # Latin letters, as members type them
NAME_WORD_ZIPF = 4.5  # name-words leaves out words as common as this ("said", "many", "soon")
# Given names that are also dictionary words but are names when written with a capital, even at the start of a
# sentence: they go to person-names, not english-words. Chosen by the Porch team.
NAMES_FIRST = set("""john peter martin mike harry josh max matt tom tony victor roger rob rick nick ray lee sally sue
billy bobby drew warren mason cooper carter tanner porter walker sawyer piper savannah sierra maria marina phoebe
colleen derrick hector homer jasper dolly eddy teddy sonny lance dale brad chuck ken kit meg patty patsy randy
roman troy waldo newton freeman hank barney basil clement curt dirk emery ester felicity garland hardy jay lacy
laurel magnolia mickey myrtle paddy rhea rosemary serge tad viola warren ward amir emir raja sahib wren juniper""".split())


def census(archive_path, suffix):
    with tarfile.open(archive_path) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith(suffix))
        for line in archive.extractfile(member).read().decode("ascii").splitlines():
            if line.strip():
                yield line.split()[0].lower()


def world_given_names(wheel_path):
    wanted = [COUNTRIES.index(country) for country in WANTED]
    names = set()
    with zipfile.ZipFile(wheel_path) as wheel:
        text = wheel.read("gender_guesser/data/nam_dict.txt").decode("utf-8")
    for line in text.splitlines():
        if not line or line[0] in "#=" or (len(line) > 29 and line[29] == "+"):
            continue
        name = line.split()[1]
        values = line[30:]
        frequency = max((int(values[i], 16) for i in wanted if i < len(values) and values[i].strip()), default=0)
        if frequency >= MIN_FREQUENCY and "+" not in name and LETTERS.match(name):
            names.add(name.lower())
    return names


def faker_given_names(wheel_path):
    """The given names in Latin letters of every locale of Faker's person providers (MIT licence)."""
    import importlib
    sys.path.insert(0, wheel_path)  # a wheel is a zip archive Python imports from
    providers = "faker/providers/person/"
    with zipfile.ZipFile(wheel_path) as wheel:
        locales = sorted({name[len(providers):].split("/")[0] for name in wheel.namelist()
                          if name.startswith(providers) and name.count("/") == 4 and name.endswith("/__init__.py")})
    names = set()
    for locale in locales:
        provider = importlib.import_module("faker.providers.person." + locale).Provider
        for attribute in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            values = provider.__dict__.get(attribute)
            if values is None or isinstance(values, property):
                continue
            names |= {name.lower() for name in values if isinstance(name, str) and FAKER_NAME.match(name)}
    return names


def wordfreq_words(wheel_path):
    """Each word wordfreq counts at ZIPF or more, with its zipf frequency."""
    import msgpack  # only this script needs it

    with zipfile.ZipFile(wheel_path) as wheel:
        buckets = msgpack.unpackb(gzip.decompress(wheel.read("wordfreq/data/large_en.msgpack.gz")), raw=False)
    # cBpack: a header, then one list of words per centibel below frequency 1 (zipf = 9 - index/100).
    limit = int(round((9 - ZIPF) * 100))
    return {word: 9 - index / 100 for index, bucket in enumerate(buckets[1 : limit + 1]) for word in bucket}


def dictionary_words():
    words = set()
    for path in ("/usr/share/dict/american-english", "/usr/share/dict/british-english"):
        for line in open(path, encoding="utf-8"):
            word = line.strip()
            if word and word == word.lower() and LETTERS.match(word):
                words.add(word)
    return words


def read_list(name):
    words = set()
    path = os.path.join(LISTS, name)
    if not os.path.exists(path):
        return words
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line)
    return words


def hand_added(path):
    """The hand-written blocks at the end of a list (from the first '# Added by hand' line on), kept as they are."""
    try:
        text = open(path, encoding="utf-8").read()
    except FileNotFoundError:
        return ""
    at = text.find(HAND_BLOCK)
    return text[at:] if at >= 0 else ""


def write(name, header, words, keep_hand=True):
    path = os.path.join(LISTS, name)
    kept = hand_added(path) if keep_hand else ""
    with open(path, "w", encoding="utf-8") as out:
        out.write(header)
        for word in words:
            out.write(word + "\n")
        out.write(kept)


def find(folder, pattern):
    found = glob.glob(os.path.join(folder, pattern))
    if not found:
        sys.exit(f"extract-names: no {pattern} in {folder}; see the usage at the top of this script")
    return found[0]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    names_archive = find(folder, "names-*.tar.gz")
    given = sorted(set(census(names_archive, "dist.female.first")) | set(census(names_archive, "dist.male.first")))
    surnames = list(census(names_archive, "dist.all.last"))[:SURNAMES]
    source = "# Source: 1990 US Census name frequency files (public domain), via the PyPI package 'names' 0.3.0.\n"
    write("given-names.txt",
          "# Given names: every female and male first name in the 1990 US Census list, lower-cased.\n" + source, given)
    write("surnames.txt",
          f"# Surnames: the {SURNAMES} most frequent in the 1990 US Census list, most frequent first, lower-cased.\n"
          + source, surnames)

    world = world_given_names(find(folder, "gender_guesser-*.whl"))
    world_more = faker_given_names(find(folder, "faker-*.whl"))

    zipf = wordfreq_words(find(folder, "wordfreq-*.whl"))
    ordinary = (dictionary_words() & zipf.keys()) - NAMES_FIRST
    ordinary |= read_list("ordinary-words.txt")
    shipped = {word for word in ordinary if zipf.get(word, 0) >= SHIPPED_ZIPF} | read_list("ordinary-words.txt")
    write("english-words.txt",
          "# Ordinary English words: lower-case entries of Debian's wamerican and wbritish word lists (SCOWL)\n"
          f"# that wordfreq 3.1.1 (data: Apache-2.0 / CC BY-SA 4.0) counts at zipf {SHIPPED_ZIPF} or more, and\n"
          "# ordinary-words.txt, less given names that are names first (John, Peter). Rebuilt by\n"
          "# scripts/extract-names.py.\n", sorted(shipped), keep_hand=False)

    all_given = set(given) | read_list("given-names.txt") | world
    public = (read_list("public-names.txt") | read_list("not-names.txt") | read_list("chain-stores.txt")
              | read_list("relation.txt"))
    person = (all_given | world_more | set(surnames)) - ordinary - public
    person = {name for name in person if len(name) >= 3}
    write("person-names.txt",
          "# Names wherever they stand with a capital: given-names, surnames and the given names of gender-guesser\n"
          "# 0.4.0's nam_dict.txt ((c) 2007-2008 Jörg Michael, GNU Free Documentation License 1.2 or later; this\n"
          f"# list is under the same licence) at least {MIN_FREQUENCY} of 13 in one of: {', '.join(WANTED)}; the given\n"
          "# names in Latin letters of Faker 40.63.0's person providers (MIT licence, (c) Daniele Faraglia);\n"
          f"# less ordinary English words (zipf {ZIPF}), public names (public-names, not-names), relations, chain stores and\n"
          "# names of one or two letters. Rebuilt by scripts/extract-names.py.\n", sorted(person), keep_hand=False)

    ambiguous = read_list("common-words.txt")
    name_words = {name for name in (set(given) | read_list("given-names.txt") | world)
                  if name in ordinary and name not in ambiguous and name not in public and len(name) >= 3
                  and zipf.get(name, 0) < NAME_WORD_ZIPF}
    name_words |= {name for name in surnames[:SURNAME_WORDS]
                   if name in ordinary and name not in ambiguous and name not in public
                   and name not in SURNAME_WORDS_KEPT and len(name) >= 3}
    write("name-words.txt",
          "# Given names and frequent surnames that are also ordinary words but rarely written with a capital inside a\n"
          "# sentence unless they are names (Kitty, Poppy, Smith, Baker): given names and the most frequent\n"
          f"# {SURNAME_WORDS} Census surnames among ordinary words, less common-words (Will, May, Hope) and the\n"
          "# words the script keeps for a cue (White, West, King). Rebuilt by scripts/extract-names.py.\n", sorted(name_words), keep_hand=False)
    for name in ("english-words.txt", "person-names.txt", "name-words.txt"):
        print(name, sum(1 for line in open(os.path.join(LISTS, name)) if not line.startswith("#")))


if __name__ == "__main__":
    main()
