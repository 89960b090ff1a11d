"""Crawl state in the database: runs, the durable frontier, and what a recrawl may skip.

A page and the URLs it queued are written in one transaction (``save_crawled_page``), so a
crawl killed at any moment resumes from the frontier with nothing lost and nothing stored
twice: ``SqliteCrawlState`` (the crawler's ``CrawlState``) reads it back.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.utils import sqlite3  # pysqlite3 when installed: its errors are its own

from crawler.models import UNCHANGED, CrawlReport, FetchedPage
from crawler.state import QueuedUrl, Validators
from index.errors import StoreError
from index.paths import relative_to_db
from index.store import save_page

__all__ = [
    "CrawlRun",
    "SqliteCrawlState",
    "begin_crawl_run",
    "crawl_status",
    "finish_crawl_run",
    "merge_shard",
    "save_crawled_page",
]

_OK = "error is null and status between 200 and 299"


@dataclass(frozen=True, slots=True)
class CrawlRun:
    """One crawl of a set of sources; ``resumed`` when it continues an interrupted one."""

    id: int
    sources: tuple[str, ...]
    resumed: bool


def _now() -> str:
    return datetime.now(UTC).isoformat()


def begin_crawl_run(db: Database, sources: Sequence[str]) -> CrawlRun:
    """Continue the latest unfinished crawl of exactly these sources, or start a new one."""
    key = json.dumps(sorted(sources))
    with db.conn:
        row = db.execute(
            "select id, finished_at from crawl_runs where sources = ? order by id desc limit 1",
            [key],
        ).fetchone()
        if row is not None and row[1] is None:
            return CrawlRun(int(row[0]), tuple(sorted(sources)), True)
        cursor = db.execute(
            "insert into crawl_runs (sources, started_at) values (?, ?)", [key, _now()]
        )
    return CrawlRun(int(cursor.lastrowid or 0), tuple(sorted(sources)), False)


def finish_crawl_run(db: Database, run: CrawlRun, report: CrawlReport) -> None:
    """Mark a crawl finished with its counts (an interrupted crawl never gets here)."""
    with db.conn:
        db.execute(
            "update crawl_runs set finished_at = ?, finish_reason = ?, fetched = "
            "coalesce(fetched, 0) + ?, articles = coalesce(articles, 0) + ?, "
            "errors = coalesce(errors, 0) + ? where id = ?",
            [_now(), report.finish_reason, report.fetched, report.articles, report.errors, run.id],
        )


def save_crawled_page(db: Database, page: FetchedPage, run: CrawlRun) -> int:
    """Store a fetched page, queue the URLs it led to and mark it done, in one transaction.

    A page that answered 404 or 410 (``reason`` "gone") is marked ``gone`` in the frontier:
    ``status`` counts it, and a stored article at that URL is known to be deleted. A listing,
    feed or sitemap that answered as its latest stored fetch (``reason`` ``UNCHANGED``) adds
    no row: its links are queued and the id of that stored row is returned.
    """
    now = _now()
    state = "gone" if page.reason == "gone" else "done"
    with db.conn:
        if page.reason == UNCHANGED:
            page_id = _latest_ok_id(db, page.url)
        else:
            page_id = save_page(db, page, crawl_run=run.id)
        db.conn.executemany(
            "insert into crawl_frontier (url, source, depth, state, crawl_run, discovered_at) "
            "values (?, ?, ?, 'queued', ?, ?) on conflict(url) do update set "
            "state = 'queued', crawl_run = excluded.crawl_run, depth = excluded.depth "
            "where crawl_frontier.crawl_run != excluded.crawl_run",
            [(url, page.source, page.depth + 1, run.id, now) for url in page.links],
        )
        db.execute(
            "insert into crawl_frontier (url, source, depth, state, crawl_run, discovered_at) "
            "values (?, ?, ?, ?, ?, ?) on conflict(url) do update set state = excluded.state, "
            "crawl_run = excluded.crawl_run",
            [page.url, page.source, page.depth, state, run.id, now],
        )
    return page_id


def _latest_ok(db: Database, url: str, columns: str) -> tuple[object, ...] | None:
    """Return ``columns`` (constant SQL) of the latest successful fetch stored for ``url``."""
    sql = f"select {columns} from pages where url = ? and {_OK} order by id desc limit 1"
    row = db.execute(sql, [url]).fetchone()
    return tuple(row) if row else None


def _latest_ok_id(db: Database, url: str) -> int:
    """Return the id of the latest successful fetch stored for ``url`` (0 if there is none)."""
    row = _latest_ok(db, url, "id")
    return int(str(row[0])) if row else 0


class SqliteCrawlState:
    """The crawler's ``CrawlState`` over the database, loaded once at the start of a crawl."""

    def __init__(
        self,
        db: Database,
        sources: Sequence[str],
        run: CrawlRun,
        *,
        refresh: bool = False,
        revisit_days: Mapping[str, int] | None = None,
    ):
        """Load what the crawl of ``sources`` may skip and what it must fetch.

        Args:
            db: the database.
            sources: names of the sources crawled.
            run: the crawl run (a resumed run skips what it stored already).
            refresh: fetch stored articles again.
            revisit_days: per source, fetch stored articles last fetched longer ago again
                (with ``refresh``, every stored article is fetched again).
        """
        self.db = db
        self.run = run
        marks = ", ".join("?" * len(sources))
        self._done = {
            r[0]
            for r in db.execute(
                "select url from crawl_frontier where crawl_run = ? and state in ('done', 'gone') "
                "union select url from pages where crawl_run = ?",
                [run.id, run.id],
            )
        }
        if not refresh:  # stored articles, and permanent redirects (their target is a URL too)
            self._done.update(
                r[0]
                for r in db.execute(
                    f"select url from pages where source in ({marks}) and error is null and "
                    "((is_article = 1 and status between 200 and 299) or status in (301, 308))",
                    list(sources),
                )
            )
        queued = db.execute(
            f"select url, source, depth from crawl_frontier where state = 'queued' "
            f"and source in ({marks}) order by depth, discovered_at",
            list(sources),
        ).fetchall()
        # Listings, feeds and sitemaps are polled again (conditionally): a 304 yields no
        # links, so the pages they led to must not depend on being rediscovered through them.
        revisit = db.execute(
            f"select url, source, min(depth) from pages where is_article = 0 and {_OK} "
            f"and source in ({marks}) group by url, source order by 3",
            list(sources),
        ).fetchall()
        # --refresh revisits every stored article (conditionally: a listing's 304 lists none)
        every = dict.fromkeys(sources, 0)
        stale = _stale_articles(db, every if refresh else (revisit_days or {}))
        self._done.difference_update(r[0] for r in stale)
        self._pending = [
            QueuedUrl(r[0], r[1], int(r[2] or 0))
            for r in (*queued, *revisit, *stale)
            if r[0] not in self._done
        ]

    def pending(self) -> Iterable[QueuedUrl]:
        """Return queued URLs not stored since, then the listings and feeds to poll again."""
        return tuple(self._pending)

    def is_done(self, url: str) -> bool:
        """Whether ``url`` is a stored article (unless refreshing) or done in this run."""
        return url in self._done

    def fetched_at(self, url: str) -> datetime | None:
        """Return when ``url`` was last fetched with a 2xx or 304 answer, if ever."""
        row = self.db.execute(
            "select max(fetched_at) from pages where url = ? and error is null "
            "and (status between 200 and 299 or status = 304)",
            [url],
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def listing_hash(self, url: str) -> str | None:
        """Return the body hash of the latest successful fetch of ``url`` if it was no article."""
        row = _latest_ok(self.db, url, "content_hash, is_article")
        return str(row[0]) if row and row[0] and not row[1] else None

    def validators(self, url: str) -> Validators | None:
        """Return the ETag / Last-Modified of the last successful fetch of ``url``."""
        row = self.db.execute(
            f"select etag, last_modified from pages where url = ? and {_OK} "
            "and (etag is not null or last_modified is not null) order by id desc limit 1",
            [url],
        ).fetchone()
        return Validators(row[0], row[1]) if row else None


def _stale_articles(db: Database, revisit_days: Mapping[str, int]) -> list[tuple[str, str, int]]:
    """Return (url, source, depth) of stored articles last fetched over ``revisit_days`` ago."""
    stale: list[tuple[str, str, int]] = []
    for source, days in revisit_days.items():
        cutoff = (datetime.now(UTC) - timedelta(days=days)).isoformat()
        stale += db.execute(
            "select url, source, min(depth) from pages where source = ? and url in "
            "(select url from pages where source = ? and is_article = 1 and error is null) "
            "and error is null and (status between 200 and 299 or status = 304) "
            "group by url, source having max(fetched_at) < ?",
            [source, source, cutoff],
        ).fetchall()
    return stale


def crawl_status(db: Database) -> list[dict[str, object]]:
    """Return one row per source: pages, articles, errors, error rate, last fetch and crawl."""
    return list(
        db.query(
            """
            select s.name as source,
                   count(p.id) as pages,
                   coalesce(sum(p.is_article = 1 and p.error is null), 0) as articles,
                   coalesce(sum(p.error is not null or p.status >= 400), 0) as errors,
                   round(1.0 * coalesce(sum(p.error is not null or p.status >= 400), 0)
                         / max(count(p.id), 1), 3) as error_rate,
                   coalesce(sum(p.status = 304), 0) as not_modified,
                   max(p.fetched_at) as last_fetch,
                   (select max(coalesce(r.finished_at, r.started_at)) from crawl_runs r
                     where r.sources like '%"' || s.name || '"%') as last_crawl,
                   (select count(*) from crawl_frontier f
                     where f.source = s.name and f.state = 'queued') as queued,
                   (select count(*) from crawl_frontier f
                     where f.source = s.name and f.state = 'gone') as gone
            from sources s left join pages p on p.source = s.name
            group by s.name order by s.name
            """
        )
    )


_PAGE_COLUMNS = (
    "url, final_url, source, status, content_type, fetched_at, content_hash, content_length, "
    "is_article, reason, warc_file, warc_offset, error, etag, last_modified, fingerprint, "
    "duplicate_of, near_duplicate_of, depth"
)


_REINDEX_FINGERPRINTS = """
insert or ignore into page_fingerprints (page_id, band, value)
select p.id, b.band, substr(p.fingerprint, b.band * 4 + 1, 4)
from pages p, (select 0 as band union all select 1 union all select 2 union all select 3) b
where p.fingerprint is not null and p.is_article = 1
"""


# store.save_page's exact-duplicate rule for pages copied in bulk: a page is the duplicate of
# the page that showed its body first under another URL. "First" is by fetch time, not by
# row: the shards' processes fetched concurrently, so only the clock orders them as one
# crawl would; every page sharing a body with the shard just merged is decided again.
_MARK_DUPLICATES = """
update pages set duplicate_of = (
    select q.url from pages q
    where q.content_hash = pages.content_hash and q.url != pages.url
      and q.error is null and q.status between 200 and 299
      and (q.fetched_at, q.id) < (pages.fetched_at, pages.id)
    order by q.fetched_at, q.id limit 1)
where error is null and content_length > 0
  and content_hash in (select content_hash from pages where id > ?)
"""


def _rebase(db: Database, shard: Path) -> Callable[[str | None], str | None]:
    """Map a WARC path stored in ``shard`` (relative to it) to one relative to ``db``."""
    directory = shard.resolve().parent

    def rebase(stored: str | None) -> str | None:
        if not stored:
            return stored
        return relative_to_db(db, os.path.normpath(directory / str(stored)))

    return rebase


def merge_shard(db: Database, shard: str | Path) -> int:
    """Copy the sources and pages of a shard database into ``db``; return pages added.

    Pages are keyed by (url, fetched_at), so merging a shard twice adds nothing. A page whose
    body another page (of any shard) showed first is marked its duplicate, as one crawl would
    mark it. WARC paths are stored relative to each database: a shard's paths are rewritten
    to point, from this database, at the same files (copy the shard's WARC folder with it).

    Raises:
        StoreError: the shard is missing or not a newsintel database.
    """
    path = Path(shard)
    if not path.is_file():
        raise StoreError(f"{path}: no such shard database")
    before, last_id = db.execute("select count(*), coalesce(max(id), 0) from pages").fetchone()
    try:
        db.execute("attach database ? as shard", [str(path)])
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot attach: {exc}") from exc
    try:
        with db.conn:
            db.execute(
                "insert or ignore into sources (name, home_url, kind, province, languages, "
                "allowed_domains) select name, home_url, kind, province, languages, "
                "allowed_domains from shard.sources"
            )
            db.conn.create_function("newsintel_rebase", 1, _rebase(db, path))
            select = _PAGE_COLUMNS.replace("warc_file", "newsintel_rebase(warc_file)")
            db.execute(
                f"insert or ignore into pages ({_PAGE_COLUMNS}) "
                f"select {select} from shard.pages order by id"
            )
            db.execute(_REINDEX_FINGERPRINTS)
            db.execute(_MARK_DUPLICATES, [last_id])
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: not a newsintel database: {exc}") from exc
    finally:
        db.execute("detach database shard")
    return int(db.execute("select count(*) from pages").fetchone()[0] - before)
