"""An evidence-only copy: titles, URLs, dates, facts and their evidence, no article bodies.

Publishers own their articles. ``newsintel publish`` (``--evidence-only``, the default)
replaces each article's text in its copy of the database with the evidence sentences of its
facts, joined by a marked gap, and moves every fact's offsets onto that text, so the article
page still highlights each figure's sentence. Chunks, their FTS rows and their vectors are
emptied (no chunk, no vector file goes out); evidence_fts, which search reads, holds the
evidence sentences and, here, the titles; articles_fts and the token counts are rebuilt. So
search (full text) and the province page work on the copy and no body text survives in it
(the caller vacuums and drops pages, with their WARC paths: ``index.public_copy``).
"""

from __future__ import annotations

from sqlite_utils import Database

from index.indexer import refresh_token_stats
from index.text import fold

__all__ = ["GAP", "strip_bodies"]

GAP = "\n[…]\n"  # stands between two evidence sentences where the body was left out
_FACT_TABLES = ("index_facts", "percentages", "initiatives", "fact_candidates")
Span = tuple[int, int]


def _evidence(db: Database, url: str) -> dict[Span, str]:
    """Return each evidence span of the article's facts with its sentence, in text order."""
    spans: dict[Span, str] = {}
    for table in _FACT_TABLES:
        if not db[table].exists():
            continue
        for start, end, sentence in db.execute(
            f"select span_start, span_end, evidence from [{table}] where article_url = ? "
            "and evidence is not null and span_start is not null and span_end is not null",
            [url],
        ):
            spans.setdefault((start, end), sentence)
    return dict(sorted(spans.items()))


def _evidence_text(spans: dict[Span, str]) -> tuple[str, dict[Span, Span]]:
    """Join the sentences; return the text and each old span's new span in it."""
    parts: list[str] = []
    moved: dict[Span, Span] = {}
    cursor = 0
    for span, sentence in spans.items():
        if parts:
            parts.append(GAP)
            cursor += len(GAP)
        moved[span] = (cursor, cursor + len(sentence))
        parts.append(sentence)
        cursor += len(sentence)
    return "".join(parts), moved


def _new_span(start: int | None, end: int | None, moved: dict[Span, Span]) -> Span | None:
    """Where ``start:end`` lies in the new text: inside an evidence sentence, or nowhere."""
    if start is None or end is None:
        return None
    for (old_start, old_end), (new_start, _) in moved.items():
        if old_start <= start and end <= old_end:
            return new_start + start - old_start, new_start + end - old_start
    return None


def _move_spans(db: Database, url: str, moved: dict[Span, Span]) -> None:
    """Point every fact and entity of the article into the new text (null when left out)."""
    for table in (*_FACT_TABLES, "entities"):
        if not db[table].exists():
            continue
        rows = db.execute(
            f"select rowid, span_start, span_end from [{table}] where article_url = ?", [url]
        ).fetchall()
        updates = []
        for rowid, start, end in rows:
            new = _new_span(start, end, moved) or (None, None)
            updates.append((*new, rowid))
        db.conn.executemany(
            f"update [{table}] set span_start = ?, span_end = ? where rowid = ?", updates
        )


def _drop_passages(db: Database) -> None:
    """Empty the chunk tables: chunks, their FTS rows and their vectors come from the body.

    Vectors are numbers, not text, but an embedding can be inverted into much of its
    passage; and they belong to chunks that no longer exist. The tables stay, empty, so every
    query and view over them still runs.
    """
    for table in ("embeddings", "chunks_fts", "chunks_cjk", "chunked_articles", "chunks"):
        if db[table].exists():
            db.execute(f"delete from [{table}]")


def _index_titles(db: Database) -> None:
    """Add each article's folded title to evidence_fts (kind ``title``): search finds titles."""
    db.execute(
        "insert into evidence_fts (kind, fact_id, article_url, evidence) "
        "select 'title', null, url, newsintel_fold(title) from articles "
        "where title is not null and title != ''"
    )


def strip_bodies(db: Database) -> int:
    """Leave ``db`` (a copy!) with evidence, not bodies; return the number of articles.

    Each article's text becomes the evidence sentences of its facts; chunks, their search
    rows and vectors are emptied; search reads evidence_fts (evidence sentences and titles).
    """
    articles = db.execute("select url from articles").fetchall()
    db.conn.create_function("newsintel_fold", 1, fold, deterministic=True)
    with db.conn:
        for (url,) in articles:
            text, moved = _evidence_text(_evidence(db, url))
            _move_spans(db, url, moved)
            db.execute("update articles set text = ? where url = ?", [text, url])
        _drop_passages(db)
        _index_titles(db)
        if db["articles_fts"].exists():  # rebuilt, so no token of a body survives in it
            db.execute("insert into articles_fts (articles_fts) values ('rebuild')")
    refresh_token_stats(db)
    return len(articles)
