"""Writes to the database: upserts on natural keys, so any stage run twice leaves the same rows."""

from __future__ import annotations

import json
import traceback
from dataclasses import asdict
from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.utils import sqlite3

from crawler.models import FetchedPage, Source
from extract.models import Extraction
from index.admission import ADMITTED
from index.errors import StoreError
from index.initiative_views import initiative_columns
from index.paths import relative_to_db, resolve_from_db

__all__ = [
    "FACT_TABLES",
    "pages_to_extract",
    "record_failure",
    "save_extraction",
    "save_page",
    "save_source",
]

# Tables holding one article's extracted rows, replaced together when it is re-extracted.
FACT_TABLES = ("entities", "index_facts", "fact_candidates", "percentages", "initiatives")


def save_source(db: Database, source: Source) -> None:
    """Insert or update one source row."""
    db["sources"].upsert(
        {
            "name": source.name,
            "home_url": source.home_url,
            "kind": source.kind,
            "province": source.province,
            "languages": json.dumps(list(source.languages)),
            "allowed_domains": json.dumps(list(source.allowed_domains)),
        },
        pk="name",
    )


def _ensure_source(db: Database, name: str | None) -> None:
    if name:  # plain SQL: no implicit commit inside a caller's transaction
        db.execute("insert or ignore into sources (name, kind) values (?, 'other')", [name])


def _header(page: FetchedPage, name: str) -> str | None:
    return next((v for k, v in page.headers if k.lower() == name), None)


def _duplicate_of(db: Database, page: FetchedPage) -> str | None:
    """Return the URL of another stored page with exactly the same body, if any."""
    if not page.content_hash or not page.body or page.error:
        return None
    found = db.execute(
        "select url from pages where content_hash = ? and url != ? and error is null "
        "and status between 200 and 299 order by id limit 1",
        [page.content_hash, page.url],
    ).fetchone()
    return str(found[0]) if found else None


def _near_duplicate_of(db: Database, page: FetchedPage) -> str | None:
    """Return the URL of a stored article whose simhash is within 3 bits of this page's."""
    if not page.fingerprint or not page.is_article:
        return None
    value = int(page.fingerprint, 16)
    bands = [(band, page.fingerprint[band * 4 : band * 4 + 4]) for band in range(4)]
    where = " or ".join("(f.band = ? and f.value = ?)" for _ in bands)
    params: list[object] = [x for pair in bands for x in pair]
    rows = db.execute(
        f"select distinct p.url, p.fingerprint from page_fingerprints f "
        f"join pages p on p.id = f.page_id where ({where}) and p.url != ? limit 50",
        [*params, page.url],
    ).fetchall()
    for url, fingerprint in rows:
        if bin(int(fingerprint, 16) ^ value).count("1") <= _NEAR_BITS:
            return str(url)
    return None


_NEAR_BITS = 3


def save_page(db: Database, page: FetchedPage, *, crawl_run: int | None = None) -> int:
    """Record one fetch in ``pages`` and return its id (the same id when saved twice).

    Exact duplicates (same body under another URL) get ``duplicate_of``; articles whose simhash
    is within 3 bits of a stored one get ``near_duplicate_of`` (the same story republished).
    Inside a caller's transaction it joins it; otherwise it commits on its own.
    """
    if db.conn.in_transaction:
        return _save_page(db, page, crawl_run)
    with db.conn:
        return _save_page(db, page, crawl_run)


def _save_page(db: Database, page: FetchedPage, crawl_run: int | None) -> int:
    _ensure_source(db, page.source)
    row = {
        "url": page.url,
        "final_url": page.final_url,
        "source": page.source,
        "status": page.status,
        "content_type": page.content_type,
        "fetched_at": page.fetched_at.isoformat(),
        "content_hash": page.content_hash,
        "content_length": len(page.body),
        "is_article": None if page.is_article is None else int(page.is_article),
        "reason": page.reason,
        "warc_file": relative_to_db(db, page.warc_file),
        "warc_offset": page.warc_offset,
        "error": page.error,
        "etag": _header(page, "etag"),
        "last_modified": _header(page, "last-modified"),
        "fingerprint": page.fingerprint,
        "duplicate_of": _duplicate_of(db, page),
        "near_duplicate_of": _near_duplicate_of(db, page),
        "depth": page.depth,
        "crawl_run": crawl_run,
    }
    columns = ", ".join(row)
    db.execute(
        f"insert or ignore into pages ({columns}) values ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    found = db.execute(
        "select id from pages where url = ? and fetched_at = ?",
        [page.url, row["fetched_at"]],
    ).fetchone()
    page_id = int(found[0])
    if page.fingerprint and page.is_article:
        db.conn.executemany(
            "insert or ignore into page_fingerprints (page_id, band, value) values (?, ?, ?)",
            [(page_id, b, page.fingerprint[b * 4 : b * 4 + 4]) for b in range(4)],
        )
    return page_id


def _fact_rows(extraction: Extraction, source: str | None) -> dict[str, list[dict[str, object]]]:
    url, version = extraction.url, extraction.extractor_version
    # language and source repeat the article's so that every fact table facets on them cheaply
    where = {"language": extraction.language, "source": source}

    def with_evidence(item: object, drop: tuple[str, ...] = ()) -> dict[str, object]:
        data = {k: v for k, v in asdict(item).items() if k not in (*drop, "evidence")}
        ev = item.evidence  # type: ignore[attr-defined]
        return {
            "article_url": url,
            **data,
            "evidence": ev.sentence,
            "span_start": ev.span_start,
            "span_end": ev.span_end,
            **where,
            "extractor_version": version,
        }

    return {
        "entities": [
            {"article_url": url, **asdict(e), **where, "extractor_version": version}
            for e in extraction.entities
        ],
        "index_facts": [with_evidence(f) for f in extraction.index_facts],
        "fact_candidates": [with_evidence(c) for c in extraction.fact_candidates],
        "percentages": [with_evidence(p) for p in extraction.percentages],
        "initiatives": [
            {**with_evidence(i), **initiative_columns(i, extraction.language)}
            for i in extraction.initiatives
        ],
    }


def save_extraction(
    db: Database,
    extraction: Extraction,
    *,
    source: str | None = None,
    page_id: int | None = None,
    fetched_at: str | None = None,
    content_hash: str | None = None,
    canonical_url: str | None = None,
) -> None:
    """Replace the article row and all its facts with ``extraction``, in one transaction.

    Raises:
        StoreError: a value does not fit its column (text for a year, a score...); nothing
            of the article is written.
    """
    _ensure_source(db, source)
    article = {
        "url": extraction.url,
        "canonical_url": canonical_url or extraction.url,
        "source": source,
        "language": extraction.language,
        "language_confidence": extraction.language_confidence,
        "title": extraction.title,
        "published": extraction.published.isoformat() if extraction.published else None,
        "author": extraction.author,
        "text": extraction.text,
        "text_origin": extraction.text_origin,
        "original_url": extraction.original_url,
        "fetched_at": fetched_at,
        "content_hash": content_hash,
        "page_id": page_id,
        "extractor_version": extraction.extractor_version,
    }
    try:
        with db.atomic():  # sqlite-utils runs in autocommit: ``with db.conn`` is no transaction
            for table in FACT_TABLES:
                db.execute(f"delete from [{table}] where article_url = ?", [extraction.url])
            db["articles"].upsert(article, pk="url")
            for table, rows in _fact_rows(extraction, source).items():
                if rows:
                    db[table].insert_all(rows, pk="id")
            db.execute("delete from failures where url = ? and stage = 'extract'", [extraction.url])
    except sqlite3.IntegrityError as exc:  # typed (STRICT) columns refuse a non-number
        raise StoreError(f"{extraction.url}: not saved: {exc}") from exc


def record_failure(
    db: Database, stage: str, url: str, error: BaseException | str, detail: str | None = None
) -> None:
    """Record (or replace) the failure of ``stage`` on ``url``, with its traceback or detail."""
    if isinstance(error, BaseException):
        detail = detail or "".join(traceback.format_exception(error))
        error = f"{type(error).__name__}: {error}"
    db.execute(
        "insert into failures (stage, url, error, detail, at) values (?, ?, ?, ?, ?) "
        "on conflict(stage, url) do update set error = excluded.error, "
        "detail = excluded.detail, at = excluded.at",
        [stage, url, error, detail, datetime.now(UTC).isoformat()],
    )


_PENDING_SQL = f"""
    from pages p
    left join articles a on a.url = p.url
    where {ADMITTED}
      and p.id > :after_id
      and (:everything or a.url is null or a.extractor_version != :version
           or coalesce(a.content_hash, '') != coalesce(p.content_hash, ''))
"""


def pages_to_extract(
    db: Database,
    extractor_version: str,
    *,
    everything: bool = False,
    after_id: int = 0,
    limit: int | None = None,
) -> list[dict[str, object]]:
    """Return the newest successful article pages with no current extraction, by page id.

    With ``everything`` every newest article page is returned, extracted or not. Exact
    duplicates (``duplicate_of`` set by the crawler) are left out: their original is extracted.
    ``after_id`` and ``limit`` page through the result (keyset), so callers hold one batch.
    ``warc_file`` is returned as an absolute path.
    """
    params = {
        "version": extractor_version,
        "everything": int(everything),
        "after_id": after_id,
        "limit": -1 if limit is None else limit,
    }
    sql = f"select p.* {_PENDING_SQL} order by p.id limit :limit"
    rows = list(db.query(sql, params))
    for row in rows:  # stored relative to the database; readers get a path they can open
        row["warc_file"] = resolve_from_db(db, row["warc_file"])  # type: ignore[arg-type]
    return rows


def count_pages_to_extract(db: Database, extractor_version: str, *, everything: bool) -> int:
    """Return how many pages ``pages_to_extract`` would return."""
    params = {"version": extractor_version, "everything": int(everything), "after_id": 0}
    return int(db.execute(f"select count(*) {_PENDING_SQL}", params).fetchone()[0])
