"""Documents of any length: sections with global offsets, page citations, bounded memory."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from long_documents import PROSE, fact_sentence, long_text, pdf_report

from extract.api import extract_document
from extract.errors import DocumentTooLarge
from extract.models import Document, Evidence
from extract.sections import SECTION_CHARS, merge_sections, shifted, split_sections

RSS_LIMIT_MB = 600


def run(body: str | bytes, **kwargs: object):  # type: ignore[no-untyped-def]
    return extract_document(Document(url="file:///report.txt", body=body, language="en"), **kwargs)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "short",
        "para one.\n\npara two.\n\n" * 500,
        "one long line without breaks. " * 400,
        "x" * 5_000,
    ],
)
def test_owned_parts_tile_the_text_and_sections_stay_small(text: str) -> None:
    sections = split_sections(text, size=1_000, overlap=200)
    assert sections[0].start == sections[0].owned == 0
    assert sections[-1].end == len(text)
    for before, after in itertools.pairwise(sections):
        assert after.owned == before.end
        assert before.owned <= after.start <= after.owned
    assert all(s.end - s.start <= 1_000 for s in sections)


def test_sections_end_at_paragraph_breaks() -> None:
    text = "A sentence of a paragraph.\n\n" * 200
    for section in split_sections(text, size=1_000, overlap=200)[:-1]:
        assert text[: section.end].endswith("\n\n")


def test_a_news_article_is_one_section() -> None:
    assert len(split_sections("word " * (SECTION_CHARS // 5 - 1))) == 1


@dataclass(frozen=True, slots=True)
class _Nested:
    name: str
    evidence: Evidence
    spans: tuple[Evidence, ...] = ()


def test_shifted_moves_offsets_in_any_dataclass() -> None:
    item = _Nested("x", Evidence("s", 1, 2), (Evidence("t", 3, 4),))
    assert shifted(item, 10) == _Nested("x", Evidence("s", 11, 12), (Evidence("t", 13, 14),))


def test_merge_drops_items_in_the_leading_context_and_duplicates() -> None:
    first, second = split_sections("a\n" * 30 + "b\n" * 30, size=80, overlap=30)
    assert first.end == second.owned > second.start
    in_overlap = Evidence("b", second.owned - 5, second.owned - 4)  # global offsets
    local = shifted(in_overlap, -second.start)
    merged = merge_sections(
        [
            (first, {"items": (in_overlap, in_overlap), "codes": ("PCI",)}),
            (second, {"items": (local, Evidence("c", 0, 1)), "codes": ("PCI", "PAPI")}),
        ]
    )
    assert merged == {"items": (in_overlap,), "codes": ("PCI", "PAPI")}


def test_long_text_has_each_fact_once_with_global_offsets() -> None:
    text, count = long_text(3 * SECTION_CHARS)
    result = run(text)
    assert [(f.subject is not None, f.rank) for f in result.index_facts] == [
        (True, n % 63 + 1) for n in range(count)
    ]
    for fact in result.index_facts:
        assert text[fact.evidence.span_start : fact.evidence.span_end] == fact.evidence.sentence


@pytest.mark.slow
def test_a_line_longer_than_spacy_allows_is_read() -> None:
    line = (PROSE + " ") * (1_100_000 // len(PROSE)) + fact_sentence(1)
    result = run(line)
    assert len(line) > 1_000_000  # spaCy's max_length
    assert [f.rank for f in result.index_facts] == [2]


def test_documents_over_the_size_limit_are_refused() -> None:
    message = r"0\.002 MB, over the size limit of one document \(0\.001 MB\)"
    with pytest.raises(DocumentTooLarge, match=message):
        run("x" * 2_000, max_bytes=1_000)


_MEASURE = """
import json, sys
from extract.api import extract_document


def peak_mb():
    # VmHWM belongs to this program's own memory map; ru_maxrss would keep the high-water
    # mark of the process image before exec (the whole pytest process under a full run)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


from extract.models import Document
path = sys.argv[1]
body = open(path, "rb").read()
kind = "application/pdf" if path.endswith(".pdf") else "text/plain"
ex = extract_document(Document(url="file://" + path, body=body, content_type=kind))
print(json.dumps({
    "rss_mb": peak_mb(),
    "facts": [[f.rank, f.evidence.page] for f in ex.index_facts],
    "evidence_ok": all(
        ex.text[f.evidence.span_start:f.evidence.span_end] == f.evidence.sentence
        for f in ex.index_facts
    ),
}))
"""


def _measure(path: Path) -> dict[str, object]:
    """Extract one file in a fresh process; return its peak RSS and the facts found."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.slow
def test_a_300_page_pdf_cites_pages_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_report(300, fact_every=3))
    measured = _measure(path)
    expected = [[page % 63 + 1, page] for page in range(3, 301, 3)]
    assert measured["facts"] == expected
    assert measured["evidence_ok"]
    assert measured["rss_mb"] < RSS_LIMIT_MB


@pytest.mark.slow
def test_a_5_mb_text_in_memory_independent_of_length(tmp_path: Path) -> None:
    sizes = {"small": 500_000, "large": 5 * 1024 * 1024}
    measured = {}
    for name, size in sizes.items():
        text, count = long_text(size, every=10)
        path = tmp_path / f"{name}.txt"
        path.write_text(text, "utf-8")
        measured[name] = _measure(path)
        assert len(measured[name]["facts"]) == count  # type: ignore[arg-type]
        assert measured[name]["evidence_ok"]
    large, small = measured["large"]["rss_mb"], measured["small"]["rss_mb"]
    assert large < RSS_LIMIT_MB
    # ten times the text: only the text and the facts themselves grow, not the working set
    assert large - small < 100, (small, large)  # type: ignore[operator]
