"""Index facts: figures (score, rank, rank change) reported for a named index and subject.

Per sentence: find the index (named there, or the one the article is talking about), the
subjects (gazetteer places, ministries and other units, national or local aggregates), the
ranks, scores and rank changes (lexicon patterns over digit-normalised text), then give each
figure to the subject of its clause. Ranked lists ("followed by X, Y and Z", "次いで",
"…순") continue the last rank. A figure without a clear index and subject is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extract.fact_binding import assign_figures, bracketed_comparisons, by_index, set_floors
from extract.fact_confidence import Signals, assess
from extract.fact_context import (
    FactContext,
    average_after_scores,
    average_sentence,
    carried_subject,
    resolve_deictic,
    resolve_group_average,
)
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
    year_in_clause,
    year_range,
    years_in,
)
from extract.fact_lists import continue_list, pair_respectively
from extract.fact_merge import fill_in, merge_facts, restated
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
    PlaceLike,
    Subject,
    antecedents,
    find_subjects,
    index_mentions,
    names_in,
    title_place,
)
from extract.fact_tables import outside_tables, read_tables
from extract.fact_units import article_province
from extract.facts_lexicon import FactsLexicon, load_lexicon
from extract.models import Evidence, FactCandidate, IndexFact
from extract.numbers import normalize_digits
from extract.sentences import clause_spans, sentence_spans

__all__ = [
    "PlaceLike",
    "Subject",
    "find_index_facts",
    "find_index_figures",
    "find_subjects",
    "index_mentions",
]


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
    ctx = FactContext(
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
    return tuple(merge_facts(facts)), (*ctx.candidates, *tables.candidates)


def _sentence_facts(
    text: str,
    norm: str,
    start: int,
    end: int,
    lexicon: FactsLexicon,
    places: Sequence[PlaceLike],
    ctx: FactContext,
) -> None:
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
    subjects = resolve_group_average(resolve_deictic(subjects, ctx), ctx)
    # "4.22% below the national average": an average inside a role's cue is compared with
    subjects = [s for s in subjects if not any(r.cue_start <= s.start < r.cue_end for r in roled)]
    if len(subjects) > 1:  # "X overtook Y to take second place": Y ranks nothing here
        subjects = [s for s in subjects if not overtaken(text, s.start, start, lexicon.language)]
    figures, used = rank_figures(
        norm, start, end, lexicon, held=[(r.cue_start, r.cue_end) for r in roled]
    )
    ranked = any(f.kind == "rank" for f in figures) and not _mentions_sub_index(
        text, start, end, lexicon
    )
    if not subjects and (codes or ranked):
        subjects = carried_subject(ctx, start)
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
        inherited=not codes and not average_sentence(subjects, end - start, ctx),
        ranked=any(f.kind == "rank" for f in figures),
    )
    figures = _without_components(text, (start, end), figures, mentions, subjects, lexicon, ctx)
    clauses = list(clause_spans(text, start, end))
    paired = pair_respectively(text, start, end, figures, subjects, lexicon)
    cues = [m.start() for m in spans(lexicon.list_cue, norm, start, end)]
    drafts = assign_figures(text, figures, clauses, subjects, paired, cues)
    continue_list(norm, start, end, subjects, drafts, lexicon, ctx.facts, ctx.last_rank)
    drafts = bracketed_comparisons(text, start, drafts)
    ctx.index_named = bool(codes)
    _emit(drafts, text, norm, (start, end), mentions, codes, index_codes, years, lexicon, ctx)


def _candidate(
    value: float,
    pos: int,
    role: str,
    subjects: list[Subject],
    code: str,
    where: tuple[str, int, int],
    ctx: FactContext,
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
    ctx: FactContext,
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
    ctx: FactContext,
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
    ctx: FactContext,
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
    ctx: FactContext,
) -> None:
    """Turn the sentence's drafts into facts, skipping those without a clear index or subject."""
    start, end = sentence
    clauses = list(clause_spans(text, start, end))
    set_floors(drafts, start)
    for draft in drafts:
        if draft.subject.canonical is None and not codes:
            continue  # "the province" needs the index named in the same sentence
        if _is_sub_index(text, start, end, draft, lexicon, mentions):
            continue
        if (
            not codes
            and draft.subject.canonical in AGGREGATES
            and not _about_index(text, start, end, draft, lexicon)
            and not average_after_scores(draft, end - start, ctx)
        ):
            continue  # "(national average 70.81%)" of some other rate, not of the index
        for code, part in by_index(draft, mentions, codes, index_codes, start, clauses):
            for fact in _facts_of(part, code, text, start, end, norm, years, lexicon, ctx):
                if not codes and restated(fact, ctx.facts):
                    fill_in(fact, ctx.facts)  # "X, up two places, is 4th": the change is new
                    continue
                ctx.facts.append(fact)
                if fact.score_unit:
                    ctx.units_here.add(fact.score_unit)
                if fact.rank is not None:
                    ctx.last_rank = fact.rank
                if fact.year is not None and not (ctx.main_year and fact.year < ctx.main_year):
                    ctx.year = fact.year  # a look back ("In 2018 it was 38th") is not carried on


def _about_index(text: str, start: int, end: int, draft: Draft, lexicon: FactsLexicon) -> bool:
    """An aggregate's figure counts when it is in points or the sentence speaks of a score."""
    if any(f.unit == "points" for f in draft.figures):
        return True
    lowered = text[start:end].lower()
    return any(word in lowered for word in lexicon.score_words)


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


def _facts_of(
    draft: Draft,
    code: str,
    text: str,
    start: int,
    end: int,
    norm: str,
    years: list[tuple[int, int]],
    lexicon: FactsLexicon,
    ctx: FactContext,
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
