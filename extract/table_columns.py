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
from typing import Literal

from extract.fact_subjects import index_mentions
from extract.facts_lexicon import FactsLexicon
from extract.numbers import normalize_digits, parse_number
from extract.table_layout import Cell, Table, rank_of_total, value_parts

__all__ = [
    "Column",
    "Number",
    "Role",
    "cell_value",
    "header_column",
    "header_labels",
    "one_of",
    "settled",
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


def header_labels(text: str, table: Table, width: int) -> tuple[list[str], str]:
    """Each column's header text (upper header rows carried right over empty cells)."""
    labels = [""] * width
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
