"""The one classification and admission step: which pages become articles, and why not."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.warc import WarcRecord
from index import store
from index.admission import local_page, page_from_record, skip_reason
from index.schema import open_db
from newsintel.pipeline import add_files
from tests.crawler_server import article_html

WHEN = datetime(2024, 5, 6, tzinfo=UTC)
SITEMAP = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
SITEMAP += b"<url><loc>http://e.com/a</loc></url></urlset>"
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
HOME = b'<html><head><meta property="og:type" content="website"></head><body>Hi</body></html>'


def _record(url: str, body: bytes, ctype: str, status: int = 200, when: datetime = WHEN):
    return WarcRecord(url, status, (("Content-Type", ctype),), body, when, "/x.warc.gz", 0)


@pytest.mark.parametrize(
    ("url", "body", "ctype", "status"),
    [
        ("http://e.com/sitemap.xml", SITEMAP, "application/xml", 200),
        ("http://e.com/feed.xml", FEED, "application/rss+xml", 200),
        ("http://e.com/robots.txt", b"User-agent: *\n", "text/plain", 200),
        ("http://e.com/", HOME, "text/html", 200),
        ("http://e.com/gone", b"<p>gone</p>", "text/html", 404),
    ],
)
def test_records_that_are_no_article_are_classified_so(
    url: str, body: bytes, ctype: str, status: int
) -> None:
    page = page_from_record(_record(url, body, ctype, status))
    assert (page.is_article, page.source) == (False, "e.com")


def test_an_article_record_is_an_article_with_its_fingerprint() -> None:
    page = page_from_record(_record("http://e.com/a", article_html(1).encode(), "text/html"))
    assert page.is_article
    assert page.fingerprint is not None


def _stored(db: object, *records: WarcRecord) -> list[int]:
    return [store.save_page(db, page_from_record(r)) for r in records]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("records", "reason"),
    [
        ([_record("http://e.com/s.xml", SITEMAP, "application/xml")], "not an article"),
        ([_record("http://e.com/g", b"<p>x</p>", "text/html", 404)], "HTTP 404"),
        (
            [
                _record("http://e.com/a", article_html(1).encode(), "text/html"),
                _record("http://m.com/a", article_html(1).encode(), "text/html"),
            ],
            "duplicate of http://e.com/a",
        ),
        ([_record("http://e.com/a", article_html(1).encode(), "text/html")], None),
    ],
    ids=["sitemap", "error", "duplicate", "article"],
)
def test_skip_reason_says_why_a_page_is_not_admitted(
    records: list[WarcRecord], reason: str | None
) -> None:
    db = open_db(":memory:")
    last = _stored(db, *records)[-1]
    found = skip_reason(db, last)
    assert (found or "").startswith(reason or "")
    assert (found is None) == (reason is None)


def test_an_older_fetch_is_not_admitted_once_a_newer_one_is_stored() -> None:
    db = open_db(":memory:")
    old = _record("http://e.com/a", article_html(2).encode(), "text/html", when=WHEN)
    new = _record("http://e.com/a", article_html(1).encode(), "text/html", when=WHEN.replace(day=7))
    old_id, new_id = _stored(db, old, new)
    assert (skip_reason(db, old_id), skip_reason(db, new_id)) == (
        "a newer fetch of this URL is stored",
        None,
    )


def test_extract_takes_exactly_the_admitted_pages() -> None:
    db = open_db(":memory:")
    ids = _stored(
        db,
        _record("http://e.com/a", article_html(1).encode(), "text/html"),
        _record("http://m.com/a", article_html(1).encode(), "text/html"),
        _record("http://e.com/s.xml", SITEMAP, "application/xml"),
        _record("http://e.com/b", article_html(2).encode(), "text/html"),
    )
    admitted = [i for i in ids if skip_reason(db, i) is None]
    assert [r["id"] for r in store.pages_to_extract(db, "any")] == admitted == [ids[0], ids[3]]


def test_add_skips_a_sitemap_and_extracts_a_document(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_bytes(SITEMAP)
    (tmp_path / "report.txt").write_text("Bac Ninh ranked 9th of 63 in the 2024 PAR Index.")
    assert not local_page(tmp_path / "sitemap.xml").is_article
    db = open_db(tmp_path / "n.db")
    report = add_files(db, [tmp_path / "sitemap.xml", tmp_path / "report.txt"])
    urls = [r[0] for r in db.execute("select url from articles")]
    assert (report.failed, [u.rsplit("/", 1)[1] for u in urls]) == (0, ["report.txt"])
