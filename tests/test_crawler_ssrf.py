"""Hostile sites that try to make the crawler request what it must not (issue 16, finding 1).

Every refused request is refused before it is made: nothing answers on 169.254.169.254 or on
10.x here, so a request that was made would leave a failed page row (and the resolver table
of the direct crawls maps public-looking names onto those addresses).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.models import CrawlSettings, FetchedPage, Source
from tests.crawler_run import crawl_direct, rows, run_cli
from tests.crawler_server import FixtureServer, Reply, article_html, listing_html, urlset

METADATA = "http://169.254.169.254/latest/meta-data/iam/"
QUICK = ("--delay", "0", "--timeout", "1", "--retries", "0")


def redirect(location: str) -> object:
    return lambda request: Reply(302, b"", {"Location": location})


@pytest.fixture(scope="module")
def other() -> Iterator[FixtureServer]:
    with FixtureServer() as server:
        server.page("/elsewhere.html", article_html(90))
        yield server


@pytest.fixture(scope="module")
def site(other: FixtureServer) -> Iterator[FixtureServer]:
    with FixtureServer() as server:
        server.routes["/start-meta"] = redirect(METADATA)  # type: ignore[assignment]
        server.routes["/start-other"] = redirect(other.url("/elsewhere.html"))  # type: ignore[assignment]
        server.routes["/start-port"] = redirect("http://127.0.0.1:6379/")  # type: ignore[assignment]
        robots = f"User-agent: *\nSitemap: {METADATA}sitemap.xml\nSitemap: /local-sitemap.xml\n"
        server.page("/robots.txt", robots, "text/plain")
        server.page("/local-sitemap.xml", urlset([server.url("/story/1.html")]), "text/xml")
        server.page("/story/1.html", article_html(1))
        yield server


@pytest.fixture(scope="module")
def crawled(site: FixtureServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    dbs = {}
    for start in ("/start-meta", "/start-other", "/start-port"):
        db = tmp_path_factory.mktemp("ssrf") / "news.db"
        run_cli(db, "crawl", "--seed", site.url(start), *QUICK)
        dbs[start] = db
    return dbs


def error_of(db: Path, url: str) -> str:
    return str(rows(db, "select error from pages where url = ?", (url,))[0][0])


@pytest.mark.parametrize("start", ["/start-meta", "/start-other", "/start-port"])
def test_seed_redirect_off_the_source_is_refused(
    site: FixtureServer, crawled: dict[str, Path], start: str
) -> None:
    assert error_of(crawled[start], site.url(start)).startswith("redirect refused")


def test_seed_redirect_to_cloud_metadata_is_never_requested(crawled: dict[str, Path]) -> None:
    assert rows(crawled["/start-meta"], "select url from pages where url like 'http://169.%'") == []


def test_seed_redirect_to_another_host_is_not_stored_as_the_source(
    other: FixtureServer, crawled: dict[str, Path]
) -> None:
    stored = rows(crawled["/start-other"], "select url from pages where url like ?", ("%else%",))
    assert (other.count("/elsewhere.html"), stored) == (0, [])


def test_robots_sitemap_on_cloud_metadata_is_refused(
    site: FixtureServer, crawled: dict[str, Path]
) -> None:
    urls = {str(r[0]) for r in rows(crawled["/start-meta"], "select url from pages")}
    assert (f"{METADATA}sitemap.xml" in urls, site.url("/story/1.html") in urls) == (False, True)


def direct(site: FixtureServer, names: dict[str, str], source: Source) -> list[FetchedPage]:
    settings = CrawlSettings(delay=0, timeout=1, retries=0, autothrottle=False)
    _, pages, _ = crawl_direct([source], settings, names)
    return pages  # type: ignore[return-value]


@pytest.fixture(scope="module")
def resolved(site: FixtureServer) -> tuple[object, list[FetchedPage], list[str]]:
    """A source whose allowed domain has names resolving to metadata and private addresses."""
    links = ["http://news.example.org/story.html", "http://intranet.example.org/x.html"]
    site.page("/links.html", listing_html(links))
    netloc = site.base.split("//")[1]
    source = Source(
        name="s",
        home_url=site.url("/links.html"),
        allowed_domains=(netloc, "example.org"),
    )
    names = {"news.example.org": "169.254.169.254", "intranet.example.org": "10.1.2.3"}
    settings = CrawlSettings(delay=0, timeout=1, retries=0, autothrottle=False)
    return crawl_direct([source], settings, names)  # type: ignore[list-item]


def test_names_resolving_to_private_addresses_are_refused_before_any_request(
    resolved: tuple[object, list[FetchedPage], list[str]],
) -> None:
    report, pages, asked = resolved
    fetched = [(p.status, p.reason[:8]) for p in pages if "example.org" in p.url]  # type: ignore[index]
    assert (fetched, sorted(set(asked)), report.refused) == (  # type: ignore[attr-defined]
        [(0, "refused:"), (0, "refused:")],
        ["intranet.example.org", "news.example.org"],
        3,  # the two links and the robots.txt Sitemap: line on 169.254.169.254
    )


def test_a_named_local_source_is_fetched_through_the_checked_address(
    site: FixtureServer,
) -> None:
    port = site.base.rsplit(":", 1)[1]
    site.page("/named.html", article_html(7))
    source = Source(
        name="named",
        home_url=f"http://site.example.org:{port}/named.html",
        allowed_domains=(f"site.example.org:{port}",),
    )
    pages = direct(site, {"site.example.org": "127.0.0.1"}, source)
    assert [(p.url, p.is_article) for p in pages if p.url.endswith("named.html")] == [
        (source.home_url, True)
    ]
