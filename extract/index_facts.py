"""Index facts: figures (score, rank, rank change) reported for a named index and subject.

Per sentence: find the index (named there, or the one the article is talking about), the
subjects (gazetteer places, ministries and other units, national or local aggregates), the
ranks, scores and rank changes (lexicon patterns over digit-normalised text), then give each
figure to the subject of its clause. Ranked lists ("followed by X, Y and Z", "次いで",
"…순") continue the last rank. A figure without a clear index and subject is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from extract.fact_confidence import Signals, assess
from extract.fact_figures import (
    Draft,
    Figure,
    fact_year,
    index_year_of,
    is_comparative,
    parallel_years,
    rank_figures,
    relative_years,
    score_figures,
    shared_years,
    spans,
    streak_years,
    table_rank,
    table_rank_column,
    year_in_clause,
    year_range,
    years_in,
)
from extract.fact_lists import continue_list, pair_respectively, separated, share_coordinated
from extract.fact_roles import (
    SUB_INDEX,
    RoledNumber,
    component_figures,
    component_words,
    number_roles,
    overtaken,
    rank_scope,
)
from extract.fact_subjects import (
    AGGREGATES,
    GROUP_AVERAGE,
    IndexName,
    PlaceLike,
    Subject,
    antecedents,
    find_subjects,
    index_mentions,
    names_in,
    resolve_within,
    title_place,
)
from extract.fact_tables import outside_tables, read_tables
from extract.fact_units import article_province
from extract.facts_lexicon import FactsLexicon, load_lexicon
from extract.models import Evidence, FactCandidate, IndexFact
from extract.numbers import normalize_digits
from extract.sentences import bracket_start, clause_spans, sentence_spans

__all__ = [
    "PlaceLike",
    "Subject",
    "find_index_facts",
    "find_index_figures",
    "find_subjects",
    "index_mentions",
]

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


def _assign(
    text_of_sentence: str,
    figures: list[Figure],
    clauses: list[tuple[int, int]],
    subjects: list[Subject],
    paired: dict[int, Subject],
    cues: list[int],
) -> list[Draft]:
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


@dataclass(slots=True)
class _Context:
    index: str | None = None
    year: int | None = None
    last_rank: int | None = None
    previous_subjects: tuple[Subject, ...] = ()
    carry_left: int = 0
    rank_column: int | None = None  # in a "|" table, the column the header calls rank
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


def find_index_facts(
    text: str,
    language: str | None,
    *,
    places: Sequence[PlaceLike] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
) -> tuple[IndexFact, ...]:
    """Extract index facts from ``text``.

    Args:
        text: The article text; evidence offsets index it.
        language: ISO 639-1 code selecting the lexicon.
        places: Gazetteer matches (provinces, districts) over ``text``.
        sentences: Sentence spans (computed when not given).

    Returns:
        Facts in text order, merged where one subject's figures for one index and year were
        stated twice.
    """
    return find_index_figures(text, language, places=places, sentences=sentences)[0]


def find_index_figures(
    text: str,
    language: str | None,
    *,
    places: Sequence[PlaceLike] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
) -> tuple[tuple[IndexFact, ...], tuple[FactCandidate, ...]]:
    """Extract index facts and the candidates: numbers beside an index that are no fact.

    Arguments as ``find_index_facts``; each candidate carries the role its cue words gave
    it ("score change", "sub-index value", ...).
    """
    lexicon = load_lexicon(language)
    norm = normalize_digits(text)
    sentence_list = sentences if sentences is not None else sentence_spans(text)
    main_place = title_place(sentence_list, places)
    ctx = _Context(
        main_place=main_place,
        article_place=article_province(places, main_place),
        unit_names=frozenset(name for _, name in lexicon.units),
        index_names=names_in(text, lexicon),
    )
    tables = read_tables(text, language, places=places, sentences=sentence_list)
    for start, end in outside_tables(sentence_list, tables.spans):  # tables: by their header
        here = frozenset(ctx.units_here)
        ctx.units_before, ctx.units_last, ctx.units_here = here | ctx.units_last, here, set()
        _sentence_facts(text, norm, start, end, lexicon, places, ctx)
    facts = sorted([*ctx.facts, *tables.facts], key=lambda f: f.evidence.span_start)
    return tuple(_merge(facts)), (*ctx.candidates, *tables.candidates)


def _sentence_facts(
    text: str,
    norm: str,
    start: int,
    end: int,
    lexicon: FactsLexicon,
    places: Sequence[PlaceLike],
    ctx: _Context,
) -> None:
    ctx.rank_column = table_rank_column(norm, start, end, lexicon, ctx.rank_column)
    roled = number_roles(norm, start, end, lexicon.language)
    mentions = index_mentions(text[start:end], lexicon, ctx.index_names)
    years = years_in(norm, start, end, lexicon)
    codes = _update_context(norm, years, mentions, start, lexicon, ctx)
    index_codes = codes if codes else ([ctx.index] if ctx.index else [])
    international = any(code.startswith("OTHER") for code in index_codes)
    subjects = find_subjects(  # the article's province: the bracket of a department's name
        text, start, end, lexicon, places, countries=international, province=ctx.article_place
    )
    if not index_codes:
        if subjects:
            ctx.previous_subjects, ctx.carry_left = antecedents(text, subjects), 2
        return
    subjects = _resolve_group_average(_resolve_deictic(subjects, ctx), ctx)
    # "4.22% below the national average": an average inside a role's cue is compared with
    subjects = [s for s in subjects if not any(r.cue_start <= s.start < r.cue_end for r in roled)]
    if len(subjects) > 1:  # "X overtook Y to take second place": Y ranks nothing here
        subjects = [s for s in subjects if not overtaken(text, s.start, start, lexicon.language)]
    figures, used = rank_figures(
        norm, start, end, lexicon, held=[(r.cue_start, r.cue_end) for r in roled]
    )
    figures += table_rank(norm, start, end, ctx.rank_column, used)
    ranked = any(f.kind == "rank" for f in figures) and not _mentions_sub_index(
        text, start, end, lexicon
    )
    if not subjects and (codes or ranked):
        subjects = _carried_subject(ctx, start)
    elif subjects:
        ctx.previous_subjects, ctx.carry_left = antecedents(text, subjects), 2
    else:
        ctx.carry_left -= 1
    if not subjects:
        return
    _hold(roled, years, subjects, index_codes, (text, start, end), ctx)
    figures += score_figures(
        text,
        norm,
        start,
        end,
        lexicon,
        used,
        inherited=not codes and not _average_sentence(subjects, end - start, ctx),
        ranked=any(f.kind == "rank" for f in figures),
    )
    figures = _without_components(text, (start, end), figures, mentions, subjects, lexicon, ctx)
    clauses = list(clause_spans(text, start, end))
    paired = pair_respectively(text, start, end, figures, subjects, lexicon)
    cues = [m.start() for m in spans(lexicon.list_cue, norm, start, end)]
    drafts = _assign(text, figures, clauses, subjects, paired, cues)
    continue_list(norm, start, end, subjects, drafts, lexicon, ctx.facts, ctx.last_rank)
    drafts = _bracketed_comparisons(text, start, drafts)
    ctx.index_named = bool(codes)
    _emit(drafts, text, norm, (start, end), mentions, codes, index_codes, years, lexicon, ctx)


def _candidate(
    value: float,
    pos: int,
    role: str,
    subjects: list[Subject],
    code: str,
    where: tuple[str, int, int],
    ctx: _Context,
) -> FactCandidate:
    text, start, end = where
    before = [s for s in subjects if s.start <= pos] or subjects
    return FactCandidate(
        index_name=code.split(":", 1)[0],
        subject=before[-1].canonical if before else None,
        year=ctx.year,
        value=value,
        role=role,
        evidence=_evidence(text, start, end),
    )


def _hold(
    roled: list[RoledNumber],
    years: list[tuple[int, int]],
    subjects: list[Subject],
    index_codes: list[str],
    where: tuple[str, int, int],
    ctx: _Context,
) -> None:
    """Keep the sentence's numbers that have a non-fact role as candidates."""
    year_starts = {pos for pos, _ in years}
    for number in roled:
        if number.start not in year_starts:
            ctx.candidates.append(
                _candidate(
                    number.value, number.start, number.role, subjects, index_codes[0], where, ctx
                )
            )


def _without_components(
    text: str,
    sentence: tuple[int, int],
    figures: list[Figure],
    mentions: list[tuple[int, int, str]],
    subjects: list[Subject],
    lexicon: FactsLexicon,
    ctx: _Context,
) -> list[Figure]:
    """Drop the figures a component word governs; keep them as sub-index candidates."""
    start, end = sentence
    words = component_words(lexicon.language)
    held = component_figures(
        text, [f.start for f in figures], [start + e for _, e, _ in mentions], sentence, words
    )
    if not held:
        return figures
    code = mentions[0][2] if mentions else ctx.index or "OTHER"
    for fig in figures:
        if fig.start in held and fig.kind != "change":
            ctx.candidates.append(
                _candidate(fig.value, fig.start, SUB_INDEX, subjects, code, (text, start, end), ctx)
            )
    return [f for f in figures if f.start not in held or f.kind == "change"]


def _update_context(
    norm: str,
    years: list[tuple[int, int]],
    mentions: list[tuple[int, int, str]],
    start: int,
    lexicon: FactsLexicon,
    ctx: _Context,
) -> list[str]:
    """Note the sentence's index and year in the context; return the indices it names."""
    stated = [y for y in years if not is_comparative(norm, y[0], lexicon)]
    index_year = ctx.index_year = index_year_of(stated, mentions, start)
    if index_year is not None:  # the year written next to the index name: "the 2024 PAR Index"
        ctx.year = index_year
    elif stated and ctx.year is None:
        ctx.year = stated[0][1]
    if ctx.main_year is None:
        ctx.main_year = ctx.year
    codes = list(dict.fromkeys(code for _, _, code in mentions))
    if codes:
        ctx.index = codes[-1] if len(codes) == 1 else ctx.index or codes[0]
    return codes


def _emit(
    drafts: list[Draft],
    text: str,
    norm: str,
    sentence: tuple[int, int],
    mentions: list[tuple[int, int, str]],
    codes: list[str],
    index_codes: list[str],
    years: list[tuple[int, int]],
    lexicon: FactsLexicon,
    ctx: _Context,
) -> None:
    """Turn the sentence's drafts into facts, skipping those without a clear index or subject."""
    start, end = sentence
    clauses = list(clause_spans(text, start, end))
    _set_floors(drafts, start)
    for draft in drafts:
        if draft.subject.canonical is None and not codes:
            continue  # "the province" needs the index named in the same sentence
        if _is_sub_index(text, start, end, draft, lexicon, mentions):
            continue
        if (
            not codes
            and draft.subject.canonical in AGGREGATES
            and not _about_index(text, start, end, draft, lexicon)
            and not _average_after_scores(draft, end - start, ctx)
        ):
            continue  # "(national average 70.81%)" of some other rate, not of the index
        for code, part in _by_index(draft, mentions, codes, index_codes, start, clauses):
            for fact in _facts_of(part, code, text, start, end, norm, years, lexicon, ctx):
                if not codes and _restated(fact, ctx.facts):
                    _fill_in(fact, ctx.facts)  # "X, up two places, is 4th": the change is new
                    continue
                ctx.facts.append(fact)
                if fact.score_unit:
                    ctx.units_here.add(fact.score_unit)
                if fact.rank is not None:
                    ctx.last_rank = fact.rank
                if fact.year is not None and not (ctx.main_year and fact.year < ctx.main_year):
                    ctx.year = fact.year  # a look back ("In 2018 it was 38th") is not carried on


def _set_floors(drafts: list[Draft], start: int) -> None:
    """Note where each draft's own part of the sentence starts, after others' figures."""
    for draft in drafts:
        if not draft.figures:
            continue
        first = min(f.start for f in draft.figures)
        others = [f.end for d in drafts if d is not draft for f in d.figures if f.end <= first]
        draft.floor = max(others, default=start)


_AGGREGATE_LABELS = {"Vietnam": "national average", "localities": "average of localities"}


def _bracketed_comparisons(text: str, start: int, drafts: list[Draft]) -> list[Draft]:
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


def _about_index(text: str, start: int, end: int, draft: Draft, lexicon: FactsLexicon) -> bool:
    """An aggregate's figure counts when it is in points or the sentence speaks of a score."""
    if any(f.unit == "points" for f in draft.figures):
        return True
    lowered = text[start:end].lower()
    return any(word in lowered for word in lexicon.score_words)


_SHORT_SENTENCE = 80


def _average_sentence(subjects: list[Subject], length: int, ctx: _Context) -> bool:
    """Tell whether a short sentence gives an average right after sentences of scores."""
    return (
        bool(ctx.units_before) and length <= _SHORT_SENTENCE and any(s.is_average for s in subjects)
    )


def _average_after_scores(draft: Draft, length: int, ctx: _Context) -> bool:
    """A short "the national average was 81.62%" right after the index's scores is theirs."""
    return (
        length <= _SHORT_SENTENCE
        and len(draft.figures) == 1
        and draft.figures[0].kind == "score"
        and draft.figures[0].unit in ctx.units_before
    )


def _restated(fact: IndexFact, facts: list[IndexFact]) -> bool:
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


def _fill_in(fact: IndexFact, facts: list[IndexFact]) -> None:
    """Add a restated fact's rank change or total to the fact it restates."""
    for i, f in enumerate(facts):
        if _restated(fact, [f]) and (f.year is None or fact.year in (None, f.year)):
            extra = {
                name: getattr(fact, name)
                for name in ("rank_total", "rank_change")
                if getattr(f, name) is None and getattr(fact, name) is not None
            }
            if extra:
                facts[i] = replace(f, **extra)
            return


def _resolve_deictic(subjects: list[Subject], ctx: _Context) -> list[Subject]:
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


def _resolve_group_average(subjects: list[Subject], ctx: _Context) -> list[Subject]:
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


def _carried_subject(ctx: _Context, start: int) -> list[Subject]:
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


def _mentions_sub_index(text: str, start: int, end: int, lexicon: FactsLexicon) -> bool:
    """Tell whether the sentence speaks of components or of other metrics (GDP, FDI)."""
    lowered = text[start:end].lower()
    return any(word in lowered for word in (*lexicon.sub_index, *lexicon.other_metrics))


def _is_sub_index(
    text: str,
    start: int,
    end: int,
    draft: Draft,
    lexicon: FactsLexicon,
    mentions: list[tuple[int, int, str]],
) -> bool:
    """Tell whether a sentence that does not name the index is about something else."""
    return not mentions and _mentions_sub_index(text, start, end, lexicon)


def _by_index(
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


def _facts_of(
    draft: Draft,
    code: str,
    text: str,
    start: int,
    end: int,
    norm: str,
    years: list[tuple[int, int]],
    lexicon: FactsLexicon,
    ctx: _Context,
) -> list[IndexFact]:
    ranks = [f for f in draft.figures if f.kind == "rank"]
    scores = [f for f in draft.figures if f.kind == "score"]
    changes = [f for f in draft.figures if f.kind == "change"]
    if not ranks and not scores:
        return []
    if len(scores) == 1 and any(r.earlier for r in ranks) and not all(r.earlier for r in ranks):
        # "43.7 points, from 11th to 30th": the score is the current edition's, as is the 30th
        ranks = [r for r in ranks if not r.earlier] + [r for r in ranks if r.earlier]
    pairs: list[tuple[Figure | None, Figure | None]] = []
    for i in range(max(len(ranks), len(scores))):
        pairs.append((ranks[i] if i < len(ranks) else None, scores[i] if i < len(scores) else None))
    year_marks = [m for m in years if not is_comparative(norm, m[0], lexicon)]
    parallel = parallel_years([m for m in year_marks if m[0] >= draft.floor], ranks, scores)
    relative = relative_years(norm, start, end, lexicon, years, ctx.year)
    if ctx.main_year is not None:
        relative += [
            (m.start(), ctx.main_year) for m in spans(lexicon.current_year, norm, start, end)
        ]
    span_years = year_range(norm, start, end, lexicon)
    streak = streak_years(norm, start, end, lexicon)
    clauses = clause_spans(text, start, end)
    facts: list[IndexFact] = []
    first_now = next((i for i, (r, _) in enumerate(pairs) if not (r and r.earlier)), 0)
    moved = any(r and r.earlier for r, _ in pairs)  # "from 43rd last year": not the new rank's
    for i, (rank, score) in enumerate(pairs):
        figure = rank or score
        anchor = figure.start  # type: ignore[union-attr]
        year = (
            parallel[i]
            if parallel
            else fact_year(
                figure,  # type: ignore[arg-type]
                clauses,
                year_marks,
                ctx.year,
                index_year=ctx.index_year,
                relative=() if moved else relative,
            )
        )
        if rank and rank.earlier and len(pairs) > first_now != i and not parallel:
            later = pairs[first_now][0] or pairs[first_now][1]
            now = fact_year(later, clauses, year_marks, ctx.year, index_year=ctx.index_year)  # type: ignore[arg-type]
            year = now - 1 if now is not None else None
        ev = _evidence(text, start, end)
        confidence, rule = assess(
            Signals(
                subject=draft.subject.origin if draft.subject.canonical else "none",
                index_named=ctx.index_named,
            )
        )
        fact = IndexFact(
            index_name=code.split(":", 1)[0],
            index_label=code.split(":", 1)[1] if ":" in code else None,
            subject=draft.subject.canonical,
            year=year,
            score=score.value if score else None,
            score_unit=score.unit if score else None,
            rank=int(rank.value) if rank else None,
            rank_total=rank.total if rank else None,
            rank_scope=_scope_of(rank, norm, list(clauses), lexicon) if rank else None,
            rank_change=int(changes[0].value) if changes and i == first_now else None,
            comparison_label=draft.comparison[0] if draft.comparison and i == first_now else None,
            comparison_value=draft.comparison[1] if draft.comparison and i == first_now else None,
            evidence=ev,
            confidence=confidence,
            rule=rule,
        )
        together = shared_years(norm, rank, clauses, lexicon) if rank and not score else []
        if together:  # "1st in both 2022 and 2023": one rank, two years
            facts.extend(replace(fact, year=y) for y in together)
        elif (
            span_years
            and rank
            and not score
            and not year_in_clause(text, anchor, years, start, end)
        ):
            facts.extend(replace(fact, year=y) for y in span_years)
        else:
            facts.append(fact)
        if rank and streak:  # "first for the fifth year running since 2017"
            facts.extend(
                replace(fact, year=y, score=None, score_unit=None, rank_change=None)
                for y in streak
                if y != fact.year
            )
    return facts


def _scope_of(
    rank: Figure, norm: str, clauses: list[tuple[int, int]], lexicon: FactsLexicon
) -> str | None:
    """The region or group a rank is within, when the words after it name one."""
    clause_end = next((ce for cs, ce in clauses if cs <= rank.start < ce), rank.end)
    return rank_scope(norm, rank.end, clause_end, lexicon.language, lexicon.regions)


def _evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(text[start:end], start, end)


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


def _merge(facts: list[IndexFact]) -> list[IndexFact]:
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
