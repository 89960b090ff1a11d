"""Unit tests of the request scope, RFC 9309 rules and URL canonicalisation (issue 16)."""

from __future__ import annotations

import pytest

from crawler.models import Source
from crawler.robots import ROBOTS_MAX_BYTES, robots_rules
from crawler.scope import AddressBook, ScopeGuard, is_public_address, registrable_domain
from crawler.urls import _canonical_url, canonical_url

NEWS = Source(name="news", home_url="https://www.news.example.co.uk/", allowed_domains=())
LOCAL = Source(name="local", home_url="http://127.0.0.1:8000/", allowed_domains=())
NAMES = {
    "www.news.example.co.uk": "93.184.216.34",
    "m.news.example.co.uk": "93.184.216.35",
    "internal.news.example.co.uk": "169.254.169.254",
    "example-news.co.uk": "93.184.216.36",
}


def guard(*sources: Source) -> ScopeGuard:
    return ScopeGuard(sources, AddressBook(lambda host: (NAMES[host],) if host in NAMES else ()))


@pytest.mark.parametrize(
    ("url", "source", "refused"),
    [
        ("https://m.news.example.co.uk/a", NEWS, False),  # same registrable domain
        ("https://example-news.co.uk/a", NEWS, True),  # co.uk is a public suffix
        ("https://internal.news.example.co.uk/a", NEWS, True),  # resolves to metadata
        ("http://169.254.169.254/latest/meta-data/", NEWS, True),
        ("http://127.0.0.1:8000/a", LOCAL, False),  # the source's own host
        ("http://127.0.0.1:6379/", LOCAL, True),  # another port of a local host
        ("http://[::1]:8000/", LOCAL, True),
    ],
)
def test_one_scope_decision(url: str, source: Source, refused: bool) -> None:
    assert (guard(NEWS, LOCAL).refusal(url, source, resolve=True) is not None) == refused


def test_names_are_resolved_only_when_asked() -> None:
    url = "https://internal.news.example.co.uk/a"
    decisions = [guard(NEWS).refusal(url, NEWS, resolve=resolve) for resolve in (False, True)]
    refused = "internal.news.example.co.uk is a non-public address (169.254.169.254)"
    assert decisions == [None, refused]


def test_declared_urls_skip_only_the_domain_check() -> None:
    feed = Source(
        name="f",
        home_url="https://www.news.example.co.uk/",
        allowed_domains=(),
        feeds=("http://10.0.0.7/feed.xml",),
    )
    refusals = guard(feed).refusal("http://10.0.0.8/rss", feed, declared=True)
    assert refusals is not None


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("169.254.169.254", False),
        ("10.1.2.3", False),
        ("100.64.0.1", False),
        ("239.1.1.1", False),  # multicast counts as global in ipaddress
        ("::ffff:169.254.169.254", False),
        ("0.0.0.0", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_address(address) == public


def test_registrable_domain_of_an_idn_host_is_ascii() -> None:
    assert registrable_domain("news.bücher.de") == "xn--bcher-kva.de"


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, b"User-agent: *\nDisallow: /x\n", b"User-agent: *\nDisallow: /x\n"),
        (404, b"User-agent: *\nDisallow: /\n", None),
        (410, b"", None),
        (500, b"", b"User-agent: *\nDisallow: /\n"),
        (503, b"", b"User-agent: *\nDisallow: /\n"),
        (429, b"", b"User-agent: *\nDisallow: /\n"),
        (0, b"", b"User-agent: *\nDisallow: /\n"),
    ],
)
def test_robots_rules_follow_rfc_9309(status: int, body: bytes, expected: bytes | None) -> None:
    assert robots_rules(status, body) == expected


def test_robots_over_500_kib_is_cut_at_a_line_end() -> None:
    body = b"User-agent: *\nDisallow: /p/\n" + b"Disallow: /long/path\n" * 40_000
    rules = robots_rules(200, body) or b""
    assert (len(rules) <= ROBOTS_MAX_BYTES, rules.endswith(b"\n")) == (True, True)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://a.vn/item/1?osCsid=8f1c2d3e&x=2", "http://a.vn/item/1?x=2"),
        ("http://a.vn/item/1?sessid=77aa88bb", "http://a.vn/item/1"),
        ("http://a.vn/item/1?s=0f9e8d7c6b5a49382716", "http://a.vn/item/1"),
        ("http://a.vn/?s=province", "http://a.vn/?s=province"),  # a search, not a session
        ("http://a.vn/item/1?token=Zx81Qw", "http://a.vn/item/1"),
        ("http://a.vn/(S(lit3py55t21z5v55vlm25s55))/item/1.aspx", "http://a.vn/item/1.aspx"),
        ("http://a.vn/(X(1)S(ab12cd))/item/1.aspx?id=3", "http://a.vn/item/1.aspx?id=3"),
    ],
)
def test_session_ids_are_stripped(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_huge_rejected_links_do_not_stay_in_the_cache() -> None:
    before = _canonical_url.cache_info().currsize
    for n in range(5):
        assert canonical_url(f"/{n}/" + "x" * 4_000_000, "http://a.vn/") is None
    assert _canonical_url.cache_info().currsize == before


def test_huge_links_are_dropped_before_urllib_parses_them() -> None:
    from crawler.discovery import html_links

    huge = "/" + "y" * 3_000_000
    found = html_links(f'<a href="{huge}">x</a><a href="/ok">ok</a>'.encode(), "http://a.vn/")
    assert (found.links, found.too_long) == (("http://a.vn/ok",), 1)
