# multilingual test data: non-Latin letters and full-width punctuation are the point
from __future__ import annotations

import io
import pickle
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfWriter

from extract.decoding import declared_charsets, decode_body
from extract.document import ParsedDocument, document_kind, page_at, parse_document
from extract.errors import DecodeError, UnsupportedDocument
from extract.models import Document
from extract.original_url import (
    canonical_elsewhere,
    original_url_from_links,
    original_url_from_text,
)
from extract.pdf import unwrap_lines
from extract.webpage import byline_date

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"
TEXTS = DOCS / "text"
URL = "https://aggregator.example.net/story/1"
VI_SENTENCE = "Năm 2023, tỉnh Bình Định đạt 87,15 điểm về Chỉ số cải cách hành chính"
VI_TITLE = "Bình Định cải thiện thứ hạng cải cách hành chính"
COMBINING = {chr(c) for c in range(0x0300, 0x0370)}


def html_doc(name: str, headers: tuple[tuple[str, str], ...] = ()) -> Document:
    return Document(
        url=URL, body=(DOCS / name).read_bytes(), content_type="text/html", headers=headers
    )


def parse_html(name: str, headers: tuple[tuple[str, str], ...] = ()) -> ParsedDocument:
    return parse_document(html_doc(name, headers))


# --- decoding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "headers"),
    [
        ("wrong_charset.html", ()),
        ("wrong_charset.html", (("Content-Type", "text/html; charset=ISO-8859-1"),)),
        ("no_charset.html", ()),
        ("vi_cp1258.html", ()),
        ("vi_cp1258.html", (("Content-Type", "text/html; charset=windows-1258"),)),
        ("vi_cp1258_undeclared.html", ()),
        ("truncated.html", ()),
    ],
)
def test_vietnamese_pages_decode_to_precomposed_text(name, headers):
    parsed = parse_html(name, headers)
    assert VI_SENTENCE in parsed.text
    assert parsed.title == VI_TITLE
    assert not COMBINING & set(parsed.text)
    assert parsed.text == unicodedata.normalize("NFC", parsed.text)


def test_cp1258_fixture_really_uses_combining_tone_marks():
    raw = (DOCS / "vi_cp1258.html").read_bytes().decode("cp1258")
    assert "\u0309" in raw  # hook above, as Windows writes it
    assert VI_SENTENCE not in raw
    assert VI_SENTENCE in unicodedata.normalize("NFC", raw)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("wrong_charset.html", "utf-8"),
        ("vi_cp1258.html", "cp1258"),
        ("vi_cp1258_undeclared.html", "cp1258"),
    ],
)
def test_encoding_used_is_recorded(name, encoding):
    assert parse_html(name).encoding == encoding


@pytest.mark.parametrize(
    ("language", "encoding"),
    [
        ("zh", "gb18030"),
        ("ja", "shift_jis"),
        ("ja", "euc-jp"),
        ("ko", "euc-kr"),
        ("th", "tis-620"),
        ("ru", "windows-1251"),
        ("ru", "koi8-r"),
        ("ar", "windows-1256"),
        ("fr", "cp1252"),
    ],
)
@pytest.mark.parametrize("declared", [True, False], ids=["declared", "undeclared"])
def test_legacy_encodings(language, encoding, declared):
    text = (TEXTS / f"{language}.txt").read_text(encoding="utf-8")
    content_type = f"text/plain; charset={encoding}" if declared else "text/plain"
    assert decode_body(text.encode(encoding), content_type=content_type).text == text


def test_header_charset_comes_before_meta():
    body = b'<meta charset="utf-8"><p>x</p>'
    found = declared_charsets(body, headers=(("content-type", "text/html; charset=cp1258"),))
    assert found == ("cp1258", "utf-8")


def test_unknown_charset_labels_are_ignored():
    assert declared_charsets(b'<meta charset="klingon-7">') == ()


def test_latin1_label_reads_as_windows_1252():
    decoded = decode_body(
        "\u201cquoted\u201d café".encode("cp1252"), content_type="text/plain; charset=iso-8859-1"
    )
    assert decoded.text == "\u201cquoted\u201d café"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_byte_order_mark_decides(encoding):
    text = "Tiếng Việt và ﻿العربية"
    assert decode_body(text.encode(encoding)).text == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark(encoding):
    text = "<html><body><p>Provincial reform index results for this year.</p></body></html>"
    assert decode_body(text.encode(encoding)).text == text


def test_utf8_cut_inside_a_character_keeps_the_rest():
    body = "Hà Nội đứng đầu".encode()[:-1]
    assert decode_body(body).text == "Hà Nội đứng đầ"


@pytest.mark.parametrize("body", [b"", b"   \n\t ", ""])
def test_empty_body_is_a_decode_error(body):
    doc = Document(url=URL, body=body, content_type="text/html")
    with pytest.raises(DecodeError, match="empty"):
        parse_document(doc)


def test_binary_body_is_a_decode_error():
    doc = Document(url=URL, body=bytes(range(256)) * 8, content_type="text/plain")
    with pytest.raises(DecodeError, match="binary"):
        parse_document(doc)


def test_page_without_text_is_a_decode_error():
    doc = Document(url=URL, body=b"<html><head></head><body><div></div></body></html>")
    with pytest.raises(DecodeError, match="no text"):
        parse_document(doc)


# --- kinds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "url", "kind"),
    [
        (b"<!DOCTYPE html><html><p>x</p></html>", "text/html; charset=utf-8", URL, "html"),
        (b"<html><body><p>x</p></body></html>", "text/plain", URL, "html"),
        (b"<html><body><p>x</p></body></html>", None, URL, "html"),
        (b"Plain words.", None, URL, "text"),
        (b"%PDF-1.7 ...", "application/octet-stream", URL, "pdf"),
        (b"%PDF-1.4 ...", "text/html", URL, "pdf"),
        (b"bytes", "application/octet-stream", "https://x.example/report.pdf", "pdf"),
        (b"# Heading\n\nText", "text/markdown", URL, "text"),
        (b"<html><body>Not found</body></html>", "application/pdf", URL, "html"),
    ],
)
def test_document_kind(body, content_type, url, kind):
    assert document_kind(Document(url=url, body=body, content_type=content_type)) == kind


def test_media_type_from_headers_when_content_type_missing():
    doc = Document(url=URL, body=b"<p>x</p>", headers=(("Content-Type", "image/png"),))
    with pytest.raises(UnsupportedDocument, match="image/png"):
        document_kind(doc)


# --- HTML -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def boilerplate() -> ParsedDocument:
    return parse_html("article_boilerplate.html")


@pytest.mark.parametrize(
    "dropped", ["Sign in", "Coffee exports rise", "All rights reserved", "Advertise"]
)
def test_navigation_related_links_and_footer_are_dropped(boilerplate, dropped):
    assert dropped not in boilerplate.text


@pytest.mark.parametrize(
    "kept",
    [
        "gained eleven places in the latest administrative reform index",
        "now sits 19th of all 63 provincial-level units",
        "86.42",  # from the table
        "Source: Tin Lam Dong",
    ],
)
def test_main_text_table_and_source_line_are_kept(boilerplate, kept):
    assert kept in boilerplate.text


def test_html_metadata(boilerplate):
    assert (boilerplate.title, boilerplate.author, boilerplate.published) == (
        "Lam Dong climbs in the reform index",
        "Tran Thi Mai",
        date(2024, 4, 18),
    )


def test_html_original_url_from_the_linked_source(boilerplate):
    expected = "https://tinlamdong.example.vn/cai-cach-hanh-chinh/lam-dong-tang-11-bac-2024.html"
    assert boilerplate.original_url == expected


def test_html_is_english_with_html_origin(boilerplate):
    assert (boilerplate.language, boilerplate.text_origin) == ("en", "html")


def test_malformed_html_still_gives_text():
    body = (
        b"<html><body><div><p>Ninh Binh rose to 19th place <b>this year <i>after a slow"
        b" start</p></div></span></td><p>Officials expect further gains once the online"
        b" portal covers every district office.</body>"
    )
    parsed = parse_document(Document(url=URL, body=body, content_type="text/html"))
    assert "Ninh Binh rose to 19th place" in parsed.text


def test_markup_nested_too_deep_for_lxml_still_gives_text():
    deep = "<div>" * 5000 + "<p>Deep text about the province ranking.</p>" + "</div>" * 5000
    body = f"<html><head><script>var x = '<p>no</p>';</script></head><body>{deep}</body></html>"
    parsed = parse_document(Document(url=URL, body=body.encode()))
    assert parsed.text == "Deep text about the province ranking."


def test_date_falls_back_to_htmldate_for_short_pages():
    body = (
        b'<html><head><meta name="date" content="2023-11-05"><title>Short note</title></head>'
        b"<body><p>A short note on the district office hours.</p></body></html>"
    )
    parsed = parse_document(Document(url=URL, body=body, content_type="text/html"))
    assert parsed.published == date(2023, 11, 5)


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ("Hà Nội, ngày 5 tháng 3 năm 2024. Tỉnh công bố", date(2024, 3, 5)),
        ("Thứ Hai, 18/03/2024 08:30\nBài viết", date(2024, 3, 18)),
        ("2024年3月18日 10:00 発表", date(2024, 3, 18)),
        ("2024년 3월 18일 발표", date(2024, 3, 18)),
        ("By a staff writer, 18 April 2024", date(2024, 4, 18)),
        ("Năm 2023, tỉnh đạt kết quả tốt", None),  # a year alone is not a date
        ("The 2023 PAR Index results", None),
        ("Published January 1, 2024 by the provincial portal", date(2024, 1, 1)),
        ("Hanoi, 01/01/2024 - The province", date(2024, 1, 1)),
        ("No date in these opening lines at all", None),
    ],
)
def test_byline_date(head, published):
    assert byline_date(head) == published


def test_page_whose_only_date_is_a_year_in_its_text_is_undated():
    body = (
        "<html><head><title>PAR Index 2023</title></head><body><article><h1>PAR Index 2023</h1>"
        "<p>Năm 2023, tỉnh đứng thứ 5 về Chỉ số cải cách hành chính.</p>"
        f"<p>{'The province reviewed the 2023 results and its targets. ' * 8}</p>"
        "</article><footer>© 2023 Provincial portal</footer></body></html>"
    ).encode()
    assert parse_document(Document(url=URL, body=body)).published is None


def test_html_without_date_markup_uses_the_byline():
    body = (
        "<html><head><title>T</title></head><body><article><h1>Tiêu đề</h1>"
        "<p>Cập nhật lúc 08:30 ngày 18/3/2024</p>"
        f"<p>{'Một đoạn văn dài về việc giải quyết hồ sơ của tỉnh. ' * 8}</p>"
        "</article></body></html>"
    ).encode()
    assert parse_document(Document(url=URL, body=body)).published == date(2024, 3, 18)


# --- plain text -------------------------------------------------------------------------


def test_plain_text_offsets_index_the_files_own_text():
    raw = (TEXTS / "ar.txt").read_bytes()
    parsed = parse_document(Document(url="file:///ar.txt", body=raw, content_type="text/plain"))
    assert parsed.text == raw.decode("utf-8")
    start, end, _ = parsed.paragraph_languages[1]
    assert parsed.text[start:end] == raw.decode("utf-8").splitlines()[2]


def test_plain_text_line_endings_are_kept():
    raw = "Tiêu đề\r\n\r\nDòng thứ nhất của bài.\r\nDòng thứ hai.\r\n".encode()
    parsed = parse_document(Document(url=URL, body=raw, content_type="text/plain"))
    assert parsed.text == raw.decode()
    assert [parsed.text[s:e] for s, e, _ in parsed.paragraph_languages][1] == (
        "Dòng thứ nhất của bài."
    )


def test_decomposed_plain_text_becomes_nfc():
    text = unicodedata.normalize("NFD", "Thừa Thiên Huế dẫn đầu.")
    parsed = parse_document(Document(url=URL, body=text.encode(), content_type="text/plain"))
    assert parsed.text == "Thừa Thiên Huế dẫn đầu."


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("A heading without a stop\n\nBody text follows here.", "A heading without a stop"),
        ("\n\n  Tiêu đề bài viết  \nNội dung.", "Tiêu đề bài viết"),
        ("This first line is a full sentence. It ends with a stop.\nMore.", None),
        ("2024\nBody", None),
    ],
)
def test_plain_text_title_is_a_heading_like_first_line(text, title):
    assert parse_document(Document(url=URL, body=text)).title == title


def test_str_body_is_used_as_text():
    text = "Hue xếp thứ hai.\nSource: https://hue.example.vn/tin/123.html"
    parsed = parse_document(Document(url=URL, body=text))
    assert (parsed.text, parsed.original_url, parsed.encoding) == (
        text,
        "https://hue.example.vn/tin/123.html",
        None,
    )


def test_language_hint_wins():
    parsed = parse_document(Document(url=URL, body="Kort tekst om fylket.", language="no"))
    assert (parsed.language, parsed.language_confidence) == ("nb", 1.0)


# --- PDF --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report() -> ParsedDocument:
    body = (DOCS / "report.pdf").read_bytes()
    return parse_document(Document(url="file:///report.pdf", body=body))


def test_pdf_pages_are_recorded(report):
    assert [number for _, _, number in report.pages] == [1, 2]
    assert report.text_origin == "pdf"


def test_pdf_page_of_the_rank_sentence_is_known(report):
    offset = report.text.index("xếp thứ 12/63")
    assert page_at(report, offset) == 2
    assert page_at(report, report.text.index("BÁO CÁO TÓM TẮT")) == 1


def test_pdf_page_spans_cover_each_pages_text(report):
    start, end, _ = report.pages[1]
    assert report.text[start:end].startswith("Kết quả năm 2023")
    assert "87,15 điểm" in report.text[start:end]


def test_pdf_lines_wrapped_for_the_page_width_are_rejoined(report):
    assert "đồng thời đưa trọn bộ thủ tục" in report.text


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (["The province ranked", "12th of 63."], "The province ranked\n12th of 63."),
        (["The province ranked", "twelfth."], "The province ranked twelfth."),
        (["adminis-", "trative reform"], "administrative reform"),
        (["Results.", "next page"], "Results.\nnext page"),
        (["Rank Province Score", "1 Quang Ninh 91.2"], "Rank Province Score\n1 Quang Ninh 91.2"),
    ],
)
def test_unwrap_lines(lines, text):
    assert unwrap_lines(lines) == text


def test_pdf_metadata(report):
    assert (report.title, report.author, report.published, report.language) == (
        "Báo cáo chỉ số cải cách hành chính tỉnh Bình Định 2023",
        "Sở Nội vụ tỉnh Bình Định",
        date(2024, 2, 20),
        "vi",
    )


def test_truncated_pdf_is_a_decode_error():
    body = (DOCS / "report.pdf").read_bytes()[:400]
    with pytest.raises(DecodeError, match="PDF"):
        parse_document(Document(url=URL, body=body, content_type="application/pdf"))


def test_pdf_without_text_layer_is_a_decode_error():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DecodeError, match="no text layer"):
        parse_document(Document(url=URL, body=buffer.getvalue()))


# --- original URL -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "url"),
    [
        (
            "Body.\nSource: https://a.example.vn/x-1.html\nComments (0)",
            "https://a.example.vn/x-1.html",
        ),
        ("Isi.\nSumber: https://b.example.vn/y.htm", "https://b.example.vn/y.htm"),
        ("Tekst.\nKilde\nhttps://c.example.no/z", "https://c.example.no/z"),
        ("نص.\nالمصدر: https://d.example.vn/a/b/\nتعليق (0)", "https://d.example.vn/a/b/"),
        (
            "Nội dung.\nNguồn: Báo Tỉnh - https://e.example.vn/p.html.",
            "https://e.example.vn/p.html",
        ),
        ("Text.\nQuelle: www.f.example.de/artikel", "https://www.f.example.de/artikel"),
        ("正文。\n来源：https://g.example.cn/a.html）", "https://g.example.cn/a.html"),
        ("本文。\n出典：https://h.example.jp/k", "https://h.example.jp/k"),
        ("Текст.\nИсточник: https://i.example.ru/n", "https://i.example.ru/n"),
        ("본문.\n출처: https://j.example.kr/m", "https://j.example.kr/m"),
        ("เนื้อหา\nแหล่งที่มา: https://k.example.th/q", "https://k.example.th/q"),
        ("Texto.\nFuente: https://l.example.es/r", "https://l.example.es/r"),
        ("Testo.\nFonte: https://m.example.it/s", "https://m.example.it/s"),
    ],
)
def test_original_url_after_a_source_label(text, url):
    assert original_url_from_text(text) == url


@pytest.mark.parametrize(
    "text",
    [
        "Sumber\nKomentar (0)",
        "Sources said the report is at https://x.example.com/r in full.",
        "See https://x.example.com/r for details.",
    ],
)
def test_no_original_url_without_a_labelled_url(text):
    assert original_url_from_text(text) is None


def test_last_citation_wins():
    text = "Source: https://first.example.com/a\nMore text.\nSource: https://last.example.com/b"
    assert original_url_from_text(text) == "https://last.example.com/b"


@pytest.mark.parametrize(
    ("markup", "url"),
    [
        (
            '<p><strong>Nguồn:</strong> <em><a href="https://a.example.vn/x">Báo A</a></em></p>',
            "https://a.example.vn/x",
        ),
        ('<p><a href="https://b.example.vn/y">Source</a></p>', "https://b.example.vn/y"),
        ("<p>Quelle: Zeitung B</p><p>Mehr: <a href='https://c.example.de/z'>hier</a></p>", None),
        ("<p>Source of the figures is the ministry <a href='https://d.example'>d</a></p>", None),
    ],
)
def test_linked_citation(markup, url):
    from lxml.html import fromstring

    assert original_url_from_links(fromstring(f"<div>{markup}</div>"), URL) == url


@pytest.mark.parametrize(
    ("page_url", "expected"),
    [
        ("https://aggregator.example.net/a", "https://orig.example.vn/a.html"),
        ("https://m.orig.example.vn/a", None),  # canonical on the page's own site
        ("http://127.0.0.1:8000/a", "https://orig.example.vn/a.html"),
        ("file:///tmp/saved.html", "https://orig.example.vn/a.html"),
    ],
)
def test_canonical_url_on_another_site(page_url, expected):
    from lxml.html import fromstring

    tree = fromstring(
        '<html><head><link rel="Canonical" href="https://orig.example.vn/a.html"></head>'
        "<body><p>x</p></body></html>"
    )
    assert canonical_elsewhere(tree, page_url) == expected


def test_linked_citation_ignores_same_site_links():
    from lxml.html import fromstring

    tree = fromstring(
        '<div><p>Nguồn: <a href="https://src.example.vn/a.html">Báo A</a></p>'
        '<p><a href="https://m.agg-news.vn/tag/nguon">Nguồn</a></p></div>'
    )
    assert (
        original_url_from_links(tree, "https://www.agg-news.vn/p")
        == "https://src.example.vn/a.html"
    )


# --- contract ---------------------------------------------------------------------------


def test_parsed_document_pickles_and_is_deterministic(boilerplate):
    again = parse_html("article_boilerplate.html")
    assert pickle.loads(pickle.dumps(boilerplate)) == again
