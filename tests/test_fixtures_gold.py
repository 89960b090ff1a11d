"""Validate the hand-written multilingual gold fixtures and the retrieval queries.

The fixtures under ``tests/fixtures/gold/<lang>/`` (dev) and ``<lang>/heldout/`` (held out)
follow the ``../shared/dev-gold`` format; these tests keep them well formed so that the
extractor evaluation and the retrieval benchmark can trust them.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, require_shared

GOLD = FIXTURES / "gold"
QUERIES = FIXTURES / "retrieval" / "queries.json"
LANGUAGES = (
    "vi",
    "en",
    "id",
    "nb",
    "ar",
    "fr",
    "es",
    "de",
    "ru",
    "zh",
    "ja",
    "ko",
    "th",
    "pt",
    "it",
)
INDEXES = {"PAR_INDEX", "PAPI", "PCI", "SIPAS", "DDCI", "DTI", "ICT_INDEX", "PGI", "OTHER"}
CATEGORIES = {
    "one_stop_shop",
    "online_public_services",
    "digitisation",
    "e_government",
    "apparatus_streamlining",
    "staff_discipline_ethics",
    "accountability_commitments",
    "procedure_simplification",
    "smart_city",
    "propaganda_communication",
    "other",
}
TOP_KEYS = {
    "file",
    "language",
    "original_url",
    "provinces",
    "districts",
    "people",
    "organisations",
    "index_facts",
    "percentages",
    "initiatives",
    "mentions_only",
}
FACT_KEYS = {
    "index",
    "subject",
    "year",
    "score",
    "score_unit",
    "rank",
    "rank_total",
    "rank_change",
    "evidence",
}
PERCENT_KEYS = {"value", "measures", "subject", "comparison_value", "evidence"}
INITIATIVE_KEYS = {"name", "category", "evidence"}
PERSON_KEYS = {"name", "name_en", "title"}


def _gold_files() -> list[Path]:
    return sorted(GOLD.glob("*/*.json")) + sorted(GOLD.glob("*/heldout/*.json"))


def _load(path: Path) -> tuple[dict[str, Any], str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    with open(path.with_suffix(".txt"), encoding="utf-8", newline="") as fh:
        return gold, fh.read()


def _rel(path: Path) -> str:
    return path.relative_to(GOLD).as_posix()


GOLD_FILES = _gold_files()


def test_corpus_size_and_languages() -> None:
    langs = Counter(_rel(p).split("/")[0] for p in GOLD_FILES)
    assert len(GOLD_FILES) >= 60
    assert set(LANGUAGES) <= set(langs)
    for lang in LANGUAGES:
        held = list((GOLD / lang / "heldout").glob("*.json"))
        dev = list((GOLD / lang).glob("*.json"))
        assert held, f"{lang}: no held-out fixture"
        assert dev, f"{lang}: no dev fixture"
        assert 0.2 <= len(held) / (len(held) + len(dev)) <= 0.5, lang


@pytest.mark.parametrize("path", GOLD_FILES, ids=_rel)
def test_gold_file_shape(path: Path) -> None:
    gold, text = _load(path)
    assert set(gold) >= TOP_KEYS
    assert gold["file"] == path.with_suffix(".txt").name
    assert gold["language"] == _rel(path).split("/")[0]
    if gold["original_url"] is not None:
        assert text.count(gold["original_url"]) == 1
    for person in gold["people"]:
        assert set(person) >= PERSON_KEYS
    for fact in gold["index_facts"]:
        assert set(fact) >= FACT_KEYS
        assert fact["index"] in INDEXES
        assert fact["score_unit"] in (None, "%", "points")
        assert fact["subject"]
        assert isinstance(fact["year"], int)
        assert fact["score"] is not None or fact["rank"] is not None
        if fact["score"] is not None:
            assert 0 <= fact["score"] <= 100
        if fact["rank"] is not None and fact["rank_total"] is not None:
            assert 1 <= fact["rank"] <= fact["rank_total"]
            if fact["index"] != "OTHER":  # provinces: 63 until mid-2025, 34 after
                assert fact["rank_total"] in (63, 34)
        if fact["index"] == "OTHER":
            assert fact["index_label"]
    for pct in gold["percentages"]:
        assert set(pct) >= PERCENT_KEYS
        assert isinstance(pct["value"], int | float)
    for initiative in gold["initiatives"]:
        assert set(initiative) >= INITIATIVE_KEYS
        assert initiative["category"] in CATEGORIES
    with_figures = {f["index"] for f in gold["index_facts"]}
    assert not with_figures & set(gold["mentions_only"])
    assert set(gold["mentions_only"]) <= INDEXES


@pytest.mark.parametrize("path", GOLD_FILES, ids=_rel)
def test_every_evidence_occurs_exactly_once(path: Path) -> None:
    gold, text = _load(path)
    for item in gold["index_facts"] + gold["percentages"] + gold["initiatives"]:
        evidence = item["evidence"]
        assert evidence, item
        assert text.count(evidence) == 1, evidence
        start = text.find(evidence)
        assert text[start : start + len(evidence)] == evidence


def test_one_fact_per_index_subject_year() -> None:
    for path in GOLD_FILES:
        gold, _ = _load(path)
        keys = Counter((f["index"], f["subject"], f["year"]) for f in gold["index_facts"])
        assert max(keys.values(), default=1) == 1, (_rel(path), keys.most_common(1))


def test_at_least_20_index_facts_per_language() -> None:
    facts: Counter[str] = Counter()
    for path in GOLD_FILES:
        gold, _ = _load(path)
        facts[gold["language"]] += len(gold["index_facts"])
    for lang in LANGUAGES:
        assert facts[lang] >= 20, (lang, facts[lang])


def _fact_rows(gold: dict[str, Any]) -> set[tuple[Any, ...]]:
    fields = ("index", "subject", "year", "score", "score_unit", "rank", "rank_total")
    return {(*(f[k] for k in fields), f["rank_change"]) for f in gold["index_facts"]}


def test_stories_state_the_same_facts_in_every_language() -> None:
    stories = json.loads((GOLD / "stories.json").read_text(encoding="utf-8"))
    assert stories
    for story, members in stories.items():
        golds = [_load(GOLD / m.replace(".txt", ".json"))[0] for m in members]
        assert len({g["language"] for g in golds}) >= 4, story
        first = golds[0]
        for member, gold in zip(members, golds, strict=True):
            assert _fact_rows(gold) == _fact_rows(first), (story, member)
            assert {p["value"] for p in gold["percentages"]} == {
                p["value"] for p in first["percentages"]
            }, (story, member)
            assert sorted(gold["provinces"]) == sorted(first["provinces"]), (story, member)
            assert gold["original_url"] == first["original_url"], (story, member)


def test_retrieval_queries_have_one_non_english_target() -> None:
    doc = json.loads(QUERIES.read_text(encoding="utf-8"))
    queries = doc["queries"]
    assert len(queries) >= 30
    corpus = {_rel(p.with_suffix(".txt")) for p in GOLD_FILES}
    corpus_langs = {c.split("/")[0] for c in corpus}
    assert len(corpus) >= 60
    assert len(corpus_langs) >= 10
    ids = [q["id"] for q in queries]
    assert len(ids) == len(set(ids))
    for query in queries:
        target = query["target"]
        assert isinstance(target, str), "exactly one target per query"
        assert target in corpus, target
        assert query["language"] == "en"
        assert target.split("/")[0] != "en"
        about = query["about"]
        gold, _ = _load(GOLD / target.replace(".txt", ".json"))
        keys = {(f["index"], f["subject"], f["year"]) for f in gold["index_facts"]}
        assert (about["index"], about["province"], about["year"]) in keys, query["id"]
        assert query["distractors"], query["id"]
        assert set(query["distractors"]) <= corpus
        assert target not in query["distractors"]


def _word_shingles(text: str, size: int) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", re.sub(r"https?://\S+", " ", text.lower()))
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _char_shingles(text: str, size: int) -> set[str]:
    flat = re.sub(r"\s+", "", re.sub(r"https?://\S+", " ", text))
    return {flat[i : i + size] for i in range(len(flat) - size + 1)}


def test_fixtures_do_not_copy_shared_texts() -> None:
    """No long passage of a seed or dev-real excerpt reappears in a fixture.

    Official names (index and ministry names) legitimately repeat, so the check looks for
    10-word runs (30 characters without spaces for Chinese, Japanese, Korean and Thai).
    """
    sources = list(require_shared("seeds").glob("*.txt"))
    sources += list(require_shared("dev-real").glob("articles/*.txt"))
    words: set[tuple[str, ...]] = set()
    chars: set[str] = set()
    for src in sources:
        text = src.read_text(encoding="utf-8")
        words |= _word_shingles(text, 10)
        chars |= _char_shingles(text, 30)
    copied: dict[str, list[str]] = defaultdict(list)
    for path in GOLD_FILES:
        _, text = _load(path)
        if _word_shingles(text, 10) & words:
            copied[_rel(path)].append("words")
        unspaced = _rel(path).split("/")[0] in ("zh", "ja", "ko", "th")
        if unspaced and _char_shingles(text, 30) & chars:
            copied[_rel(path)].append("chars")
    assert not copied


AGGREGATES = {"Vietnam", "localities", "ministries and branches"}


def test_fixture_world_is_consistent_across_articles() -> None:
    """The same (index, subject, year) has one score, rank and rank change in every article.

    The index's ``discrepancies`` view should therefore be empty over the fixtures, and two
    provinces never share a rank in one index and year (district DDCI and aggregates aside).
    """
    values: dict[tuple[str, str, int], dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
    holders: dict[tuple[str, int, int], set[str]] = defaultdict(set)
    for path in GOLD_FILES:
        gold, _ = _load(path)
        for fact in gold["index_facts"]:
            key = (fact["index"], fact["subject"], fact["year"])
            for field in ("score", "rank", "rank_change"):
                if fact[field] is not None:
                    values[key][field].add(fact[field])
            province_rank = (
                fact["index"] not in ("DDCI", "OTHER") and fact["subject"] not in AGGREGATES
            )
            if (
                fact["rank"] is not None
                and province_rank
                and not fact["subject"].startswith(("Ministry", "State Bank"))
            ):
                holders[(fact["index"], fact["year"], fact["rank"])].add(fact["subject"])
    for key, fields in values.items():
        for field, seen in fields.items():
            assert len(seen) == 1, (key, field, seen)
    for key, subjects in holders.items():
        assert len(subjects) == 1, (key, subjects)
