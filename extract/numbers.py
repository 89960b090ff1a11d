"""The only number and percentage parser of newsintel.

Numbers are found in any script (ASCII, Arabic-Indic, Persian and Urdu, Thai, Khmer, Lao,
Devanagari, Bengali, Myanmar, full-width digits: translated one to one, so offsets stay valid)
and parsed with babel using the document locale's decimal and group symbols. A separator
followed by other than three digits is always decimal ("45,7047", "0,7955"); a single
separator followed by exactly three digits follows the locale ("19.536" is 19536 in
Vietnamese, "10.676" in German, "11,872" in English). Percent signs and words ("%", "٪",
"percent", "Prozent", "процент", "百分之"...) come from the per-language lexicons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

__all__ = [
    "NumberToken",
    "find_numbers",
    "normalize_digits",
    "parse_cjk_numeral",
    "parse_number",
    "thai_to_gregorian",
]

_NATIVE_ZEROS = (
    0x0660,  # Arabic-Indic
    0x06F0,  # Extended Arabic-Indic (Persian, Urdu)
    0x0966,  # Devanagari
    0x09E6,  # Bengali
    0x0E50,  # Thai
    0x0ED0,  # Lao
    0x17E0,  # Khmer
    0x1040,  # Myanmar
    0xFF10,  # full-width
)
_DIGITS = str.maketrans(
    {chr(zero + i): str(i) for zero in _NATIVE_ZEROS for i in range(10)}
    | {"٫": ".", "٬": ",", "．": ".", "，": ","}  # Arabic decimal/group marks, full-width
    | dict(zip("ᵉʳᵈˢᵗʰⁿ", "erdsthn", strict=True))  # superscript ordinal letters: 49ᵉ, 1ˢᵗ
)
_SPACES = "\u00a0\u202f\u2009 "
_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?<![0-9][.,])\d+(?:[.,'\u00a0\u202f\u2009 ]\d+)*")
_PERCENT_SIGNS = ("%", "٪", "％", "‰")


@dataclass(frozen=True, slots=True)
class NumberToken:
    """A number found in text; ``text[start:end]`` is its written form (sign excluded)."""

    start: int
    end: int
    value: float
    has_fraction: bool  # written with a decimal part ("71,25")
    is_percent: bool = False
    unit_end: int | None = None  # end of the percent sign or word when is_percent


def normalize_digits(text: str) -> str:
    """Return ``text`` with native digits as ASCII digits; same length, same offsets."""
    return text.translate(_DIGITS)


@cache
def _locale(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@cache
def _symbols(language: str | None) -> tuple[str, str]:
    locale = _locale(language)
    return get_decimal_symbol(locale), get_group_symbol(locale)


@cache
def _secondary_group(language: str | None) -> int:
    """Return the size of digit groups above the thousands: 2 in Hindi ("1,00,000"), else 3."""
    pattern = _locale(language).decimal_formats.get(None)
    return int(pattern.grouping[1]) if pattern is not None else 3


def _split_groups(raw: str) -> tuple[list[str], list[str]]:
    parts = re.split(r"([.,'\u00a0\u202f\u2009 ])", raw)
    return parts[0::2], parts[1::2]


def _is_group_layout(groups: list[str], secondary: int = 3) -> bool:
    """Say whether digit groups are thousands ("1", "234", "567").

    Where the locale groups by ``secondary`` digits above the thousands (2 in Hindi: lakhs
    and crores), "12", "34", "567" ("12,34,567") is a layout too.
    """
    head, rest = groups[0], groups[1:]
    if head == "0" or not 1 <= len(head) <= 3:
        return False
    if all(len(g) == 3 for g in rest):
        return True
    return (
        len(head) <= secondary
        and len(rest) >= 2
        and len(rest[-1]) == 3
        and all(len(g) == secondary for g in rest[:-1])
    )


def _decide(raw: str, language: str | None) -> tuple[str, bool] | None:
    """Return the number rewritten as plain ``1234.5`` and whether it has a fraction."""
    groups, seps = _split_groups(raw)
    if not seps:
        return raw, False
    decimal_symbol, group_symbol = _symbols(language)
    secondary = _secondary_group(language)
    spaces = [s for s in seps if s in _SPACES]
    if (
        len(seps) > 1
        and seps[-1] == decimal_symbol
        and group_symbol in _SPACES
        and set(seps[:-1]) <= set(_SPACES)
        and len(set(seps[:-1])) == 1
        and _is_group_layout(groups[:-1])
    ):
        return "".join(groups[:-1]) + "." + groups[-1], True  # "1 000,01" in French
    if spaces and (
        len(set(seps)) > 1 or not _is_group_layout(groups) or group_symbol not in _SPACES
    ):
        return None  # "2021 2022": separate numbers, split by the caller
    if len(seps) == 1:
        sep, tail = seps[0], groups[1]
        as_decimal = (
            sep in ".,"
            and (len(tail) != 3 or groups[0] == "0" or sep == decimal_symbol)
            and sep not in _SPACES
        )
        if sep == group_symbol and len(tail) == 3 and groups[0] != "0":
            as_decimal = False
        if as_decimal:
            return f"{groups[0]}.{tail}", True
        return ("".join(groups), False) if _is_group_layout(groups, secondary) else None
    if len(set(seps)) == 1:  # 1.234.567 or 1 234 567
        return ("".join(groups), False) if _is_group_layout(groups, secondary) else None
    last = seps[-1]
    if (
        last in ".,"
        and all(s != last for s in seps[:-1])
        and _is_group_layout(groups[:-1], secondary)
    ):
        return "".join(groups[:-1]) + "." + groups[-1], True
    return None


def parse_number(raw: str, language: str | None = None) -> float | None:
    """Parse one written number ("67,83", "19.536", "3 343", "٩٩٫٢٣") for a language.

    Returns:
        The value, or None when ``raw`` is not one well-formed number.
    """
    decided = _decide(normalize_digits(raw).strip(), language)
    if decided is None:
        return None
    plain, _ = decided
    try:  # babel gave the locale's symbols above; the canonical "1234.5" parses as is
        return float(Decimal(plain))
    except InvalidOperation:
        return None


def _pieces(text: str, match: re.Match[str], language: str | None) -> list[tuple[int, int]]:
    """Split a run the locale cannot read as one number ("2021 2022") into its parts."""
    raw = match.group()
    if _decide(raw, language) is not None:
        return [(match.start(), match.end())]
    out: list[tuple[int, int]] = []
    for sub in re.finditer(r"\d+(?:[.,]\d+)?", raw):
        out.append((match.start() + sub.start(), match.start() + sub.end()))
    return out


def find_numbers(
    text: str,
    language: str | None = None,
    *,
    percent_words: tuple[str, ...] = (),
    percent_prefixes: tuple[str, ...] = (),
) -> tuple[NumberToken, ...]:
    """Find every number in ``text`` with its value and whether it is a percentage.

    Args:
        text: Any text; native digits are recognised where they stand.
        language: ISO 639-1 code whose babel locale decides ambiguous separators.
        percent_words: Lower-case words that make a following-number a percentage
            ("percent", "prozent"); the percent signs are always recognised.
        percent_prefixes: Words written before the number ("百分之").
    """
    norm = normalize_digits(text)
    lowered = _lower_same_length(norm)
    tokens: list[NumberToken] = []
    for match in _NUMBER.finditer(norm):
        for start, end in _pieces(norm, match, language):
            decided = _decide(norm[start:end], language)
            if decided is None:
                continue
            value = parse_number(norm[start:end], language)
            if value is None:
                continue
            unit_end = _percent_after(lowered, end, percent_words) or _percent_before(
                lowered, start, end, percent_prefixes
            )
            tokens.append(
                NumberToken(start, end, value, decided[1], unit_end is not None, unit_end)
            )
    tokens.extend(_cjk_percentages(norm, percent_prefixes))
    return tuple(sorted(tokens, key=lambda t: t.start))


_CJK_RUN = re.compile(r"[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?")


def _cjk_percentages(norm: str, prefixes: tuple[str, ...]) -> list[NumberToken]:
    """Find percentages written in numerals: "百分之七十五" (75%), "百分之九十九点五" (99.5%)."""
    out = []
    for prefix in prefixes:
        pos = norm.find(prefix)
        while pos >= 0:
            match = _CJK_RUN.match(norm, pos + len(prefix))
            if match:
                whole, _, fraction = match.group().partition("点")
                value = parse_cjk_numeral(whole)
                if value is not None:
                    digits = "".join(str(_CJK_DIGITS[c]) for c in fraction)
                    number = float(f"{value}.{digits}") if digits else float(value)
                    out.append(
                        NumberToken(
                            match.start(), match.end(), number, bool(digits), True, match.end()
                        )
                    )
            pos = norm.find(prefix, pos + 1)
    return out


def _lower_same_length(text: str) -> str:
    """Lower-case ``text`` keeping every offset ("İ" lower-cases to two characters: kept)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def _percent_after(lowered: str, end: int, words: tuple[str, ...]) -> int | None:
    pos = end
    while pos < len(lowered) and lowered[pos] in _SPACES:
        pos += 1
    if lowered.startswith(_PERCENT_SIGNS, pos):
        return pos + 1
    for word in sorted(words, key=len, reverse=True):
        if lowered.startswith(word, pos):
            stop = pos + len(word)
            if stop >= len(lowered) or not lowered[stop].isalpha() or _is_unspaced(word):
                return stop
    return None


def _is_unspaced(word: str) -> bool:
    """Thai, Lao, Burmese, Khmer, Chinese and Japanese words are not followed by a space."""
    return any(
        "\u0e00" <= ch <= "\u0eff"
        or "\u1000" <= ch <= "\u109f"
        or "\u1780" <= ch <= "\u17ff"
        or ch >= "\u3000"
        for ch in word
    )


def _percent_before(lowered: str, start: int, end: int, prefixes: tuple[str, ...]) -> int | None:
    for prefix in prefixes:
        if lowered.endswith(prefix, 0, start):
            return end
    return None


_CJK_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
               "七": 7, "八": 8, "九": 9}  # fmt: skip


def parse_cjk_numeral(text: str) -> int | None:
    """Parse a Chinese/Japanese numeral below 1000 ("四十" = 40, "二十三" = 23, "百五" = 105).

    Returns:
        The value, or None when ``text`` is not such a numeral.
    """
    total, current = 0, 0
    for ch in text:
        if ch in _CJK_DIGITS:
            current = _CJK_DIGITS[ch]
        elif ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        else:
            return None
    total += current
    return total or None


def thai_to_gregorian(year: int) -> int:
    """Convert a Thai Buddhist-era year (2565) to the Gregorian year (2022)."""
    return year - 543
