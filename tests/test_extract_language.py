from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.language import (
    detect_language,
    iso639_1,
    paragraph_spans,
    profile_languages,
)
from tests.conftest import require_shared

TEXTS = Path(__file__).resolve().parent / "fixtures" / "documents" / "text"
SINGLE_LANGUAGE = sorted(p for p in TEXTS.glob("*.txt") if "_" not in p.stem)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("no", "nb"),
        ("zh-cn", "zh"),
        ("zh-TW", "zh"),
        ("pt_BR", "pt"),
        ("__label__fr", "fr"),
        ("nob", "nb"),
        ("vie", "vi"),
        ("iw", "he"),
        ("EN", "en"),
        ("ceb", "ceb"),
        ("", "und"),
        (None, "und"),
        ("12", "und"),
    ],
)
def test_iso639_1(code, expected):
    assert iso639_1(code) == expected


@pytest.mark.parametrize("path", SINGLE_LANGUAGE, ids=lambda p: p.stem)
def test_document_language_of_each_fixture(path):
    assert profile_languages(path.read_text(encoding="utf-8")).language == path.stem


@pytest.mark.parametrize("path", SINGLE_LANGUAGE, ids=lambda p: p.stem)
def test_every_paragraph_takes_the_documents_language(path):
    profile = profile_languages(path.read_text(encoding="utf-8"))
    assert {lang for _, _, lang in profile.paragraphs} == {path.stem}


def test_mixed_page_gets_per_paragraph_languages():
    profile = profile_languages((TEXTS / "mixed_en_vi.txt").read_text(encoding="utf-8"))
    assert [lang for _, _, lang in profile.paragraphs] == ["en", "en", "vi", "en", "vi"]
    assert profile.language == "en"
    assert profile.confidence < 0.8  # a share of the letters, not certainty


@pytest.mark.parametrize("heading", ["Tiltak", "Resultater", "Mål for neste år", "Kilde"])
def test_short_norwegian_heading_is_not_danish(heading):
    body = (
        "Fylket har klatret tolv plasser på listen over forvaltningsreformer i år, "
        "og ledelsen vil nå halvere saksbehandlingstiden for byggesøknader."
    )
    profile = profile_languages(f"{body}\n{heading}\n{body}")
    assert profile.paragraphs[1][2] == "nb"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Fylket har klatret tolv plasser på listen over forvaltningsreformer i år.", "nb"),
        ("Kommunen blev placeret som nummer syv af 63 efter en gennemgang.", "da"),
        ("Kommunen hamnade på plats sju av 63 efter en genomgång och är nöjd.", "sv"),
        ("Provinsi ini naik karena pemerintah setempat bisa mempercepat izin.", "id"),
    ],
)
def test_short_texts_in_close_languages(text, language):
    assert detect_language(text).language == language


def test_hint_sets_document_language_and_confidence():
    profile = profile_languages("Fylket klatret tolv plasser.", hint="no")
    assert (profile.language, profile.confidence) == ("nb", 1.0)


@pytest.mark.parametrize("hint", ["und", "??", ""])
def test_empty_or_unknown_hint_means_detect(hint):
    text = "Fylket har klatret tolv plasser på listen over forvaltningsreformer i år."
    assert profile_languages(text, hint=hint).language == "nb"


@pytest.mark.parametrize("text", ["", "   \n ", "2023 12/63 87,15 %", "https://x.example/a"])
def test_text_without_letters_is_undetermined(text):
    profile = profile_languages(text)
    assert (profile.language, profile.confidence, profile.paragraphs) == ("und", 0.0, ())


@pytest.mark.parametrize(
    "text",
    [
        "ⵜⴰⵎⴰⵣⵉⵖⵜ ⵜⴰⵏⴰⵡⴰⵢⵜ ⵜⴰⵎⴰⵣⵉⵖⵜ",  # Tifinagh: no detector knows it well
        "🙂🙂🙂 ✔✔",
        "\x00\x01 control \x7f characters",
    ],
)
def test_unusual_text_is_recorded_not_crashed_on(text):
    profile = profile_languages(text)
    assert isinstance(profile.language, str)
    assert profile.language == iso639_1(profile.language) or profile.language == "und"


def test_khmer_is_recognised():
    assert detect_language("ខេត្តនេះបានកែលម្អសេវាសាធារណៈសម្រាប់ប្រជាជន").language == "km"


def test_paragraph_spans_index_the_text():
    text = "  First line  \n\n\tSecond\n"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["First line", "Second"]


def test_results_are_deterministic():
    text = (TEXTS / "mixed_en_vi.txt").read_text(encoding="utf-8")
    assert len({profile_languages(text) for _ in range(3)}) == 1


def _accuracy(pairs: list[tuple[str, str]]) -> float:
    return sum(expected == got for expected, got in pairs) / len(pairs)


def test_accuracy_on_seed_paragraphs():
    seeds, gold = require_shared("seeds"), require_shared("dev-gold")
    pairs = []
    for path in sorted(seeds.glob("*.txt")):
        language = json.loads((gold / f"{path.stem}.json").read_text())["language"]
        text = path.read_text(encoding="utf-8")
        pairs += [(language, lang) for _, _, lang in profile_languages(text).paragraphs]
    assert _accuracy(pairs) >= 0.98


def test_accuracy_on_dev_real_articles():
    articles = require_shared("dev-real") / "articles"
    pairs = []
    for path in sorted(articles.glob("*.txt")):
        language = json.loads(path.with_suffix(".meta.json").read_text())["language"]
        pairs.append((language, profile_languages(path.read_text(encoding="utf-8")).language))
    assert _accuracy(pairs) >= 35 / 36
