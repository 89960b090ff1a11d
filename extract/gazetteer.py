# full-width punctuation and look-alike letters are data here
"""Gazetteer of Vietnam's provinces, districts and regions, in every script we know.

Data lives in ``extract/lexicons/gazetteer/*.toml`` (one row per unit); this module loads it
once and matches names in text. Latin, Cyrillic and Arabic-script (Arabic, Urdu) names are
matched on whole words of the folded text (``extract.normalize.fold``); Chinese, Japanese,
Korean, Thai, Khmer, Lao and Burmese names, written without spaces between words, and
Devanagari and Bengali names (whose vowel signs are no word characters) are matched on folded
characters with script-specific boundary rules.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal

from extract.normalize import Folded, fold, fold_with_offsets

__all__ = [
    "District",
    "PlaceMatch",
    "Province",
    "canonical_place",
    "districts",
    "match_places",
    "province",
    "provinces",
    "successor",
]

PlaceKind = Literal["province", "district", "country", "region"]
SCRIPTS = ("zh", "ja", "ko", "ru", "ar", "th", "km", "ur", "hi", "bn", "lo", "my")
_MAX_TOKENS = 8
_WORD = re.compile(r"\w+")
_URL = re.compile(r"https?://\S+")
_CYRILLIC_ENDINGS = ("", "а", "е", "у", "ом", "ем", "ой", "ы", "и", "я", "ю", "ии", "ия", "ию")
_ARABIC_PROCLITICS = ("و", "ب", "ل", "ف")  # and, in/with, to, so: written joined to the word
# Words that make a name shared by a province and a district mean the district-level unit.
_DISTRICT_CUES_BEFORE = frozenset(
    [
        "thanh pho",
        "tp",
        "thi xa",
        "tx",
        "huyen",
        "quan",
        "kota",
        "distrik",
        "kabupaten",
        "kecamatan",
        "city of",
        "town of",
        "district of",
        "ville de",
        "ciudad de",
        "distrito de",
        "municipio de",
        "citta di",
        "distretto di",
        "district",
        "bezirk",
        "район",
        "stadt",
        "byen",  # Norwegian "the city"; bare "by" is English ("followed by X")
        "مدينة",
        "منطقة",
        "بلدة",
    ]
)
_DISTRICT_CUES_AFTER = frozenset(
    [
        "city",
        "town",
        "district",
        "distriktet",
        "distrikt",
        "kommune",
        "byen",
        "ville",
        "stadt",
        "市",
        "시",
        "군",
        "район",
        "города",
    ]
)
# "Ho Chi Minh" is also the person, his thought and things named after him.
_HCM_PERSON_CUES = frozenset(
    [
        "president",
        "presiden",
        "presidente",
        "chu tich",
        "bac",
        "uncle",
        "tu tuong",
        "thought",
        "ideology",
        "mausoleum",
        "trail",
        "communist",
        "youth",
        "hochiminh",
        "paman",
        "onkel",
        "oncle",
        "الرئيس",
        "الزعيم",
    ]
)


@dataclass(frozen=True, slots=True)
class Province:
    """A provincial unit (province or centrally governed city), one row of ``provinces``."""

    name: str  # canonical English, no diacritics: "Ba Ria - Vung Tau"
    name_vi: str
    name_ascii: str
    unit_type: Literal["province", "city"]
    region: str
    valid_from: date | None  # None: existed before the period we track
    valid_to: date | None  # None: still exists
    merged_into: str | None  # what it became (1 July 2025 merger, or Hue's 2025 upgrade)
    aliases: tuple[str, ...]  # every other spelling, all scripts
    script_names: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (script, names)
    match_name: bool = True  # False: the canonical name alone belongs to another unit

    def names_in(self, script: str) -> tuple[str, ...]:
        """Return this unit's names in ``script`` ("zh", "ja", "ko", "ru", "ar", "th", "km")."""
        return dict(self.script_names).get(script, ())

    def valid_on(self, day: date) -> bool:
        """Return whether the unit existed on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True, slots=True)
class District:
    """A district-level unit (district, town or provincial city) and its province."""

    name: str
    name_vi: str
    unit_type: Literal["district", "town", "city"]
    province: str
    aliases: tuple[str, ...] = ()  # other spellings and scripts


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place name found in text, with its span in the original text."""

    start: int
    end: int
    text: str
    canonical: str
    kind: PlaceKind
    province: str | None  # the province of a district; the province itself; None otherwise


@dataclass(frozen=True, slots=True)
class _Target:
    canonical: str
    kind: PlaceKind
    province: str | None
    needs_cue: bool = False  # a district name that alone is too ambiguous


@dataclass(frozen=True, slots=True)
class _Index:
    words: dict[str, tuple[_Target, ...]]  # space-joined folded tokens -> targets
    chars: dict[str, tuple[_Target, ...]]  # folded CJK/Thai/Khmer/Korean name -> targets
    char_lengths: tuple[int, ...]
    char_starts: frozenset[str]
    first_words: frozenset[str]  # first token of every word key
    max_tokens: int


def ascii_name(name: str) -> str:
    """Return ``name`` without diacritics, case kept: "Bà Rịa" -> "Ba Ria"."""
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _load(file: str) -> dict[str, Any]:
    data = (resources.files("extract") / "lexicons" / "gazetteer" / file).read_bytes()
    return tomllib.loads(data.decode("utf-8"))


def _province_from_row(row: dict[str, Any]) -> Province:
    scripts: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
        (s, tuple(row[s])) for s in SCRIPTS if s in row
    )
    name, name_vi = str(row["name"]), str(row["name_vi"])
    aliases: dict[str, None] = {}
    for alias in (
        name_vi,
        ascii_name(name_vi),
        *row.get("aliases", ()),
        *(n for _, names in scripts for n in names),
    ):
        if alias != name:
            aliases.setdefault(str(alias), None)
    return Province(
        name=name,
        name_vi=name_vi,
        name_ascii=ascii_name(name_vi),
        unit_type=row["unit_type"],
        region=str(row["region"]),
        valid_from=row.get("valid_from"),
        valid_to=row.get("valid_to"),
        merged_into=row.get("merged_into"),
        aliases=tuple(aliases),
        script_names=scripts,
        match_name=bool(row.get("match_name", True)),
    )


@cache
def provinces() -> tuple[Province, ...]:
    """Return every provincial unit we know: the 63 of 2024, Hue (2025) and their successors.

    Returns:
        Rows in file order; the 34 units after 1 July 2025 are those with ``valid_to`` None.
    """
    return tuple(_province_from_row(row) for row in _load("provinces.toml")["unit"])


@cache
def districts() -> tuple[District, ...]:
    """Return the district-level units of the gazetteer with their provinces."""
    return tuple(
        District(
            str(r["name"]),
            str(r["name_vi"]),
            r["unit_type"],
            str(r["province"]),
            tuple(r.get("aliases", ())),
        )
        for r in _load("districts.toml")["unit"]
    )


@cache
def _provinces_by_name() -> dict[str, Province]:
    return {p.name: p for p in provinces()}


def province(name: str) -> Province | None:
    """Return the provincial unit called ``name`` in any spelling or script, or None."""
    canonical = canonical_place(name)
    return _provinces_by_name().get(canonical) if canonical else None


def successor(name: str, on: date) -> str | None:
    """Return the provincial unit that ``name`` had become on ``on`` (roll-up after mergers).

    Args:
        name: a provincial unit in any spelling.
        on: the day of interest.

    Returns:
        The canonical name valid on ``on`` ("Phu Yen" on 2025-08-01 -> "Dak Lak"), or None
        for an unknown name.
    """
    unit = province(name)
    while unit is not None and not unit.valid_on(on) and unit.merged_into:
        unit = _provinces_by_name()[unit.merged_into]
    return unit.name if unit else None


def _is_spaced_script(name: str) -> bool:
    """Return whether a name is written with spaces between words (Latin, Cyrillic, Arabic)."""
    return not any(_is_char_script(ch) for ch in name)


def _is_char_script(ch: str) -> bool:
    code = ord(ch)
    return (
        0x0E00 <= code <= 0x0EFF  # Thai, Lao
        or 0x0900 <= code <= 0x09FF  # Devanagari, Bengali
        or 0x1000 <= code <= 0x109F  # Myanmar
        or 0x1780 <= code <= 0x17FF  # Khmer
        or 0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0x1100 <= code <= 0x11FF
    )


def _word_keys(name: str) -> Iterator[str]:
    """Yield the folded word-sequence keys a spaced-script name is matched under."""
    tokens = _WORD.findall(fold(name))
    if not tokens:
        return
    yield " ".join(tokens)
    if len(tokens) > 1 and all(t.isascii() for t in tokens):
        yield "".join(tokens)  # "DongThap", "Hochiminh"
    last = tokens[-1]
    if "\u0400" <= last[0] <= "\u04ff":  # Cyrillic: case endings on the last word
        stem = last[:-1] if last[-1] in "аяиоеыьу" and len(last) > 4 else last
        for ending in _CYRILLIC_ENDINGS:
            yield " ".join([*tokens[:-1], stem + ending])


@cache
def _family_names() -> frozenset[str]:
    data = (resources.files("extract") / "lexicons" / "entities" / "names.toml").read_bytes()
    return frozenset(tomllib.loads(data.decode("utf-8"))["family"])


def _targets() -> Iterator[tuple[str, _Target]]:
    for p in provinces():
        target = _Target(p.name, "province", p.name)
        for name in (p.name, *p.aliases) if p.match_name else p.aliases:
            yield name, target
    for d in districts():
        words = _WORD.findall(fold(d.name))
        # one word ("Vinh") or a person-like name ("Le Chan", "Hoang Mai") needs a district word
        needs_cue = len(words) < 2 or words[0] in _family_names()
        target = _Target(d.name, "district", d.province, needs_cue)
        for name in {d.name, d.name_vi, ascii_name(d.name_vi), *d.aliases}:
            yield name, target
    for row in _load("regions.toml")["place"]:
        target = _Target(str(row["name"]), row["kind"], None)
        for name in (str(row["name"]), *row["names"]):
            yield str(name), target


@cache
def _index() -> _Index:
    words: dict[str, dict[_Target, None]] = {}
    chars: dict[str, dict[_Target, None]] = {}
    for name, target in _targets():
        if _is_spaced_script(name):
            for key in _word_keys(name):
                words.setdefault(key, {})[target] = None
        else:
            chars.setdefault(fold(name), {})[target] = None
    return _Index(
        words={k: tuple(v) for k, v in words.items()},
        chars={k: tuple(v) for k, v in chars.items()},
        char_lengths=tuple(sorted({len(k) for k in chars}, reverse=True)),
        char_starts=frozenset(k[0] for k in chars),
        first_words=frozenset(k.split(" ")[0] for k in words),
        max_tokens=min(_MAX_TOKENS, max(k.count(" ") + 1 for k in words)),
    )


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int  # folded offsets
    end: int
    key: str
    targets: tuple[_Target, ...]


def _word_hits(text: str, index: _Index) -> Iterator[_Hit]:
    tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    i = 0
    while i < len(tokens):
        hit = _longest_word_hit(text, tokens, i, index)
        if hit is None:
            i += 1
            continue
        yield hit
        while i < len(tokens) and tokens[i][0] < hit.end:
            i += 1


def _joined(text: str, tokens: list[tuple[int, int]], i: int, most: int) -> list[str]:
    """Return tokens i..i+n joined by spaces for n = 1..``most``, built one token at a time.

    The list stops before the first separator that is not space, dash or dot (every longer
    run holds it).
    """
    key = text[tokens[i][0] : tokens[i][1]]
    keys = [key]
    for j in range(i + 1, i + most):
        separator = text[tokens[j - 1][1] : tokens[j][0]]
        if len(separator) > 4 or separator.strip(" \t\n-.") or separator.count("\n"):
            break
        key = f"{key} {text[tokens[j][0] : tokens[j][1]]}"
        keys.append(key)
    return keys


def _longest_word_hit(
    text: str, tokens: list[tuple[int, int]], i: int, index: _Index
) -> _Hit | None:
    first = text[tokens[i][0] : tokens[i][1]]
    clitics = 0
    while clitics < 2 and len(first) > clitics + 2 and first[clitics] in _ARABIC_PROCLITICS:
        clitics += 1
    if not any(first[skip:] in index.first_words for skip in range(clitics + 1)):
        return None
    keys = _joined(text, tokens, i, min(index.max_tokens, len(tokens) - i))
    for n in range(len(keys), 0, -1):
        key = keys[n - 1]
        for skip in range(clitics + 1):
            targets = index.words.get(key[skip:])
            if targets:
                return _Hit(tokens[i][0] + skip, tokens[i + n - 1][1], key[skip:], targets)
    return None


def _char_boundary_ok(text: str, start: int, end: int) -> bool:
    name, prev, nxt = text[start:end], text[start - 1 : start], text[end : end + 1]
    after = text[end : end + 2].lstrip()[:1]
    first = ord(name[0])
    if 0xAC00 <= first <= 0xD7AF:  # Hangul: words are spaced, particles attach after
        if prev and 0xAC00 <= ord(prev) <= 0xD7AF:
            return False
        return (
            len(name) > 2
            or not nxt
            or nxt in "(（,、·"
            or after in ("성", "시")
            or _ko_particle_after(text, end)
        )
    if 0x0900 <= first <= 0x09FF:  # Devanagari, Bengali: spaced words, vowel signs after
        return not (prev and _is_indic_letter(prev)) and not (nxt and _is_indic_letter(nxt))
    if 0x30A0 <= first <= 0x30FF:  # katakana: not part of a longer katakana word
        return not (prev and 0x30A0 <= ord(prev) <= 0x30FF) and not (
            nxt and 0x30A0 <= ord(nxt) <= 0x30FF
        )
    if 0x3400 <= first <= 0x9FFF and len(name) <= 2 and name not in _han_unambiguous():
        # two Han characters are often an ordinary word: ask for a suffix or a list around them
        return (
            nxt in ("省", "市")
            or nxt in _HAN_DISTRICT_CUES
            or nxt in "、，,(（)等"
            or (prev != "" and prev in "、，,和")
        )
    return True


def _ko_particle_after(text: str, end: int) -> bool:
    """Tell whether a Korean particle, then no more Hangul, follows ``text[:end]``."""
    for particle in _ko_particles():
        if text.startswith(particle, end):
            nxt = text[end + len(particle) : end + len(particle) + 1]
            if not nxt or not 0xAC00 <= ord(nxt) <= 0xD7AF:
                return True
    return False


@cache
def _ko_particles() -> tuple[str, ...]:
    return tuple(sorted(_load("provinces.toml").get("ko_particles", ()), key=len, reverse=True))


def _is_indic_letter(char: str) -> bool:
    """Tell whether ``char`` is a Devanagari or Bengali letter or sign (not । ॥ or a digit)."""
    return 0x0900 <= ord(char) <= 0x09FF and char not in "।॥" and not char.isdigit()


@cache
def _han_unambiguous() -> frozenset[str]:
    return frozenset(_load("provinces.toml").get("han_unambiguous", ()))


def _char_hits(text: str, index: _Index) -> Iterator[_Hit]:
    after = 0  # the end of the last hit: a name does not start inside another
    for start in _start_pattern(index.char_starts).finditer(text):
        i = start.start()
        if i < after:
            continue
        for length in index.char_lengths:
            key = text[i : i + length]
            if len(key) == length and key in index.chars and _char_boundary_ok(text, i, i + length):
                yield _Hit(i, i + length, key, index.chars[key])
                after = i + length
                break


@cache
def _start_pattern(starts: frozenset[str]) -> re.Pattern[str]:
    """One character class of every first character of a script name (C-speed scan)."""
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(starts)) + "]")


def _words_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """Return (one word before, two words before, one word after) a folded span."""
    before = _WORD.findall(text[max(0, start - 30) : start])
    after = _WORD.findall(text[end : end + 20])
    return (
        before[-1] if before else "",
        " ".join(before[-2:]),
        after[0] if after else "",
    )


def _has_district_cue(text: str, hit: _Hit) -> bool:
    one, two, nxt = _words_around(text, hit.start, hit.end)
    return (
        one in _DISTRICT_CUES_BEFORE
        or two in _DISTRICT_CUES_BEFORE
        or nxt in _DISTRICT_CUES_AFTER
        or text[hit.end : hit.end + 1] in _HAN_DISTRICT_CUES  # "荣市", "演州县": no space
    )


_HAN_DISTRICT_CUES = frozenset("市县縣镇鎮郡区區")


def _is_hcm_person(text: str, hit: _Hit) -> bool:
    if hit.key not in ("ho chi minh", "hochiminh", "هو تشي منه", "胡志明"):
        return False
    before = _WORD.findall(text[max(0, hit.start - 25) : hit.start])[-2:]
    after = _WORD.findall(text[hit.end : hit.end + 25])[:2]
    words = {*before, *after, " ".join(before)}
    return bool(words & _HCM_PERSON_CUES)


def _choose(text: str, hit: _Hit) -> tuple[_Target, ...]:
    """Return the targets a hit may stand for, most likely first (several districts tie)."""
    districts_ = tuple(t for t in hit.targets if t.kind == "district")
    others = tuple(t for t in hit.targets if t.kind != "district")
    cue = _has_district_cue(text, hit)
    if districts_ and (cue or not others):
        return tuple(t for t in districts_ if cue or not t.needs_cue)
    if others and _is_hcm_person(text, hit):
        return ()
    return others[:1]


def _is_capitalised(original: str) -> bool:
    """Return whether a Latin-script name is written as a name (some word capitalised)."""
    return any(word[0].isupper() or not word[0].isalpha() for word in original.split())


def match_places(text: str) -> tuple[PlaceMatch, ...]:
    """Find provinces, districts, regions and the country named in ``text``, in any script.

    Args:
        text: the text to search (any language).

    Returns:
        Non-overlapping matches in text order, spans in the original ``text``. A district
        name shared by two provinces is given the province the text also names, if any.
    """
    folded = fold_with_offsets(text)
    index = _index()
    hits = sorted(
        [*_word_hits(folded.text, index), *_char_hits(folded.text, index)],
        key=lambda h: (h.start, h.start - h.end),
    )
    urls = [m.span() for m in _URL.finditer(folded.text)]
    chosen: list[tuple[_Hit, tuple[_Target, ...]]] = []
    last_end = -1
    for hit in hits:
        if hit.start < last_end:
            continue
        targets = _choose(folded.text, hit)
        start, end = folded.original_span(hit.start, hit.end)
        if any(s <= hit.start < e for s, e in urls):
            # an article's URL slug names its place in lower case ("/quang-nam-...")
            targets = tuple(t for t in targets if t.kind == "province") if " " in hit.key else ()
            if targets:
                chosen.append((hit, targets))
                last_end = hit.end
        elif targets and (not hit.key.isascii() or _is_capitalised(text[start:end])):
            chosen.append((hit, targets))
            last_end = hit.end
    return _resolve(text, folded, chosen)


def _resolve(
    text: str, folded: Folded, chosen: list[tuple[_Hit, tuple[_Target, ...]]]
) -> tuple[PlaceMatch, ...]:
    named = {t.canonical for _, ts in chosen for t in ts if t.kind == "province"}
    out = []
    for hit, targets in chosen:
        target = next((t for t in targets if t.province in named), targets[0])
        start, end = folded.original_span(hit.start, hit.end)
        out.append(
            PlaceMatch(start, end, text[start:end], target.canonical, target.kind, target.province)
        )
    return tuple(out)


@cache
def _canonical_names() -> dict[str, str]:
    names = {fold(p.name): p.name for p in provinces()}
    names.update({fold(d.name): d.name for d in districts() if fold(d.name) not in names})
    return names


def canonical_place(name: str) -> str | None:
    """Return the canonical name of a place written in any spelling or script, or None.

    Args:
        name: a place name alone ("Phú Yên", "فو ين", "Фуйен", "富安", "HCMC").

    Returns:
        The canonical English name ("Phu Yen"), preferring a province over a district of the
        same name; None when the whole of ``name`` is not a known place.
    """
    exact = _canonical_names().get(fold(name).strip())
    if exact:
        return exact  # a canonical name stays itself ("Hue" is the city, not the old province)
    index = _index()
    key = " ".join(_WORD.findall(fold(name)))
    targets = index.words.get(key) or index.chars.get(fold(name).strip())
    if not targets:
        stripped = re.sub(r"(省|市|성|시|県|province|tinh|thanh pho)$", "", fold(name).strip())
        targets = index.words.get(stripped.strip()) or index.chars.get(stripped.strip())
    if not targets:
        return None
    best = sorted(
        targets, key=lambda t: ("province", "country", "region", "district").index(t.kind)
    )
    return best[0].canonical
