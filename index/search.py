"""Search: full-text (BM25), vector and hybrid (reciprocal rank fusion), fact-aware.

Used by ``newsintel search`` and by the Datasette plugin. Functions take a DB-API
connection (sqlite3 or pysqlite3), so they run on Datasette's read-only connections too.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from index.centring import centre_query, centred_scores, language_means
from index.embeddings import Embedder, decode_vector
from index.passages import best_passage
from index.query import QueryAnalysis, analyse_query
from index.text import fts_expression, fts_phrases
from index.vectors import VectorIndex, exact_search

__all__ = [
    "MAX_K",
    "Mode",
    "SearchFilters",
    "SearchResult",
    "search",
    "stored_model",
    "time_limit",
]

Mode = Literal["fts", "vector", "hybrid"]
MAX_K = 100
RRF_K = 60
# Added per fused ranking for an article whose stored facts match everything the query names
# (province, index, year); about the gap between rank 1 and rank 60 in one list, so a named
# fact outranks mere topical similarity. Tuned on the fixture corpus (docs/readme/index.md).
FACT_BONUS = 0.02
_EXACT_FILTERED = 50_000  # most chunks a filtered vector search considers
_SCAN_FILTERED = 2_000  # fewer chunks pass a filter: scan their vectors from SQLite
OVERSAMPLE = 20  # filtered search asks the vector file for 20x the neighbours it needs
CENTRED_POOL = 4  # language-fair search scores 4x the neighbours it keeps (index.centring)
# Most FTS rows one query scores with BM25 (see _bounded); BM25 costs ~15 us a row here.
MATCH_BUDGET = 2_000


try:  # Datasette and sqlite-utils use pysqlite3 when installed; its errors are its own classes
    from pysqlite3 import dbapi2 as _pysqlite3

    _OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (
        sqlite3.OperationalError,
        _pysqlite3.OperationalError,
    )
except ImportError:  # pragma: no cover - pysqlite3 is a dependency
    _OPERATIONAL_ERRORS = (sqlite3.OperationalError,)


class QueryTimeout(Exception):
    """A search ran past its time limit and was interrupted."""


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Restrict results to articles matching every given value."""

    language: str | None = None
    province: str | None = None
    source: str | None = None
    index_name: str | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None

    def sql(self) -> tuple[str, list[object]]:
        """Return a condition on ``articles a`` and its parameters."""
        parts: list[str] = []
        params: list[object] = []
        simple = (
            ("a.language = ?", self.language),
            ("a.source = ?", self.source),
            ("a.published >= ?", self.date_from),
            ("substr(a.published, 1, 10) <= ?", self.date_to),
        )
        for clause, value in simple:
            if value:
                parts.append(clause)
                params.append(value)
        if self.province:
            # The province rolls up the units merged into it (provinces.merged_into): a filter
            # on Hue keeps 2024 articles about Thua Thien Hue. Uncorrelated subqueries run
            # once, through the (label, canonical) and (subject, ...) indexes.
            area = "(select ? union select name from provinces where merged_into = ?)"
            parts.append(
                "a.url in (select article_url from entities where label = 'PROVINCE' "
                f"and canonical in {area} union select article_url from index_facts "
                f"where subject in {area})"
            )
            params += [self.province] * 4
        if self.index_name:
            parts.append("a.url in (select article_url from index_facts where index_name = ?)")
            params.append(self.index_name)
        return (" and ".join(parts) or "1"), params

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return any(
            (
                self.language,
                self.province,
                self.source,
                self.index_name,
                self.date_from,
                self.date_to,
            )
        )


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One article found, with its best passage and the facts extracted from it."""

    url: str
    title: str | None
    language: str | None
    source: str | None
    published: str | None
    original_url: str | None
    score: float
    passage: str
    highlights: tuple[tuple[int, int], ...]  # spans of ``passage`` matching the query
    chunk_id: int | None
    similarity: float | None
    fact_match: float
    facts: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """Return the JSON shape of ``newsintel search --json`` and the plugin."""
        return {
            "url": self.url,
            "title": self.title,
            "language": self.language,
            "source": self.source,
            "published": self.published,
            "original_url": self.original_url,
            "score": round(self.score, 6),
            "similarity": None if self.similarity is None else round(self.similarity, 4),
            "fact_match": self.fact_match,
            "passage": self.passage,
            "highlights": [list(h) for h in self.highlights],
            "facts": list(self.facts),
        }


@contextmanager
def time_limit(conn: Any, ms: int | None) -> Iterator[None]:
    """Interrupt SQL on ``conn`` running longer than ``ms`` milliseconds."""
    if not ms:
        yield
        return
    deadline = time.monotonic() + ms / 1000
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)
    try:
        yield
    except _OPERATIONAL_ERRORS as exc:
        if "interrupted" in str(exc):
            raise QueryTimeout(f"search took longer than {ms} ms") from exc
        raise
    finally:
        conn.set_progress_handler(None, 1000)


def stored_model(conn: Any) -> tuple[str, int] | None:
    """Return (model name, dimension) of the stored embeddings, or None."""
    row = conn.execute("select model, dim from embeddings limit 1").fetchone()
    return (str(row[0]), int(row[1])) if row else None


def _tokens(table: str, phrase: str) -> list[str]:
    """The FTS tokens of ``phrase`` in ``table``: trigrams, or the bigrams of chunks_cjk."""
    if table == "chunks_cjk":
        return phrase.split()
    return [phrase[i : i + 3] for i in range(len(phrase) - 2)]


def _match_counts(conn: Any, table: str, phrases: list[str]) -> dict[str, int] | None:
    """Bound how many rows of ``table`` each phrase matches; None without token counts.

    A phrase matches no more rows than its rarest token, whose count ``newsintel index``
    records (index.indexer.refresh_token_stats): a phrase with a token the table does not
    contain matches nothing and costs nothing. A phrase made only of common tokens is
    counted, reading at most MATCH_BUDGET + 1 matches.
    """
    tokens = sorted({t for p in phrases for t in _tokens(table, p)})
    try:
        if (
            conn.execute(
                "select 1 from fts_token_counts where fts_table = ? limit 1", [table]
            ).fetchone()
            is None
        ):
            return None  # indexed before m054, or an empty table: no pruning
        docs = dict(
            conn.execute(
                "select token, docs from fts_token_counts where fts_table = ? "
                f"and token in ({_marks(tokens)})",
                [table, *tokens],
            ).fetchall()
        )
    except _OPERATIONAL_ERRORS:  # the database predates m054
        return None
    counts: dict[str, int] = {}
    for phrase in phrases:
        bound = min((docs.get(t, 0) for t in _tokens(table, phrase)), default=0)
        if bound > MATCH_BUDGET:
            bound = conn.execute(
                f"select count(*) from (select 1 from {table} where {table} match ? limit ?)",
                [fts_expression([phrase]), MATCH_BUDGET + 1],
            ).fetchone()[0]
        counts[phrase] = int(bound)
    return counts


def _bounded(conn: Any, table: str, phrases: list[str]) -> tuple[str | None, bool]:
    """Return (MATCH expression, whether to rank it with BM25) over a bounded candidate set.

    FTS5 computes BM25 for every matching row (and counts every row of each phrase for its
    IDF), so a query with a term in most chunks costs ~100 ms at 20k chunks. Phrases are
    kept rarest first while their matches add up to at most MATCH_BUDGET; the left-out ones
    are in so many rows that their IDF, hence their weight in BM25, is small. When even the
    rarest phrase is broader than that, the most recently indexed matches of the rarest
    few are returned in that order (no scoring).
    """
    counts = _match_counts(conn, table, phrases)
    if counts is None:
        return fts_expression(phrases), True
    ordered = sorted((p for p in phrases if counts[p]), key=lambda p: counts[p])
    if not ordered:
        return None, True
    kept: list[str] = []
    total = 0
    for phrase in ordered:
        if total + counts[phrase] > MATCH_BUDGET:
            break
        kept.append(phrase)
        total += counts[phrase]
    if not kept:
        return fts_expression(ordered[:3]), False
    return fts_expression(kept), True


def _fts_ranking(
    conn: Any, analysis: QueryAnalysis, filters: SearchFilters, limit: int
) -> list[tuple[int | None, str]]:
    trigram, bigram = fts_phrases(analysis.search_terms())
    where, params = filters.sql()
    # FTS ranks its own matches first (top-N inside the virtual table), then joins: joining
    # every match before sorting costs ~10x on a 20k-chunk corpus. Filters need a deeper pool.
    depth = min(limit * 40, 5000) if filters.active else limit
    ranked: list[tuple[float, int | None, str]] = []
    tables = (
        ("chunks_fts", trigram, "bm25(chunks_fts, 4.0, 1.0)"),
        ("chunks_cjk", bigram, "bm25(chunks_cjk)"),
    )
    for table, phrases, rank in tables:
        if not phrases:
            continue
        expression, scored = _bounded(conn, table, phrases)
        if expression is None:
            continue
        order = "r" if scored else "rowid desc"
        ranked += conn.execute(
            f"select m.r, c.id, c.article_url from (select rowid, "
            f"{rank if scored else '0.0'} as r from {table} "
            f"where {table} match ? order by {order} limit ?) m "
            "join chunks c on c.id = m.rowid join articles a on a.url = c.article_url "
            f"where {where} order by m.r limit ?",
            [expression, depth, *params, limit],
        ).fetchall()
    expression, scored = _bounded(conn, "evidence_fts", trigram) if trigram else (None, True)
    if expression:
        # Evidence sentences: an article whose fact evidence matches ranks with its first chunk
        # (none in an evidence-only copy, whose evidence_fts also holds the titles).
        order = "r" if scored else "rowid desc"
        ranked += conn.execute(
            "select m.r, c.id, a.url from (select article_url, "
            f"{'bm25(evidence_fts)' if scored else '0.0'} as r "
            f"from evidence_fts where evidence_fts match ? order by {order} limit ?) m "
            "join articles a on a.url = m.article_url "
            "left join chunks c on c.article_url = a.url and c.ordinal = 0 "
            f"where {where} order by m.r limit ?",
            [expression, depth, *params, limit],
        ).fetchall()
    ranked.sort(key=lambda row: row[0])
    return [(None if cid is None else int(cid), str(url)) for _, cid, url in ranked]


def _filtered_hits(
    conn: Any,
    query_vector: np.ndarray,
    model: str,
    filters: SearchFilters,
    vectors: VectorIndex | None,
    limit: int,
) -> list[tuple[int, float]]:
    """Nearest chunks among those passing ``filters``.

    The filter selects chunk ids only (no vectors). When many chunks pass, the vector file
    is searched for OVERSAMPLE times more neighbours and those passing are kept; otherwise,
    or when too few pass, the passing chunks' vectors are read from SQLite and scanned.
    """
    where, params = filters.sql()
    allowed = {
        row[0]
        for row in conn.execute(
            f"select c.id from chunks c join articles a on a.url = c.article_url where {where} "
            "limit ?",
            [*params, _EXACT_FILTERED],
        )
    }
    if not allowed:
        return []
    if vectors is not None and len(vectors) and len(allowed) > _SCAN_FILTERED:
        wide = vectors.search(query_vector, min(len(vectors), limit * OVERSAMPLE))
        hits = [(cid, score) for cid, score in wide if cid in allowed]
        if len(hits) >= limit or len(wide) >= len(vectors):
            return hits[:limit]
    ids = sorted(allowed)
    keys: list[int] = []
    blobs: list[bytes] = []
    for start in range(0, len(ids), 900):
        part = ids[start : start + 900]
        for cid, blob in conn.execute(
            f"select chunk_id, vector from embeddings where model = ? and chunk_id in "
            f"({_marks(part)})",
            [model, *part],
        ):
            keys.append(cid)
            blobs.append(blob)
    if not keys:
        return []
    matrix = decode_vector(b"".join(blobs)).reshape(len(keys), -1)
    return exact_search(matrix, np.array(keys), query_vector, limit)


def _nearest(
    conn: Any,
    query_vector: np.ndarray,
    model: str,
    filters: SearchFilters,
    vectors: VectorIndex | None,
    limit: int,
) -> list[tuple[int, float]]:
    if filters.active:
        return _filtered_hits(conn, query_vector, model, filters, vectors, limit)
    if vectors is not None and len(vectors):
        return vectors.search(query_vector, limit)
    return _filtered_hits(conn, query_vector, model, filters, None, limit)


def _vector_ranking(
    conn: Any,
    query: tuple[np.ndarray, str],
    model: str,
    filters: SearchFilters,
    vectors: VectorIndex | None,
    limit: int,
) -> list[tuple[int, str, float]]:
    """Nearest chunks to the query (vector, text), language-fair when means are stored.

    With ``embedding_means`` (index.centring) the query's language mean is taken out, the
    CENTRED_POOL-times wider neighbourhood of that vector is scored with each chunk's own
    language mean taken out, and the best ``limit`` are kept.
    """
    query_vector, text = query
    means = language_means(conn, model)
    if means is None:
        hits = _nearest(conn, query_vector, model, filters, vectors, limit)
    else:
        centred = centre_query(query_vector, text, means)
        wide = _nearest(conn, centred, model, filters, vectors, limit * CENTRED_POOL)
        hits = centred_scores(conn, model, centred, [cid for cid, _ in wide], means)[:limit]
    if not hits:
        return []
    marks = ",".join("?" * len(hits))
    urls = dict(
        conn.execute(
            f"select id, article_url from chunks where id in ({marks})", [h[0] for h in hits]
        ).fetchall()
    )
    return [(cid, urls[cid], score) for cid, score in hits if cid in urls]


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def _fact_candidates(
    conn: Any, analysis: QueryAnalysis, filters: SearchFilters, limit: int
) -> dict[str, int | None]:
    """Return url -> evidence chunk (None without chunks) of articles whose fact matches.

    Structured queries ("Quang Ninh PAR Index 2023") find their articles through the
    indexed facts even when full-text search left the query's common words out or ranked
    the article below its pool. Needs a province, or an index and a year.
    """
    places = list(analysis.subject_weights())
    if not places and not (analysis.indexes and analysis.years):
        return {}
    where, params = filters.sql()
    conditions: list[str] = []
    values: list[object] = []
    for column, wanted in (
        ("f.subject", places),
        ("f.index_name", list(analysis.indexes)),
        ("f.year", list(analysis.years)),
    ):
        if wanted:
            conditions.append(f"{column} in ({_marks(wanted)})")
            values += wanted
    rows = conn.execute(
        "select f.article_url, coalesce((select c.id from chunks c where c.article_url = "
        "f.article_url and c.span_start <= f.span_start and f.span_start < c.span_end), "
        "(select c.id from chunks c where c.article_url = f.article_url and c.ordinal = 0)) "
        "from index_facts f join articles a on a.url = f.article_url "
        f"where {' and '.join(conditions)} and {where} "
        "order by a.published desc, f.id limit ?",
        [*values, *params, limit * 4],
    ).fetchall()
    found: dict[str, int | None] = {}
    for url, chunk_id in rows:
        if len(found) < limit:
            found.setdefault(str(url), None if chunk_id is None else int(chunk_id))
    return found


def _fact_matches(conn: Any, analysis: QueryAnalysis, urls: list[str]) -> dict[str, float]:
    """Return url -> the best share of the query's aspects one of its facts matches.

    The aspects are the subject (province or unit), index, year, rank and rank change the
    query names, and a score when it asks for one, in any language
    (``QueryAnalysis.understood``). A fact about a unit merged
    into (or from) the named province counts with that unit's weight
    (``QueryAnalysis.places``); a PROVINCE entity alone counts half.
    """
    if not analysis.aspects or not urls:
        return {}
    places = analysis.place_weights()
    subjects = analysis.subject_weights()
    marks = _marks(urls)
    best: dict[str, float] = {}
    asks_score = analysis.figures.asks_score
    for url, index_name, subject, year, rank, change, score in conn.execute(
        "select article_url, index_name, subject, year, rank, rank_change, score from index_facts "
        f"where article_url in ({marks})",
        urls,
    ):
        hits = (
            subjects.get(subject, 0.0)
            + (bool(analysis.indexes) and index_name in analysis.indexes)
            + (bool(analysis.years) and year in analysis.years)
            + (rank is not None and rank in analysis.figures.ranks)
            + (change is not None and change in analysis.figures.changes)
            + (asks_score and score is not None)
        )
        best[url] = max(best.get(url, 0.0), hits / analysis.aspects)
    if places:
        names = list(places)
        for url, canonical in conn.execute(
            "select distinct article_url, canonical from entities where label = 'PROVINCE' "
            f"and article_url in ({marks}) and canonical in ({_marks(names)})",
            [*urls, *names],
        ):
            best[url] = max(best.get(url, 0.0), 0.5 * places[canonical] / analysis.aspects)
    return best


def _passage(
    conn: Any, url: str, chunk_text: str, terms: list[str]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The best passage of the chunk's body, or of the article's when the chunk has none."""
    passage, highlights = best_passage(chunk_text, terms)
    if passage:
        return passage, highlights
    row = conn.execute("select text from articles where url = ?", [url]).fetchone()
    return best_passage(row[0] or "" if row else "", terms)


def _facts(conn: Any, url: str) -> tuple[str, ...]:
    rows = conn.execute(
        "select index_name, subject, year, score, score_unit, rank, rank_total from index_facts "
        "where article_url = ? order by id limit 6",
        [url],
    ).fetchall()
    out = []
    for index_name, subject, year, score, unit, rank, total in rows:
        parts = [index_name, str(year or "?"), subject or "?"]
        if score is not None:
            parts.append(f"score {score:g}{'%' if unit == '%' else ''}")
        if rank is not None:
            parts.append(f"rank {rank}" + (f"/{total}" if total else ""))
        out.append(" · ".join(parts))
    return tuple(out)


def _fuse(
    rankings: list[list[tuple[int | None, str]]],
) -> tuple[dict[str, float], dict[str, tuple[int, int | None]]]:
    """Reciprocal rank fusion over article-level rankings; remember each article's best chunk."""
    scores: dict[str, float] = {}
    best_chunk: dict[str, tuple[int, int | None]] = {}  # url -> (rank, chunk id)
    for ranking in rankings:
        seen: set[str] = set()
        for cid, url in ranking:
            if url in seen:
                continue
            rank = len(seen) + 1
            seen.add(url)
            scores[url] = scores.get(url, 0.0) + 1.0 / (RRF_K + rank)
            if url not in best_chunk or rank < best_chunk[url][0]:
                best_chunk[url] = (rank, cid)
    return scores, best_chunk


def search(
    conn: Any,
    query: str,
    *,
    mode: Mode = "hybrid",
    k: int = 10,
    filters: SearchFilters | None = None,
    embedder: Embedder | None = None,
    vectors: VectorIndex | None = None,
    time_limit_ms: int | None = None,
) -> list[SearchResult]:
    """Search articles; return up to ``k`` results, best first.

    Args:
        conn: a DB-API connection to a newsintel database.
        query: free text in any language (bounded to 500 characters).
        mode: ``fts``, ``vector`` or ``hybrid``; without embeddings ``hybrid`` is ``fts``.
        k: number of results (1..100).
        filters: language, province, source, index and date restrictions.
        embedder: encodes the query; must match the stored model for vector search.
        vectors: the vector index file; without it vectors are scanned from SQLite.
        time_limit_ms: interrupt SQL after this many milliseconds.

    Raises:
        QueryTimeout: the time limit was reached.
    """
    k = max(1, min(int(k), MAX_K))
    filters = filters or SearchFilters()
    analysis = analyse_query(query)
    pool = max(50, 5 * k)
    rankings: list[list[tuple[int | None, str]]] = []
    similarity: dict[int, float] = {}
    with time_limit(conn, time_limit_ms):
        if mode in ("fts", "hybrid") and analysis.search_terms():
            rankings.append(_fts_ranking(conn, analysis, filters, pool))
        model = stored_model(conn)
        if (
            mode in ("vector", "hybrid")
            and embedder is not None
            and model
            and model[0] == embedder.name
        ):
            query_vector = embedder.embed_query(analysis.text)
            hits = _vector_ranking(
                conn, (query_vector, analysis.text), model[0], filters, vectors, pool
            )
            similarity = {cid: score for cid, _, score in hits}
            rankings.append([(cid, url) for cid, url, _ in hits])
        scores, best_chunk = _fuse(rankings)
        if mode in ("fts", "hybrid"):
            for url, chunk_id in _fact_candidates(conn, analysis, filters, pool).items():
                scores.setdefault(url, 0.0)
                best_chunk.setdefault(url, (pool + 1, chunk_id))
        matches = _fact_matches(conn, analysis, list(scores))
        for url, match in matches.items():
            # Squared: an article stating everything the query names must beat one that
            # states two of three things and is merely closer in wording or language.
            scores[url] += FACT_BONUS * max(len(rankings), 1) * match * match
        top = sorted(scores, key=lambda u: (-scores[u], u))[:k]
        return [
            _result(
                conn,
                url,
                scores[url],
                best_chunk[url][1],
                similarity,
                matches.get(url, 0.0),
                analysis,
            )
            for url in top
        ]


def _result(
    conn: Any,
    url: str,
    score: float,
    chunk_id: int | None,
    similarity: dict[int, float],
    match: float,
    analysis: QueryAnalysis,
) -> SearchResult:
    article = conn.execute(
        "select a.title, a.language, a.source, a.published, a.original_url, c.text "
        "from articles a left join chunks c on c.id = ? and c.article_url = a.url "
        "where a.url = ?",
        [chunk_id, url],
    ).fetchone()
    title, language, source, published, original_url, text = article
    passage, highlights = _passage(conn, url, text or "", analysis.search_terms())
    return SearchResult(
        url=url,
        title=title,
        language=language,
        source=source,
        published=published,
        original_url=original_url,
        score=score,
        passage=passage,
        highlights=highlights,
        chunk_id=chunk_id,
        similarity=None if chunk_id is None else similarity.get(chunk_id),
        fact_match=round(match, 3),
        facts=_facts(conn, url),
    )
