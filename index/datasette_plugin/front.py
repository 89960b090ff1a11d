"""The front page's "Start here": what a researcher needs first, in order, with descriptions.

Datasette lists tables by row count or name, so crawl internals can come before the facts.
The plugin's ``front_page`` setting (metadata.json) names the tables and views to show first;
their descriptions come from the same metadata, followed by the canned queries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from index.datasette_plugin.views import plugin_config, plugin_database

if TYPE_CHECKING:
    from datasette.app import Datasette

__all__ = ["FRONT_TEMPLATES", "front_page"]

FRONT_TEMPLATES = ("index.html", "database.html")


def _description(meta: dict[str, Any]) -> Markup:
    """The metadata's plain description, else its HTML (ours: links relative to its own page).

    A table's ``description_html`` may link ``?_all_figures=1``, right on the table's page and
    wrong here, so the plain ``description`` comes first.
    """
    if meta.get("description"):
        return escape(meta["description"])
    return Markup(meta.get("description_html") or "")


async def front_page(datasette: Datasette, request: Any) -> dict[str, Any]:
    """Return the ``newsintel_front`` template variable: pages, tables and queries in order."""
    db = plugin_database(datasette)
    present = set(await db.table_names()) | set(await db.view_names())
    tables = datasette.metadata("tables", database=db.name) or {}
    entries = [
        {
            "name": name,
            "url": datasette.urls.table(db.name, name),
            "description": _description(tables.get(name) or {}),
        }
        for name in plugin_config(datasette).front_page
        if name in present
    ]
    actor = request.actor if request is not None else None
    canned = await datasette.get_canned_queries(db.name, actor)
    queries = [
        {
            "name": query.get("title") or name,
            "url": datasette.urls.query(db.name, name),
            "description": _description(query),
        }
        for name, query in canned.items()
    ]
    return {
        "search_url": datasette.urls.path("/-/search"),
        "provinces_url": datasette.urls.path("/-/newsintel/provinces"),
        "initiatives_url": datasette.urls.path("/-/newsintel/initiatives"),
        "feed_url": datasette.urls.path("/-/newsintel/feed.atom"),
        "tables": entries,
        "queries": queries,
    }
