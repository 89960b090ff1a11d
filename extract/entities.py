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
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from extract.gazetteer import PlaceMatch, ascii_name, match_places
from extract.models import Entity, EntityLabel
from extract.normalize import fold

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Lexicon", "find_entities", "lexicon", "lexicon_languages"]

_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?"
    r"(?:[aeiouy]{1,3})(?:ng|nh|ch|[cmnpt])?$"
)
_SEPARATOR_AFTER = re.compile(r"^\s*(?:[,\-\u2013\u2014:(]|\bis\b|\badalah\b)\s*")
_CLAUSE_END = re.compile(r"[.;:\n()\"“”]")
# Verbs and function words that end a title written after a name ("..., Chairman of X, said").
_TITLE_STOP = frozenset(
    [
        "said",
        "says",
        "stated",
        "expressed",
        "noted",
        "emphasised",
        "emphasized",
        "affirmed",
        "asked",
        "requested",
        "added",
        "was",
        "is",
        "has",
        "had",
        "will",
        "would",
        "mengatakan",
        "menyatakan",
        "menekankan",
        "meminta",
        "adalah",
        "telah",
        "akan",
        "sa",
        "uttalte",
        "understreket",
        "påpekte",
        "ba",
        "var",
        "har",
        "vil",
        "sagte",
        "erklärte",
        "dit",
        "a",
        "déclaré",
        "dijo",
        "ha",
        "قال",
        "أكد",
        "وقال",
        "وأكد",
        "أن",
        "who",
        "which",
        "that",
        "yang",
        "som",
        "die",
        "qui",
        "que",
    ]
)
_MAX_TITLE_WORDS = 24
_DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What one language contributes to entity finding (see ``lexicons/entities/en.toml``)."""

    language: str
    honorifics: tuple[str, ...]
    title_heads: tuple[str, ...]  # folded, longest first
    orgs: tuple[re.Pattern[str], ...]


def _lexicon_dir() -> Any:
    return resources.files("extract") / "lexicons" / "entities"


@cache
def lexicon_languages() -> tuple[str, ...]:
    """Return the language codes that have an entity lexicon file."""
    names = (p.name for p in _lexicon_dir().iterdir())
    return tuple(sorted(n[:-5] for n in names if n.endswith(".toml") and n != "names.toml"))


@cache
def lexicon(language: str) -> Lexicon:
    """Return the entity lexicon of ``language`` (English's when the language has none).

    Args:
        language: ISO 639-1 code.

    Returns:
        The frozen lexicon, loaded once per process.
    """
    if language not in lexicon_languages():
        language = _DEFAULT_LANGUAGE
    data = tomllib.loads((_lexicon_dir() / f"{language}.toml").read_text(encoding="utf-8"))
    return Lexicon(
        language=language,
        honorifics=tuple(fold(h) for h in data.get("honorifics", ())),
        title_heads=tuple(sorted({fold(t) for t in data.get("title_heads", ())}, key=len)[::-1]),
        orgs=tuple(re.compile(p) for p in data.get("orgs", ())),
    )


@cache
def _names_data() -> dict[str, Any]:
    return tomllib.loads((_lexicon_dir() / "names.toml").read_text(encoding="utf-8"))


@cache
def _names() -> tuple[frozenset[str], dict[str, str]]:
    data = _names_data()
    return frozenset(data["family"]), {fold(k): v for k, v in data["arabic"].items()}


_SPEECH_AFTER = "在|表示|说|指出|强调|称|发言|出席|会见|认为|介绍"


@cache
def _han_regex() -> re.Pattern[str]:
    data = _names_data()
    family = "".join(data["han_family"]["names"])
    given = "".join(data["han"])
    titles = "|".join(sorted(lexicon("zh").title_heads, key=len, reverse=True))
    return re.compile(
        rf"(?:{titles})(?P<titled>[{family}][{given}]{{2}})"
        rf"|(?P<speaking>[{family}][{given}]{{1,2}}(?={_SPEECH_AFTER}))"
    )


def _han_people(text: str) -> list[Entity]:
    """Vietnamese names written in Chinese characters, read the Sino-Vietnamese way."""
    readings = _names_data()["han"]
    out = []
    for m in _han_regex().finditer(text):
        group = "titled" if m.group("titled") else "speaking"
        start, end = m.span(group)
        name_en = " ".join(readings[ch] for ch in m.group(group))
        title = _han_title_before(text, start)
        out.append(Entity(m.group(group), "PERSON", name_en, start, end, title, name_en))
    return out


def _han_title_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 20) : start]
    cut = max(window.rfind(c) for c in "，。、,")
    title = window[cut + 1 :].strip()
    return title or None


_FOREIGN_NAME = re.compile(
    r"(?<![\w.])([A-ZА-ЯЁ][a-zа-яё]+(?:\s+[A-Z]\.)?\s+[A-ZА-ЯЁ][a-zа-яё]+)(?=\s*,\s)"
)
_NOT_NAME_WORDS = frozenset(
    [
        "in",
        "on",
        "at",
        "the",
        "for",
        "from",
        "according",
        "meanwhile",
        "also",
        "however",
        "dalam",
        "di",
        "pada",
        "menurut",
        "i",
        "pa",
        "og",
        "и",
        "в",
        "по",
        "para",
        "en",
        "a",
        "al",
        "le",
        "la",
        "les",
        "der",
        "die",
        "das",
        "im",
        "am",
    ]
)
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)


def _latin_of(name: str) -> str:
    if all(ch.isascii() for ch in name):
        return name
    out = "".join(_CYRILLIC.get(ch.lower(), ch) if ch.isalpha() else ch for ch in name)
    return " ".join(w[:1].upper() + w[1:] for w in ascii_name(out).split())


def _titled_names(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Entity]:
    """Any other name written as "Firstname Lastname, <title>" (foreign officials)."""
    out = []
    for m in _FOREIGN_NAME.finditer(text):
        start, end = m.span(1)
        words = m.group(1).split()
        folded = fold(m.group(1))
        if any(fold(w) in _NOT_NAME_WORDS for w in words) or any(
            h in folded for h in lex.title_heads if len(h) > 3
        ):
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        title = _title_after(text, end, lex)
        if title:
            name_en = _latin_of(m.group(1))
            out.append(Entity(m.group(1), "PERSON", name_en, start, end, title, name_en))
    return out


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
    family, arabic = _names()
    syllable = _SYLLABLE.pattern
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
    family, _ = _names()
    words = sorted({*family, *_ARABIC_FAMILY}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


def _may_have_names(text: str) -> bool:
    """Return whether any family name occurs (so spaCy need not run on most CJK pages)."""
    return _family_regex().search(fold(text)) is not None


def _romanise(name: str) -> str | None:
    arabic = _names()[1]
    words = name.split()
    if all(fold(w) in arabic for w in words):
        return " ".join(arabic[fold(w)] for w in words)
    if all(w.isalpha() and fold(w).isascii() for w in words):
        return " ".join(ascii_name(w) for w in words)
    return None


def _title_before(text: str, start: int, lex: Lexicon) -> str | None:
    window = text[max(0, start - 160) : start]
    cut = max(window.rfind(c) for c in ".;:\n,(")
    segment = window[cut + 1 :]
    folded = fold(segment)
    for i in range(len(folded)):
        if i and folded[i - 1].isalnum():
            continue
        for head in lex.title_heads:
            if folded.startswith(head, i) and len(segment) == len(folded):
                title = segment[i:].strip(" -\u2013\u2014")
                return title or None
    return None


def _title_after(text: str, end: int, lex: Lexicon) -> str | None:
    separator = _SEPARATOR_AFTER.match(text[end : end + 12])
    if not separator:
        return None
    rest = text[end + separator.end() : end + separator.end() + 240]
    stop = _CLAUSE_END.search(rest)
    title = _cut_title((rest[: stop.start()] if stop else rest).strip(), lex)
    return title or None


def _cut_title(title: str, lex: Lexicon) -> str:
    """Keep the comma-separated parts that start with a title head, up to a stop word."""
    kept: list[str] = []
    for part in title.split(","):
        words = part.split()
        if not words or not any(fold(part.strip()).startswith(h) for h in lex.title_heads):
            break
        for i, word in enumerate(words):
            if fold(word) in _TITLE_STOP or i >= _MAX_TITLE_WORDS:
                kept.append(" ".join(words[:i]))
                return ", ".join(kept)
        kept.append(" ".join(words))
    return ", ".join(kept)


def _has_person_cue(text: str, start: int, end: int, lex: Lexicon) -> bool:
    before = fold(text[max(0, start - 25) : start]).rstrip()
    if any(before.endswith(h) for h in lex.honorifics):
        return True
    return _title_after(text, end, lex) is not None


def _people(text: str, places: tuple[PlaceMatch, ...], lex: Lexicon) -> list[Entity]:
    out: list[Entity] = []
    if not _may_have_names(text):
        return out
    for span in _nlp()(text).ents:
        start, end = span.start_char, span.end_char
        if _loses_to_place(text, start, end, places, lex):
            continue
        title = _title_before(text, start, lex) or _title_after(text, end, lex)
        name_en = _romanise(span.text)
        out.append(Entity(span.text, "PERSON", name_en, start, end, title=title, name_en=name_en))
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


def _cut_at_people(org: Entity, people: list[Entity]) -> Entity | None:
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


def find_entities(text: str, language: str) -> tuple[Entity, ...]:
    """Find provinces, districts, people and organisations in ``text``.

    Args:
        text: the document's main text.
        language: its ISO 639-1 code (selects the title and organisation lexicon).

    Returns:
        Entities in text order; places carry their canonical English name, people their
        romanised name (``name_en``) and title as written when one is next to the name.
    """
    lex = lexicon(language)
    places = match_places(text)
    people = _people(text, places, lex) + _han_people(text)
    orgs = [_cut_at_people(o, people) for o in _organisations(text, lex)]
    taken = [(p.start, p.end) for p in places] + [
        (e.span_start, e.span_end) for e in [*people, *(o for o in orgs if o is not None)]
    ]
    people += _titled_names(text, lex, taken)
    entities = [*_place_entities(places, people), *people, *(o for o in orgs if o is not None)]
    return tuple(sorted(entities, key=lambda e: (e.span_start, e.span_end)))
