"""Build small newsintel databases from tests/fixtures/index/corpus.json (index tests)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from extract.models import Entity, Evidence, Extraction, IndexFact, Initiative
from index.embeddings import get_embedder
from index.indexer import IndexReport, index_database
from index.schema import open_db
from index.store import save_extraction

CORPUS = Path(__file__).resolve().parent / "fixtures" / "index" / "corpus.json"


def _evidence(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence=sentence, span_start=start, span_end=start + len(sentence))


def to_extraction(item: dict) -> Extraction:
    text = item["text"]
    facts = tuple(
        IndexFact(
            index_name=f["index"],
            index_label=None,
            subject=f["subject"],
            year=f["year"],
            score=f["score"],
            score_unit="points" if f["score"] is not None else None,
            rank=f["rank"],
            rank_total=f["rank_total"],
            rank_change=None,
            comparison_label=None,
            comparison_value=None,
            evidence=_evidence(text, f["evidence"]),
        )
        for f in item["facts"]
    )
    entities = tuple(
        Entity(
            text=e["text"],
            label=e["label"],
            canonical=e["canonical"],
            span_start=text.index(e["text"]),
            span_end=text.index(e["text"]) + len(e["text"]),
        )
        for e in item["entities"]
    )
    initiatives = tuple(
        Initiative(name=i["name"], category=i["category"], evidence=_evidence(text, i["evidence"]))
        for i in item["initiatives"]
    )
    return Extraction(
        url=item["url"],
        language=item["language"],
        text=text,
        title=item["title"],
        published=date.fromisoformat(item["published"]),
        original_url=item.get("original_url"),
        entities=entities,
        index_facts=facts,
        initiatives=initiatives,
    )


def corpus_items() -> list[dict]:
    return json.loads(CORPUS.read_text(encoding="utf-8"))


def load_corpus(db: Database, items: list[dict] | None = None) -> None:
    for item in items if items is not None else corpus_items():
        save_extraction(db, to_extraction(item), source=item["source"])


def build_db(path: Path | str, model: str | None = "fake") -> tuple[Database, IndexReport]:
    db = open_db(path)
    load_corpus(db)
    report = index_database(db, path, get_embedder(model) if model else None)
    return db, report
