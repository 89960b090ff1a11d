"""Score extractions against hand-labelled gold files (the ``../shared/dev-gold`` format).

Matching rules (also shown by ``newsintel eval --help``):

- index_facts: same index, same canonical subject (case, diacritics and punctuation folded)
  and the same score within 0.01 or the same rank; one-to-one.
- percentages: value within 0.01, distinct values per document.
- provinces, districts, organisations, mentions_only: sets of folded names per document.
- people: the romanised name (``name_en``, else ``name``), folded.
- initiatives: evidence that overlaps (one span contains the other, or they share a run of
  at least 25 characters) and a predicted name of at most 10 words (30 characters in scripts
  written without spaces: CJK, Thai, Lao). The category is scored apart, as the share of
  matched pairs that agree on it (``Score.agreement``); a category mismatch is no miss.

Counts are summed over documents (micro-average), per field and per language.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.initiative_discovery import is_short_name

__all__ = [
    "FIELDS",
    "GoldDoc",
    "Report",
    "Score",
    "find_gold",
    "score_document",
    "score_documents",
]

FIELDS = (
    "index_facts",
    "percentages",
    "provinces",
    "districts",
    "organisations",
    "people",
    "initiatives",
    "mentions_only",
)
_TEXT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".md")


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One labelled document: its gold JSON, where its text is, and its language hint."""

    gold_path: Path
    text_path: Path
    gold: dict[str, Any]
    language_hint: str | None


@dataclass(slots=True)
class Score:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    agree: int = 0  # true positives that also agree on the category (initiatives)

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.agree += other.agree

    @property
    def agreement(self) -> float:
        """Agree / tp: the category accuracy of matched initiatives; 1.0 with no match."""
        return self.agree / self.tp if self.tp else 1.0

    @property
    def precision(self) -> float:
        """Tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Tp / (tp + fn); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    """Scores per field, per language and field, and the errors seen per document."""

    fields: dict[str, Score] = field(default_factory=dict)
    languages: dict[str, dict[str, Score]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0

    def add(self, language: str, scores: dict[str, Score]) -> None:
        """Add one document's scores."""
        self.documents += 1
        for name, score in scores.items():
            self.fields.setdefault(name, Score()).add(score)
            self.languages.setdefault(language, {}).setdefault(name, Score()).add(score)

    def as_json(self) -> dict[str, Any]:
        """Return the report as plain JSON data."""

        def row(name: str, s: Score) -> dict[str, float | int]:
            out: dict[str, float | int] = {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }
            if name == "initiatives":  # index facts agree on the year: not reported
                out["category_accuracy"] = round(s.agreement, 4)
            return out

        return {
            "documents": self.documents,
            "fields": {k: row(k, v) for k, v in self.fields.items()},
            "languages": {
                lang: {k: row(k, v) for k, v in scores.items()}
                for lang, scores in sorted(self.languages.items())
            },
        }


def fold(name: str | None) -> str:
    """Fold a name for comparison: no case, diacritics, punctuation or spaces; đ -> d."""
    if name is None:
        return ""
    text = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"\bviet nam\b", "vietnam", text)
    return re.sub(r"[\W_]+", "", text)


def _text_for(gold_path: Path, gold: dict[str, Any], root: Path, files: Path | None) -> Path | None:
    name = str(gold.get("file") or gold_path.with_suffix(".txt").name)
    stem = gold_path.stem
    candidates: list[Path] = []
    if files is not None:
        candidates += [files / name] + [files / f"{stem}{s}" for s in _TEXT_SUFFIXES]
    candidates += [gold_path.parent / name] + [gold_path.with_suffix(s) for s in _TEXT_SUFFIXES]
    for base in (gold_path.parent.parent, root.parent):
        candidates += [base / "articles" / name, base / "seeds" / name]
    return next((c for c in candidates if c.is_file() and c != gold_path), None)


def _hint(text_path: Path) -> str | None:
    meta = text_path.with_name(text_path.stem + ".meta.json")
    if meta.is_file():
        data = json.loads(meta.read_text(encoding="utf-8"))
        return data.get("language") if isinstance(data, dict) else None
    return None


def find_gold(
    gold_dir: Path,
    files_dir: Path | None = None,
    *,
    exclude: Sequence[str] = (),
    only: Sequence[str] = (),
) -> list[GoldDoc]:
    """Find gold JSON files under ``gold_dir`` and the text each one labels.

    Layouts: ``dev-gold/*.json`` with texts in ``../seeds`` (or ``files_dir``);
    ``dev-real/gold/*.json`` with ``dev-real/articles/*.txt``; fixture folders where the
    text sits beside its JSON. Folders named in ``exclude`` (e.g. ``heldout``) are skipped;
    with ``only``, just files under a folder of one of those names are kept.

    Raises:
        FileNotFoundError: When a gold file's text cannot be found.
    """
    root = gold_dir / "gold" if (gold_dir / "gold").is_dir() else gold_dir
    docs: list[GoldDoc] = []
    for path in sorted(root.rglob("*.json")):
        parts = path.relative_to(root).parts[:-1]
        if path.name.endswith(".meta.json") or any(p in exclude for p in parts):
            continue
        if only and not any(p in only for p in parts):
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(gold, dict) or "index_facts" not in gold:
            continue
        text_path = _text_for(path, gold, root, files_dir)
        if text_path is None:
            raise FileNotFoundError(f"no text found for gold file {path}")
        docs.append(GoldDoc(path, text_path, gold, _hint(text_path)))
    return docs


Pair = Callable[[dict[str, Any], dict[str, Any]], bool]


def _same_year(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return g.get("year") == p.get("year")


def _match(
    gold: Sequence[dict[str, Any]],
    predicted: Sequence[dict[str, Any]],
    same: Pair,
    agree: Pair = _same_year,
    *,
    agree_first: bool = False,
) -> tuple[Score, list[dict[str, Any]], list[dict[str, Any]]]:
    """Match one-to-one, greedily in gold order; return the score and the misses.

    Among the predictions ``same`` pairs with a gold item, one that also ``agree``s with it
    is taken first (with ``agree_first``, every agreeing pair of the document is matched
    before any other); ``Score.agree`` counts the matched pairs that agree.
    """
    left = list(predicted)
    missed = []
    tp = agreeing = 0
    if agree_first:  # pairs that agree are matched before any pair that does not
        pending = []
        for g in gold:
            hit = next((i for i, p in enumerate(left) if same(g, p) and agree(g, p)), None)
            if hit is None:
                pending.append(g)
            else:
                tp, agreeing = tp + 1, agreeing + 1
                left.pop(hit)
        gold = pending
    for g in gold:
        hits = [i for i, p in enumerate(left) if same(g, p)]
        # the year only breaks ties (ANNOTATION.md): a match of the same year comes first
        hit = next((i for i in hits if agree(g, left[i])), None)
        hit = hits[0] if hit is None and hits else hit
        if hit is None:
            missed.append(g)
        else:
            tp += 1
            agreeing += agree(g, left.pop(hit))
    return Score(tp, len(left), len(missed), agreeing), missed, left


def _close(a: Any, b: Any) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= 0.01


# ANNOTATION.md "How labelled sets are scored": generic words do not tell subjects apart
_GENERIC = re.compile(
    r"\b(?:province|city|district|commune|ward|town|tinh|thanh pho|huyen|quan|xa|phuong|thi xa)\b"
)
_BRACKETED = re.compile(r"^(?P<unit>.*?)\s*\((?P<province>[^()]*)\)\s*$")


def subject_key(name: str | None) -> tuple[str, str]:
    """Fold an index fact's subject as ANNOTATION.md scores it: ``(unit, bracketed province)``.

    Diacritics, punctuation and generic words (province, city, district, tỉnh...) are
    ignored, and ``localities`` is ``Vietnam``.
    """
    if name is None:
        return "", ""
    match = _BRACKETED.match(name)
    unit, province = (match["unit"], match["province"]) if match else (name, "")

    def key(text: str) -> str:
        text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
        text = fold(_GENERIC.sub(" ", re.sub(r"[\W_]+", " ", text)))
        return "vietnam" if text == "localities" else text

    return key(unit) or key(name), key(province)


def same_subject(gold: str | None, predicted: str | None) -> bool:
    """Whether two subjects are one by ANNOTATION.md (a bracketed province is optional)."""
    (g_unit, g_prov), (p_unit, p_prov) = subject_key(gold), subject_key(predicted)
    return g_unit == p_unit and (not g_prov or not p_prov or g_prov == p_prov)


def _same_fact(g: dict[str, Any], p: dict[str, Any]) -> bool:
    if g.get("index") != p.get("index") or not same_subject(g.get("subject"), p.get("subject")):
        return False
    return _close(g.get("score"), p.get("score")) or (
        g.get("rank") is not None and g.get("rank") == p.get("rank")
    )


_SHARED_RUN = 25  # characters two evidences must share when neither contains the other


def _same_initiative(g: dict[str, Any], p: dict[str, Any], text: str) -> bool:
    """Evidence overlap (containment or a 25-character shared run) and a short name."""
    gs = text.find(g.get("evidence") or "\0")
    if gs < 0 or not is_short_name(p.get("name")):
        return False
    ge = gs + len(g["evidence"])
    ps, pe = p.get("span_start", -1), p.get("span_end", -1)
    contains = (gs <= ps and pe <= ge) or (ps <= gs and ge <= pe)
    return pe > ps and (contains or min(ge, pe) - max(gs, ps) >= _SHARED_RUN)


def _same_category(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return g.get("category") == p.get("category")


def _names(items: Iterable[Any], key: str | None = None) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        name = item if key is None else (item.get("name_en") or item.get(key))
        if fold(name):
            out.setdefault(fold(name), {"name": name})
    return list(out.values())


def _values(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in items:
        if item.get("value") is not None and not any(
            _close(item["value"], o["value"]) for o in out
        ):
            out.append(item)
    return out


def score_document(
    gold: dict[str, Any], predicted: dict[str, Any], text: str
) -> tuple[dict[str, Score], dict[str, Any]]:
    """Score one document's ``newsintel facts`` JSON against its gold; also return misses."""
    scores: dict[str, Score] = {}
    errors: dict[str, Any] = {}

    def run(name: str, g: list[Any], p: list[Any], same: Pair, agree: Pair = _same_year) -> None:
        score, missed, extra = _match(g, p, same, agree, agree_first=name == "initiatives")
        scores[name] = score
        if missed or extra:
            errors[name] = {"missed": missed, "extra": extra}

    run("index_facts", gold.get("index_facts", []), predicted.get("index_facts", []), _same_fact)
    run(
        "percentages",
        _values(gold.get("percentages", [])),
        _values(predicted.get("percentages", [])),
        lambda g, p: _close(g["value"], p["value"]),
    )
    for name in ("provinces", "districts", "organisations", "mentions_only"):
        run(name, _names(gold.get(name, [])), _names(predicted.get(name, [])), _same_name)
    run(
        "people",
        _names(gold.get("people", []), "name"),
        _names(predicted.get("people", []), "name"),
        _same_name,
    )
    run(
        "initiatives",
        gold.get("initiatives", []),
        predicted.get("initiatives", []),
        lambda g, p: _same_initiative(g, p, text),
        _same_category,
    )
    return scores, errors


def _same_name(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return fold(g["name"]) == fold(p["name"])


def score_documents(
    docs: Sequence[GoldDoc], extract: Callable[[GoldDoc], tuple[dict[str, Any], str]]
) -> Report:
    """Run ``extract`` (returning the facts JSON and the text) on each document and score it."""
    report = Report()
    for doc in docs:
        predicted, text = extract(doc)
        scores, errors = score_document(doc.gold, predicted, text)
        language = str(doc.gold.get("language") or predicted.get("language") or "?")
        report.add(language, scores)
        if errors:
            report.errors.append({"file": str(doc.gold_path), "errors": errors})
    return report
