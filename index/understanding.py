"""What a query asks for, read with the extractor's lexicons: ranks, rank changes, scores, units.

Provinces, index names and years come from ``index.query`` (the gazetteer's ``match_places``
and the facts lexicon's index names of every language). This module adds the figures a query
names, parsed by the same code and per-language patterns extraction uses
(``extract.fact_figures.rank_figures`` and ``score_figures`` with the query language's
``FactsLexicon``; ``extract.fact_units.find_units`` for departments, districts and communes),
so "tụt 5 bậc", "下降5位", "3계단 하락" and "fell five places" are all a change of -5.
A query naming a score word without a number ("баллы", "คะแนน", "점수", "score"; the
extractor's score-column header words of every language) asks for a score: an article stating
the figure answers it better than one naming the ranking in passing.
A query is short and its language uncertain: the lexicons of the detector's candidate
languages and English are tried; the reading with the most figures wins, a rank change
counting twice ("上升11位" is a rise of 11 in Chinese, a rank of 11 in Japanese).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from index.text import fold

__all__ = ["Figures", "summary", "understood_figures"]

_MIN_CONFIDENCE = 0.05  # detector candidates below this are not tried


@dataclass(frozen=True, slots=True)
class Figures:
    """Ranks, rank changes, scores and sub-provincial units a query names."""

    language: str | None = None  # the lexicon that read the figures
    ranks: tuple[int, ...] = ()
    changes: tuple[int, ...] = ()  # signed: +14 is "up 14 places"
    scores: tuple[float, ...] = ()
    units: tuple[str, ...] = ()  # canonical: "Department of Justice (Tuyen Quang)"
    asks_score: bool = False  # a score word without a number: "Quang Ninh PCI 2022 score"


def _languages(text: str) -> list[str]:
    """Facts-lexicon languages to read ``text`` with, most likely first, English last."""
    try:
        from extract.facts_lexicon import available_languages
        from extract.language import detect_candidates
    except ImportError:  # pragma: no cover - the extractor is part of the project
        return []
    known = set(available_languages())
    guesses = [g.language for g in detect_candidates(text) if g.confidence >= _MIN_CONFIDENCE]
    return list(dict.fromkeys([*(g for g in guesses if g in known), "en"]))


def _read(text: str, language: str, years: list[tuple[int, int]]) -> Figures:
    """Figures of ``text`` under one language's lexicon; ``years`` are spans to leave alone."""
    from extract.fact_figures import rank_figures, score_figures
    from extract.facts_lexicon import load_lexicon
    from extract.numbers import normalize_digits

    lexicon = load_lexicon(language)
    norm = normalize_digits(text)
    figures, used = rank_figures(norm, 0, len(norm), lexicon, held=years)
    ranks = tuple(dict.fromkeys(int(f.value) for f in figures if f.kind == "rank"))
    changes = tuple(dict.fromkeys(int(f.value) for f in figures if f.kind == "change"))
    scores: tuple[float, ...] = ()
    if figures or any(p.search(norm) for p in lexicon.score_cue):
        found = score_figures(
            text, norm, 0, len(norm), lexicon, [*used, *years], inherited=False, ranked=True
        )
        scores = tuple(dict.fromkeys(f.value for f in found if f.kind == "score"))
    return Figures(lexicon.language, ranks, changes, scores)


def _weight(figures: Figures) -> int:
    """How much a reading found: a rank change is the most specific figure."""
    return 2 * len(figures.changes) + len(figures.ranks) + len(figures.scores)


def _units(text: str, language: str | None, provinces: tuple[str, ...]) -> tuple[str, ...]:
    """Canonical names of the departments, districts and communes ``text`` names."""
    from extract.fact_units import find_units
    from extract.gazetteer import match_places

    places = match_places(text)
    province = provinces[0] if len(provinces) == 1 else None
    found = find_units(text, 0, len(text), language, places, province)
    return tuple(dict.fromkeys(u.canonical for u in found))


def _year_spans(text: str) -> list[tuple[int, int]]:
    from extract.fact_figures import YEAR

    return [m.span() for m in YEAR.finditer(text)]


@cache
def _score_words() -> re.Pattern[str] | None:
    """Score words of every lexicon language (whole words in spaced scripts), folded."""
    from extract.facts_lexicon import load_lexicon

    words = sorted({fold(w) for w in load_lexicon("en").table_score if w}, key=len, reverse=True)
    bodies = [
        rf"(?<![^\W_]){re.escape(w)}(?![^\W_])" if w.isascii() else re.escape(w) for w in words
    ]
    return re.compile("|".join(bodies)) if bodies else None


def _asks_score(text: str, figures: Figures) -> bool:
    """Tell whether ``text`` asks for a score without naming one."""
    pattern = _score_words()
    return not figures.scores and pattern is not None and bool(pattern.search(fold(text)))


@cache
def understood_figures(text: str, provinces: tuple[str, ...] = ()) -> Figures:
    """Return the ranks, rank changes, scores and units ``text`` names (any lexicon language)."""
    languages = _languages(text)
    if not languages:
        return Figures()
    years = _year_spans(text)
    readings = [_read(text, language, years) for language in languages]
    best = max(readings, key=_weight)  # the first of equals: the likeliest language
    units = _units(text, best.language, provinces)
    asks = _asks_score(text, best)
    return Figures(best.language, best.ranks, best.changes, best.scores, units, asks)


def _change_words(change: int) -> str:
    places = "place" if abs(change) == 1 else "places"
    return f"{'up' if change > 0 else 'down'} {abs(change)} {places}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def summary(understood: dict[str, Any]) -> str:
    """One line of what was understood: "Phu Yen · PAR Index · 2024 · up 14 places"."""
    parts: list[str] = [*understood.get("provinces", ()), *understood.get("units", ())]
    parts += [code.replace("_INDEX", " Index") for code in understood.get("indexes", ())]
    parts += [str(year) for year in understood.get("years", ())]
    parts += [f"{_ordinal(rank)} place" for rank in understood.get("ranks", ())]
    parts += [_change_words(change) for change in understood.get("rank_changes", ())]
    parts += [f"score {score:g}" for score in understood.get("scores", ())]
    parts += ["score"] if understood.get("asks_score") else []
    return " · ".join(parts)
