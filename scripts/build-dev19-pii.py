"""Build Tests/Evaluation/dev2/dev19-pii-s14.jsonl from its .src.txt (made-up posts with inline marks).

Marks: [[TYPE|text]] is a span to scrub, {{TYPE|text}} a hard negative. Offsets are code points;
every span is checked (text[start:end] == value).
"""
import json, re, sys

ALIAS = {"ORG": "ORGANIZATION_LOCAL", "ADDR": "STREET_ADDRESS", "PLATE": "LICENSE_PLATE",
         "MRN": "MEDICAL_RECORD_NUMBER", "LOC": "LOCATION"}
MARK = re.compile(r'(\[\[|\{\{)([A-Z_]+)\|(.*?)(\]\]|\}\})')
src, dst = sys.argv[1], sys.argv[2]
topic = "s14"
n = 0
with open(dst, "w") as out:
    for raw in open(src, encoding="utf-8"):
        raw = raw.rstrip("\n")
        if raw.startswith("# ---"):
            topic = "s14-" + raw[5:].strip().split()[0]
        if not raw.strip() or raw.startswith("#"):
            continue
        text, spans, negs, pos = "", [], [], 0
        for m in MARK.finditer(raw):
            text += raw[pos:m.start()]
            s = len(text); text += m.group(3); e = len(text)
            d = {"start": s, "end": e, "type": ALIAS.get(m.group(2), m.group(2)), "value": m.group(3)}
            (spans if m.group(1) == "[[" else negs).append(d)
            pos = m.end()
        text += raw[pos:]
        assert "[[" not in text and "{{" not in text and "]]" not in text, raw
        for d in spans + negs:
            assert text[d["start"]:d["end"]] == d["value"], d
        n += 1
        out.write(json.dumps({"id": "s14-%03d" % n, "text": text.strip(), "spans": spans, "negatives": negs,
                              "locale": "mixed", "topic": topic}, ensure_ascii=False) + "\n")
print(n, "posts")
