"""Number roles: what a number beside an index mention is, before it may become a fact.

ANNOTATION.md lists the numbers that sit next to index names and are no index facts: score
changes ("up 0.46%"), maxima ("out of 100", "47.82/80 points"), thresholds and targets
("above 80%", "top 10"), counts ("for the sixth time"), comparisons with an average
("4.22% below the national average"), approximations ("nearly 40 points"), multipliers
("2.25-fold"), and sub-index values (a component, pillar or dimension named before the
number). Each language's cue patterns are data in ``lexicons/roles/<lang>.toml`` (``{N}``
marks the number), merged with the shared ``xx.toml``. A number with such a role is neither
a score nor a rank: the caller keeps it as a fact candidate with the role, for audit.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extract.facts_lexicon import load_lexicon

__all__ = [
    "ROLES",
    "SUB_INDEX",
    "RoledNumber",
    "component_figures",
    "component_words",
    "number_roles",
    "overtaken",
    "rank_scope",
]

_NUMBER = r"\d+(?:[.,]\d+)?"
_DIGIT = re.compile(r"\d")

# TOML key -> the role a candidate carries
ROLES: dict[str, str] = {
    "score_change": "score change",
    "range": "bound of a range",
    "comparison": "difference from an average",
    "approximate": "approximate value",
    "threshold": "threshold or target",
    "maximum": "maximum of the scale",
    "count": "count",
    "multiplier": "multiplier",
    "amount": "amount of money",
    "share_of_maximum": "share of the maximum",
}
SUB_INDEX = "sub-index value"


@dataclass(frozen=True, slots=True)
class RoledNumber:
    """A number whose cue words give it a role other than score or rank."""

    start: int  # the number itself
    end: int
    cue_start: int  # the whole cue ("up 0.46%")
    cue_end: int
    value: float
    role: str


@cache
def _file(language: str) -> dict[str, dict[str, list[str]]]:
    path = resources.files("extract") / "lexicons" / "roles" / f"{language}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _own(language: str | None) -> dict[str, dict[str, list[str]]]:
    """The roles file of ``language``, English's when it has none."""
    return _file(language or "en") or _file("en")


def _raw(language: str) -> dict[str, list[str]]:
    table = _file(language).get("roles", {})
    return {key: list(value) for key, value in table.items() if key in ROLES}


def _sub_index_words(language: str | None, key: str) -> tuple[str, ...]:
    own = _own(language)
    words = [*own.get("sub_index", {}).get(key, []), *_file("xx").get("sub_index", {}).get(key, [])]
    return tuple(w.lower() for w in words)


@cache
def component_words(language: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the component words and the overall-score words of ``language``.

    Components: "pillar", "chỉ số thành phần", "分野", the one list of the facts lexicon
    (``facts/<lang>.toml [words] sub_index``); overall: "total", "tổng điểm", "总分", which
    end a component's figures.
    """
    return load_lexicon(language).sub_index, _sub_index_words(language, "totals")


def _precise(number: str) -> bool:
    """A hedge does not come with hundredths: "نحو 63.10" states the value."""
    fraction = re.split(r"[.,]", number, maxsplit=1)[1:]
    return bool(fraction) and len(fraction[0]) >= 2


@cache
def role_patterns(language: str | None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Compiled ``(role, pattern)`` pairs of ``language`` (English when it has no file)."""
    own = _raw(language or "en") or _raw("en")
    shared = _raw("xx")
    out: list[tuple[str, re.Pattern[str]]] = []
    for key in ROLES:
        for pattern in (*own.get(key, ()), *shared.get(key, ())):
            compiled = re.compile(pattern.replace("{N}", f"(?P<n>{_NUMBER})"), re.I)
            out.append((ROLES[key], compiled))
    return tuple(out)


def number_roles(norm: str, start: int, end: int, language: str | None) -> list[RoledNumber]:
    """Return the numbers of ``norm[start:end]`` that the cue words give a non-fact role.

    ``norm`` is the digit-normalised article text; offsets index it. A number matched by
    two roles keeps the first in ``ROLES`` order (a change before an approximation).
    """
    found: dict[int, RoledNumber] = {}
    if _DIGIT.search(norm, start, end) is None:
        return []  # every role pattern holds a number: {N}
    for role, pattern in role_patterns(language):
        for m in pattern.finditer(norm, start, end):
            if m.start("n") in found or (role == ROLES["approximate"] and _precise(m["n"])):
                continue
            value = float(m.group("n").replace(" ", "").replace(",", "."))
            found[m.start("n")] = RoledNumber(
                m.start("n"), m.end("n"), m.start(), m.end(), value, role
            )
    return sorted(found.values(), key=lambda r: r.start)


def _positions(lowered: str, offset: int, words: Sequence[str]) -> list[int]:
    found: list[int] = []
    for word in words:
        pos = lowered.find(word) if word else -1
        while pos >= 0:
            found.append(offset + pos)
            pos = lowered.find(word, pos + 1)
    return sorted(found)


def component_figures(
    text: str,
    figure_starts: Sequence[int],
    index_ends: Sequence[int],
    sentence: tuple[int, int],
    words: tuple[Sequence[str], Sequence[str]],
) -> set[int]:
    """Return the figures (by start) that come after a component word in their sentence.

    "ranked 11th in the DTI with three pillars ..., digital government ranked 9th": the
    9th follows "pillars" with no index name between, so it is a pillar's rank, not the
    index's. ``index_ends`` are where index names end; ``words`` are the lexicon's
    component words and overall-score words (an index name or "total score" after the
    component word gives the figures back to the index).
    """
    start, end = sentence
    lowered = text[start:end].lower()
    components, totals = words
    marks = _positions(lowered, start, components)
    ends = [m + len(w) for w in components for m in _positions(lowered, start, [w])]
    own = [e for e in index_ends if _complement(text, ends, e)]  # "sub-indices of the PCI:"
    resets = sorted([*(e for e in index_ends if e not in own), *_positions(lowered, start, totals)])
    out: set[int] = set()
    for pos in figure_starts:
        last_component = max((m for m in marks if m < pos), default=None)
        if last_component is not None and not any(last_component < r <= pos for r in resets):
            out.add(pos)
    return out


_COMPLEMENT_CHARS = 45  # "Teilindizes des PCI", "sub-indices of the Provincial ... Index"


def _complement(text: str, component_ends: Sequence[int], index_end: int) -> bool:
    """Whether an index name ending at ``index_end`` only completes a component word before it.

    "fünf der zehn Teilindizes des PCI: Marktzugang 7,43": the PCI named right after the
    component word (no figure, comma or colon between) is the one the components belong to,
    so the figures after it stay components.
    """
    for end in component_ends:
        between = text[end:index_end]
        if 0 < index_end - end <= _COMPLEMENT_CHARS and not re.search(r"[\d,;:.()]", between):
            return True
    return False


@cache
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_SCOPE_WINDOW = 60  # characters after a rank where its region or group is named


def rank_scope(
    norm: str,
    rank_end: int,
    clause_end: int,
    language: str | None,
    regions: Sequence[tuple[str, str]],
) -> str | None:
    """Return the region or group a rank is within, named right after it, else None.

    "5th of 14 provinces in the Mekong Delta" is within "Mekong Delta" (the lexicon's
    region name); "thứ 3/7 tỉnh khu vực miền núi, ..." within "khu vực miền núi" (the
    phrase from the scope word to the clause's next break). A national rank names none.
    """
    end = min(clause_end, rank_end + _SCOPE_WINDOW)
    window = norm[rank_end:end]
    scope = _own(language).get("scope", {})
    for pattern in scope.get("before", []):  # "在西原地区排名第3位": the scope comes first
        before = _compiled(pattern + "$").search(norm[max(0, rank_end - 40) : rank_end])
        if before:
            window = before["scope"] + " " + window
    lowered = window.lower()
    found = [(lowered.find(a.lower()), name) for a, name in regions if a.lower() in lowered]
    if found:
        return min(found)[1]
    for word in scope.get("words", []):
        m = _compiled(rf"(?<!\w){re.escape(word)}(?!\w)", re.I).search(window)
        if m:
            phrase = re.split(r"[,;.()\n，、。；（）]", window[m.start() :], maxsplit=1)[0]
            return phrase.strip()[:_SCOPE_WINDOW] or None
    return None


def overtaken(text: str, start: int, floor: int, language: str | None) -> bool:
    """Tell whether a place at ``start`` is the object of "overtook", "超越", "vượt qua".

    Only the words after ``floor`` (the sentence's start) count.
    """
    before = text[max(floor, start - 16) : start].rstrip().lower()
    own = _own(language)
    return any(before.endswith(word.lower()) for word in own.get("objects", {}).get("after", []))
