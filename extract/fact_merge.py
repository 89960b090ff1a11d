"""Facts stated twice (title and body, two sentences) become one."""

from __future__ import annotations

from dataclasses import replace

from extract.models import IndexFact

__all__ = ["fill_in", "merge_facts", "restated"]


def restated(fact: IndexFact, facts: list[IndexFact]) -> bool:
    """A figure repeated in a sentence that does not name the index is not a new fact."""
    return any(
        f.subject == fact.subject
        and (
            (f.rank is not None and f.rank == fact.rank)
            or (f.score is not None and f.score == fact.score)
        )
        and all(
            getattr(fact, name) is None or getattr(fact, name) == getattr(f, name)
            for name in ("score", "rank", "year")
        )
        for f in facts
    )


def fill_in(fact: IndexFact, facts: list[IndexFact]) -> None:
    """Add a restated fact's rank change or total to the fact it restates."""
    for i, f in enumerate(facts):
        if restated(fact, [f]) and (f.year is None or fact.year in (None, f.year)):
            extra = {
                name: getattr(fact, name)
                for name in ("rank_total", "rank_change")
                if getattr(f, name) is None and getattr(fact, name) is not None
            }
            if extra:
                facts[i] = replace(f, **extra)
            return


def _compatible(a: IndexFact, b: IndexFact) -> bool:
    if (a.index_name, a.subject) != (b.index_name, b.subject):
        return False
    for name in ("year", "score", "rank"):
        x, y = getattr(a, name), getattr(b, name)
        if x is not None and y is not None and x != y:
            return False
    return (
        (a.rank is not None and a.rank == b.rank)
        or (a.score is not None and a.score == b.score)
        or (a.year is not None and a.year == b.year)
    )


def merge_facts(facts: list[IndexFact]) -> list[IndexFact]:
    """Merge facts that state the same figure twice (title and body, two sentences)."""
    out: list[IndexFact] = []
    for fact in facts:
        twin = next((i for i, f in enumerate(out) if _compatible(f, fact)), None)
        if twin is None:
            out.append(fact)
            continue
        kept = out[twin]
        out[twin] = replace(
            kept,
            **{
                name: getattr(fact, name)
                for name in ("year", "score", "score_unit", "rank", "rank_total", "rank_change")
                if getattr(kept, name) is None and getattr(fact, name) is not None
            },
        )
    return out
