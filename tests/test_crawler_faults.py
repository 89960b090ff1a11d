"""One crawl of a misbehaving fixture site: every fault is recorded and none stops the crawl."""

from __future__ import annotations

import gzip
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.warc import read_payload
from tests.crawler_run import rows, run_cli
from tests.crawler_server import (
    FixtureServer,
    Reply,
    Request,
    article_html,
    listing_html,
)

VIETNAMESE = "Trang thử nghiệm của chúng tôi: tỉnh ghi điểm cao hơn năm trước."
MAX_DEPTH = 3


def to_cp1258(text: str) -> bytes:
    """Encode like legacy Vietnamese sites: base letters precomposed, tones as combining marks."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        for size in range(len(marks), -1, -1):
            head = unicodedata.normalize("NFC", base + "".join(marks[:size]))
            try:
                out += (head + "".join(marks[size:])).encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
    return bytes(out)


def page_with(text: str, charset_meta: str = "") -> str:
    return f"<html><head>{charset_meta}<title>t</title></head><body><p>{text}</p></body></html>"


BODIES = {
    "/vn1258.html": to_cp1258(page_with(VIETNAMESE)),
    "/mislabelled.html": to_cp1258(page_with(VIETNAMESE)),
    "/nocharset.html": page_with(VIETNAMESE).encode("utf-8"),
    "/broken.html": b'<html><body><p>Unclosed <div><table><td>cell <a href="/after-broken.html">x',
}
CTYPES = {
    "/vn1258.html": "text/html; charset=windows-1258",
    "/mislabelled.html": "text/html; charset=utf-8",  # a lie: the bytes are windows-1258
    "/nocharset.html": "text/html",
    "/broken.html": "text/html; charset=utf-8",
}


def first_fails(status: int, headers: dict[str, str], n: int) -> object:
    def route(request: Request) -> Reply:
        if request.count == 1:
            return Reply(status, b"try later", headers)
        return Reply(200, article_html(n).encode(), {"Content-Type": "text/html"})

    return route


def calendar(request: Request) -> Reply:
    year, month = (int(x) for x in request.path.split("/")[2:4])
    nxt = f"/calendar/{year + month // 12}/{month % 12 + 1}"
    return Reply(200, listing_html([nxt]).encode(), {"Content-Type": "text/html"})


def session(request: Request) -> Reply:
    tail = request.path.rsplit("=", 1)[-1]
    n = int(tail) if tail.isdigit() else 0
    body = listing_html([f"/session?sid={n + 1}"]).encode()
    return Reply(200, body, {"Content-Type": "text/html"})


def build(server: FixtureServer) -> None:
    html = {"Content-Type": "text/html"}
    r = server.routes
    r["/flaky.html"] = first_fails(500, {}, 1)  # type: ignore[assignment]
    r["/busy.html"] = first_fails(429, {"Retry-After": "1"}, 2)  # type: ignore[assignment]
    r["/slow.html"] = lambda req: Reply(200, article_html(3).encode(), html, delay=2.5)
    r["/loop-a"] = lambda req: Reply(302, b"", {"Location": "/loop-b"})
    r["/loop-b"] = lambda req: Reply(302, b"", {"Location": "/loop-a"})
    r["/huge.html"] = lambda req: Reply(200, b"", html, stream_bytes=20 * 1024 * 1024)
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
    r["/bomb.html"] = lambda req: Reply(200, bomb, {**html, "Content-Encoding": "gzip"})
    r["/empty.html"] = lambda req: Reply(200, b"", html)
    r["/photo.jpg"] = lambda req: Reply(
        200, b"\xff\xd8" + b"\0" * 200_000, {"Content-Type": "image/jpeg"}
    )
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    r["/report.pdf"] = lambda req: Reply(200, pdf, {"Content-Type": "application/pdf"})
    for path, body in BODIES.items():
        server.page(path, body, CTYPES[path])
    server.page("/after-broken.html", article_html(4))
    server.page("/dup.html", article_html(5))
    server.page("/copy.html", article_html(5))  # the same bytes under another URL
    canonical = '<link rel="canonical" href="/story/7">'
    server.page("/story?from=home&id=7", article_html(7).replace("<title>", canonical + "<title>"))
    server.page("/story/7", article_html(7))
    server.prefix_routes["/calendar/"] = calendar
    server.prefix_routes["/session"] = session
    links = [
        *(path for path in r if path != "/loop-b"),  # reached only through /loop-a's redirect
        "/dup.html?utm_source=a",
        "/dup.html?utm_medium=b&fbclid=c",
        "/calendar/2024/1",
        "/session?sid=1",
        "/copy.html",
        "/story?id=7&from=home",
    ]
    server.page("/", listing_html(sorted(set(links) - {"/"})))
    server.page("/robots.txt", "User-agent: *\n", "text/plain")


@pytest.fixture(scope="module")
def site() -> Iterator[FixtureServer]:
    with FixtureServer() as server:
        build(server)
        yield server


@pytest.fixture(scope="module")
def db(site: FixtureServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "news.db"
    run_cli(
        path, "crawl", "--seed", site.url("/"), "--delay", "0", "--timeout", "1",
        "--retries", "1", "--max-size", "10", "--max-depth", str(MAX_DEPTH),
    )  # fmt: skip
    return path


def page(db: Path, path: str, site: FixtureServer) -> dict[str, object]:
    found = rows(
        db,
        "select status, error, is_article, reason, warc_file, warc_offset, content_length "
        "from pages where url = ? order by id desc",
        (site.url(path),),
    )
    assert found, f"no row for {path}"
    keys = ("status", "error", "is_article", "reason", "warc_file", "warc_offset", "length")
    return dict(zip(keys, found[0], strict=True))


@pytest.mark.parametrize(("path", "requests"), [("/flaky.html", 2), ("/busy.html", 2)])
def test_retryable_answer_is_retried_then_stored(
    site: FixtureServer, db: Path, path: str, requests: int
) -> None:
    assert (site.count(path), page(db, path, site)["is_article"]) == (requests, 1)


def test_retry_after_is_honoured(site: FixtureServer, db: Path) -> None:
    first, second = site.times("/busy.html")
    assert second - first >= 0.9


def test_slow_response_times_out_and_is_recorded(site: FixtureServer, db: Path) -> None:
    row = page(db, "/slow.html", site)
    assert (site.count("/slow.html"), "timeout" in str(row["error"]).lower()) == (2, True)


def test_redirect_loop_is_bounded_and_recorded(site: FixtureServer, db: Path) -> None:
    loops = (site.count("/loop-a"), site.count("/loop-b"))
    ends = (page(db, "/loop-a", site)["reason"], page(db, "/loop-b", site)["error"])
    assert (loops, ends) == (
        (1, 1),
        (f"redirect 302 to {site.url('/loop-b')}", f"redirect loop: {site.url('/loop-a')}"),
    )


@pytest.mark.parametrize("path", ["/huge.html", "/bomb.html"])
def test_oversized_body_is_cut_and_recorded(site: FixtureServer, db: Path, path: str) -> None:
    row = page(db, path, site)
    assert (bool(row["error"]), row["length"]) == (True, 0)


@pytest.mark.parametrize("path", sorted(BODIES))
def test_bytes_and_headers_are_stored_faithfully(site: FixtureServer, db: Path, path: str) -> None:
    row = page(db, path, site)
    warc = db.parent / str(row["warc_file"])  # stored relative to the database
    headers, body = read_payload(str(warc), int(str(row["warc_offset"])))
    assert body == BODIES[path]
    assert dict(headers)["Content-Type"] == CTYPES[path]


def test_malformed_html_does_not_stop_link_following(site: FixtureServer, db: Path) -> None:
    assert page(db, "/after-broken.html", site)["is_article"] == 1


def test_empty_body_is_recorded(site: FixtureServer, db: Path) -> None:
    assert page(db, "/empty.html", site)["error"] == "empty body"


def test_pdf_report_is_fetched_as_a_document(site: FixtureServer, db: Path) -> None:
    row = page(db, "/report.pdf", site)
    assert (row["is_article"], row["reason"]) == (1, "pdf document")


def test_unhandled_content_type_is_skipped(site: FixtureServer, db: Path) -> None:
    row = page(db, "/photo.jpg", site)
    assert ("content type" in str(row["error"]), row["length"]) == (True, 0)


def test_tracking_parameters_make_one_request_and_one_row(site: FixtureServer, db: Path) -> None:
    dup = [h.path for h in site.hits if h.path.startswith("/dup.html")]
    stored = rows(db, "select count(*) from pages where url like ?", (site.url("/dup.html%"),))
    assert (dup, stored) == (["/dup.html"], [(1,)])


def test_calendar_trap_is_bounded_by_depth(site: FixtureServer, db: Path) -> None:
    calendar_hits = [h for h in site.hits if h.path.startswith("/calendar/")]
    assert 1 <= len(calendar_hits) <= MAX_DEPTH


def test_session_ids_do_not_make_new_urls(site: FixtureServer, db: Path) -> None:
    assert [h.path for h in site.hits if h.path.startswith("/session")] == ["/session"]


def test_rel_canonical_makes_one_row(site: FixtureServer, db: Path) -> None:
    stored = rows(db, "select url from pages where url like ?", (site.url("/story%"),))
    assert stored == [(site.url("/story/7"),)]


def test_exact_duplicate_body_is_flagged(site: FixtureServer, db: Path) -> None:
    found = rows(db, "select duplicate_of from pages where url = ?", (site.url("/copy.html"),))
    assert found == [(site.url("/dup.html"),)]


def test_content_hash_is_the_sha256_of_the_archived_body(db: Path) -> None:
    import hashlib

    stored = rows(db, "select content_hash, warc_file, warc_offset from pages where is_article = 1")
    hashes = [
        (h, hashlib.sha256(read_payload(str(db.parent / str(f)), int(str(o)))[1]).hexdigest())
        for h, f, o in stored
    ]
    assert len(hashes) >= 5
    assert all(a == b for a, b in hashes)
