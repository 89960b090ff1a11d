"""Rows of ``province_initiatives`` for the plugin's pages: one per programme and province.

The view groups an initiative's articles in every language under its catalogue id (or its
folded name outside the catalogue); here each row gets its names as written as a list, the
languages as a list and a link to its evidence. The initiatives page adds the catalogue
(``extract.initiative_catalogue``) around the rows that name one of its entries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from extract.initiative_catalogue import CatalogueEntry, initiative_catalogue

if TYPE_CHECKING:
    from datasette.app import Datasette

__all__ = ["MAX_ROWS", "CatalogueFilter", "catalogue_listing", "province_programmes"]

MAX_ROWS = 5000  # rows read for one page (63 provinces x the catalogue fits)
_WRITTEN_NAMES = 20  # names as written shown per row
_COLUMNS = (
    "province, catalogue_id, initiative, names_as_written, category, languages, language_count, "
    "articles, mentions, stories, first_reported, last_reported, evidence, evidence_url"
)


def _names(value: object) -> list[str]:
    """The names as written (a JSON list in the view; anything else gives none)."""
    try:
        names = json.loads(value) if isinstance(value, str) else []
    except ValueError:
        names = []
    if not isinstance(names, list):
        return []
    return [n for n in names if isinstance(n, str)][:_WRITTEN_NAMES]


def _row(datasette: Datasette, row: Any) -> dict[str, Any]:
    """A view row as the pages and their JSON show it."""
    data = dict(row)
    url = data["evidence_url"]
    return {
        **data,
        "names_as_written": _names(data["names_as_written"]),
        "languages": [x for x in str(data["languages"] or "").split(",") if x],
        "evidence_page": datasette.urls.path("/-/newsintel/article?" + urlencode({"url": url}))
        if isinstance(url, str)
        else None,
    }


async def province_programmes(
    datasette: Datasette, db: Any, provinces: list[str]
) -> list[dict[str, Any]]:
    """Return the initiatives of ``provinces``, one row per programme and province.

    Rows come by province, then category, the most reported first.
    """
    marks = ",".join("?" * len(provinces)) or "null"
    rows = await db.execute(
        f"select {_COLUMNS} from province_initiatives where province in ({marks}) "
        f"order by province, category, articles desc, initiative limit {MAX_ROWS}",
        provinces,
    )
    return [_row(datasette, r) for r in rows.rows]


@dataclass(frozen=True, slots=True)
class CatalogueFilter:
    """Which catalogue entries the initiatives page lists (None: all)."""

    category: str | None = None
    entry_id: str | None = None

    def keeps(self, entry: CatalogueEntry) -> bool:
        """Whether ``entry`` is listed."""
        return (self.category in (None, entry.category)) and (self.entry_id in (None, entry.id))


def _entry(entry: CatalogueEntry, reports: list[dict[str, Any]]) -> dict[str, Any]:
    dates = [
        d for r in reports for d in (r["first_reported"], r["last_reported"]) if isinstance(d, str)
    ]
    return {
        "id": entry.id,
        "name": entry.name,
        "category": entry.category,
        "description": entry.description,
        "alias_languages": sorted(lang for lang, names in entry.aliases if names),
        "provinces": len({r["province"] for r in reports}),
        "articles": sum(r["articles"] for r in reports if isinstance(r["articles"], int)),
        "first_reported": min(dates, default=None),
        "last_reported": max(dates, default=None),
        "reports": reports,
    }


async def catalogue_listing(
    datasette: Datasette, db: Any, chosen: CatalogueFilter
) -> list[dict[str, Any]]:
    """Return the catalogue's entries (file order), each with the provinces reporting it.

    An entry's ``reports`` are its rows of ``province_initiatives``, first reported first.
    """
    entries = [e for e in initiative_catalogue() if chosen.keeps(e)]
    ids = [e.id for e in entries]
    rows = await db.execute(
        f"select {_COLUMNS} from province_initiatives "
        "where catalogue_id in (select value from json_each(?)) "
        f"order by first_reported is null, first_reported, province limit {MAX_ROWS}",
        [json.dumps(ids)],
    )
    reports: dict[str, list[dict[str, Any]]] = {entry_id: [] for entry_id in ids}
    for row in rows.rows:
        reports[row["catalogue_id"]].append(_row(datasette, row))
    return [_entry(e, reports[e.id]) for e in entries]
