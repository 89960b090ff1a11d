"""newsintel's Datasette plugin: hooks only; the work is in ``views`` and ``index.search``."""

from __future__ import annotations

from typing import Any

from datasette import hookimpl

from index.datasette_plugin import feeds, initiatives, views
from index.datasette_plugin.columns import hide_columns_wrapper
from index.datasette_plugin.confidence import confidence_filter
from index.datasette_plugin.display import cut, label
from index.datasette_plugin.front import FRONT_TEMPLATES, front_page
from index.datasette_plugin.guard import guarded, not_found


@hookimpl
def prepare_connection(conn: Any, database: str, datasette: Any) -> None:
    """Register the ``newsintel_*`` SQL functions."""
    views.register_functions(conn, datasette, database)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    """Add the search, province comparison, initiatives and article pages and the Atom feed.

    Every view answers its own errors (no traceback in the log) with a CSP header; any
    other path under the plugin's prefixes is a quiet 404.
    """
    routes = [
        *views.ROUTES,
        *initiatives.ROUTES,
        (r"^/-/newsintel/feed\.atom$", feeds.feed_atom),
    ]
    unmatched = [(r"^/-/newsintel(/.*)?$", not_found), (r"^/-/search.+$", not_found)]
    return [(pattern, guarded(view)) for pattern, view in routes] + unmatched


@hookimpl
def prepare_jinja2_environment(env: Any, datasette: Any) -> None:
    """Add ``newsintel_label`` (a value cut, bidi-isolated, escaped) and ``newsintel_cut``."""
    env.filters["newsintel_label"] = label
    env.filters["newsintel_cut"] = cut


@hookimpl
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    """Show only confident index figures on their table pages unless ``_all_figures=1``."""
    return confidence_filter(request, table, views.plugin_config(datasette).min_confidence)


@hookimpl
def extra_template_vars(template: str, request: Any, datasette: Any) -> Any:
    """Give the front and database pages their "Start here" list."""
    if template not in FRONT_TEMPLATES:
        return None

    async def front() -> dict[str, Any]:
        return {"newsintel_front": await front_page(datasette, request)}

    return front


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    """Leave a table's ``hide_columns`` (article bodies) out of its HTML table page."""
    return hide_columns_wrapper(datasette)


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
        {"href": datasette.urls.path("/-/newsintel/initiatives"), "label": "Reform initiatives"},
    ]
