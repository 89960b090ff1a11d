"""Score entities and initiatives against ../shared/dev-gold and ../shared/dev-real.

Matching follows issue 4: provinces, districts and organisations as sets of canonical names
(organisations folded, bracketed acronyms and a leading article dropped); people on the
romanised name; an initiative on the same category with evidence spans overlapping by at least
half of the shorter span. Micro-averaged per field, and per language with ``--by-language``.

Usage: python bench/eval_entities.py [--by-language] [--show]
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from extract.entities import find_entities
from extract.initiatives import find_initiatives
from extract.normalize import fold

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIELDS = ("provinces", "districts", "people", "organisations", "initiatives")


def corpora() -> list[tuple[str, Path, Path]]:
    """Return (set, text path, gold path) for every labelled article."""
    out = []
    for gold in sorted((SHARED / "dev-gold").glob("*.json")):
        out.append(("dev-gold", SHARED / "seeds" / f"{gold.stem}.txt", gold))
    for gold in sorted((SHARED / "dev-real" / "gold").glob("*.json")):
        out.append(("dev-real", SHARED / "dev-real" / "articles" / f"{gold.stem}.txt", gold))
    return out


def org_key(name: str) -> str:
    name = re.sub(r"\([^)]*\)", "", fold(name))
    return re.sub(r"^(the|die|der|la|le|el|l')\s+", "", " ".join(name.split()))


def predicted(text: str, language: str) -> dict[str, list]:
    ents = find_entities(text, language)
    return {
        "provinces": sorted({e.canonical for e in ents if e.label == "PROVINCE"}),
        "districts": sorted({e.canonical for e in ents if e.label == "DISTRICT"}),
        "people": sorted({fold(e.name_en or e.text) for e in ents if e.label == "PERSON"}),
        "organisations": sorted({org_key(e.text) for e in ents if e.label == "ORG"}),
        "initiatives": [
            (i.category, i.evidence.span_start, i.evidence.span_end)
            for i in find_initiatives(text, language)
        ],
    }


def expected(gold: dict, text: str) -> dict[str, list]:
    spans = []
    for item in gold["initiatives"]:
        start = text.find(item["evidence"])
        spans.append((item["category"], start, start + len(item["evidence"])))
    return {
        "provinces": sorted(set(gold["provinces"])),
        "districts": sorted(set(gold["districts"])),
        "people": sorted({fold(p["name_en"] or p["name"]) for p in gold["people"]}),
        "organisations": sorted({org_key(o) for o in gold["organisations"]}),
        "initiatives": spans,
    }


def overlaps(a: tuple, b: tuple) -> bool:
    common = min(a[2], b[2]) - max(a[1], b[1])
    return a[0] == b[0] and common * 2 >= min(a[2] - a[1], b[2] - b[1])


def count(field: str, pred: list, gold: list) -> tuple[int, int, int]:
    """Return (true positives, predicted, gold) for one field of one document."""
    if field != "initiatives":
        return len(set(pred) & set(gold)), len(set(pred)), len(set(gold))
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and overlaps(p, g):
                used.add(i)
                tp += 1
                break
    return tp, len(pred), len(gold)


def f1(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 1.0
    r = tp / ngold if ngold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str]) -> int:
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for corpus, text_path, gold_path in corpora():
        text = text_path.read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred, exp = predicted(text, gold["language"]), expected(gold, text)
        for field in FIELDS:
            c = count(field, pred[field], exp[field])
            for key in ((corpus, field), (f"{corpus}:{gold['language']}", field)):
                totals[key] = [a + b for a, b in zip(totals[key], c, strict=True)]
            if "--show" in argv and field != "initiatives" and set(pred[field]) != set(exp[field]):
                extra = sorted(set(pred[field]) - set(exp[field]))
                missing = sorted(set(exp[field]) - set(pred[field]))
                print(f"{gold_path.name} {field}: extra {extra} missing {missing}")
    print(f"{'set':16} {'field':14} {'P':>6} {'R':>6} {'F1':>6}  tp/pred/gold")
    for (group, field), (tp, npred, ngold) in sorted(totals.items()):
        if ":" in group and "--by-language" not in argv:
            continue
        p, r, f = f1(tp, npred, ngold)
        print(f"{group:16} {field:14} {p:6.3f} {r:6.3f} {f:6.3f}  {tp}/{npred}/{ngold}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
