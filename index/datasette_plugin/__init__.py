"""newsintel's Datasette plugin: hooks only; the work is in ``views`` and ``index.search``."""

from __future__ import annotations

from typing import Any

from datasette import hookimpl

from index.datasette_plugin import views


@hookimpl
def prepare_connection(conn: Any, database: str, datasette: Any) -> None:
    """Register the ``newsintel_*`` SQL functions."""
    views.register_functions(conn, datasette, database)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    """Add the search, province comparison and article pages."""
    return views.ROUTES


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    """Style the plugin's pages."""
    return [datasette.urls.static_plugins("newsintel", "newsintel.css")]


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    """Link the plugin's pages from Datasette's menu."""
    return [
        {"href": datasette.urls.path("/-/search"), "label": "Search articles"},
        {"href": datasette.urls.path("/-/newsintel/provinces"), "label": "Compare provinces"},
    ]
