"""Query analysis: provinces (any script), indexes and years named in a search query.

The same detection the extractor runs over documents, applied to the query, drives
gazetteer expansion of full-text search and the fact-aware ranking bonus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from index.places import aliases_of, find_places
from index.text import fold, query_terms

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
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class QueryAnalysis:
    """What a query asks for, normalised."""

    text: str  # the (bounded) query as typed
    terms: tuple[str, ...]  # folded search terms
    provinces: tuple[str, ...]  # canonical English names
    indexes: tuple[str, ...]  # index codes, e.g. PAR_INDEX
    years: tuple[int, ...]

    @property
    def aspects(self) -> int:
        """How many of province, index and year the query names."""
        return sum(1 for group in (self.provinces, self.indexes, self.years) if group)

    def expansion_terms(self) -> list[str]:
        """Folded spellings of the query's provinces and indexes in every known language."""
        terms: list[str] = []
        for province in self.provinces:
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


def find_indexes(text: str) -> list[str]:
    """Return the index codes named in ``text``, in any language we have names for."""
    folded = fold(text)
    found: list[str] = []
    for code, pattern, is_code in _index_patterns():
        if code not in found and pattern.search(text if is_code else folded):
            found.append(code)
    return found


def analyse_query(query: str) -> QueryAnalysis:
    """Detect provinces, indexes and years in ``query`` and split it into search terms."""
    text = (query or "")[:MAX_QUERY_CHARS]
    return QueryAnalysis(
        text=text,
        terms=tuple(query_terms(text)),
        provinces=tuple(find_places(text)),
        indexes=tuple(find_indexes(text)),
        years=tuple(dict.fromkeys(int(y) for y in _YEAR.findall(text))),
    )
