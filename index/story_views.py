"""Stories in the schema (migrations m110 and m111): leads, outlets and disagreeing figures.

m110 adds ``story_leads`` (each article's lead, edition key and vector, see
``index.story_leads``), ``story_state`` (the rules version the stories were grouped with),
``story_articles.outlet`` (the site, ``index.story_evidence.outlet``) and ``stories.outlets``.
m111 replaces two research views:

* ``province_index_timeline`` counts stories, articles, sources, outlets (a site's language
  editions are one outlet) and languages apart, gives the ``story_id`` its evidence comes
  from, and among values reported by as many stories prefers the one more articles report,
  so a translation slip inside a story does not become the figure shown;
* ``discrepancies`` also lists figures that disagree inside one story (``within_story`` = 1:
  a translation slip, a rank direction lost, a decimal moved), with both evidences, their
  stories and rank changes.
"""

from __future__ import annotations

from sqlite_utils import Database

from index.research_views import replace_views

__all__ = ["STORY_VIEWS", "create_story_tables", "replace_story_views"]

_TIMELINE = """
create view province_index_timeline_live as
with facts as (
  select f.id, f.article_url, f.index_name, f.subject, f.year, f.score, f.score_unit,
         f.rank, f.rank_total, f.evidence, f.confidence, a.source, a.language, a.published,
         coalesce(sa.story_id, -a.rowid) as story, coalesce(sa.outlet, a.source) as outlet,
         row_number() over (
           partition by f.subject, f.index_name, f.year, f.score, f.rank
           order by f.confidence desc, f.id
         ) as surest
  from index_facts f
  join articles a on a.url = f.article_url
  left join story_articles sa on sa.article_url = f.article_url
  where f.subject is not null and f.year is not null
),
reported as (
  select subject, index_name, year, score, score_unit, rank, rank_total,
         count(distinct story) as n_stories, count(distinct article_url) as n_articles,
         min(id) as first_fact, max(confidence) as confidence,
         min(case when surest = 1 then id end) as evidence_fact
  from facts group by subject, index_name, year, score, rank
),
chosen as (
  select *, row_number() over (
    partition by subject, index_name, year
    order by n_stories desc, n_articles desc, confidence desc, first_fact
  ) as choice,
  count(*) over (partition by subject, index_name, year) as n_values
  from reported
),
totals as (
  select subject, index_name, year,
         count(distinct article_url) as articles, count(distinct source) as sources,
         count(distinct language) as languages, group_concat(distinct language) as language_list,
         count(distinct story) as stories, min(published) as first_reported,
         count(distinct outlet) as outlets
  from facts group by subject, index_name, year
)
select c.subject as province, c.index_name, c.year, c.score, c.score_unit, c.rank,
       c.rank_total, t.stories, t.articles, t.sources, t.languages, t.language_list,
       t.first_reported, e.evidence, e.article_url as evidence_url,
       '/-/newsintel/article?url=' || e.article_url as evidence_page,
       c.n_values > 1 as has_discrepancy, c.confidence, t.outlets, es.story_id
from chosen c
join totals t using (subject, index_name, year)
join index_facts e on e.id = c.evidence_fact
left join story_articles es on es.article_url = e.article_url
where c.choice = 1
"""

_DISCREPANCIES = """
create view discrepancies_live as
with facts as (
  select f.id, f.article_url, f.index_name, f.subject, f.year, f.score, f.rank, f.rank_change,
         f.evidence, f.confidence, coalesce(sa.story_id, -a.rowid) as story, a.language,
         a.source
  from index_facts f
  join articles a on a.url = f.article_url
  left join story_articles sa on sa.article_url = f.article_url
  where f.subject is not null and f.year is not null
    and (f.score is not null or f.rank is not null or f.rank_change is not null)
),
per_story as (
  select min(id) as id, min(article_url) as article_url, index_name, subject, year, score, rank,
         rank_change, min(evidence) as evidence, story,
         group_concat(distinct language) as language, group_concat(distinct source) as source,
         max(confidence) as confidence
  from facts group by story, index_name, subject, year, score, rank, rank_change
)
select a.subject as province, a.index_name, a.year,
       a.score as score_a, a.rank as rank_a, a.language as language_a, a.source as source_a,
       a.evidence as evidence_a, a.article_url as article_a,
       b.score as score_b, b.rank as rank_b, b.language as language_b, b.source as source_b,
       b.evidence as evidence_b, b.article_url as article_b,
       a.confidence as confidence_a, b.confidence as confidence_b,
       min(a.confidence, b.confidence) as confidence,
       a.rank_change as rank_change_a, b.rank_change as rank_change_b,
       case when a.story > 0 then a.story end as story_a,
       case when b.story > 0 then b.story end as story_b,
       a.story = b.story as within_story
from per_story a
join per_story b on a.subject = b.subject and a.index_name = b.index_name and a.year = b.year
  and (a.story < b.story or a.story = b.story and a.id < b.id)
  and (a.score != b.score or a.rank != b.rank or a.rank_change != b.rank_change)
"""

STORY_VIEWS = {"province_index_timeline": _TIMELINE, "discrepancies": _DISCREPANCIES}


def create_story_tables(db: Database) -> None:
    """Create ``story_leads`` and ``story_state`` and give ``stories`` its outlet count."""
    db.table("story_leads").create(
        {
            "article_url": str,
            "lead_hash": str,
            "language": str,
            "day": int,
            "provinces": str,
            "numbers": str,
            "decimals": str,
            "edition": str,
            "model": str,
            "vector": bytes,
        },
        pk="article_url",
        foreign_keys=[("article_url", "articles", "url")],
        if_not_exists=True,
    )
    for column in ("day", "edition"):
        db.table("story_leads").create_index([column], if_not_exists=True)
    db.table("story_state").create({"key": str, "value": str}, pk="key", if_not_exists=True)
    if "outlets" not in db["stories"].columns_dict:
        db["stories"].add_column("outlets", int)
    if "outlet" not in db["story_articles"].columns_dict:
        db["story_articles"].add_column("outlet", str)
    db["story_articles"].create_index(["outlet"], if_not_exists=True)


def replace_story_views(db: Database, snapshot_indexes: dict[str, list[list[str]]]) -> None:
    """Replace the timeline and discrepancies views (and snapshots) with the story-aware ones.

    Args:
        db: the database being migrated.
        snapshot_indexes: view name -> column sets indexed on its snapshot table.
    """
    indexes = {name: [*snapshot_indexes.get(name, []), ["confidence"]] for name in STORY_VIEWS}
    indexes["discrepancies"].append(["within_story"])
    replace_views(db, STORY_VIEWS, indexes)
