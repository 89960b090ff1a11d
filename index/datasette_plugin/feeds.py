"""``/-/newsintel/feed.atom``: new index figures and initiatives, per province or index.

A researcher following a province subscribes to the feed of the province page's selection
(``province`` repeated, ``index``). An index figure is one entry however many translations
report it (its id comes from province, index, year and value); an initiative is one entry per
province. Figures follow the plugin's confidence threshold like the pages (``all_figures=1``
adds the uncertain ones). The XML is written by ElementTree, which escapes every crawled
string.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

from datasette.utils.asgi import Response

from index.datasette_plugin.confidence import shows_all
from index.datasette_plugin.views import MAX_PROVINCES, plugin_config, plugin_database

if TYPE_CHECKING:
    from datasette.app import Datasette

__all__ = ["ATOM_NS", "feed_atom"]

ATOM_NS = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100
_EPOCH = "1970-01-01T00:00:00Z"
# Characters XML 1.0 cannot hold; crawled text may carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_FIGURES_SQL = """
select f.subject, f.index_name, f.year, f.score, f.score_unit, f.rank, f.rank_total,
       min(f.confidence) as confidence, min(f.evidence) as evidence,
       min(f.article_url) as article_url,
       coalesce(min(a.published), min(substr(a.fetched_at, 1, 10))) as reported
from index_facts f join articles a on a.url = f.article_url
where f.subject is not null and f.year is not null
  and (:province_count = 0 or f.subject in (select value from json_each(:provinces)))
  and (:index_name = '' or f.index_name = :index_name)
  and (:min_confidence is null or f.confidence >= :min_confidence)
group by f.subject, f.index_name, f.year, f.score, f.rank
order by reported desc, f.subject, f.index_name, f.year desc
limit :limit
"""

_INITIATIVES_SQL = """
select province, category, initiative, first_reported as reported, evidence
from province_initiatives
where :province_count = 0 or province in (select value from json_each(:provinces))
order by first_reported desc, province, initiative
limit :limit
"""


def _timestamp(day: object) -> str:
    """An Atom date-time for a stored ISO date, or the epoch when there is none."""
    text = str(day or "")[:10]
    return f"{text}T00:00:00Z" if len(text) == 10 else _EPOCH


def _entry_id(*parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"urn:newsintel:{digest[:32]}"


def _figure_title(row: dict[str, Any]) -> str:
    parts = [f"{row['subject']} · {row['index_name']} {row['year']}"]
    if isinstance(row["score"], int | float):
        parts.append(f"score {row['score']:g}{'%' if row['score_unit'] == '%' else ''}")
    if isinstance(row["rank"], int):
        total = f"/{row['rank_total']}" if row["rank_total"] else ""
        parts.append(f"rank {row['rank']}{total}")
    return ", ".join(parts)


def _child(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """Append an Atom element; text and attributes lose the characters XML cannot hold."""
    clean = {k: _NOT_XML.sub("", v) for k, v in attrs.items()}
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", clean)
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def _add_entry(feed: ET.Element, entry: dict[str, str]) -> None:
    element = _child(feed, "entry")
    for tag in ("id", "title", "updated"):
        _child(element, tag, entry[tag])
    _child(element, "link", href=entry["link"], rel="alternate")
    _child(element, "category", term=entry["category"])
    _child(element, "summary", entry["summary"])


def _absolute(datasette: Datasette, request: Any, path: str, query: str) -> str:
    """The absolute URL of a plugin path (base_url and host included) with a query string."""
    suffix = f"?{query}" if query else ""
    return str(datasette.absolute_url(request, datasette.urls.path(path + suffix)))


_FIGURE_KEY = ("subject", "index_name", "year", "score", "rank")  # one entry per figure


def _entry(entry_id: str, title: str, row: Any, link: str, category: object) -> dict[str, str]:
    """One feed entry: its evidence is the summary, its first report the update time."""
    return {
        "id": entry_id,
        "title": title,
        "updated": _timestamp(row["reported"]),
        "link": link,
        "category": str(category),
        "summary": str(row["evidence"] or ""),
    }


async def _figure_entries(datasette: Datasette, request: Any, params: dict[str, Any]) -> list:
    rows = (await plugin_database(datasette).execute(_FIGURES_SQL, params)).rows
    return [
        _entry(
            _entry_id("figure", *(r[k] for k in _FIGURE_KEY)),
            _figure_title(dict(r)),
            r,
            _absolute(
                datasette, request, "/-/newsintel/article", urlencode({"url": r["article_url"]})
            ),
            r["index_name"],
        )
        for r in rows
    ]


async def _initiative_entries(datasette: Datasette, request: Any, params: dict[str, Any]) -> list:
    if params["index_name"] and not params["province_count"]:
        return []  # an index-only feed: initiatives belong to provinces, not to indexes
    rows = (await plugin_database(datasette).execute(_INITIATIVES_SQL, params)).rows
    return [
        _entry(
            _entry_id("initiative", r["province"], r["category"], r["initiative"]),
            f"{r['province']} · initiative: {r['initiative']}",
            r,
            _absolute(
                datasette, request, "/-/newsintel/provinces", urlencode({"province": r["province"]})
            ),
            r["category"],
        )
        for r in rows
    ]


async def feed_atom(datasette: Datasette, request: Any) -> Response:
    """``/-/newsintel/feed.atom?province=&index=``: an Atom feed of new figures and initiatives."""
    config = plugin_config(datasette)
    provinces = [p[:100] for p in request.args.getlist("province") if p][:MAX_PROVINCES]
    index_name = (request.args.get("index") or "")[:40]
    show_all = shows_all(request, config.min_confidence)
    params = {
        "provinces": json.dumps(provinces, ensure_ascii=False),
        "province_count": len(provinces),
        "index_name": index_name,
        "min_confidence": None if show_all else config.min_confidence,
        "limit": MAX_ENTRIES,
    }
    entries = await _figure_entries(datasette, request, params)
    entries += await _initiative_entries(datasette, request, params)
    entries = sorted(entries, key=lambda e: e["updated"], reverse=True)[:MAX_ENTRIES]
    self_url = _absolute(datasette, request, "/-/newsintel/feed.atom", request.query_string)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    selection = ", ".join([*provinces, index_name] if index_name else provinces) or "all"
    _child(feed, "title", f"newsintel: new figures and initiatives ({selection})")
    _child(feed, "id", self_url)
    _child(feed, "updated", max((e["updated"] for e in entries), default=_EPOCH))
    _child(feed, "link", href=self_url, rel="self")
    _child(_child(feed, "author"), "name", "newsintel")
    for entry in entries:
        _add_entry(feed, entry)
    ET.register_namespace("", ATOM_NS)
    body = ET.tostring(feed, encoding="unicode", xml_declaration=True)
    return Response(body, content_type="application/atom+xml; charset=utf-8")
