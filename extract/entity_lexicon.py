"""Entity lexicons (``lexicons/entities/<lang>.toml``) and the titles written around names.

Each language gives honorifics, title heads and organisation patterns; ``names.toml`` gives
Vietnamese family names and the readings of names in Han, Hangul and Arabic script.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from extract.normalize import fold

__all__ = [
    "SYLLABLE",
    "Lexicon",
    "family_names",
    "has_honorific",
    "lexicon",
    "lexicon_languages",
    "names_data",
    "title_after",
    "title_before",
]

SYLLABLE = re.compile(
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
def names_data() -> dict[str, Any]:
    """The name lists of ``lexicons/entities/names.toml`` (family names, name readings)."""
    return tomllib.loads((_lexicon_dir() / "names.toml").read_text(encoding="utf-8"))


@cache
def family_names() -> tuple[frozenset[str], dict[str, str]]:
    """Vietnamese family names (folded) and Arabic-script name words with their romanisation."""
    data = names_data()
    return frozenset(data["family"]), {fold(k): v for k, v in data["arabic"].items()}


def title_before(text: str, start: int, lex: Lexicon) -> str | None:
    """The title written before a name at ``start`` ("Chairman ... Nguyen Van A"), if any."""
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


def title_after(text: str, end: int, lex: Lexicon) -> str | None:
    """The title written after a name ending at ``end`` ("..., Chairman of X, said"), if any."""
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


def has_honorific(text: str, start: int, lex: Lexicon) -> bool:
    """Whether an honorific ("Mr", "ông", "Bà") stands right before ``start``."""
    before = fold(text[max(0, start - 25) : start]).rstrip()
    return any(before.endswith(h) for h in lex.honorifics)
