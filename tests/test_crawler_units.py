"""Pure parts of the crawler and its storage: no network, no Scrapy reactor."""

from __future__ import annotations

import gzip
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.classify import classify, simhash
from crawler.discovery import (
    feed_links,
    html_links,
    maybe_gunzip,
    robots_sitemaps,
    sitemap_links,
    sniff,
)
from crawler.errors import WarcError
from crawler.middlewares import retry_after_seconds
from crawler.models import CrawlReport, CrawlSettings, FetchedPage, Source
from crawler.urls import canonical_url, in_scope, looks_like_trap
from crawler.warc import WarcWriter, iter_responses, read_payload
from index import crawl_store
from index.schema import open_db
from tests.crawler_server import article_html, atom, rss, sitemap_index, urlset

SITE = Source(name="site", home_url="http://127.0.0.1:8000/", allowed_domains=("127.0.0.1:8000",))
NOW = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8000/a.html?utm_source=x&fbclid=y", "http://127.0.0.1:8000/a.html"),
        ("HTTP://Example.COM:80/a#top", "http://example.com/a"),
        ("http://e.com/a;jsessionid=AB12?id=3&PHPSESSID=9", "http://e.com/a?id=3"),
        ("http://e.com/a?b=2&a=1", "http://e.com/a?a=1&b=2"),
        ("http://e.com/news?newsid=5", "http://e.com/news?newsid=5"),
        ("http://e.com/./2024/05/a/../b/", "http://e.com/2024/05/b/"),
        ("http://e.com/2024/05/b/?replytocom=17#respond", "http://e.com/2024/05/b/"),
        ("javascript:void(0)", None),
        ("mailto:x@e.com", None),
    ],
)
def test_canonical_url(url: str, expected: str | None) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    ("url", "inside"),
    [
        ("http://127.0.0.1:8000/x", True),
        ("http://127.0.0.1:9000/x", False),  # another port is another site
        ("http://example.com/x", False),
    ],
)
def test_host_and_port_scope(url: str, inside: bool) -> None:
    assert in_scope(url, SITE) is inside


def test_allow_and_deny_patterns() -> None:
    source = replace(SITE, allow=(r"/news/",), deny=(r"/news/tag/",))
    checks = [in_scope(f"http://127.0.0.1:8000{p}", source) for p in ("/news/1", "/news/tag/a")]
    assert checks == [True, False]


@pytest.mark.parametrize(
    ("url", "trap"),
    [("http://e.com/a/b/a/b/a/b/c", True), ("http://e.com/news/2024/05/06/story", False)],
)
def test_trap_shapes(url: str, trap: bool) -> None:
    assert looks_like_trap(url) is trap


def test_robots_sitemap_lines() -> None:
    body = (
        b"User-agent: *\nDisallow: /x\nSitemap: http://e.com/s1.xml\nsitemap:http://e.com/s2.xml\n"
    )
    assert robots_sitemaps(body) == ("http://e.com/s1.xml", "http://e.com/s2.xml")


def test_sitemap_index_and_news_sitemap() -> None:
    index = sitemap_links(sitemap_index(["http://e.com/a.xml"]))
    news = sitemap_links(urlset(["http://e.com/1"], news=True))
    assert (index, news) == ((("http://e.com/a.xml",), True), (("http://e.com/1",), False))


@pytest.mark.parametrize("make", [rss, atom])
def test_feed_item_links(make: object) -> None:
    assert feed_links(make(["http://e.com/1", "http://e.com/2"])) == (  # type: ignore[operator]
        "http://e.com/1",
        "http://e.com/2",
    )


def test_html_links_by_role() -> None:
    body = (
        b'<html><head><link rel="canonical" href="/c"><link rel="alternate" '
        b'type="application/rss+xml" href="/rss"></head><body><a href="/a">a</a>'
        b'<a href="/p2">Next</a></body></html>'
    )
    found = html_links(body, "http://e.com/x")
    assert (found.links, found.next_pages, found.feeds, found.canonical) == (
        ("http://e.com/a",),
        ("http://e.com/p2",),
        ("http://e.com/rss",),
        "http://e.com/c",
    )


def test_gzip_bomb_in_a_sitemap_is_refused() -> None:
    with pytest.raises(ValueError, match="gzip"):
        maybe_gunzip(gzip.compress(b"\0" * 2_000_000), max_size=100_000)


@pytest.mark.parametrize(
    ("body", "ctype", "kind"),
    [
        (b"%PDF-1.4 ...", None, "pdf"),
        (b"<?xml version='1.0'?><rss></rss>", "text/xml", "feed"),
        (b"<urlset></urlset>", None, "sitemap"),
        (b"<!DOCTYPE html><html></html>", None, "html"),
        (b"\x89PNG", "image/png", "other"),
    ],
)
def test_sniff(body: bytes, ctype: str | None, kind: str) -> None:
    assert sniff(body, ctype) == kind


@pytest.mark.parametrize(
    ("url", "body", "kind", "reason"),
    [
        ("http://e.com/r.pdf", b"%PDF-1.4", "pdf", "pdf document"),
        ("http://e.com/a", b"", "html", "empty body"),
        ("http://e.com/a", article_html(1).encode(), "html", "metadata: og:type=article"),
        (
            "http://e.com/a",
            b'<html><script type="application/ld+json">{"@type": "NewsArticle"}</script></html>',
            "html",
            "metadata: json-ld NewsArticle",
        ),
    ],
)
def test_classify_reasons(url: str, body: bytes, kind: str, reason: str) -> None:
    assert classify(url, body, kind, SITE).reason == reason  # type: ignore[arg-type]


def test_undated_listing_is_not_an_article() -> None:
    body = b"<html><body><ul><li><a href='/1'>one</a></li></ul></body></html>"
    assert classify("http://e.com/category/x", body, "html", SITE).is_article is False


def test_simhash_of_a_lightly_edited_text_is_close() -> None:
    text = " ".join(f"word{i % 97} token{i % 31} item{i}" for i in range(300))
    a, b = simhash(text), simhash(text.replace("item150 ", "changed "))
    assert a is not None
    assert b is not None
    assert bin(int(a, 16) ^ int(b, 16)).count("1") <= 3


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("5", 5.0), ("Mon, 06 May 2024 08:00:30 GMT", 30.0), ("soon", None), (None, None)],
)
def test_retry_after_header(value: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, now=NOW) == seconds


def test_user_agent_carries_the_contact() -> None:
    agent = CrawlSettings(contact="https://example.org/crawler").full_user_agent
    assert agent.startswith("newsintel/")
    assert "+https://example.org/crawler" in agent


def test_warc_round_trip(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path)
    headers = (("Content-Type", "text/html; charset=windows-1258"), ("Content-Encoding", "gzip"))
    first = writer.write("http://e.com/1", 200, "OK", headers, b"\xd2body one", NOW)
    second = writer.write("http://e.com/2", 404, "", (), b"", NOW)
    writer.close()
    got_headers, body = read_payload(*first)
    records = [(r.url, r.status, r.warc_offset) for r in iter_responses(first[0])]
    assert body == b"\xd2body one"
    assert dict(got_headers)["X-Newsintel-Decoded-Content-Encoding"] == "gzip"
    assert records == [("http://e.com/1", 200, first[1]), ("http://e.com/2", 404, second[1])]


def test_read_payload_at_a_bad_offset_raises(tmp_path: Path) -> None:
    path, _ = WarcWriter(tmp_path).write("http://e.com/1", 200, "OK", (), b"x", NOW)
    with pytest.raises(WarcError):
        read_payload(path, 3)


def fetched(url: str, body: bytes = b"<p>x</p>", **kw: object) -> FetchedPage:
    import hashlib

    defaults: dict[str, object] = {
        "final_url": url,
        "source": "site",
        "status": 200,
        "content_type": "text/html",
        "body": body,
        "fetched_at": NOW,
        "content_hash": hashlib.sha256(body).hexdigest(),
        "is_article": True,
    }
    return FetchedPage(url=url, **{**defaults, **kw})  # type: ignore[arg-type]


def test_page_and_its_links_are_one_transaction_and_resume_from_the_frontier() -> None:
    db = open_db(":memory:")
    run = crawl_store.begin_crawl_run(db, ["site"])
    crawl_store.save_crawled_page(db, fetched("http://e.com/", links=("http://e.com/1",)), run)
    state = crawl_store.SqliteCrawlState(db, ["site"], crawl_store.begin_crawl_run(db, ["site"]))
    assert [q.url for q in state.pending()] == ["http://e.com/1"]
    assert state.is_done("http://e.com/")
    assert not state.is_done("http://e.com/1")


def test_finished_run_starts_a_new_one_and_skips_stored_articles() -> None:
    db = open_db(":memory:")
    run = crawl_store.begin_crawl_run(db, ["site"])
    crawl_store.save_crawled_page(db, fetched("http://e.com/1"), run)
    crawl_store.finish_crawl_run(db, run, CrawlReport(finish_reason="finished"))
    again = crawl_store.begin_crawl_run(db, ["site"])
    state = crawl_store.SqliteCrawlState(db, ["site"], again)
    refresh = crawl_store.SqliteCrawlState(db, ["site"], again, refresh=True)
    assert (again.resumed, state.is_done("http://e.com/1"), refresh.is_done("http://e.com/1")) == (
        False,
        True,
        False,
    )


def test_validators_come_from_the_last_successful_fetch() -> None:
    db = open_db(":memory:")
    run = crawl_store.begin_crawl_run(db, ["site"])
    headers = (("ETag", '"v1"'), ("Last-Modified", "Mon, 06 May 2024 08:00:00 GMT"))
    crawl_store.save_crawled_page(db, fetched("http://e.com/rss", headers=headers), run)
    found = crawl_store.SqliteCrawlState(db, ["site"], run).validators("http://e.com/rss")
    assert found is not None
    assert found.etag == '"v1"'


def test_exact_and_near_duplicates_are_flagged() -> None:
    db = open_db(":memory:")
    run = crawl_store.begin_crawl_run(db, ["site"])
    text = " ".join(f"word{i % 97} token{i % 31} item{i}" for i in range(300))
    near = simhash(text.replace("item150 ", "changed "))
    crawl_store.save_crawled_page(db, fetched("http://a.com/1", fingerprint=simhash(text)), run)
    crawl_store.save_crawled_page(db, fetched("http://b.com/copy"), run)
    crawl_store.save_crawled_page(db, fetched("http://c.com/2", b"<p>y</p>", fingerprint=near), run)
    flags = db.execute("select url, duplicate_of, near_duplicate_of from pages order by id")
    assert flags.fetchall() == [
        ("http://a.com/1", None, None),
        ("http://b.com/copy", "http://a.com/1", None),
        ("http://c.com/2", None, "http://a.com/1"),
    ]


def test_merging_a_shard_twice_adds_its_pages_once(tmp_path: Path) -> None:
    shard = tmp_path / "shard.db"
    other = open_db(shard)
    other_run = crawl_store.begin_crawl_run(other, ["site"])
    crawl_store.save_crawled_page(other, fetched("http://e.com/1"), other_run)
    other.close()
    db = open_db(tmp_path / "main.db")
    added = [crawl_store.merge_shard(db, shard) for _ in range(2)]
    assert added == [1, 0]


def test_import_warc_records_pages_pointing_at_the_file(tmp_path: Path) -> None:
    from newsintel.crawling import import_warc

    writer = WarcWriter(tmp_path / "in")
    html = (("Content-Type", "text/html"),)
    writer.write("http://e.com/a?utm_source=x", 200, "OK", html, article_html(1).encode(), NOW)
    writer.close()
    files = list((tmp_path / "in").iterdir())
    assert import_warc(tmp_path / "w.db", files) == (1, 1)
    row = open_db(tmp_path / "w.db").execute("select url, warc_file from pages").fetchone()
    assert row == ("http://e.com/a", f"in/{files[0].name}")  # relative to the database


def test_dated_listing_page_is_not_an_article() -> None:
    items = "".join(
        f"<li><a href='/n/{i}'>Story {i} published 2024-05-0{i % 9 + 1}</a></li>" for i in range(40)
    )
    body = f"<html><body><p>Published 2024-05-06 08:00</p><ul>{items}</ul></body></html>".encode()
    verdict = classify("http://e.com/latest", body, "html", SITE)
    assert verdict.is_article is False


def test_crawl_migrations_upgrade_an_old_database_without_losing_pages(tmp_path: Path) -> None:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from index.schema import m001_core

    old = Migrations("newsintel")
    old()(m001_core)  # a database as the first release left it
    db = Database(tmp_path / "old.db")
    old.apply(db)
    db["pages"].insert({"url": "http://e.com/1", "fetched_at": "2024-01-01", "status": 200})
    db.close()
    upgraded = open_db(tmp_path / "old.db")
    row = upgraded.execute("select url, status, etag, duplicate_of from pages").fetchall()
    assert row == [("http://e.com/1", 200, None, None)]
    assert {"crawl_runs", "crawl_frontier", "page_fingerprints"} <= set(upgraded.table_names())
