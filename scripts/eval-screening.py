#!/usr/bin/env python3
"""Measure Porch's crisis and spam screening against a labelled set.

Feeds the set's posts (id and text only) to `porch scan --format jsonl`, compares
each verdict with its labels and prints recall and false-positive rates per lane,
then the misses by id with the label, tag and note and the rules that fired. Post
text is printed only with --show; --by-tag adds a table per label, category and tag.
--totals prints the rates alone, no misses: use it on a held-out set, whose misses
(ids, tags and the writer's notes) must not be read.

Two set formats are read:
  Tests/Evaluation: {"id", "text", "crisis", "categories", "spam", "note"} (both lanes)
  the corpus files (dev-crisis.jsonl, dev-spam.jsonl): {"id", "text", "label",
  "category", "tag", "note"} with label crisis|concern|none (crisis lane only) or
  spam|ham (spam lane only). Several --set options are scanned together.

Exit status: 0 when every target is met, 1 when a target is missed, 2 when the
evaluation could not run (no binary, bad set file, porch failed or answered badly).

Targets (issue 16's, on posts nobody tuned against):
  crisis posts caught (flagged crisis or concern)   >= 95%
  crisis posts flagged crisis                       >= 85%
  concern posts seen (concern or crisis)            >= 80%
  none posts flagged crisis                         <= 3%
  spam posts marked spam or suspect                 >= 90%
  spam posts marked spam                            >= 75%
  ham posts marked spam                             <= 2%

Python 3.11, standard library only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SET = REPO / "Tests" / "Evaluation" / "screening-eval.jsonl"
DEFAULT_BINARIES = (REPO / ".build" / "release" / "porch", REPO / ".build" / "debug" / "porch")
CRISIS_LEVELS = ("crisis", "concern", "none")
SPAM_VERDICTS = ("spam", "suspect", "ham")
CATEGORIES = (
    "suicide",
    "self_harm",
    "harm_to_child",
    "abuse_violence",
    "medical_emergency",
    "substance_overdose",
    "eating_disorder",
)
SCAN_TIMEOUT_SECONDS = 600

# (name, lane, kind, limit): kind "min" means the rate must be at least the limit.
TARGETS = (
    ("crisis caught", "crisis", "min", 0.95),
    ("crisis as crisis", "crisis", "min", 0.85),
    ("concern seen", "crisis", "min", 0.80),
    ("none -> crisis", "crisis", "max", 0.03),
    ("spam or suspect", "spam", "min", 0.90),
    ("spam recall", "spam", "min", 0.75),
    ("ham -> spam", "spam", "max", 0.02),
)


class EvalError(Exception):
    """An evaluation that cannot run; the message says what to do next."""


@dataclass
class Labelled:
    """One post of the evaluation set with its expected labels."""

    id: str
    text: str
    crisis: str | None
    categories: list[str]
    spam: str | None
    note: str
    tag: str = ""


@dataclass
class Verdict:
    """What porch decided for one post, reduced to what this script compares."""

    crisis: str
    categories: list[str]
    crisis_rules: list[str]
    spam: str
    score: float | None
    spam_rules: list[str]


@dataclass
class Rate:
    """A count out of a total, printed as a fraction and a percentage."""

    hits: int = 0
    total: int = 0
    ids: list[str] = field(default_factory=list)

    def add(self, post_id: str, hit: bool) -> None:
        self.total += 1
        if hit:
            self.hits += 1
            self.ids.append(post_id)

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def cells(self) -> tuple[str, str]:
        value = self.value
        return f"{self.hits}/{self.total}", "n/a" if value is None else f"{value * 100:.1f}%"


def safe(text: str) -> str:
    """Neutralises control and escape characters so file and porch text cannot drive the terminal."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\n":
            out.append(ch)
        elif code < 0x20 or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029) or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def load_set(path: Path) -> list[Labelled]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvalError(f"{path}: no such evaluation set; pass one with --set FILE") from None
    except (OSError, UnicodeDecodeError) as error:
        raise EvalError(f"{path}: cannot read the evaluation set ({type(error).__name__}); check the file and its permissions") from None
    posts: list[Labelled] = []
    seen: set[str] = set()
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            raise EvalError(f"{where}: not valid JSON at column {error.colno}; fix the line or remove it") from None
        if not isinstance(obj, dict):
            raise EvalError(f"{where}: expected a JSON object")
        if "label" in obj:
            posts.append(corpus_post(obj, where, seen))
            continue
        for key in ("id", "text", "crisis", "spam", "note"):
            if not isinstance(obj.get(key), str):
                raise EvalError(f"{where}: field '{key}' is missing or not a string")
        categories = obj.get("categories")
        if not isinstance(categories, list) or not all(c in CATEGORIES for c in categories):
            raise EvalError(f"{where}: 'categories' must be a list drawn from {', '.join(CATEGORIES)}")
        if obj["crisis"] not in CRISIS_LEVELS:
            raise EvalError(f"{where}: 'crisis' must be one of {', '.join(CRISIS_LEVELS)}")
        if obj["crisis"] == "crisis" and not categories:
            raise EvalError(f"{where}: a post labelled crisis needs at least one category")
        if obj["spam"] not in SPAM_VERDICTS:
            raise EvalError(f"{where}: 'spam' must be one of {', '.join(SPAM_VERDICTS)}")
        if obj["id"] in seen:
            raise EvalError(f"{where}: id {safe(obj['id'])} appears twice; ids must be unique")
        seen.add(obj["id"])
        posts.append(Labelled(obj["id"], obj["text"], obj["crisis"], categories, obj["spam"], obj["note"]))
    if not posts:
        raise EvalError(f"{path}: the evaluation set is empty")
    return posts


def corpus_post(obj: dict, where: str, seen: set[str]) -> Labelled:
    """One line of a corpus file (dev-crisis.jsonl or dev-spam.jsonl): labelled for one lane only."""
    for key in ("id", "text", "label"):
        if not isinstance(obj.get(key), str):
            raise EvalError(f"{where}: field '{key}' is missing or not a string")
    label = obj["label"]
    note = obj.get("note") if isinstance(obj.get("note"), str) else ""
    tag = obj.get("tag") if isinstance(obj.get("tag"), str) else ""
    if obj["id"] in seen:
        raise EvalError(f"{where}: id {safe(obj['id'])} appears twice; ids must be unique")
    seen.add(obj["id"])
    if label in CRISIS_LEVELS:
        category = obj.get("category")
        if category not in CATEGORIES + ("none", None):
            raise EvalError(f"{where}: 'category' must be one of {', '.join(CATEGORIES)} or none")
        categories = [category] if category in CATEGORIES else []
        return Labelled(obj["id"], obj["text"], label, categories, None, note, tag)
    if label in ("spam", "ham"):
        return Labelled(obj["id"], obj["text"], None, [], label, note, tag)
    raise EvalError(f"{where}: 'label' must be crisis, concern, none, spam or ham")


def find_porch(explicit: str | None) -> Path:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise EvalError(f"{path}: no porch binary there; build it with `swift build` or pass --porch PATH")
        return path
    for candidate in DEFAULT_BINARIES:
        if candidate.is_file():
            return candidate
    raise EvalError(
        "no porch binary at .build/release/porch or .build/debug/porch; "
        "run `swift build -c release` in the repository or pass --porch PATH"
    )


def rule_ids(matches: object) -> list[str]:
    if not isinstance(matches, list):
        return []
    ids = [m["rule"] for m in matches if isinstance(m, dict) and isinstance(m.get("rule"), str)]
    return sorted(set(ids))


def parse_verdict(line: str, expected_id: str, number: int) -> Verdict:
    where = f"porch output line {number} (post {safe(expected_id)})"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        raise EvalError(f"{where}: not valid JSON; porch scan --format jsonl must print one object per post") from None
    if not isinstance(obj, dict):
        raise EvalError(f"{where}: expected a JSON object")
    if obj.get("id") != expected_id:
        raise EvalError(f"{where}: id does not match the input; porch scan must answer in input order")
    crisis = obj.get("crisis")
    spam = obj.get("spam")
    if not isinstance(crisis, dict) or crisis.get("level") not in CRISIS_LEVELS:
        raise EvalError(f"{where}: missing crisis.level (crisis, concern or none)")
    if not isinstance(spam, dict) or spam.get("verdict") not in SPAM_VERDICTS:
        raise EvalError(f"{where}: missing spam.verdict (spam or ham)")
    categories = crisis.get("categories")
    score = spam.get("score")
    return Verdict(
        crisis=crisis["level"],
        categories=[c for c in categories if isinstance(c, str)] if isinstance(categories, list) else [],
        crisis_rules=rule_ids(crisis.get("matches")),
        spam=spam["verdict"],
        score=float(score) if isinstance(score, (int, float)) else None,
        spam_rules=rule_ids(spam.get("matches")),
    )


def run_porch(porch: Path, posts: list[Labelled]) -> tuple[list[Verdict], float]:
    stdin = "".join(json.dumps({"id": p.id, "text": p.text}, ensure_ascii=False) + "\n" for p in posts)
    started = time.monotonic()
    try:
        result = subprocess.run(
            [str(porch), "scan", "--format", "jsonl"],
            input=stdin.encode("utf-8"),
            capture_output=True,
            timeout=SCAN_TIMEOUT_SECONDS,
            cwd=REPO,
        )
    except subprocess.TimeoutExpired:
        raise EvalError(f"porch scan did not finish within {SCAN_TIMEOUT_SECONDS} s; look for a runaway rule") from None
    except OSError as error:
        raise EvalError(f"{porch}: cannot run it ({error.strerror}); check that it is an executable porch binary") from None
    elapsed = time.monotonic() - started
    try:
        out_lines = [line for line in result.stdout.decode("utf-8").splitlines() if line.strip()]
    except UnicodeDecodeError:
        raise EvalError("porch scan printed output that is not UTF-8") from None
    if len(out_lines) != len(posts):
        tail = safe(result.stderr.decode("utf-8", "replace").strip()[-800:])
        raise EvalError(
            f"porch scan exited with status {result.returncode} and printed {len(out_lines)} lines for "
            f"{len(posts)} posts; its error output ends with:\n{tail or '(nothing)'}"
        )
    if result.returncode != 0:
        print(f"note: porch scan exited with status {result.returncode} but answered every post", file=sys.stderr)
    verdicts = [parse_verdict(line, post.id, n) for n, (line, post) in enumerate(zip(out_lines, posts), 1)]
    return verdicts, elapsed


@dataclass
class Report:
    """Every rate the table prints, filled in one pass over the set."""

    crisis_flagged: Rate = field(default_factory=Rate)
    spam_or_suspect: Rate = field(default_factory=Rate)
    ham_as_suspect: Rate = field(default_factory=Rate)
    by_tag: dict[tuple[str, str, str], Rate] = field(default_factory=dict)
    crisis_caught: Rate = field(default_factory=Rate)
    crisis_missed: Rate = field(default_factory=Rate)
    crisis_as_concern: Rate = field(default_factory=Rate)
    concern_flagged: Rate = field(default_factory=Rate)
    concern_exact: Rate = field(default_factory=Rate)
    concern_as_crisis: Rate = field(default_factory=Rate)
    none_as_crisis: Rate = field(default_factory=Rate)
    none_as_concern: Rate = field(default_factory=Rate)
    category_recall: dict[str, Rate] = field(default_factory=dict)
    spam_recall: Rate = field(default_factory=Rate)
    ham_as_spam: Rate = field(default_factory=Rate)


def evaluate(posts: list[Labelled], verdicts: list[Verdict]) -> Report:
    r = Report()
    for post, v in zip(posts, verdicts):
        tag_key = tag_row(post)
        if tag_key is not None:
            r.by_tag.setdefault(tag_key, Rate()).add(post.id, tag_hit(post, v))
        if post.crisis is None:
            pass
        elif post.crisis == "crisis":
            r.crisis_flagged.add(post.id, v.crisis == "crisis")
            r.crisis_caught.add(post.id, v.crisis != "none")
            r.crisis_missed.add(post.id, v.crisis == "none")
            r.crisis_as_concern.add(post.id, v.crisis == "concern")
        elif post.crisis == "concern":
            r.concern_flagged.add(post.id, v.crisis != "none")
            r.concern_exact.add(post.id, v.crisis == "concern")
            r.concern_as_crisis.add(post.id, v.crisis == "crisis")
        else:
            r.none_as_crisis.add(post.id, v.crisis == "crisis")
            r.none_as_concern.add(post.id, v.crisis == "concern")
        if post.crisis not in (None, "none"):
            for category in post.categories:
                rate = r.category_recall.setdefault(category, Rate())
                rate.add(post.id, v.crisis != "none" and category in v.categories)
        if post.spam == "spam":
            r.spam_recall.add(post.id, v.spam == "spam")
            r.spam_or_suspect.add(post.id, v.spam != "ham")
        elif post.spam == "ham":
            r.ham_as_spam.add(post.id, v.spam == "spam")
            r.ham_as_suspect.add(post.id, v.spam == "suspect")
    return r


def tag_row(post: Labelled) -> tuple[str, str, str] | None:
    """The (label, category, tag) row a post counts in, for --by-tag."""
    if post.crisis is not None:
        return (post.crisis, post.categories[0] if post.categories else "none", post.tag or "-")
    if post.spam is not None:
        return (post.spam, "-", post.tag or "-")
    return None


def tag_hit(post: Labelled, v: Verdict) -> bool:
    """What counts as right for a post's row: crisis flagged crisis, concern seen, none not crisis; spam caught
    (spam or suspect), ham not marked spam."""
    if post.crisis == "crisis":
        return v.crisis == "crisis"
    if post.crisis == "concern":
        return v.crisis != "none"
    if post.crisis == "none":
        return v.crisis != "crisis"
    if post.spam == "spam":
        return v.spam != "ham"
    return v.spam != "spam"


def target_rates(r: Report) -> dict[str, Rate]:
    return {
        "crisis caught": r.crisis_caught,
        "crisis as crisis": r.crisis_flagged,
        "concern seen": r.concern_flagged,
        "none -> crisis": r.none_as_crisis,
        "spam or suspect": r.spam_or_suspect,
        "spam recall": r.spam_recall,
        "ham -> spam": r.ham_as_spam,
    }


def target_status(r: Report) -> dict[str, bool]:
    rates = target_rates(r)
    status = {}
    for name, _lane, kind, limit in TARGETS:
        value = rates[name].value
        if value is None:
            status[name] = True
        else:
            status[name] = value >= limit if kind == "min" else value <= limit
    return status


def print_table(r: Report, status: dict[str, bool]) -> None:
    def row(label: str, rate: Rate, target: str = "", name: str | None = None) -> None:
        count, percent = rate.cells()
        verdict = "" if name is None else ("ok" if status[name] else "MISSED")
        print(f"  {label:<44} {count:>9} {percent:>7}  {target:<7} {verdict}")

    print(f"  {'':<44} {'count':>9} {'rate':>7}  {'target':<7}")
    print("crisis lane")
    row("crisis posts flagged crisis", r.crisis_flagged, ">=85%", "crisis as crisis")
    row("crisis posts caught (crisis or concern)", r.crisis_caught, ">=95%", "crisis caught")
    row("crisis posts missed entirely (level none)", r.crisis_missed, "<=5%")
    row("crisis posts flagged only concern", r.crisis_as_concern)
    row("concern posts flagged (concern or crisis)", r.concern_flagged, ">=80%", "concern seen")
    row("concern posts flagged exactly concern", r.concern_exact)
    row("concern posts flagged crisis", r.concern_as_crisis)
    row("none posts flagged crisis (false alarm)", r.none_as_crisis, "<=3%", "none -> crisis")
    row("none posts flagged concern", r.none_as_concern)
    print("crisis categories (labelled category flagged, crisis and concern posts)")
    for category in CATEGORIES:
        if category in r.category_recall:
            row(f"  {category}", r.category_recall[category])
    print("spam lane")
    row("spam posts marked spam or suspect", r.spam_or_suspect, ">=90%", "spam or suspect")
    row("spam posts marked spam (recall)", r.spam_recall, ">=75%", "spam recall")
    row("ham posts marked spam (false positive)", r.ham_as_spam, "<=2%", "ham -> spam")
    row("ham posts marked suspect", r.ham_as_suspect, "<=10%")


def print_by_tag(r: Report) -> None:
    """Right answers per label, category and tag (crisis as crisis, concern seen, none not crisis, spam caught,
    ham not spam)."""
    print("\nby label, category and tag (crisis: flagged crisis; concern: seen; none: not crisis; spam: spam or "
          "suspect; ham: not spam)")
    for (label, category, tag), rate in sorted(r.by_tag.items()):
        count, percent = rate.cells()
        print(f"  {label:<8} {category:<19} {tag:<30} {count:>7} {percent:>7}")


def print_misses(posts: list[Labelled], verdicts: list[Verdict], r: Report, show: bool) -> None:
    by_id = {p.id: (p, v) for p, v in zip(posts, verdicts)}

    def group(title: str, ids: list[str], lane: str) -> None:
        if not ids:
            return
        print(f"\n{title} ({len(ids)})")
        for post_id in ids:
            post, v = by_id[post_id]
            if lane == "crisis":
                fired = ", ".join(v.crisis_rules) or "no crisis rule"
                got = f"{v.crisis}" + (f" [{', '.join(v.categories)}]" if v.categories else "")
                want = f"{post.crisis}" + (f" [{', '.join(post.categories)}]" if post.categories else "")
            else:
                fired = ", ".join(v.spam_rules) or "no spam rule"
                score = "" if v.score is None else f" score {v.score:g}"
                got = f"{v.spam}{score}"
                want = f"{post.spam}"
            tag = f" ({post.tag})" if post.tag else ""
            print(safe(f"  {post.id}{tag}  want {want}, got {got}  — {post.note}  — rules: {fired}"))
            if show:
                for line in post.text.splitlines() or [""]:
                    print("      | " + safe(line))

    group("MISSED crisis posts (level none)", r.crisis_missed.ids, "crisis")
    group("crisis posts flagged only concern", r.crisis_as_concern.ids, "crisis")
    missed_concern = [i for i in (p.id for p in posts if p.crisis == "concern") if i not in r.concern_flagged.ids]
    group("concern posts not flagged", missed_concern, "crisis")
    group("none posts flagged crisis", r.none_as_crisis.ids, "crisis")
    group("none posts flagged concern", r.none_as_concern.ids, "crisis")
    missed_spam = [p.id for p in posts if p.spam == "spam" and p.id not in r.spam_or_suspect.ids]
    group("spam posts passed as ham", missed_spam, "spam")
    suspect_spam = [i for i in r.spam_or_suspect.ids if i not in r.spam_recall.ids]
    group("spam posts marked only suspect", suspect_spam, "spam")
    group("ham posts flagged spam", r.ham_as_spam.ids, "spam")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Measure porch's crisis and spam screening against the labelled evaluation set.",
        epilog="Exit status: 0 every target met, 1 a target missed, 2 the evaluation could not run.",
    )
    parser.add_argument("--porch", metavar="PATH", help="porch binary (default .build/release/porch, else .build/debug/porch)")
    parser.add_argument("--set", metavar="FILE", action="append", help=f"labelled JSON Lines set; repeat for several (default {DEFAULT_SET})")
    parser.add_argument("--by-tag", action="store_true", help="print the rate per label, category and tag")
    parser.add_argument("--show", action="store_true", help="print the text of each missed post under its id")
    parser.add_argument("--totals", action="store_true", help="print the rates only, not the misses (for held-out sets)")
    args = parser.parse_args(argv)
    try:
        sets = args.set or [str(DEFAULT_SET)]
        posts = [post for name in sets for post in load_set(Path(name))]
        if len({p.id for p in posts}) != len(posts):
            raise EvalError("the sets share an id; scan them one at a time")
        porch = find_porch(args.porch)
        verdicts, elapsed = run_porch(porch, posts)
    except EvalError as error:
        print(f"eval-screening: {error}", file=sys.stderr)
        return 2
    report = evaluate(posts, verdicts)
    status = target_status(report)
    print(f"{len(posts)} posts from {safe(', '.join(sets))}, scanned by {safe(str(porch))} in {elapsed:.2f} s\n")
    print_table(report, status)
    if args.by_tag:
        print_by_tag(report)
    if not args.totals:
        print_misses(posts, verdicts, report, args.show)
    failed = [name for name, ok in status.items() if not ok]
    print()
    if failed:
        print("targets missed: " + ", ".join(failed))
        return 1
    print("every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
