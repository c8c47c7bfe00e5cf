#!/usr/bin/env python3
"""Writes Tests/Evaluation/pii-identifiers.jsonl: made-up posts (written by the Porch team for issue 15,
not taken from any corpus) that name identifiers in phrasings the rule examples do not use, labelled in
the format of ../shared/corpus/dev-pii.jsonl. `[[TYPE:value]]` marks a span, `{{TYPE:value}}` a hard
negative. Every number, name and date here is invented. Measure with:
  porch rules test --corpus Tests/Evaluation/pii-identifiers.jsonl
"""
import json
import re
import sys
from pathlib import Path

POSTS = [
    "They scanned the band on her ankle and read out [[MEDICAL_RECORD_NUMBER:K4471093]] twice before the heel prick.",
    "Nobody at the front desk could find us. In the end I showed them the letter: hospital no. [[MEDICAL_RECORD_NUMBER:771-204-338]].",
    "Unit number [[MEDICAL_RECORD_NUMBER:00482917]] is on every sticker in the red book and I hate seeing it.",
    "The portal keeps asking for the identifier on her discharge summary. It's [[MEDICAL_RECORD_NUMBER:RJ55820441]], if that helps anyone who works there.",
    "Her birthday would have been [[DATE_OF_BIRTH:12 October]] and I am dreading it.",
    "I was born [[DATE_OF_BIRTH:4/22/1991]] so this is my first birthday as a mum.",
    "We said goodbye on [[DATE_OF_BIRTH:the 9th of January 2024]] and the world kept going.",
    "Estimated due date was [[DATE_OF_BIRTH:Aug 30]], she came at 31 weeks instead.",
    "Forms want my date of birth again ([[DATE_OF_BIRTH:1988.11.02]]) as if it changed.",
    "Someone in a grey hatchback, reg [[LICENSE_PLATE:LD19 XKT]], sits outside nursery every morning.",
    "I reported the car. Plates were [[LICENSE_PLATE:8RTN224]] and he knows I did.",
    "He drives a blue ute, rego [[LICENSE_PLATE:1XQ-7PM]], and parks across our driveway.",
    "The HMRC letter quotes my NI number [[NATIONAL_ID:JT 48 29 61 C]] on the front, in a window envelope!",
    "CRA called about my SIN, [[NATIONAL_ID:130 692 544]], which I didn't think they'd say out loud.",
    "Centrelink lost my Medicare card details, number [[NATIONAL_ID:4950 61328 2]], for the third time.",
    "Revenue sent the PPSN back with a typo: [[NATIONAL_ID:6677123K]] instead of mine.",
    "Taxes: my ITIN is [[SSN:978-81-4402]] and the preparer wrote it on a sticky note.",
    "If anyone wants to chip in for the funeral, my account is [[CREDIT_CARD:5390 0041 7722 8815]] (debit).",
    "The home visitor wrote her card number [[CREDIT_CARD:4000-1234-5678-9010]] on our fridge list.",
    "Our catchment is postcode [[POSTCODE:LS6 2QT]] and the health visitors are stretched thin.",
    "We're just outside [[POSTCODE:D08 VF8H]], the eircode for the clinic is close.",
    "Moved to zip [[POSTCODE:94110]] in the spring and know nobody.",
    "Text me on [[PHONE:07812 446 091]] if you're nearby.",
    "Messages to [[PHONE:+1 (617) 555-0199]] get to me faster than this app.",
    "The router log showed [[IP_ADDRESS:198.51.100.23]] logging into my email at 3am.",
    "My passport, [[NATIONAL_ID:P88210374]], expired while we were in the NICU.",
    "Dexcom serial [[MEDICAL_RECORD_NUMBER:SM21088713]] keeps failing after two days.",
    "The claim reference is [[MEDICAL_RECORD_NUMBER:CLM-4471-0092]] and they've lost it twice.",
    "Case number [[MEDICAL_RECORD_NUMBER:FM-2023-18842]] at family court, hearing next week.",
    "Her Medicaid ID: [[MEDICAL_RECORD_NUMBER:QK22810453]]. They said it's not in the system.",
    "Call {{HELPLINE:0800 1111}} if you're a teen reading this, or Samaritans on {{HELPLINE:116 123}}.",
    "In Australia ring {{HELPLINE:1300 726 306}} for PANDA, they were kind to me.",
    "Lifeline is {{HELPLINE:13 11 14}} and Beyond Blue is {{HELPLINE:1300 22 4636}}.",
    "It cost {{MONEY:$4,250}} out of pocket and I'm still paying it off.",
    "She is {{AGE_DURATION:14 months}} and still wakes at {{TIME:2:30am}} every night.",
    "Sertraline {{MEDICATION_DOSE:100mg}} since {{AGE_DURATION:6 weeks}} postpartum, slowly helping.",
    "Born at {{AGE_DURATION:33+2}} weighing {{WEIGHT:1.9kg}}, now home after {{AGE_DURATION:19 days}}.",
    "Induced on a Tuesday in {{AGE_DURATION:March 2025}} and it took three days.",
    "We spent {{MONEY:£1,120}} on the pump and it still broke after {{COUNT:3}} uses.",
    "My HbA1c was {{LAB_VALUE:48}} and TSH {{LAB_VALUE:4.2}} at the booking appointment.",
    "We've been trying since {{AGE_DURATION:2019}}, five rounds of IUI and two of IVF.",
]


def parse(template):
    text, spans, negatives = "", [], []
    pos = 0
    for m in re.finditer(r"\[\[([A-Z_]+):(.+?)\]\]|\{\{([A-Z_]+):(.+?)\}\}", template):
        text += template[pos:m.start()]
        typ, value, target = (m.group(1), m.group(2), spans) if m.group(1) else (m.group(3), m.group(4), negatives)
        target.append({"start": len(text), "end": len(text) + len(value), "type": typ, "value": value})
        text += value
        pos = m.end()
    text += template[pos:]
    return text, spans, negatives


def main():
    out = Path(__file__).resolve().parent.parent / "Tests" / "Evaluation" / "pii-identifiers.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for number, template in enumerate(POSTS, 1):
            text, spans, negatives = parse(template)
            f.write(json.dumps({"id": f"ids-{number:03d}", "text": text, "spans": spans, "negatives": negatives}) + "\n")
    print(f"wrote {len(POSTS)} posts to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
