"""Crawls of well-behaved fixture sites: discovery paths, robots, incremental recrawl, dry run."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.crawler_run import FAST, rows, run_cli
from tests.crawler_server import (
    FixtureServer,
    article_html,
    atom,
    gzipped,
    listing_html,
    rss,
    sitemap_index,
    urlset,
)

ARTICLES = {
    "gzipped sitemap": [1, 2, 3],
    "news sitemap": [4, 5, 6],
    "rss": [7, 8, 9],
    "atom": [10, 11, 12],
    "pagination": [13, 14, 15, 16, 17, 18],
}


def build_site(server: FixtureServer) -> None:
    a = server.url
    server.page(
        "/robots.txt",
        f"User-agent: *\nDisallow: /private/\nSitemap: {a('/sitemap.xml')}\n",
        "text/plain",
    )
    server.page(
        "/sitemap.xml",
        sitemap_index([a("/sitemaps/main.xml.gz"), a("/sitemaps/news.xml")]),
        "application/xml",
    )
    main = urlset([a(f"/a/{i}.html") for i in ARTICLES["gzipped sitemap"]])
    server.page("/sitemaps/main.xml.gz", gzipped(main), "application/gzip")
    news = urlset([a(f"/a/{i}.html") for i in ARTICLES["news sitemap"]], news=True)
    server.page("/sitemaps/news.xml", news, "application/xml")
    server.page(
        "/rss.xml", rss([a(f"/a/{i}.html") for i in ARTICLES["rss"]]), "application/rss+xml"
    )
    server.page(
        "/atom.xml", atom([f"/a/{i}.html" for i in ARTICLES["atom"]]), "application/atom+xml"
    )
    feeds = (
        '<link rel="alternate" type="application/rss+xml" href="/rss.xml">'
        '<link rel="alternate" type="application/atom+xml" href="/atom.xml">'
    )
    server.page("/", listing_html(["/private/secret.html"], "/cat?page=1", extra=feeds))
    pages = [ARTICLES["pagination"][i : i + 2] for i in range(0, 6, 2)]
    for number, chunk in enumerate(pages, start=1):
        nxt = f"/cat?page={number + 1}" if number < len(pages) else None
        server.page(f"/cat?page={number}", listing_html([f"/a/{i}.html" for i in chunk], nxt))
    for numbers in ARTICLES.values():
        for i in numbers:
            server.page(f"/a/{i}.html", article_html(i))
    server.page("/private/secret.html", article_html(99))


@pytest.fixture(scope="module")
def site() -> Iterator[FixtureServer]:
    with FixtureServer() as server:
        build_site(server)
        yield server


@pytest.fixture(scope="module")
def crawled(site: FixtureServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sites") / "news.db"
    run_cli(db, "crawl", "--seed", site.url("/"), *FAST)
    return db


@pytest.mark.parametrize("path", sorted(ARTICLES))
def test_every_discovery_path_finds_its_articles(
    site: FixtureServer, crawled: Path, path: str
) -> None:
    assert [site.count(f"/a/{i}.html") for i in ARTICLES[path]] == [1] * len(ARTICLES[path])


def test_robots_disallow_is_obeyed(site: FixtureServer, crawled: Path) -> None:
    assert site.count("/private/secret.html") == 0


def test_articles_are_stored_with_warc_records(crawled: Path) -> None:
    found = rows(
        crawled,
        "select count(*), count(warc_file), count(distinct url) from pages where is_article = 1",
    )
    assert found == [(18, 18, 18)]


def test_user_agent_names_the_project(site: FixtureServer, crawled: Path) -> None:
    agents = {h.headers.get("User-Agent", "") for h in site.hits}
    assert all(agent.startswith("newsintel/") for agent in agents)


def test_second_run_is_incremental(site: FixtureServer, crawled: Path) -> None:
    """A new RSS item is the only article fetched; unchanged discovery pages answer 304."""
    before = site.counts()
    site.page("/a/50.html", article_html(50))
    urls = [site.url(f"/a/{i}.html") for i in [*ARTICLES["rss"], 50]]
    site.page("/rss.xml", rss(urls), "application/rss+xml")
    run_cli(crawled, "crawl", "--seed", site.url("/"), *FAST)
    new = site.counts() - before
    articles = {p: n for p, n in new.items() if p.startswith("/a/")}
    assert articles == {"/a/50.html": 1}
    assert {h.status for h in site.hits[-sum(new.values()) :] if h.path != "/rss.xml"} <= {
        200,
        304,
    }
    conditional = [h for h in site.hits[-sum(new.values()) :] if h.path == "/sitemap.xml"]
    assert conditional[0].status == 304


def test_refresh_fetches_stored_articles_again(site: FixtureServer, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    run_cli(db, "crawl", "--seed", site.url("/"), *FAST)
    before = site.count("/a/1.html")
    run_cli(db, "crawl", "--seed", site.url("/"), "--refresh", *FAST)
    assert site.count("/a/1.html") == before + 1


def test_dry_run_lists_urls_without_fetching_articles(site: FixtureServer, tmp_path: Path) -> None:
    before = site.count("/a/1.html")
    result = run_cli(tmp_path / "d.db", "crawl", "--seed", site.url("/"), "--dry-run", *FAST)
    assert site.url("/a/1.html") in result.stdout
    assert site.count("/a/1.html") == before


def test_status_reports_counts_per_source(crawled: Path) -> None:
    import json

    result = run_cli(crawled, "status", "--json")
    row = json.loads(result.stdout.splitlines()[0])
    assert (row["articles"] >= 18, row["errors"]) == (True, 0)


def test_crawl_delay_from_robots_spaces_requests(tmp_path: Path) -> None:
    with FixtureServer() as server:
        server.page("/robots.txt", "User-agent: *\nCrawl-delay: 0.4\n", "text/plain")
        server.page("/", listing_html([f"/a/{i}.html" for i in range(4)]))
        for i in range(4):
            server.page(f"/a/{i}.html", article_html(i))
        run_cli(tmp_path / "c.db", "crawl", "--seed", server.url("/"), *FAST)
        times = sorted(h.at for h in server.hits if h.path != "/robots.txt")
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) >= 5  # home, articles (and the /sitemap.xml guess)
    assert min(gaps) >= 0.35


def test_urls_cut_by_the_page_budget_are_fetched_next_run(
    site: FixtureServer, tmp_path: Path
) -> None:
    db = tmp_path / "b.db"
    run_cli(db, "crawl", "--seed", site.url("/"), "--max-pages", "6", *FAST)
    first = rows(db, "select count(*) from pages where is_article = 1")[0][0]
    run_cli(db, "crawl", "--seed", site.url("/"), *FAST)
    total = rows(db, "select count(distinct url) from pages where is_article = 1")[0][0]
    assert (first < 18, total >= 18) == (True, True)  # 19 once the RSS test added one


def test_crawl_log_is_written_beside_the_database(crawled: Path) -> None:
    log = crawled.parent / "crawl.log"
    assert "Spider opened" in log.read_text("utf-8")


def test_progress_snapshots_reach_the_caller(site: FixtureServer, tmp_path: Path) -> None:
    from crawler.models import CrawlProgress, CrawlSettings
    from newsintel.crawling import run_crawl, seed_source

    snapshots: list[CrawlProgress] = []
    settings = CrawlSettings(delay=0, concurrency=4, max_pages=5)
    run_crawl(tmp_path / "p.db", [seed_source(site.url("/"))], settings, progress=snapshots.append)
    assert snapshots[-1].fetched >= 5
