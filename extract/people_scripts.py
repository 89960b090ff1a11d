# Cyrillic letters in patterns are data
"""People written in other scripts, and foreign officials.

Vietnamese names in Han, Hangul and Cyrillic letters, foreign names in CJK with their Latin
spelling, and "Firstname Lastname, <title>".
"""

from __future__ import annotations

import re
from functools import cache

from extract.entity_lexicon import (
    SYLLABLE,
    Lexicon,
    family_names,
    has_honorific,
    lexicon,
    names_data,
    title_after,
    title_before,
)
from extract.gazetteer import PlaceMatch, ascii_name
from extract.models import Entity
from extract.normalize import fold

__all__ = [
    "bracketed_latin_people",
    "cyrillic_people",
    "han_people",
    "hangul_people",
    "titled_names",
]

_SPEECH_AFTER = "在|表示|说|指出|强调|称|发言|出席|会见|认为|介绍"


@cache
def _han_regex() -> re.Pattern[str]:
    data = names_data()
    family = "".join(data["han_family"]["names"])
    given = "".join(data["han"])
    titles = "|".join(sorted(lexicon("zh").title_heads, key=len, reverse=True))
    return re.compile(
        rf"(?:{titles})(?P<titled>[{family}](?:[{given}]{{1,3}}(?={_SPEECH_AFTER}|[，。、,（(])"
        rf"|[{given}]{{2}}))"
        rf"|(?P<speaking>[{family}][{given}]{{1,2}}(?={_SPEECH_AFTER}))"
    )


def han_people(text: str) -> list[Entity]:
    """Vietnamese names written in Chinese characters, read the Sino-Vietnamese way."""
    readings = names_data()["han"]
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


def bracketed_latin_people(text: str) -> list[Entity]:
    """Foreign names in CJK script with their Latin spelling in brackets."""
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


def titled_names(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Entity]:
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
        title = title_after(text, end, lex)
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
    return latin if latin.isascii() and SYLLABLE.match(latin) else None


def cyrillic_people(text: str, places: tuple[PlaceMatch, ...], lex: Lexicon) -> list[Entity]:
    """Vietnamese names in Cyrillic script next to a title ("директор ... Хоанг Тхи Тху Ха")."""
    family = family_names()[0]
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
        title = title_before(text, start, lex) or title_after(text, end, lex)
        if title is None and not has_honorific(text, start, lex):
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


def hangul_people(text: str, lex: Lexicon) -> list[Entity]:
    """Vietnamese names in Hangul next to a title ("호앙티투하 ... 내무국장은")."""
    data = names_data()
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
