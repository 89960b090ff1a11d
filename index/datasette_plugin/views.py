"""Pages, JSON endpoints and SQL functions of the newsintel Datasette plugin.

Everything here only reads. Crawled text is untrusted: templates autoescape, and
highlighted text is escaped piece by piece before being wrapped in ``Markup``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlparse

import numpy as np
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from index.datasette_plugin.chart import PointNote, line_chart
from index.datasette_plugin.confidence import SHOW_ALL_ARG, is_uncertain, shows_all
from index.datasette_plugin.programmes import province_programmes
from index.datasette_plugin.served_model import vector_setup
from index.datasette_plugin.vega import rank_text, score_text, vega_spec
from index.embeddings import decode_vector
from index.query import analyse_query
from index.search import MAX_K, QueryTimeout, SearchFilters, search
from index.text import fold
from index.understanding import summary

if TYPE_CHECKING:
    from datasette.app import Datasette

__all__ = ["ROUTES", "register_functions"]

INDEX_CODES = ("PAR_INDEX", "PAPI", "PCI", "SIPAS", "DDCI", "DTI", "ICT_INDEX", "PGI", "OTHER")
MAX_PROVINCES = 8
FILTER_CHARS = 100  # longest filter value (language, province, source, index, dates)


@dataclass(frozen=True, slots=True)
class PluginConfig:
    """The ``plugins.newsintel`` block of metadata.json, with defaults."""

    database: str | None = None
    max_k: int = 50
    default_k: int = 10
    max_query_chars: int = 500
    time_limit_ms: int = 1000
    model: str | None = None  # the only embedding model served (default: DEFAULT_MODEL)
    min_confidence: float | None = None  # index figures below it are uncertain (see confidence)
    front_page: tuple[str, ...] = ()  # tables and views listed first, in this order


def plugin_config(datasette: Datasette) -> PluginConfig:
    """Read the plugin configuration, ignoring unknown keys."""
    raw = datasette.plugin_config("newsintel") or {}
    known = {k: v for k, v in raw.items() if k in PluginConfig.__dataclass_fields__}
    config = PluginConfig(**{**known, "front_page": tuple(known.get("front_page") or ())})
    return PluginConfig(**{**asdict(config), "max_k": min(config.max_k, MAX_K)})


def plugin_database(datasette: Datasette) -> Any:
    """Return the newsintel database Datasette serves (the configured one or the first file)."""
    return _database(datasette, plugin_config(datasette))


def _database(datasette: Datasette, config: PluginConfig) -> Any:
    if config.database:
        return datasette.get_database(config.database)
    for name, db in datasette.databases.items():
        if name != "_internal" and not db.is_memory:
            return db
    raise NotFound("no newsintel database is attached")


# --- SQL functions ------------------------------------------------------------------------


MAX_VECTOR_BYTES = 4 * 4096  # float32 vectors of up to 4,096 dimensions


def _similarity(a: object, b: object) -> float | None:
    """Cosine similarity of two stored vectors; None for anything else (text, huge blobs)."""
    if not isinstance(a, bytes) or not isinstance(b, bytes) or len(a) != len(b):
        return None
    if not a or len(a) > MAX_VECTOR_BYTES or len(a) % 4:
        return None
    va, vb = decode_vector(a), decode_vector(b)
    denom = float(np.linalg.norm(va) * np.linalg.norm(vb))
    return float(va @ vb) / denom if denom else None


def register_functions(conn: Any, datasette: Datasette, database: str) -> None:
    """Register ``newsintel_*`` SQL functions on a Datasette connection."""
    config = plugin_config(datasette)
    db = datasette.databases.get(database)
    db_path = getattr(db, "path", None)

    def run(query: str, k: int, mode: str) -> str:
        setup = vector_setup(conn, db_path, config.model)
        results = search(
            conn,
            str(query or "")[: config.max_query_chars],
            mode="fts" if setup.embedder is None else mode,  # type: ignore[arg-type]
            k=max(1, min(_as_int(k, config.default_k), config.max_k)),
            embedder=setup.embedder,
            vectors=setup.vectors,
        )
        return json.dumps(
            [
                {"url": r.url, "chunk_id": r.chunk_id, "score": r.score, "similarity": r.similarity}
                for r in results
            ],
            ensure_ascii=False,
        )

    conn.create_function(
        "newsintel_min_confidence", 0, lambda: config.min_confidence or 0.0, deterministic=True
    )
    conn.create_function("newsintel_fold", 1, lambda text: fold(text) if text else text)
    conn.create_function("newsintel_similarity", 2, _similarity)
    conn.create_function("newsintel_search", 1, lambda q: run(q, config.default_k, "hybrid"))
    conn.create_function("newsintel_search", 2, lambda q, k: run(q, k, "hybrid"))
    conn.create_function(
        "newsintel_semantic_search", 1, lambda q: run(q, config.default_k, "vector")
    )
    conn.create_function("newsintel_semantic_search", 2, lambda q, k: run(q, k, "vector"))


# --- helpers ------------------------------------------------------------------------------


def highlight(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> Markup:
    """Escape ``text`` and wrap ``spans`` in ``<mark>``; overlapping spans are merged."""
    out: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        start = max(start, cursor)
        if end <= start:
            continue
        out += [str(escape(text[cursor:start])), "<mark>", str(escape(text[start:end])), "</mark>"]
        cursor = end
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out))


def safe_link(url: str | None) -> str | None:
    """Return ``url`` if it is http(s), else None (no javascript: links from crawled data)."""
    return url if url and urlparse(url).scheme in ("http", "https") else None


def _filters(request: Any) -> SearchFilters:
    args = request.args

    def get(name: str) -> str | None:
        value = (args.get(name) or "").strip()
        return value[:FILTER_CHARS] or None

    return SearchFilters(
        language=get("lang"),
        province=get("province"),
        source=get("source"),
        index_name=get("index"),
        date_from=get("from"),
        date_to=get("to"),
    )


def _as_int(value: object, default: int) -> int:
    """``value`` as an int (a SQL argument may be text, a blob or a float); else ``default``."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return default
    try:
        return int(value)
    except (ValueError, OverflowError):
        return default


def _int_arg(request: Any, name: str, default: int, upper: int) -> int:
    try:
        return max(1, min(int(request.args.get(name) or default), upper))
    except ValueError:
        return default


async def _choices(db: Any) -> dict[str, list[str]]:
    async def column(sql: str) -> list[str]:
        # A value longer than a filter takes could not be chosen anyway (and a 1 MB source
        # name would be sent in every dropdown): left out.
        rows = (await db.execute(sql)).rows
        return [r[0] for r in rows if isinstance(r[0], str) and 0 < len(r[0]) <= FILTER_CHARS]

    return {
        "languages": await column("select distinct language from articles order by 1"),
        "sources": await column("select distinct source from articles order by 1 limit 500"),
        "provinces": await column("select name from provinces order by 1"),
        "indexes": list(INDEX_CODES),
    }


async def _run_search(datasette: Datasette, request: Any) -> tuple[dict[str, Any], Any]:
    config = plugin_config(datasette)
    db = _database(datasette, config)
    query = (request.args.get("q") or "").strip()[: config.max_query_chars]
    mode = request.args.get("mode") or "hybrid"
    if mode not in ("fts", "vector", "hybrid"):
        mode = "hybrid"
    k = _int_arg(request, "k", config.default_k, config.max_k)
    filters = _filters(request)

    def work(conn: Any) -> tuple[list[Any], str | None]:
        if not query:
            return [], None
        setup = vector_setup(conn, db.path, config.model)
        searched = "fts" if setup.embedder is None else mode  # lexical results, with a notice
        results = search(
            conn,
            query,
            mode=searched,  # type: ignore[arg-type]  # checked against MODES above
            k=k,
            filters=filters,
            embedder=setup.embedder,
            vectors=setup.vectors,
            time_limit_ms=config.time_limit_ms,
        )
        return results, setup.notice if mode != "fts" else None

    error = notice = None
    try:
        results, notice = await db.execute_fn(work)
    except QueryTimeout as exc:
        results, error = [], str(exc)
    state = {"q": query, "mode": mode, "k": k, "filters": asdict(filters), "error": error}
    understood = analyse_query(query).understood() if query else None
    return {**state, "notice": notice, "understood": understood}, results


# --- pages --------------------------------------------------------------------------------


async def search_page(datasette: Datasette, request: Any) -> Response:
    """``/-/search``: query box, filters and result cards."""
    state, results = await _run_search(datasette, request)
    db = _database(datasette, plugin_config(datasette))
    cards = [
        {
            **r.to_json(),
            "passage_html": highlight(r.passage, r.highlights),
            "link": safe_link(r.original_url) or safe_link(r.url),
            "page": datasette.urls.path("/-/newsintel/article?" + urlencode({"url": r.url})),
        }
        for r in results
    ]
    context = {
        **state,
        "understood_text": summary(state["understood"]) if state["understood"] else "",
        "results": cards,
        "choices": await _choices(db),
        "json_url": datasette.urls.path("/-/search.json?" + request.query_string),
    }
    return Response.html(
        await datasette.render_template("newsintel_search.html", context, request=request)
    )


async def search_json(datasette: Datasette, request: Any) -> Response:
    """``/-/search.json``: the same results as JSON."""
    state, results = await _run_search(datasette, request)
    return Response.json({**state, "results": [r.to_json() for r in results]})


async def _default_provinces(
    db: Any, index_name: str, metric: str, min_confidence: float | None
) -> list[str]:
    """The five provinces most reported on ``index_name`` (with a figure >= ``min_confidence``)."""
    rows = await db.execute(
        "select province from province_index_timeline where index_name = ? "
        f"and {metric} is not null and (? is null or confidence >= ?) group by province "
        "order by sum(articles) desc, province limit 5",
        [index_name, min_confidence, min_confidence],
    )
    return [r[0] for r in rows.rows]


def _toggled_query(request: Any, show_all: bool) -> str:
    """The request's query string with ``all_figures`` switched to the other choice."""
    args = request.args
    pairs = [(k, v) for k in args if k != SHOW_ALL_ARG for v in args.getlist(k)]
    return urlencode(pairs if show_all else [*pairs, (SHOW_ALL_ARG, "1")])


async def _comparison(datasette: Datasette, request: Any) -> dict[str, Any]:
    config = plugin_config(datasette)
    db = _database(datasette, config)
    index_name = request.args.get("index") or "PAR_INDEX"
    metric = "rank" if request.args.get("metric") == "rank" else "score"
    show_all = shows_all(request, config.min_confidence)
    threshold = None if show_all else config.min_confidence
    provinces = [p for p in request.args.getlist("province") if p][:MAX_PROVINCES]
    provinces = provinces or await _default_provinces(db, index_name, metric, threshold)
    marks = ",".join("?" * len(provinces)) or "null"
    rows = await db.execute(
        "select province, year, score, score_unit, rank, rank_total, articles, sources, languages, "
        "language_list, evidence, evidence_url, has_discrepancy, confidence, stories, outlets, "
        "story_id "
        f"from province_index_timeline where index_name = ? and province in ({marks}) "
        "order by province, year",
        [index_name, *provinces],
    )
    timeline = [
        {**r, "uncertain": is_uncertain(r["confidence"], config.min_confidence)} for r in rows.rows
    ]
    shown = [r for r in timeline if show_all or not r["uncertain"]]
    return {
        "index_name": index_name,
        "metric": metric,
        "provinces": provinces,
        "show_all": show_all,
        "toggle_query": _toggled_query(request, show_all),
        "min_confidence": config.min_confidence,
        "uncertain_hidden": len(timeline) - len(shown),
        "timeline": shown,
        "database": db.name,
        "initiatives": await province_programmes(datasette, db, provinces),
    }


async def provinces_page(datasette: Datasette, request: Any) -> Response:
    """``/-/newsintel/provinces``: compare provinces on an index over years, with initiatives."""
    data = await _comparison(datasette, request)
    series: dict[object, list[tuple[object, object]]] = {}
    for row in data["timeline"]:  # the chart keeps only integer years and finite numbers
        series.setdefault(row["province"], []).append((row["year"], row[data["metric"]]))
    db = _database(datasette, plugin_config(datasette))
    context = {
        **data,
        "chart": line_chart(
            series,
            y_label="Rank (1 = best)" if data["metric"] == "rank" else "Score",
            invert_y=data["metric"] == "rank",
            notes=_chart_notes(datasette, data["timeline"]),
        ),
        "choices": await _choices(db),
        "vega_spec": json.dumps(
            vega_spec(
                data["timeline"],
                metric=data["metric"],
                title=f"{data['index_name']} {data['metric']} by year",
                evidence_href=lambda url: _article_href(datasette, url),
            ),
            ensure_ascii=False,
        ),
    }
    return Response.html(
        await datasette.render_template("newsintel_provinces.html", context, request=request)
    )


def _article_href(datasette: Datasette, url: str) -> str:
    """The article page showing ``url`` with its evidence highlighted."""
    return datasette.urls.path("/-/newsintel/article?" + urlencode({"url": url}))


def _chart_notes(datasette: Datasette, timeline: list[dict[str, Any]]) -> dict[Any, PointNote]:
    """Each point's tooltip (score, rank, articles, languages) and link to its evidence."""
    notes = {}
    for r in timeline:
        score, rank = score_text(r), rank_text(r)
        figures = [*([f"score {score}"] if score else []), *([f"rank {rank}"] if rank else [])]
        reach = f"{r['articles']} article(s) in {r['language_list'] or '?'}"
        flag = " · uncertain" if r.get("uncertain") else ""
        tooltip = f"{r['province']}, {r['year']}: {' · '.join([*figures, reach])}{flag}"
        href = _article_href(datasette, r["evidence_url"])
        notes[(str(r["province"]), r["year"])] = PointNote(
            tooltip, href if r["evidence_url"] else None
        )
    return notes


async def provinces_json(datasette: Datasette, request: Any) -> Response:
    """``/-/newsintel/provinces.json``."""
    return Response.json(await _comparison(datasette, request))


async def _article(datasette: Datasette, request: Any) -> dict[str, Any]:
    url = request.args.get("url") or ""
    db = _database(datasette, plugin_config(datasette))
    rows = await db.execute("select * from articles where url = ?", [url])
    article = rows.first()
    if article is None:
        raise NotFound("no such article")
    facts: list[dict[str, Any]] = []
    for table, label in (
        ("index_facts", "index_name"),
        ("percentages", "measures"),
        ("initiatives", "name"),
    ):
        result = await db.execute(
            f"select '{table}' as kind, {label} as label, * from {table} "
            "where article_url = ? order by span_start",
            [url],
        )
        facts += [dict(r) for r in result.rows]
    min_confidence = plugin_config(datasette).min_confidence
    for fact in facts:  # only index figures carry a confidence
        fact["uncertain"] = fact["kind"] == "index_facts" and is_uncertain(
            fact.get("confidence"), min_confidence
        )
    story = await db.execute(
        "select a.url, a.language, a.title from story_articles s join story_articles t "
        "on t.story_id = s.story_id join articles a on a.url = t.article_url "
        "where s.article_url = ? and t.article_url != ?",
        [url, url],
    )
    return {"article": dict(article), "facts": facts, "story": [dict(r) for r in story.rows]}


async def article_page(datasette: Datasette, request: Any) -> Response:
    """``/-/newsintel/article?url=``: the text with the evidence of each fact highlighted."""
    data = await _article(datasette, request)
    text = data["article"]["text"] or ""
    spans = [
        (f["span_start"], f["span_end"])
        for f in data["facts"]
        if f["span_start"] is not None and 0 <= f["span_start"] < f["span_end"] <= len(text)
    ]
    context = {
        **data,
        "text_html": highlight(text, spans),
        "link": safe_link(data["article"]["original_url"]) or safe_link(data["article"]["url"]),
    }
    return Response.html(
        await datasette.render_template("newsintel_article.html", context, request=request)
    )


async def article_json(datasette: Datasette, request: Any) -> Response:
    """``/-/newsintel/article.json?url=``."""
    return Response.json(await _article(datasette, request))


ROUTES = [
    (r"^/-/search$", search_page),
    (r"^/-/search\.json$", search_json),
    (r"^/-/newsintel/provinces$", provinces_page),
    (r"^/-/newsintel/provinces\.json$", provinces_json),
    (r"^/-/newsintel/article$", article_page),
    (r"^/-/newsintel/article\.json$", article_json),
]
