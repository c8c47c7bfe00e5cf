#!/usr/bin/env python3
"""Builds a labelled PII corpus (the format of ../shared/corpus/dev-pii.jsonl) from a marked-up source of made-up posts.

One post per line; `#` lines are comments, and a `# --- NAME` line starts the topic `PREFIX-NAME` for the posts after it.
Marks: [[TYPE|text]] is a span to scrub, {{TYPE|text}} a hard negative; ORG, ADDR, PLATE, MRN and LOC stand for
ORGANIZATION_LOCAL, STREET_ADDRESS, LICENSE_PLATE, MEDICAL_RECORD_NUMBER and LOCATION. Offsets are code points and
every span is checked (text[start:end] == value).

Usage: scripts/make-dev-spans.py SOURCE.src.txt OUT.jsonl ID_PREFIX TOPIC
  e.g. scripts/make-dev-spans.py Tests/Evaluation/dev2/dev19-pii-s14.src.txt Tests/Evaluation/dev2/dev19-pii-s14.jsonl s14 s14
"""
import json
import re
import sys

ALIAS = {"ORG": "ORGANIZATION_LOCAL", "ADDR": "STREET_ADDRESS", "PLATE": "LICENSE_PLATE",
         "MRN": "MEDICAL_RECORD_NUMBER", "LOC": "LOCATION"}
MARK = re.compile(r"(\[\[|\{\{)([A-Z_]+)\|(.*?)(\]\]|\}\})")


def main() -> int:
    source, target, prefix, topic = sys.argv[1:5]
    first_topic = topic
    count = 0
    with open(target, "w", encoding="utf-8") as out:
        for raw in open(source, encoding="utf-8"):
            raw = raw.rstrip("\n")
            if raw.startswith("# ---"):
                topic = first_topic + "-" + raw[5:].strip().split()[0]
            if not raw.strip() or raw.startswith("#"):
                continue
            text, spans, negatives, position = "", [], [], 0
            for mark in MARK.finditer(raw):
                text += raw[position:mark.start()]
                start = len(text)
                text += mark.group(3)
                item = {"start": start, "end": len(text), "type": ALIAS.get(mark.group(2), mark.group(2)),
                        "value": mark.group(3)}
                (spans if mark.group(1) == "[[" else negatives).append(item)
                position = mark.end()
            text += raw[position:]
            assert "[[" not in text and "{{" not in text and "]]" not in text, f"{source}: an unclosed mark"
            for item in spans + negatives:
                assert text[item["start"]:item["end"]] == item["value"], f"{source}: an offset is wrong"
            count += 1
            out.write(json.dumps({"id": "%s-%03d" % (prefix, count), "text": text, "spans": spans,
                                  "negatives": negatives, "locale": "mixed", "topic": topic},
                                 ensure_ascii=False) + "\n")
    print(count, "posts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
