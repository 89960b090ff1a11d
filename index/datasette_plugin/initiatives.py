"""``/-/newsintel/initiatives``: the catalogue of reform programmes and who reports them.

Each catalogue entry (id, English name, category, description) is listed with the provinces
whose articles report it, in which languages, when first and last, and a link to the
evidence: the entries reported for most provinces first, then the others in catalogue order.
``?category=`` and ``?id=`` narrow the list; ``initiatives.json`` gives the same data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from datasette.utils.asgi import Response

from extract.initiative_catalogue import initiative_catalogue
from index.datasette_plugin.programmes import CatalogueFilter, catalogue_listing
from index.datasette_plugin.views import FILTER_CHARS, plugin_database

if TYPE_CHECKING:
    from datasette.app import Datasette

__all__ = ["ROUTES", "initiatives_json", "initiatives_page"]


def _filter(request: Any) -> CatalogueFilter:
    def get(name: str) -> str | None:
        return (request.args.get(name) or "").strip()[:FILTER_CHARS] or None

    return CatalogueFilter(category=get("category"), entry_id=get("id"))


async def _listing(datasette: Datasette, request: Any) -> dict[str, Any]:
    chosen = _filter(request)
    entries = await catalogue_listing(datasette, plugin_database(datasette), chosen)
    reported = [e for e in entries if e["reports"]]
    reported.sort(key=lambda e: (-e["provinces"], -e["articles"]))  # stable: file order on ties
    return {
        "category": chosen.category,
        "id": chosen.entry_id,
        "entries": reported + [e for e in entries if not e["reports"]],
        "reported": len(reported),
    }


async def initiatives_page(datasette: Datasette, request: Any) -> Response:
    """``/-/newsintel/initiatives``: the catalogue with the provinces reporting each entry."""
    data = await _listing(datasette, request)
    context = {
        **data,
        "categories": sorted({e.category for e in initiative_catalogue()}),
        "json_url": datasette.urls.path("/-/newsintel/initiatives.json?" + request.query_string),
        "outside_url": datasette.urls.table(plugin_database(datasette).name, "province_initiatives")
        + "?catalogue_id__isnull=1",
    }
    return Response.html(
        await datasette.render_template("newsintel_initiatives.html", context, request=request)
    )


async def initiatives_json(datasette: Datasette, request: Any) -> Response:
    """``/-/newsintel/initiatives.json``: the same listing as JSON."""
    return Response.json(await _listing(datasette, request))


ROUTES = [
    (r"^/-/newsintel/initiatives$", initiatives_page),
    (r"^/-/newsintel/initiatives\.json$", initiatives_json),
]
