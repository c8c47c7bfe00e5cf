#!/usr/bin/env python3
"""Turns Tests/Evaluation/names-places.txt ({TYPE|value} spans, {!TYPE|value} hard negatives) into
Tests/Evaluation/names-places.jsonl in the format of dev-pii.jsonl, for score.py and `porch rules test`."""
import json
import re
import sys

MARK = re.compile(r"\{(!?)([A-Z_]+)\|([^{}]*)\}")


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "Tests/Evaluation/names-places.txt"
    target = source[:-4] + ".jsonl"
    with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
        number = 0
        for line in lines:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            number += 1
            text, spans, negatives, at = "", [], [], 0
            for mark in MARK.finditer(line):
                text += line[at:mark.start()]
                start = len(text)
                text += mark.group(3)
                entry = {"start": start, "end": len(text), "type": mark.group(2), "value": mark.group(3)}
                (negatives if mark.group(1) else spans).append(entry)
                at = mark.end()
            text += line[at:]
            out.write(json.dumps({"id": f"np{number:03d}", "text": text, "spans": spans, "negatives": negatives},
                                 ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
