"""Table columns: what each column of a table holds, read from its header and its values.

A header's words (data in ``extract/lexicons/facts/*.toml``: ``[table]`` total, score,
change and row-number words, ``[rank] headers``) give a column its role; a header cell may also
name the index and the year ("PCI 2019", "2018"). An index name or a year alone is a score
only when the column's values are decimals; a change in whole numbers is a change of places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Literal

from extract.fact_subjects import index_mentions
from extract.facts_lexicon import FactsLexicon
from extract.numbers import normalize_digits, parse_number
from extract.table_layout import Cell, Table, rank_of_total, value_parts

__all__ = [
    "MAX_RANK",
    "Column",
    "Number",
    "Role",
    "cell_value",
    "header_column",
    "header_labels",
    "one_of",
    "settled",
    "word_headers",
]

Role = Literal[
    "score",
    "rank",
    "rank change",
    "score change",
    "change",
    "implied",
    "serial",
    "other",
    "unclear",
    "text",
]


_YEAR_RE = re.compile(r"(?<!\d)(19[89]\d|20[0-4]\d|25[3-8]\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class Column:
    """What one column holds, as its header tells."""

    role: Role
    index: str | None  # the index its header names
    year: int | None  # the year its header names
    strong: bool  # a total or explicit rank word, not a bare "score"
    pure: bool  # the header says nothing but the role (and index, year)
    header: str


def settled(column: Column, subject: bool, values: list[Number | None]) -> Column:
    """A column's role once its values are known: a change in whole numbers is in places."""
    if subject or not any(values):
        return replace(column, role="text")
    whole = all(not v.decimal for v in values if v is not None)
    if column.role == "change":
        return replace(column, role="rank change" if whole else "score change")
    if column.role == "implied":  # whole numbers under "2019" may be ranks: neither
        return replace(column, role="unclear" if whole else "score")
    return column


def _packed(cells: list[str]) -> int:
    """How many filled cells a header row has when they are all at its left, else 0."""
    filled = sum(1 for c in cells if c)
    return filled if all(cells[:filled]) else 0


def _lost_spans(rows: list[list[str]], width: int) -> list[str] | None:
    """Labels of a two-row header whose spanning cell lost its colspan, else None.

    "Rank | Province | Score | Impact (3 columns) | Total" over "Satisfaction | Leadership |
    Effect": rendered as text both rows are packed to the left, and the upper row's k
    labels and the lower row's m sub-labels fill k + m - 1 columns. Which upper cell spans
    is unknown, so only the outer labels keep a column: the first the first, the last the
    last; the others (and the sub-labels) name no column.
    """
    if len(rows) < 2:
        return None
    upper, lower = rows[-2], rows[-1]
    k, m = _packed(upper), _packed(lower)
    if k < 2 or m < 2 or k >= width or k + m - 1 != width:
        return None
    labels = [""] * width
    labels[0], labels[-1] = upper[0], upper[k - 1]
    return labels


def header_labels(text: str, table: Table, width: int) -> tuple[list[str], str]:
    """Each column's header text (upper header rows carried right over empty cells)."""
    labels = [""] * width
    rows = [[text[c.start : c.end] for c in row] for row in table.header]
    lost = _lost_spans([r + [""] * (width - len(r)) for r in rows], width)
    if lost is not None:
        return lost, ""
    caption: list[str] = []
    for row in table.header:
        cells = [text[c.start : c.end] for c in row]
        if sum(1 for c in cells if c) == 1 and width > 1 and cells[0]:
            caption.append(cells[0])  # a <caption> rendered as a row of one cell
            continue
        carried = ""
        for i in range(width):
            cell = cells[i] if i < len(cells) else ""
            carried = cell or (carried if row is not table.header[-1] else "")
            labels[i] = f"{labels[i]} {carried}".strip()
    return labels, " ".join(caption)


def cell_value(text: str, row: tuple[Cell, ...], i: int, lexicon: FactsLexicon) -> Number | None:
    """The number in cell ``i`` of a row ("73,40", "▼3", "91.5%"), or None."""
    if i >= len(row):
        return None
    raw = _bare(text[row[i].start : row[i].end], lexicon.table_affixes)
    of_total = rank_of_total(raw)
    if of_total is not None:  # "25/63": a rank and the number ranked
        return Number(float(of_total[0]), False, False, False, of_total[1])
    parts = value_parts(raw)
    if parts is None:
        return None
    sign, number, percent = parts
    value = parse_number(number, lexicon.locale)
    if value is None:
        return None
    negative = sign in ("-", "−", "–", "▼", "↓", "▽")
    decimal = value != int(value) or bool(re.search(r"[.,](?:\d{1,2}|\d{4,})$", number))
    return Number(-value if negative else value, bool(sign), decimal, percent)


def _bare(raw: str, affixes: Sequence[str]) -> str:
    """A cell without a unit or rank word around its number ("1위", "第3名", "65,2 điểm")."""
    cell = raw.strip()
    words = sorted(affixes, key=len, reverse=True)
    suffix = next((w for w in words if cell.lower().endswith(w)), "")
    if suffix and cell[: len(cell) - len(suffix)].rstrip()[-1:].isdigit():
        cell = cell[: len(cell) - len(suffix)].rstrip()
    prefix = next((w for w in words if cell.lower().startswith(w)), "")
    if prefix and cell[len(prefix) :].lstrip()[:1].isdigit():
        cell = cell[len(prefix) :].lstrip()
    return cell


@dataclass(frozen=True, slots=True)
class Number:
    """A table cell's number: its value (signed), and how it was written."""

    value: float
    signed: bool
    decimal: bool
    percent: bool
    total: int | None = None  # "25/63": the number ranked


def _has(header: str, words: Sequence[str]) -> bool:
    """Whether a header holds one of ``words`` (Latin words as whole words)."""
    for word in words:
        if word[:1].isascii() and word[:1].isalpha():
            if re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", header):
                return True
        elif word in header:
            return True
    return False


def header_column(header: str, lexicon: FactsLexicon) -> Column:
    """What a column holds, from its header words."""
    low = normalize_digits(header).lower().strip()
    mentions = index_mentions(header, lexicon)
    codes = list(dict.fromkeys(code for _, _, code in mentions))
    years = {_gregorian(int(y), lexicon) for y in _YEAR_RE.findall(low)} - {None}
    year = years.pop() if len(years) == 1 else None
    rest = low
    for s, e, _ in sorted(mentions, reverse=True):
        rest = rest[:s] + " " + rest[e:]
    rest = _YEAR_RE.sub(" ", rest)
    role, strong, words = _role(rest, lexicon)
    for word in sorted(words, key=len, reverse=True):
        rest = rest.replace(word, " ")
    pure = not any(ch.isalpha() for ch in re.sub(r"\([^)]*\)", " ", rest))
    if role == "other" and pure and (codes or year is not None):
        role = "implied"  # "PCI", "PCI 2019", "2018": a score when its values are decimals
    if role == "other" and not low:
        role = "serial"
    if role in ("score", "rank", "implied", "serial") and _has(rest, lexicon.table_previous):
        role = "unclear"  # "Previous rank", "前年順位": not this edition's
    return Column(role, codes[0] if len(codes) == 1 else None, year, strong, pure, header)


def _role(rest: str, lexicon: FactsLexicon) -> tuple[Role, bool, tuple[str, ...]]:
    """A header's role from its words, the most specific first."""
    bare = re.sub(r"[\W_]+", " ", rest).strip()
    if _has(rest, lexicon.table_change):
        if _has(rest, lexicon.table_score):
            return "score change", True, lexicon.table_change
        ranked = _has(rest, lexicon.rank_headers)
        return ("rank change" if ranked else "change"), True, lexicon.table_change
    if bare in lexicon.table_serial or rest.strip() in lexicon.table_serial:
        return "serial", False, lexicon.table_serial
    if _has(rest, lexicon.sub_index):
        return "other", False, ()  # "Component index", "Chỉ số thành phần"
    if _has(rest, lexicon.rank_headers):
        return "rank", True, lexicon.rank_headers
    if _has(rest, lexicon.table_total):
        return "score", True, (*lexicon.table_total, *lexicon.table_score)
    if _has(rest, lexicon.table_score):
        return "score", False, lexicon.table_score
    return "other", False, ()


MAX_RANK = 200  # a rank cell above this is no rank


def _rising(column: list[Number | None]) -> bool:
    """Whole numbers from 1-3 upwards in row order, ties and gaps allowed: a rank column."""
    present = [v for v in column if v is not None]
    if len(present) < 3 or any(v.decimal or v.signed or v.percent for v in present):
        return False
    ranks = [v.value for v in present]
    return ranks[0] <= 3 and ranks[-1] <= MAX_RANK and all(a <= b for a, b in pairwise(ranks))


def _label_spans(line: str, words: Sequence[str]) -> list[tuple[int, int]]:
    low = line.lower()
    spans = []
    for word in words:
        if word[:1].isascii() and word[:1].isalpha():
            pattern = rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])"
        else:
            pattern = re.escape(word)
        spans += [m.span() for m in re.finditer(pattern, low)]
    return [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]


def word_headers(
    text: str, table_start: int, values: list[list[Number | None]], lexicon: FactsLexicon
) -> list[str]:
    """Column labels of a single-space table from the header line over it.

    Such a header ("Province Entry Costs ... PCI Score PCI Ranking PCI Tier") cannot be cut
    into cells. Its one rank word names the one column of whole numbers rising from 1 in row
    order; a score or total word right before the rank word (only index names between)
    names the column before it, one right after it the column after. Every other column
    stays unlabelled (a candidate, never a score): no guess.
    """
    labels = [""] * len(values)
    before = text[:table_start].rstrip()
    line = before[before.rfind("\n") + 1 :]
    ranks = _label_spans(line, lexicon.rank_headers)
    ordinal = [i for i in range(1, len(values)) if _rising(values[i])]
    if len(ranks) != 1 or len(ordinal) != 1:
        return labels
    (rank_start, rank_end), column = ranks[0], ordinal[0]
    labels[column] = line[rank_start:rank_end]
    bare = line
    for s, e, _ in index_mentions(line, lexicon):
        bare = bare[:s] + " " * (e - s) + bare[e:]
    for start, end in _label_spans(line, (*lexicon.table_total, *lexicon.table_score)):
        if end <= rank_start and not bare[end:rank_start].strip():
            neighbour = column - 1
        elif rank_end <= start and not bare[rank_end:start].strip():
            neighbour = column + 1
        else:
            continue
        if 0 < neighbour < len(values) and any(v and v.decimal for v in values[neighbour]):
            labels[neighbour] = line[start:end]
    return labels


def one_of(columns: list[Column], candidates: list[int]) -> int | None:
    """The one column of a role: a strong header wins, then a pure one; two are ambiguous."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    strong = [i for i in candidates if columns[i].strong] or candidates
    if len(strong) == 1:
        return strong[0]
    pure = [i for i in strong if columns[i].pure]
    return pure[0] if len(pure) == 1 else None


def _gregorian(year: int, lexicon: FactsLexicon) -> int | None:
    if year < 2500:
        return year
    return year - 543 if lexicon.buddhist_years else None
