#!/usr/bin/env python3
"""Checks Porch's feed files with parsers that are not Porch's own.

  check-feeds.py FEED.atom FEED.json

Atom: a strict XML parse (Python's expat, which refuses any well-formedness error), then the rules of RFC 4287
that a feed file can break, as written in the RFC (one id, title and updated per feed and per entry; an author for
every entry; RFC 3339 dates; text constructs of type text, html or xhtml; link elements with an href; content or
an alternate link in every entry; at most one alternate link per type). JSON Feed: a strict JSON parse and the
JSON Schema beside this script, written from the JSON Feed 1.1 specification, checked with the jsonschema package
(scripts/setup.sh --test installs it). Prints one JSON object: what each parser read and every problem found;
exits 1 when there is a problem, 3 when a parser is missing.
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def text_construct(element, where, problems):
    kind = element.get("type", "text")
    if kind not in ("text", "html", "xhtml"):
        problems.append(f"{where}: type must be text, html or xhtml, not {kind}")
    if kind != "xhtml" and len(element):
        problems.append(f"{where}: a {kind} construct holds no elements")
    return "".join(element.itertext())


def one(parent, name, where, problems, required=True):
    found = parent.findall(ATOM + name)
    if len(found) > 1:
        problems.append(f"{where}: more than one {name}")
    if required and not found:
        problems.append(f"{where}: no {name}")
    return found[0] if found else None


def check_date(element, where, problems):
    if element is not None and not DATE.match((element.text or "").strip()):
        problems.append(f"{where}: not an RFC 3339 date-time")


def links(parent, where, problems):
    read = []
    alternates = set()
    for link in parent.findall(ATOM + "link"):
        href = link.get("href")
        if not href:
            problems.append(f"{where}: a link without href")
        rel = link.get("rel", "alternate")
        if rel == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            if key in alternates:
                problems.append(f"{where}: two alternate links of one type and language")
            alternates.add(key)
        read.append({"rel": rel, "type": link.get("type"), "href": href})
    return read


def check_atom(path):
    problems = []
    root = ET.parse(path).getroot()
    if root.tag != ATOM + "feed":
        return {"problems": [f"the root element is {root.tag}, not an Atom feed"]}
    for name in ("id", "title", "updated"):
        one(root, name, "feed", problems)
    for name in ("subtitle", "rights", "icon", "logo", "generator"):
        one(root, name, "feed", problems, required=False)
    check_date(root.find(ATOM + "updated"), "feed updated", problems)
    title = root.find(ATOM + "title")
    feed_title = text_construct(title, "feed title", problems) if title is not None else None
    feed_has_author = root.find(ATOM + "author") is not None
    feed_links = links(root, "feed", problems)
    entries = []
    for number, entry in enumerate(root.findall(ATOM + "entry"), 1):
        where = f"entry {number}"
        for name in ("id", "title", "updated"):
            one(entry, name, where, problems)
        for name in ("published", "content", "summary", "rights"):
            one(entry, name, where, problems, required=False)
        check_date(entry.find(ATOM + "updated"), where + " updated", problems)
        check_date(entry.find(ATOM + "published"), where + " published", problems)
        for author in entry.findall(ATOM + "author"):
            if author.find(ATOM + "name") is None:
                problems.append(f"{where}: an author without a name")
        if not feed_has_author and entry.find(ATOM + "author") is None:
            problems.append(f"{where}: no author, and the feed has none")
        entry_links = links(entry, where, problems)
        content = entry.find(ATOM + "content")
        if content is None and not any(link["rel"] == "alternate" for link in entry_links):
            problems.append(f"{where}: neither content nor an alternate link")
        entry_title = entry.find(ATOM + "title")
        entries.append({
            "id": (entry.findtext(ATOM + "id") or "").strip(),
            "title": text_construct(entry_title, where + " title", problems) if entry_title is not None else None,
            "author": entry.findtext(ATOM + "author/" + ATOM + "name"),
            "contentType": content.get("type", "text") if content is not None else None,
            "content": text_construct(content, where + " content", problems) if content is not None else None,
            "links": entry_links,
        })
    return {"problems": problems, "title": feed_title, "links": feed_links, "entries": entries}


def check_json(path):
    try:
        import jsonschema
    except ImportError:
        sys.stderr.write("jsonschema is not installed: run scripts/setup.sh --test\n")
        sys.exit(3)

    def refuse(name):
        raise ValueError("not JSON: " + name)

    with open(path, "rb") as handle:
        feed = json.loads(handle.read().decode("utf-8"), parse_constant=refuse)
    schema_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jsonfeed-1.1.schema.json")
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft202012Validator(schema)
    problems = [f"{'/'.join(map(str, error.absolute_path)) or 'feed'}: {error.message}"
                for error in validator.iter_errors(feed)]
    return {"problems": problems, "feed": feed}


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check-feeds.py FEED.atom FEED.json")
    report = {"atom": check_atom(sys.argv[1]), "json": check_json(sys.argv[2])}
    json.dump(report, sys.stdout, ensure_ascii=True)
    sys.stdout.write("\n")
    return 1 if report["atom"]["problems"] or report["json"]["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
