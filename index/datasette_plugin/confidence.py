"""Confident figures by default, every figure one click away.

The extractor gives each index fact a confidence (0-1). The plugin's ``min_confidence``
setting in ``metadata.json`` is the one threshold: pages, Datasette's table pages of the
tables below and the canned queries (through ``newsintel_min_confidence()``) show figures at
or above it, and ``all_figures=1`` (``_all_figures=1`` on table pages, where plain arguments
are column filters) shows the uncertain ones too. Without a setting every figure is shown.
"""

from __future__ import annotations

from typing import Any

from datasette.filters import FilterArguments

__all__ = [
    "CONFIDENCE_TABLES",
    "SHOW_ALL_ARG",
    "TABLE_SHOW_ALL_ARG",
    "confidence_filter",
    "is_uncertain",
    "shows_all",
]

# Tables and views whose rows are index figures, each with its ``confidence`` column.
CONFIDENCE_TABLES = frozenset(
    {
        "index_facts",
        "province_index_timeline",
        "province_index_timeline_live",
        "discrepancies",
        "discrepancies_live",
    }
)
SHOW_ALL_ARG = "all_figures"
TABLE_SHOW_ALL_ARG = "_all_figures"


def shows_all(request: Any, min_confidence: float | None, *, arg: str = SHOW_ALL_ARG) -> bool:
    """Return True when the request asks for every figure, or no threshold is configured."""
    return min_confidence is None or (request.args.get(arg) or "") not in ("", "0")


def is_uncertain(confidence: object, min_confidence: float | None) -> bool:
    """Return True when a stored ``confidence`` is below the threshold (or unknown)."""
    if min_confidence is None:
        return False
    return not isinstance(confidence, int | float) or confidence < min_confidence


def confidence_filter(
    request: Any, table: str, min_confidence: float | None
) -> FilterArguments | None:
    """Return the ``confidence >= threshold`` filter for a table page, or None.

    The filter applies to the tables of ``CONFIDENCE_TABLES`` unless ``_all_figures=1``; its
    description on the page says how to see every figure.
    """
    if table not in CONFIDENCE_TABLES or shows_all(request, min_confidence, arg=TABLE_SHOW_ALL_ARG):
        return None
    return FilterArguments(
        where_clauses=["confidence >= :newsintel_min_confidence"],
        params={"newsintel_min_confidence": min_confidence},
        human_descriptions=[
            f"confident figures only (confidence >= {min_confidence:g}; "
            f"add {TABLE_SHOW_ALL_ARG}=1 to show all figures, including uncertain ones)"
        ],
    )
