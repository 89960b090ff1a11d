"""Figures of index facts: ranks, scores, rank changes, table cells and the years they belong to.

Everything here reads digit-normalised text (``numbers.normalize_digits``) with the patterns of
one language's ``FactsLexicon``; offsets index the article text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal

from extract.fact_subjects import Subject
from extract.facts_lexicon import FactsLexicon
from extract.numbers import NumberToken, find_numbers, normalize_digits, parse_cjk_numeral
from extract.regex_cues import cues, lowered_document, may_match
from extract.sentences import clause_spans

__all__ = [
    "YEAR",
    "Draft",
    "Figure",
    "covered",
    "fact_year",
    "index_year_of",
    "is_comparative",
    "number_value",
    "parallel_years",
    "rank_figures",
    "relative_years",
    "score_figures",
    "shared_years",
    "spans",
    "streak_years",
    "year_in_clause",
    "year_range",
    "years_in",
]

YEAR = re.compile(r"(?<![\d.,/])(19[89]\d|20[0-4]\d|25[3-8]\d)(?![\d.,]?\d)")


@dataclass(slots=True)
class Figure:
    """A rank, score or rank change found in a sentence."""

    kind: Literal["rank", "score", "change"]
    start: int
    end: int
    value: float
    total: int | None = None
    unit: Literal["%", "points"] | None = None
    earlier: bool = False  # the "from" rank of "from 12th to 7th": the year before
    how: str = "stated"  # "list": a rank inferred from a list's order


@dataclass(slots=True)
class Draft:
    """The figures given to one subject mention in one sentence."""

    subject: Subject
    figures: list[Figure] = field(default_factory=list)
    comparison: tuple[str, float] | None = None  # ("national average", 85.61)
    floor: int = 0  # where this subject's figures start: other subjects' figures end here


def number_value(match: re.Match[str], lexicon: FactsLexicon) -> float | None:
    """Return the number of a match: group n (digits), w (ordinal), k (cardinal) or c (CJK)."""
    groups = match.groupdict()
    if groups.get("n"):
        return float(groups["n"].replace(",", "."))
    if groups.get("w"):
        return float(lexicon.ordinals.get(groups["w"].lower(), 0)) or None
    if groups.get("k"):
        return float(lexicon.cardinals.get(groups["k"].lower(), 0)) or None
    if groups.get("c"):
        value = parse_cjk_numeral(groups["c"])
        return float(value) if value else None
    return None


def spans(
    patterns: Sequence[re.Pattern[str]], norm: str, start: int, end: int
) -> list[re.Match[str]]:
    """Return every match of the patterns in ``norm[start:end]``.

    Only the patterns whose literal cues ``norm`` holds are run (found once per text).
    """
    if isinstance(patterns, tuple):
        patterns = _held(norm, patterns)
    return [m for p in patterns for m in p.finditer(norm, start, end)]


@lru_cache(maxsize=64)
def _held(norm: str, patterns: tuple[re.Pattern[str], ...]) -> tuple[re.Pattern[str], ...]:
    """The patterns that may match somewhere in ``norm``: those whose cues it holds."""
    lowered = lowered_document(norm)
    return tuple(p for p in patterns if may_match(_cues(p), lowered))


@lru_cache(maxsize=4096)
def _cues(pattern: re.Pattern[str]) -> frozenset[str] | None:
    return cues(pattern.pattern)


def covered(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Tell whether ``pos`` lies in one of the spans."""
    return any(s <= pos < e for s, e in spans)


def rank_figures(
    norm: str,
    start: int,
    end: int,
    lexicon: FactsLexicon,
    *,
    held: Sequence[tuple[int, int]] = (),
) -> tuple[list[Figure], list[tuple[int, int]]]:
    """Find ranks, rank changes and the spans whose numbers are not scores.

    ``held`` are spans whose numbers have another role (a score change, a maximum...):
    after rank changes are found, nothing in them is a rank or a score.
    """
    blocked = [(m.start(), m.end()) for m in spans(lexicon.blocked, norm, start, end)]
    figures: list[Figure] = []
    used: list[tuple[int, int]] = list(blocked)
    for kind, sign, patterns in (("change", 1, lexicon.up), ("change", -1, lexicon.down)):
        for m in spans(patterns, norm, start, end):
            value = number_value(m, lexicon)
            if value is not None and not covered(m.start(), used):
                figures.append(Figure(kind, m.start(), m.end(), sign * value))  # type: ignore[arg-type]
                used.append((m.start(), m.end()))
    used.extend(held)
    for m in spans(lexicon.rank, norm, start, end):
        value = number_value(m, lexicon)
        anchor = m.start("n") if m.groupdict().get("n") else m.start()
        if value is None or not 0 < value < 1000 or value != int(value):
            continue
        if m.groupdict().get("n") and (
            re.match(r"\s*[\d%٪]|[.,]\d|/[^\W\d]|-[A-Z]", norm[m.end("n") : m.end("n") + 3])
            or m.group("n").startswith("0")
        ):
            continue  # "5.92", "80%", "02/NQ-CP": not ranks
        if covered(anchor, used) or any(
            f.kind == "rank" and f.start < m.end() and m.start() < f.end for f in figures
        ):  # one rank matched by two patterns ("era ottava", "ottava nel")
            continue
        total = _whole_number(norm, m.start("total")) if m.groupdict().get("total") else None
        figures.append(Figure("rank", m.start(), m.end(), value, total))
        used.append((m.start(), m.end()))
        for cont in _continued_numbers(norm, m.end(), end):  # "thứ 22, 17 và 13", "5 y 14"
            figures.append(Figure("rank", cont.start(1), cont.end(1), float(cont.group(1))))
            used.append((cont.start(), cont.end()))
        if m.groupdict().get("w"):  # "seventh in 2020 and sixth in 2021"
            for cont in _continued_ordinals(norm, m.end(), end, lexicon):
                value = lexicon.ordinals.get(cont.group("w").lower())
                if value and not covered(cont.start("w"), used):
                    figures.append(Figure("rank", cont.start("w"), cont.end("w"), float(value)))
                    used.append((cont.start("w"), cont.end("w")))
    _mark_moves(norm, start, end, lexicon, figures)
    for m in spans(lexicon.top, norm, start, end):
        if not covered(m.start(), used):
            figures.append(Figure("rank", m.start(), m.end(), 1.0))
            used.append((m.start(), m.end()))
    for m in spans(lexicon.total, norm, start, end):
        used.append((m.start(), m.end()))
        near = [f for f in figures if f.kind == "rank" and f.total is None]
        if near:
            nearest = min(near, key=lambda f: abs(f.end - m.start()))
            if abs(nearest.end - m.start()) < 40:
                nearest.total = int(m.group("total"))
    return figures, used


def _whole_number(norm: str, pos: int) -> int:
    """Return the whole number that starts at ``pos``.

    A pattern's lookahead can make the regex engine give back digits ("38/63 tỉnh" matched
    as total 6 before "3 tỉnh"); the total is the number as written.
    """
    match = _DIGITS.match(norm, pos)
    return int(match.group()) if match else 0


_DIGITS = re.compile(r"\d+")


def _mark_moves(
    norm: str, start: int, end: int, lexicon: FactsLexicon, figures: list[Figure]
) -> None:
    """Mark the first rank of "from 12th to 7th", "12위에서 7위로", "由第12位升至第7位"."""
    for m in spans(lexicon.move, norm, start, end):
        a, b = m.span("n")
        later = [f for f in figures if f.kind == "rank" and f.start < m.end("m") <= f.end + 3]
        for fig in figures:
            if fig.kind == "rank" and fig.start < b and a < fig.end and later:
                fig.earlier = True


_CONTINUED = re.compile(
    r"\s*(?:,|、|và|and|y|e|et|und|bzw\.|beziehungsweise|и|dan|og|및|와|과|和|及|و|และ|និង)\s*"
    r"(?:thứ\s*|hạng\s*|第\s*|อันดับที่\s*)?(\d{1,3})(?!\w)(?![.,]\d)(?!\s*(?:%|٪|điểm|points?|Punkte|点|분|점))"
)


def _continued_numbers(norm: str, pos: int, end: int) -> list[re.Match[str]]:
    """The numbers that continue a rank in a list ("xếp thứ 22, 17 và 13")."""
    out: list[re.Match[str]] = []
    while True:
        m = _CONTINUED.match(norm, pos, end)
        if m is None or YEAR.fullmatch(m.group(1)):
            return out
        out.append(m)
        pos = m.end()


_COORDINATOR = r"(?:,|、|và|and|y|e|et|und|и|dan|og|및|와|과|和|及|و|และ)"


@cache
def _ordinal_continuation(ordinals: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, ordinals), key=len, reverse=True)) or "(?!)"
    return re.compile(
        rf"[^\d.;:!?]{{0,14}}?(?:19|20)\d\d\s*{_COORDINATOR}\s*(?:the\s+|la\s+|le\s+)?"
        rf"(?P<w>{words})(?!\w)(?!\s+of\b)",
        re.IGNORECASE,
    )


@cache
def _ordinal_pair(ordinals: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, ordinals), key=len, reverse=True)) or "(?!)"
    return re.compile(
        rf"\s*{_COORDINATOR}\s*(?:thứ\s+|the\s+|la\s+|le\s+|el\s+)?(?P<w>{words})(?!\w)(?!\s*\d)",
        re.IGNORECASE,
    )


def _continued_ordinals(
    norm: str, pos: int, end: int, lexicon: FactsLexicon
) -> list[re.Match[str]]:
    """Ordinal words that continue a rank after its year ("الثانية في عام 2020 والثالثة").

    Or right after it: "lần lượt ở vị trí thứ hai và thứ ba", "second and third".
    """
    out: list[re.Match[str]] = []
    ordinals = tuple(lexicon.ordinals)
    for pattern in (_ordinal_continuation(ordinals), _ordinal_pair(ordinals)):
        while (m := pattern.match(norm, pos, end)) is not None:
            out.append(m)
            pos = m.end()
    return out


def score_figures(
    text: str,
    norm: str,
    start: int,
    end: int,
    lexicon: FactsLexicon,
    used: list[tuple[int, int]],
    *,
    inherited: bool,
    ranked: bool,
) -> list[Figure]:
    """Return the scores of a sentence: numbers with a unit, decimals or after a score cue."""
    cue_starts = {m.start("n") for m in spans(lexicon.score_cue, norm, start, end)}
    out: list[Figure] = []
    tokens = find_numbers(
        text[start:end],
        lexicon.locale,
        percent_words=lexicon.percent,
        percent_prefixes=lexicon.percent_prefix,
    )
    for tok in tokens:
        s, e = start + tok.start, start + tok.end
        if covered(s, used) or _is_year(tok, text, s, e):
            continue
        after = norm[e : e + 12].lower().lstrip(" -")
        unit = _unit(tok, after, lexicon)
        if not 0 < tok.value <= 100:
            continue
        scale = re.match(r"/(\d+)(?![.,]?\d)", norm[e : e + 6]) if norm[e : e + 1] == "/" else None
        if scale and not (tok.has_fraction and scale[1] in _OVERALL_MAXIMA):
            continue  # "8,3/10": a dimension on its own scale, or a rank "36/63"
        if unit is None and not tok.has_fraction and s not in cue_starts:
            continue
        if unit is None and tok.has_fraction and _before_is_count(norm, s):
            continue
        if (
            unit == "%"
            and inherited
            and (
                _is_share(norm, tok, start, lexicon)
                or not (s in cue_starts or ranked or _speaks_of_scores(norm, start, end, lexicon))
            )
        ):
            continue  # "64.3% of applications" in a sentence that does not name the index
        out.append(Figure("score", s, e, tok.value, unit=unit))
    return out


# "40,62/80 điểm", "47.82/100": an index's whole scale (PAPI 80, PCI and PAR Index 100);
# a score over it is the index's, the maximum a candidate (lexicons/roles/xx.toml)
_OVERALL_MAXIMA = frozenset({"80", "100"})


def _speaks_of_scores(norm: str, start: int, end: int, lexicon: FactsLexicon) -> bool:
    lowered = norm[start:end].lower()
    for prefix in lexicon.percent_prefix:  # "百分之" holds "分" (point) but names a percent
        lowered = lowered.replace(prefix, " ")
    return any(word in lowered for word in lexicon.score_words)


def _is_share(norm: str, tok: NumberToken, offset: int, lexicon: FactsLexicon) -> bool:
    after = norm[offset + (tok.unit_end or tok.end) : offset + (tok.unit_end or tok.end) + 12]
    after = after.strip().lower()
    return any(
        after.startswith(w)
        and (w.endswith("'") or not w.isascii() or not after[len(w) : len(w) + 1].isalpha())
        for w in lexicon.share_words
    )


def _before_is_count(norm: str, start: int) -> bool:
    return norm[max(0, start - 1) : start] in ("+", "-", "±")


def _unit(tok: NumberToken, after: str, lexicon: FactsLexicon) -> Literal["%", "points"] | None:
    if tok.is_percent:
        return "%"
    for word in lexicon.points:
        if after.startswith(word):
            nxt = after[len(word) : len(word) + 1]
            if not (word.isascii() and nxt.isalpha()):
                return "points"
    return None


def _is_year(tok: NumberToken, text: str, s: int, e: int) -> bool:
    return not tok.has_fraction and bool(YEAR.fullmatch(normalize_digits(text[s:e])))


def years_in(norm: str, start: int, end: int, lexicon: FactsLexicon) -> list[tuple[int, int]]:
    """Return ``(offset, year)`` of a sentence's years (Buddhist era converted, dates skipped)."""
    out = []
    for m in YEAR.finditer(norm, start, end):
        year = int(m.group())
        if year > 2500:
            if not lexicon.buddhist_years:
                continue
            year -= 543
        if _is_date(norm, m.start(), m.end()):
            continue  # "17 May 2025", "28/2/2024", "2024年4月23日": when it was published
        out.append((m.start(), year))
    return out


_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|juli|"
    "oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|"
    "novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    "noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|"
    "dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro|"
    "januari|februari|maret|juni|juli|agustus|oktober|desember|tháng \\d{1,2}|"
    "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|"
    "พฤศจิกายน|ธันวาคม"
)
_ERA = r"(?:พ\.\s?ศ\.\s*|ค\.\s?ศ\.\s*)?"  # Thai "B.E." / "A.D." before a year
_DATE_BEFORE = re.compile(
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]|(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?{_ERA}|\d{{1,2}}\.?\s+(?:{_MONTHS})\.?,?\s+{_ERA})$",
    re.IGNORECASE,
)
_DATE_AFTER = re.compile(r"(?:年\s*\d{1,2}\s*月|[/\-]\d{1,2}[/\-]\d{1,2})")


def _is_date(norm: str, start: int, end: int) -> bool:
    return bool(
        _DATE_BEFORE.search(norm, max(0, start - 24), start) or _DATE_AFTER.match(norm, end)
    )


def relative_years(
    norm: str,
    start: int,
    end: int,
    lexicon: FactsLexicon,
    years: list[tuple[int, int]],
    current: int | None,
) -> list[tuple[int, int]]:
    """Return "the following year" and "last year" marks as ``(offset, year)``.

    "The following year" counts from the year written before it; "last year", "前年" count
    back from the sentence's first year, else the article's current year.
    """
    out = []
    for m in spans(lexicon.following_year, norm, start, end):
        before = [y for pos, y in years if pos < m.start()]
        if before:
            out.append((m.start(), before[-1] + 1))
    reference = years[0][1] if years else current
    if reference is not None:
        out += [
            (m.start(), reference - 1)
            for m in spans(lexicon.previous_year, norm, start, end)
            if not _compares(norm, m, lexicon)
        ]
    return out


def _compares(norm: str, match: re.Match[str], lexicon: FactsLexicon) -> bool:
    """Tell whether "last year" is only the point of comparison ("전년보다 9계단", "较上年")."""
    before = norm[max(0, match.start() - 16) : match.start()].lower().rstrip()
    after = norm[match.end() : match.end() + 8].lower().lstrip()
    return any(before.endswith(w) for w in lexicon.comparison_before) or any(
        after.startswith(w) for w in lexicon.compared_after
    )


def streak_years(norm: str, start: int, end: int, lexicon: FactsLexicon) -> list[int]:
    """Years of "N consecutive years since Y" (both stated); nothing when either is missing."""
    for m in spans(lexicon.streak, norm, start, end):
        count = number_value(m, lexicon)
        first = int(m.group("a"))
        if count and 1 < count <= 20:
            return list(range(first, first + int(count)))
    return []


def year_range(norm: str, start: int, end: int, lexicon: FactsLexicon) -> list[int]:
    """Return the years of a range ("from 2021 to 2023"), at most ten."""
    for m in spans(lexicon.year_range, norm, start, end):
        a, b = int(m.group("a")), int(m.group("b"))
        if 0 < b - a <= 10:
            return list(range(a, b + 1))
    return []


def is_comparative(norm: str, pos: int, lexicon: FactsLexicon) -> bool:
    """Tell whether the year at ``pos`` is a point of comparison ("compared to 2022")."""
    before = norm[max(0, pos - 16) : pos].lower().rstrip()
    after = norm[pos + 4 : pos + 10].lower()
    return any(
        before.endswith(w) or before.endswith(w + " năm") for w in lexicon.comparison_before
    ) or any(after.lstrip().startswith(w) for w in lexicon.comparison_after)


def parallel_years(
    years: list[tuple[int, int]], ranks: list[Figure], scores: list[Figure]
) -> list[int]:
    """Pair as many years as figures, in order.

    The years come all before the figures ("in 2021 and 2022 it ranked 22nd and 17th") or
    alternate with them, each before its figure ("in 2020 it was 44th, in 2021 36th") or
    each after it ("7th in 2020 and 6th in 2021").
    """
    figures = ranks if len(ranks) >= len(scores) else scores
    if len(years) < 2 or len(years) != len(figures):
        return []
    if years[-1][0] < figures[0].start or _alternate(years, figures):
        return [y for _, y in years]
    return []


def _alternate(years: list[tuple[int, int]], figures: list[Figure]) -> bool:
    marks = sorted([(pos, "y") for pos, _ in years] + [(f.start, "f") for f in figures])
    kinds = [kind for _, kind in marks]
    return all(a != b for a, b in itertools.pairwise(kinds))


def shared_years(
    norm: str,
    figure: Figure,
    clauses: Sequence[tuple[int, int]],
    lexicon: FactsLexicon,
) -> list[int]:
    """Years one figure holds for together ("1st in both 2022 and 2023").

    The years follow the figure closely, or open its clause with no other year between
    ("In both 2022 and 2023, X topped the index").
    """
    clause = next(((cs, ce) for cs, ce in clauses if cs <= figure.start < ce), None)
    if clause is None:
        return []
    for m in spans(lexicon.shared_years, norm, clause[0], clause[1]):
        follows = 0 <= m.start() - figure.end <= 3
        opens = m.end() <= figure.start and not YEAR.search(norm, m.end(), figure.start)
        if follows or opens:
            return [int(m.group("a")), int(m.group("b"))]
    return []


def fact_year(
    figure: Figure,
    clauses: Sequence[tuple[int, int]],
    marks: list[tuple[int, int]],
    default: int | None,
    *,
    index_year: int | None = None,
    relative: Sequence[tuple[int, int]] = (),
) -> int | None:
    """Pick a figure's year.

    The year in the figure's clause, else the year written next to the index name in the
    sentence ("the 2024 PCI"), else the nearest year of the sentence, else ``default``.
    ``relative`` years ("last year") count only inside the figure's clause.
    """
    pos = figure.start
    clause = next(((cs, ce) for cs, ce in clauses if cs <= pos < ce), None)
    inside = [m for m in (*marks, *relative) if clause and clause[0] <= m[0] < clause[1]]
    if not inside and index_year is not None:
        return index_year
    pool = inside or marks
    if not pool:
        return default

    def gap(mark: tuple[int, int]) -> int:
        year_start = mark[0]
        year_end = year_start + 4
        if figure.start <= year_start < figure.end:
            return 0  # "2nd the following year" is one match
        return figure.start - year_end if year_end <= figure.start else year_start - figure.end

    return min(pool, key=lambda m: abs(gap(m)))[1]


def index_year_of(
    years: list[tuple[int, int]], mentions: list[tuple[int, int, str]], offset: int
) -> int | None:
    """Return the year written within a few characters of an index name, if any."""
    best: tuple[int, int] | None = None
    for pos, year in years:
        for start, end, _ in mentions:
            gap = min(abs(pos - (offset + end)), abs(offset + start - (pos + 4)))
            if gap <= 12 and (best is None or gap < best[0]):
                best = (gap, year)
    return best[1] if best else None


def year_in_clause(text: str, pos: int, years: list[tuple[int, int]], start: int, end: int) -> bool:
    """Tell whether the clause around ``pos`` (in the sentence ``start:end``) states a year."""
    for cs, ce in clause_spans(text, start, end):
        if cs <= pos < ce:
            return any(cs <= y < ce for y, _ in years)
    return False
