# full-width punctuation is data here
"""Initiatives outside the catalogue: models, programmes and campaigns introduced as such.

A name is discovered next to a head word of ``[discovery]`` in
``extract/lexicons/initiatives/<lang>.toml`` (and English, which articles in every language
quote): a quoted name after or before a head ("the model "Paperless Friday"", "「窓口ゼロ」
プロジェクト"), or in a clause holding a cue word; a head followed by a capitalised name or a
number ("mô hình Cà phê Doanh nhân", "Programme 135"); a capitalised name followed by a head
("the Digital Saturday model"). An unquoted name must end cleanly (a break, a stop word, a
lower-case word outside sentence case) within eight words, is no place alone ("the Quang Ninh
model") and takes no possessive ("Hanoi's"); unquoted CJK names are not read (they were
generic: "重大改革计划"). A name holding a word of ``not_names`` (committee, meeting,
conference, rate, index...) is no initiative. Precision first: whatever does not fit one of
these shapes is dropped.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extract.gazetteer import province
from extract.initiative_catalogue import keyword_pattern
from extract.normalize import fold, fold_with_offsets

__all__ = [
    "DiscoveryLexicon",
    "NamedMeasure",
    "discovered_names",
    "discovery_lexicon",
    "is_short_name",
]

_MAX_WORDS = 8  # words of a name after or before its head, head excluded
_QUOTE_GAP = 24  # characters between a head and its quoted name
_LIST_WORDS = 2  # words beside a quoted name in a clause that continues a list ("and")
_QUOTED = re.compile(
    r"\"([^\"\n]{3,80})\"|“([^”\n]{3,80})”|«\s?([^»\n]{3,80}?)\s?»|„([^“”\n]{3,80})[“”]"
    r"|「([^」\n]{2,40})」|『([^』\n]{2,40})』|‘([^’\n]{3,80})’|《([^》\n]{2,40})》"
    # an apostrophe inside a Latin word is no quote; a Korean particle may follow one
    r"|(?<![A-Za-z\u00c0-\u024f])'([^'\n]{3,60})'(?![A-Za-z\u00c0-\u024f])"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_MAX_NAME_WORDS = 10
_MAX_NAME_CHARS = 30  # scripts written without spaces (and Korean)
_CHAR_SCRIPTS = re.compile(r"[\u0e00-\u0eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_A_WORD = re.compile(r"\S*\w\S*")  # a dash or a bullet between words is no word
# a word of a name: capitalised, a number or code ("06", "18-NQ/TW"), or an acronym
_NAME_WORD = re.compile(r"(?:[A-ZÀ-ÖØ-ÞĐА-ЯЁ][\w'’-]*|\d[\w/.-]*)$")
_WORD = re.compile(r"[^\s,;:()\"“”«»„‘’.!?]+")


@dataclass(frozen=True, slots=True)
class DiscoveryLexicon:
    """Head words that introduce a named measure, and words that end or forbid a name."""

    language: str
    before: re.Pattern[str] | None  # a head followed by its name: "mô hình", "modèle"
    after: re.Pattern[str] | None  # a head following its name: "model", "计划"
    stops: frozenset[str]  # words that end a name ("the", "của", "tại", "được"), lower case
    joins: frozenset[str]  # lower-case words inside a name ("for": "Literacy for All")
    sentence_case: bool  # names capitalise their first word only ("mô hình Cà phê doanh nhân")
    not_names: re.Pattern[str] | None  # committee, meeting, conference, rate, index...
    cues: re.Pattern[str] | None  # words that make a quoted phrase of their clause a name
    actions: re.Pattern[str] | None = None  # verbs whose quoted object is a name ("launched")


@dataclass(frozen=True, slots=True)
class NamedMeasure:
    """A discovered name and its span in the clause it was read from."""

    name: str
    start: int
    end: int


def _lower(word: str) -> str:
    """Lower case, NFC: stop words keep their diacritics ("từ" is not "tự")."""
    return unicodedata.normalize("NFC", word.lower())


@cache
def discovery_lexicon(language: str) -> DiscoveryLexicon | None:
    """Return the ``[discovery]`` words of ``language``, or None when it has none."""
    path = resources.files("extract") / "lexicons" / "initiatives" / f"{language}.toml"
    if not path.is_file():
        return None
    lexicon = tomllib.loads(path.read_text(encoding="utf-8"))
    data = lexicon.get("discovery")
    if not data:
        return None
    return DiscoveryLexicon(
        language,
        keyword_pattern(data.get("before", [])),
        keyword_pattern(data.get("after", [])),
        frozenset(_lower(w) for w in data.get("stops", [])),
        frozenset(_lower(w) for w in data.get("joins", [])),
        bool(data.get("sentence_case", False)),
        keyword_pattern(data.get("not_names", []), stems=True),
        keyword_pattern(lexicon.get("cues", [])),
        keyword_pattern(lexicon.get("actions", [])),
    )


def _lexicons(language: str) -> tuple[DiscoveryLexicon, ...]:
    found = (discovery_lexicon(language), discovery_lexicon("en") if language != "en" else None)
    return tuple(lex for lex in found if lex is not None)


def is_short_name(name: str | None) -> bool:
    """Whether ``name`` is short enough to be a name, not a clause.

    At most 10 words, or 30 characters in CJK, Thai, Lao and Korean (issue 10's rule, which
    ``extract.evaluate`` scores with too).
    """
    if not name or not name.strip():
        return False
    if _CHAR_SCRIPTS.search(name):
        return len(name.strip()) <= _MAX_NAME_CHARS
    return len(_A_WORD.findall(name)) <= _MAX_NAME_WORDS


def _is_name(name: str, lexicons: tuple[DiscoveryLexicon, ...]) -> bool:
    """A name of a measure: not too long, not only a number, no committee or statistic."""
    name = name.strip()
    if not is_short_name(name) or name.isdigit():
        return False
    folded = fold(name)
    return not any(lex.not_names and lex.not_names.search(folded) for lex in lexicons)


def _heads(
    clause: str, lexicons: tuple[DiscoveryLexicon, ...], side: str
) -> list[tuple[int, int, DiscoveryLexicon]]:
    """Spans of the head words of ``side`` ('before' or 'after') in ``clause``."""
    folded = fold_with_offsets(clause)
    out = []
    for lex in lexicons:
        pattern = getattr(lex, side)
        if pattern is not None:
            for m in pattern.finditer(folded.text):
                if m.end() > m.start():
                    out.append((*folded.original_span(m.start(), m.end()), lex))
    return out


def _quoted(
    clause: str, heads: list[tuple[int, int, DiscoveryLexicon]], cued: bool
) -> list[NamedMeasure]:
    """Quoted names in a cued clause, or next to a head (after 'before', before 'after')."""
    out = []
    for m in _QUOTED.finditer(clause):
        group = next(i for i, g in enumerate(m.groups(), 1) if g is not None)
        near = any(
            0 <= m.start() - end <= _QUOTE_GAP or 0 <= start - m.end() <= 2
            for start, end, _ in heads
        )
        if cued or near:
            out.append(NamedMeasure(m.group(group).strip(), m.start(group), m.end(group)))
    return out


def _words_after(clause: str, end: int, lex: DiscoveryLexicon) -> int | None:
    """Where the capitalised name or number right after a head ending at ``end`` ends.

    The name must end cleanly (a break, a stop word, the clause's end or, outside sentence
    case, a lower-case word) within eight words; otherwise where it ends is unknown.
    """
    words = list(_WORD.finditer(clause, end))
    if not words or clause[end : words[0].start()].strip(" "):
        return None
    if not _NAME_WORD.match(words[0].group()):
        return None
    last = 0
    for i, word in enumerate(words[1:], 1):
        key = _lower(word.group())
        if clause[words[last].end() : word.start()].strip() or key in lex.stops:
            break
        if not (lex.sentence_case or _NAME_WORD.match(word.group()) or key in lex.joins):
            break
        if i >= _MAX_WORDS:
            return None
        last = i
    while last and _lower(words[last].group()) in lex.joins:
        last -= 1
    return words[last].end()


def _words_before(clause: str, start: int, lex: DiscoveryLexicon) -> int | None:
    """Where a capitalised name right before a head starting at ``start`` begins.

    A possessive ("Hanoi's") or a stop word ends the name; eight name words with no such
    end leave its start unknown.
    """
    words = [w for w in _WORD.finditer(clause, 0, start) if w.end() <= start]
    first, edge = None, start
    for count, word in enumerate(reversed(words), 1):
        text, key = word.group(), _lower(word.group())
        if clause[word.end() : edge].strip() or key in lex.stops or _POSSESSIVE.search(text):
            break
        if not (_NAME_WORD.match(text) or key in lex.joins):
            break
        if count > _MAX_WORDS:
            return None
        edge = word.start()
        if _NAME_WORD.match(text):
            first = word.start()
    return first


def _listed_items(clause: str) -> list[NamedMeasure]:
    """The quoted names a clause holds when it is only those (and a conjunction or two)."""
    quotes = list(_QUOTED.finditer(clause))
    rest = _QUOTED.sub(" ", clause)
    if not quotes or len(_A_WORD.findall(rest)) > _LIST_WORDS:
        return []
    out = []
    for m in quotes:
        group = next(i for i, g in enumerate(m.groups(), 1) if g is not None)
        name = m.group(group).strip()
        first = name[:1]
        if first.lower() != first.upper() and not first.isupper():
            return []  # a lower-case quotation is speech, not a name ("we are proud")
        out.append(NamedMeasure(name, m.start(group), m.end(group)))
    return out


_ACTION_GAP = re.compile(r"[^\w\"“«„「『‘']*(?:\w+[^\w\"“«„「『‘']+){0,2}$")


def _launched(clause: str, lexicons: tuple[DiscoveryLexicon, ...]) -> list[NamedMeasure]:
    """Capitalised quoted names at most two words after an action verb of ``actions``.

    'launched "Green Friday"', 'phát động "Tháng Không Giấy"'; a lower-case quotation is
    speech, not a name.
    """
    folded = fold_with_offsets(clause)
    verbs = [
        folded.original_span(m.start(), m.end())[1]
        for lex in lexicons
        if lex.actions is not None
        for m in lex.actions.finditer(folded.text)
    ]
    out = []
    for m in _QUOTED.finditer(clause):
        group = next(i for i, g in enumerate(m.groups(), 1) if g is not None)
        name = m.group(group).strip()
        first = name[:1]
        if first.lower() != first.upper() and not first.isupper():
            continue
        if any(end <= m.start() and _ACTION_GAP.match(clause[end : m.start()]) for end in verbs):
            out.append(NamedMeasure(name, m.start(group), m.end(group)))
    return out


def discovered_names(clause: str, language: str, *, listed: bool = False) -> list[NamedMeasure]:
    """Named measures introduced by a head word in ``clause``, in clause order.

    Args:
        clause: one clause of a sentence, as written.
        language: ISO 639-1 code; its ``[discovery]`` words and the English ones are used.
        listed: the clause before, in the same sentence, named a quoted measure: a clause that
            is only another quoted name continues the list ('such as "A", "B" and "C"').

    Returns:
        Names with their spans in ``clause`` (a quoted name without its quotes; an unquoted
        one with its head word, "Digital Saturday model").
    """
    lexicons = _lexicons(language)
    if not lexicons:
        return []
    if listed:
        items = [item for item in _listed_items(clause) if _is_name(item.name, lexicons)]
        if items:
            return items
    folded = fold(clause)
    patterns = [p for lex in lexicons for p in (lex.before, lex.after) if p is not None]
    if not any(p.search(folded) for p in patterns):  # the common case: no head word
        if _QUOTED.search(clause) is None:
            return []
        if not any(lex.cues and lex.cues.search(folded) for lex in lexicons):
            return [item for item in _launched(clause, lexicons) if _is_name(item.name, lexicons)]
    before = _heads(clause, lexicons, "before")
    after = _heads(clause, lexicons, "after")
    cued = any(lex.cues is not None and lex.cues.search(folded) for lex in lexicons)
    found = _quoted(clause, before + after, cued) + _launched(clause, lexicons)
    for start, end, lex in before:
        stop = _words_after(clause, end, lex)
        if stop is not None and not province(clause[end:stop].strip()):
            found.append(NamedMeasure(clause[start:stop], start, stop))
    for start, end, lex in after:
        if _UNSPACED.match(clause, start):
            continue  # unquoted CJK names before a head were generic ("重大改革计划")
        begin = _words_before(clause, start, lex)
        # a place alone is whose model it is, not its name ("the Quang Ninh model")
        if begin is not None and not province(clause[begin:start].strip()):
            found.append(NamedMeasure(clause[begin:end], begin, end))
    kept: list[NamedMeasure] = []
    for item in sorted(found, key=lambda n: (n.start, -n.end)):
        overlaps = any(item.start < k.end and k.start < item.end for k in kept)
        if not overlaps and _is_name(item.name, lexicons):
            kept.append(item)
    return kept
