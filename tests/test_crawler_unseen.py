"""A site laid out unlike the other fixtures (WordPress-style), crawled from a bare IP:port seed.

No og:type anywhere: articles are known by JSON-LD or only a ``<time>`` element; URLs are
``/?p=N``, ``/2024/05/slug/`` and ``/category/x/page/2/``; links are relative (``../``,
``<base href>``, ``./``), pagination is in ``<link rel=next>``, the feed is at ``/feed/``,
one canonical claims https, one post moved from ``/slug`` to ``/slug/`` (301), a missing post
answers 200 ("soft 404"), date archives carry dated excerpts, and two posts fail once (503
with Retry-After, a reset connection). Two variants: no sitemap at all, and a sitemap declared
only in robots.txt at a non-standard path. Every article must be stored exactly once (per-URL
200 counts in the server log) and nothing else taken for an article.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.crawler_run import FAST, rows, run_cli
from tests.crawler_server import FixtureServer, Reply, Request, rss, urlset

WORDS = [
    "council",
    "district",
    "harbour",
    "clinic",
    "bridge",
    "school",
    "market",
    "budget",
    "rainfall",
    "transit",
    "ferry",
    "library",
    "permit",
    "orchard",
    "festival",
    "census",
    "reservoir",
    "tram",
    "depot",
    "archive",
]


def prose(seed: int, sentences: int = 9) -> str:
    """Our own filler, different for every seed (so no two posts are near-duplicates)."""
    out = []
    for i in range(sentences):
        a, b, c = (WORDS[(seed * 7 + i * k) % len(WORDS)] for k in (1, 3, 5))
        out.append(
            f"The {a} committee met on day {seed * 13 + i} to review the {b} plan, and "
            f"residents asked how the {c} works would change their daily routine this year."
        )
    return " ".join(out)


HEAD = (
    '<link rel="https://api.w.org/" href="/wp-json/">'
    '<link rel="alternate" type="application/rss+xml" title="Feed" href="/feed/">'
    '<link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts">'
)
NAV = (
    '<header><nav><a href="/">Home</a> <a href="/category/economy/">Economy</a> '
    '<a href="/about/">About</a> <a href="/wp-login.php">Log in</a></nav></header>'
)


def page(title: str, body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"{HEAD}{head}</head><body class='wordpress'>{NAV}<main>{body}</main>"
        "<footer><p>Powered by a blog engine.</p></footer></body></html>"
    )


def jsonld_post(n: int, head: str = "") -> str:
    """A post whose only article signal is JSON-LD NewsArticle inside a @graph."""
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebPage"}, {"@type": ["NewsArticle"], "datePublished": "2024-05-02"}]}'
        "</script>"
    )
    return page(f"Post {n}", f"<article><h1>Post {n}</h1><p>{prose(n)}</p></article>", ld + head)


def time_post(n: int, *, links: str = "", head: str = "") -> str:
    """A post with no metadata at all: only a <time> element and enough text."""
    body = (
        f"<article><h1 class='entry-title'>Story {n}</h1>"
        f"<div class='entry-meta'><time class='entry-date' datetime='2024-05-0{n % 9 + 1}"
        f"T08:00:00+00:00'>May {n % 9 + 1}, 2024</time></div>"
        f"<div class='entry-content'><p>{prose(n)}</p><p>{prose(n + 50, 4)}</p></div>"
        f"{links}</article>"
    )
    return page(f"Story {n}", body, head)


def excerpts(paths: list[str], first: int) -> str:
    """Archive entries as WordPress prints them: title link, date, a long excerpt."""
    return "".join(
        f"<article><h2><a href='{p}'>Entry {first + i}</a></h2>"
        f"<time datetime='2024-05-0{i % 9 + 1}'>May {i % 9 + 1}, 2024</time>"
        f"<p>{prose(first + i + 100, 3)}</p></article>"
        for i, p in enumerate(paths)
    )


@dataclass(frozen=True)
class Site:
    articles: frozenset[str]  # paths answered 200 and stored as articles under that URL
    others: frozenset[str]  # paths fetched and stored as non-articles


def build(server: FixtureServer, *, sitemap: bool) -> Site:
    """Lay out the site on ``server``; return which paths are articles and which are not."""
    html = "text/html; charset=UTF-8"
    base = server.base
    r = server.routes
    robots = "User-agent: *\nDisallow: /wp-admin/\nDisallow: /wp-login.php\n"
    if sitemap:
        robots += f"Sitemap: {base}/wp-content/uploads/maps/posts-1.xml\n"
        server.page(
            "/wp-content/uploads/maps/posts-1.xml",
            urlset([f"{base}/?p=310", f"{base}/./2024/05/story-2/"]),
            "text/xml; charset=UTF-8",
        )
        server.page("/?p=310", jsonld_post(310))
    server.page("/robots.txt", robots, "text/plain")
    home = (
        "<section class='sticky'>"
        + excerpts(["/?p=101", "/2024/05/story-1/"], 1)
        + "</section><p><a href='HTTP://127.0.0.1:"
        + str(server.base.rsplit(":", 1)[1])
        + "/2024/05/story-3/'>Story three</a> <a href='/2024/05/water-plan'>Water plan</a> "
        "<a href='/2024/05/deleted-story/'>An old link</a> <a href='/2024/05/'>May 2024</a> "
        "<a href='/2024/05/story-1/?replytocom=17#respond'>Reply</a> "
        "<a href='/?s=budget'>Search</a> <a href='/wp-admin/'>Admin</a></p>"
    )
    server.page("/", page("A Town Blog", home, "<link rel='shortlink' href='/'>"))
    server.page("/?p=101", jsonld_post(101))
    # The listing resolves its links against <base href>: ../2024/05/story-4/ from /archive/.
    category = [
        ("/category/economy/", ["../2024/05/story-4/", "../2024/05/story-5/"]),
        ("/category/economy/page/2/", ["../2024/05/story-6/"]),
        ("/category/economy/page/3/", ["../2024/04/story-7/"]),
    ]
    for i, (path, links) in enumerate(category):
        head = f"<base href='{base}/archive/'>"
        if i + 1 < len(category):
            head += f"<link rel='next' href='{base}{category[i + 1][0]}'>"
        server.page(path, page("Economy", excerpts(links, 10 * i), head))
    server.page("/2024/05/", page("May 2024", excerpts(["/2024/05/story-8/", "/?p=205"], 40)))
    server.page(
        "/feed/", rss([f"{base}/?p=205", f"{base}/2024/05/story-9/"]), "application/rss+xml"
    )
    comments = "<link rel='alternate' type='application/rss+xml' href='./feed/'>"
    server.page(
        "/2024/05/story-1/",
        time_post(1, links="<a href='../../04/story-7/'>Earlier</a>", head=comments),
    )
    server.page("/2024/05/story-1/feed/", rss([f"{base}/2024/05/story-1/#comment-17"]))
    server.page("/2024/05/story-2/", time_post(2))
    server.page("/2024/05/story-3/", time_post(3))
    canonical = f"<link rel='canonical' href='https://127.0.0.1:{server.base.rsplit(':', 1)[1]}"
    for n in (4, 5, 6, 8):
        server.page(f"/2024/05/story-{n}/", time_post(n, head=f"{canonical}/2024/05/story-{n}/'>"))
    server.page("/2024/04/story-7/", time_post(7))
    server.page("/2024/05/water-plan/", time_post(11))
    r["/2024/05/water-plan"] = lambda req: Reply(301, b"", {"Location": "/2024/05/water-plan/"})
    server.page("/?p=205", time_post(205))
    post9 = time_post(9).encode()

    def busy(request: Request) -> Reply:  # 503 + Retry-After once, then the post
        if request.count == 1:
            return Reply(503, b"maintenance", {"Retry-After": "1", "Content-Type": html})
        return Reply(200, post9, {"Content-Type": html})

    r["/2024/05/story-9/"] = busy
    original = r["/2024/05/story-5/"]
    r["/2024/05/story-5/"] = lambda req: Reply(reset=True) if req.count == 1 else original(req)
    missing = "<h1>Page not found</h1><p>It looks like nothing was found here. Try a search?</p>"
    server.page("/2024/05/deleted-story/", page("Page not found", missing))
    server.page("/?s=budget", page("Search results", excerpts(["/2024/05/story-3/"], 70)))
    server.page("/about/", page("About", f"<h1>About us</h1><p>{prose(999)}</p>"))
    articles = {
        "/?p=101", "/?p=205", "/2024/04/story-7/", "/2024/05/water-plan/",
        *(f"/2024/05/story-{n}/" for n in (1, 2, 3, 4, 5, 6, 8, 9)),
    }  # fmt: skip
    if sitemap:
        articles.add("/?p=310")
    else:
        articles.remove("/2024/05/story-2/")  # only the sitemap links it
    others = {
        "/", "/2024/05/", "/2024/05/deleted-story/", "/about/", "/?s=budget",
        *(path for path, _ in category),
    }  # fmt: skip
    return Site(frozenset(articles), frozenset(others))


@dataclass(frozen=True)
class Crawl:
    server: FixtureServer
    site: Site
    db: Path
    first_counts: dict[str, int]


@pytest.fixture(scope="module", params=["links only", "robots sitemap"])
def crawled(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Crawl]:
    with FixtureServer() as server:
        site = build(server, sitemap=request.param == "robots sitemap")
        db = tmp_path_factory.mktemp("unseen") / "news.db"
        seed = server.base.replace("http://", "HTTP://") + "/"
        run_cli(db, "crawl", "--seed", seed, *FAST, "--retries", "2")
        yield Crawl(server, site, db, dict(server.counts()))


def ok_hits(server: FixtureServer) -> dict[str, int]:
    counts: dict[str, int] = {}
    for hit in server.hits:
        if hit.status == 200:
            counts[hit.path] = counts.get(hit.path, 0) + 1
    return counts


def path_of(url: str, crawl: Crawl) -> str:
    return url.removeprefix(crawl.server.base)


def test_every_article_is_fetched_once(crawled: Crawl) -> None:
    hits = ok_hits(crawled.server)
    fetched = {p: hits.get(p, 0) for p in crawled.site.articles}
    assert fetched == dict.fromkeys(crawled.site.articles, 1)


def test_every_article_is_stored_once_under_its_canonical_url(crawled: Crawl) -> None:
    stored = rows(crawled.db, "select url, count(*) from pages where is_article = 1 group by url")
    assert {path_of(str(u), crawled): n for u, n in stored} == dict.fromkeys(
        crawled.site.articles, 1
    )


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/2024/05/",
        "/2024/05/deleted-story/",
        "/about/",
        "/category/economy/page/3/",
        "/?s=budget",
    ],
)
def test_other_pages_are_stored_as_non_articles(crawled: Crawl, path: str) -> None:
    found = rows(
        crawled.db,
        "select is_article, reason from pages where url = ?",
        (crawled.server.url(path),),
    )
    assert [r[0] for r in found] == [0], found


def test_faults_are_retried_once(crawled: Crawl) -> None:
    counts = crawled.first_counts
    assert (counts["/2024/05/story-9/"], counts["/2024/05/story-5/"]) == (2, 2)


def test_no_error_rows_and_no_trap_urls(crawled: Crawl) -> None:
    errors = rows(crawled.db, "select url, error from pages where error is not null")
    tracked = [p for p in crawled.first_counts if "replytocom" in p or "#" in p or "/./" in p]
    assert (errors, tracked) == ([], [])


def test_second_run_fetches_only_the_new_post(crawled: Crawl) -> None:
    """The home page changed (one new post): its old links are all known, redirect included."""
    server = crawled.server
    home = server.routes["/"](Request("/", {}, 0)).body.decode()
    server.page("/2024/05/story-12/", time_post(12))
    server.page("/", home.replace("</main>", "<a href='/2024/05/story-12/'>New</a></main>"))
    before = ok_hits(server)
    run_cli(crawled.db, "crawl", "--seed", server.url("/"), *FAST)
    after = ok_hits(server)
    again = {p for p in after if after[p] > before.get(p, 0) and p not in ("/", "/robots.txt")}
    redirects = [h for h in server.hits if h.path == "/2024/05/water-plan"]
    assert (again, len(redirects)) == ({"/2024/05/story-12/"}, 1)


LISTING_URL = "http://127.0.0.1:8000/2024/05/"


@pytest.mark.parametrize(
    ("url", "body", "is_article"),
    [
        ("http://127.0.0.1:8000/?p=205", time_post(205), True),  # a post, not the home page
        (LISTING_URL, page("May", excerpts(["/2024/05/a/", "/2024/05/b/"], 1)), False),
        (LISTING_URL, page("Search", excerpts(["/2024/05/a/"], 1)), False),
        (  # a post whose title links to itself, followed by one related teaser
            "http://127.0.0.1:8000/2024/05/c/",
            time_post(3).replace("Story 3</h1>", "<a href='/2024/05/c/'>Story 3</a></h1>")
            + excerpts(["/2024/05/a/"], 9),
            True,
        ),
    ],
)
def test_article_decision_on_wordpress_shapes(url: str, body: str, is_article: bool) -> None:
    from crawler.classify import classify
    from crawler.models import Source

    source = Source(name="s", home_url="http://127.0.0.1:8000/", allowed_domains=())
    assert classify(url, body.encode(), "html", source).is_article is is_article
