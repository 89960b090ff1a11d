"""Sound skeletons of Vietnamese place names, to recognise them in katakana, Hangul or Cyrillic.

Japanese, Korean and Russian write a district's name by its sound ("バーディン", "바딘",
"Бадинь" for Ba Đình), and every writer spells it a little differently. This module reduces a
name in any of these scripts, or in Vietnamese, to a skeleton of consonant classes
(``skeleton("Ba Đình") == skeleton("バーディン") == "bdn"``) so that a name can be matched
against the few districts of one province. A skeleton is coarse on purpose: compare it only
within a small set of candidates, and only accept a single match.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["romanise", "skeleton"]

_KANA = dict(
    zip(
        "アイウエオカキクケコガギグゲゴサシスセソザジズゼゾタチツテトダヂヅデドナニヌネノ"
        "ハヒフヘホバビブベボパピプペポマミムメモヤユヨラリルレロワヲンヴ",
        [
            "a",
            "i",
            "u",
            "e",
            "o",
            "ka",
            "ki",
            "ku",
            "ke",
            "ko",
            "ga",
            "gi",
            "gu",
            "ge",
            "go",
            "sa",
            "shi",
            "su",
            "se",
            "so",
            "za",
            "ji",
            "zu",
            "ze",
            "zo",
            "ta",
            "chi",
            "tsu",
            "te",
            "to",
            "da",
            "ji",
            "zu",
            "de",
            "do",
            "na",
            "ni",
            "nu",
            "ne",
            "no",
            "ha",
            "hi",
            "fu",
            "he",
            "ho",
            "ba",
            "bi",
            "bu",
            "be",
            "bo",
            "pa",
            "pi",
            "pu",
            "pe",
            "po",
            "ma",
            "mi",
            "mu",
            "me",
            "mo",
            "ya",
            "yu",
            "yo",
            "ra",
            "ri",
            "ru",
            "re",
            "ro",
            "wa",
            "wo",
            "n",
            "vu",
        ],
        strict=True,
    )
)
_SMALL = dict(zip("ァィゥェォャュョ", ["a", "i", "u", "e", "o", "ya", "yu", "yo"], strict=True))
_LEADS = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "-",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_VOWELS = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_TAILS = [
    "-",
    "k",
    "k",
    "ks",
    "n",
    "nj",
    "nh",
    "t",
    "l",
    "lk",
    "lm",
    "lb",
    "ls",
    "lt",
    "lp",
    "lh",
    "m",
    "p",
    "ps",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "h",
]
# one Latin letter per Cyrillic letter, enough for sound skeletons (ж, ч, ц, ш sound alike here)
_CYRILLIC = str.maketrans("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "abvgdeezziiklmnoprstufhccss_y_eua")


def romanise(name: str) -> str:
    """Write a katakana, Hangul or Cyrillic name in Latin letters ("バーディン" -> "badin")."""
    out: list[str] = []
    for ch in name.lower():
        if ch in _KANA:
            out.append(_KANA[ch])
        elif ch in _SMALL:  # "ティ", "チュ": the small kana replaces the vowel before it
            if out and out[-1][-1:] in "aiueo":
                out[-1] = out[-1][:-1]
            out.append(_SMALL[ch])
        elif "\uac00" <= ch <= "\ud7a3":
            code = ord(ch) - 0xAC00
            parts = (_LEADS[code // 588], _VOWELS[code // 28 % 21], _TAILS[code % 28])
            out.append("".join(p for p in parts if p != "-"))
        elif ch in _CYRILLIC_LETTERS:
            out.append(ch.translate(_CYRILLIC))
        elif ch.isascii() and ch.isalpha():
            out.append(ch)
    return "".join(out)


_CYRILLIC_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")

# Vietnamese spelling to sound, in order: the letters Japanese, Korean and Russian hear
_VIETNAMESE = (
    ("đ", "D"),
    ("ngh", "n"),
    ("ng", "n"),
    ("nh", "n"),
    ("tr", "C"),
    ("ch", "C"),
    ("gi", "z"),
    ("d", "z"),
    ("r", "z"),
    ("D", "d"),
    ("kh", "k"),
    ("ph", "p"),
    ("th", "t"),
    ("qu", "k"),
    ("c", "k"),
    ("C", "c"),
)
_FOREIGN = (
    ("kh", "k"),
    ("th", "t"),
    ("sh", "s"),
    ("ts", "c"),
    ("ch", "c"),
    ("ng", "n"),
    ("jj", "c"),
    ("zh", "z"),
    ("j", "z"),
)
_CLASSES = str.maketrans({"c": "z", "q": "k", "f": "p", "v": "b", "l": "r", "x": "s", "w": ""})


def skeleton(name: str) -> str:
    """Return the consonant skeleton of a name in Vietnamese or a script ``romanise`` reads."""
    if any(ch in _KANA or ch in _SMALL or "\uac00" <= ch <= "\ud7a3" for ch in name) or any(
        ch.lower() in _CYRILLIC_LETTERS for ch in name
    ):
        text = romanise(name)
        pairs = _FOREIGN
    else:
        text = re.sub(r"ch\b", "k", _plain(name.lower()))  # final "ch" sounds k: "Thạch"
        pairs = _VIETNAMESE
    for spelled, sound in pairs:
        text = text.replace(spelled, sound)
    text = re.sub(r"([a-z])\1+", r"\1", text.translate(_CLASSES))
    return re.sub(r"[aeiouy\W\d_]+", "", text)


def _plain(text: str) -> str:
    """Drop tone and vowel marks, keep đ ("Đống Đa" -> "đong đa")."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )
