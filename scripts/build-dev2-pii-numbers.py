#!/usr/bin/env python3
"""Build Tests/Evaluation/dev2/dev2-pii-numbers.jsonl from scripts/dev2src/*.txt.

Each source post is separated by a line '---'. Inline markers: [[TYPE|value]] is a gold PII span,
{{TYPE|value}} a hard negative. Offsets are Unicode code points into the marker-free text."""
import json, re, sys, glob, os
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "Tests", "Evaluation", "dev2", "dev2-pii-numbers.jsonl")
MARK = re.compile(r"\[\[([A-Z_]+)\|(.*?)\]\]|\{\{([A-Z_]+)\|(.*?)\}\}")
posts = []
for f in sorted(glob.glob(os.path.join(here, "dev2src", "*.txt"))):
    for block in open(f, encoding="utf-8").read().split("\n---\n"):
        block = block.strip("\n")
        if not block.strip():
            continue
        text, spans, negs, pos = "", [], [], 0
        for m in MARK.finditer(block):
            text += block[pos:m.start()]
            typ, val = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            rec = {"start": len(text), "end": len(text) + len(val), "type": typ, "value": val}
            (spans if m.group(1) else negs).append(rec)
            text += val
            pos = m.end()
        text += block[pos:]
        assert "[[" not in text and "{{" not in text and "]]" not in text, block
        for r in spans + negs:
            assert text[r["start"]:r["end"]] == r["value"]
        posts.append({"text": text.strip(), "spans": spans, "negatives": negs, "src": os.path.basename(f)})
with open(out, "w", encoding="utf-8") as o:
    for i, p in enumerate(posts, 1):
        # strip() may shift offsets only if the text started with whitespace; check
        rec = {"id": f"n2-{i:03d}", "text": p["text"], "spans": p["spans"], "negatives": p["negatives"],
               "locale": "mixed", "topic": p["src"].split(".")[0]}
        for r in rec["spans"] + rec["negatives"]:
            assert rec["text"][r["start"]:r["end"]] == r["value"], (rec["id"], r)
        o.write(json.dumps(rec, ensure_ascii=False) + "\n")
print(len(posts), "posts ->", out)
