"""Index names in a text, in every language's spelling ("PCI", "行政改革指数", "Chỉ số CCHC").

A document's spellings are found once (``names_in``); each of its sentences then looks only
for those (``index_mentions``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from extract.facts_lexicon import FactsLexicon
from extract.regex_cues import lowered_document

__all__ = ["IndexName", "index_mentions", "names_in"]


IndexName = tuple[str, str, bool]  # (spelling, index code, matched case-sensitively)


def index_mentions(
    text: str, lexicon: FactsLexicon, names: Sequence[IndexName] | None = None
) -> list[tuple[int, int, str]]:
    """Return ``(start, end, code)`` of every index name in ``text``, longest first.

    ``names``: the spellings worth looking for (``names_in`` of the document a sentence is
    from); every spelling of the lexicon when None.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # rare case-mappings that change length: use the regex
        return _regex_mentions(text, lexicon)
    candidates = (
        names if names is not None else _candidate_names(text, lowered, lexicon.index_variants)
    )
    found: list[tuple[int, int, str]] = []
    for variant, code, exact in candidates:
        haystack = text if exact else lowered
        pos = haystack.find(variant)
        while pos >= 0:
            stop = pos + len(variant)
            if _name_bounded(haystack, pos, stop, variant, exact):
                found.append((pos, stop, code))
            pos = haystack.find(variant, pos + 1)
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str]] = []
    for mention in found:
        if not kept or mention[0] >= kept[-1][1]:
            kept.append(mention)
    return kept


def names_in(document: str, lexicon: FactsLexicon) -> tuple[IndexName, ...]:
    """The index spellings that occur in ``document``: the only ones its sentences can hold.

    Looked for once per document, so that each sentence searches a handful of names instead
    of all of them (a sentence's lower-cased text is a piece of the document's).
    """
    lowered = lowered_document(document)
    return tuple(
        entry
        for entry in lexicon.index_variants
        if (document if entry[2] else lowered).find(entry[0]) >= 0
    )


def _candidate_names(
    text: str, lowered: str, variants: tuple[IndexName, ...]
) -> Sequence[IndexName]:
    """The names worth looking for: in a sentence, those whose first two characters occur.

    A long text holds most pairs: there every name is looked for (str.find is cheaper than
    collecting the pairs of a whole article).
    """
    if len(text) > _SHORT_TEXT:
        return variants
    by_pair = _variants_by_pair(variants)
    found = [
        variant
        for exact, haystack in ((False, lowered), (True, text))
        for pair in _pairs_in(haystack) & by_pair[exact].keys()
        for variant in by_pair[exact][pair]
    ]
    return [*found, *by_pair[None]]


_SHORT_TEXT = 600  # characters: a sentence, not an article


def _pairs_in(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


@cache
def _variants_by_pair(
    variants: tuple[tuple[str, str, bool], ...],
) -> dict[bool | None, Any]:
    """Index names by their first two characters, exact and folded apart (None: shorter)."""
    out: dict[bool | None, Any] = {False: {}, True: {}, None: []}
    for entry in variants:
        variant, _, exact = entry
        if len(variant) < 2:
            out[None].append(entry)
        else:
            out[exact].setdefault(variant[:2], []).append(entry)
    return out


def _name_bounded(text: str, start: int, stop: int, name: str, exact: bool) -> bool:
    """Latin-script names must not run on into a word ("PAR" in "PARIS", "PCI" in "PCIs")."""
    if name[:1].isascii() and name[:1].isalnum() and start:
        before = text[start - 1]
        if before.isascii() and before.isalpha():
            return False
    if name[-1:].isascii() and name[-1:].isalnum() and stop < len(text):
        after = text[stop]
        if after.isascii() and (after.islower() if exact else after.isalpha()):
            return False
    return True


def _regex_mentions(text: str, lexicon: FactsLexicon) -> list[tuple[int, int, str]]:
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
