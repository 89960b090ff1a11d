"""The one text normaliser, shared by documents and queries.

``fold`` turns text into a matching key: Unicode compatibility forms folded (full-width Latin,
half-width katakana, Arabic presentation forms), case folded, Latin/Greek/Cyrillic diacritics
removed (Vietnamese ``đ`` becomes ``d``, Norwegian ``ø``/``æ``/``å`` become ``o``/``ae``/``a``),
Arabic harakat and tatweel dropped and alef/hamza/ya/ta-marbuta variants folded, every decimal
digit turned into ASCII, dash and quote variants unified, invisible format characters dropped.

``fold_with_offsets`` returns the same folded text with a map back to the original offsets, so
that a match found in folded text can be reported as a span of the original text.
The two always agree: ``fold(t) == fold_with_offsets(t).text``.
"""

# look-alike letters (Arabic, full-width) are the point here
from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

__all__ = ["Folded", "fold", "fold_with_offsets"]

# Combining marks removed after canonical decomposition: the generic diacritic blocks used by
# Latin, Greek and Cyrillic (Vietnamese tone marks included). Japanese (U+3099/U+309A), Thai,
# Khmer and Indic marks are deliberately NOT here: they change the letter, not an accent.
_DIACRITIC_RANGES = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)
# Arabic harakat, superscript alef, Quranic annotation marks and tatweel.
_ARABIC_DROPPED = (
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E8),
    (0x06EA, 0x06ED),
    (0x0640, 0x0640),
)
# Invisible format characters: zero-width space/joiners, BOM, soft hyphen, bidi marks.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u061c")

# Letters that do not decompose into base + mark, and script variants folded for matching.
_LETTER_MAP = {
    "đ": "d",
    "ð": "d",  # Icelandic eth, also a common mis-encoding of Vietnamese Đ
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ł": "l",
    "ı": "i",
    "ħ": "h",
    "þ": "th",
    "ŋ": "n",
    # Arabic: alef variants, alef maksura, ta marbuta, hamza carriers, Persian letters
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ئ": "ي",
    "ؤ": "و",
    "ة": "ه",
    "ک": "ك",
    # dash and quote variants
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
}
# Half-width katakana voicing marks are not combining characters but belong to the previous
# character (NFKC turns them into U+3099/U+309A and composes them with it).
_ATTACHING = frozenset("\uff9e\uff9f")


def _in_ranges(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


def _is_dropped(ch: str) -> bool:
    code = ord(ch)
    return (
        ch in _INVISIBLE or _in_ranges(code, _DIACRITIC_RANGES) or _in_ranges(code, _ARABIC_DROPPED)
    )


def _fold_char(ch: str) -> str:
    if _is_dropped(ch):
        return ""
    if ch in _LETTER_MAP:
        return _LETTER_MAP[ch]
    if unicodedata.category(ch) == "Nd":
        return str(unicodedata.decimal(ch))
    return ch


@lru_cache(maxsize=65536)
def _fold_cluster(cluster: str) -> str:
    """Fold one base character with its combining marks."""
    text = unicodedata.normalize("NFKC", cluster).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(_fold_char(ch) for ch in text)
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def _is_attached(ch: str) -> bool:
    return unicodedata.combining(ch) != 0 or ch in _ATTACHING or _is_dropped(ch)


def _clusters(text: str) -> list[tuple[int, int]]:
    """Split text into (start, end) runs of a base character and the marks that follow it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(text)):
        if not _is_attached(text[i]):
            spans.append((start, i))
            start = i
    if text:
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text with a map back to the original text.

    The original text is cut into pieces (a character, or a character with its marks); piece
    ``i`` covers original ``[bounds[i], bounds[i + 1])`` and folds to folded
    ``[cumulative[i] - len(piece), cumulative[i])``.
    """

    text: str
    bounds: tuple[int, ...]
    cumulative: tuple[int, ...]

    def _piece(self, folded_offset: int) -> int:
        return bisect_right(self.cumulative, folded_offset)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of the folded text to a span of the original text.

        Args:
            start: start offset in ``self.text``.
            end: end offset in ``self.text`` (exclusive, greater than ``start``).

        Returns:
            The ``(start, end)`` offsets in the original text.

        Raises:
            ValueError: the span is empty or outside the folded text.
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"bad folded span {start}:{end} of {len(self.text)}")
        last = self._piece(end - 1)
        # extend over the empty pieces (dropped marks) that still belong to the last letter
        last = bisect_right(self.cumulative, self.cumulative[last]) - 1
        return self.bounds[self._piece(start)], self.bounds[last + 1]


def _pieces(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Fold text piecewise: one piece per character, or per cluster when marks may compose."""
    if unicodedata.is_normalized("NFC", text) and not _ATTACHING.intersection(text):
        # NFC text: a mark left after a base cannot compose with it, so folding each
        # character alone gives the same result as folding clusters, much faster.
        return [_fold_cluster(ch) for ch in text], []
    spans = _clusters(text)
    return [_fold_cluster(text[s:e]) for s, e in spans], spans


def fold_with_offsets(text: str) -> Folded:
    """Fold ``text`` like ``fold`` and keep a map from folded to original offsets.

    Args:
        text: any text (need not be NFC).

    Returns:
        A ``Folded`` whose ``text`` equals ``fold(text)``.
    """
    if text.isascii():
        bounds = tuple(range(len(text) + 1))
        return Folded(text.lower(), bounds, bounds[1:])
    pieces, spans = _pieces(text)
    bounds = (*(s for s, _ in spans), len(text)) if spans else tuple(range(len(text) + 1))
    return Folded("".join(pieces), bounds, tuple(accumulate(map(len, pieces))))


def fold(text: str) -> str:
    """Return the matching key of ``text``, identical for documents and queries.

    Args:
        text: any text.

    Returns:
        The folded text: ``fold("Phú Yên") == fold("PHU YEN") == "phu yen"``,
        ``fold("Đà Nẵng") == "da nang"``, ``fold("أَحْمَد") == fold("احمد")``,
        ``fold("ＨＣＭ") == "hcm"``.
    """
    if text.isascii():
        return text.lower()
    return "".join(_pieces(text)[0])
