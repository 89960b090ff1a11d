"""One machine and the distributed path give the same database from the same WARC files.

A multilingual fixture site (the bundled demo site, plus a calendar page, a contact page and
an about page without page metadata) is crawled once; its WARC files, and one more holding a
mirror copy of an article, an older fetch of another, a 404 and a robots.txt, are then
extracted both ways: ``import-warc`` + ``extract`` (+ ``index``) and ``distributed-extract``
(+ ``index``), with embeddings made on the workers and without. Every table must match.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from crawler.models import CrawlSettings
from crawler.warc import WarcWriter, iter_responses
from index.embeddings import get_embedder
from index.indexer import index_database
from index.schema import open_db
from newsintel.config import demo_site_path
from newsintel.crawling import import_warc, run_crawl, seed_source
from newsintel.demo import serve_directory
from newsintel.distributed import MergeReport, merge_shards, run_shards
from newsintel.pipeline import extract_pending
from tests.db_parity import counts, differences

CALENDAR = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Archive: May 2024</title></head><body><h1>May 2024</h1><table>
<tr><th>Mon</th><th>Tue</th><th>Wed</th><th>Thu</th><th>Fri</th><th>Sat</th><th>Sun</th></tr>
<tr><td><a href="/news/2024/dong-nai-slips-in-papi-2023.html">6</a></td><td>7</td><td>8</td>
<td><a href="/news/2024/hue-dti-2023-zh.html">9</a></td><td>10</td><td>11</td><td>12</td></tr>
</table><p><a href="/">Home</a> | <a href="/contact.html">Contact</a></p></body></html>"""

CONTACT = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Liên hệ</title></head><body><h1>Liên hệ với tòa soạn</h1>
<p>Địa chỉ: 12 Phố Huế, Hà Nội. Điện thoại: 024 3826 0000.</p>
<p>Thư điện tử: toasoan@example.vn</p><p><a href="/">Trang chủ</a></p></body></html>"""


def parity_site(root: Path) -> Path:
    """Copy the demo site and add pages whose kind only the classifier can tell."""
    site = root / "site"
    shutil.copytree(demo_site_path(), site)
    (site / "archive" / "2024" / "05").mkdir(parents=True)
    (site / "archive" / "2024" / "05" / "index.html").write_text(CALENDAR, "utf-8")
    (site / "contact.html").write_text(CONTACT, "utf-8")
    about = site / "about.html"  # no og:type: the about page must be told by its content
    about.write_text(re.sub(r'<meta property="og:type"[^>]*>', "", about.read_text("utf-8")))
    home = site / "index.html"
    links = '<a href="/archive/2024/05/">May 2024</a> <a href="/contact.html">Contact</a>'
    home.write_text(home.read_text("utf-8").replace("</body>", f"{links}</body>"), "utf-8")
    return site


def _extra_warc(directory: Path, crawled: list[Path]) -> None:
    """Write a WARC of records a crawl of one site does not give: a mirror, an old fetch."""
    article = next(r for path in crawled for r in iter_responses(path) if "/news/2024/" in r.url)
    html = (("Content-Type", "text/html; charset=utf-8"),)
    text = (("Content-Type", "text/plain"),)
    old = datetime(2020, 1, 2, tzinfo=UTC)
    writer = WarcWriter(directory, prefix="zz-extra")
    writer.write("http://mirror.example/copy.html", 200, "OK", html, article.body, old)
    writer.write(article.url, 200, "OK", html, article.body.replace(b"<p>", b"<p>Old. "), old)
    writer.write("http://mirror.example/gone", 404, "", html, b"<p>gone</p>", old)
    writer.write("http://mirror.example/robots.txt", 200, "OK", text, b"User-agent: *\n", old)
    writer.close()


@pytest.fixture(scope="module")
def warcs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("parity")
    settings = CrawlSettings(delay=0, concurrency=4, warc_dir=str(root / "warc"))
    with serve_directory(parity_site(root)) as url:
        run_crawl(root / "crawl.db", [seed_source(url + "/", max_depth=4)], settings)
    crawled = sorted((root / "warc").glob("*.warc.gz"))
    _extra_warc(root / "warc", crawled)
    return sorted((root / "warc").glob("*.warc.gz"))


def _one_machine(warcs: list[Path], db_path: Path, model: str | None) -> None:
    import_warc(db_path, warcs)
    db = open_db(db_path)
    extract_pending(db, workers=1)
    index_database(db, db_path, get_embedder(model) if model else None)


def _distributed(warcs: list[Path], db_path: Path, model: str | None) -> MergeReport:
    results = run_shards(warcs, db_path.parent / "shards", workers=2, model=model)
    db = open_db(db_path)
    report = merge_shards(db, sorted(r.output for r in results), model=model)
    index_database(db, db_path, get_embedder(model) if model else None)
    return report


@dataclass(frozen=True)
class Both:
    one: Database
    dist: Database
    model: str | None
    merge: MergeReport


@pytest.fixture(scope="module", params=[None, "fake"], ids=["no-embed", "worker-embed"])
def both(
    request: pytest.FixtureRequest, warcs: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> Both:
    root = tmp_path_factory.mktemp("both")  # one folder: relative WARC paths compare equal
    _one_machine(warcs, root / "one.db", request.param)
    merge = _distributed(warcs, root / "dist.db", request.param)
    return Both(open_db(root / "one.db"), open_db(root / "dist.db"), request.param, merge)


def test_every_table_is_the_same(both: Both) -> None:
    assert differences(both.one, both.dist) == {}


def test_the_site_gives_articles_facts_and_no_failures(both: Both) -> None:
    found = counts(both.one)
    assert found["articles"] == 15  # the demo site's articles; no listing, sitemap or copy
    assert found["index_facts"] > 15
    assert found["failures"] == 0


@pytest.mark.parametrize(
    ("url_part", "duplicate"),
    [
        ("/archive/2024/05/", False),
        ("/contact.html", False),
        ("/about.html", False),
        ("/sitemap", False),
        ("/feed.xml", False),
        ("mirror.example/gone", False),
        ("mirror.example/robots.txt", False),
        ("mirror.example/copy.html", True),
    ],
)
def test_pages_that_are_no_article_are_skipped_not_failed(
    both: Both, url_part: str, duplicate: bool
) -> None:
    like = {"u": f"%{url_part}%"}
    pages, duplicates = both.dist.execute(
        "select count(*), sum(duplicate_of is not null) from pages where url like :u", like
    ).fetchone()
    made = both.dist.execute(
        "select (select count(*) from articles where url like :u) "
        "+ (select count(*) from failures where url like :u)",
        like,
    ).fetchone()[0]
    assert (pages >= 1, made, bool(duplicates)) == (True, 0, duplicate)


def test_the_merge_counts_what_it_skipped(both: Both) -> None:
    pages = both.dist["pages"].count
    assert both.merge.skipped == pages - both.merge.articles
    assert (both.merge.failures, both.merge.pending) == (0, 0)


def test_workers_made_every_vector(both: Both) -> None:
    chunks = both.dist["chunks"].count
    vectors = both.dist["embeddings"].count
    assert chunks > 0
    # workers also embed pages the merge then skips (the mirror copy, the old fetch)
    made = (vectors, both.merge.vectors >= chunks, both.merge.vector_misses)
    assert made == ((chunks, True, 0) if both.model else (0, False, 0))
