"""Evidence that two articles tell one story, read from their leads and URLs.

A story's translations and republications share what a reader sees first: the title and the
lead name the same provinces, give the same figures and say the same thing in another
language. This module turns an article into a :class:`Lead` (provinces named in the title
and lead, the numbers written there, its day and its edition key) and decides
whether two leads are one story given the similarity of their embeddings; :func:`outlet`
names the site an article is published by (its language editions are one outlet). Grouping,
storage and incremental runs are ``index.stories``.

The similarity thresholds were calibrated on ``tests/fixtures/stories/pairing.json`` with
the default model (``python -m bench.story_pairing``; README "Stories").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

from crawler.scope import registrable_domain
from extract.numbers import find_numbers, thai_to_gregorian
from index.places import find_places

__all__ = [
    "LEAD_CHARS",
    "SIMILARITY_WINDOW_DAYS",
    "Agreement",
    "Lead",
    "Thresholds",
    "comparable",
    "edition_key",
    "lead_text",
    "make_lead",
    "number_agreement",
    "outlet",
    "same_provinces",
    "similar_enough",
]

LEAD_CHARS = 400  # the lead passage: the first characters of the body, after the title
SIMILARITY_WINDOW_DAYS = 3  # translations and pick-ups appear within a few days

# A path's first segment that names a language edition: /en/, /ja/, /zh-cn/, /pt-br/.
_LANGUAGE_SEGMENT = re.compile(r"^[a-z]{2,3}(?:[-_][a-z]{2,4})?$")
# A slug worth matching: long enough, or with a number, so /en/news/ or /ja/ never match.
_SLUG = re.compile(r"(?=.*[-_.\d]).{8,}")

Agreement = Literal["figure", "agree", "plain", "differ", "conflict"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Least cosine similarity of two leads for one story, by what their numbers say.

    ``figure``: the leads share a decimal figure (or its digits: a moved decimal point is a
    translation slip, shown in ``discrepancies``); ``agree``: they share two numbers or one
    above 31 that is no year; ``plain``: their numbers say nothing either way (no numbers,
    or one shared day-sized number); ``differ``: both write numbers and share none. Two
    leads in one language need ``same_language`` more (one language's leads on one topic
    are close anyway). A ``conflict`` (each writes decimals, none shared, or each names
    years, none shared: another edition's story) never joins.
    """

    figure: float = 0.835
    agree: float = 0.815
    plain: float = 0.83
    differ: float = 0.935
    same_language: float = 0.10

    def least(self, agreement: Agreement, same_language: bool) -> float | None:
        """The threshold for ``agreement``; None when similarity cannot join the leads."""
        if agreement == "conflict":
            return None
        extra = self.same_language if same_language else 0.0
        return float(getattr(self, agreement)) + extra


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class Lead:
    """What the grouping compares of one article."""

    url: str
    language: str
    day: int | None  # proleptic ordinal of the publication date
    provinces: frozenset[str]
    numbers: frozenset[str]  # every number of the title and lead except years
    decimals: frozenset[str]  # the numbers written with a decimal part
    edition: str | None  # see edition_key
    years: frozenset[str] = frozenset()  # the years the title and lead name


def lead_text(title: str | None, text: str | None) -> str:
    """Return the title and the lead passage that the similarity rule embeds."""
    body = " ".join((text or "")[: LEAD_CHARS + 100].split())[:LEAD_CHARS]
    return f"{title or ''}\n{body}".strip()


def _day(published: str | None) -> int | None:
    try:
        return date.fromisoformat((published or "")[:10]).toordinal()
    except ValueError:
        return None


def _numbers(text: str, language: str | None) -> tuple[frozenset[str], ...]:
    """The numbers of ``text`` other than years, those with a decimal part, and the years."""
    numbers: set[str] = set()
    decimals: set[str] = set()
    years: set[str] = set()
    for token in find_numbers(text, language):
        value = token.value
        if not token.has_fraction and language == "th" and 2433 <= value <= 2643:
            value = thai_to_gregorian(int(value))  # a Buddhist-era year
        if not token.has_fraction and 1890 <= value <= 2100:
            years.add(f"{value:g}")  # every story of an edition shares it: not a figure
            continue
        numbers.add(f"{value:g}")
        if token.has_fraction:
            decimals.add(f"{value:g}")
    return frozenset(numbers), frozenset(decimals), frozenset(years)


def outlet(url: str) -> str:
    """Return the outlet publishing ``url``: its registrable domain (editions are one outlet)."""
    host = urlsplit(url).hostname or ""
    return registrable_domain(host) if host else url


def edition_key(url: str) -> str | None:
    """Return the key shared by one article's language editions on one site, or None.

    ``https://vietnam.vn/en/<slug>`` and ``https://vietnam.vn/ja/<slug>``, or
    ``https://thongtin.site.vn/<path>`` and ``https://www.site.vn/<path>``, share the
    outlet and the path once a leading language segment is dropped. Paths without a slug
    (a home page, ``/en/news/``) have no key.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    segments = [s for s in parts.path.lower().split("/") if s]
    if segments and _LANGUAGE_SEGMENT.match(segments[0]) and len(segments) > 1:
        segments = segments[1:]
    if not segments or not _SLUG.fullmatch(segments[-1]):
        return None
    return f"{outlet(url)}/{'/'.join(segments)}"


def make_lead(
    url: str, language: str | None, published: str | None, title: str | None, text: str | None
) -> Lead:
    """Read the :class:`Lead` of one article."""
    passage = lead_text(title, text)
    numbers, decimals, years = _numbers(passage, language)
    return Lead(
        url=url,
        language=language or "",
        day=_day(published),
        provinces=frozenset(find_places(passage)),
        numbers=numbers,
        decimals=decimals,
        edition=edition_key(url),
        years=years,
    )


def same_provinces(a: Lead, b: Lead) -> bool:
    """True when both leads name provinces and share at least half of them (Jaccard)."""
    union = a.provinces | b.provinces
    return bool(a.provinces and b.provinces) and len(a.provinces & b.provinces) * 2 >= len(union)


def _digits(decimals: frozenset[str]) -> set[str]:
    """The digits of each decimal without its point: 73.02 and 7.302 give 7302."""
    return {value.replace(".", "").strip("0") for value in decimals}


def number_agreement(a: Lead, b: Lead) -> Agreement:
    """Say what two leads' numbers say about being one story (see :class:`Thresholds`).

    Day and month numbers (31 or less) agree by chance between stories of one week, so one
    shared small integer says nothing.
    """
    if a.years and b.years and not a.years & b.years:
        return "conflict"  # other years: another edition's story
    shared = a.numbers & b.numbers
    if shared & a.decimals or _digits(a.decimals) & _digits(b.decimals):
        return "figure"  # the same decimal, or its digits with the point moved (a slip)
    if a.decimals and b.decimals:
        return "conflict"
    if len(shared) >= 2 or any(float(n) > 31 for n in shared):
        return "agree"
    if a.numbers and b.numbers and not shared:
        return "differ"
    return "plain"


def comparable(a: Lead, b: Lead) -> bool:
    """True when two leads are dated within the window and name the same provinces."""
    if a.day is None or b.day is None or abs(a.day - b.day) > SIMILARITY_WINDOW_DAYS:
        return False
    return same_provinces(a, b)


def similar_enough(
    a: Lead, b: Lead, similarity: float, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> bool:
    """Decide whether two comparable leads of similarity ``similarity`` may be one story.

    ``index.stories`` also asks that each be the other's most similar lead in its language.
    """
    if not comparable(a, b):
        return False
    least = thresholds.least(number_agreement(a, b), a.language == b.language)
    return least is not None and similarity >= least
