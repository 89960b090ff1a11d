"""Tables in plain text: the rows and cells that trafilatura and copied web pages leave.

Three layouts are read into one shape, a ``Table`` of cells with offsets into the text:

- pipe rows (``| Rank | Province | Score |`` with a ``|---|`` rule under the header), which is
  how trafilatura renders an HTML ``<table>`` (a ``<caption>`` becomes a first row of one cell);
- rows of short cells separated by tabs or by runs of two or more spaces;
- one cell per line with blank lines between the cells, as a web table copied as text leaves
  it. There the rows are found from the repeating pattern of subject, number and text cells:
  a row holds one subject and at least one number, and only numbers come before its subject;
- rows whose cells are single-space separated, as a page's text copy of a wide table leaves
  them: a name, three or more numbers (or "N/A") and perhaps a closing word or two
  ("Quang Ninh 7.16 7.00 ... 73.40 1 Very good"), three such lines in a row at least. Their
  header line cannot be split by spaces: such a table has ``layout == "words"`` and no header
  rows, and the caller reads the line over it (``extract.fact_tables``).

Nothing here knows a language; the caller says which cells name a subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise

from extract.numbers import normalize_digits

__all__ = ["Cell", "Table", "find_tables", "is_placeholder", "rank_of_total", "value_parts"]

_MAX_CELL = 80  # longer "cells" of a tab or space layout are prose
_MAX_LINE_CELL = 60  # a one-cell-per-line cell is a short line
_MAX_COLUMNS = 8  # one-cell-per-line layout: columns tried
_SPACED = re.compile(r"\t+| {2,}|[\u00a0 ]{3,}")
_RULE = re.compile(r"[\s:\-–—=+]*")
_VALUE = re.compile(
    r"(?P<sign>[+\-−–▲▼↑↓△▽]?)\s*\(?\s*(?P<sign2>[+\-−–]?)(?P<num>\d+(?:[.,]\d+)?)\s*"
    r"(?P<pct>[%٪％])?\s*\)?"
)
_YEAR = re.compile(r"(?:19[89]\d|20[0-4]\d|25[3-8]\d)")
_OF_TOTAL = re.compile(r"(\d{1,3})\s*/\s*(\d{1,3})")
_AFFIXED = re.compile(
    r"[^\d\s|]{0,2}(\d+(?:[.,]\d+)?) ?[^\d\s|]{1,5}|[^\d\s|]{1,2}(\d+(?:[.,]\d+)?)"
)
_PLACEHOLDERS = frozenset({"-", "–", "—", "−", "n/a", "na", "x", "*", "..."})
_WORD_NUMBER = r"(?:[+\-−]?\d+(?:[.,]\d+)?%?|N/A|n/a)"
_WORD_ROW = re.compile(  # "Quang Ninh 7.16 7.00 7.20 ... 73.40 1 Rất tốt"
    rf"(?P<lead>[^\d|\t]*?[^\W\d_][^\d|\t]*?)(?P<numbers>(?: +{_WORD_NUMBER}){{3,}})"
    r"(?P<tail> +[^\d|\t]*?[^\W\d_][^\d|\t]*?)?"
)
# three numbers in a row: every single-space row holds such a run (a cheap test before
# _WORD_ROW, whose lazy name groups backtrack over a whole line of prose)
_NUMBER_RUN = re.compile(rf"(?: +{_WORD_NUMBER}){{3}}")
_MIN_WORD_ROWS = 3  # a name and numbers on one or two lines may be prose; three are a table

SubjectTest = Callable[[int, int], bool]


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: ``text[start:end]`` is its content, stripped (empty when start == end)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Table:
    """A table found in the text: header rows (top first) and data rows of cells."""

    start: int
    end: int
    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    layout: str = "grid"  # "words": single-space rows, their header line not split


def rank_of_total(raw: str) -> tuple[int, int] | None:
    """Read a "25/63" cell as a rank and the number ranked, or None."""
    m = _OF_TOTAL.fullmatch(normalize_digits(raw).strip())
    if m is None or not 1 <= int(m[1]) <= int(m[2]):
        return None
    return int(m[1]), int(m[2])


def value_parts(raw: str) -> tuple[str, str, bool] | None:
    """Split a value cell ("73,40", "▼3", "+2", "(−1)", "91.5%") into sign, number, percent.

    Returns:
        ``(sign, number, is_percent)`` with the sign as written ("" when none), or None when
        the cell is not a single number.
    """
    m = _VALUE.fullmatch(normalize_digits(raw).strip())
    if m is None:
        return None
    return m["sign"] or m["sign2"], m["num"], m["pct"] is not None


def is_placeholder(raw: str) -> bool:
    """Tell whether a cell stands for a missing value ("-", "n/a")."""
    return raw.strip().lower() in _PLACEHOLDERS


def _is_value(raw: str) -> bool:
    """A number, alone or with a short unit or rank word ("1위", "第3名", "65,2 điểm")."""
    if value_parts(raw) is not None or rank_of_total(raw) is not None:
        return True
    m = _AFFIXED.fullmatch(normalize_digits(raw).strip())
    return m is not None and not _YEAR.fullmatch(m.group(1) or m.group(2))


def _is_data(raw: str) -> bool:
    """A value that is not a bare year (a header cell may be "2019")."""
    return _is_value(raw) and not _YEAR.fullmatch(raw.strip())


def find_tables(text: str, is_subject: SubjectTest) -> tuple[Table, ...]:
    """Return the tables of ``text`` in text order, in any of the three layouts.

    Args:
        text: The article text; cell offsets index it.
        is_subject: Whether ``text[start:end]`` names a subject (a province, a unit...);
            it finds the rows of the one-cell-per-line layout.
    """
    lines = list(_lines(text))
    tables = [*_line_tables(text, lines, _pipe_cells), *_line_tables(text, lines, _spaced_cells)]
    tables += [  # every line of a word table is a row ("HCMC N/A N/A ...": one without data)
        replace(t, layout="words", header=(), rows=(*t.header, *t.rows))
        for t in _line_tables(text, lines, _word_cells)
        if len(t.header) + len(t.rows) >= _MIN_WORD_ROWS
    ]
    taken: list[Table] = []
    for table in sorted(tables, key=lambda t: (t.start, -t.end)):
        if not any(t.start < table.end and table.start < t.end for t in taken):
            taken.append(table)
    for table in _cell_line_tables(text, lines, is_subject):
        if not any(t.start < table.end and table.start < t.end for t in taken):
            taken.append(table)
    return tuple(sorted(taken, key=lambda t: t.start))


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of every line, without its line break."""
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _stripped(text: str, start: int, end: int) -> Cell:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw) - len(raw.rstrip())
    return Cell(start + lead, max(start + lead, end - trail))


def _pipe_cells(text: str, start: int, end: int) -> list[Cell] | None:
    """Cells of a "|" row, or None when the line is not one (fewer than two cells)."""
    line = text[start:end]
    if "|" not in line:
        return None
    bounds = [start - 1, *(start + i for i, ch in enumerate(line) if ch == "|"), end]
    cells = [_stripped(text, a + 1, b) for a, b in pairwise(bounds)]  # edge cells kept
    return cells if sum(1 for c in cells if c.end > c.start) >= 2 else None


def _word_cells(text: str, start: int, end: int) -> list[Cell] | None:
    """Cells of a single-space row (a name, 3+ numbers, a closing word), or None."""
    cell = _stripped(text, start, end)
    if _NUMBER_RUN.search(text, cell.start, cell.end) is None:
        return None
    m = _WORD_ROW.fullmatch(text, cell.start, cell.end)
    if m is None or len(m["lead"].strip()) > _MAX_LINE_CELL:
        return None
    cells = [_stripped(text, *m.span("lead"))]
    cells += [
        Cell(n.start(), n.end())
        for n in re.finditer(r"\S+", text[: m.end("numbers")])
        if n.start() >= m.start("numbers")
    ]
    if m["tail"]:
        cells.append(_stripped(text, *m.span("tail")))
    return cells


def _without_borders(rows: list[list[Cell] | None]) -> list[list[Cell] | None]:
    """Drop the empty edge cells of "| a | b |" when every row has the outer pipes."""
    cells = [r for r in rows if r is not None]
    lead = all(r[0].start == r[0].end for r in cells)
    trail = all(r[-1].start == r[-1].end for r in cells)
    return [r[int(lead) : len(r) - int(trail)] if r is not None else None for r in rows]


def _spaced_cells(text: str, start: int, end: int) -> list[Cell] | None:
    """Cells of a row split by tabs or runs of spaces, or None when the line is not one."""
    cell = _stripped(text, start, end)
    if "|" in text[start:end]:
        return None
    cuts = [m.span() for m in _SPACED.finditer(text, cell.start, cell.end)]
    if not cuts:
        return None
    bounds = [cell.start, *(x for span in cuts for x in span), cell.end]
    cells = [_stripped(text, bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    if any(c.end - c.start > _MAX_CELL for c in cells):
        return None
    return cells


def _line_tables(
    text: str,
    lines: list[tuple[int, int]],
    splitter: Callable[[str, int, int], list[Cell] | None],
) -> Iterator[Table]:
    """Tables of consecutive lines that ``splitter`` reads as rows of at least two cells."""
    run: list[list[Cell] | None] = []  # None: a rule line ("|---|---|")
    for start, end in [*lines, (len(text), len(text))]:
        cells = splitter(text, start, end)
        if cells is not None:
            rule = all(_RULE.fullmatch(text[c.start : c.end]) for c in cells)
            run.append(None if rule and splitter is _pipe_cells else cells)
            continue
        table = _grid_table(text, _without_borders(run) if splitter is _pipe_cells else run)
        if table is not None:
            yield table
        run = []


def _grid_table(text: str, run: list[list[Cell] | None]) -> Table | None:
    """A table from rows of cells: header rows end at a rule or at the first row of values."""
    rules = [i for i, r in enumerate(run) if r is None]
    if rules:  # a rule under each header row: the last one ends the header
        cut = rules[-1]
        if any(_is_data(_at(text, c)) for r in run[:cut] if r for c in r):
            cut = rules[0]
        header, body = run[:cut], [r for r in run[cut + 1 :] if r is not None]
    else:
        header, body = [], run
    first = next(
        (i for i, r in enumerate(body) if r and any(_is_data(_at(text, c)) for c in r)), None
    )
    if first is None:
        return None
    header, body = header + body[:first], body[first:]  # header rows under the rule, too
    body_rows = [r for r in body if r is not None]
    head_rows = [r for r in header if r is not None]
    if not body_rows or len(body_rows) + len(head_rows) < 2:
        return None
    if not any(_is_value(_at(text, c)) for row in body_rows for c in row):
        return None
    cells = [c for row in (*head_rows, *body_rows) for c in row]
    end = text.find("\n", max(c.end for c in cells))
    return Table(  # whole lines: from the first row's line start to the last row's line end
        text.rfind("\n", 0, min(c.start for c in cells)) + 1,
        len(text) if end < 0 else end,
        tuple(tuple(r) for r in head_rows),
        tuple(tuple(r) for r in body_rows),
    )


def _at(text: str, cell: Cell) -> str:
    return text[cell.start : cell.end]


def _cell_paragraphs(text: str, lines: list[tuple[int, int]]) -> list[list[Cell]]:
    """Runs of lines short enough to be cells (blank lines between them or not)."""
    runs: list[list[Cell]] = [[]]
    for start, end in lines:
        cell = _stripped(text, start, end)
        if cell.start == cell.end:
            continue
        if cell.end - cell.start <= _MAX_LINE_CELL:
            runs[-1].append(cell)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if len(r) >= 4]


def _cell_line_tables(
    text: str, lines: list[tuple[int, int]], is_subject: SubjectTest
) -> Iterator[Table]:
    for cells in _cell_paragraphs(text, lines):
        kinds = "".join(_kind(text, c, is_subject) for c in cells)
        i = 0
        while i < len(cells):
            found = _first_rows(kinds, i)
            if found is None:
                break
            r0, width, count = found
            header = cells[r0 - width : r0] if r0 - width >= i else []
            if header and any(k != "t" for k in kinds[r0 - width : r0]):
                header = []
            rows = [tuple(cells[r0 + j * width : r0 + (j + 1) * width]) for j in range(count)]
            yield Table(
                (header or cells[r0 : r0 + 1])[0].start,
                rows[-1][-1].end,
                (tuple(header),) if header else (),
                tuple(rows),
            )
            i = r0 + count * width


def _kind(text: str, cell: Cell, is_subject: SubjectTest) -> str:
    raw = _at(text, cell)
    if _is_data(raw) or is_placeholder(raw):
        return "n"
    return "s" if is_subject(cell.start, cell.end) else "t"


def _first_rows(kinds: str, start: int) -> tuple[int, int, int] | None:
    """The first run of at least two rows of one pattern: (first cell, width, row count)."""
    for r0 in range(start, len(kinds)):
        for width in range(2, _MAX_COLUMNS + 1):
            pattern = kinds[r0 : r0 + width]
            if len(pattern) < width or pattern.count("s") != 1 or "n" not in pattern:
                continue
            if set(pattern[: pattern.index("s")]) - {"n"}:
                continue  # only numbers (a rank) come before a row's subject
            count = 1
            while kinds[r0 + count * width : r0 + (count + 1) * width] == pattern:
                count += 1
            if count >= 2:
                return r0, width, count
    return None
