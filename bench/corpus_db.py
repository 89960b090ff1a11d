"""Real-size databases without running extraction: synthetic ground truth as extractions.

Extracting 100k articles takes hours on 2 cores; the Datasette and search benchmarks need
a 100k-article database, not the extractor. ``to_extraction`` turns a synthetic article's
known facts into the ``Extraction`` the extractor should produce (evidence spans included),
and ``write_articles_db`` stores a stream of them through ``index.store``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench.corpus import (
    SyntheticArticle,
    _fact_sentence,
    _number,
    _province,
)
from bench.corpus_text import TEXT
from extract.models import Entity, Evidence, Extraction, IndexFact, Initiative, Percentage

__all__ = ["index_articles_db", "to_extraction", "write_articles_db"]


def _evidence(text: str, sentence: str) -> Evidence:
    start = text.find(sentence)
    if start < 0:
        raise ValueError(f"sentence not in article text: {sentence[:60]!r}")
    return Evidence(sentence, start, start + len(sentence))


def _percentages(article: SyntheticArticle, native: bool) -> tuple[Percentage, ...]:
    t = TEXT[article.language]
    templates: tuple[str, ...] = t["pcts"]  # type: ignore[assignment]
    year = article.facts[0].year
    out = []
    for i, value in enumerate(article.percentages):
        pct = str(t["pct"]).format(v=_number(value, article.language, native_digits=native))
        sentence = templates[i % len(templates)].format(pct=pct, year=year)
        out.append(Percentage(value, None, None, year, None, _evidence(article.text, sentence)))
    return tuple(out)


def to_extraction(article: SyntheticArticle) -> Extraction:
    """Return the extraction a perfect extractor would give for ``article``."""
    lang, text = article.language, article.text
    native = lang == "ar" and article.story_id % 3 == 0
    facts, entities = [], []
    for fact in article.facts:
        ev = _evidence(text, _fact_sentence(fact, lang, native))
        facts.append(
            IndexFact(
                fact.index_name,
                None,
                fact.subject,
                fact.year,
                fact.score,
                "%" if fact.score_unit == "%" else "points",
                fact.rank,
                fact.rank_total,
                fact.rank_change,
                None,
                None,
                ev,
            )
        )
        name = _province(fact.subject, lang)
        at = text.find(name, ev.span_start)
        if at >= 0:
            entities.append(Entity(name, "PROVINCE", fact.subject, at, at + len(name)))
    init_template = str(TEXT[lang]["init"])
    initiatives = tuple(
        Initiative(name, category, _evidence(text, init_template.format(name=name)))  # type: ignore[arg-type]
        for name, category in article.initiatives
    )
    return Extraction(
        url=article.url, language=lang, text=text, title=article.title,
        published=article.published, original_url=article.original_url,
        language_confidence=1.0, text_origin="html", entities=tuple(entities),
        index_facts=tuple(facts), percentages=_percentages(article, native),
        initiatives=initiatives, extractor_version="synthetic",
    )  # fmt: skip


def write_articles_db(db: Any, articles: Iterable[SyntheticArticle]) -> int:
    """Store each article's ground-truth extraction through ``index.store``; return the count.

    Args:
        db: a ``sqlite_utils.Database`` from ``index.schema.open_db``.
        articles: the stream to store (``bench.corpus.iter_articles``).
    """
    from index.store import save_extraction

    db.execute("PRAGMA synchronous = OFF")  # benchmark set-up, not the measured path
    count = 0
    for article in articles:
        digest = hashlib.sha256(article.body).hexdigest()
        save_extraction(db, to_extraction(article), source="synthetic", content_hash=digest)
        count += 1
    db.execute("PRAGMA synchronous = NORMAL")
    return count


def index_articles_db(db: Any, db_path: str | Path, *, seed: int = 0, dim: int = 384) -> int:
    """Run the index stage on a written database, with synthetic vectors; return the chunks.

    Everything ``newsintel index`` does (provinces, stories, chunks, FTS, evidence FTS,
    snapshots, the vector file) runs for real; only the embeddings are seeded clustered
    vectors under the ``fake:<dim>`` model (the default model embeds about 7 chunks/s, so a
    100k-article corpus could not be embedded for a benchmark), so queries are embedded with
    the deterministic fake embedder and query latency excludes the real model's cost.
    """
    from bench.corpus import clustered_vectors
    from index.embeddings import encode_vector
    from index.indexer import index_database, sync_vector_file

    model = f"fake:{dim}"
    index_database(db, db_path, None)  # what `newsintel index --no-embed` does
    ids = [row[0] for row in db.execute("select id from chunks order by id")]
    vectors = clustered_vectors(len(ids), dim=dim, seed=seed + 1)
    for start in range(0, len(ids), 50_000):
        part, block = ids[start : start + 50_000], vectors[start : start + 50_000]
        with db.conn:
            db.conn.executemany(
                "insert or replace into embeddings (chunk_id, model, dim, vector) "
                "values (?, ?, ?, ?)",
                [(cid, model, dim, encode_vector(v)) for cid, v in zip(part, block, strict=True)],
            )
    db.execute("analyze")
    sync_vector_file(db, db_path, model, dim)
    return len(ids)
