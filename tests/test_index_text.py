import pytest

from extract.models import Extraction
from index.indexer import sync_chunks
from index.schema import open_db
from index.store import save_extraction
from index.text import (
    MAX_CHUNK_CHARS,
    chunk_text,
    cjk_bigrams,
    fold,
    fts_query,
    highlight_spans,
    query_terms,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nghệ An", "nghe an"),
        ("Đồng bộ", "dong bo"),
        ("Tromsø", "tromso"),
        ("مُحَافَظَة", "محافظه"),
        ("أإآ", "ااا"),
        ("٢٠٢٣", "2023"),
        ("ＰＡＲ", "par"),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


def test_fold_keeps_thai_vowel_signs():
    assert fold("ปฏิรูป") == "ปฏิรูป"


def test_query_terms_join_short_words():
    assert query_terms("Ha Noi reform") == ["ha noi", "noi", "reform"]


def test_query_terms_strip_arabic_clitics():
    assert query_terms("والمحافظة") == ["محافظه"]


def test_cjk_bigrams():
    assert cjk_bigrams("河内市") == "河内 内市"


def test_fts_query_sends_two_character_cjk_to_bigrams_only():
    trigram, bigram = fts_query(["河内", "reform"])
    assert trigram == '"reform"'
    assert bigram == '"河内"'


def test_highlight_spans_map_folded_matches_to_original():
    text = "Tỉnh Nghệ An công bố"
    (span,) = highlight_spans(text, ["nghe an"])
    assert text[span[0] : span[1]] == "Nghệ An"


def test_chunks_keep_offsets_and_size():
    text = "\n\n".join(
        f"Sentence number {i} talks about reform in the province." for i in range(80)
    )
    chunks = chunk_text(text)
    assert len(chunks) > 1
    assert all(text[c.span_start : c.span_end] == c.text for c in chunks)
    assert all(len(c.text.split()) <= 256 for c in chunks)


def test_chunks_split_unpunctuated_cjk():
    text = "行政改革" * 200
    chunks = chunk_text(text)
    assert len(chunks) > 1
    assert "".join(c.text for c in chunks) == text


NO_SPACE_MB = "".join(chr(0x61 + (i * 7919) % 26) for i in range(1_000_000))


def test_a_megabyte_without_spaces_becomes_bounded_chunks():
    chunks = chunk_text(NO_SPACE_MB)
    assert max(len(c.text) for c in chunks) <= MAX_CHUNK_CHARS
    assert "".join(c.text for c in chunks) == NO_SPACE_MB


def test_indexing_a_megabyte_page_without_spaces_stores_bounded_chunks():
    db = open_db(":memory:")
    save_extraction(db, Extraction(url="http://x.example/1", language="en", text=NO_SPACE_MB))
    assert sync_chunks(db) == (1, len(NO_SPACE_MB) // MAX_CHUNK_CHARS)
    longest = db.execute("select max(length(text)) from chunks").fetchone()[0]
    assert longest == MAX_CHUNK_CHARS


def test_long_cjk_run_is_cut_in_characters_too():
    chunks = chunk_text("改革" * 50_000, max_tokens=10_000)
    assert max(len(c.text) for c in chunks) <= MAX_CHUNK_CHARS


def test_an_overlong_sentence_is_cut_at_a_space():
    text = " ".join(["Reformasjonsarbeidet"] * 400)  # one 8,399-character sentence
    chunks = chunk_text(text, max_tokens=10_000)
    assert all(c.text.endswith(" ") for c in chunks[:-1])
    assert all(len(c.text) <= MAX_CHUNK_CHARS for c in chunks)


def test_a_word_joined_to_a_short_neighbour_is_also_searched_alone():
    assert "reforme" in query_terms("indice de réforme")
