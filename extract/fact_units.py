"""Sub-provincial units as subjects of index facts: departments, bodies, districts, communes.

A province ranks its own departments ("Sở Tư pháp", "Department of Justice", "司法厅"), its
branches of central agencies (customs, treasury, police, social insurance), its districts,
towns and cities, and its communes. Their figures are never the province's: each unit is a
subject of its own, named ``Unit (Province)`` ("Department of Justice (Tuyen Quang)",
"Dien Chau district (Nghe An)", "Ha Long City (Quang Ninh)").

Names come from ``extract/lexicons/units/<lang>.toml`` (see its README) and from the
gazetteer's district-level units. The province in brackets is the one written next to the unit
("Sở Tư pháp tỉnh Tuyên Quang", "广宁省司法厅"), the district's own province, or the one
province the article is about.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Protocol, TypeVar

from extract.gazetteer import ascii_name, canonical_place, districts, province
from extract.phonetic import skeleton
from extract.regex_cues import cues, lowered_document, may_match
from extract.sentences import clause_spans

__all__ = [
    "PlaceLike",
    "UnitMention",
    "UnitsLexicon",
    "article_province",
    "find_units",
    "load_units",
    "without_outranked",
]

# up to four words; the capitalised run is kept in code (Python's re has no \p{Lu})
_NAME = r"[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){0,3}"
_TYPE_WORDS = {
    "district": "district",
    "town": "town",
    "city": "City",
    "commune": "commune",
    "ward": "ward",
}


class PlaceLike(Protocol):
    """What index facts need from a gazetteer match (read-only, so frozen matches fit)."""

    @property
    def start(self) -> int:
        """Offset of the match in the text."""
        ...

    @property
    def end(self) -> int:
        """Offset just after the match."""
        ...

    @property
    def canonical(self) -> str:
        """Canonical English name ("Phu Yen")."""
        ...

    @property
    def kind(self) -> str:
        """Kind of unit: province or district."""
        ...


@dataclass(frozen=True, slots=True)
class UnitMention:
    """A unit named in text: its span (with an absorbed province) and canonical name."""

    start: int
    end: int
    canonical: str  # "Department of Justice (Tuyen Quang)"


Cues = frozenset[str] | None  # literals one of which a match contains (extract.regex_cues)
_Body = tuple[re.Pattern[str], str, bool, Cues]


@dataclass(frozen=True, slots=True, eq=False)
class UnitsLexicon:
    """Compiled unit names of one language (loaded once, compared by identity)."""

    language: str
    bodies: tuple[_Body, ...]  # (pattern, English name, ambiguous, cues)
    places: tuple[tuple[re.Pattern[str], str, Cues], ...]  # (pattern with name, type, cues)
    before: re.Pattern[str]  # the gap between a province and a unit after it
    after: re.Pattern[str]  # the gap between a unit and a province after it
    word: re.Pattern[str]  # a province word right after a unit ("tỉnh", "Provincial")
    provincial: re.Pattern[str]  # a province word anywhere in a unit's name
    deictic: re.Pattern[str] | None  # "this department": the unit named just before
    national: re.Pattern[str]  # "越南": an ambiguous name after it is the Ministry


@cache
def _raw(language: str) -> dict[str, object]:
    path = resources.files("extract") / "lexicons" / "units" / f"{language}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _strings(data: dict[str, object], key: str) -> list[str]:
    value = data.get(key, [])
    return [str(v) for v in value] if isinstance(value, list) else []


def _table(data: dict[str, object], key: str) -> dict[str, list[str]]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        return {}
    return {str(k): [str(x) for x in v] for k, v in value.items() if isinstance(v, list)}


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _bodies(data: dict[str, object]) -> list[_Body]:
    out: list[_Body] = []
    for name, topics in _table(data, "departments").items():
        alternation = "(?:" + "|".join(topics) + ")"
        by_topic = [cues(t) for t in topics]
        topic_cues: Cues = None
        if all(c is not None for c in by_topic):
            topic_cues = frozenset(cue for c in by_topic if c for cue in c)
        for key, ambiguous in (("heads", False), ("ambiguous_heads", True)):
            for head in _strings(data, key):
                required = cues(head.replace("{T}", "()")) or topic_cues
                pattern = _compile(head.replace("{T}", alternation))
                out.append((pattern, name, ambiguous, required))
    for key, ambiguous in (("bodies", False), ("ambiguous_bodies", True)):
        for name, patterns in _table(data, key).items():
            out.extend((_compile(p), name, ambiguous, cues(p)) for p in patterns)
    return out


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True)) or "(?!)"


@cache
def load_units(language: str | None) -> UnitsLexicon:
    """Return the unit names of ``language`` (English when it has no file)."""
    lang = language if language and _raw(language) else "en"
    data = _raw(lang)
    words = _alternation(_strings(data, "province_words"))
    links = _alternation(_strings(data, "links"))
    deictic = _strings(data, "deictic")
    places = [
        (re.compile(p.replace("{NAME}", _NAME)), unit_type, cues(p.replace("{NAME}", "")))
        for unit_type, patterns in _table(data, "places").items()
        for p in patterns
    ]
    return UnitsLexicon(
        language=lang,
        bodies=tuple(_bodies(data)),
        places=tuple(places),
        before=_compile(rf"\s*(?:{words})?\s*['’]?s?\s*"),
        after=_compile(rf"\s*(?:(?:{links}|{words})\s*){{0,3}}"),
        word=_compile(rf"\s*(?:{words})(?![A-Za-z\u00c0-\u024f\u1e00-\u1eff])"),
        provincial=_compile(words),
        deictic=_compile(_alternation(deictic)) if deictic else None,
        national=_compile(_alternation(_strings(data, "national"))),
    )


@dataclass(frozen=True, slots=True)
class _Held:
    """The unit patterns whose cues one document holds: the only ones its sentences can match."""

    bodies: tuple[_Body, ...]
    places: tuple[tuple[re.Pattern[str], str, Cues], ...]


@lru_cache(maxsize=8)
def _held(document: str, lexicon: UnitsLexicon) -> _Held:
    lowered = lowered_document(document)
    return _Held(
        bodies=tuple(b for b in lexicon.bodies if may_match(b[3], lowered)),
        places=tuple(p for p in lexicon.places if may_match(p[2], lowered)),
    )


def find_units(
    text: str,
    start: int,
    end: int,
    language: str | None,
    places: Sequence[PlaceLike],
    province_of_article: str | None = None,
) -> list[UnitMention]:
    """Return the units named in ``text[start:end]``, with their province in brackets.

    Args:
        text: The article text.
        start: Start of the span to search.
        end: End of the span.
        language: Language of the text (its units file; English when it has none).
        places: Gazetteer matches over ``text``; districts among them become units.
        province_of_article: The one province the article is about, if known: the bracket of
            units that name none, and the condition of ambiguous names ("财政部").
    """
    lexicon = load_units(language)
    provinces = [p for p in places if p.kind == "province"]
    # "财政部" is Nghe An's Department of Finance in a Nghe An article, but "越南内务部", "베트남
    # 내무부" (the country named in the sentence) is the Ministry
    national = any(p.kind == "country" and start <= p.start < end for p in places)
    found = _body_mentions(
        text, start, end, lexicon, province_of_article is not None and not national
    )
    found += _district_places(places, start, end)
    taken = [(s, e) for s, e, _, _ in found]
    found += [
        m
        for m in _pattern_places(text, start, end, lexicon, province_of_article)
        if not any(s < m[1] and m[0] < e for s, e in taken)
    ]
    out = [
        _with_province(text, mention, lexicon, provinces, province_of_article) for mention in found
    ]
    out.sort(key=lambda m: (m.start, m.start - m.end))
    kept: list[UnitMention] = []
    for mention in out:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    kept = sorted(kept + _listed(text, end, kept), key=lambda u: u.start)
    return _with_deictics(text, start, end, lexicon, kept)


_TWO_WORDS = re.compile(r"(?<![\w-])(?=([^\W\d_]+ [^\W\d_]+)(?![\w-]))")
_LIST_BEFORE = re.compile(r"(?:[,;:(、]|\b(?:và|and|y|e|et|und|og|là|by|đến|theo))\s*$", re.I)
_LEVELS = {"district": "district", "town": "district", "City": "district", "commune": "commune"}


def _level(canonical: str) -> str | None:
    """The level of a district- or commune-level unit: its type word before the bracket."""
    words = _BRACKET.sub("", canonical).split()
    return _LEVELS.get(words[-1]) if words else None


def _listed(text: str, end: int, units: list[UnitMention]) -> list[UnitMention]:
    """Names listed after a district or commune without their own type word.

    "huyện Việt Yên, Lục Nam và Yên Dũng", "Ba Dinh district, followed by Son Dong and Yen The":
    two capitalised Vietnamese syllables after a list word, in the sentence of a typed unit.
    """
    typed = [u for u in units if _level(u.canonical)]
    out: list[UnitMention] = []
    for m in _TWO_WORDS.finditer(text, typed[0].end if typed else end, end):
        s, e = m.span(1)
        name = m.group(1)
        if (
            not all(w[:1].isupper() for w in name.split())
            or any(u.start < e and s < u.end for u in units)
            or not _LIST_BEFORE.search(text, max(0, s - 12), s)
            or text[e : e + 2].lstrip()[:1].isupper()  # a longer name: "Nguyễn Văn A"
            or not all(_SYLLABLE.fullmatch(w) for w in ascii_name(name).split())
            or canonical_place(name) is not None  # a known place is matched as a place
        ):
            continue
        prev = [u for u in typed if u.end <= s][-1]
        bracket = _BRACKET.search(prev.canonical)
        named = f"{ascii_name(name)} {_level(prev.canonical)}"
        out.append(UnitMention(s, e, f"{named} ({bracket.group(1)})" if bracket else named))
    return out


def _with_deictics(
    text: str, start: int, end: int, lexicon: UnitsLexicon, units: list[UnitMention]
) -> list[UnitMention]:
    """Resolve "this department", "đơn vị này", "该部门" to the unit named just before it.

    Only a unit of the same sentence: otherwise the words stay unresolved (never the province).
    """
    if lexicon.deictic is None or not units:
        return units
    out = list(units)
    for m in lexicon.deictic.finditer(text, start, end):
        if not _is_word(text, m.start(), m.end()) or any(
            u.start < m.end() and m.start() < u.end for u in units
        ):
            continue
        before = [u for u in units if u.end <= m.start()]
        if before:
            out.append(UnitMention(m.start(), m.end(), before[-1].canonical))
    return sorted(out, key=lambda u: u.start)


_PROVINCIAL = "Provincial "  # a branch of a central agency: kept when the text says so
_Found = tuple[int, int, str, str | None]  # start, end, English name, its own province


def _body_mentions(
    text: str, start: int, end: int, lexicon: UnitsLexicon, ambiguous_ok: bool
) -> list[_Found]:
    out: list[_Found] = []
    lowered = text[start:end].lower()
    for pattern, name, ambiguous, required in _held(text, lexicon).bodies:
        if (ambiguous and not ambiguous_ok) or not may_match(required, lowered):
            continue
        for m in pattern.finditer(text, start, end):
            if ambiguous and lexicon.national.search(text, max(start, m.start() - 8), m.start()):
                continue  # "越南内务部", "国家…部": the Ministry
            if _is_word(text, m.start(), m.end()) and _written_as_name(m.group()):
                out.append((m.start(), m.end(), name, None))
    return out


def _is_word(text: str, start: int, end: int) -> bool:
    """A Latin, Cyrillic or Arabic name must not be part of a longer word."""
    first, last = text[start], text[end - 1]
    if _spaced(first) and start > 0 and text[start - 1].isalpha():
        return False
    return not (_spaced(last) and end < len(text) and text[end].isalpha())


def _spaced(ch: str) -> bool:
    return ch.isalpha() and ord(ch) < 0x0E00


def _written_as_name(match: str) -> bool:
    """Latin names are capitalised ("Social Insurance", not the idea "social insurance")."""
    if not (match[:1].isascii() or "\u00c0" <= match[:1] <= "\u024f"):
        return True
    return any(ch.isupper() for ch in match)


@cache
def _district_types() -> dict[tuple[str, str], str]:
    return {(d.name, d.province): d.unit_type for d in districts()}


def _district_places(places: Sequence[PlaceLike], start: int, end: int) -> list[_Found]:
    out: list[_Found] = []
    for p in places:
        own = getattr(p, "province", None)
        if p.kind != "district" or not start <= p.start < end or own is None:
            continue
        unit_type = _district_types().get((p.canonical, own), "district")
        name = p.canonical  # "District 1" names its type already
        if name.split()[0] != "District":
            name = f"{name} {_TYPE_WORDS[unit_type]}"
        out.append((p.start, p.end, name, own))
    return out


def _pattern_places(
    text: str, start: int, end: int, lexicon: UnitsLexicon, province_of_article: str | None
) -> list[_Found]:
    """District- and commune-level units by their type word ("huyện Việt Yên", "X commune")."""
    out: list[_Found] = []
    lowered = text[start:end].lower()
    for pattern, unit_type, required in _held(text, lexicon).places:
        if not may_match(required, lowered):
            continue
        for m in pattern.finditer(text, start, end):
            name_first = m.start("name") == m.start()  # "X district": the name ends the run
            words = _capitalised(text, m.start("name"), m.end("name"), name_first)
            named = _place_name(text, words, unit_type, name_first, province_of_article)
            if named is None:
                continue
            name_start, name_end, canonical, own = named
            s, e = (name_start, m.end()) if name_first else (m.start(), name_end)
            out.append((s, e, canonical, own))
    return out


def _capitalised(text: str, start: int, end: int, trailing: bool) -> list[tuple[int, int]]:
    """Spans of the run of capitalised words at the end (or start) of a matched name."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    run: list[tuple[int, int]] = []
    for s, e in reversed(words) if trailing else words:
        first = text[start + s : start + s + 1]
        if not first.isupper() and first.lower() != first.upper():
            break  # a lower-case word; scripts without case (kana, Hangul) are names
        run.append((start + s, start + e))
    return sorted(run)


# a Vietnamese syllable without its diacritics: "Viet", "Nghia", "Quynh", "Tien"
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|kr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnptk])?",
    re.IGNORECASE,
)
_PLAIN_WORDS = 2  # a name the gazetteer does not know: Vietnamese names have two syllables


def _place_name(
    text: str,
    words: list[tuple[int, int]],
    unit_type: str,
    name_first: bool,
    province_of_article: str | None = None,
) -> tuple[int, int, str, str | None] | None:
    """Name a unit found by its type word, the longest known name first.

    None when the words name a centrally run city ("Hanoi city", "thành phố Hồ Chí Minh"),
    which is the province itself, or nothing we can write in English.
    """
    n = len(words)
    spans = [(i, n) for i in range(n)] if name_first else [(0, j) for j in range(n, 0, -1)]
    for i, j in spans:
        name = text[words[i][0] : words[j - 1][1]]
        known = _known_place(name, unit_type)
        if known == _PROVINCE_ITSELF:
            return None
        if known is not None:
            return (words[i][0], words[j - 1][1], *known)
    i, j = (max(0, n - _PLAIN_WORDS), n) if name_first else (0, min(n, _PLAIN_WORDS))
    if i >= j:
        return None
    heard = _by_sound(text[words[i][0] : words[j - 1][1]], province_of_article)
    if heard is not None:  # "バーディン区", "Бадинь": a district of the article's province
        return (words[i][0], words[j - 1][1], *heard)
    plain = ascii_name(text[words[i][0] : words[j - 1][1]])
    if not all(_SYLLABLE.fullmatch(w) for w in plain.split()):
        return None  # not Vietnamese syllables: "the Old Town", "Ancient Town", a Cyrillic name
    return words[i][0], words[j - 1][1], f"{plain} {_TYPE_WORDS[unit_type]}", None


_PROVINCE_ITSELF = ("", None)
_MIN_SKELETON = 2  # "Tây Hồ" is "th"; one consonant says too little


def _by_sound(name: str, province_of_article: str | None) -> tuple[str, str | None] | None:
    """The one district of the article's province whose name sounds like ``name``, if any.

    Only for names written by sound in another script (katakana, Hangul, Cyrillic).
    """
    if province_of_article is None or ascii_name(name).isascii():
        return None
    key = skeleton(name)
    if len(key) < _MIN_SKELETON:
        return None
    heard = [
        d for d in districts() if d.province == province_of_article and skeleton(d.name_vi) == key
    ]
    if len(heard) != 1:
        return None
    return f"{heard[0].name} {_TYPE_WORDS[heard[0].unit_type]}", heard[0].province


def _known_place(name: str, unit_type: str) -> tuple[str, str | None] | None:
    """The gazetteer's unit and its province, ``_PROVINCE_ITSELF`` or None (unknown)."""
    known = canonical_place(name)
    if known is None:
        return None
    unit = province(known)
    if unit is not None:
        if unit.unit_type == "city" or unit_type not in ("city", "town"):
            return _PROVINCE_ITSELF  # "Hanoi city"; "クアンニン県" is the province too
        return f"{unit.name} {_TYPE_WORDS[unit_type]}", unit.name  # "Bac Giang city"
    district = next((d for d in districts() if d.name == known), None)
    if district is None:
        return None
    return f"{district.name} {_TYPE_WORDS[district.unit_type]}", district.province


def _with_province(
    text: str,
    found: _Found,
    lexicon: UnitsLexicon,
    provinces: Sequence[PlaceLike],
    province_of_article: str | None,
) -> UnitMention:
    """Absorb a province written next to the unit and name the unit ``Unit (Province)``."""
    start, end, name, own = found
    for p in provinces:
        if p.end <= start and lexicon.before.fullmatch(text, p.end, start):
            start, own = p.start, own or p.canonical  # "Quang Ninh Department of Justice"
        elif p.start >= end and lexicon.after.fullmatch(text, end, p.start):
            end, own = p.end, own or p.canonical  # "Sở Tư pháp tỉnh Tuyên Quang"
    word = lexicon.word.match(text, end)
    if word:
        end = word.end()
    if name.startswith(_PROVINCIAL) and not lexicon.provincial.search(text, start, end):
        name = name[len(_PROVINCIAL) :]  # "海关部门" is the "Customs Department", as written
    bracket = own or province_of_article
    return UnitMention(start, end, f"{name} ({bracket})" if bracket else name)


class _Named(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def canonical(self) -> str | None: ...


_N = TypeVar("_N", bound=_Named)
_BRACKET = re.compile(r" \((.+)\)$")


def without_outranked(text: str, start: int, end: int, subjects: list[_N]) -> list[_N]:
    """Drop a province named in the same clause as one of its own units.

    "В индексе PAR провинции Хатинь первое место занял Департамент науки…": the first place
    is the department's; the province only says whose ranking it is.
    """
    if not any(s.canonical and s.canonical.endswith(")") for s in subjects):
        return subjects
    clauses = clause_spans(text, start, end)

    def clause_of(pos: int) -> int:
        return next((i for i, (cs, ce) in enumerate(clauses) if cs <= pos < ce), -1)

    owners = {
        (clause_of(s.start), m.group(1))
        for s in subjects
        if s.canonical and (m := _BRACKET.search(s.canonical))
    }
    return [s for s in subjects if (clause_of(s.start), s.canonical) not in owners]


def article_province(places: Sequence[PlaceLike], title: str | None) -> str | None:
    """Return the province the article is about: its title's, or the only one it names."""
    if title:
        return title
    named = {
        getattr(p, "province", None) or p.canonical
        for p in places
        if p.kind in ("province", "district")
    }
    return named.pop() if len(named) == 1 else None
