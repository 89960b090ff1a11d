from __future__ import annotations

import functools
import hashlib
import itertools
import re
import types
from pathlib import Path

import numpy as np
import pytest

from bench.corpus import (
    clustered_vectors,
    iter_articles,
    query_vectors,
    write_pages_db,
    write_site,
    write_vectors,
    write_warcs,
)
from bench.corpus_text import LANGUAGES, PROVINCES


@functools.cache
def _texts(n: int) -> tuple[tuple[str, str], ...]:
    return tuple((a.language, a.text) for a in iter_articles(n))


def _digest(n: int, seed: int) -> str:
    h = hashlib.sha256()
    for article in iter_articles(n, seed):
        h.update(article.url.encode())
        h.update(article.body)
    return h.hexdigest()


def test_same_seed_same_articles() -> None:
    assert _digest(60, seed=3) == _digest(60, seed=3)


def test_other_seed_other_articles() -> None:
    assert _digest(60, seed=3) != _digest(60, seed=4)


def test_iter_articles_is_a_lazy_generator() -> None:
    stream = iter_articles(10**9)  # a billion: only a generator can return at once
    assert isinstance(stream, types.GeneratorType)
    assert len(list(itertools.islice(stream, 5))) == 5


def test_yields_exactly_n_articles() -> None:
    assert sum(1 for _ in iter_articles(37)) == 37


def test_urls_are_unique() -> None:
    urls = [a.url for a in iter_articles(500)]
    assert len(set(urls)) == len(urls)


def test_every_language_is_present() -> None:
    assert {lang for lang, _ in _texts(1500)} == set(LANGUAGES)


def test_translations_share_facts_and_cite_the_original() -> None:
    articles = list(iter_articles(300))
    by_url = {a.url: a for a in articles}
    translations = [a for a in articles if a.original_url in by_url]
    assert translations
    for article in translations:
        original = by_url[article.original_url]  # type: ignore[index]
        assert original.story_id == article.story_id
        assert original.facts == article.facts
        assert article.original_url in article.text


@pytest.mark.parametrize(
    ("language", "fragment"),
    [("vi", "Đà Nẵng"), ("ru", "Дананг"), ("zh", "岘港"), ("ar", "دا نانغ"), ("ja", "ダナン")],
)
def test_provinces_are_spelled_in_the_articles_language(language: str, fragment: str) -> None:
    spelling = PROVINCES["Da Nang"][language]
    assert spelling == fragment
    texts = [text for lang, text in _texts(1500) if lang == language]
    names = {PROVINCES[p].get(language, p) for p in PROVINCES}
    assert all(any(name in text for name in names) for text in texts)


def test_fact_numbers_appear_in_the_text() -> None:
    for article in iter_articles(200):
        if article.language in ("en", "zh", "ja", "ko", "th"):
            for fact in article.facts:
                assert f"{fact.rank_total}" in article.text
                assert re.search(rf"(?<!\d){fact.rank}(?!\d)", article.text), article.text


def test_html_escapes_and_keeps_text() -> None:
    article = next(iter_articles(1))
    assert article.html.startswith("<!DOCTYPE html>")
    assert f'lang="{article.language}"' in article.html
    assert "<footer>" in article.html
    assert "<footer>" not in article.text


def test_write_site_writes_pages_listings_and_sitemaps(tmp_path: Path) -> None:
    count = write_site(iter_articles(120), tmp_path, base_url="http://127.0.0.1:9", listing_size=50)
    assert count == 120
    assert len(list(tmp_path.rglob("story-*.html"))) == 120
    assert (tmp_path / "list" / "3.html").exists()
    assert "Sitemap: http://127.0.0.1:9/sitemap.xml" in (tmp_path / "robots.txt").read_text()


def test_write_warcs_shards_and_offsets(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    seen: list[tuple[str, Path, int]] = []
    shards = write_warcs(
        iter_articles(25),
        tmp_path,
        per_shard=10,
        on_record=lambda a, p, o: seen.append((a.url, p, o)),
    )
    assert len(shards) == 3
    url, path, offset = seen[13]
    with path.open("rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        assert record.rec_headers.get_header("WARC-Target-URI") == url
        assert b"<article>" in record.content_stream().read()


def test_write_pages_db_records_pages_with_warc_offsets(tmp_path: Path) -> None:
    from index.schema import open_db

    db = open_db(tmp_path / "bench.db")
    assert write_pages_db(db, iter_articles(30), tmp_path / "warcs", per_shard=20) == 30
    rows = list(db.query("select warc_file, warc_offset from pages where warc_offset > 0"))
    assert len(rows) == 28  # two shards, each with its first record at offset 0
    assert db.execute("select count(distinct warc_file) from pages").fetchone()[0] == 2


def test_vectors_are_deterministic_unit_float32() -> None:
    a = clustered_vectors(1000, seed=1)
    assert a.dtype == np.float32
    assert a.shape == (1000, 384)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(a, clustered_vectors(1000, seed=1))


def test_vectors_are_a_prefix_of_a_larger_set() -> None:
    assert np.array_equal(clustered_vectors(9000)[:5000], clustered_vectors(5000))


def test_vectors_are_clustered_not_uniform() -> None:
    data = clustered_vectors(3000)
    sims = data @ data.T
    np.fill_diagonal(sims, -1.0)
    nearest = sims.max(axis=1).mean()
    typical = sims[sims > -1.0].mean()
    assert nearest > typical + 0.25  # neighbours are much closer than a random pair
    # and they live near a low-rank subspace: 64 of 384 directions hold most of the energy
    energy = np.linalg.svd(data - data.mean(axis=0), compute_uv=False) ** 2
    assert energy[:64].sum() / energy.sum() > 0.8


def test_queries_come_from_the_data_distribution_but_differ() -> None:
    data, queries = clustered_vectors(2000), query_vectors(50)
    assert not np.isin(queries[:, 0], data[:, 0]).any()
    assert (queries @ data.T).max(axis=1).mean() > 0.8


def test_write_vectors_memmap_matches(tmp_path: Path) -> None:
    mapped = write_vectors(tmp_path / "v.npy", 10_000, dim=64, seed=2)
    assert isinstance(mapped, np.memmap)
    assert np.array_equal(np.asarray(mapped), clustered_vectors(10_000, dim=64, seed=2))


def test_ground_truth_extraction_spans_point_at_the_evidence() -> None:
    from bench.corpus_db import to_extraction

    for article in iter_articles(300):
        extraction = to_extraction(article)
        assert len(extraction.index_facts) == len(article.facts)
        for item in (*extraction.index_facts, *extraction.percentages, *extraction.initiatives):
            ev = item.evidence
            assert extraction.text[ev.span_start : ev.span_end] == ev.sentence


def test_write_articles_db_stores_facts_without_extracting(tmp_path: Path) -> None:
    from bench.corpus_db import write_articles_db
    from index.schema import open_db

    db = open_db(tmp_path / "articles.db")
    articles = list(iter_articles(40))
    assert write_articles_db(db, articles) == 40
    assert db["index_facts"].count == sum(len(a.facts) for a in articles)


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "1,234.50"), ("de", "1.234,50"), ("fr", "1\u202f234,50")]
)
def test_numbers_follow_the_locale(language: str, expected: str) -> None:
    from bench.corpus import _number

    assert _number(1234.5, language, native_digits=False) == expected


def test_arabic_pages_can_print_arabic_indic_digits() -> None:
    from bench.corpus import _number

    assert _number(12.5, "ar", native_digits=True) == "\u0661\u0662\u066b\u0665\u0660"
