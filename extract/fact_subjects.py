"""Subjects of index facts: places, units, regions, aggregates and deictic words.

A subject is a place from the gazetteer, a ministry or other unit, a region, an aggregate
("national average" -> "Vietnam") or a deictic word ("the province", "同省") whose place is
resolved by the caller. Index names are found in ``extract.index_names`` (re-exported here).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from extract.fact_units import PlaceLike, UnitMention, find_units, load_units, without_outranked
from extract.facts_lexicon import FactsLexicon
from extract.index_names import IndexName, index_mentions, names_in
from extract.regex_cues import lowered_document

__all__ = [
    "AGGREGATES",
    "GROUP_AVERAGE",
    "IndexName",
    "PlaceLike",
    "Subject",
    "antecedents",
    "find_subjects",
    "index_mentions",
    "names_in",
    "resolve_within",
    "title_place",
]

_SCOPE = re.compile(
    r"(?:(?:\bin|\btrong|\bim|\bdans|\ben|\bв|\bdi)\s+(?:the\s+|la\s+|le\s+|der\s+)?|[在于])$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Subject:
    """A subject mention: a place, a unit, an aggregate, or a deictic (canonical None)."""

    start: int
    end: int
    canonical: str | None
    is_region: bool = False
    is_average: bool = False  # "national average": it has a score, never a rank
    origin: str = "named"  # "resolved" ("the province" -> a place named elsewhere), "carried"


GROUP_AVERAGE = "average of the group"  # resolved to localities or ministries by context


@dataclass(frozen=True, slots=True)
class _Words:
    """The subject words of a lexicon that one document holds (found once per document)."""

    national: tuple[str, ...]
    localities: tuple[str, ...]
    ministries: tuple[str, ...]
    deictic: tuple[str, ...]
    group_average: tuple[str, ...]
    units: tuple[tuple[str, str], ...]  # (alias, name)
    regions: tuple[tuple[str, str], ...]


@lru_cache(maxsize=8)
def _words_in(document: str, lexicon: FactsLexicon) -> _Words:
    """Keep the words and aliases that occur in ``document``: a sentence holds no other."""
    lowered = lowered_document(document)

    def held(words: Sequence[str]) -> tuple[str, ...]:
        return tuple(w for w in words if w.lower() in lowered)

    def named(aliases: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
        return tuple((w, n) for w, n in aliases if w.lower() in lowered)

    return _Words(
        national=held(lexicon.national),
        localities=held(lexicon.localities),
        ministries=held(lexicon.ministries),
        deictic=held(lexicon.deictic),
        group_average=held(lexicon.group_average),
        units=named(lexicon.units),
        regions=named(lexicon.regions),
    )


_GROUP_WINDOW = 80  # characters after "the average" where the averaged group is named


def _group_of(text: str, subject: Subject, end: int, lexicon: FactsLexicon) -> Subject:
    """An average named as national that its clause says is over ministries is theirs.

    "Giá trị trung bình Chỉ số CCHC của 17 bộ, cơ quan ngang bộ là 84,38%", "the average
    index of ministries and ministerial-level agencies was 84.38 percent": the ministries'
    average ("ministries and branches"), not Vietnam's.
    """
    if subject.canonical != "Vietnam" or not subject.is_average:
        return subject
    clause = re.split(
        r"[.;:。；：]|\b(?:là|was|is|reached|đạt)\b",
        text[subject.end : min(end, subject.end + _GROUP_WINDOW)],
    )[0]
    if _find_all(clause, lexicon.ministry_groups, 0, len(clause)):
        return replace(subject, canonical="ministries and branches")
    return subject


def _find_all(text: str, words: Sequence[str], start: int, end: int) -> list[tuple[int, int]]:
    """Find words case-insensitively in ``text[start:end]``; Latin words only as whole words."""
    return [(s, e) for s, e, _ in _find_named(text, [(w, "") for w in words], start, end)]


def _find_named(
    text: str, names: Sequence[tuple[str, str]], start: int, end: int
) -> list[tuple[int, int, str]]:
    """Find ``(alias, name)`` aliases as ``_find_all`` does; return spans with the name."""
    if not names:
        return []
    lowered = text[start:end].lower()
    if len(lowered) != end - start:
        return []  # a case mapping changed the length; offsets would be wrong
    spans = []
    for word, name in names:
        key = word.lower()
        pos = lowered.find(key)
        while pos >= 0:
            stop = pos + len(key)
            if not _ascii_word(key) or _bounded(lowered, pos, stop):
                spans.append((start + pos, start + stop, name))
            pos = lowered.find(key, pos + 1)
    return spans


def _ascii_word(word: str) -> bool:
    return word[:1].isascii() and word[:1].isalpha()


def _bounded(text: str, start: int, stop: int) -> bool:
    """A Latin word stands alone: no Latin letter or digit touches it (CJK may: "MoJ以")."""
    before = text[start - 1 : start] if start else ""
    after = text[stop : stop + 1]
    return not any((ch.isascii() and ch.isalnum()) or _latin_letter(ch) for ch in (before, after))


def _latin_letter(ch: str) -> bool:
    # Latin-1, Latin Extended and the Vietnamese letters of Latin Extended Additional
    return ch.isalpha() and not ch.isascii() and (ch < "\u0370" or "\u1e00" <= ch <= "\u1eff")


def find_subjects(
    text: str,
    start: int,
    end: int,
    lexicon: FactsLexicon,
    places: Sequence[PlaceLike],
    *,
    countries: bool = False,
    province: str | None = None,
) -> list[Subject]:
    """Return the subjects mentioned in ``text[start:end]``, in order, without overlaps.

    The country is a subject only with ``countries`` (an international ranking is named):
    in a provincial ranking "Vietnam" is said, not ranked. Districts, departments and other
    sub-provincial units are subjects of their own (``extract.fact_units``), named
    ``Unit (Province)`` with ``province`` (the article's) when the text names none.
    """
    found: list[Subject] = [
        Subject(p.start, p.end, p.canonical, p.kind == "region")
        for p in places
        if start <= p.start < end and (countries or p.kind not in ("country", "district"))
    ]
    units = find_units(text, start, end, lexicon.locale, places, province)
    found.extend(Subject(u.start, u.end, u.canonical) for u in units)
    found = [s for s in found if not _is_dateline(text, s)]  # "HA NOI (VNS) —"
    held = _words_in(text, lexicon)  # the lexicon's words that the document holds
    for words, name in (
        (held.national, "Vietnam"),
        (held.localities, "localities"),
        (held.ministries, "ministries and branches"),
        (held.deictic, None),
        (held.group_average, GROUP_AVERAGE),
    ):
        # in an international ranking "the national DTI" is the country, not an average
        average = name is not None and not (countries and name == "Vietnam")
        found.extend(
            Subject(s, e, name, is_average=average) for s, e in _find_all(text, words, start, end)
        )
    found = [_group_of(text, s, end, lexicon) for s in found]
    found.extend(Subject(s, e, name) for s, e, name in _find_named(text, held.units, start, end))
    found.extend(
        Subject(s, e, name, True) for s, e, name in _find_named(text, held.regions, start, end)
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
    unit_spans = frozenset((u.start, u.end) for u in units)
    kept = [s for s in kept if not _is_source(text, s, lexicon, unit_spans)]
    kept = without_outranked(text, start, end, kept)  # a unit's figures are not its province's
    kept = _province_words_after_units(text, kept, units, lexicon, province)
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


def _province_words_after_units(
    text: str,
    subjects: list[Subject],
    units: Sequence[UnitMention],
    lexicon: FactsLexicon,
    province: str | None,
) -> list[Subject]:
    """Resolve "the province", "tỉnh đạt" after a unit to a province, never to the unit.

    The place named before it in the sentence, else the unit's own province, else the
    article's; "it" is left to ``resolve_within`` (it may well mean the unit).
    """
    spans = {(u.start, u.end) for u in units}
    if not spans or all(s.canonical is not None for s in subjects):
        return subjects
    provincial = load_units(lexicon.locale).provincial
    out: list[Subject] = []
    for subject in subjects:
        before = [u for u in units if u.end <= subject.start]
        if (
            subject.canonical is None
            and before
            and provincial.search(text, subject.start, subject.end)
        ):
            places = [
                s.canonical
                for s in out
                if s.canonical
                and (s.start, s.end) not in spans
                and not s.is_region
                and s.canonical not in AGGREGATES
            ]
            bracket = _BRACKET.search(before[-1].canonical)
            name = places[-1] if places else bracket.group(1) if bracket else province
            if name:
                subject = replace(subject, canonical=name, origin="resolved")
        out.append(subject)
    return out


def _is_source(
    text: str,
    subject: Subject,
    lexicon: FactsLexicon,
    units: frozenset[tuple[int, int]] = frozenset(),
) -> bool:
    """Tell whether a unit is the publisher ("the Ministry … announced"), not a subject.

    ``units`` are the spans of sub-provincial units ("Theo Sở Nội vụ, …" reports too).
    """
    if subject.canonical is None or subject.is_region:
        return False
    after = text[subject.end : subject.end + 16].lower()
    if any(after.lstrip(" ,").startswith(w) for w in lexicon.source_verbs):
        return True
    # "Bộ … lần đầu đánh giá", "the Ministry first published": a verb two words on
    near = " " + " ".join(text[subject.end : subject.end + 40].lower().split()[:4]) + " "
    if any(" " in w and f" {w} " in near for w in lexicon.source_verbs):
        return True
    is_unit = (subject.start, subject.end) in units
    if subject.canonical not in {name for _, name in lexicon.units} and not is_unit:
        return False  # a place in "according to X province's report" may still be ranked
    # "Theo Quyết định … của Bộ Nội vụ, …", "according to the Ministry, …": it reports
    opening = _CLAUSE_START.split(text[max(0, subject.start - 120) : subject.start])[-1]
    opening = opening.strip().lower()
    return any(
        opening.startswith(w) and not opening[len(w) : len(w) + 1].isalpha()
        for w in lexicon.source_prefix
    )


_CLAUSE_START = re.compile(r"[,;:.!?，。；：\n]|\s[–—-]\s")


_LINKS = frozenset({"de", "of", "di", "du", "des", "del", "da", "von", "av", "của", "ของ"})


def _describes_neighbour(text: str, subjects: list[Subject], i: int) -> bool:
    """Tell whether a deictic word only introduces a name ("die Provinz Lam Dong")."""
    if subjects[i].canonical is not None:
        return False
    near_next = i + 1 < len(subjects) and (
        subjects[i + 1].start - subjects[i].end <= 3
        or text[subjects[i].end : subjects[i + 1].start].strip().lower() in _LINKS
    )  # "la ciudad de Sa Dec", "the city of Hue": the word names the next place
    near_prev = i > 0 and subjects[i].start - subjects[i - 1].end <= 1
    return near_next or near_prev


def _joined(text: str, first: Subject, second: Subject) -> bool:
    gap = text[first.end : second.start].strip()
    return not gap or (len(gap) <= 4 and gap[-1] in "(（")


_VENUE = re.compile(r"(?:\b(?:in|at|tại|ở|à|en|в|di|i)|在|于)\s*$", re.IGNORECASE)


def antecedents(text: str, subjects: list[Subject]) -> tuple[Subject, ...]:
    """Subjects a later "the province" may mean: not a venue ("held in Hanoi", "在河内").

    Nor "the province" said after one of its own units ("Tam Ky City … in the province"):
    it names the unit's scope, and the unit is what the text goes on about.
    """
    scopes = {m.group(1) for s in subjects if s.canonical and (m := _BRACKET.search(s.canonical))}
    return tuple(
        s
        for s in subjects
        if not _is_venue(text, s)
        and not _is_dateline(text, s)
        and not (s.origin == "resolved" and s.canonical in scopes)
    )


_BRACKET = re.compile(r" \((.+)\)$")  # "Department of Justice (Tuyen Quang)": its province


_EVENT = re.compile(
    r"held|organi[sz]ed|hosted|took place|ceremony|conference|meeting|workshop|forum|event|"
    r"tổ chức|diễn ra|hội nghị|lễ công bố|举行|召开|会议|仪式|開催|会議|式典|개최|열린|행사|"
    r"Zeremonie|Konferenz|veranstaltet|cérémonie|conférence|ceremonia|conferencia|cerimonia|"
    r"конференц|церемон|acara|konferensi|seremoni|arrangert|konferanse|حفل|مؤتمر|พิธี|การประชุม",
    re.IGNORECASE,
)


def _is_venue(text: str, subject: Subject) -> bool:
    """Tell whether a place is where an event was held ("held in Hanoi", "在河内举行")."""
    if not _VENUE.search(text, max(0, subject.start - 6), subject.start):
        return False
    around = text[max(0, subject.start - 40) : subject.end + 8]
    return bool(_EVENT.search(around))


_DATELINE = re.compile(r"(?:\s*,\s*\d|\s*\(\s*[A-Z]{2,}|\s*[–—]\s*[^\W\d]|\s+-\s+[^\W\d])")


def _is_dateline(text: str, subject: Subject) -> bool:
    """Tell whether a place is a dateline ("Hanoi, 20 April 2024 – …", "HA NOI (VNS) —")."""
    line_start = text.rfind("\n", 0, subject.start) + 1
    return not text[line_start : subject.start].strip() and bool(_DATELINE.match(text, subject.end))


AGGREGATES = frozenset({"Vietnam", "localities", "ministries and branches"})


def resolve_within(subjects: list[Subject]) -> list[Subject]:
    """Resolve "its", "the province" to the place named before it in the same sentence."""
    out: list[Subject] = []
    for subject in subjects:
        named = [
            s for s in out if s.canonical and not s.is_region and s.canonical not in AGGREGATES
        ]
        if subject.canonical is None and named:
            subject = replace(subject, canonical=named[-1].canonical)
        out.append(subject)
    return out


def title_place(spans: Sequence[tuple[int, int]], places: Sequence[PlaceLike]) -> str | None:
    """Return the one province the first line (the title) names, if it names exactly one."""
    if not spans:
        return None
    start, end = spans[0]
    if end - start > 160:
        return None  # a banner of headlines, not a title
    names = {p.canonical for p in places if start <= p.start < end and p.kind != "district"}
    return names.pop() if len(names) == 1 else None
