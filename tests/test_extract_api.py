"""extract_document: one document in, one immutable Extraction out."""

from __future__ import annotations

import pickle

import pytest

from extract.api import extract_document
from extract.errors import DecodeError
from extract.models import Document, Extraction, to_json

TEXT = (
    "Ministries in the 2021 PAR Index\n\n"
    "In the 2021 PAR Index, the Ministry of Justice came first with 91.2 percent, "
    "ahead of the Ministry of Health, which came second. The national average stood at "
    "85.5 percent for the index. "
    "The PCI and SIPAS results come out later."
)


def run(text: str = TEXT, language: str | None = "en") -> Extraction:
    return extract_document(Document(url="https://example.org/a", body=text, language=language))


def test_index_facts_and_percentages() -> None:
    result = run()
    facts = {(f.index_name, f.subject, f.rank, f.score) for f in result.index_facts}
    assert facts == {
        ("PAR_INDEX", "Ministry of Justice", 1, 91.2),
        ("PAR_INDEX", "Ministry of Health", 2, None),
        ("PAR_INDEX", "Vietnam", None, 85.5),
    }
    assert [p.value for p in result.percentages] == [91.2, 85.5]


def test_mentions_only_lists_indices_without_figures() -> None:
    assert run().mentions_only == ("PCI", "SIPAS")


def test_every_evidence_indexes_the_text() -> None:
    result = run()
    for item in (*result.index_facts, *result.percentages):
        ev = item.evidence
        assert result.text[ev.span_start : ev.span_end] == ev.sentence


def test_result_pickles_and_serialises() -> None:
    result = run()
    assert pickle.loads(pickle.dumps(result)) == result
    data = to_json(result, file="a.txt")
    assert data["index_facts"][0]["index"] == "PAR_INDEX"
    assert data["percentages"][0]["value"] == 91.2


def test_bytes_input_and_same_result_twice() -> None:
    assert run(TEXT.encode()) == run(TEXT)


def test_empty_document_is_a_clear_error() -> None:
    with pytest.raises(DecodeError, match="empty"):
        run("", "en")
