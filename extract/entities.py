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
from collections.abc import Iterator
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
    # the gap allowed between a place and an organisation it names ("Nghe An Department",
    # "义安省内务厅"), and between an organisation and a place after it ("Sở Nội vụ Nghệ An")
    place_before: re.Pattern[str] | None = None
    place_after: re.Pattern[str] | None = None
    org_suffix: re.Pattern[str] | None = None  # a level word after a name ("Sở Nội vụ tỉnh")


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
        place_before=_optional_regex(data.get("place_before")),
        place_after=_optional_regex(data.get("place_after")),
        org_suffix=_optional_regex(data.get("org_suffix")),
    )


def _optional_regex(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern else None


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
        rf"(?:{titles})(?P<titled>[{family}](?:[{given}]{{1,3}}(?={_SPEECH_AFTER}|[，。、,（(])"
        rf"|[{given}]{{2}}))"
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


# A foreign name transliterated into CJK script with its Latin spelling in brackets:
# "丹尼尔•克里滕布林克(Daniel J. Kritenbrink)", "ジョン・スミス（John Smith）".
_BRACKETED_LATIN_NAME = re.compile(
    r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]+[•・·][\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3•・·]+"
    r"[(（](?P<latin>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+){1,2})[)）]"
)


def _bracketed_latin_people(text: str) -> list[Entity]:
    out = []
    for m in _BRACKETED_LATIN_NAME.finditer(text):
        latin = m.group("latin")
        run = m.group()[: m.start("latin") - m.start()]  # the title may be glued to the name
        heads = [run.rfind(h) + len(h) for h in lexicon("zh").title_heads if h in run]
        title = _han_title_before(text, m.start() + max(heads)) if heads else None
        out.append(Entity(latin, "PERSON", latin, m.start("latin"), m.end("latin"), title, latin))
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


# Vietnamese syllables as Russian writes them (Нгуен, Тхань, Зыонг, Куанг), read back letter
# by letter; the result must be a Vietnamese syllable and start with a family name.
_CYRILLIC_VIET = (
    ("тх", "th"), ("кх", "kh"), ("нг", "ng"), ("уе", "uye"), ("ь", "'"), ("ч", "tr"),
    ("ж", "gi"), ("з", "d"), ("ы", "u"), ("х", "h"), ("ф", "ph"), ("ш", "s"), ("й", "i"),
    ("ю", "iu"), ("я", "ia"), ("ё", "io"), ("э", "e"),
)  # fmt: skip
_CYRILLIC_WORDS = re.compile(r"(?<![\w-])(?=([А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+){1,3}))")


def _viet_of_cyrillic(word: str) -> str | None:
    """Return the Vietnamese syllable (ASCII) a Cyrillic word spells, or None."""
    out = word.lower()
    for cyrillic, latin in _CYRILLIC_VIET:
        out = out.replace(cyrillic, latin)
    latin = "".join(_CYRILLIC.get(ch, ch) for ch in out)
    latin = re.sub(r"n'$", "nh", latin).replace("'", "i")
    latin = re.sub(r"^k(?=[aou])", "c", re.sub(r"^ku(?=[aeiou])", "qu", latin))
    latin = re.sub(r"k$", "c", latin)
    return latin if latin.isascii() and _SYLLABLE.match(latin) else None


def _cyrillic_people(text: str, places: tuple[PlaceMatch, ...], lex: Lexicon) -> list[Entity]:
    """Vietnamese names in Cyrillic script next to a title ("директор ... Хоанг Тхи Тху Ха")."""
    family = _names()[0]
    out: list[Entity] = []
    for m in _CYRILLIC_WORDS.finditer(text):
        if out and m.start() < out[-1].span_end:
            continue
        syllables = []
        for word in m.group(1).split():
            syllable = _viet_of_cyrillic(word)
            if syllable is None:
                break
            syllables.append(syllable)
        if len(syllables) < 2 or syllables[0] not in family:
            continue
        start = m.start()
        end = start + [w.end() for w in re.finditer(r"\S+", m.group(1))][len(syllables) - 1]
        if any(p.start < end and start < p.end for p in places):
            continue
        title = _title_before(text, start, lex) or _title_after(text, end, lex)
        if title is None and not _has_honorific(text, start, lex):
            continue
        name_en = " ".join(s.capitalize() for s in syllables)
        out.append(Entity(text[start:end], "PERSON", name_en, start, end, title, name_en))
    return out


_HANGUL_PARTICLE = re.compile(r"(?:은|는|이|가|의|을|를|도|와|과|에게)?(?![가-힣])")
_HANGUL_WORD_START = re.compile(r"(?<![가-힣])(?=[가-힣])")


def _hangul_readings(
    text: str, pos: int, table: dict[str, str], units: int
) -> list[tuple[int, list[str]]]:
    """Every way to read ``units`` or fewer given-name syllables from ``pos``: (end, readings)."""
    out: list[tuple[int, list[str]]] = [(pos, [])]
    if units == 0:
        return out
    start = pos + 1 if text[pos : pos + 1] == " " else pos
    for written, reading in table.items():
        if text.startswith(written, start):
            for end, rest in _hangul_readings(text, start + len(written), table, units - 1):
                out.append((end, [reading, *rest]))
    return out


def _hangul_title(text: str, start: int, end: int, heads: tuple[str, ...]) -> str | None:
    """The words ending in a title head right after (or before) a Hangul name."""
    after = re.split(r"[.,;:!?()\n]", text[end : end + 60], maxsplit=1)[0].split()
    for k in range(1, min(4, len(after)) + 1):
        title = " ".join(after[:k])
        title = re.sub(r"(?:은|는|이|가|의)$", "", title)
        if any(title.endswith(h) for h in heads):
            return title
    before = re.split(r"[.,;:!?()\n]", text[max(0, start - 40) : start])[-1].split()
    if before and any(before[-1].endswith(h) for h in heads):
        return " ".join(before[-3:])
    return None


def _hangul_people(text: str, lex: Lexicon) -> list[Entity]:
    """Vietnamese names in Hangul next to a title ("호앙티투하 ... 내무국장은")."""
    data = _names_data()
    family, given = data["hangul_family"], data["hangul"]
    heads = tuple(h for h in lex.title_heads if all("가" <= ch <= "힣" for ch in h))
    out: list[Entity] = []
    for m in _HANGUL_WORD_START.finditer(text):
        start = m.start()
        if out and start < out[-1].span_end:
            continue
        best: tuple[int, list[str]] | None = None
        for written, reading in family.items():
            if not text.startswith(written, start):
                continue
            for end, rest in _hangul_readings(text, start + len(written), given, 3):
                if rest and _HANGUL_PARTICLE.match(text, end) and (best is None or end > best[0]):
                    best = (end, [reading, *rest])
        if best is None:
            continue
        end, readings = best
        title = _hangul_title(text, start, end, heads)
        if title is not None:
            name_en = " ".join(readings)
            out.append(Entity(text[start:end], "PERSON", name_en, start, end, title, name_en))
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


@cache
def _family_anywhere() -> re.Pattern[str]:
    """A family name anywhere, even inside a word: a line without one holds no name."""
    family, _ = _names()
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


def _has_honorific(text: str, start: int, lex: Lexicon) -> bool:
    before = fold(text[max(0, start - 25) : start]).rstrip()
    return any(before.endswith(h) for h in lex.honorifics)


def _has_person_cue(text: str, start: int, end: int, lex: Lexicon) -> bool:
    before = fold(text[max(0, start - 25) : start]).rstrip()
    if any(before.endswith(h) for h in lex.honorifics):
        return True
    return _title_after(text, end, lex) is not None


def _people(text: str, places: tuple[PlaceMatch, ...], lex: Lexicon) -> list[Entity]:
    out: list[Entity] = []
    if not _may_have_names(text):
        return out
    for start, end, name in _person_spans(text):
        if _loses_to_place(text, start, end, places, lex):
            continue
        title = _title_before(text, start, lex) or _title_after(text, end, lex)
        if _is_compound_or_place(text, start, end) and (
            title is None and not _has_honorific(text, start, lex)
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
        *_han_people(text),
        *_bracketed_latin_people(text),
        *_cyrillic_people(text, places, lex),
        *(_hangul_people(text, lex) if language == "ko" else ()),
    ]
    cut = (_cut_at_people(o, people) for o in _organisations(text, lex))
    attached = [_attach_places(o, text, places, lex) for o in cut if o is not None]
    attached = sorted([*attached, *_acronyms(text, attached)], key=lambda o: o.span_start)
    orgs = _merge_variants(_drop_nested(attached), places)
    taken = [(p.start, p.end) for p in places] + [
        (e.span_start, e.span_end) for e in [*people, *orgs]
    ]
    people += _titled_names(text, lex, taken)
    entities = [*_place_entities(places, people), *people, *orgs]
    return tuple(sorted(entities, key=lambda e: (e.span_start, e.span_end)))
