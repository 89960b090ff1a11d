from __future__ import annotations

import pytest

from extract.initiatives import clause_spans, sentence_spans
from extract.initiatives import find_initiatives as _find_initiatives
from extract.models import Initiative


def find_initiatives(text: str, language: str) -> tuple[Initiative, ...]:
    """The extractor keeping measures named by their keywords: these tests check categories."""
    return _find_initiatives(text, language, unnamed=True)


def _categories(text: str, language: str) -> list[str]:
    return [i.category for i in find_initiatives(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        ("The district opened a one-stop desk for land files.", "en", "one_stop_shop"),
        ("Tỉnh đẩy mạnh dịch vụ công trực tuyến cho doanh nghiệp.", "vi", "online_public_services"),
        ("Kabupaten itu menuntaskan digitalisasi arsip kependudukan.", "id", "digitisation"),
        ("Kommunen satser på digital omstilling i alle etater.", "nb", "e_government"),
        ("قررت المقاطعة دمج عدة إدارات صغيرة", "ar", "apparatus_streamlining"),
        ("Die Stadt verschärft die Disziplin ihrer Beamten.", "de", "staff_discipline_ethics"),
        ("La province a adopté la simplification des dossiers.", "fr", "procedure_simplification"),
        ("该市启动智慧城市建设。", "zh", "smart_city"),
        ("県は住民への広報を強化した。", "ja", "propaganda_communication"),
    ],
)
def test_category_in_many_languages(text: str, language: str, category: str) -> None:
    assert category in _categories(text, language)


def test_quoted_model_gives_its_name() -> None:
    text = 'The town launched the model "Friday without paper" for its offices.'
    (initiative,) = find_initiatives(text, "en")
    assert initiative.name == "Friday without paper"


def test_quoted_motto_in_guillemets() -> None:
    text = "La commune suit la devise «trois fois plus vite» depuis mars."
    assert [i.name for i in find_initiatives(text, "fr")] == ["trois fois plus vite"]


def test_project_06_is_e_government() -> None:
    assert _categories("Đề án 06 được triển khai ở mọi xã.", "vi") == ["e_government"]


def test_evidence_offsets_point_into_text() -> None:
    text = "Results were good. Officials promised stricter discipline next year. Rain fell."
    (initiative,) = find_initiatives(text, "en")
    ev = initiative.evidence
    assert text[ev.span_start : ev.span_end] == ev.sentence
    assert "discipline" in ev.sentence


def test_index_dimension_with_score_is_not_an_initiative() -> None:
    assert find_initiatives("Control of corruption (6.42 points) rose.", "en") == ()


def test_plain_text_without_measures_gives_nothing() -> None:
    assert find_initiatives("The weather was warm and the market busy.", "en") == ()


def test_unknown_language_uses_english_keywords() -> None:
    assert _categories("Smart city pilot in Lào Cai.", "sw") == ["smart_city"]


def test_sentence_spans_keep_abbreviations() -> None:
    text = "Resolution No. 5 passed. Mr. Lam left."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Resolution No. 5 passed.",
        "Mr. Lam left.",
    ]


def test_clause_spans_split_long_lists() -> None:
    text = "digitising all land records; opening a new service desk in every commune"
    spans = clause_spans(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == [
        "digitising all land records",
        "opening a new service desk in every commune",
    ]


def test_ranking_report_is_not_an_initiative() -> None:
    assert (
        find_initiatives("The province ranked 5th in the digital transformation index.", "en") == ()
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In Lam Dong, 58.2% of files were filed online last year.", "en"),
        ("Tại Lâm Đồng, 58,2% hồ sơ được nộp trực tuyến.", "vi"),
    ],
)
def test_a_percentage_is_a_statistic_not_a_measure(text: str, language: str) -> None:
    assert find_initiatives(text, language) == ()


def test_a_target_with_a_percentage_is_a_measure() -> None:
    text = "The province will reduce the processing time of procedures by at least 20%."
    assert "procedure_simplification" in _categories(text, "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kon Tum stood fifth in the digital transformation index last year.", "en"),
        ("Kon Tum war Fünfter im E-Government-Entwicklungsindex.", "de"),
        ("Hà Giang dẫn đầu khu vực phía Bắc trong chuyển đổi số.", "vi"),
        ("Control of corruption in the public sector", "en"),
    ],
)
def test_results_and_index_dimensions_are_not_measures(text: str, language: str) -> None:
    assert find_initiatives(text, language) == ()


def test_keyword_inside_a_body_name_is_no_measure() -> None:
    text = "Nach Angaben des Ministeriums für Information und Kommunikation kam ein neues Gesetz."
    assert find_initiatives(text, "de") == ()


ACC, STAFF = "accountability_commitments", "staff_discipline_ethics"


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        ("The district will publish a monthly list of late agencies.", "en", ACC),
        ('Tỉnh tổ chức "Ngày đối thoại" với doanh nghiệp mỗi quý.', "vi", ACC),
        ("Counter staff now follow a code of conduct.", "en", "staff_discipline_ethics"),
        ("Die Stadt führt Namensschilder für Schalterbeamte ein.", "de", "staff_discipline_ethics"),
        ("Kota itu membangun Pusat Operasi Cerdas untuk lalu lintas.", "id", "smart_city"),
        ("La provincia evaluará a los jefes con una explicación por escrito.", "es", STAFF),
        ("The DDCI is used to assess every department each year.", "en", ACC),
    ],
)
def test_more_measure_keywords(text: str, language: str, category: str) -> None:
    assert category in _categories(text, language)


def test_quoted_model_takes_the_category_of_its_sentence() -> None:
    text = 'The ward started the programme "Green Monday", so paper files are now digitised.'
    initiatives = find_initiatives(text, "en")
    assert initiatives[0].name == "Green Monday"
    assert initiatives[0].category == "digitisation"


def test_quoted_model_takes_the_category_of_its_own_words() -> None:
    text = "Die Stadt startete das Programm „Digitalisierung im Rathaus“."
    assert _categories(text, "de")[0] == "digitisation"


def test_navigation_bar_is_no_initiative() -> None:
    assert find_initiatives("Home | Digital transformation | Smart city", "en") == ()


def test_short_heading_is_no_initiative() -> None:
    assert find_initiatives("Public ethics matters", "en") == ()


def test_counting_received_files_is_a_statistic() -> None:
    text = "The one-stop desk received 4,210 online applications in May."
    assert find_initiatives(text, "en") == ()


def test_latin_keyword_inside_chinese_text() -> None:
    assert "accountability_commitments" in _categories("该省推出DDCI评估各部门。", "zh")


def test_index_dimension_words_in_a_ranking_sentence_are_no_measure() -> None:
    text = "In the PAPI index, the province scored well on corruption and on transparency."
    assert find_initiatives(text, "en") == ()


def test_name_is_a_phrase_not_the_bare_keyword() -> None:
    (initiative,) = find_initiatives("The commune will simplify land procedures for farmers.", "en")
    assert initiative.name != "simplify"
    assert "land procedures" in initiative.name


def test_a_catalogued_programme_gives_the_catalogue_name() -> None:
    text = "The city joined the National Digital Transformation Programme last year."
    found = find_initiatives(text, "en")
    assert [(i.name, i.catalogue_id) for i in found] == [
        ("Digital transformation programme", "digital-transformation-programme")
    ]


def test_counting_surveyed_firms_is_a_statistic() -> None:
    assert find_initiatives("Năm 2024 VCCI khảo sát 9.200 doanh nghiệp về thủ tục.", "vi") == ()


def test_site_name_and_section_line_is_no_initiative() -> None:
    assert find_initiatives("Tin Hà Tĩnh Online | Chuyển đổi số", "vi") == ()
