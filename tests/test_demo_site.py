"""The bundled demo site: what the crawler must discover there, and what its labels claim."""

from __future__ import annotations

import gzip
import html
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tomllib
import unicodedata
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree

import pytest

from newsintel.config import demo_site_path
from newsintel.demo import DEMO_LANGUAGES, demo_source, serve_directory

REPO = Path(__file__).resolve().parents[1]
SITE = demo_site_path()
SOURCE_LINE = re.compile(r"^(Source|Sumber|Kilde|Nguồn|المصدر|来源)\s*[:\uff1a]\s*(https?://\S+)$")
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


class Page(HTMLParser):
    """The parts of an HTML page these tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.links: list[str] = []
        self.rel: dict[str, str] = {}
        self.meta: dict[str, str] = {}
        self.article_paragraphs: list[str] = []
        self._in_article = False
        self._in_p = False
        self._text: list[str] = []
        self.text_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "link" and "rel" in a and "hreflang" not in a:
            self.rel.setdefault(a["rel"], a.get("href", ""))
        elif tag == "meta":
            self.meta[a.get("property") or a.get("name") or ""] = a.get("content", "")
        elif tag == "article":
            self._in_article = True
        elif tag == "p" and self._in_article:
            self._in_p, self._text = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        elif tag == "p" and self._in_p:
            self._in_p = False
            self.article_paragraphs.append("".join(self._text).strip())

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)
        if self._in_p:
            self._text.append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)


def parse(body: str) -> Page:
    page = Page()
    page.feed(body)
    return page


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve_directory(SITE) as url:
        yield url


def fetch(url: str) -> tuple[int, str, str]:
    """Return status, content type and text of ``url`` (errors as their status)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), ""


ARTICLE_FILES = sorted(SITE.glob("news/[0-9]*/*.html"))
ARTICLE_PATHS = {"/" + p.relative_to(SITE).as_posix() for p in ARTICLE_FILES}
EXPECTED: dict[str, Any] = json.loads((SITE / "expected.json").read_text(encoding="utf-8"))


def article(path: Path) -> Page:
    return parse(path.read_text(encoding="utf-8"))


def test_site_has_enough_articles() -> None:
    assert len(ARTICLE_FILES) >= 12


def test_site_has_enough_languages() -> None:
    languages = {article(p).lang for p in ARTICLE_FILES}
    assert len(languages) >= 5
    assert {"ar", "vi", "id", "nb", "en"} <= languages


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
def test_article_ends_with_a_source_line(path: Path) -> None:
    paragraphs = article(path).article_paragraphs
    assert SOURCE_LINE.match(paragraphs[-1]), paragraphs[-1]


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
def test_article_declares_itself(path: Path) -> None:
    page = article(path)
    assert page.meta["og:type"] == "article"
    assert page.meta["article:published_time"][:4].isdigit()
    assert page.rel["canonical"] == "/" + path.relative_to(SITE).as_posix()


def test_one_story_comes_in_three_languages() -> None:
    by_original: dict[str, set[str]] = {}
    for item in EXPECTED["articles"]:
        by_original.setdefault(item["original_url"], set()).add(item["language"])
    assert max(len(langs) for langs in by_original.values()) >= 3


def test_about_page_is_not_an_article() -> None:
    page = parse((SITE / "about.html").read_text(encoding="utf-8"))
    assert page.meta.get("og:type") == "website"
    assert "article:published_time" not in page.meta


def test_robots_disallows_admin_and_names_the_sitemap(base_url: str) -> None:
    robots = RobotFileParser(base_url + "/robots.txt")
    robots.read()
    assert not robots.can_fetch("newsintel", base_url + "/admin/")
    assert robots.can_fetch("newsintel", base_url + next(iter(ARTICLE_PATHS)))
    assert robots.site_maps() == ["/sitemap_index.xml"]


def sitemap_locs(url: str) -> tuple[str, list[str]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read()
    root = ElementTree.fromstring(gzip.decompress(body) if url.endswith(".gz") else body)
    return root.tag, [urljoin(url, loc.text or "") for loc in root.iter(f"{SM}loc")]


def test_sitemaps_list_every_article(base_url: str) -> None:
    tag, children = sitemap_locs(base_url + "/sitemap_index.xml")
    assert tag == f"{SM}sitemapindex"
    listed = {urlsplit(loc).path for child in children for loc in sitemap_locs(child)[1]}
    assert listed >= ARTICLE_PATHS | {"/about.html", "/news/page/3/"}
    assert any(child.endswith(".xml.gz") for child in children)


def test_rss_feed_parses_and_links_articles(base_url: str) -> None:
    status, ctype, body = fetch(base_url + "/feed.xml")
    assert (status, ctype) == (200, "application/rss+xml; charset=utf-8")
    links = [item.findtext("link") for item in ElementTree.fromstring(body).iter("item")]
    assert len(links) >= 5
    assert {urlsplit(urljoin(base_url, link or "")).path for link in links} <= ARTICLE_PATHS


def test_atom_feed_lists_every_article(base_url: str) -> None:
    _, _, body = fetch(base_url + "/atom.xml")
    hrefs = {e.get("href") for e in ElementTree.fromstring(body).iter(f"{ATOM}link")}
    assert hrefs >= ARTICLE_PATHS


def test_pagination_reaches_every_article(base_url: str) -> None:
    url: str | None = base_url + "/news/"
    seen_pages, found = 0, set()
    while url is not None:
        status, _, body = fetch(url)
        assert status == 200, url
        page = parse(body)
        seen_pages += 1
        found |= {urlsplit(urljoin(url, h)).path for h in page.links} & ARTICLE_PATHS
        url = urljoin(url, page.rel["next"]) if "next" in page.rel else None
    assert seen_pages >= 3
    assert found == ARTICLE_PATHS


def test_every_link_resolves_except_disallowed(base_url: str) -> None:
    queue, seen, broken = ["/index.html"], set(), []
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        status, ctype, body = fetch(base_url + path)
        if status != 200:
            broken.append(path)
        elif ctype.startswith("text/html"):
            targets = {urlsplit(urljoin(base_url + path, h)).path for h in parse(body).links}
            queue.extend(t for t in targets if t != "/search")
    assert broken == []
    assert seen >= ARTICLE_PATHS


@pytest.mark.parametrize(
    ("path", "ctype"),
    [
        ("/index.html", "text/html; charset=utf-8"),
        ("/sitemap_index.xml", "application/xml; charset=utf-8"),
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ],
)
def test_content_types(base_url: str, path: str, ctype: str) -> None:
    assert fetch(base_url + path)[1] == ctype


def test_serve_directory_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(NotADirectoryError), serve_directory(tmp_path / "f"):
        pass


def test_demo_source_patterns_tell_articles_from_other_pages() -> None:
    source = demo_source("http://127.0.0.1:8123")
    (pattern,) = source.article_patterns
    pages = {"/" + p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")}
    matched = {p for p in pages if re.search(pattern, "http://127.0.0.1:8123" + p)}
    assert matched == ARTICLE_PATHS
    assert source.allowed_domains == ("127.0.0.1:8123",)


def test_demo_source_languages_are_the_sites() -> None:
    assert set(DEMO_LANGUAGES) == {article(p).lang for p in ARTICLE_FILES}


# ---------------------------------------------------------------- expected.json


def test_expected_covers_every_article() -> None:
    assert {a["path"] for a in EXPECTED["articles"]} == ARTICLE_PATHS


def test_non_articles_exist() -> None:
    for path in EXPECTED["not_articles"]:
        assert (SITE / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))).is_file()


def page_text(path: str) -> str:
    return html.unescape("\n".join(article(SITE / path.lstrip("/")).article_paragraphs))


def plain_digits(text: str) -> str:
    """Arabic-Indic digits to ASCII, decimal comma and Arabic decimal sign to a point."""
    ascii_digits = "".join(
        str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text
    )
    return re.sub("(\\d)[,\u066b](\\d)", r"\1.\2", ascii_digits)


LABELS = [
    pytest.param(item["path"], label, id=f"{Path(item['path']).stem}-{n}")
    for item in EXPECTED["articles"]
    for n, label in enumerate(item["index_facts"] + item["percentages"])
]


@pytest.mark.parametrize(("path", "label"), LABELS)
def test_label_evidence_is_in_the_page(path: str, label: dict[str, Any]) -> None:
    assert label["evidence"] in page_text(path)


def _number(value: float) -> str:
    return f"{value:g}"


@pytest.mark.parametrize(("path", "label"), LABELS)
def test_labelled_numbers_appear_in_their_evidence(path: str, label: dict[str, Any]) -> None:
    evidence = plain_digits(label["evidence"])
    numbers = [label.get(k) for k in ("score", "rank", "rank_total", "value", "year")]
    change = label.get("rank_change")
    numbers.append(abs(change) if change is not None else None)
    for number in numbers:
        if number is not None:
            assert re.search(rf"(?<![\d.]){re.escape(_number(number))}(?![\d])", evidence), number


def test_expected_is_in_sync_with_the_generator(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "build_demo_site", REPO / "scripts/build_demo_site.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = module.build(tmp_path / "site")
    for path, content in files.items():
        name = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
        wanted = content if isinstance(content, bytes) else content.encode()
        assert (SITE / name).read_bytes() == wanted, name


def test_wheel_ships_every_demo_file(tmp_path: Path) -> None:
    tree = tmp_path / "src"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, tree / name)
    for package in ("newsintel", "crawler", "extract", "index"):
        shutil.copytree(
            REPO / package, tree / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    for package in declared["packages"]:  # a package another branch has yet to add
        (tree / package.replace(".", "/")).mkdir(parents=True, exist_ok=True)
        (tree / package.replace(".", "/") / "__init__.py").touch()
    command = [sys.executable, "-m", "pip", "wheel", str(tree), "--no-deps", "--no-build-isolation"]
    subprocess.run([*command, "-q", "-w", str(tmp_path)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    wanted = {p.relative_to(REPO).as_posix() for p in SITE.rglob("*") if p.is_file()}
    assert wanted - shipped == set()
