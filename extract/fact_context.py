"""The context of an article's sentences: the index, year and subjects read so far.

"The province", "同省", "平均は" and sentences naming no subject are resolved from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from extract.fact_figures import Draft
from extract.fact_subjects import AGGREGATES, GROUP_AVERAGE, IndexName, Subject, resolve_within
from extract.models import FactCandidate, IndexFact

__all__ = [
    "FactContext",
    "average_after_scores",
    "average_sentence",
    "carried_subject",
    "resolve_deictic",
    "resolve_group_average",
]


@dataclass(slots=True)
class FactContext:
    """What reading an article so far says about the sentences to come."""

    index: str | None = None
    year: int | None = None
    last_rank: int | None = None
    previous_subjects: tuple[Subject, ...] = ()
    carry_left: int = 0
    index_year: int | None = None  # the year next to the index name in this sentence
    main_year: int | None = None  # the article's year: the first one set, "this year"
    main_place: str | None = None  # the one place the title names, for "the province"
    article_place: str | None = None  # the title's place, or the only province the text names
    unit_names: frozenset[str] = frozenset()  # ministries and other units of the lexicon
    index_names: tuple[IndexName, ...] = ()  # the index spellings the article holds
    units_before: frozenset[str] = frozenset()  # score units of the two previous sentences' facts
    units_here: set[str] = field(default_factory=set)
    units_last: frozenset[str] = frozenset()  # of the sentence before the previous one
    facts: list[IndexFact] = field(default_factory=list)
    candidates: list[FactCandidate] = field(default_factory=list)
    index_named: bool = False  # the current sentence names an index


_SHORT_SENTENCE = 80


def average_sentence(subjects: list[Subject], length: int, ctx: FactContext) -> bool:
    """Tell whether a short sentence gives an average right after sentences of scores."""
    return (
        bool(ctx.units_before) and length <= _SHORT_SENTENCE and any(s.is_average for s in subjects)
    )


def average_after_scores(draft: Draft, length: int, ctx: FactContext) -> bool:
    """A short "the national average was 81.62%" right after the index's scores is theirs."""
    return (
        length <= _SHORT_SENTENCE
        and len(draft.figures) == 1
        and draft.figures[0].kind == "score"
        and draft.figures[0].unit in ctx.units_before
    )


def resolve_deictic(subjects: list[Subject], ctx: FactContext) -> list[Subject]:
    """Resolve "the province", "it", "同省" to the one place just named, if any."""
    if not any(s.canonical is None for s in subjects):
        return subjects
    subjects = resolve_within(subjects)
    if not any(s.canonical is None for s in subjects):
        return subjects
    names = {
        s.canonical
        for s in ctx.previous_subjects
        if s.canonical and not s.is_region and s.canonical not in AGGREGATES
    }
    if len(names) != 1 or ctx.carry_left <= 0:
        names = {ctx.article_place} if ctx.article_place else set()
    if len(names) != 1:
        return subjects
    name = names.pop()
    return [
        replace(s, canonical=name, origin="resolved") if s.canonical is None else s
        for s in subjects
    ]


def resolve_group_average(subjects: list[Subject], ctx: FactContext) -> list[Subject]:
    """Resolve "平均は" (the average) to the group the previous sentence spoke of."""
    if not any(s.canonical == GROUP_AVERAGE for s in subjects):
        return subjects
    previous = [s.canonical for s in ctx.previous_subjects if s.canonical]
    if any(name in ctx.unit_names for name in previous):
        group: str | None = "ministries and branches"
    elif previous and all(name not in AGGREGATES for name in previous):
        group = "localities"
    else:
        group = None
    return [
        replace(s, canonical=group) if s.canonical == GROUP_AVERAGE else s
        for s in subjects
        if s.canonical != GROUP_AVERAGE or group
    ]


def carried_subject(ctx: FactContext, start: int) -> list[Subject]:
    """A sentence naming no subject continues the previous one when that named exactly one."""
    names: set[str | None] = {
        s.canonical
        for s in ctx.previous_subjects
        if s.canonical and not s.is_region and s.canonical not in AGGREGATES
    } or {s.canonical for s in ctx.previous_subjects}
    ctx.carry_left -= 1
    if ctx.carry_left < 0 or len(names) != 1 or None in names:
        return []
    return [Subject(start, start, names.pop(), origin="carried")]
