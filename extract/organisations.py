# Cyrillic and Arabic letters in patterns are data
"""Organisations: lexicon patterns per language, their places, acronyms and variants."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.entity_lexicon import Lexicon
from extract.gazetteer import PlaceMatch
from extract.models import Entity
from extract.normalize import fold

__all__ = ["find_organisations"]


def find_organisations(
    text: str, lex: Lexicon, places: tuple[PlaceMatch, ...], people: Sequence[Entity]
) -> list[Entity]:
    """Find the organisations named in ``text``.

    Lexicon patterns, cut where a person's name starts and extended over the place they
    belong to, plus bare acronyms; variants of one body get the name first written.
    """
    cut = (_cut_at_people(o, people) for o in _organisations(text, lex))
    attached = [_attach_places(o, text, places, lex) for o in cut if o is not None]
    attached = sorted([*attached, *_acronyms(text, attached)], key=lambda o: o.span_start)
    return _merge_variants(_drop_nested(attached), places)


def _organisations(text: str, lex: Lexicon) -> list[Entity]:
    found = sorted(
        ((m.start(), m.end()) for p in lex.orgs for m in p.finditer(text) if m.end() > m.start()),
        key=lambda s: (s[0], -s[1]),
    )
    out: list[Entity] = []
    last = -1
    for start, end in found:
        if start >= last:
            name = text[start:end].strip()
            out.append(Entity(name, "ORG", name, start, start + len(name)))
            last = end
    return out


_ATTACHABLE = ("province", "district", "country")


# Words that only say "provincial" or join words: variants differing in them are one body
# ("Komite Pengarah Provinsi untuk Reformasi" and "Komite Pengarah Reformasi ... Provinsi").
_LEVEL_WORDS = frozenset(
    fold(w)
    for w in (
        *("provinsi", "provincial", "province", "provinces", "provinsens", "tỉnh", "провинции"),
        *("provincia", "provinciale", "província", "المقاطعة", "للمقاطعة", "الإقليمية"),
        *("الإقليمي", "في", "untuk", "for", "of", "the", "de", "del", "la", "des", "du", "di"),
        *("della", "dan", "và", "og", "und", "der"),
    )
)


_ACRONYM_AFTER = re.compile(r"\s?\([A-Z][A-Za-z&-]{1,9}\)")


# Acronyms of bodies that articles in any language write on their own.
_ACRONYMS = re.compile(r"(?<![\w(（])(?:VCCI|UNDP)(?![\w)）])")


# The country a ministry is "of" is written or left out: "越南内务部" and "内务部" are one body.
_COUNTRY_WORDS = re.compile(
    r"越南|ベトナム|베트남|เวียดนาม|الفيتنامية|(?<!\w)(?:of\s+)?vietnam(?!\w)"
)


def _acronyms(text: str, orgs: list[Entity]) -> list[Entity]:
    """Bodies named by a bare acronym, outside the organisations already found."""
    return [
        Entity(m.group(), "ORG", m.group(), m.start(), m.end())
        for m in _ACRONYMS.finditer(text)
        if not any(o.span_start <= m.start() < o.span_end for o in orgs)
    ]


def _attach_places(org: Entity, text: str, places: tuple[PlaceMatch, ...], lex: Lexicon) -> Entity:
    """Extend an organisation over the place it belongs to, written before or after it."""
    start, end = org.span_start, org.span_end
    if lex.org_suffix and (suffix := lex.org_suffix.match(text, end)):
        end = suffix.end()
    for place in places:
        if place.kind not in _ATTACHABLE:
            continue
        if (
            lex.place_after
            and place.start >= end
            and lex.place_after.fullmatch(text, end, place.start)
        ):
            end = place.end
        elif (
            lex.place_before
            and place.end <= start
            and lex.place_before.fullmatch(text, place.end, start)
        ):
            start = place.start
    if (start, end) == (org.span_start, org.span_end):
        return org
    name = text[start:end]
    return Entity(name, "ORG", name, start, end)


def _org_key(org: Entity, places: tuple[PlaceMatch, ...]) -> tuple[frozenset[str], frozenset[str]]:
    inside = [p for p in places if org.span_start <= p.start and p.end <= org.span_end]
    name = org.text
    for place in sorted(inside, key=lambda p: -p.start):
        a, b = place.start - org.span_start, place.end - org.span_start
        name = name[:a] + " " + name[b:]
    folded = _COUNTRY_WORDS.sub(" ", fold(_ACRONYM_AFTER.sub(" ", name)))
    words = frozenset(re.findall(r"\w+", folded)) - _LEVEL_WORDS
    return words, frozenset(p.canonical for p in inside if p.kind != "country")


def _merge_variants(orgs: list[Entity], places: tuple[PlaceMatch, ...]) -> list[Entity]:
    """Name each body by its first written form (later variants get that canonical name)."""
    seen: list[tuple[frozenset[str], frozenset[str], str]] = []
    out = []
    for org in orgs:
        words, where = _org_key(org, places)
        if acronym := re.search(r"\(([A-Z][A-Za-z&-]{1,9})\)\s*$", org.text):
            seen.append((frozenset([fold(acronym.group(1))]), where, org.canonical or org.text))
        first = next(
            (c for w, p, c in seen if w == words and (p == where or not p or not where)), None
        )
        if first is None:
            seen.append((words, where, org.canonical or org.text))
        out.append(
            org if first is None else Entity(org.text, "ORG", first, org.span_start, org.span_end)
        )
    return out


def _drop_nested(orgs: list[Entity]) -> list[Entity]:
    """Drop an organisation that lies inside another one after places were attached."""
    return [
        o
        for o in orgs
        if not any(
            p is not o and p.span_start <= o.span_start and o.span_end <= p.span_end for p in orgs
        )
    ]


def _cut_at_people(org: Entity, people: Sequence[Entity]) -> Entity | None:
    """End an organisation name where a person's name starts inside it."""
    end = min(
        (p.span_start for p in people if org.span_start < p.span_start < org.span_end),
        default=org.span_end,
    )
    if end == org.span_end:
        return org
    name = org.text[: end - org.span_start].rstrip(" ,-")
    words = name.split()
    return (
        Entity(name, "ORG", name, org.span_start, org.span_start + len(name))
        if len(words) > 1
        else None
    )
