"""A published copy without article bodies: titles, URLs, dates, facts and their evidence.

Publishers own their articles. ``newsintel publish`` (unless ``--bodies``) replaces each
article's text in its copy of the database with the evidence sentences of its facts, joined
by a marked gap, and moves every fact's offsets onto that text, so the article page still
highlights each figure's sentence. Chunks keep their ids and vectors but hold only the
evidence sentences within them; the search FTS tables and their token counts are rebuilt
from that, so search and the province page work on the copy and no body text survives in it
(the caller vacuums). Vectors stay: they are numbers, not text.
"""

from __future__ import annotations

from sqlite_utils import Database

from index.indexer import refresh_token_stats
from index.text import cjk_bigrams, fold

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


def _rewrite_chunks(db: Database, url: str, title: str | None, moved: dict[Span, Span]) -> None:
    """Give each chunk the evidence sentences inside it, and index that instead of the body."""
    text = db.execute("select text from articles where url = ?", [url]).fetchone()[0]
    chunks = db.execute(
        "select id, ordinal, span_start, span_end from chunks where article_url = ?", [url]
    ).fetchall()
    for chunk_id, ordinal, start, end in chunks:
        inside = [new for old, new in moved.items() if start <= old[0] and old[1] <= end]
        new_start, new_end = (inside[0][0], inside[-1][1]) if inside else (0, 0)
        body = GAP.join(text[s:e] for s, e in inside)
        db.execute(
            "update chunks set text = ?, span_start = ?, span_end = ? where id = ?",
            [body, new_start, new_end, chunk_id],
        )
        folded_title = fold(title or "") if ordinal == 0 else ""
        db.execute("delete from chunks_fts where rowid = ?", [chunk_id])
        db.execute("delete from chunks_cjk where rowid = ?", [chunk_id])
        db.execute(
            "insert into chunks_fts (rowid, title, text) values (?, ?, ?)",
            [chunk_id, folded_title, fold(body)],
        )
        grams = cjk_bigrams(f"{folded_title} {fold(body)}")
        if grams:
            db.execute("insert into chunks_cjk (rowid, grams) values (?, ?)", [chunk_id, grams])


def strip_bodies(db: Database) -> int:
    """Replace every article body in ``db`` (a copy!) by its evidence; return articles changed."""
    articles = db.execute("select url, title from articles").fetchall()
    with db.conn:
        for url, title in articles:
            spans = _evidence(db, url)
            text, moved = _evidence_text(spans)
            _move_spans(db, url, moved)
            db.execute("update articles set text = ? where url = ?", [text, url])
            _rewrite_chunks(db, url, title, moved)
    refresh_token_stats(db)
    return len(articles)
