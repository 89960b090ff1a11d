"""Index facts: figures (score, rank, rank change) reported for a named index and subject.

Per sentence: find the index (named there, or the one the article is talking about), the
subjects (gazetteer places, ministries and other units, national or local aggregates), the
ranks, scores and rank changes (lexicon patterns over digit-normalised text), then give each
figure to the subject of its clause. Ranked lists ("followed by X, Y and Z", "次いで",
"…순") continue the last rank. A figure without a clear index and subject is left out.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from extract.facts_lexicon import FactsLexicon, load_lexicon
from extract.models import Evidence, IndexFact
from extract.numbers import NumberToken, find_numbers, normalize_digits, parse_cjk_numeral
from extract.sentences import clause_spans, sentence_spans

__all__ = ["PlaceLike", "Subject", "find_index_facts", "find_subjects", "index_mentions"]

_YEAR = re.compile(r"(?<![\d.,/])(19[89]\d|20[0-4]\d|25[3-8]\d)(?![\d.,]?\d)")
_SCOPE = re.compile(
    r"(?:\bin|\btrong|\bim|\bdans|\ben|\bв|\bdi)\s+(?:the\s+|la\s+|le\s+|der\s+)?$", re.I
)
_SUBJECT_LEAD = 30  # a subject within this many characters of a clause start governs it


class PlaceLike(Protocol):
    """What index facts need from a gazetteer match."""

    start: int
    end: int
    canonical: str
    kind: str


@dataclass(frozen=True, slots=True)
class Subject:
    """A subject mention: a place, a unit, an aggregate, or a deictic (canonical None)."""

    start: int
    end: int
    canonical: str | None
    is_region: bool = False


@dataclass(slots=True)
class _Figure:
    kind: Literal["rank", "score", "change"]
    start: int
    end: int
    value: float
    total: int | None = None
    unit: Literal["%", "points"] | None = None


@dataclass(slots=True)
class _Draft:
    subject: Subject
    figures: list[_Figure] = field(default_factory=list)
    comparison: tuple[str, float] | None = None  # ("national average", 85.61)


def index_mentions(text: str, lexicon: FactsLexicon) -> list[tuple[int, int, str]]:
    """Return ``(start, end, code)`` of every index name in ``text``."""
    lookup = {alias.lower(): code for alias, code in lexicon.indices}
    out = []
    for match in lexicon.index_regex.finditer(text):
        key = re.sub(r"[\s\-]", " ", match.group().lower())
        code = lookup.get(match.group().lower()) or _fuzzy_lookup(key, lookup)
        if code:
            out.append((match.start(), match.end(), code))
    return out


def _fuzzy_lookup(key: str, lookup: dict[str, str]) -> str | None:
    for alias, code in lookup.items():
        if re.sub(r"[\s\-]", " ", alias) == key or alias.replace(" ", "") == key.replace(" ", ""):
            return code
    return None


def _find_all(text: str, words: Sequence[str], start: int, end: int) -> list[tuple[int, int]]:
    """Find words case-insensitively; Latin-script words only as whole words."""
    lowered = text.lower()
    spans = []
    for word in words:
        key = word.lower()
        pos = lowered.find(key, start, end)
        while pos >= 0:
            stop = pos + len(key)
            if not _ascii_word(key) or _bounded(lowered, pos, stop):
                spans.append((pos, stop))
            pos = lowered.find(key, pos + 1, end)
    return spans


def _ascii_word(word: str) -> bool:
    return word[:1].isascii() and word[:1].isalpha()


def _bounded(text: str, start: int, stop: int) -> bool:
    before = text[start - 1 : start] if start else ""
    after = text[stop : stop + 1]
    return not (before.isalnum() or after.isalnum())


def find_subjects(
    text: str, start: int, end: int, lexicon: FactsLexicon, places: Sequence[PlaceLike]
) -> list[Subject]:
    """Return the subjects mentioned in ``text[start:end]``, in order, without overlaps."""
    found: list[Subject] = [
        Subject(p.start, p.end, p.canonical) for p in places if start <= p.start < end
    ]
    for words, name in (
        (lexicon.national, "Vietnam"),
        (lexicon.localities, "localities"),
        (lexicon.ministries, "ministries and branches"),
        (lexicon.deictic, None),
    ):
        found.extend(Subject(s, e, name) for s, e in _find_all(text, words, start, end))
    for alias, canonical in lexicon.units:
        found.extend(Subject(s, e, canonical) for s, e in _find_all(text, [alias], start, end))
    for alias, canonical in lexicon.regions:
        found.extend(
            Subject(s, e, canonical, True) for s, e in _find_all(text, [alias], start, end)
        )
    for pattern in lexicon.unit_patterns:
        for m in pattern.finditer(text, start, end):
            name = re.sub(r"^the ", "", m.group(), flags=re.IGNORECASE)
            found.append(Subject(m.start(), m.end(), name))
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Subject] = []
    for subject in found:
        if kept and subject.start < kept[-1].end:
            continue
        if kept and kept[-1].canonical == subject.canonical and _joined(text, kept[-1], subject):
            close = subject.end + 1 if text[subject.end : subject.end + 1] in ")）" else subject.end
            kept[-1] = replace(kept[-1], end=close)  # "꽝닌성(Quang Ninh)": one mention, twice
            continue
        kept.append(subject)
    kept = [s for i, s in enumerate(kept) if not _describes_neighbour(text, kept, i)]
    kept = [s for s in kept if not _is_source(text, s, lexicon)]
    # a region right before a province only describes it ("X Delta province Y"); after
    # "in (the)" it is the scope of the ranking ("7th of 12 provinces in the X region")
    return [
        s
        for i, s in enumerate(kept)
        if not (
            s.is_region
            and (
                (i + 1 < len(kept) and kept[i + 1].start - s.end <= 20)
                or _SCOPE.search(text, max(0, s.start - 12), s.start)
            )
        )
    ]


def _is_source(text: str, subject: Subject, lexicon: FactsLexicon) -> bool:
    """Tell whether a unit is the publisher ("the Ministry … announced"), not a subject."""
    if subject.canonical is None or subject.is_region:
        return False
    after = text[subject.end : subject.end + 16].lower()
    return any(after.lstrip(" ,").startswith(w) for w in lexicon.source_verbs)


def _describes_neighbour(text: str, subjects: list[Subject], i: int) -> bool:
    """Tell whether a deictic word only introduces a name ("die Provinz Lam Dong")."""
    if subjects[i].canonical is not None:
        return False
    near_next = i + 1 < len(subjects) and subjects[i + 1].start - subjects[i].end <= 3
    near_prev = i > 0 and subjects[i].start - subjects[i - 1].end <= 1
    return near_next or near_prev


def _joined(text: str, first: Subject, second: Subject) -> bool:
    gap = text[first.end : second.start].strip()
    return not gap or (len(gap) <= 4 and gap[-1] in "(（")


def _number_value(match: re.Match[str], lexicon: FactsLexicon) -> float | None:
    groups = match.groupdict()
    if groups.get("n"):
        return float(groups["n"].replace(",", "."))
    if groups.get("w"):
        return float(lexicon.ordinals.get(groups["w"].lower(), 0)) or None
    if groups.get("c"):
        value = parse_cjk_numeral(groups["c"])
        return float(value) if value else None
    return None


def _spans(
    patterns: Sequence[re.Pattern[str]], norm: str, start: int, end: int
) -> list[re.Match[str]]:
    return [m for p in patterns for m in p.finditer(norm, start, end)]


def _covered(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _rank_figures(
    norm: str, start: int, end: int, lexicon: FactsLexicon
) -> tuple[list[_Figure], list[tuple[int, int]]]:
    """Find ranks, rank changes and the spans whose numbers are not scores."""
    blocked = [(m.start(), m.end()) for m in _spans(lexicon.blocked, norm, start, end)]
    figures: list[_Figure] = []
    used: list[tuple[int, int]] = list(blocked)
    for kind, sign, patterns in (("change", 1, lexicon.up), ("change", -1, lexicon.down)):
        for m in _spans(patterns, norm, start, end):
            value = _number_value(m, lexicon)
            if value is not None and not _covered(m.start(), used):
                figures.append(_Figure(kind, m.start(), m.end(), sign * value))  # type: ignore[arg-type]
                used.append((m.start(), m.end()))
    for m in _spans(lexicon.rank, norm, start, end):
        value = _number_value(m, lexicon)
        anchor = m.start("n") if m.groupdict().get("n") else m.start()
        if value is None or not 0 < value < 1000 or value != int(value):
            continue
        if m.groupdict().get("n") and (
            re.match(r"\s*[\d%٪]|[.,]\d|/[^\W\d]|-[A-Z]", norm[m.end("n") : m.end("n") + 3])
            or m.group("n").startswith("0")
        ):
            continue  # "5.92", "80%", "02/NQ-CP": not ranks
        if _covered(anchor, used) or any(
            f.kind == "rank" and f.start <= anchor < f.end for f in figures
        ):
            continue
        total = m.groupdict().get("total")
        figures.append(_Figure("rank", m.start(), m.end(), value, int(total) if total else None))
        used.append((m.start(), m.end()))
        for cont in _continued_numbers(norm, m.end(), end):  # "thứ 22, 17 và 13", "5 y 14"
            figures.append(_Figure("rank", cont.start(1), cont.end(1), float(cont.group(1))))
            used.append((cont.start(), cont.end()))
    for m in _spans(lexicon.top, norm, start, end):
        if not _covered(m.start(), used):
            figures.append(_Figure("rank", m.start(), m.end(), 1.0))
            used.append((m.start(), m.end()))
    for m in _spans(lexicon.total, norm, start, end):
        used.append((m.start(), m.end()))
        near = [f for f in figures if f.kind == "rank" and f.total is None]
        if near:
            nearest = min(near, key=lambda f: abs(f.end - m.start()))
            if abs(nearest.end - m.start()) < 40:
                nearest.total = int(m.group("total"))
    return figures, used


_CONTINUED = re.compile(
    r"\s*(?:,|、|và|and|y|e|et|und|bzw\.|beziehungsweise|и|dan|og|및|와|과|和|及|و)\s*"
    r"(?:thứ\s*|hạng\s*)?(\d{1,3})(?!\d)(?![.,]\d)(?!\s*(?:%|٪|điểm|points?|Punkte|点|분|점))"
)


def _continued_numbers(norm: str, pos: int, end: int) -> list[re.Match[str]]:
    """The numbers that continue a rank in a list ("xếp thứ 22, 17 và 13")."""
    out = []
    while True:
        m = _CONTINUED.match(norm, pos, end)
        if m is None or _YEAR.fullmatch(m.group(1)):
            return out
        out.append(m)
        pos = m.end()


_CELL = re.compile(r"[^|\t]+")


def _cells(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    if norm.count("|", start, end) < 2 and norm.count("\t", start, end) < 2:
        return []
    return [(m.start(), m.end()) for m in _CELL.finditer(norm, start, end)]


def _table_header(norm: str, start: int, end: int, lexicon: FactsLexicon, ctx: _Context) -> None:
    """Remember which column of a "|" table holds ranks ("Province | Score | Rank")."""
    cells = _cells(norm, start, end)
    if not cells:
        ctx.rank_column = None
        return
    if any(
        any(ch.isdigit() for ch in norm[a:b]) and not lexicon.index_regex.search(norm[a:b])
        for a, b in cells
    ):
        return  # a data row
    for i, (a, b) in enumerate(cells):
        cell = norm[a:b].strip().lower()
        if any(word in cell for word in lexicon.rank_headers):
            ctx.rank_column = i
            return
    ctx.rank_column = None


def _table_rank(
    norm: str,
    start: int,
    end: int,
    lexicon: FactsLexicon,
    ctx: _Context,
    used: list[tuple[int, int]],
) -> list[_Figure]:
    cells = _cells(norm, start, end)
    if ctx.rank_column is None or len(cells) <= ctx.rank_column:
        return []
    a, b = cells[ctx.rank_column]
    m = re.fullmatch(r"\s*(\d{1,3})\s*", norm[a:b])
    if m is None or _covered(a + m.start(1), used):
        return []
    used.append((a, b))
    return [_Figure("rank", a + m.start(1), a + m.end(1), float(m.group(1)))]


def _score_figures(
    text: str,
    norm: str,
    start: int,
    end: int,
    lexicon: FactsLexicon,
    used: list[tuple[int, int]],
    *,
    inherited: bool,
    ranked: bool,
) -> list[_Figure]:
    cue_starts = {m.start("n") for m in _spans(lexicon.score_cue, norm, start, end)}
    out: list[_Figure] = []
    tokens = find_numbers(text[start:end], lexicon.locale, percent_words=lexicon.percent)
    for tok in tokens:
        s, e = start + tok.start, start + tok.end
        if _covered(s, used) or _is_year(tok, text, s, e):
            continue
        after = norm[e : e + 12].lower().lstrip(" -")
        unit = _unit(tok, after, lexicon)
        if not 0 < tok.value <= 100:
            continue
        if norm[e : e + 1] == "/" and re.match(r"/\d+(?![.,]?\d)", norm[e : e + 6]):
            continue  # "8,3/10": a score on its own scale, or a rank "36/63"
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
        out.append(_Figure("score", s, e, tok.value, unit=unit))
    return out


def _speaks_of_scores(norm: str, start: int, end: int, lexicon: FactsLexicon) -> bool:
    lowered = norm[start:end].lower()
    return any(word in lowered for word in lexicon.score_words)


def _is_share(norm: str, tok: NumberToken, offset: int, lexicon: FactsLexicon) -> bool:
    after = norm[offset + (tok.unit_end or tok.end) : offset + (tok.unit_end or tok.end) + 12]
    after = after.strip().lower()
    return any(
        after.startswith(w) and (w.endswith("'") or not after[len(w) : len(w) + 1].isalpha())
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
    return not tok.has_fraction and bool(_YEAR.fullmatch(normalize_digits(text[s:e])))


def _years(norm: str, start: int, end: int, lexicon: FactsLexicon) -> list[tuple[int, int]]:
    out = []
    for m in _YEAR.finditer(norm, start, end):
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
    "januari|februari|maret|juni|juli|agustus|oktober|desember|tháng \\d{1,2}"
)
_DATE_BEFORE = re.compile(
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]|(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?|\d{{1,2}}\.?\s+(?:{_MONTHS})\.?,?\s+)$",
    re.IGNORECASE,
)
_DATE_AFTER = re.compile(r"(?:年\s*\d{1,2}\s*月|[/\-]\d{1,2}[/\-]\d{1,2})")


def _is_date(norm: str, start: int, end: int) -> bool:
    return bool(
        _DATE_BEFORE.search(norm, max(0, start - 24), start) or _DATE_AFTER.match(norm, end)
    )


def _governing(clauses: list[tuple[int, int]], subjects: list[Subject]) -> list[Subject | None]:
    """Pick, for each clause, the subject its figures belong to when it names none."""
    result: list[Subject | None] = []
    current: Subject | None = None
    for cs, ce in clauses:
        inside = [s for s in subjects if cs <= s.start < ce]
        leading = [s for s in inside if s.start - cs <= _SUBJECT_LEAD]
        if leading:
            current = leading[0]
        result.append(current)
    # clauses before the first subject belong to the next one ("With 73.40 points, X leads")
    nxt: Subject | None = None
    for i in range(len(clauses) - 1, -1, -1):
        inside = [s for s in subjects if clauses[i][0] <= s.start < clauses[i][1]]
        if inside:
            nxt = inside[0]
        if result[i] is None:
            result[i] = nxt
    return result


def _respectively(
    text: str,
    start: int,
    end: int,
    figures: list[_Figure],
    subjects: list[Subject],
    lexicon: FactsLexicon,
) -> dict[int, Subject]:
    """Pair subjects and scores in order ("X and Y at 43.96 and 41.78 respectively")."""
    lowered = text[start:end].lower()
    if not any(word.lower() in lowered for word in lexicon.respectively):
        return {}
    pairs: dict[int, Subject] = {}
    for kind in ("score", "rank"):
        listed = [f for f in figures if f.kind == kind]
        if len(listed) < 2:
            continue
        before = [s for s in subjects if s.end <= listed[0].start and s.canonical]
        before = before[-len(listed) :]
        if len(before) == len(listed):
            pairs.update({id(f): s for f, s in zip(listed, before, strict=True)})
    return pairs


def _assign(
    text_of_sentence: str,
    figures: list[_Figure],
    clauses: list[tuple[int, int]],
    subjects: list[Subject],
    paired: dict[int, Subject],
    cues: list[int],
) -> list[_Draft]:
    governing = _governing(clauses, subjects)
    drafts: dict[int, _Draft] = {}
    for fig in sorted(figures, key=lambda f: f.start):
        if id(fig) in paired:
            subject = paired[id(fig)]
            drafts.setdefault(subject.start, _Draft(subject)).figures.append(fig)
            continue
        idx = next((i for i, (cs, ce) in enumerate(clauses) if cs <= fig.start < ce), None)
        if idx is None:
            continue
        cs, ce = clauses[idx]
        inside = [
            s
            for s in subjects
            if cs <= s.start < ce
            and (s.start < fig.start or not _separated(text_of_sentence, fig.end, s.start, cues))
        ]
        group = _paren_group(text_of_sentence, fig.start, cs)
        same = [s for s in inside if _paren_group(text_of_sentence, s.start, cs) == group]
        if same or group is None:
            inside = same
        subject = min(inside, key=lambda s: _distance(s, fig)) if inside else governing[idx]
        if subject is None or (
            subject.start > fig.end and _separated(text_of_sentence, fig.end, subject.start, cues)
        ):
            continue
        drafts.setdefault(subject.start, _Draft(subject)).figures.append(fig)
    _share_coordinated(text_of_sentence, subjects, drafts)
    return sorted(drafts.values(), key=lambda d: d.subject.start)


def _paren_group(text: str, pos: int, floor: int) -> int | None:
    """Return the offset of the open bracket enclosing ``pos`` (searching back to ``floor``)."""
    depth = 0
    for i in range(pos - 1, max(floor, pos - 200) - 1, -1):
        ch = text[i]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                return i
            depth -= 1
    return None


def _separated(text: str, start: int, end: int, cues: list[int]) -> bool:
    """Tell whether a list cue or a coordinator lies between a figure and a later subject."""
    if any(start <= c < end for c in cues):
        return True
    words = re.findall(r"\w+", text[start:end].lower())
    return any(w in _COORDINATORS for w in words)


_COORDINATORS = frozenset(
    {"と", "和", "và", "and", "und", "et", "y", "e", "и", "및", "과", "와", "dan", "og"}
)


def _share_coordinated(text: str, subjects: list[Subject], drafts: dict[int, _Draft]) -> None:
    """Give a lone shared rank to both coordinated subjects ("top: X and the State Bank")."""
    for first, second in itertools.pairwise(subjects):
        gap = text[first.end : second.start].strip().lower()
        if gap not in _COORDINATORS and not (len(gap) <= 3 and gap[-1:] in _COORDINATORS):
            continue  # "クアンニン省と中央銀行": a name suffix may sit before the "と"
        a, b = drafts.get(first.start), drafts.get(second.start)
        owner, other = (a, second) if a and not b else (b, first) if b and not a else (None, None)
        if owner is None or other is None:
            continue
        if len(owner.figures) == 1 and owner.figures[0].kind == "rank":
            drafts[other.start] = _Draft(other, [owner.figures[0]])


def _distance(subject: Subject, fig: _Figure) -> int:
    if fig.start >= subject.end:
        return fig.start - subject.end
    return (subject.start - fig.end) + 5  # a little preference for the subject before


@dataclass(slots=True)
class _Context:
    index: str | None = None
    year: int | None = None
    last_rank: int | None = None
    previous_subjects: tuple[Subject, ...] = ()
    carry_left: int = 0
    rank_column: int | None = None  # in a "|" table, the column the header calls rank
    facts: list[IndexFact] = field(default_factory=list)


def find_index_facts(
    text: str,
    language: str | None,
    *,
    places: Sequence[PlaceLike] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
) -> tuple[IndexFact, ...]:
    """Extract index facts from ``text``.

    Args:
        text: The article text; evidence offsets index it.
        language: ISO 639-1 code selecting the lexicon.
        places: Gazetteer matches (provinces, districts) over ``text``.
        sentences: Sentence spans (computed when not given).

    Returns:
        Facts in text order, merged where one subject's figures for one index and year were
        stated twice.
    """
    lexicon = load_lexicon(language)
    norm = normalize_digits(text)
    ctx = _Context()
    for start, end in sentences if sentences is not None else sentence_spans(text):
        _sentence_facts(text, norm, start, end, lexicon, places, ctx)
    return tuple(_merge(ctx.facts))


def _sentence_facts(
    text: str,
    norm: str,
    start: int,
    end: int,
    lexicon: FactsLexicon,
    places: Sequence[PlaceLike],
    ctx: _Context,
) -> None:
    _table_header(norm, start, end, lexicon, ctx)
    mentions = index_mentions(text[start:end], lexicon)
    years = _years(norm, start, end, lexicon)
    if mentions and years:  # the year written next to the index name: "the 2024 PAR Index"
        ctx.year = min(years, key=lambda y: min(abs(y[0] - (start + m[0])) for m in mentions))[1]
    elif years and ctx.year is None:
        ctx.year = years[0][1]
    codes = list(dict.fromkeys(code for _, _, code in mentions))
    if codes:
        ctx.index = codes[-1] if len(codes) == 1 else ctx.index or codes[0]
    index_codes = codes if codes else ([ctx.index] if ctx.index else [])
    subjects = find_subjects(text, start, end, lexicon, places)
    if not index_codes:
        if subjects:
            ctx.previous_subjects, ctx.carry_left = _antecedents(text, subjects), 2
        return
    subjects = _resolve_deictic(subjects, ctx)
    figures, used = _rank_figures(norm, start, end, lexicon)
    figures += _table_rank(norm, start, end, lexicon, ctx, used)
    ranked = any(f.kind == "rank" for f in figures) and not _mentions_sub_index(
        text, start, end, lexicon
    )
    if not subjects and (codes or ranked):
        subjects = _carried_subject(ctx, start)
    elif subjects:
        ctx.previous_subjects, ctx.carry_left = _antecedents(text, subjects), 2
    else:
        ctx.carry_left -= 1
    if not subjects:
        return
    figures += _score_figures(
        text,
        norm,
        start,
        end,
        lexicon,
        used,
        inherited=not codes,
        ranked=any(f.kind == "rank" for f in figures),
    )
    clauses = list(clause_spans(text, start, end))
    paired = _respectively(text, start, end, figures, subjects, lexicon)
    cues = [m.start() for m in _spans(lexicon.list_cue, norm, start, end)]
    drafts = _assign(text, figures, clauses, subjects, paired, cues)
    _continue_list(norm, start, end, subjects, drafts, lexicon, ctx)
    drafts = _bracketed_comparisons(text, start, drafts)
    for draft in drafts:
        if draft.subject.canonical is None and not codes:
            continue  # "the province" needs the index named in the same sentence
        if _is_sub_index(text, start, end, draft, lexicon, mentions):
            continue
        if (
            not codes
            and draft.subject.canonical in _AGGREGATES
            and not _about_index(text, start, end, draft, lexicon)
        ):
            continue  # "(national average 70.81%)" of some other rate, not of the index
        for code, part in _by_index(draft, mentions, codes, index_codes, start, clauses):
            for fact in _facts_of(part, code, text, start, end, norm, years, lexicon, ctx):
                if not codes and _restated(fact, ctx.facts):
                    continue
                ctx.facts.append(fact)
                if fact.rank is not None:
                    ctx.last_rank = fact.rank
                if fact.year is not None:
                    ctx.year = fact.year


_AGGREGATES = frozenset({"Vietnam", "localities", "ministries and branches"})
_AGGREGATE_LABELS = {"Vietnam": "national average", "localities": "average of localities"}


def _bracketed_comparisons(text: str, start: int, drafts: list[_Draft]) -> list[_Draft]:
    """Turn a bracketed average ("87.35% (national average 85.61%)") into a comparison."""
    kept: list[_Draft] = []
    for draft in drafts:
        subject = draft.subject
        scores = [f for f in draft.figures if f.kind == "score"]
        bracketed = _paren_group(text, subject.start, start) is not None
        if (
            subject.canonical in _AGGREGATES
            and bracketed
            and scores
            and len(scores) == len(draft.figures)
            and kept
            and any(f.kind == "score" for f in kept[-1].figures)
        ):
            label = _AGGREGATE_LABELS.get(subject.canonical or "", "average")
            kept[-1].comparison = (label, scores[0].value)
            continue
        kept.append(draft)
    return kept


def _about_index(text: str, start: int, end: int, draft: _Draft, lexicon: FactsLexicon) -> bool:
    """An aggregate's figure counts when it is in points or the sentence speaks of a score."""
    if any(f.unit == "points" for f in draft.figures):
        return True
    lowered = text[start:end].lower()
    return any(word in lowered for word in lexicon.score_words)


def _restated(fact: IndexFact, facts: list[IndexFact]) -> bool:
    """A figure repeated in a sentence that does not name the index is not a new fact."""
    return any(
        f.subject == fact.subject
        and (
            (f.rank is not None and f.rank == fact.rank)
            or (f.score is not None and f.score == fact.score)
        )
        and all(
            getattr(fact, name) is None or getattr(fact, name) == getattr(f, name)
            for name in ("score", "rank", "year")
        )
        for f in facts
    )


_VENUE = re.compile(r"(?:\b(?:in|at|tại|ở|à|en|в|di|i)|在|于)\s*$", re.IGNORECASE)


def _antecedents(text: str, subjects: list[Subject]) -> tuple[Subject, ...]:
    """Subjects a later "the province" may mean: not a venue ("held in Hanoi", "在河内")."""
    return tuple(
        s
        for s in subjects
        if not _VENUE.search(text, max(0, s.start - 6), s.start) and not _is_dateline(text, s)
    )


_DATELINE = re.compile(r"\s*(?:,\s*\d|\(|[–—-]\s)")


def _is_dateline(text: str, subject: Subject) -> bool:
    """Tell whether a place is a dateline ("Hanoi, 20 April 2024 – …", "HA NOI (VNS) —")."""
    line_start = text.rfind("\n", 0, subject.start) + 1
    return not text[line_start : subject.start].strip() and bool(_DATELINE.match(text, subject.end))


def _resolve_deictic(subjects: list[Subject], ctx: _Context) -> list[Subject]:
    """Resolve "the province", "it", "同省" to the one place just named, if any."""
    if not any(s.canonical is None for s in subjects):
        return subjects
    subjects = _resolve_within(subjects)
    if not any(s.canonical is None for s in subjects):
        return subjects
    names = {
        s.canonical
        for s in ctx.previous_subjects
        if s.canonical and not s.is_region and s.canonical not in _AGGREGATES
    }
    if len(names) != 1 or ctx.carry_left <= 0:
        return subjects
    name = names.pop()
    return [replace(s, canonical=name) if s.canonical is None else s for s in subjects]


def _resolve_within(subjects: list[Subject]) -> list[Subject]:
    """Resolve "its", "the province" to the place named before it in the same sentence."""
    out: list[Subject] = []
    for subject in subjects:
        named = [
            s for s in out if s.canonical and not s.is_region and s.canonical not in _AGGREGATES
        ]
        if subject.canonical is None and named:
            subject = replace(subject, canonical=named[-1].canonical)
        out.append(subject)
    return out


def _carried_subject(ctx: _Context, start: int) -> list[Subject]:
    """A sentence naming no subject continues the previous one when that named exactly one."""
    names = {s.canonical for s in ctx.previous_subjects if s.canonical and not s.is_region} or {
        s.canonical for s in ctx.previous_subjects
    }
    ctx.carry_left -= 1
    if ctx.carry_left < 0 or len(names) != 1 or None in names:
        return []
    return [Subject(start, start, names.pop())]


def _mentions_sub_index(text: str, start: int, end: int, lexicon: FactsLexicon) -> bool:
    lowered = text[start:end].lower()
    return any(word in lowered for word in lexicon.sub_index)


def _is_sub_index(
    text: str, start: int, end: int, draft: _Draft, lexicon: FactsLexicon, mentions: list
) -> bool:
    if mentions:
        return False
    lowered = text[start:end].lower()
    return any(word in lowered for word in lexicon.sub_index)


def _by_index(
    draft: _Draft,
    mentions: list[tuple[int, int, str]],
    codes: list[str],
    index_codes: list[str],
    offset: int,
    clauses: list[tuple[int, int]],
) -> list[tuple[str, _Draft]]:
    """Split a subject's figures by index when the sentence names two indices.

    "42nd in the PAR Index, 40th in the DTI" gives one PAR_INDEX and one DTI fact.
    """
    if len(codes) != 2:
        return [(code, draft) for code in _codes_for(draft, mentions, codes, index_codes, offset)]
    parts: dict[str, _Draft] = {}
    for fig in draft.figures:
        code = _nearest_index(fig, mentions, offset, clauses)
        parts.setdefault(code, _Draft(draft.subject, [], draft.comparison)).figures.append(fig)
    return list(parts.items())


def _nearest_index(
    fig: _Figure, mentions: list[tuple[int, int, str]], offset: int, clauses: list[tuple[int, int]]
) -> str:
    clause = next(((cs, ce) for cs, ce in clauses if cs <= fig.start < ce), (fig.start, fig.end))
    spans = [(offset + a, offset + b, code) for a, b, code in mentions]
    inside = [m for m in spans if clause[0] <= m[0] < clause[1]]
    if inside:
        return min(inside, key=lambda m: min(abs(m[0] - fig.end), abs(fig.start - m[1])))[2]
    before = [m for m in spans if m[1] <= fig.start]
    return before[-1][2] if before else spans[0][2]


def _codes_for(
    draft: _Draft,
    mentions: list[tuple[int, int, str]],
    codes: list[str],
    index_codes: list[str],
    offset: int,
) -> list[str]:
    if len(codes) >= 3 and all(f.kind != "score" for f in draft.figures):
        return codes  # "first on all four rankings: PAR Index, SIPAS, PCI and PGI"
    if len(codes) <= 1:
        return index_codes
    first = min(f.start for f in draft.figures) if draft.figures else draft.subject.start
    before = [m for m in mentions if offset + m[0] <= first]
    return [before[-1][2] if before else mentions[0][2]]


def _continue_list(
    norm: str,
    start: int,
    end: int,
    subjects: list[Subject],
    drafts: list[_Draft],
    lexicon: FactsLexicon,
    ctx: _Context,
) -> None:
    """Give the subjects after "followed by" (or "3rd and below:") the next ranks."""
    cues = sorted(
        [(m.start(), m.end(), None) for m in _spans(lexicon.list_cue, norm, start, end)]
        + [
            (m.start(), m.end(), int(m.group("n")))
            for m in _spans(lexicon.list_from, norm, start, end)
        ]
    )
    if not cues:
        _continue_list_before(norm, start, end, subjects, drafts, lexicon, ctx)
        return
    cue_start, cue_end, first_rank = cues[0]
    by_subject = {d.subject.start: d for d in drafts}
    if first_rank is not None:
        rank = first_rank - 1
    else:
        leaders = [d for d in drafts if d.subject.end <= cue_start]
        ranks = [f.value for d in leaders[-1:] for f in d.figures if f.kind == "rank"]
        if ranks:
            rank = int(ranks[-1])
        elif leaders or any(s.end <= cue_start for s in subjects):
            leader = [s for s in subjects if s.end <= cue_start][-1]
            earlier = [f.rank for f in ctx.facts if f.subject == leader.canonical and f.rank]
            if not earlier:
                return
            rank = earlier[-1]
        elif ctx.last_rank is not None:
            rank = ctx.last_rank
        else:
            return
    stop = norm.find(";", cue_end, end)
    for subject in subjects:
        if subject.start < cue_end or subject.canonical is None:
            continue
        if stop >= 0 and subject.start > stop:
            break  # "…, followed by X; Y was fourth": the list ended
        rank += 1
        draft = by_subject.get(subject.start)
        if draft is None:
            draft = _Draft(subject)
            drafts.append(draft)
            by_subject[subject.start] = draft
        if not any(f.kind == "rank" for f in draft.figures):
            draft.figures.insert(0, _Figure("rank", subject.start, subject.end, float(rank)))
    drafts.sort(key=lambda d: d.subject.start)


def _continue_list_before(
    norm: str,
    start: int,
    end: int,
    subjects: list[Subject],
    drafts: list[_Draft],
    lexicon: FactsLexicon,
    ctx: _Context,
) -> None:
    """Korean and Japanese close a list with the cue: "X, Y, Z가 뒤를 이었다", "…の順"."""
    found = _spans(lexicon.list_cue_after, norm, start, end)
    if not found:
        return
    cue_start = min(m.start() for m in found)
    ranked = [d for d in drafts if d.subject.end <= cue_start and _rank_of(d) is not None]
    rank = _rank_of(ranked[-1]) if ranked else ctx.last_rank
    if rank is None:
        return
    after = ranked[-1].subject.end if ranked else start
    listed = [s for s in subjects if after <= s.start and s.end <= cue_start and s.canonical]
    by_subject = {d.subject.start: d for d in drafts}
    for subject in listed:
        rank += 1
        draft = by_subject.setdefault(subject.start, _Draft(subject))
        if draft not in drafts:
            drafts.append(draft)
        if _rank_of(draft) is None:
            draft.figures.insert(0, _Figure("rank", subject.start, subject.end, float(rank)))
    drafts.sort(key=lambda d: d.subject.start)


def _rank_of(draft: _Draft) -> int | None:
    ranks = [f.value for f in draft.figures if f.kind == "rank"]
    return int(ranks[-1]) if ranks else None


def _facts_of(
    draft: _Draft,
    code: str,
    text: str,
    start: int,
    end: int,
    norm: str,
    years: list[tuple[int, int]],
    lexicon: FactsLexicon,
    ctx: _Context,
) -> list[IndexFact]:
    ranks = [f for f in draft.figures if f.kind == "rank"]
    scores = [f for f in draft.figures if f.kind == "score"]
    changes = [f for f in draft.figures if f.kind == "change"]
    if not ranks and not scores:
        return []
    pairs: list[tuple[_Figure | None, _Figure | None]] = []
    for i in range(max(len(ranks), len(scores))):
        pairs.append((ranks[i] if i < len(ranks) else None, scores[i] if i < len(scores) else None))
    year_marks = [m for m in years if not _comparative(norm, m[0], lexicon)]
    parallel = _parallel_years(year_marks, ranks, scores)
    year_marks += _relative_years(norm, start, end, lexicon, years)
    span_years = _year_range(norm, start, end, lexicon)
    streak = _streak_years(norm, start, end, lexicon)
    clauses = clause_spans(text, start, end)
    facts = []
    for i, (rank, score) in enumerate(pairs):
        figure = rank or score
        anchor = figure.start  # type: ignore[union-attr]
        year = (
            parallel[i] if parallel else _fact_year(figure, clauses, year_marks, ctx.year)  # type: ignore[arg-type]
        )
        ev = _evidence(text, start, end)
        fact = IndexFact(
            index_name=code.split(":", 1)[0],
            index_label=code.split(":", 1)[1] if ":" in code else None,
            subject=draft.subject.canonical,
            year=year,
            score=score.value if score else None,
            score_unit=score.unit if score else None,
            rank=int(rank.value) if rank else None,
            rank_total=rank.total if rank else None,
            rank_change=int(changes[0].value) if changes and i == 0 else None,
            comparison_label=draft.comparison[0] if draft.comparison and i == 0 else None,
            comparison_value=draft.comparison[1] if draft.comparison and i == 0 else None,
            evidence=ev,
        )
        if (
            span_years
            and rank
            and not score
            and not _year_in_clause(text, anchor, years, start, end)
        ):
            facts.extend(replace(fact, year=y) for y in span_years)
        else:
            facts.append(fact)
        if rank and streak:  # "first for the fifth year running since 2017"
            facts.extend(
                replace(fact, year=y, score=None, score_unit=None, rank_change=None)
                for y in streak
                if y != fact.year
            )
    return facts


def _year_in_clause(
    text: str, pos: int, years: list[tuple[int, int]], start: int, end: int
) -> bool:
    for cs, ce in clause_spans(text, start, end):
        if cs <= pos < ce:
            return any(cs <= y < ce for y, _ in years)
    return False


def _parallel_years(
    years: list[tuple[int, int]], ranks: list[_Figure], scores: list[_Figure]
) -> list[int]:
    """Pair years listed before the figures ("in 2021 and 2022 it ranked 22nd and 17th")."""
    figures = ranks if len(ranks) >= len(scores) else scores
    if len(years) < 2 or len(years) != len(figures) or years[-1][0] > figures[0].start:
        return []
    return [y for _, y in years]


def _relative_years(
    norm: str, start: int, end: int, lexicon: FactsLexicon, years: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    out = []
    for m in _spans(lexicon.following_year, norm, start, end):
        before = [y for pos, y in years if pos < m.start()]
        if before:
            out.append((m.start(), before[-1] + 1))
    return out


def _streak_years(norm: str, start: int, end: int, lexicon: FactsLexicon) -> list[int]:
    """Years of "N consecutive years since Y" (both stated); nothing when either is missing."""
    for m in _spans(lexicon.streak, norm, start, end):
        count = _number_value(m, lexicon)
        first = int(m.group("a"))
        if count and 1 < count <= 20:
            return list(range(first, first + int(count)))
    return []


def _year_range(norm: str, start: int, end: int, lexicon: FactsLexicon) -> list[int]:
    for m in _spans(lexicon.year_range, norm, start, end):
        a, b = int(m.group("a")), int(m.group("b"))
        if 0 < b - a <= 10:
            return list(range(a, b + 1))
    return []


def _comparative(norm: str, pos: int, lexicon: FactsLexicon) -> bool:
    """Tell whether the year at ``pos`` is a point of comparison ("compared to 2022")."""
    before = norm[max(0, pos - 16) : pos].lower().rstrip()
    after = norm[pos + 4 : pos + 10].lower()
    return any(
        before.endswith(w) or before.endswith(w + " năm") for w in lexicon.comparison_before
    ) or any(
        after.startswith(w[1:] if w.startswith("年") or w.startswith("년") else w)
        for w in lexicon.comparison_after
    )


def _fact_year(
    figure: _Figure,
    clauses: Sequence[tuple[int, int]],
    marks: list[tuple[int, int]],
    default: int | None,
) -> int | None:
    """The year of the figure's clause, else the nearest in the sentence, else the article's."""
    pos = figure.start
    clause = next(((cs, ce) for cs, ce in clauses if cs <= pos < ce), None)
    inside = [m for m in marks if clause and clause[0] <= m[0] < clause[1]]
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


def _evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(text[start:end], start, end)


def _compatible(a: IndexFact, b: IndexFact) -> bool:
    if (a.index_name, a.subject) != (b.index_name, b.subject):
        return False
    for name in ("year", "score", "rank"):
        x, y = getattr(a, name), getattr(b, name)
        if x is not None and y is not None and x != y:
            return False
    return (
        (a.rank is not None and a.rank == b.rank)
        or (a.score is not None and a.score == b.score)
        or (a.year is not None and a.year == b.year)
    )


def _merge(facts: list[IndexFact]) -> list[IndexFact]:
    """Merge facts that state the same figure twice (title and body, two sentences)."""
    out: list[IndexFact] = []
    for fact in facts:
        twin = next((i for i, f in enumerate(out) if _compatible(f, fact)), None)
        if twin is None:
            out.append(fact)
            continue
        kept = out[twin]
        out[twin] = replace(
            kept,
            **{
                name: getattr(fact, name)
                for name in ("year", "score", "score_unit", "rank", "rank_total", "rank_change")
                if getattr(kept, name) is None and getattr(fact, name) is not None
            },
        )
    return out
