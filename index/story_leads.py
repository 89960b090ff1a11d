"""The ``story_leads`` table: each article's lead, read once and embedded once per model.

``index.stories`` compares leads; this module keeps them current. A lead is read again only
when the article's language, date, title or lead passage changed, and embedded again only
then or when the model changed, so a run over an unchanged database embeds nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

import numpy as np
from sqlite_utils import Database

from index.embeddings import Embedder, decode_vector, encode_vector
from index.story_evidence import Lead, lead_text, make_lead
from index.text import text_hash

__all__ = ["LoadedLeads", "fill_lead_years", "lead_days", "load_leads", "sync_leads"]

BATCH = 16


@dataclass(slots=True)
class LoadedLeads:
    """Every stored lead, its vector for one model, and the URL keys of each article."""

    leads: dict[str, Lead] = field(default_factory=dict)
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    url_keys: dict[str, set[str]] = field(default_factory=dict)  # url and original URL
    editions: dict[str, set[str]] = field(default_factory=dict)


def _lead_row(article: dict[str, str], digest: str) -> dict[str, object]:
    lead = make_lead(
        article["url"], article["language"], article["published"], article["title"],
        article["text"],
    )  # fmt: skip
    return {
        "article_url": lead.url,
        "lead_hash": digest,
        "language": lead.language,
        "day": lead.day,
        "provinces": json.dumps(sorted(lead.provinces), ensure_ascii=False),
        "numbers": json.dumps(sorted(lead.numbers)),
        "decimals": json.dumps(sorted(lead.decimals)),
        "years": json.dumps(sorted(lead.years)),
        "edition": lead.edition,
        "model": None,
        "vector": None,
    }


def _stale(db: Database) -> list[tuple[dict[str, str], str]]:
    """Articles whose lead is missing or changed, with the hash of their lead now."""
    rows = db.query(
        "select a.url, a.language, a.published, a.title, substr(a.text, 1, ?) as text, "
        "l.lead_hash from articles a left join story_leads l on l.article_url = a.url",
        [1000],
    )
    return [
        (row, digest)
        for row in rows
        if (
            digest := text_hash(
                row["language"], row["published"], lead_text(row["title"], row["text"])
            )
        )
        != row["lead_hash"]
    ]


def sync_leads(
    db: Database, embedder: Embedder | None, *, limit: int | None = None
) -> tuple[int, set[str]]:
    """Read new and changed leads, drop leads of deleted articles, embed what lacks a vector.

    ``limit`` caps the leads embedded in this run (the rest wait for the next run and are
    compared by similarity once embedded).

    Returns:
        (leads embedded, URLs whose lead changed or was embedded by a new model).
    """
    with db.conn:
        db.execute("delete from story_leads where article_url not in (select url from articles)")
        stale = _stale(db)
        db.table("story_leads").upsert_all(
            [_lead_row(article, digest) for article, digest in stale], pk="article_url"
        )
    changed = {article["url"] for article, _ in stale}
    if embedder is None:
        return 0, changed
    todo = db.execute(
        "select l.article_url, a.title, substr(a.text, 1, ?) from story_leads l "
        "join articles a on a.url = l.article_url where l.model is null or l.model != ? "
        "order by l.day desc, l.article_url limit ?",
        [1000, embedder.name, -1 if limit is None else limit],
    ).fetchall()
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        vectors = embedder.embed_passages([lead_text(title, text) for _, title, text in batch])
        with db.conn:
            db.conn.executemany(
                "update story_leads set model = ?, vector = ? where article_url = ?",
                [
                    (embedder.name, encode_vector(v), url)
                    for (url, _, _), v in zip(batch, vectors, strict=True)
                ],
            )
    return len(todo), changed | {url for url, _, _ in todo}


def lead_days(db: Database) -> dict[str, int | None]:
    """Each lead's publication day (proleptic ordinal), for choosing what to regroup."""
    return dict(db.execute("select article_url, day from story_leads").fetchall())


def load_leads(
    db: Database, embedder: Embedder | None, *, days: tuple[int, int] | None = None
) -> LoadedLeads:
    """Load the leads, the vectors ``embedder`` made, and each article's URL keys.

    Args:
        db: the database.
        embedder: whose vectors to load (None: no vectors).
        days: load provinces, numbers and vectors only for leads published in this range
            (inclusive); the others get their day and URL keys only, as they are compared
            by URL alone. None loads everything.
    """
    loaded = LoadedLeads()
    for url, language, day, edition, original in db.execute(
        "select l.article_url, l.language, l.day, l.edition, a.original_url from story_leads l "
        "join articles a on a.url = l.article_url"
    ):
        loaded.leads[url] = Lead(
            url, language or "", day, frozenset(), frozenset(), frozenset(), edition
        )
        loaded.url_keys[url] = {url, *([original] if original else [])}
        loaded.editions[url] = {edition} if edition else set()
    low, high = days if days is not None else (None, None)
    model = embedder.name if embedder is not None else None
    for row in db.query(
        "select article_url, provinces, numbers, decimals, years, model, vector from story_leads "
        "where ? is null or day between ? and ?",
        [low, low, high],
    ):
        url = row["article_url"]
        loaded.leads[url] = replace(
            loaded.leads[url],
            provinces=frozenset(json.loads(row["provinces"] or "[]")),
            numbers=frozenset(json.loads(row["numbers"] or "[]")),
            decimals=frozenset(json.loads(row["decimals"] or "[]")),
            years=frozenset(json.loads(row["years"] or "[]")),
        )
        if model is not None and row["model"] == model and row["vector"] is not None:
            loaded.vectors[url] = decode_vector(row["vector"])
    return loaded


def fill_lead_years(db: Database) -> None:
    """Read the years of every stored lead again (migration m112; vectors are kept)."""
    rows = db.query(
        "select a.url, a.language, a.published, a.title, substr(a.text, 1, ?) as text "
        "from articles a join story_leads l on l.article_url = a.url",
        [1000],
    )
    db.conn.executemany(
        "update story_leads set years = ? where article_url = ?",
        [
            (json.dumps(sorted(make_lead(r["url"], r["language"], r["published"], r["title"],
                                         r["text"]).years)), r["url"])
            for r in rows
        ],
    )  # fmt: skip
