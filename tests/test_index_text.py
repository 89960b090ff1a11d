import pytest

from index.text import chunk_text, cjk_bigrams, fold, fts_query, highlight_spans, query_terms


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


def test_a_word_joined_to_a_short_neighbour_is_also_searched_alone():
    assert "reforme" in query_terms("indice de réforme")
