"""Table pages leave long columns out by default (``hide_columns`` in metadata.json).

An HTML table page of ``articles`` with 100 whole article bodies is most of a megabyte of
HTML and most of the page's time on a large corpus. A table's ``plugins.newsintel``
block in metadata.json may name ``hide_columns``; a table page request that chooses no
columns itself (no ``_col`` or ``_nocol``) and does not ask for them (``_bodies=1``) is
answered as if it said ``_nocol=<column>`` for each. JSON and CSV answers are unchanged,
and the full text stays one click away on the row page and the plugin's article page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode

__all__ = ["default_columns", "hide_columns_wrapper"]

ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]
_CHOOSING = ("_col", "_nocol", "_bodies")


def default_columns(datasette: Any, path: str, query: str) -> str:
    """Return the query string of an HTML table page with its hidden columns left out."""
    parts = path.strip("/").split("/")
    if len(parts) != 2 or "." in parts[1]:  # only /<database>/<table>, HTML
        return query
    database, table = (unquote(p) for p in parts)
    config = datasette.plugin_config("newsintel", database=database, table=table, fallback=False)
    hidden = (config or {}).get("hide_columns") or []
    if not hidden or any(name in _CHOOSING for name, _ in parse_qsl(query)):
        return query
    extra = urlencode([("_nocol", column) for column in hidden])
    return f"{query}&{extra}" if query else extra


def hide_columns_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    """Return the ASGI wrapper that applies ``default_columns`` to GET requests."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def with_default_columns(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("method") == "GET":
                query = scope.get("query_string", b"").decode("latin-1")
                changed = default_columns(datasette, scope.get("path", ""), query)
                if changed != query:
                    scope = {**scope, "query_string": changed.encode("latin-1")}
            await app(scope, receive, send)

        return with_default_columns

    return wrap
