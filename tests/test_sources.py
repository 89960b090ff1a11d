from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.errors import SourcesError
from crawler.models import Source
from crawler.sources import FIELDS, load_sources, source_for_url
from newsintel.config import default_sources_path

VALID = '[[sources]]\nname = "demo"\nhome_url = "https://example.vn/"\n'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def default_sources() -> tuple[Source, ...]:
    return load_sources(default_sources_path())


def test_default_file_loads_many_sources(default_sources: tuple[Source, ...]) -> None:
    assert len(default_sources) >= 50


def test_default_names_are_unique(default_sources: tuple[Source, ...]) -> None:
    names = [s.name for s in default_sources]
    assert len(names) == len(set(names))


def test_default_provincial_papers_name_their_province(
    default_sources: tuple[Source, ...],
) -> None:
    provincial = [s for s in default_sources if s.kind == "provincial"]
    assert len(provincial) >= 30
    assert all(s.province for s in provincial)
    assert {"Phu Yen", "Quang Nam", "Quang Ninh", "Nghe An"} <= {s.province for s in provincial}


def test_default_covers_the_aggregator_editions(default_sources: tuple[Source, ...]) -> None:
    languages = {lang for s in default_sources if s.kind == "aggregator" for lang in s.languages}
    assert {"vi", "en", "id", "nb", "ar", "fr", "zh"} <= languages


def test_minimal_source_gets_defaults(tmp_path: Path) -> None:
    (source,) = load_sources(write(tmp_path, VALID))
    assert source == Source(
        name="demo", home_url="https://example.vn/", allowed_domains=("example.vn",)
    )


def test_relative_feed_is_resolved_against_home(tmp_path: Path) -> None:
    (source,) = load_sources(write(tmp_path, VALID + 'feeds = ["/rss/home.rss"]\n'))
    assert source.feeds == ("https://example.vn/rss/home.rss",)


def test_host_and_port_domain_pins_one_site(tmp_path: Path) -> None:
    text = (
        '[[sources]]\nname = "mirror"\nhome_url = "http://127.0.0.1:8000/"\n'
        'allowed_domains = ["127.0.0.1:8000"]\n'
    )
    (source,) = load_sources(write(tmp_path, text))
    assert source.allowed_domains == ("127.0.0.1:8000",)


BAD_SOURCES = [
    pytest.param('colour = "red"\n', "'demo'", "colour", "unknown key", id="unknown-key"),
    pytest.param('kind = "blog"\n', "'demo'", "kind", "unknown value", id="unknown-kind"),
    pytest.param('languages = "vi"\n', "'demo'", "languages", "array", id="languages-string"),
    pytest.param('languages = ["vie"]\n', "'demo'", "languages", "ISO 639-1", id="lang-3-letters"),
    pytest.param('languages = ["xx"]\n', "'demo'", "languages", "ISO 639-1", id="lang-unknown"),
    pytest.param(
        'allowed_domains = ["other.vn"]\n', "'demo'", "allowed_domains", "covers", id="domain-off"
    ),
    pytest.param(
        'allowed_domains = ["https://example.vn"]\n',
        "'demo'",
        "allowed_domains",
        "host name",
        id="domain-with-scheme",
    ),
    pytest.param('allow = ["(unclosed"]\n', "'demo'", "allow", "regular expression", id="regex"),
    pytest.param(
        'article_patterns = ["[a-"]\n', "'demo'", "article_patterns", "regular", id="regex-2"
    ),
    pytest.param("max_pages = 0\n", "'demo'", "max_pages", "integer >= 1", id="max-pages-zero"),
    pytest.param('max_pages = "10"\n', "'demo'", "max_pages", "string", id="max-pages-string"),
    pytest.param("max_depth = -1\n", "'demo'", "max_depth", "integer >= 0", id="depth-negative"),
    pytest.param("max_depth = true\n", "'demo'", "max_depth", "boolean", id="depth-bool"),
    pytest.param(
        'feeds = ["https://elsewhere.vn/rss"]\n', "'demo'", "feeds", "outside", id="feed-off-site"
    ),
    pytest.param('sitemaps = ["ftp://example.vn/s.xml"]\n', "'demo'", "sitemaps", "http", id="ftp"),
    pytest.param('kind = "provincial"\n', "'demo'", "province", "required", id="no-province"),
    pytest.param('province = ""\n', "'demo'", "province", "non-empty", id="empty-province"),
]


@pytest.mark.parametrize(("extra", "source", "key", "problem"), BAD_SOURCES)
def test_bad_source_error_names_file_source_and_key(
    tmp_path: Path, extra: str, source: str, key: str, problem: str
) -> None:
    path = write(tmp_path, VALID + extra)
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"source {source}" in message
    assert f"key {key!r}" in message
    assert problem in message


@pytest.mark.parametrize(
    ("text", "where", "key"),
    [
        pytest.param(
            '[[sources]]\nname = 3\nhome_url = "https://a.vn/"\n', "#1", "name", id="name"
        ),
        pytest.param('[[sources]]\nname = "a"\n', "'a'", "home_url", id="missing-home"),
        pytest.param('[[sources]]\nname = "a"\nhome_url = "a.vn"\n', "'a'", "home_url", id="url"),
        pytest.param('[[sources]]\nname = "A B"\nhome_url = "https://a.vn/"\n', "'A B'", "name"),
        pytest.param(VALID + VALID, "'demo' (#2)", "name", id="duplicate"),
        pytest.param("version = 2\n" + VALID, "top level", "version", id="top-level-key"),
        pytest.param('sources = "x"\n', "top level", "sources", id="not-tables"),
        pytest.param("# nothing\n", "top level", "sources", id="empty"),
    ],
)
def test_structural_errors_name_where_and_key(
    tmp_path: Path, text: str, where: str, key: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    assert re.search(re.escape(where) + r"[^:]*, key " + re.escape(repr(key)), str(caught.value))


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = VALID + 'kind = "blog"\n\n[[sources]]\nname = "two"\nhome_url = "nope"\n'
    with pytest.raises(SourcesError) as caught:
        load_sources(write(tmp_path, text))
    assert len(str(caught.value).splitlines()) == 2


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[[sources]\nname=")
    with pytest.raises(SourcesError, match="not valid TOML") as caught:
        load_sources(path)
    assert str(path) in str(caught.value)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match=r"absent\.toml"):
        load_sources(tmp_path / "absent.toml")


def test_no_path_is_an_error() -> None:
    with pytest.raises(SourcesError, match="no sources file"):
        load_sources(None)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://en.vietnamplus.vn/a-story-123.vnp", "vietnamplus-en"),
        ("https://www.vietnamplus.vn/bai-viet-123.vnp", "vietnamplus"),
        ("https://www.vietnam.vn/en/phu-yen-par-index", "vietnam-vn-en"),
        ("https://www.vietnam.vn/ar/some-story", "vietnam-vn-ar"),
        ("https://www.vietnam.vn/phu-yen-chi-so", "vietnam-vn"),
        ("https://baophuyen.vn/cai-cach-hanh-chinh/202504/x/", "baophuyen"),
        ("https://en.nhandan.vn/story.html", "nhandan-en"),
    ],
)
def test_source_for_url_picks_the_most_specific(
    default_sources: tuple[Source, ...], url: str, expected: str
) -> None:
    found = source_for_url(default_sources, url)
    assert found is not None
    assert found.name == expected


def test_source_for_url_outside_every_source(default_sources: tuple[Source, ...]) -> None:
    assert source_for_url(default_sources, "https://example.org/") is None


DOCS = Path(__file__).resolve().parents[1] / "docs" / "readme" / "config.md"


def test_docs_example_is_a_valid_sources_file(tmp_path: Path) -> None:
    (example,) = re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    names = [s.name for s in load_sources(write(tmp_path, example))]
    assert names == ["baophuyen", "vietnam-vn-en", "intranet-mirror"]


def test_docs_table_lists_every_key() -> None:
    rows = re.findall(r"^\| `(\w+)` \|", DOCS.read_text(encoding="utf-8"), re.M)
    assert set(rows) == set(FIELDS)
