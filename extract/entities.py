# Cyrillic and Arabic letters in patterns are data
"""Named entities: provinces, districts, people with titles, organisations.

Places come from the gazetteer (``extract.gazetteer.match_places``), which works in every
script. People are found with spaCy's blank multilingual tokenizer and an EntityRuler whose
patterns describe Vietnamese personal names (a family name from a closed list and one to three
capitalised syllables, in Latin or Arabic script). Organisations and titles come from the
per-language lexicons in ``extract/lexicons/entities/<lang>.toml``: adding a language is adding
a file there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from extract.entity_lexicon import (
    SYLLABLE,
    Lexicon,
    family_names,
    has_honorific,
    lexicon,
    lexicon_languages,
    title_after,
    title_before,
)
from extract.gazetteer import PlaceMatch, ascii_name, match_places
from extract.models import Entity, EntityLabel
from extract.normalize import fold
from extract.organisations import find_organisations
from extract.people_scripts import (
    bracketed_latin_people,
    cyrillic_people,
    han_people,
    hangul_people,
    titled_names,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Lexicon", "find_entities", "lexicon", "lexicon_languages"]

_ARABIC_FAMILY = frozenset(
    fold(k)
    for k in (
        "نغوين",
        "نجوين",
        "تران",
        "لي",
        "فام",
        "هوانغ",
        "فان",
        "فو",
        "دانغ",
        "بوي",
        "دو",
        "هو",
        "نغو",
        "دوونغ",
        "ترونغ",
        "لونغ",
        "داو",
        "ماي",
        "كاو",
        "لام",
        "دينه",
        "فونغ",
    )
)


def _set_norms(doc: Doc) -> Doc:
    """Set each token's NORM to its folded text, so patterns match any spelling."""
    for token in doc:
        token.norm_ = _fold_token(token.text)
    return doc


@lru_cache(maxsize=65536)
def _fold_token(text: str) -> str:
    return fold(text)


@cache
def _nlp() -> Language:
    import spacy  # imported lazily: loading spaCy costs about a second
    from spacy.language import Language as SpacyLanguage
    from spacy.pipeline import EntityRuler

    if not SpacyLanguage.has_factory("newsintel_fold_norms"):
        SpacyLanguage.component("newsintel_fold_norms", func=_set_norms)
    family, arabic = family_names()
    syllable = SYLLABLE.pattern
    viet_name: list[dict[str, Any]] = [
        {"NORM": {"IN": sorted(family)}, "IS_TITLE": True},
        {"NORM": {"REGEX": syllable}, "IS_TITLE": True, "OP": "{1,3}"},
    ]
    arabic_name: list[dict[str, Any]] = [
        {"NORM": {"IN": sorted(_ARABIC_FAMILY)}},
        {"NORM": {"IN": sorted(arabic)}, "OP": "{1,3}"},
    ]
    nlp = spacy.blank("xx")
    nlp.add_pipe("newsintel_fold_norms")
    ruler = nlp.add_pipe("entity_ruler")
    if not isinstance(ruler, EntityRuler):
        raise TypeError("spaCy's entity_ruler factory returned an unexpected component")
    ruler.add_patterns(
        [{"label": "PERSON", "pattern": viet_name}, {"label": "PERSON", "pattern": arabic_name}]
    )
    return nlp


@cache
def _family_regex() -> re.Pattern[str]:
    family, _ = family_names()
    words = sorted({*family, *_ARABIC_FAMILY}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


def _may_have_names(text: str) -> bool:
    """Return whether any family name occurs (so spaCy need not run on most CJK pages)."""
    return _family_regex().search(fold(text)) is not None


@cache
def _family_anywhere() -> re.Pattern[str]:
    """A family name anywhere, even inside a word: a line without one holds no name."""
    family, _ = family_names()
    return re.compile("|".join(map(re.escape, sorted({*family, *_ARABIC_FAMILY}))))


_LINE = re.compile(r"[^\n]+")


def _person_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """The PERSON spans spaCy finds in ``text``, line by line where a family name occurs.

    spaCy's tokens never cross a line break and a name is one run of tokens, so the lines
    without a family name are not tokenised at all (most of an article's lines).
    """
    nlp = _nlp()
    gate = _family_anywhere()
    for line in _LINE.finditer(text):
        if gate.search(fold(line.group())) is None:
            continue
        for span in nlp(line.group()).ents:
            yield line.start() + span.start_char, line.start() + span.end_char, span.text


def _romanise(name: str) -> str | None:
    arabic = family_names()[1]
    words = name.split()
    if all(fold(w) in arabic for w in words):
        return " ".join(arabic[fold(w)] for w in words)
    if all(w.isalpha() and fold(w).isascii() for w in words):
        return " ".join(ascii_name(w) for w in words)
    return None


# A name glued to a word ("Do Luong-distriktets", "Kim Thanh-based"), after a locative
# preposition ("ved Kim Thanh", "at Tan Thanh") or before a street word names a place.
_GLUED_AFTER = re.compile(r"-[^\W\d_A-Z]")
_LOCATIVE_BEFORE = re.compile(
    r"(?<!\w)(?:at|in|near|ved|i|på|di|ke|dari|tại|ở|à|au|en|em|no|na|nach|bei|im|в|во|на|"
    r"في|ب)\s+$",
    re.IGNORECASE,
)
_STREET_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?(?:street|road|avenue|boulevard|bridge|gate|border|school|airport|"
    r"gata|gate|jalan|strasse|straße|rue|calle|rua|via|улиц\w*)(?!\w)",
    re.IGNORECASE,
)


def _is_compound_or_place(text: str, start: int, end: int) -> bool:
    after = text[end : end + 40]
    return bool(
        _GLUED_AFTER.match(after)
        or _STREET_AFTER.match(after)
        or _LOCATIVE_BEFORE.search(text[max(0, start - 12) : start])
    )


def _has_person_cue(text: str, start: int, end: int, lex: Lexicon) -> bool:
    before = fold(text[max(0, start - 25) : start]).rstrip()
    if any(before.endswith(h) for h in lex.honorifics):
        return True
    return title_after(text, end, lex) is not None


def _people(text: str, places: tuple[PlaceMatch, ...], lex: Lexicon) -> list[Entity]:
    out: list[Entity] = []
    if not _may_have_names(text):
        return out
    for start, end, name in _person_spans(text):
        if _loses_to_place(text, start, end, places, lex):
            continue
        title = title_before(text, start, lex) or title_after(text, end, lex)
        if _is_compound_or_place(text, start, end) and (
            title is None and not has_honorific(text, start, lex)
        ):
            continue
        name_en = _romanise(name)
        out.append(Entity(name, "PERSON", name_en, start, end, title=title, name_en=name_en))
    return out


def _loses_to_place(
    text: str, start: int, end: int, places: tuple[PlaceMatch, ...], lex: Lexicon
) -> bool:
    for place in places:
        if place.end <= start or end <= place.start:
            continue
        if place.start <= start and end <= place.end and (place.end - place.start) > (end - start):
            return True  # "Ho Chi Minh" inside "Ho Chi Minh City"
        if (start, end) == (place.start, place.end):
            return not _has_person_cue(text, start, end, lex)
    return False


def _place_entities(places: tuple[PlaceMatch, ...], people: list[Entity]) -> list[Entity]:
    out = []
    for p in places:
        if p.kind not in ("province", "district"):
            continue
        if any(e.span_start <= p.start and p.end <= e.span_end for e in people):
            continue  # "Hoa Binh" inside "Nguyen Hoa Binh"
        label: EntityLabel = "PROVINCE" if p.kind == "province" else "DISTRICT"
        out.append(Entity(p.text, label, p.canonical, p.start, p.end))
    return out


def find_entities(
    text: str, language: str, *, places: tuple[PlaceMatch, ...] | None = None
) -> tuple[Entity, ...]:
    """Find provinces, districts, people and organisations in ``text``.

    Args:
        text: the document's main text.
        language: its ISO 639-1 code (selects the title and organisation lexicon).
        places: ``match_places(text)`` when the caller has it already.

    Returns:
        Entities in text order; places carry their canonical English name, people their
        romanised name (``name_en``) and title as written when one is next to the name.
    """
    lex = lexicon(language)
    if places is None:
        places = match_places(text)
    people = [
        *_people(text, places, lex),
        *han_people(text),
        *bracketed_latin_people(text),
        *cyrillic_people(text, places, lex),
        *(hangul_people(text, lex) if language == "ko" else ()),
    ]
    orgs = find_organisations(text, lex, places, people)
    taken = [(p.start, p.end) for p in places] + [
        (e.span_start, e.span_end) for e in [*people, *orgs]
    ]
    people += titled_names(text, lex, taken)
    entities = [*_place_entities(places, people), *people, *orgs]
    return tuple(sorted(entities, key=lambda e: (e.span_start, e.span_end)))
