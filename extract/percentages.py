"""Percentages: every percentage in the text, with what it measures, subject and year.

A national average in brackets or after "national average" is the comparison value of the
percentage before it in the sentence, not an entry of its own. ``measures`` is the clause
around the number, or None when that clause says nothing beyond the number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.facts_lexicon import FactsLexicon, load_lexicon
from extract.index_facts import PlaceLike
from extract.models import Evidence, Percentage
from extract.numbers import NumberToken, find_numbers, normalize_digits
from extract.sentences import clause_spans, sentence_spans

__all__ = ["find_percentages"]

_YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)")
_COMPARISON_WINDOW = 40


def find_percentages(
    text: str,
    language: str | None,
    *,
    places: Sequence[PlaceLike] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
    default_subject: str | None = None,
) -> tuple[Percentage, ...]:
    """Return every percentage of ``text`` in order.

    Args:
        text: The article text; evidence offsets index it.
        language: ISO 639-1 code selecting the lexicon (percent words, number locale).
        places: Gazetteer matches over ``text``: the nearest one before a number is its subject.
        sentences: Sentence spans (computed when not given).
        default_subject: Subject when the sentence names none (the article's main province).
    """
    lexicon = load_lexicon(language)
    tokens = find_numbers(
        text,
        lexicon.locale,
        percent_words=lexicon.percent,
        percent_prefixes=lexicon.percent_prefix,
    )
    percents = [t for t in tokens if t.is_percent]
    out: list[Percentage] = []
    spans = sentences if sentences is not None else sentence_spans(text)
    for start, end in spans:
        inside = [t for t in percents if start <= t.start < end]
        out.extend(_sentence(text, start, end, inside, lexicon, places, default_subject))
    return tuple(out)


def _is_comparison(
    text: str, tok: NumberToken, prev: NumberToken | None, lexicon: FactsLexicon
) -> bool:
    if prev is None:
        return False
    window = normalize_digits(text[max(prev.end, tok.start - _COMPARISON_WINDOW) : tok.start])
    lowered = window.lower()
    return any(word.lower() in lowered for word in lexicon.national) and (
        "(" in window or "than" in lowered or "so với" in lowered or len(lowered) < 30
    )


def _sentence(
    text: str,
    start: int,
    end: int,
    tokens: list[NumberToken],
    lexicon: FactsLexicon,
    places: Sequence[PlaceLike],
    default_subject: str | None,
) -> list[Percentage]:
    out: list[Percentage] = []
    main: NumberToken | None = None
    main_index = -1
    for tok in tokens:
        if _is_comparison(text, tok, main, lexicon):
            if main_index >= 0 and out[main_index].comparison_value is None:
                pct = out[main_index]
                out[main_index] = Percentage(
                    pct.value, pct.measures, pct.subject, pct.year, tok.value, pct.evidence
                )
            continue
        clause = _clause_of(text, start, end, tok.start)
        out.append(
            Percentage(
                value=tok.value,
                measures=_measures(text, clause, tok),
                subject=_subject(places, start, end, tok.start) or default_subject,
                year=_year(text, start, end),
                comparison_value=None,
                evidence=Evidence(text[clause[0] : clause[1]], clause[0], clause[1]),
            )
        )
        main, main_index = tok, len(out) - 1
    return out


def _clause_of(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    for cs, ce in clause_spans(text, start, end):
        if cs <= pos < ce:
            return cs, ce
    return start, end


def _measures(text: str, clause: tuple[int, int], tok: NumberToken) -> str | None:
    before = text[clause[0] : tok.start].strip(" :,;(")
    after = text[(tok.unit_end or tok.end) : clause[1]].strip(" :,;)")
    phrase = f"{before} … {after}".strip(" …") if before and after else before or after
    return phrase if len(phrase.split()) >= 2 or len(phrase) >= 6 else None


def _subject(places: Sequence[PlaceLike], start: int, end: int, pos: int) -> str | None:
    local = [p for p in places if p.kind in ("province", "district")]
    before = [p for p in local if start <= p.start < pos]
    if before:
        return before[-1].canonical
    inside = [p for p in local if start <= p.start < end]
    return inside[0].canonical if inside else None


def _year(text: str, start: int, end: int) -> int | None:
    match = _YEAR.search(normalize_digits(text[start:end]))
    return int(match.group()) if match else None
