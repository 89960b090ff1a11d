"""Binding figures to subjects and indices within a sentence, at clause level.

A figure goes to a subject of its own clause (the nearest, within the same brackets), else to
the subject governing the clause (named at its start, or carried from the clause before);
a bracketed national or local average beside a province's score becomes its comparison.
With several indices named, a subject's figures go to the index of their own clause.
"""

from __future__ import annotations

from extract.fact_figures import Draft, Figure
from extract.fact_lists import separated, share_coordinated
from extract.fact_subjects import AGGREGATES, Subject
from extract.sentences import bracket_start

__all__ = ["assign_figures", "bracketed_comparisons", "by_index", "set_floors"]


_SUBJECT_LEAD = 30  # a subject within this many characters of a clause start governs it


def _governing(
    text: str, clauses: list[tuple[int, int]], subjects: list[Subject]
) -> list[Subject | None]:
    """Pick, for each clause, the subject its figures belong to when it names none.

    A subject inside brackets within the clause is an aside ("(X and Y have no data)"):
    it governs no figure outside them.
    """
    result: list[Subject | None] = []
    current: Subject | None = None
    for cs, ce in clauses:
        inside = [
            s for s in subjects if cs <= s.start < ce and bracket_start(text, s.start, cs) is None
        ]
        leading = [s for s in inside if s.start - cs <= _SUBJECT_LEAD]
        named = [s for s in leading if s.canonical not in AGGREGATES]
        if named or (leading and current is None):  # an average compares, it does not govern
            current = (named or leading)[0]
        elif current is None:  # long Thai or CJK clauses: the first place named governs
            current = next((s for s in inside if s.canonical not in AGGREGATES), None)
        result.append(current)
    # clauses before the first subject belong to the next one ("With 73.40 points, X leads")
    nxt: Subject | None = None
    for i in range(len(clauses) - 1, -1, -1):
        inside = [s for s in subjects if clauses[i][0] <= s.start < clauses[i][1]]
        if inside:
            nxt = inside[0]
        if result[i] is None:
            result[i] = nxt
    return result


def assign_figures(
    text_of_sentence: str,
    figures: list[Figure],
    clauses: list[tuple[int, int]],
    subjects: list[Subject],
    paired: dict[int, Subject],
    cues: list[int],
) -> list[Draft]:
    """Give each figure of a sentence to a subject: one of its clause, else the governing one.

    ``paired`` figures ("respectively") already have their subject; ``cues`` are where list
    words stand (a subject after one does not take the figures before it).
    """
    governing = _governing(text_of_sentence, clauses, subjects)
    drafts: dict[int, Draft] = {}
    for fig in sorted(figures, key=lambda f: f.start):
        if id(fig) in paired:
            owner = paired[id(fig)]
            drafts.setdefault(owner.start, Draft(owner)).figures.append(fig)
            continue
        idx = next((i for i, (cs, ce) in enumerate(clauses) if cs <= fig.start < ce), None)
        if idx is None:
            continue
        cs, ce = clauses[idx]
        inside = [
            s
            for s in subjects
            if cs <= s.start < ce
            and (s.start < fig.start or not separated(text_of_sentence, fig.end, s.start, cues))
            and not (s.is_average and fig.kind != "score")  # an average has no rank
        ]
        group = bracket_start(text_of_sentence, fig.start, cs)
        same = [s for s in inside if bracket_start(text_of_sentence, s.start, cs) == group]
        if same or group is None:
            inside = same
        subject: Subject | None = (
            min(inside, key=lambda s: _distance(s, fig)) if inside else governing[idx]
        )
        if subject is not None and subject.is_average and fig.kind != "score":
            subject = _ranked_subject(subjects, cs, ce, fig)
        if subject is None or (
            subject.start > fig.end and separated(text_of_sentence, fig.end, subject.start, cues)
        ):
            continue
        drafts.setdefault(subject.start, Draft(subject)).figures.append(fig)
    share_coordinated(text_of_sentence, subjects, drafts)
    return sorted(drafts.values(), key=lambda d: d.subject.start)


def _ranked_subject(subjects: list[Subject], cs: int, ce: int, fig: Figure) -> Subject | None:
    """The nearest subject of a clause that can hold a rank (not an average), if any."""
    ranked = [s for s in subjects if cs <= s.start < ce and not s.is_average]
    return min(ranked, key=lambda s: _distance(s, fig)) if ranked else None


def _distance(subject: Subject, fig: Figure) -> int:
    if fig.start >= subject.end:
        return fig.start - subject.end
    return (subject.start - fig.end) + 5  # a little preference for the subject before


def set_floors(drafts: list[Draft], start: int) -> None:
    """Note where each draft's own part of the sentence starts, after others' figures."""
    for draft in drafts:
        if not draft.figures:
            continue
        first = min(f.start for f in draft.figures)
        others = [f.end for d in drafts if d is not draft for f in d.figures if f.end <= first]
        draft.floor = max(others, default=start)


_AGGREGATE_LABELS = {"Vietnam": "national average", "localities": "average of localities"}


def bracketed_comparisons(text: str, start: int, drafts: list[Draft]) -> list[Draft]:
    """Turn a bracketed average ("87.35% (national average 85.61%)") into a comparison."""
    kept: list[Draft] = []
    for draft in drafts:
        subject = draft.subject
        scores = [f for f in draft.figures if f.kind == "score"]
        bracketed = bracket_start(text, subject.start, start) is not None or all(
            bracket_start(text, f.start, start) is not None for f in scores
        )
        if (
            subject.canonical in AGGREGATES
            and bracketed
            and scores
            and len(scores) == len(draft.figures)
            and kept
            and any(f.kind == "score" for f in kept[-1].figures)
        ):
            label = _AGGREGATE_LABELS.get(subject.canonical or "", "average")
            kept[-1].comparison = (label, scores[0].value)
            continue
        kept.append(draft)
    return kept


def by_index(
    draft: Draft,
    mentions: list[tuple[int, int, str]],
    codes: list[str],
    index_codes: list[str],
    offset: int,
    clauses: list[tuple[int, int]],
) -> list[tuple[str, Draft]]:
    """Split a subject's figures by index when the sentence names several indices.

    "42nd in the PAR Index, 40th in the DTI" gives one PAR_INDEX and one DTI fact; with
    three or more indices, figures in one clause belong to them all ("first on all four
    rankings: A, B, C and D"), figures in several clauses to the index of their own.
    """
    spread = {next((c for c in clauses if c[0] <= f.start < c[1]), None) for f in draft.figures}
    if len(codes) < 2 or (len(codes) > 2 and len(spread) < 2):  # "first on all four: A, B, C"
        return [(code, draft) for code in _codes_for(draft, mentions, codes, index_codes, offset)]
    parts: dict[str, Draft] = {}
    for fig in draft.figures:
        code = _nearest_index(fig, mentions, offset, clauses)
        parts.setdefault(code, Draft(draft.subject, [], draft.comparison)).figures.append(fig)
    return list(parts.items())


def _nearest_index(
    fig: Figure, mentions: list[tuple[int, int, str]], offset: int, clauses: list[tuple[int, int]]
) -> str:
    clause = next(((cs, ce) for cs, ce in clauses if cs <= fig.start < ce), (fig.start, fig.end))
    spans = [(offset + a, offset + b, code) for a, b, code in mentions]
    inside = [m for m in spans if clause[0] <= m[0] < clause[1]]
    if inside:
        return min(inside, key=lambda m: min(abs(m[0] - fig.end), abs(fig.start - m[1])))[2]
    before = [m for m in spans if m[1] <= fig.start]
    return before[-1][2] if before else spans[0][2]


def _codes_for(
    draft: Draft,
    mentions: list[tuple[int, int, str]],
    codes: list[str],
    index_codes: list[str],
    offset: int,
) -> list[str]:
    if len(codes) >= 3 and all(f.kind != "score" for f in draft.figures):
        return codes  # "first on all four rankings: PAR Index, SIPAS, PCI and PGI"
    if len(codes) <= 1:
        return index_codes
    first = min(f.start for f in draft.figures) if draft.figures else draft.subject.start
    before = [m for m in mentions if offset + m[0] <= first]
    return [before[-1][2] if before else mentions[0][2]]
