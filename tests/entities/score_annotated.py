"""Print per-label exact precision, recall and F1 of the built-in extractor on ``annotated/``.

A report for people changing the extractor (the test suite pins floors from it):
``PYTHONPATH=. python tests/entities/score_annotated.py`` from the repository root.
Labels are grouped into families as the suite scores them: PER, LOC (GPE, LOC, FAC),
ORG, DATE, and MISC (NORP, EVENT, PRODUCT, LAW, WORK_OF_ART, LANGUAGE).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from reader.articles import load_file
from reader.entities import extract_article

HERE = Path(__file__).parent / "annotated"
FAMILY = {
    "PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "DATE": "DATE",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "LAW": "MISC", "WORK_OF_ART": "MISC", "LANGUAGE": "MISC",
}  # fmt: skip


def counts() -> tuple[Counter[str], Counter[str], Counter[str]]:
    """True positives, gold and predicted spans per family, over every annotated article."""
    tp: Counter[str] = Counter()
    gold_n: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    for line in (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        articles, _ = load_file(HERE / record["file"])
        gold = {(e["start"], e["end"], FAMILY[e["label"]]) for e in record["entities"] if e["label"] in FAMILY}
        pred = {(e.start, e.end, FAMILY[e.label]) for e in extract_article(articles[0]) if e.label in FAMILY}
        for s in gold:
            gold_n[s[2]] += 1
        for s in pred:
            pred_n[s[2]] += 1
        for s in gold & pred:
            tp[s[2]] += 1
    return tp, gold_n, pred_n


def lone_surnames() -> tuple[int, int]:
    """Lone surnames of people the article names in full (gold PERSON, one word, keyed to
    a longer name): how many the extractor tags PERSON with that key, and how many there are."""
    hit = total = 0
    for line in (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        articles, _ = load_file(HERE / record["file"])
        pred = {(e.start, e.end): (e.label, e.key) for e in extract_article(articles[0])}
        for e in record["entities"]:
            key = e.get("key", e["text"])
            if e["label"] == "PERSON" and " " not in e["text"] and key.endswith(" " + e["text"]):
                total += 1
                hit += pred.get((e["start"], e["end"])) == ("PERSON", key)
    return hit, total


def prf(tp: int, gold: int, pred: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    tp, gold, pred = counts()
    print(f"{'label':6} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}")
    rows = [("PER+LOC+ORG", ("PER", "LOC", "ORG")), *((f, (f,)) for f in ("PER", "LOC", "ORG", "DATE", "MISC"))]
    for name, fams in rows:
        t, g, p = (sum(c[f] for f in fams) for c in (tp, gold, pred))
        pp, rr, ff = prf(t, g, p)
        print(f"{name:6} {g:5} {p:5} {t:5} {100 * pp:6.1f} {100 * rr:6.1f} {100 * ff:6.1f}")
    hit, total = lone_surnames()
    print(f"lone surnames tagged PERSON with the full name's key: {hit}/{total}")


if __name__ == "__main__":
    main()
