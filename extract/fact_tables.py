"""Index facts from tables: one overall score and one overall rank per row, by the header.

A table (``extract.table_layout``: pipe rows, as trafilatura renders HTML tables; tab or
multi-space rows; one cell per line) gives each row one fact per index edition. Which column
holds the overall score and which the rank comes from the header words of the lexicons
("Tổng điểm", "Total", "总分", "Xếp hạng", "순위"...); a header cell may also carry the index
and the year ("PCI 2019", "2018"), so one table can hold several editions. Every other numeric
column (components, sub-totals, score changes) gives candidates, not facts. Without a header
that names the rank, a column of 1, 2, 3... in row order is the rank only when no decimal
column contradicts that order; without one that names the score there is no score.

The index and year of columns without their own come from the text just before the table
(its caption), else from the last sentence before it that names an index.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from extract.fact_confidence import FACTORS
from extract.fact_figures import index_year_of, is_comparative, years_in
from extract.fact_subjects import GROUP_AVERAGE, PlaceLike, find_subjects, index_mentions
from extract.facts_lexicon import FactsLexicon, load_lexicon
from extract.models import Evidence, FactCandidate, IndexFact
from extract.numbers import normalize_digits
from extract.sentences import sentence_spans
from extract.table_columns import (
    MAX_RANK,
    Column,
    Number,
    cell_value,
    header_column,
    header_labels,
    one_of,
    settled,
    word_headers,
)
from extract.table_layout import Cell, Table, find_tables

__all__ = ["TableReading", "outside_tables", "read_tables"]

_CAPTION_CHARS = 400  # the caption is within this many characters before the table
_RESIDUE_LETTERS = 2  # a subject cell may hold this many letters besides the name
# A header names the columns: 47 of 47 table rows right on the tuning sets (dev-real-2 109)
# and every fixture table; a prior below 1 all the same. Ranks read from the row order
# (no rank header) have no labelled case yet: a prior under CONFIDENT, shown one click away.
_HEADER_CONFIDENCE = 0.95
_ORDINAL_CONFIDENCE = 0.75
_YEAR_CELL = re.compile(r"19[89]\d|20[0-4]\d|25[3-8]\d")


@dataclass(frozen=True, slots=True)
class TableReading:
    """What the tables of a text give: their spans, facts and the numbers not kept."""

    spans: tuple[tuple[int, int], ...]
    facts: tuple[IndexFact, ...]
    candidates: tuple[FactCandidate, ...]


@dataclass(frozen=True, slots=True)
class _Plan:
    """Which column gives each edition's score, rank and rank change."""

    index: str
    year: int | None
    score: int | None
    rank: int | None
    change: int | None
    rank_confidence: float
    percent: bool = False  # the score column's header says "%"


def read_tables(
    text: str,
    language: str | None,
    *,
    places: Sequence[PlaceLike] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
) -> TableReading:
    """Find the tables of ``text`` and read their rows as index facts.

    Args:
        text: The article text; evidence offsets index it (the row's span).
        language: ISO 639-1 code selecting the lexicon.
        places: Gazetteer matches over ``text``.
        sentences: Sentence spans (computed when not given), for captions.
    """
    lexicon = load_lexicon(language)
    norm = normalize_digits(text)
    spans_ = sentences if sentences is not None else sentence_spans(text)

    starts = sorted(p.start for p in places)

    def is_subject(start: int, end: int) -> bool:
        at = bisect_left(starts, start)
        if at == len(starts) or starts[at] >= end:
            return False  # no place in the cell: not worth a full look
        return _subject(text, Cell(start, end), lexicon, places) is not None

    tables = find_tables(text, is_subject)
    facts: list[IndexFact] = []
    candidates: list[FactCandidate] = []
    previous_end = 0
    for table in tables:
        found, seen = _read_table(text, norm, table, lexicon, places, spans_, previous_end)
        facts.extend(found)
        candidates.extend(seen)
        previous_end = table.end
    return TableReading(tuple((t.start, t.end) for t in tables), tuple(facts), tuple(candidates))


def outside_tables(
    sentences: Sequence[tuple[int, int]], tables: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Return the sentences that do not lie within a table (tables are read as tables)."""
    return [(s, e) for s, e in sentences if not any(a <= s and e <= b for a, b in tables)]


def _read_table(
    text: str,
    norm: str,
    table: Table,
    lexicon: FactsLexicon,
    places: Sequence[PlaceLike],
    sentences: Sequence[tuple[int, int]],
    previous_end: int,
) -> tuple[list[IndexFact], list[FactCandidate]]:
    width = max(len(r) for r in (*table.header, *table.rows))
    headers, caption = header_labels(text, table, width)
    values = [[cell_value(text, row, i, lexicon) for row in table.rows] for i in range(width)]
    if table.layout == "words":
        headers = word_headers(text, table.start, values, lexicon)
    year_col, row_years = _year_column(text, table, lexicon)
    subject_col, subjects = _subject_column(text, table, lexicon, places)
    if subject_col is None and year_col is not None:  # one subject's series, year by year
        name = _series_subject(table, places, sentences, previous_end)
        subjects = [(name, True)] * len(table.rows) if name else []
    if not subjects or _other_metric(text, table, headers, caption, sentences, lexicon):
        return [], []
    columns = [header_column(h, lexicon) for h in headers]
    columns = [settled(c, i in (subject_col, year_col), values[i]) for i, c in enumerate(columns)]
    index, year, near = _table_edition(norm, table, lexicon, sentences, previous_end, caption)
    ranked = [r for r, s in enumerate(subjects) if s and s[1]]
    plans = _plans(columns, values, index, year, ranked)
    facts: list[IndexFact] = []
    used: set[int] = set()
    for plan in plans:
        used.update(c for c in (plan.score, plan.rank, plan.change) if c is not None)
        rows = _row_facts(text, table, plan, subjects, values, row_years)
        if not (near or any(columns[c].index for c in (plan.score, plan.rank) if c is not None)):
            rows = [_index_from_context(f) for f in rows]  # named sentences before the table
        facts.extend(rows)
    candidates = _candidates(text, table, columns, values, subjects, used, index, year)
    return facts, candidates


def _other_metric(
    text: str,
    table: Table,
    headers: list[str],
    caption: str,
    sentences: Sequence[tuple[int, int]],
    lexicon: FactsLexicon,
) -> bool:
    """Whether the table or the line over it is about GDP, FDI... rather than an index."""
    before = [
        (s, e) for s, e in sentences if e <= table.start and any(ch.isalpha() for ch in text[s:e])
    ]
    line = text[slice(*before[-1])] if before and table.start - before[-1][1] <= 200 else ""
    words = " ".join((*headers, caption, line)).lower()
    return any(word in words for word in lexicon.other_metrics)


def _year_column(
    text: str, table: Table, lexicon: FactsLexicon
) -> tuple[int | None, list[int | None]]:
    """The column whose cells are all years ("Năm | Điểm | Xếp hạng"), and each row's year."""
    width = max(len(r) for r in table.rows)
    for i in range(width):
        cells = [text[r[i].start : r[i].end] if i < len(r) else "" for r in table.rows]
        found = [_YEAR_CELL.fullmatch(normalize_digits(c).strip()) for c in cells]
        if len(cells) >= 2 and all(found):
            years = [int(m.group()) for m in found if m]
            return i, [y - 543 if y > 2500 and lexicon.buddhist_years else y for y in years]
    return None, []


def _series_subject(
    table: Table,
    places: Sequence[PlaceLike],
    sentences: Sequence[tuple[int, int]],
    previous_end: int,
) -> str | None:
    """The one province the caption of a year-by-year table names, else the title's one."""
    near = [
        (s, e)
        for s, e in sentences
        if previous_end <= s and e <= table.start and table.start - s <= _CAPTION_CHARS
    ]
    for spans in (near, sentences[:1]):
        names = {
            p.canonical
            for p in places
            if p.kind == "province" and any(s <= p.start < e for s, e in spans)
        }
        if len(names) == 1:
            return names.pop()
    return None


def _subject(
    text: str, cell: Cell, lexicon: FactsLexicon, places: Sequence[PlaceLike]
) -> tuple[str, bool] | None:
    """The subject a cell names alone ("Quảng Ninh", "TP.HCM", "Cả nước"): (name, ranked)."""
    if cell.end - cell.start > 60:
        return None
    found = [
        s
        for s in find_subjects(text, cell.start, cell.end, lexicon, places)
        if s.canonical and s.end <= cell.end
    ]
    if len({s.canonical for s in found}) != 1 or found[0].canonical == GROUP_AVERAGE:
        return None  # "Average" alone: of which group?
    rest = text[cell.start : found[0].start] + " " + text[found[-1].end : cell.end]
    rest = re.sub(r"\([^)]*\)|（[^）]*）|[\W\d_]+", " ", rest.lower())
    for word in lexicon.table_generic:
        rest = rest.replace(word, " ")
    if sum(ch.isalpha() for ch in rest) > _RESIDUE_LETTERS:
        return None  # "Sở Tư pháp Hà Nội": a department of the province, not the province
    subject = found[0]
    return str(subject.canonical), not (subject.is_average or subject.is_region)


def _subject_column(
    text: str, table: Table, lexicon: FactsLexicon, places: Sequence[PlaceLike]
) -> tuple[int | None, list[tuple[str, bool] | None]]:
    """The column whose cells name the rows' subjects, and each row's subject."""
    best: tuple[int, int, list[tuple[str, bool] | None]] | None = None
    width = max(len(r) for r in table.rows)
    for i in range(width):
        found = [_subject(text, r[i], lexicon, places) if i < len(r) else None for r in table.rows]
        count = sum(1 for f in found if f)
        if count >= 1 and (best is None or count > best[1]):
            best = (i, count, found)
    if best is None or best[1] * 2 < len(table.rows) or (best[1] < 2 and len(table.rows) > 1):
        return None, []
    return best[0], best[2]


def _table_edition(
    norm: str,
    table: Table,
    lexicon: FactsLexicon,
    sentences: Sequence[tuple[int, int]],
    previous_end: int,
    caption: str,
) -> tuple[str | None, int | None, bool]:
    """The index and year of a table: its caption, else the last sentence naming an index.

    The flag tells whether the index was named over the table (its caption), not earlier.
    """
    index, year = _edition(normalize_digits(caption), 0, len(caption), lexicon)
    before = [  # not a "|---|---|" rule left over the table
        (s, e) for s, e in sentences if e <= table.start and any(ch.isalpha() for ch in norm[s:e])
    ]
    last = before[-1] if before else None
    if last and last[0] >= previous_end and table.start - last[1] <= _CAPTION_CHARS:
        found_index, found_year = _edition(norm, *last, lexicon)  # the line over the table
        index, year = index or found_index, year if year is not None else found_year
    near = index is not None
    for s, e in reversed(before):
        if index is not None:
            break
        index, found_year = _edition(norm, s, e, lexicon)
        if index is not None and year is None:
            year = found_year
    return index, year, near


def _index_from_context(fact: IndexFact) -> IndexFact:
    factor = FACTORS["index from context"]
    return replace(
        fact,
        confidence=round(fact.confidence * factor, 3),
        rule=f"{fact.rule}; index from context",
    )


def _edition(
    norm: str, start: int, end: int, lexicon: FactsLexicon
) -> tuple[str | None, int | None]:
    """The index a sentence names (one only) and its year: next to the name, else the only one."""
    mentions = index_mentions(norm[start:end], lexicon)
    codes = list(dict.fromkeys(code for _, _, code in mentions))
    years = years_in(norm, start, end, lexicon)
    years = [y for y in years if not is_comparative(norm, y[0], lexicon)]
    year = index_year_of(years, mentions, start)
    if year is None and len({y for _, y in years}) == 1:
        year = years[0][1]
    return (codes[0] if len(codes) == 1 else None), year


def _plans(
    columns: list[Column],
    values: list[list[Number | None]],
    index: str | None,
    year: int | None,
    ranked: list[int],
) -> list[_Plan]:
    """Choose, per edition (index, year), the score, rank and rank-change columns.

    ``ranked`` lists the rows whose subject can hold a rank (not an average or a region).
    """
    column_years = {c.year for c in columns if c.role in ("score", "rank") and c.year}
    if len(column_years) == 1:
        year = column_years.pop()  # "Province | PCI 2022 score | Rank": the rank is 2022's too
    editions: dict[tuple[str, int | None], dict[str, list[int]]] = {}
    for i, col in enumerate(columns):
        code = col.index or index
        if code is None or col.role not in ("score", "rank", "rank change"):
            continue
        key = (code, col.year if col.year is not None else year)
        editions.setdefault(key, {}).setdefault(col.role, []).append(i)
    plans: list[_Plan] = []
    for (code, when), roles in editions.items():
        if when is None and any(y is not None for _, y in editions):
            continue  # a rank beside "PCI 2022 | PCI 2023": of which year?
        score = one_of(columns, roles.get("score", []))
        rank = one_of(columns, roles.get("rank", []))
        if score is not None and not _scores(values[score]):
            score = None
        if rank is not None and not _ranks(values[rank]):
            rank = None
        change = one_of(columns, roles.get("rank change", []))
        confidence = _HEADER_CONFIDENCE
        if rank is None and len(editions) == 1:
            rank = _ordinal(columns, values, score, ranked)
            confidence = _ORDINAL_CONFIDENCE
        if score is not None or rank is not None:
            percent = score is not None and "%" in columns[score].header
            plans.append(_Plan(code, when, score, rank, change, confidence, percent))
    if not editions and index is not None:
        rank = _ordinal(columns, values, None, ranked)
        if rank is not None:
            plans.append(_Plan(index, year, None, rank, None, _ORDINAL_CONFIDENCE))
    return plans


def _scores(column: list[Number | None]) -> bool:
    present = [v for v in column if v is not None]
    return bool(present) and not any(v.signed or v.total for v in present)


def _ranks(column: list[Number | None]) -> bool:
    present = [v for v in column if v is not None]
    return bool(present) and all(
        not v.decimal and not v.signed and 1 <= v.value <= MAX_RANK for v in present
    )


def _ordinal(
    columns: list[Column],
    values: list[list[Number | None]],
    score: int | None,
    ranked: list[int],
) -> int | None:
    """A column of 1, 2, 3... in row order is the rank if no decimal column contradicts it."""
    for i, col in enumerate(columns):
        if col.role != "serial":
            continue
        column = [values[i][r] for r in ranked]
        if len(column) < 3 or any(
            v is None or v.decimal or v.signed or v.value != n for n, v in enumerate(column, 1)
        ):
            continue
        checks = (
            [score]
            if score is not None
            else [j for j, vs in enumerate(values) if j != i and any(v and v.decimal for v in vs)]
        )
        if not checks or any(_descending([values[j][r] for r in ranked]) for j in checks):
            return i
    return None


def _descending(column: list[Number | None]) -> bool:
    present = [v.value for v in column if v is not None]
    return len(present) >= 2 and all(a >= b for a, b in pairwise(present))


def _row_facts(
    text: str,
    table: Table,
    plan: _Plan,
    subjects: list[tuple[str, bool] | None],
    values: list[list[Number | None]],
    row_years: list[int | None],
) -> list[IndexFact]:
    facts: list[IndexFact] = []
    for r, row in enumerate(table.rows):
        subject = subjects[r]
        if subject is None:
            continue
        name, ranked = subject
        score = values[plan.score][r] if plan.score is not None else None
        rank = values[plan.rank][r] if plan.rank is not None and ranked else None
        change = values[plan.change][r] if plan.change is not None and rank else None
        if score is None and rank is None:
            continue
        facts.append(
            IndexFact(
                index_name=plan.index.split(":", 1)[0],
                index_label=plan.index.split(":", 1)[1] if ":" in plan.index else None,
                subject=name,
                year=row_years[r] if row_years else plan.year,
                score=score.value if score else None,
                score_unit="%" if score and (score.percent or plan.percent) else None,
                rank=int(rank.value) if rank else None,
                rank_total=rank.total if rank else None,
                rank_change=int(change.value) if change and not change.decimal else None,
                comparison_label=None,
                comparison_value=None,
                evidence=_row_evidence(text, row),
                confidence=plan.rank_confidence if rank else _HEADER_CONFIDENCE,
                rule="table; rank from row order"
                if rank and plan.rank_confidence < _HEADER_CONFIDENCE
                else "table",
            )
        )
    return facts


def _row_evidence(text: str, row: tuple[Cell, ...]) -> Evidence:
    filled = [c for c in row if c.end > c.start]
    start, end = filled[0].start, filled[-1].end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if "\n" not in text[start:end] and text[line_start:start].strip() in ("", "|"):
        start, end = line_start, line_end  # a whole pipe row: "| 1 | Da Nang | 0.6264 |"
    return Evidence(text[start:end], start, end)


def _candidates(
    text: str,
    table: Table,
    columns: list[Column],
    values: list[list[Number | None]],
    subjects: list[tuple[str, bool] | None],
    used: set[int],
    index: str | None,
    year: int | None,
) -> list[FactCandidate]:
    """The numbers of columns that gave no fact: components, changes, ambiguous columns."""
    out: list[FactCandidate] = []
    for i, col in enumerate(columns):
        if i in used or col.role == "text":
            continue
        code = col.index or index
        role = {"score change": "score change", "other": "sub-index"}.get(col.role, "table column")
        if not col.header.strip():
            role = "table column"
        for row, number, subject in zip(table.rows, values[i], subjects, strict=True):
            if number is None or subject is None or code is None:
                continue
            out.append(
                FactCandidate(
                    index_name=code.split(":", 1)[0],
                    subject=subject[0],
                    year=col.year or year,
                    value=number.value,
                    role=role,
                    evidence=_row_evidence(text, row),
                )
            )
    return out
