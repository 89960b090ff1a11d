"""Per-language knowledge for index facts and percentages, loaded from TOML data files.

``extract/lexicons/facts/<lang>.toml`` holds one language's index names, rank phrases,
ordinal words, point and percent words, comparison and aggregate words. ``xx.toml`` holds
what every language shares (index codes, percent signs). Adding a language is adding a
file. Patterns are regular expressions over text whose digits are already ASCII
(``numbers.normalize_digits``); ``{N}`` stands for a number, ``{ORD}`` for an ordinal word
of the language, ``{NUM}`` for either, ``{CNT}`` for a number or a cardinal word ("두 계단",
"шесть позиций", "tụt một bậc").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["FactsLexicon", "available_languages", "load_lexicon"]

_NUMBER = r"\d+(?:[.,]\d+)?"


@dataclass(frozen=True, slots=True, eq=False)
class FactsLexicon:
    """Compiled index-fact vocabulary of one language (merged with the shared ``xx``).

    Loaded once per language and compared by identity, so that it can key per-document caches.
    """

    language: str  # the lexicon file used ("en" for languages without one)
    locale: str  # the document language, for number parsing
    indices: tuple[tuple[str, str], ...]  # (alias, index code), longest alias first
    index_regex: re.Pattern[str]
    index_variants: tuple[tuple[str, str, bool], ...]  # (spelling, code, case-sensitive)
    ordinals: dict[str, int]
    cardinals: dict[str, int]  # number words of rank changes ("two places")
    points: tuple[str, ...]
    percent: tuple[str, ...]
    percent_prefix: tuple[str, ...]
    rank: tuple[re.Pattern[str], ...]  # groups: n (number) or w (ordinal word), total
    top: tuple[re.Pattern[str], ...]  # phrases meaning first place
    total: tuple[re.Pattern[str], ...]  # group: total
    up: tuple[re.Pattern[str], ...]  # group: n or w; rank improved by n
    down: tuple[re.Pattern[str], ...]
    list_cue: tuple[re.Pattern[str], ...]  # "followed by": later subjects take next ranks
    rank_range: tuple[re.Pattern[str], ...]  # "7th to 9th": groups n, m
    move: tuple[re.Pattern[str], ...]  # "from 12th to 7th": group n is last year's rank, m now
    top_n: tuple[re.Pattern[str], ...]  # "the top three": group n, w or c
    ordered_cue: tuple[re.Pattern[str], ...]  # "in order", "依次为": the list is ranked
    list_cue_after: tuple[re.Pattern[str], ...]  # a cue after the list: "…가 뒤를 이었다"
    list_from: tuple[re.Pattern[str], ...]  # "3rd and below:": group n (else 1) starts a list
    list_head: tuple[re.Pattern[str], ...]  # "the top were:": the list starts at first place
    blocked: tuple[re.Pattern[str], ...]  # spans whose numbers are neither ranks nor scores
    score_cue: tuple[re.Pattern[str], ...]  # group n: a score without a unit
    following_year: tuple[re.Pattern[str], ...]
    previous_year: tuple[re.Pattern[str], ...]  # "last year", "前年": one before the current
    current_year: tuple[re.Pattern[str], ...]  # "this year", "năm nay": the article's year
    year_range: tuple[re.Pattern[str], ...]  # groups: a, b
    shared_years: tuple[re.Pattern[str], ...]  # "in both 2022 and 2023": groups a, b
    streak: tuple[re.Pattern[str], ...]  # "N consecutive years since Y": groups n or w, a
    national: tuple[str, ...]  # words for the national aggregate -> "Vietnam"
    localities: tuple[str, ...]  # -> "localities"
    ministries: tuple[str, ...]  # -> "ministries and branches"
    ministry_groups: tuple[str, ...]  # "17 bộ, cơ quan ngang bộ": an average of these is theirs
    deictic: tuple[str, ...]  # "the province": a subject the excerpt may not name
    group_average: tuple[str, ...]  # "平均は": the average of the group just named
    units: tuple[tuple[str, str], ...]  # (alias, canonical English name)
    regions: tuple[tuple[str, str], ...]  # (alias, canonical region name)
    respectively: tuple[str, ...]  # "respectively": figures follow the subjects in order
    comparison_before: tuple[str, ...]  # words before a year that make it a comparison year
    comparison_after: tuple[str, ...]
    compared_after: tuple[str, ...]  # after "last year": "전년보다", "前年から" compare, not date
    unit_patterns: tuple[re.Pattern[str], ...]  # the whole match is the unit's name
    other_metrics: tuple[str, ...]  # GDP, FDI...: a sentence about them reports no index
    sub_index: tuple[str, ...]  # component words (the one list): their figures are sub-index values
    rank_headers: tuple[str, ...]  # table header words of a rank column
    table_total: tuple[str, ...]  # header words of a table's overall-score column ("Total")
    table_score: tuple[str, ...]  # header words of a score column ("Score", "Điểm")
    table_change: tuple[str, ...]  # header words of a change column ("+/-", "Thay đổi")
    table_serial: tuple[str, ...]  # whole headers of a row-number column ("STT", "No.")
    table_generic: tuple[str, ...]  # words a subject cell may hold besides the name ("tỉnh")
    table_previous: tuple[str, ...]  # header words of last year's column ("Previous rank")
    table_affixes: tuple[str, ...]  # unit or rank words around a cell's number ("1위", "第3名")
    source_verbs: tuple[str, ...]  # "announced": the unit before it publishes, it is no subject
    source_prefix: tuple[str, ...]  # "according to": a unit in that clause reports, no subject
    share_words: tuple[str, ...]  # after a percentage: "of", "de": a share of something
    score_words: tuple[str, ...]  # "score", "index": an aggregate's figure is about the index
    buddhist_years: bool


def _alternatives(words: dict[str, int]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) or "(?!)"


def _expand(pattern: str, ordinals: dict[str, int], cardinals: dict[str, int]) -> str:
    words = _alternatives(ordinals)
    return (
        pattern.replace("{N}", f"(?P<n>{_NUMBER})")
        .replace("{ORD}", f"(?P<w>{words})")
        .replace("{NUM}", f"(?:(?P<n>{_NUMBER})|(?P<w>{words}))")
        .replace("{CNT}", f"(?:(?P<n>{_NUMBER})|(?P<k>{_alternatives(cardinals)}))")
    )


def _compile(
    patterns: list[str], ordinals: dict[str, int], cardinals: dict[str, int]
) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(_expand(p, ordinals, cardinals), re.IGNORECASE) for p in patterns)


def _numbers(data: dict[str, object], key: str) -> dict[str, int]:
    table = data.get(key, {})
    return {str(k).lower(): int(v) for k, v in table.items()} if isinstance(table, dict) else {}


@cache
def _raw(language: str) -> dict[str, object]:
    path = resources.files("extract") / "lexicons" / "facts" / f"{language}.toml"
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def available_languages() -> tuple[str, ...]:
    """Return the languages that have a facts lexicon file."""
    folder = resources.files("extract") / "lexicons" / "facts"
    names = (p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    return tuple(sorted(n[:-5] for n in names if n != "xx.toml"))


def _list(data: dict[str, object], *keys: str) -> list[str]:
    value: object = data
    for key in keys:
        if not isinstance(value, dict):
            return []
        value = value.get(key, {})
    return [str(v) for v in value] if isinstance(value, list) else []


def _merged(language: str, *keys: str) -> list[str]:
    return _list(_raw("xx"), *keys) + _list(_raw(language), *keys)


def _index_aliases() -> list[tuple[str, str]]:
    """Index names of every language: an article may quote an index in another language."""
    pairs: list[tuple[str, str]] = []
    for lang in ("xx", *available_languages()):
        table = _raw(lang).get("indices", {})
        if isinstance(table, dict):
            pairs.extend((alias, code) for code, aliases in table.items() for alias in aliases)
        other = _raw(lang).get("other_indices", {})
        if isinstance(other, dict):  # OTHER indices keep their own name: "OTHER:<label>"
            pairs.extend((a, f"OTHER:{label}") for label, aliases in other.items() for a in aliases)
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def _alias_regex(aliases: list[tuple[str, str]]) -> re.Pattern[str]:
    parts = []
    for alias, _ in aliases:
        escaped = re.escape(alias).replace(r"\ ", r"[\s\-]?")
        if alias.isupper() and alias.isascii():  # codes: "PAR" is not "Par rapport"
            escaped = f"(?-i:{escaped})"
        if alias[:1].isascii() and alias[:1].isalnum():
            escaped = r"(?<![A-Za-z])" + escaped
        if alias[-1:].isascii() and alias[-1:].isalnum():
            escaped += r"(?![a-z])" if alias.isupper() else r"(?![A-Za-z])"
        parts.append(escaped)
    return re.compile("|".join(parts) or "(?!)", re.IGNORECASE)


def _pairs(data: dict[str, object], table: str) -> list[tuple[str, str]]:
    return [
        (alias, canonical)
        for source in (_raw("xx"), data)
        for canonical, names in dict(source.get(table, {})).items()  # type: ignore[call-overload]
        for alias in names
    ]


def _variants(aliases: list[tuple[str, str]]) -> tuple[tuple[str, str, bool], ...]:
    """Spellings to look for: codes as written, names lower-cased with " ", "-" or nothing."""
    out: dict[tuple[str, bool], str] = {}
    for alias, code in aliases:
        if alias.isupper() and alias.isascii():  # "PAR INDEX", "PCI": exact case
            forms = {alias, alias.replace(" ", "-"), alias.replace(" ", "")}
            out.update({(form, True): code for form in forms})
        else:
            low = alias.lower()
            forms = {low, low.replace(" ", "-"), low.replace(" ", "")} if " " in low else {low}
            out.update({(form, False): code for form in forms if len(form) > 2})
    ordered = sorted(out.items(), key=lambda item: -len(item[0][0]))
    return tuple((form, code, exact) for (form, exact), code in ordered)


@cache
def load_lexicon(language: str | None) -> FactsLexicon:
    """Return the facts lexicon of ``language`` (English when it has none)."""
    lang = language if language in available_languages() else "en"
    data = _raw(lang)
    ordinals = _numbers(data, "ordinals")
    cardinals = _numbers(data, "cardinals")
    aliases = _index_aliases()
    units = _pairs(data, "units")
    regions = _pairs(data, "regions")

    def pats(*keys: str) -> tuple[re.Pattern[str], ...]:
        return _compile(_merged(lang, *keys), ordinals, cardinals)

    return FactsLexicon(
        language=lang,
        locale=language or "en",
        indices=tuple(aliases),
        index_regex=_alias_regex(aliases),
        index_variants=_variants(aliases),
        ordinals=ordinals,
        cardinals=cardinals,
        points=tuple(w.lower() for w in _merged(lang, "words", "points")),
        percent=tuple(w.lower() for w in _merged(lang, "words", "percent")),
        percent_prefix=tuple(w.lower() for w in _merged(lang, "words", "percent_prefix")),
        rank=pats("rank", "patterns"),
        top=pats("rank", "top"),
        total=pats("rank", "total"),
        up=pats("rank", "up"),
        down=pats("rank", "down"),
        list_cue=pats("rank", "list_cue"),
        rank_range=pats("rank", "range"),
        move=pats("rank", "move"),
        top_n=pats("rank", "top_n"),
        ordered_cue=pats("rank", "ordered_cue"),
        list_cue_after=pats("rank", "list_cue_after"),
        list_from=pats("rank", "list_from"),
        list_head=pats("rank", "list_head"),
        blocked=pats("rank", "blocked"),
        score_cue=pats("score", "cue"),
        following_year=pats("year", "following"),
        previous_year=pats("year", "previous"),
        current_year=pats("year", "current"),
        year_range=pats("year", "range"),
        shared_years=pats("year", "shared"),
        streak=pats("year", "streak"),
        national=tuple(_merged(lang, "subjects", "national")),
        localities=tuple(_merged(lang, "subjects", "localities")),
        ministries=tuple(_merged(lang, "subjects", "ministries")),
        ministry_groups=tuple(_merged(lang, "subjects", "ministry_groups")),
        deictic=tuple(_merged(lang, "subjects", "deictic")),
        group_average=tuple(_merged(lang, "subjects", "group_average")),
        units=tuple(sorted(units, key=lambda p: -len(p[0]))),
        regions=tuple(sorted(regions, key=lambda p: -len(p[0]))),
        respectively=tuple(_merged(lang, "words", "respectively")),
        comparison_before=tuple(w.lower() for w in _merged(lang, "year", "comparison_before")),
        comparison_after=tuple(w.lower() for w in _merged(lang, "year", "comparison_after")),
        compared_after=tuple(w.lower() for w in _merged(lang, "year", "compared_after")),
        unit_patterns=tuple(re.compile(p) for p in _merged(lang, "subjects", "unit_patterns")),
        other_metrics=tuple(w.lower() for w in _merged(lang, "words", "other_metrics")),
        sub_index=tuple(w.lower() for w in _merged(lang, "words", "sub_index")),
        rank_headers=tuple(w.lower() for w in _merged(lang, "rank", "headers")),
        table_total=tuple(w.lower() for w in _merged(lang, "table", "total")),
        table_score=tuple(w.lower() for w in _merged(lang, "table", "score")),
        table_change=tuple(w.lower() for w in _merged(lang, "table", "change")),
        table_serial=tuple(w.lower() for w in _merged(lang, "table", "serial")),
        table_generic=tuple(w.lower() for w in _merged(lang, "table", "generic")),
        table_previous=tuple(w.lower() for w in _merged(lang, "table", "previous")),
        table_affixes=tuple(w.lower() for w in _merged(lang, "table", "affixes")),
        source_verbs=tuple(w.lower() for w in _merged(lang, "subjects", "source_verbs")),
        source_prefix=tuple(w.lower() for w in _merged(lang, "subjects", "source_prefix")),
        share_words=tuple(w.lower() for w in _merged(lang, "words", "share")),
        score_words=tuple(w.lower() for w in _merged(lang, "words", "score")),
        buddhist_years=bool(data.get("buddhist_years", False)),
    )
