"""The catalogue of national reform programmes and models, and finding them in text.

Entries live in ``extract/lexicons/initiatives/catalogue.toml`` (its header says how one is
added): a stable id, an English name, a category, a description and aliases per language.
A text is searched with the aliases of its own language, English and Vietnamese (which
articles in every language quote) and the language-neutral ``any`` aliases (codes such as
"18-NQ/TW", app names such as "VNeID"), all matched on folded text. Where two entries match
overlapping text the longer match wins ("one-stop, inter-connected" over "one-stop"), and an
entry named beside one of its refinements is dropped: a text naming the National Document
Interconnection Axis and "electronic documents" names the axis (``broader``).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extract.models import InitiativeCategory
from extract.normalize import fold

__all__ = [
    "CatalogueEntry",
    "CatalogueMatch",
    "catalogue_matches",
    "initiative_catalogue",
    "keyword_pattern",
    "shortest_alias",
]

_LATIN = r"[0-9a-z\u00c0-\u024f]"
# Languages whose aliases are searched in every text besides the text's own.
_QUOTED_LANGUAGES = ("en", "vi")


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One programme or model of the catalogue."""

    id: str  # stable: stored rows point to it
    name: str  # English name shown to researchers
    category: InitiativeCategory
    description: str
    aliases: tuple[tuple[str, tuple[str, ...]], ...]  # (language, names as written)
    any: tuple[str, ...] = ()  # aliases matched in every language
    broader: tuple[str, ...] = ()  # ids of entries this one is a case of (dropped beside it)

    def aliases_for(self, language: str) -> tuple[str, ...]:
        """Return the aliases written in ``language`` (empty when it has none)."""
        return next((names for lang, names in self.aliases if lang == language), ())


@dataclass(frozen=True, slots=True)
class CatalogueMatch:
    """A catalogue entry found in a folded text, with its span there."""

    entry: CatalogueEntry
    start: int
    end: int


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(words) + ")"


def _by_script(words: list[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """The folded keywords, longest first, as Arabic, Latin, Cyrillic and other script.

    An Arabic keyword loses its article: the pattern lets an article and a conjunction or
    preposition be written onto the word.
    """
    arabic: list[str] = []
    latin: list[str] = []
    cyrillic: list[str] = []
    other: list[str] = []
    for word in sorted({fold(w) for w in words if w}, key=len, reverse=True):
        if "\u0600" <= word[0] <= "\u06ff":
            arabic.append(word[2:] if word.startswith("ال") else word)
        elif word[0].isascii() or "\u00c0" <= word[0] <= "\u024f":
            latin.append(word)
        elif "\u0400" <= word[0] <= "\u04ff":
            cyrillic.append(word)
        else:
            other.append(word)
    return arabic, latin, cyrillic, other


def keyword_pattern(words: list[str], *, stems: bool = False) -> re.Pattern[str] | None:
    """One pattern for a keyword list: boundaries per script, factored out of the words.

    Each script's boundary check runs once per position, not once per word: with hundreds
    of keywords this is what keeps matching cheap. Cyrillic keywords are stems; Latin ones
    are whole words unless ``stems`` (languages that glue words into compounds).

    Args:
        words: keywords as written; they are folded here.
        stems: let a Latin keyword begin a longer word.

    Returns:
        The compiled pattern, or None for an empty list.
    """
    arabic, latin, cyrillic, other = (
        [re.escape(word) for word in script] for script in _by_script(words)
    )
    parts = []
    if arabic:
        parts.append(rf"(?<!\w)[وبلف]?(?:ال)?{_alternation(arabic)}(?!\w)")
    if latin:
        # the boundary is a Latin letter only, so "DDCI" is found inside Chinese text too
        end = "" if stems else rf"(?!{_LATIN})"
        parts.append(rf"(?<!{_LATIN}){_alternation(latin)}{end}")
    if cyrillic:
        parts.append(rf"(?<!\w){_alternation(cyrillic)}")
    if other:
        parts.append(_alternation(other))
    return re.compile("|".join(parts)) if parts else None


def _entry(data: dict) -> CatalogueEntry:
    aliases = tuple((lang, tuple(names)) for lang, names in sorted(data.get("aliases", {}).items()))
    return CatalogueEntry(
        id=data["id"],
        name=data["name"],
        category=data["category"],
        description=data["description"],
        aliases=aliases,
        any=tuple(data.get("any", ())),
        broader=tuple(data.get("broader", ())),
    )


@cache
def initiative_catalogue() -> tuple[CatalogueEntry, ...]:
    """Return the catalogue's entries in file order."""
    path = resources.files("extract") / "lexicons" / "initiatives" / "catalogue.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(_entry(item) for item in data["initiative"])


@dataclass(frozen=True, slots=True)
class _Matcher:
    """The catalogue's patterns for texts in one language, and a sieve in front of them.

    Every alias has one short piece, its rarest among the language's aliases; only entries
    whose pieces the text holds run their patterns (a pattern can only match text holding
    each piece of the alias it matches), so a clause tries a few entries, not all of them.
    """

    patterns: tuple[tuple[CatalogueEntry, re.Pattern[str]], ...]
    pieces: dict[str, frozenset[int]]  # piece -> indices of the entries it may name
    sizes: tuple[int, ...]  # lengths of the pieces

    def candidates(self, folded: str) -> list[int]:
        """Indices of the entries ``folded`` may name, in catalogue order."""
        found: set[int] = set()
        for size in self.sizes:
            for start in range(len(folded) - size + 1):
                found.update(self.pieces.get(folded[start : start + size], ()))
        return sorted(found)


_PIECE = 4  # characters in a sieve piece (shorter aliases are their own piece)


def _pieces(form: str) -> list[str]:
    return [form[i : i + _PIECE] for i in range(max(1, len(form) - _PIECE + 1))]


@cache
def _matcher(language: str) -> _Matcher:
    """The patterns and sieve for texts in ``language``."""
    languages = (language, *(lang for lang in _QUOTED_LANGUAGES if lang != language))
    patterns = []
    forms: list[list[str]] = []
    for entry in initiative_catalogue():
        words = [*entry.any, *(w for lang in languages for w in entry.aliases_for(lang))]
        pattern = keyword_pattern(words)
        if pattern is not None:
            patterns.append((entry, pattern))
            forms.append([form for script in _by_script(words) for form in script])
    counts = Counter(
        piece for entry_forms in forms for f in entry_forms for piece in set(_pieces(f))
    )
    pieces: dict[str, set[int]] = {}
    for index, entry_forms in enumerate(forms):
        for form in entry_forms:
            rarest = min(_pieces(form), key=lambda piece: (counts[piece], piece))
            pieces.setdefault(rarest, set()).add(index)
    return _Matcher(
        tuple(patterns),
        {piece: frozenset(indices) for piece, indices in pieces.items()},
        tuple(sorted({len(piece) for piece in pieces})),
    )


def catalogue_matches(folded: str, language: str) -> list[CatalogueMatch]:
    """Find catalogue entries in ``folded`` text, longest match first where they overlap.

    An entry is left out when the text also names an entry that refines it (lists it in
    ``broader``): "one-stop department" beside "regardless of administrative boundaries".

    Args:
        folded: text folded with ``extract.normalize.fold``.
        language: ISO 639-1 code of the text.

    Returns:
        Non-overlapping matches in text order.
    """
    matcher = _matcher(language)
    found = [
        CatalogueMatch(entry, m.start(), m.end())
        for entry, pattern in (matcher.patterns[i] for i in matcher.candidates(folded))
        for m in pattern.finditer(folded)
        if m.end() > m.start()
    ]
    kept: list[CatalogueMatch] = []
    for match in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    refined = {broader for k in kept for broader in k.entry.broader}
    return sorted((k for k in kept if k.entry.id not in refined), key=lambda m: m.start)


@cache
def _alias_patterns(entry: CatalogueEntry) -> tuple[re.Pattern[str], ...]:
    """One pattern per alias of ``entry`` (any language), shortest alias first."""
    aliases = {*entry.any, *(name for _, names in entry.aliases for name in names)}
    patterns = (keyword_pattern([alias]) for alias in sorted(aliases, key=lambda a: len(fold(a))))
    return tuple(p for p in patterns if p is not None)


def shortest_alias(match: CatalogueMatch, folded: str) -> tuple[int, int]:
    """The span in ``folded`` of the shortest alias inside ``match``.

    "Đề án 06" in "triển khai Đề án 06": the name as written, without the verb an alias holds.
    """
    for pattern in _alias_patterns(match.entry):
        found = pattern.search(folded, match.start, match.end)
        if found and found.end() > found.start():
            return found.start(), found.end()
    return match.start, match.end
