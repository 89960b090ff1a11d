"""Writes to the database: upserts on natural keys, so any stage run twice leaves the same rows."""

from __future__ import annotations

import json
import traceback
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime

from sqlite_utils import Database

from crawler.models import FetchedPage, Source
from extract.models import Extraction

__all__ = [
    "pages_to_extract",
    "record_failure",
    "save_extraction",
    "save_page",
    "save_source",
]


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
    if name and not db.execute("select 1 from sources where name = ?", [name]).fetchone():
        db["sources"].insert({"name": name, "kind": "other"}, pk="name", ignore=True)


def save_page(db: Database, page: FetchedPage) -> int:
    """Record one fetch in ``pages`` and return its id (the same id when saved twice)."""
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
        "warc_file": page.warc_file,
        "warc_offset": page.warc_offset,
        "error": page.error,
    }
    with db.conn:
        db["pages"].insert(row, ignore=True)
        found = db.execute(
            "select id from pages where url = ? and fetched_at = ?",
            [page.url, row["fetched_at"]],
        ).fetchone()
    return int(found[0])


def _fact_rows(extraction: Extraction) -> dict[str, list[dict[str, object]]]:
    url, version = extraction.url, extraction.extractor_version

    def with_evidence(item: object, drop: tuple[str, ...] = ()) -> dict[str, object]:
        data = {k: v for k, v in asdict(item).items() if k not in (*drop, "evidence")}
        ev = item.evidence  # type: ignore[attr-defined]
        return {
            "article_url": url,
            **data,
            "evidence": ev.sentence,
            "span_start": ev.span_start,
            "span_end": ev.span_end,
            "extractor_version": version,
        }

    return {
        "entities": [
            {"article_url": url, **asdict(e), "extractor_version": version}
            for e in extraction.entities
        ],
        "index_facts": [with_evidence(f) for f in extraction.index_facts],
        "percentages": [with_evidence(p) for p in extraction.percentages],
        "initiatives": [with_evidence(i) for i in extraction.initiatives],
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
    """Replace the article row and all its facts with ``extraction``, in one transaction."""
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
    with db.conn:
        for table in ("entities", "index_facts", "percentages", "initiatives"):
            db.execute(f"delete from [{table}] where article_url = ?", [extraction.url])
        db["articles"].upsert(article, pk="url")
        for table, rows in _fact_rows(extraction).items():
            if rows:
                db[table].insert_all(rows, pk="id")
        db.execute("delete from failures where url = ? and stage = 'extract'", [extraction.url])


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


def pages_to_extract(
    db: Database, extractor_version: str, *, everything: bool = False
) -> Iterator[dict[str, object]]:
    """Yield the newest successful article page per URL that has no current extraction.

    With ``everything`` every newest article page is yielded, extracted or not.
    """
    yield from db.query(
        """
        select p.* from pages p
        join (select url, max(fetched_at) as latest from pages
              where error is null and status between 200 and 299 group by url) l
          on p.url = l.url and p.fetched_at = l.latest
        left join articles a on a.url = p.url
        where coalesce(p.is_article, 1) = 1
          and (:everything or a.url is null or a.extractor_version != :version
               or coalesce(a.content_hash, '') != coalesce(p.content_hash, ''))
        order by p.id
        """,
        {"version": extractor_version, "everything": int(everything)},
    )
