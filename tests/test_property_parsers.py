"""Property-based tests (Hypothesis) of the parsers that meet untrusted text.

Numbers in every lexicon language, feed and sitemap dates, URL canonicalisation, charset
decoding and sitemap/feed parsing: no exception escapes on any input, and values written
the way the world writes them read back as themselves.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from email.utils import format_datetime
from importlib.resources import files
from xml.sax.saxutils import escape

import pytest
from babel.numbers import format_decimal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.discovery import feed_links, parse_date, sitemap_entries, sitemap_links
from crawler.urls import canonical_url
from extract.decoding import decode_body
from extract.errors import DecodeError
from extract.numbers import find_numbers, parse_number

# Reproducible in CI (derandomised), no example database written into the checkout, and no
# deadline: the machine is shared, so time is never asserted.
PROPERTIES = settings(
    max_examples=100,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
LANGUAGES = sorted(
    path.name.removesuffix(".toml")
    for path in files("extract").joinpath("lexicons", "facts").iterdir()
    if path.name.endswith(".toml") and path.name != "xx.toml"
)
untrusted_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200
) | st.from_regex(r"[0-9٠-٩०-९๐-๙.,'\u00a0\u202f %٪]{1,40}", fullmatch=True)


# --- numbers --------------------------------------------------------------------------------


@PROPERTIES
@given(text=untrusted_text, language=st.sampled_from([*LANGUAGES, None, "zz", ""]))
def test_find_numbers_reads_any_text(text: str, language: str | None) -> None:
    for token in find_numbers(
        text, language, percent_words=("percent",), percent_prefixes=("百分之",)
    ):
        assert 0 <= token.start < token.end <= len(text)
        assert token.value == token.value  # never NaN


@PROPERTIES
@given(raw=untrusted_text, language=st.sampled_from([*LANGUAGES, None]))
def test_parse_number_reads_any_text(raw: str, language: str | None) -> None:
    value = parse_number(raw, language)
    assert value is None or isinstance(value, float)


@pytest.mark.parametrize("language", LANGUAGES)
@PROPERTIES
@given(number=st.integers(min_value=0, max_value=10**12))
def test_whole_numbers_read_back_in_every_locale(language: str, number: int) -> None:
    written = format_decimal(number, locale=language)
    assert parse_number(written, language) == number, written


@pytest.mark.parametrize("language", LANGUAGES)
@PROPERTIES
@given(cents=st.integers(min_value=1, max_value=10**9).filter(lambda c: c % 10))
def test_decimals_read_back_in_every_locale(language: str, cents: int) -> None:
    value = Decimal(cents) / 100  # two decimals, the last not zero: never ambiguous
    written = format_decimal(value, locale=language)
    assert parse_number(written, language) == float(value), written


@pytest.mark.parametrize("language", LANGUAGES)
@PROPERTIES
@given(cents=st.integers(min_value=1, max_value=10**7).filter(lambda c: c % 10))
def test_decimals_are_found_in_a_sentence(language: str, cents: int) -> None:
    value = Decimal(cents) / 100
    text = f"Score: {format_decimal(value, locale=language)} points."
    assert [t.value for t in find_numbers(text, language)] == [float(value)], text


# --- dates of sitemaps and feeds -------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=0))
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)


@PROPERTIES
@given(text=untrusted_text)
def test_parse_date_reads_any_text(text: str) -> None:
    when = parse_date(text)
    assert when is None or when.tzinfo == UTC


@PROPERTIES
@given(moment=moments, zone=offsets)
def test_w3c_dates_read_back(moment: datetime, zone: timezone) -> None:
    assert parse_date(moment.astimezone(zone).isoformat()) == moment


@PROPERTIES
@given(moment=moments, zone=offsets)
def test_rfc_822_dates_read_back(moment: datetime, zone: timezone) -> None:
    assert parse_date(format_datetime(moment.astimezone(zone))) == moment


@PROPERTIES
@given(day=st.dates(min_value=datetime(1971, 1, 1).date()))
def test_a_date_alone_is_its_midnight_utc(day: object) -> None:
    assert parse_date(str(day)) == datetime.fromisoformat(f"{day}T00:00:00+00:00")


# --- URL canonicalisation --------------------------------------------------------------------

labels = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True)
hosts = st.builds(
    lambda parts, tld: ".".join([*parts, tld]),
    st.lists(labels, min_size=1, max_size=3),
    st.sampled_from(["vn", "com", "org", "com.vn"]),
)
segments = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
urls = st.builds(
    lambda scheme, host, port, path, query, fragment: (
        f"{scheme}://{host}{port}/{'/'.join(path)}{query}{fragment}"
    ),
    st.sampled_from(["http", "https", "HTTP", "HTTPS"]),
    hosts,
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.lists(segments, max_size=4),
    st.sampled_from(["", "?id=5", "?b=2&a=1", "?utm_source=x&id=7", "?PHPSESSID=ab12&p=3"]),
    st.sampled_from(["", "#top", "#"]),
)


@PROPERTIES
@given(text=untrusted_text, base=st.none() | urls)
def test_canonical_url_reads_any_text(text: str, base: str | None) -> None:
    result = canonical_url(text, base)
    assert result is None or result.startswith(("http://", "https://"))


@PROPERTIES
@given(url=urls)
def test_canonical_url_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert once is not None
    assert canonical_url(once) == once


@PROPERTIES
@given(url=urls, base=urls)
def test_canonical_url_of_an_absolute_link_ignores_the_base(url: str, base: str) -> None:
    assert canonical_url(url, base) == canonical_url(url)


# --- charset decoding ------------------------------------------------------------------------

# Words of the languages each legacy codec is used for; texts are sentences of them, as written
# (a declared charset is doubted when its text looks garbled, which random letters would).
WORDS = {
    "utf-8": "cải cách hành chính tỉnh năm điểm xếp hạng đứng thứ chỉ số người dân",
    "cp1258": "cách hành chính năm và các dân chương công tác đô",  # precomposed only
    "windows-1252": "réforme administrative élevée province données über größer Bürger "
    "Straße année dernière qualité contrôle français",
    "koi8-r": "реформа административная провинция индекс место году рейтинг граждан "
    "услуги государственные",
    "shift_jis": "行政 改革 指数 省 順位 年 日本語 ベトナム の で は を 上昇",
    "gb18030": "行政 改革 指数 省份 排名 得分 公共 服务 年 第 位",
}


def _prose(words: str) -> st.SearchStrategy[str]:
    word = st.sampled_from(words.split())
    sentence = st.lists(word, min_size=2, max_size=12).map(lambda w: " ".join(w).capitalize())
    return st.lists(sentence, min_size=1, max_size=4).map(lambda s: ". ".join(s) + ".")


@PROPERTIES
@given(
    body=st.binary(max_size=300),
    header=st.sampled_from(["", "utf-8", "latin-1", "nonsense", "utf-16"]),
)
def test_decode_body_reads_any_bytes(body: bytes, header: str) -> None:
    headers = (("Content-Type", f"text/html; charset={header}"),) if header else ()
    try:
        decoded = decode_body(body, headers=headers)
    except DecodeError:
        return
    assert isinstance(decoded.text, str)


@pytest.mark.parametrize("encoding", sorted(WORDS))
@PROPERTIES
@given(data=st.data())
def test_declared_text_reads_back(encoding: str, data: st.DataObject) -> None:
    text = data.draw(_prose(WORDS[encoding]))
    body = text.encode(encoding)
    decoded = decode_body(body, headers=(("Content-Type", f"text/plain; charset={encoding}"),))
    assert decoded.text == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("aaaaaaaaaaaaaaaaaaaÀ", "windows-1252"),  # was read as EBCDIC: "///////////////////{"
        ("aaaaaaaaaaaaaaaaaaaÂ", "cp1258"),  # 0xC2 at the end was taken for cut-off UTF-8
    ],
)
def test_a_declared_charset_beats_a_guess_with_fewer_letters(text: str, encoding: str) -> None:
    headers = (("Content-Type", f"text/plain; charset={encoding}"),)
    assert decode_body(text.encode(encoding), headers=headers).text == text


# --- sitemaps and feeds ----------------------------------------------------------------------


@PROPERTIES
@given(body=st.binary(max_size=400) | untrusted_text.map(str.encode))
def test_sitemaps_and_feeds_read_any_bytes(body: bytes) -> None:
    entries, _ = sitemap_entries(body)
    assert all(isinstance(url, str) for url, _ in entries)
    assert all(isinstance(url, str) for url in feed_links(body))


@PROPERTIES
@given(links=st.lists(urls, min_size=1, max_size=8))
def test_sitemap_urls_read_back(links: list[str]) -> None:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{escape(link)}</loc></url>" for link in links)
        + "</urlset>"
    ).encode()
    assert sitemap_links(body) == (tuple(links), False)


@PROPERTIES
@given(links=st.lists(urls, min_size=1, max_size=8), atom=st.booleans())
def test_feed_links_read_back(links: list[str], atom: bool) -> None:
    if atom:
        items = "".join(
            f'<entry><link href="{escape(u, {chr(34): "&quot;"})}"/></entry>' for u in links
        )
        body = f'<feed xmlns="http://www.w3.org/2005/Atom">{items}</feed>'
    else:
        items = "".join(f"<item><link>{escape(u)}</link></item>" for u in links)
        body = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
    assert feed_links(body.encode()) == tuple(link.strip() for link in links)
