"""Hostile and broken sites, one fixture server each (issue 16, findings 2-12).

Each test crawls a small site on 127.0.0.1 that misbehaves in one way and asserts on the
server's request log or the database. Delays are sub-second; nothing asserts on time.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crawler.models import CrawlSettings, FetchedPage, Source
from tests.crawler_run import FAST, cli_args, crawl_direct, rows, run_cli
from tests.crawler_server import (
    FixtureServer,
    Reply,
    Request,
    article_html,
    listing_html,
    sitemap_index,
    urlset,
)

ROBOTS_OPEN = "User-agent: *\nDisallow:\n"


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with FixtureServer() as fixture:
        yield fixture


def paths(server: FixtureServer, prefix: str = "/") -> list[str]:
    return sorted(h.path for h in server.hits if h.path.startswith(prefix))


def status_of(db: Path) -> dict[str, dict[str, object]]:
    result = run_cli(db, "status", "--json")
    return {row["source"]: row for row in map(json.loads, result.stdout.splitlines())}


def small_site(server: FixtureServer, robots: str = ROBOTS_OPEN, n: int = 2) -> None:
    server.page("/robots.txt", robots, "text/plain")
    server.page("/", listing_html([f"/a/{i}.html" for i in range(n)]))
    for i in range(n):
        server.page(f"/a/{i}.html", article_html(i))


def sources_file(tmp_path: Path, **homes: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(
        "".join(
            f'[[sources]]\nname = "{name}"\nhome_url = "{url}"\n\n' for name, url in homes.items()
        )
    )
    return path


# ----- finding 2: Crawl-delay ----------------------------------------------------------------


@pytest.fixture
def slow_and_fast(tmp_path: Path) -> Iterator[tuple[FixtureServer, FixtureServer, Path]]:
    with FixtureServer() as slow, FixtureServer() as fast:
        small_site(slow, "User-agent: *\nCrawl-delay: 100000\n")
        small_site(fast)
        yield slow, fast, sources_file(tmp_path, slow=slow.url("/"), fast=fast.url("/"))


def test_huge_crawl_delay_is_capped_and_logged(
    slow_and_fast: tuple[FixtureServer, FixtureServer, Path], tmp_path: Path
) -> None:
    slow, fast, sources = slow_and_fast
    db = tmp_path / "d.db"
    run_cli(db, "crawl", "--sources", str(sources), "--max-crawl-delay", "0.3", *FAST, timeout=60)
    log = (tmp_path / "crawl.log").read_text("utf-8")
    assert (paths(slow, "/a/"), paths(fast, "/a/"), "capped at 0.3 s" in log) == (
        ["/a/0.html", "/a/1.html"],
        ["/a/0.html", "/a/1.html"],
        True,
    )


def test_source_that_cannot_finish_in_the_run_budget_is_reported(
    slow_and_fast: tuple[FixtureServer, FixtureServer, Path], tmp_path: Path
) -> None:
    slow, fast, sources = slow_and_fast  # slow: Crawl-delay capped at the default 60 s
    args = ("--sources", str(sources), "--max-time", "2", *FAST)
    result = run_cli(tmp_path / "b.db", "crawl", *args, timeout=60)
    assert ("unfinished: slow" in result.stderr, paths(slow, "/a/"), paths(fast, "/a/")) == (
        True,
        [],
        ["/a/0.html", "/a/1.html"],
    )


# ----- finding 3: RFC 9309 --------------------------------------------------------------------

ROBOTS_ANSWERS: dict[str, Callable[[Request], Reply]] = {
    "500": lambda r: Reply(500, b"User-agent: *\nDisallow:\n", {"Content-Type": "text/plain"}),
    "503": lambda r: Reply(503, b"try later", {"Content-Type": "text/plain"}),
    "reset": lambda r: Reply(reset=True),
    "404-with-rules": lambda r: Reply(404, b"User-agent: *\nDisallow: /\n", {}),
}


@pytest.mark.parametrize(
    ("answer", "fetched"),
    [
        ("500", []),
        ("503", []),
        ("reset", []),
        ("404-with-rules", ["/", "/a/0.html", "/a/1.html"]),
    ],
)
def test_robots_status_decides_like_rfc_9309(
    server: FixtureServer, tmp_path: Path, answer: str, fetched: list[str]
) -> None:
    small_site(server)
    server.routes["/robots.txt"] = ROBOTS_ANSWERS[answer]
    run_cli(tmp_path / "r.db", "crawl", "--seed", server.url("/"), "--retries", "0", *FAST)
    assert [p for p in paths(server) if p not in ("/robots.txt", "/sitemap.xml")] == fetched


def test_robots_over_the_size_limit_obeys_its_first_500_kib(
    server: FixtureServer, tmp_path: Path
) -> None:
    server.page("/", listing_html(["/private/x.html", "/open.html"]))
    server.page("/private/x.html", article_html(1))
    server.page("/open.html", article_html(2))
    robots = "User-agent: *\nDisallow: /private/\n" + "# a long comment line\n" * 30_000
    server.page("/robots.txt", robots, "text/plain")
    run_cli(tmp_path / "s.db", "crawl", "--seed", server.url("/"), "--max-size", "0.3", *FAST)
    assert (server.count("/private/x.html"), server.count("/open.html")) == (0, 1)


def test_unreachable_host_prints_no_traceback(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    seed = f"http://127.0.0.1:{port}/"
    args = cli_args(tmp_path / "u.db", "crawl", "--seed", seed, "--retries", "0", *FAST)
    result = subprocess.run(args, capture_output=True, text=True, timeout=60)
    said = "robots.txt unavailable" in " ".join(result.stderr.split())  # the summary says why
    assert (result.returncode, "Traceback" in result.stderr, said) == (0, False, True)


# ----- finding 4: memory ----------------------------------------------------------------------

MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
    "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def test_pages_with_huge_links_do_not_grow_memory(server: FixtureServer, tmp_path: Path) -> None:
    small_site(server, n=0)
    server.page("/", listing_html([f"/p/{i}.html" for i in range(20)]))
    for i in range(20):
        huge = f'<a href="/huge/{i}/{"x" * 4_000_000}">more</a>'
        server.page(f"/p/{i}.html", article_html(i, links=huge))
    args = cli_args(
        tmp_path / "m.db", "crawl", "--seed", server.url("/"), "--max-size", "20", *FAST
    )
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], capture_output=True, text=True, timeout=120
    )
    peak_mb = int(measured.stdout.strip()) / 1024  # the crawl process's peak RSS
    assert peak_mb < 250  # 367 MB before: every 4 MB link stayed in two URL caches


# ----- finding 5: bounded discovery -----------------------------------------------------------


def endless_sitemaps(server: FixtureServer) -> None:
    """/idx/N.xml lists /idx/N+1.xml and /set/N.xml; /set/N.xml lists /story/N.html."""

    def index(request: Request) -> Reply:
        n = int(request.path.rsplit("/", 1)[1].split(".")[0])
        body = sitemap_index([server.url(f"/idx/{n + 1}.xml"), server.url(f"/set/{n}.xml")])
        return Reply(200, body, {"Content-Type": "application/xml"})

    def urls(request: Request) -> Reply:
        n = request.path.rsplit("/", 1)[1].split(".")[0]
        body = urlset([server.url(f"/story/{n}.html")])
        return Reply(200, body, {"Content-Type": "application/xml"})

    def story(request: Request) -> Reply:
        n = int(request.path.rsplit("/", 1)[1].split(".")[0])
        return Reply(200, article_html(n).encode(), {"Content-Type": "text/html"})

    server.prefix_routes.update({"/idx/": index, "/set/": urls, "/story/": story})
    server.page("/robots.txt", "User-agent: *\nSitemap: /idx/1.xml\n", "text/plain")
    server.page("/", listing_html([]))


def test_sitemap_index_chain_is_bounded_per_source(server: FixtureServer, tmp_path: Path) -> None:
    endless_sitemaps(server)
    args = ("--seed", server.url("/"), "--max-discovery", "6", *FAST)
    run_cli(tmp_path / "e.db", "crawl", *args, timeout=60)
    assert len(paths(server, "/idx/") + paths(server, "/set/")) == 6


def test_page_budget_is_not_spent_on_sitemaps(server: FixtureServer, tmp_path: Path) -> None:
    endless_sitemaps(server)
    args = ("--seed", server.url("/"), "--max-pages", "4", "--max-discovery", "20", *FAST)
    run_cli(tmp_path / "p.db", "crawl", *args, timeout=60)
    assert len(paths(server, "/story/")) == 3  # the seed page is one of the four


# ----- findings 6-8: URLs -----------------------------------------------------------------------


def test_unescaped_ampersand_in_a_sitemap_spoils_no_url(
    server: FixtureServer, tmp_path: Path
) -> None:
    locs = ["/a.html?x=1&y=2", "/b.html?x=1&amp;y=2", "/c.html"]
    body = urlset([server.url(loc) for loc in locs])
    server.page("/sitemap.xml", body, "application/xml")
    server.page("/robots.txt", "User-agent: *\nSitemap: /sitemap.xml\n", "text/plain")
    server.page("/", listing_html([]))
    server.prefix_routes["/"] = lambda r: Reply(200, article_html(1).encode(), {})
    run_cli(tmp_path / "a.db", "crawl", "--seed", server.url("/"), *FAST)
    fetched = [p for p in paths(server) if p[1:2] in "abc" and p != "/"]
    assert fetched == ["/a.html?x=1&y=2", "/b.html?x=1&y=2", "/c.html"]


SESSION_LINKS = [
    "/item/1?osCsid=8f1c2d3e4a5b6c7d",
    "/item/1?sessid=77aa88bb",
    "/item/1?s=0f9e8d7c6b5a49382716",
    "/item/1?token=Zx81Qw",
    "/(S(lit3py55t21z5v55vlm25s55))/item/1",
    "/item/1",
]


def test_session_ids_make_one_request_and_one_row(server: FixtureServer, tmp_path: Path) -> None:
    small_site(server, n=0)
    server.page("/", listing_html(SESSION_LINKS))
    server.prefix_routes["/item/"] = lambda r: Reply(200, article_html(1).encode(), {})
    server.prefix_routes["/(S("] = server.prefix_routes["/item/"]
    db = tmp_path / "s.db"
    run_cli(db, "crawl", "--seed", server.url("/"), *FAST)
    stored = rows(db, "select url from pages where is_article = 1")
    assert (paths(server, "/item/") + paths(server, "/(S("), stored) == (
        ["/item/1"],
        [(server.url("/item/1"),)],
    )


def test_utf8_bytes_in_location_are_followed_as_utf8(server: FixtureServer, tmp_path: Path) -> None:
    small_site(server, n=0)
    server.page("/", listing_html(["/old"]))
    raw = "/tin/bài-viết.html".encode().decode("latin-1")  # the header carries UTF-8 bytes
    server.routes["/old"] = lambda r: Reply(301, b"", {"Location": raw})
    server.page("/tin/b%C3%A0i-vi%E1%BA%BFt.html", article_html(3))
    run_cli(tmp_path / "l.db", "crawl", "--seed", server.url("/"), *FAST)
    assert paths(server, "/tin/") == ["/tin/b%C3%A0i-vi%E1%BA%BFt.html"]


# ----- finding 9: gone -----------------------------------------------------------------------


@pytest.mark.parametrize("status", [404, 410])
def test_article_that_answers_gone_is_marked_gone(
    server: FixtureServer, tmp_path: Path, status: int
) -> None:
    small_site(server, n=1)
    db = tmp_path / "g.db"
    run_cli(db, "crawl", "--seed", server.url("/"), *FAST)
    server.routes["/a/0.html"] = lambda r: Reply(status, b"gone", {"Content-Type": "text/html"})
    run_cli(db, "crawl", "--seed", server.url("/"), "--refresh", *FAST)
    latest = rows(
        db,
        "select reason from pages where url = ? order by id desc limit 1",
        (server.url("/a/0.html"),),
    )
    assert (status_of(db)[server.base.split("//")[1]]["gone"], latest) == (1, [("gone",)])


# ----- finding 10: stalled URLs ---------------------------------------------------------------


def test_stalled_url_is_retried_once(server: FixtureServer, tmp_path: Path) -> None:
    small_site(server, n=0)
    server.page("/", listing_html(["/stall.html"]))
    server.routes["/stall.html"] = lambda r: Reply(200, b"late", {}, delay=2.0)
    args = ("--seed", server.url("/"), "--timeout", "0.5", "--retries", "3", *FAST)
    run_cli(tmp_path / "t.db", "crawl", *args)
    assert server.count("/stall.html") == 2  # was 4: every retry cost another whole timeout


# ----- finding 11: IDN hosts ------------------------------------------------------------------


def test_idn_host_keeps_its_robots_sitemaps(server: FixtureServer) -> None:
    port = server.base.rsplit(":", 1)[1]
    home = f"http://bücher.example.org:{port}/"
    server.page("/robots.txt", f"User-agent: *\nSitemap: {home}news.xml\n", "text/plain")
    server.page("/news.xml", urlset([f"{home}only-in-sitemap.html"]), "application/xml")
    server.page("/only-in-sitemap.html", article_html(5))
    server.page("/", listing_html([]))
    source = Source(name="idn", home_url=home, allowed_domains=(f"bücher.example.org:{port}",))
    settings = CrawlSettings(delay=0, retries=0, autothrottle=False)
    _, pages, _ = crawl_direct([source], settings, {"xn--bcher-kva.example.org": "127.0.0.1"})
    fetched: list[FetchedPage] = pages  # type: ignore[assignment]
    assert [p.is_article for p in fetched if p.url.endswith("only-in-sitemap.html")] == [True]


# ----- low findings ---------------------------------------------------------------------------


def test_robots_disallowed_urls_leave_the_queue(server: FixtureServer, tmp_path: Path) -> None:
    small_site(server, "User-agent: *\nDisallow: /private/\n", n=1)
    server.page("/", listing_html(["/private/x.html", "/a/0.html"]))
    db = tmp_path / "q.db"
    run_cli(db, "crawl", "--seed", server.url("/"), *FAST)
    blocked = rows(db, "select reason from pages where url = ?", (server.url("/private/x.html"),))
    assert (status_of(db)[server.base.split("//")[1]]["queued"], blocked) == (
        0,
        [("disallowed by robots.txt",)],
    )


def test_refresh_still_sends_conditional_headers(server: FixtureServer, tmp_path: Path) -> None:
    small_site(server, n=1)
    db = tmp_path / "c.db"
    run_cli(db, "crawl", "--seed", server.url("/"), *FAST)
    run_cli(db, "crawl", "--seed", server.url("/"), "--refresh", *FAST)
    last = [h for h in server.hits if h.path == "/a/0.html"][-1]
    assert (last.status, "If-None-Match" in last.headers) == (304, True)


def test_304_to_an_unconditional_request_is_an_error(server: FixtureServer, tmp_path: Path) -> None:
    small_site(server, n=1)
    server.routes["/a/0.html"] = lambda r: Reply(304, b"", {})
    db = tmp_path / "n.db"
    run_cli(db, "crawl", "--seed", server.url("/"), *FAST)
    found = rows(db, "select error, reason from pages where url = ?", (server.url("/a/0.html"),))
    assert found == [("HTTP 304 to an unconditional request", None)]


def test_oversize_body_without_length_names_the_limit(
    server: FixtureServer, tmp_path: Path
) -> None:
    small_site(server, n=1)
    server.routes["/a/0.html"] = lambda r: Reply(
        200, b"", {"Content-Type": "text/html"}, stream_bytes=3 * 1024 * 1024, no_length=True
    )
    db = tmp_path / "o.db"
    run_cli(db, "crawl", "--seed", server.url("/"), "--max-size", "1", *FAST)
    error = rows(db, "select error from pages where url = ?", (server.url("/a/0.html"),))[0][0]
    assert "size limit (1048576 bytes" in str(error)


def test_over_long_links_are_counted(server: FixtureServer) -> None:
    small_site(server, n=1)
    server.page("/", listing_html(["/a/0.html", "/long/" + "x" * 600]))
    source = Source(name="l", home_url=server.url("/"), allowed_domains=())
    report, _, _ = crawl_direct([source], CrawlSettings(delay=0, retries=0), {})
    assert report.too_long == 1  # type: ignore[attr-defined]


# ----- recrawl policy -------------------------------------------------------------------------


def dated_listing(server: FixtureServer, kind: str, dates: dict[str, str]) -> None:
    urls = [server.url(p) for p in dates]
    if kind == "sitemap":
        items = "".join(
            f"<url><loc>{u}</loc><lastmod>{d}</lastmod></url>"
            for u, d in zip(urls, dates.values(), strict=True)
        )
        body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'
        server.page("/sitemap.xml", body, "application/xml")
    else:
        items = "".join(
            f"<item><title>t</title><link>{u}</link><pubDate>{d}</pubDate></item>"
            for u, d in zip(urls, dates.values(), strict=True)
        )
        body = f'<rss version="2.0"><channel><title>f</title>{items}</channel></rss>'
        server.page("/feed.xml", body, "application/rss+xml")


@pytest.mark.parametrize("kind", ["sitemap", "feed"])
def test_article_changed_since_its_fetch_is_fetched_again(
    server: FixtureServer, tmp_path: Path, kind: str
) -> None:
    robots = "User-agent: *\nSitemap: /sitemap.xml\n" if kind == "sitemap" else ROBOTS_OPEN
    small_site(server, robots, n=2)
    feed = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    server.page("/", listing_html([], extra=feed if kind == "feed" else ""))
    old = "2020-01-02T00:00:00+00:00" if kind == "sitemap" else "Thu, 02 Jan 2020 00:00:00 GMT"
    dated_listing(server, kind, {"/a/0.html": old, "/a/1.html": old})
    db = tmp_path / "r.db"
    run_cli(db, "crawl", "--seed", server.url("/"), *FAST)
    new = "2099-01-01T00:00:00+00:00" if kind == "sitemap" else "Thu, 01 Jan 2099 00:00:00 GMT"
    dated_listing(server, kind, {"/a/0.html": new, "/a/1.html": old})
    run_cli(db, "crawl", "--seed", server.url("/"), *FAST)
    assert (server.count("/a/0.html"), server.count("/a/1.html")) == (2, 1)


def test_revisit_days_fetches_old_articles_again(server: FixtureServer, tmp_path: Path) -> None:
    small_site(server, n=1)
    db = tmp_path / "v.db"
    run_cli(db, "crawl", "--seed", server.url("/"), *FAST)
    with sqlite3.connect(db) as conn:
        conn.execute("update pages set fetched_at = '2020-01-01T00:00:00+00:00'")
    run_cli(db, "crawl", "--seed", server.url("/"), "--revisit-days", "7", *FAST)
    last = [h for h in server.hits if h.path == "/a/0.html"][-1]
    assert (server.count("/a/0.html"), last.status) == (2, 304)


# ----- low: unchanged listing pages ------------------------------------------------------------


def _warc_urls(db: Path) -> list[str]:
    from crawler.warc import iter_responses

    return [
        r.url for f in sorted((db.parent / "warc").glob("*.warc.gz")) for r in iter_responses(f)
    ]


def _ignores_validators(body: str) -> Callable[[Request], Reply]:
    """A server that answers every request 200 with the same body, validators or not."""
    return lambda request: Reply(200, body.encode(), {"Content-Type": "text/html"})


def test_unchanged_listing_keeps_one_row_and_one_warc_record(
    server: FixtureServer, tmp_path: Path
) -> None:
    small_site(server, n=1)
    server.routes["/"] = _ignores_validators(listing_html(["/a/0.html"]))
    db = tmp_path / "u.db"
    for _ in range(2):
        run_cli(db, "crawl", "--seed", server.url("/"), *FAST)
    home = server.url("/")
    found = rows(db, "select count(*) from pages where url = ?", (home,))[0][0]
    assert (server.count("/"), found, _warc_urls(db).count(home)) == (2, 1, 1)


def test_listing_answering_304_adds_no_row(server: FixtureServer, tmp_path: Path) -> None:
    small_site(server, n=1)
    db = tmp_path / "n.db"
    for _ in range(2):
        run_cli(db, "crawl", "--seed", server.url("/"), *FAST)
    home = server.url("/")
    found = rows(db, "select count(*) from pages where url = ?", (home,))[0][0]
    assert ([h.status for h in server.hits if h.path == "/"], found) == ([200, 304], 1)


def test_unchanged_listing_still_leads_to_new_articles(
    server: FixtureServer, tmp_path: Path
) -> None:
    small_site(server, n=1)
    server.routes["/"] = _ignores_validators(listing_html(["/a/0.html", "/a/1.html"]))
    server.routes["/a/1.html"] = lambda r: Reply(404, b"not yet", {})
    db = tmp_path / "l.db"
    run_cli(db, "crawl", "--seed", server.url("/"), *FAST)
    server.page("/a/1.html", article_html(1))
    run_cli(db, "crawl", "--seed", server.url("/"), *FAST)
    stored = rows(
        db, "select count(*) from pages where url = ? and error is null", (server.url("/a/1.html"),)
    )
    assert stored[0][0] == 1
