"""The SQLite schema: the only place tables, indexes, views and FTS are created.

Migrations run in order through sqlite-utils' ``Migrations``. A shipped migration is never
edited: a change to the schema is a new function at the end of this module (or of a module
it imports, registered on the same ``migrations`` object).
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from index.paths import relative_to_db
from index.research_views import ARTICLE_PROVINCES
from index.strict import STRICT_TABLES, make_strict

migrations = Migrations("newsintel")

# How long a connection waits for another process's write to finish before "database is
# locked"; writers keep their transactions short, so this is only reached by a stuck writer.
BUSY_TIMEOUT_MS = 30_000

# Columns shared by every table of extracted facts.
_EVIDENCE_COLUMNS: dict[str, type] = {
    "evidence": str,
    "span_start": int,
    "span_end": int,
    "extractor_version": str,
}


@migrations()
def m001_core(db: Database) -> None:
    """Create sources, pages, articles, provinces, the fact tables and article FTS."""
    db["sources"].create(
        {
            "name": str,
            "home_url": str,
            "kind": str,
            "province": str,
            "languages": str,  # JSON list
            "allowed_domains": str,  # JSON list
        },
        pk="name",
    )
    db["pages"].create(
        {
            "id": int,
            "url": str,
            "final_url": str,
            "source": str,
            "status": int,
            "content_type": str,
            "fetched_at": str,
            "content_hash": str,
            "content_length": int,
            "is_article": int,
            "reason": str,
            "warc_file": str,
            "warc_offset": int,
            "error": str,
        },
        pk="id",
        foreign_keys=[("source", "sources", "name")],
    )
    db["pages"].create_index(["url", "fetched_at"], unique=True)
    db["pages"].create_index(["content_hash"])
    db["pages"].create_index(["source"])
    db["provinces"].create(
        {
            "name": str,  # canonical English name without diacritics
            "name_vi": str,
            "name_ascii": str,
            "unit_type": str,  # province | city
            "region": str,
            "valid_from": str,
            "valid_to": str,
            "merged_into": str,
            "aliases": str,  # JSON list of known spellings in every script
        },
        pk="name",
    )
    db["articles"].create(
        {
            "url": str,  # canonical URL; key other tables refer to
            "canonical_url": str,
            "source": str,
            "language": str,
            "language_confidence": float,
            "title": str,
            "published": str,
            "author": str,
            "text": str,
            "text_origin": str,
            "original_url": str,
            "fetched_at": str,
            "content_hash": str,
            "page_id": int,
            "extractor_version": str,
        },
        pk="url",
        foreign_keys=[("source", "sources", "name"), ("page_id", "pages", "id")],
    )
    for column in ("source", "language", "published", "original_url", "content_hash"):
        db["articles"].create_index([column])
    db["entities"].create(
        {
            "id": int,
            "article_url": str,
            "text": str,
            "label": str,
            "canonical": str,
            "title": str,
            "name_en": str,
            "span_start": int,
            "span_end": int,
            "extractor_version": str,
        },
        pk="id",
        foreign_keys=[("article_url", "articles", "url")],
    )
    db["index_facts"].create(
        {
            "id": int,
            "article_url": str,
            "index_name": str,
            "index_label": str,
            "subject": str,
            "year": int,
            "score": float,
            "score_unit": str,
            "rank": int,
            "rank_total": int,
            "rank_change": int,
            "comparison_label": str,
            "comparison_value": float,
            **_EVIDENCE_COLUMNS,
        },
        pk="id",
        foreign_keys=[("article_url", "articles", "url")],
    )
    db["percentages"].create(
        {
            "id": int,
            "article_url": str,
            "value": float,
            "measures": str,
            "subject": str,
            "year": int,
            "comparison_value": float,
            **_EVIDENCE_COLUMNS,
        },
        pk="id",
        foreign_keys=[("article_url", "articles", "url")],
    )
    db["initiatives"].create(
        {"id": int, "article_url": str, "name": str, "category": str, **_EVIDENCE_COLUMNS},
        pk="id",
        foreign_keys=[("article_url", "articles", "url")],
    )
    for table in ("entities", "index_facts", "percentages", "initiatives"):
        db[table].create_index(["article_url"])
    db["entities"].create_index(["label", "canonical"])
    db["index_facts"].create_index(["subject", "index_name", "year"])
    db["index_facts"].create_index(["index_name", "year"])
    db["percentages"].create_index(["subject"])
    db["initiatives"].create_index(["category"])
    db["failures"].create(
        {"id": int, "stage": str, "url": str, "error": str, "detail": str, "at": str},
        pk="id",
    )
    db["failures"].create_index(["stage", "url"], unique=True)
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


def open_db(path: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    The connection uses WAL and a busy timeout so that several processes can share the file.
    """
    if str(path) == ":memory:":
        db = Database(memory=True)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    if str(path) != ":memory:":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA foreign_keys = ON")
    if migrate:
        migrations.apply(db)
    return db


# --- m002: stories, chunks, embeddings, normalised FTS and research views -------------------

_TIMELINE_VIEW = """
create view province_index_timeline_live as
with facts as (
  select f.id, f.article_url, f.index_name, f.subject, f.year, f.score, f.score_unit,
         f.rank, f.rank_total, f.evidence, a.source, a.language, a.published,
         coalesce(sa.story_id, -a.rowid) as story
  from index_facts f
  join articles a on a.url = f.article_url
  left join story_articles sa on sa.article_url = f.article_url
  where f.subject is not null and f.year is not null
),
reported as (
  select subject, index_name, year, score, score_unit, rank, rank_total,
         count(distinct story) as n_stories, min(id) as first_fact
  from facts group by subject, index_name, year, score, rank
),
chosen as (
  select *, row_number() over (
    partition by subject, index_name, year order by n_stories desc, first_fact
  ) as choice,
  count(*) over (partition by subject, index_name, year) as n_values
  from reported
),
totals as (
  select subject, index_name, year,
         count(distinct article_url) as articles, count(distinct source) as sources,
         count(distinct language) as languages, group_concat(distinct language) as language_list,
         count(distinct story) as stories, min(published) as first_reported
  from facts group by subject, index_name, year
)
select c.subject as province, c.index_name, c.year, c.score, c.score_unit, c.rank,
       c.rank_total, t.stories, t.articles, t.sources, t.languages, t.language_list,
       t.first_reported, e.evidence, e.article_url as evidence_url,
       '/-/newsintel/article?url=' || e.article_url as evidence_page,
       c.n_values > 1 as has_discrepancy
from chosen c
join totals t using (subject, index_name, year)
join index_facts e on e.id = c.first_fact
where c.choice = 1
"""

_DISCREPANCIES_VIEW = """
create view discrepancies_live as
with facts as (
  select f.id, f.article_url, f.index_name, f.subject, f.year, f.score, f.rank, f.evidence,
         coalesce(sa.story_id, -a.rowid) as story, a.language, a.source
  from index_facts f
  join articles a on a.url = f.article_url
  left join story_articles sa on sa.article_url = f.article_url
  where f.subject is not null and f.year is not null
    and (f.score is not null or f.rank is not null)
),
per_story as (
  select min(id) as id, min(article_url) as article_url, index_name, subject, year, score, rank,
         min(evidence) as evidence, story, group_concat(distinct language) as language,
         group_concat(distinct source) as source
  from facts group by story, index_name, subject, year, score, rank
)
select a.subject as province, a.index_name, a.year,
       a.score as score_a, a.rank as rank_a, a.language as language_a, a.source as source_a,
       a.evidence as evidence_a, a.article_url as article_a,
       b.score as score_b, b.rank as rank_b, b.language as language_b, b.source as source_b,
       b.evidence as evidence_b, b.article_url as article_b
from per_story a
join per_story b on a.subject = b.subject and a.index_name = b.index_name and a.year = b.year
  and a.story < b.story
  and (coalesce(a.score, -1) != coalesce(b.score, -1) and a.score is not null
       and b.score is not null
       or coalesce(a.rank, -1) != coalesce(b.rank, -1) and a.rank is not null
       and b.rank is not null)
"""

_INITIATIVES_VIEW = (
    """
create view province_initiatives_live as
"""
    + ARTICLE_PROVINCES
    + """
select ap.province, i.category, i.name as initiative,
       count(distinct i.article_url) as articles,
       count(distinct coalesce(sa.story_id, -a.rowid)) as stories,
       group_concat(distinct a.language) as languages,
       min(a.published) as first_reported, max(a.published) as last_reported,
       min(i.evidence) as evidence
from initiatives i
join articles a on a.url = i.article_url
join article_provinces ap on ap.article_url = i.article_url
left join story_articles sa on sa.article_url = i.article_url
group by ap.province, i.category, i.name
"""
)


SNAPSHOT_INDEXES: dict[str, list[list[str]]] = {
    "province_index_timeline": [["index_name", "province", "year"], ["province"], ["year"]],
    "discrepancies": [["index_name", "province", "year"]],
    "province_initiatives": [["province", "category"], ["category"]],
}


@migrations()
def m002_search(db: Database) -> None:
    """Add stories, chunks, embeddings, normalised FTS tables and the research views."""
    db.table("stories").create(
        {
            "id": int,
            "story_key": str,
            "title": str,
            "first_published": str,
            "articles": int,
            "languages": str,
        },
        pk="id",
    )
    db.table("stories").create_index(["story_key"], unique=True)
    db.table("story_articles").create(
        {"article_url": str, "story_id": int, "reason": str},
        pk="article_url",
        foreign_keys=[("article_url", "articles", "url"), ("story_id", "stories", "id")],
    )
    db.table("story_articles").create_index(["story_id"])
    db.table("chunks").create(
        {
            "id": int,
            "article_url": str,
            "ordinal": int,
            "text": str,
            "span_start": int,
            "span_end": int,
            "language": str,
            "text_hash": str,
        },
        pk="id",
        foreign_keys=[("article_url", "articles", "url")],
    )
    db.table("chunks").create_index(["article_url", "ordinal"], unique=True)
    db.table("chunked_articles").create(
        {"article_url": str, "text_hash": str, "chunks": int},
        pk="article_url",
        foreign_keys=[("article_url", "articles", "url")],
    )
    db.table("embeddings").create(
        {"chunk_id": int, "model": str, "dim": int, "vector": bytes},
        pk=("chunk_id", "model"),
        foreign_keys=[("chunk_id", "chunks", "id")],
    )
    db.table("embeddings").create_index(["model"])
    # Folded text (index.text.fold), identical for documents and queries. Trigram with
    # remove_diacritics needs SQLite >= 3.45 (pysqlite3); bigrams cover 2-character CJK words.
    db.execute(
        "create virtual table chunks_fts using fts5(title, text, "
        "tokenize='trigram remove_diacritics 1')"
    )
    db.execute("create virtual table chunks_cjk using fts5(grams, tokenize='unicode61')")
    db.execute(
        "create virtual table evidence_fts using fts5(kind unindexed, fact_id unindexed, "
        "article_url unindexed, evidence, tokenize='trigram remove_diacritics 1')"
    )
    for sql in (_TIMELINE_VIEW, _DISCREPANCIES_VIEW, _INITIATIVES_VIEW):
        db.execute(sql)
    # The *_live views aggregate every fact on each read, too slow for Datasette's facets at
    # 100k articles; ``newsintel index`` copies them into snapshot tables (index.indexer.
    # refresh_snapshots) and the public views read the snapshots.
    for name, columns in SNAPSHOT_INDEXES.items():
        db.execute(f"create table snapshot_{name} as select * from {name}_live where 0")
        for column_set in columns:
            db.table(f"snapshot_{name}").create_index(column_set)
        db.execute(f"create view {name} as select * from snapshot_{name}")


@migrations()
def m003_facet_indexes(db: Database) -> None:
    """Covering indexes for the articles page's default facets under a language/source filter.

    Without them, faceting 20k Vietnamese articles by source reads every (wide) article row.
    """
    db.table("articles").create_index(["language", "source"])
    db.table("articles").create_index(["source", "language"])
    db.table("index_facts").create_index(["article_url", "index_name", "subject", "year"])


@migrations()
def m050_crawl_page_columns(db: Database) -> None:
    """Add crawl columns to pages: validators, depth, simhash and duplicate flags."""
    pages = db["pages"]
    for column in (
        "etag",
        "last_modified",
        "fingerprint",
        "duplicate_of",
        "near_duplicate_of",
    ):
        pages.add_column(column, str)
    pages.add_column("depth", int)
    pages.add_column("crawl_run", int)
    pages.create_index(["url", "status"])
    pages.create_index(["duplicate_of"])
    pages.create_index(["near_duplicate_of"])


@migrations()
def m051_crawl_runs(db: Database) -> None:
    """Create crawl_runs (one row per crawl, unfinished until it ends) and the frontier."""
    db["crawl_runs"].create(
        {
            "id": int,
            "sources": str,  # JSON list of source names, sorted: the key of a resumable crawl
            "started_at": str,
            "finished_at": str,
            "finish_reason": str,
            "fetched": int,
            "articles": int,
            "errors": int,
        },
        pk="id",
    )
    db["crawl_runs"].create_index(["sources", "started_at"])
    db["crawl_frontier"].create(
        {
            "url": str,
            "source": str,
            "depth": int,
            "state": str,  # queued | done
            "crawl_run": int,
            "discovered_at": str,
        },
        pk="url",
        foreign_keys=[("crawl_run", "crawl_runs", "id")],
    )
    db["crawl_frontier"].create_index(["source", "state"])
    db["crawl_frontier"].create_index(["crawl_run", "state"])


@migrations()
def m052_crawl_fingerprints(db: Database) -> None:
    """Create page_fingerprints: four 16-bit bands of each article's simhash, for near-dups."""
    db["page_fingerprints"].create(
        {"page_id": int, "band": int, "value": str},
        pk=("page_id", "band"),
        foreign_keys=[("page_id", "pages", "id")],
    )
    db["page_fingerprints"].create_index(["band", "value"])


@migrations()
def m053_fact_language_source(db: Database) -> None:
    """Copy each article's language and source onto its facts, so every fact table facets on them.

    Existing rows are filled from their article; ``index.store`` writes both from now on.
    """
    for table in ("entities", "index_facts", "percentages", "initiatives"):
        db[table].add_column("language", str)
        db[table].add_column("source", str)
        db.execute(
            f"update [{table}] set language = a.language, source = a.source "
            f"from articles a where a.url = [{table}].article_url"
        )
        db[table].create_index(["language"])
        db[table].create_index(["source"])


@migrations()
def m054_fts_token_counts(db: Database) -> None:
    """Row counts of the tokens of each search FTS table, refreshed by ``newsintel index``.

    Search uses them to leave out query phrases that match nothing (most gazetteer
    expansions) or most chunks (their BM25 weight is small, their cost is not).
    """
    db.table("fts_token_counts").create(
        {"fts_table": str, "token": str, "docs": int}, pk=("fts_table", "token")
    )


@migrations()
def m070_fact_confidence_candidates(db: Database) -> None:
    """Give index facts a confidence, a rule and a rank scope; add ``fact_candidates``.

    The numbers the extractor saw beside an index but did not keep go to ``fact_candidates``,
    each with the role it gave them ("score change", "sub-index", "maximum"...), for audit.
    """
    db["index_facts"].add_column("rank_scope", str)
    db["index_facts"].add_column("confidence", float)
    db["index_facts"].add_column("rule", str)
    db.execute("update index_facts set confidence = 1.0 where confidence is null")
    db["fact_candidates"].create(
        {
            "id": int,
            "article_url": str,
            "index_name": str,
            "subject": str,
            "year": int,
            "value": float,
            "role": str,
            **_EVIDENCE_COLUMNS,
            "language": str,
            "source": str,
        },
        pk="id",
        foreign_keys=[("article_url", "articles", "url")],
    )
    db["fact_candidates"].create_index(["article_url"])
    db["fact_candidates"].create_index(["role"])
    db["index_facts"].create_index(["confidence"])


@migrations()
def m060_strict_tables(db: Database) -> None:
    """Rebuild the tables researchers read and merges write as ``STRICT`` (typed) tables.

    A year, score or rank that is not a number is set to NULL (its row is kept and a warning
    logged); from now on any writer that offers text for a number gets an error.
    """
    for table in STRICT_TABLES:
        make_strict(db, table)


@migrations()
def m061_relative_warc_paths(db: Database) -> None:
    """Store each page's WARC path relative to the database file (they were absolute)."""
    rows = db.execute("select id, warc_file from pages where warc_file like '/%'").fetchall()
    db.conn.executemany(
        "update pages set warc_file = ? where id = ?",
        [(relative_to_db(db, path), page_id) for page_id, path in rows],
    )


@migrations()
def m075_confidence_in_research_views(db: Database) -> None:
    """Give ``province_index_timeline`` and ``discrepancies`` each figure's confidence.

    The pages and canned queries then show confident figures by default and the rest on
    request (``index.research_views`` holds the new views; the threshold is the plugin's).
    """
    from index.research_views import replace_research_views  # this module is at its size limit

    replace_research_views(db, SNAPSHOT_INDEXES)


@migrations()
def m100_initiative_catalogue_id(db: Database) -> None:
    """Give each initiative the catalogue programme it names (null when discovered)."""
    if "catalogue_id" not in db["initiatives"].columns_dict:
        db["initiatives"].add_column("catalogue_id", str)
    make_strict(db, "initiatives")
    db["initiatives"].create_index(["catalogue_id"], if_not_exists=True)


@migrations()
def m101_initiative_mentions(db: Database) -> None:
    """Count the mentions of an initiative in its article (one row per initiative and article)."""
    if "mentions" not in db["initiatives"].columns_dict:
        db["initiatives"].add_column("mentions", int, not_null_default=1)


@migrations()
def m105_initiatives_by_programme(db: Database) -> None:
    """Group ``province_initiatives`` by programme across languages, with the names as written.

    Initiatives get ``name_as_written`` and ``name_key`` (filled for stored rows); the view
    has one row per province and catalogue id (or name key outside the catalogue).
    """
    from index.initiative_views import replace_province_initiatives  # schema.py is at its limit

    replace_province_initiatives(db)


@migrations()
def m106_initiative_mentions_by_programme(db: Database) -> None:
    """Add up ``province_initiatives.mentions`` from m101's per-article mention counts."""
    from index.initiative_views import replace_initiative_view  # schema.py is at its limit

    replace_initiative_view(db)


@migrations()
def m110_story_leads(db: Database) -> None:
    """Add ``story_leads``, ``story_state``, ``story_articles.outlet`` and ``stories.outlets``."""
    from index.story_views import create_story_tables  # schema.py is at its limit

    create_story_tables(db)


@migrations()
def m111_story_views(db: Database) -> None:
    """Count outlets and stories apart; list figures that disagree inside one story."""
    from index.story_views import replace_story_views

    replace_story_views(db, SNAPSHOT_INDEXES)


@migrations()
def m125_vector_file_stale(db: Database) -> None:
    """Add ``vector_file_stale``: chunk ids deleted since the vector file was last synced.

    SQLite gives a new chunk the id after the largest one left, so re-chunking the newest
    article reuses its old chunks' ids; the vector file must drop the old vectors.
    """
    db.table("vector_file_stale").create(
        {"chunk_id": int}, pk="chunk_id", if_not_exists=True, strict=True
    )


@migrations()
def m130_embedding_means(db: Database) -> None:
    """Add ``embedding_means``: summed chunk vectors per model and article language."""
    db.table("embedding_means").create(
        {"model": str, "language": str, "chunks": int, "vector": bytes},
        pk=("model", "language"),
        if_not_exists=True,
        strict=True,
    )


@migrations()
def m112_story_lead_years(db: Database) -> None:
    """Give ``story_leads`` the years each lead names (leads of other years are other stories)."""
    from index.story_leads import fill_lead_years

    if "years" not in db["story_leads"].columns_dict:
        db["story_leads"].add_column("years", str)
    fill_lead_years(db)
