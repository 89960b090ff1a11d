"""Query analysis: provinces (any script), indexes, years, ranks and rank changes in a query.

The same detection the extractor runs over documents, applied to the query, drives
gazetteer expansion of full-text search and the fact-aware ranking bonus; ranks, rank
changes, scores and sub-provincial units are read by ``index.understanding`` with the
extractor's lexicons. ``QueryAnalysis.understood`` is what search shows the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from index.places import aliases_of, place_mentions, related_places
from index.text import fold, query_terms
from index.understanding import Figures, understood_figures

__all__ = ["INDEX_TERMS", "QueryAnalysis", "analyse_query"]

MAX_QUERY_CHARS = 500

# Names of each index as written in our languages; written by us, matched after folding.
INDEX_TERMS: dict[str, tuple[str, ...]] = {
    "PAR_INDEX": (
        "PAR",
        "PAR INDEX",
        "PAR Index",
        "par index",
        "chỉ số PAR",
        "indice PAR",
        "PAR-Index",
        "par-index",
        "parindex",
        "chỉ số cải cách hành chính",
        "cải cách hành chính",
        "administrative reform index",
        "public administration reform index",
        "indeks reformasi administrasi",
        "indeks par",
        "par-indeksen",
        "reformindeksen",
        "مؤشر إصلاح الإدارة",
        "إصلاح إداري",
        "行政改革指数",
        "行政改革",
        "행정개혁지수",
    ),
    "PAPI": (
        "papi",
        "chỉ số hiệu quả quản trị và hành chính công",
        "governance and public administration performance",
    ),
    "PCI": (
        "pci",
        "năng lực cạnh tranh cấp tỉnh",
        "provincial competitiveness",
        "indeks daya saing provinsi",
        "省级竞争力",
    ),
    "SIPAS": (
        "sipas",
        "chỉ số hài lòng",
        "satisfaction index",
        "indeks kepuasan",
        "tilfredshetsindeks",
        "مؤشر الرضا",
        "满意度指数",
    ),
    "DDCI": ("ddci", "năng lực cạnh tranh cấp sở", "department and district competitiveness"),
    "DTI": (
        "dti",
        "chỉ số chuyển đổi số",
        "digital transformation index",
        "indeks transformasi digital",
        "digitaliseringsindeks",
        "مؤشر التحول الرقمي",
        "数字化转型指数",
    ),
    "ICT_INDEX": ("ict index", "vietnam ict index", "ict-indeks"),
    "PGI": ("pgi", "chỉ số xanh cấp tỉnh", "provincial green index"),
}
# A Hangul word of a query, and the word the gazetteer wants after a bare two-syllable
# Korean name before it takes it as a place (성, province).
_HANGUL_WORD = re.compile(r"[\uac00-\ud7af]+")
_KO_PROVINCE = "성"
# Gregorian years and Buddhist-era years (Thai, Lao, Khmer: 2566 is 2023).
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-4]\d|25[3-8]\d)(?!\d)")
_BUDDHIST_ERA = 543


@dataclass(frozen=True, slots=True)
class QueryAnalysis:
    """What a query asks for, normalised."""

    text: str  # the (bounded) query as typed
    terms: tuple[str, ...]  # folded search terms, without the words of place and index names
    provinces: tuple[str, ...]  # canonical English names
    indexes: tuple[str, ...]  # index codes, e.g. PAR_INDEX
    years: tuple[int, ...]
    phrases: tuple[str, ...] = ()  # place and index names as written (folded), kept whole
    # Units the query is about, with weights: the named provinces (1.0) and, across the 2025
    # mergers, their predecessors or successors (index.places.related_places).
    places: tuple[tuple[str, float], ...] = ()
    # Ranks, rank changes, scores and units the query names (index.understanding).
    figures: Figures = field(default_factory=Figures)

    def place_weights(self) -> dict[str, float]:
        """Return province -> weight for the fact-aware bonus and gazetteer expansion."""
        weights = {name: 1.0 for name in self.provinces}
        for name, weight in self.places:
            weights[name] = max(weights.get(name, 0.0), weight)
        return weights

    def subject_weights(self) -> dict[str, float]:
        """Return fact subject -> weight: the provinces and the units (departments...) named."""
        return {**self.place_weights(), **{unit: 1.0 for unit in self.figures.units}}

    @property
    def aspects(self) -> int:
        """How many of subject, index, year, rank, rank change and score the query names."""
        subjects = self.provinces or self.figures.units
        groups = (subjects, self.indexes, self.years, self.figures.ranks, self.figures.changes)
        return sum(1 for group in groups if group) + self.figures.asks_score

    def understood(self) -> dict[str, object]:
        """What the query was understood to ask for (the search JSON's ``understood``)."""
        return {
            "provinces": list(self.provinces),
            "units": list(self.figures.units),
            "indexes": list(self.indexes),
            "years": list(self.years),
            "ranks": list(self.figures.ranks),
            "rank_changes": list(self.figures.changes),
            "scores": list(self.figures.scores),
            "asks_score": self.figures.asks_score,
            "language": self.figures.language,
        }

    def search_terms(self) -> list[str]:
        """Every folded term full-text search looks for: the query's words and phrases."""
        return list(dict.fromkeys([*self.terms, *self.expansion_terms()]))

    def expansion_terms(self) -> list[str]:
        """Folded spellings of the query's provinces and indexes in every known language."""
        terms: list[str] = list(self.phrases)
        for province, weight in self.place_weights().items():
            if weight >= 1.0:
                terms.extend(aliases_of(province))
        for code in self.indexes:
            terms.extend(_folded_index_terms()[code])
        return [t for t in dict.fromkeys(terms) if len(t) >= 2]


def _extractor_index_aliases() -> list[tuple[str, str]]:
    """(alias, code) pairs of the extractor's facts lexicon, when it is installed."""
    try:
        from extract.facts_lexicon import load_lexicon  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return []
    return [(a, c) for a, c in load_lexicon("en").indices if not c.startswith("OTHER")]


@cache
def _index_patterns() -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    """(code, pattern, on_original_text) for every index name we know."""
    pairs = [(t, code) for code, terms in INDEX_TERMS.items() for t in terms]
    pairs += _extractor_index_aliases()
    patterns: dict[tuple[str, str, bool], re.Pattern[str]] = {}
    for alias, code in pairs:
        # Upper-case codes match case-sensitively ("PAR" is not French "par").
        is_code = alias.isascii() and alias.isupper()
        term = alias if is_code else fold(alias).strip()
        if len(term) < 2:
            continue
        body = re.escape(term).replace(r"\ ", r"[\s\-]?")
        if term.isascii():
            body = rf"(?<![^\W_]){body}(?![^\W_])"
        patterns.setdefault((code, term, is_code), re.compile(body))
    return tuple((code, pattern, is_code) for (code, _, is_code), pattern in patterns.items())


@cache
def _folded_index_terms() -> dict[str, tuple[str, ...]]:
    """Folded spellings of each index (for gazetteer-style expansion of FTS queries)."""
    terms: dict[str, list[str]] = {code: [fold(t) for t in ts] for code, ts in INDEX_TERMS.items()}
    for alias, code in _extractor_index_aliases():
        terms.setdefault(code, []).append(fold(alias))
    return {code: tuple(dict.fromkeys(t for t in ts if len(t) >= 3)) for code, ts in terms.items()}


def _extractor_mentions(text: str) -> list[tuple[str, str]]:
    """(code, folded mention) of the index names extraction finds in ``text``, any language.

    The extractor's matcher knows where a name ends in every script: "2023年PAPI排名".
    """
    try:
        from extract.fact_subjects import index_mentions  # type: ignore[import-not-found,unused-ignore]
        from extract.facts_lexicon import load_lexicon  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return []
    return [
        (code, fold(text[start:end]).strip())
        for start, end, code in index_mentions(text, load_lexicon("en"))
        if not code.startswith("OTHER")
    ]


def _index_mentions(text: str) -> list[tuple[str, str]]:
    """Return (code, folded mention) for every index name in ``text``, longest first."""
    folded = fold(text)
    found: list[tuple[str, str]] = _extractor_mentions(text)
    for code, pattern, is_code in _index_patterns():
        for match in pattern.finditer(text if is_code else folded):
            mention = fold(match.group()) if is_code else match.group()
            found.append((code, mention.strip()))
    found.sort(key=lambda pair: -len(pair[1]))
    return found


def find_indexes(text: str) -> list[str]:
    """Return the index codes named in ``text``, in any language we have names for."""
    return list(dict.fromkeys(code for code, _ in _index_mentions(text)))


def _without(folded: str, mentions: list[str]) -> str:
    """Cut each mention out of ``folded`` once; a separator keeps neighbours apart."""
    for mention in sorted(set(mentions), key=len, reverse=True):
        if not mention:
            continue
        body = re.escape(mention)
        if mention.isascii():  # whole words only: "par" is not cut out of "department"
            body = rf"(?<![^\W_]){body}(?![^\W_])"
        folded = re.sub(body, " , ", folded, count=1)
    return folded


def _bare_korean_places(text: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(folded mention, province) of Korean names a query writes alone: "꼰뚬 2023년 PAPI".

    In running text the gazetteer takes a two-syllable Hangul name only before 성/시 or a
    particle (alone it may be an ordinary word); a query is a list of keywords, so a Hangul
    word that is exactly a province's name is that province. Asked of the gazetteer itself,
    with 성 after the word, so its names and rules stay the only ones.
    """
    try:
        from extract.gazetteer import match_places  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return []
    known = {mention for mention, _ in found}
    places: list[tuple[str, str]] = []
    for match in _HANGUL_WORD.finditer(text):
        word = match.group()
        if any(word in mention for mention in known):
            continue
        places += [
            (fold(word), str(m.province))
            for m in match_places(word + _KO_PROVINCE)
            if m.province and m.text == word
        ]
    return places


def _gregorian(year: int) -> int:
    """The Gregorian year of a year as written: Buddhist-era years (2500s) lose 543."""
    return year - _BUDDHIST_ERA if year >= 2500 else year


def analyse_query(query: str) -> QueryAnalysis:
    """Detect provinces, indexes and years in ``query`` and split it into search terms.

    Place and index names become whole phrases ("thanh hoa", "cai cach hanh chinh"): their
    separate words are common, match most articles and dilute the ranking.
    """
    text = (query or "")[:MAX_QUERY_CHARS]
    places = place_mentions(text)
    places += _bare_korean_places(text, places)
    indexes = _index_mentions(text)
    years = tuple(dict.fromkeys(_gregorian(int(y)) for y in _YEAR.findall(text)))
    provinces = tuple(dict.fromkeys(name for _, name in places))
    mentions = [m for m, _ in places] + [m for _, m in indexes]
    weights: dict[str, float] = {}
    for province in provinces:
        for name, weight in related_places(province, years).items():
            weights[name] = max(weights.get(name, 0.0), weight)
    return QueryAnalysis(
        text=text,
        terms=tuple(query_terms(_without(fold(text), mentions))),
        provinces=provinces,
        indexes=tuple(dict.fromkeys(code for code, _ in indexes)),
        years=years,
        phrases=tuple(dict.fromkeys(m for m in mentions if len(m) >= 2)),
        places=tuple(sorted(weights.items())),
        figures=understood_figures(text, provinces),
    )
