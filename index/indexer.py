"""``newsintel index``: provinces, stories, chunks, normalised FTS, embeddings, vector file.

Every step is incremental: articles whose text did not change keep their chunks, and only
chunks without a vector for the current model are embedded. A model change re-embeds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from index.centring import language_means, refresh_language_means
from index.embeddings import Embedder, encode_vector
from index.places import fill_provinces
from index.schema import SNAPSHOT_INDEXES
from index.stories import group_stories
from index.text import chunk_text, cjk_bigrams, fold, text_hash
from index.vectors import VectorIndex, Verification, vector_index_path

__all__ = [
    "IndexReport",
    "ProgressFactory",
    "embed_chunks",
    "index_database",
    "refresh_snapshots",
    "refresh_token_stats",
    "sync_chunks",
]

ProgressFactory = Callable[[int | None, str], AbstractContextManager[Callable[[int], None]]]


@contextmanager
def _no_progress(total: int | None, description: str) -> Iterator[Callable[[int], None]]:
    def advance(n: int = 1) -> None:
        return None

    yield advance


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What one ``newsintel index`` run did."""

    provinces: int
    articles: int
    stories: int
    chunked_articles: int
    chunks: int
    embedded: int
    model: str | None
    vectors: int
    seconds: float
    verification: Verification | None = None  # the recall check of a rebuilt vector file

    def summary(self) -> str:
        """Return the one-line summary printed on stderr."""
        model = f" with {self.model}" if self.model else " (no embeddings)"
        return (
            f"indexed {self.articles} articles in {self.stories} stories; "
            f"re-chunked {self.chunked_articles} ({self.chunks} chunks); "
            f"embedded {self.embedded} chunks{model}; {self.vectors} vectors"
            f"{_checked(self.verification)}; {self.provinces} provinces; {self.seconds:.1f}s"
        )


def _checked(check: Verification | None) -> str:
    if check is None or not check.sample:
        return ""
    rebuilt = ", rebuilt" if check.rebuilt else ""
    return f" (HNSW recall@10 {check.recall:.3f} at ef {check.expansion_search}{rebuilt})"


def _changed_articles(db: Database) -> list[dict[str, str]]:
    return list(
        db.query(
            """
            select a.url, a.title, a.text, a.language, c.text_hash as old_hash
            from articles a left join chunked_articles c on c.article_url = a.url
            """
        )
    )


def _delete_chunks(db: Database, where: str, params: list[object]) -> None:
    ids = [r[0] for r in db.execute(f"select id from chunks where {where}", params)]
    # their ids may come back for new chunks: the vector file drops them at its next sync
    db.conn.executemany(
        "insert or ignore into vector_file_stale (chunk_id) values (?)", [(i,) for i in ids]
    )
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ",".join("?" * len(part))
        for table, column in (
            ("embeddings", "chunk_id"),
            ("chunks_fts", "rowid"),
            ("chunks_cjk", "rowid"),
            ("chunks", "id"),
        ):
            db.execute(f"delete from {table} where {column} in ({marks})", part)


def _store_chunks(db: Database, article: dict[str, str], digest: str) -> int:
    url = article["url"]
    _delete_chunks(db, "article_url = ?", [url])
    chunks = chunk_text(article["text"] or "")
    for chunk in chunks:
        cursor = db.execute(
            "insert into chunks (article_url, ordinal, text, span_start, span_end, language, "
            "text_hash) values (?, ?, ?, ?, ?, ?, ?)",
            [
                url,
                chunk.ordinal,
                chunk.text,
                chunk.span_start,
                chunk.span_end,
                article["language"],
                text_hash(chunk.text),
            ],
        )
        title = fold(article["title"] or "") if chunk.ordinal == 0 else ""
        body = fold(chunk.text)
        db.execute(
            "insert into chunks_fts (rowid, title, text) values (?, ?, ?)",
            [cursor.lastrowid, title, body],
        )
        grams = cjk_bigrams(f"{title} {body}")
        if grams:
            db.execute(
                "insert into chunks_cjk (rowid, grams) values (?, ?)", [cursor.lastrowid, grams]
            )
    db.table("chunked_articles").upsert(
        {"article_url": url, "text_hash": digest, "chunks": len(chunks)}, pk="article_url"
    )
    return len(chunks)


def sync_chunks(db: Database, progress: ProgressFactory = _no_progress) -> tuple[int, int]:
    """Re-chunk new or changed articles and drop chunks of deleted ones.

    Returns:
        (articles re-chunked, chunks written).
    """
    with db.conn:
        _delete_chunks(db, "article_url not in (select url from articles)", [])
        db.execute(
            "delete from chunked_articles where article_url not in (select url from articles)"
        )
    todo = [
        (a, digest)
        for a in _changed_articles(db)
        if (digest := text_hash(a["title"], a["text"])) != a["old_hash"]
    ]
    written = 0
    with progress(len(todo), "chunk") as advance:
        for start in range(0, len(todo), 200):
            with db.conn:
                for article, digest in todo[start : start + 200]:
                    written += _store_chunks(db, article, digest)
            advance(len(todo[start : start + 200]))
    return len(todo), written


def rebuild_evidence_fts(db: Database) -> int:
    """Rebuild the FTS table over every evidence sentence (folded); return its row count."""
    with db.conn:
        db.execute("delete from evidence_fts")
        for kind in ("index_facts", "percentages", "initiatives"):
            rows = db.execute(
                f"select id, article_url, evidence from {kind} where evidence is not null"
            ).fetchall()
            db.conn.executemany(
                "insert into evidence_fts (kind, fact_id, article_url, evidence) values (?,?,?,?)",
                [(kind, r[0], r[1], fold(r[2])) for r in rows],
            )
    return int(db.execute("select count(*) from evidence_fts").fetchone()[0])


FTS_TABLES = ("chunks_fts", "evidence_fts", "chunks_cjk")


def refresh_token_stats(db: Database) -> int:
    """Record how many rows of each search FTS table contain each token (trigram, bigram).

    ``index.search`` bounds a query phrase's matches by its rarest token's count, so it
    can leave out phrases that match nothing or most chunks without running them.
    Returns the number of tokens recorded.
    """
    with db.conn:
        db.execute("delete from fts_token_counts")
        for table in FTS_TABLES:
            db.execute(
                f"create virtual table temp.{table}_vocab using fts5vocab(main, {table}, row)"
            )
            try:
                db.execute(
                    "insert into fts_token_counts (fts_table, token, docs) "
                    f"select ?, term, doc from temp.{table}_vocab",
                    [table],
                )
            finally:
                db.execute(f"drop table temp.{table}_vocab")
    return int(db.execute("select count(*) from fts_token_counts").fetchone()[0])


def refresh_snapshots(db: Database) -> None:
    """Recompute the snapshot tables behind the research views from the live views."""
    with db.conn:
        for name in SNAPSHOT_INDEXES:
            db.execute(f"delete from snapshot_{name}")
            db.execute(f"insert into snapshot_{name} select * from {name}_live")


def embed_chunks(
    db: Database,
    embedder: Embedder,
    *,
    batch_size: int = 16,
    limit: int | None = None,
    progress: ProgressFactory = _no_progress,
) -> int:
    """Embed chunks without a vector for ``embedder`` (at most ``limit``); drop other models'.

    The rest is embedded by the next run, so a demo never waits for a large corpus.
    """
    with db.conn:
        db.execute("delete from embeddings where model != ?", [embedder.name])
    todo = db.execute(
        "select c.id, c.text from chunks c left join embeddings e "
        "on e.chunk_id = c.id and e.model = ? where e.chunk_id is null order by c.id limit ?",
        [embedder.name, -1 if limit is None else limit],
    ).fetchall()
    with progress(len(todo), f"embed ({embedder.name})") as advance:
        for start in range(0, len(todo), batch_size):
            batch = todo[start : start + batch_size]
            vectors = embedder.embed_passages([text for _, text in batch])
            with db.conn:
                db.conn.executemany(
                    "insert or replace into embeddings (chunk_id, model, dim, vector) "
                    "values (?, ?, ?, ?)",
                    [
                        (cid, embedder.name, embedder.dim, encode_vector(v))
                        for (cid, _), v in zip(batch, vectors, strict=True)
                    ],
                )
            advance(len(batch))
    return len(todo)


def sync_vector_file(
    db: Database, db_path: str | Path, model: str, dim: int
) -> tuple[int, Verification | None]:
    """Bring the vector file for ``model`` up to date with SQLite, with all cores.

    A changed file is checked before it is saved (``VectorIndex.verify``: recall@10 against
    exact search, rebuilt or searched wider below 0.99).

    Returns:
        (vectors in the file, the recall check when the file changed).
    """
    path = vector_index_path(db_path, model)
    index = VectorIndex.open(path, dim)
    report = index.sync(db, model)
    if report.added or report.removed or not path.exists():
        index.verify()
        index.save()
    with db.conn:  # the saved file holds no vector of a deleted chunk any more
        db.execute("delete from vector_file_stale")
    return report.total, index.verification


def index_database(
    db: Database,
    db_path: str | Path,
    embedder: Embedder | None,
    *,
    embed_limit: int | None = None,
    progress: ProgressFactory = _no_progress,
) -> IndexReport:
    """Run every index step over ``db``; ``embedder=None`` skips embeddings.

    ``embed_limit`` caps the chunks embedded in this run (the rest wait for the next run).
    """
    started = time.monotonic()
    provinces = fill_provinces(db)
    stories = group_stories(db, embedder, embed_limit=embed_limit)
    rechunked, chunks = sync_chunks(db, progress)
    rebuild_evidence_fts(db)
    refresh_token_stats(db)
    refresh_snapshots(db)
    embedded = vectors = 0
    verification = None
    if embedder is not None:
        embedded = embed_chunks(db, embedder, limit=embed_limit, progress=progress)
        if embedded or language_means(db.conn, embedder.name) is None:
            refresh_language_means(db, embedder.name)
        if str(db_path) != ":memory:":
            vectors, verification = sync_vector_file(db, db_path, embedder.name, embedder.dim)
    return IndexReport(
        provinces=provinces,
        articles=stories.articles,
        stories=stories.stories,
        chunked_articles=rechunked,
        chunks=chunks,
        embedded=embedded,
        model=embedder.name if embedder else None,
        vectors=vectors,
        seconds=time.monotonic() - started,
        verification=verification,
    )
