"""The research views as migration m075 leaves them: each figure carries its confidence.

``province_index_timeline`` and ``discrepancies`` (m002) aggregate every index fact. Since the
extractor gives each fact a confidence (m070), a row of these views says how sure the rules
were: the timeline's ``confidence`` is the highest confidence among the facts reporting the
chosen value (and its evidence is the most confident of them); a discrepancy carries the
confidence of each side. The threshold that separates confident figures from uncertain ones
is not here: it is the plugin's ``min_confidence`` setting in ``metadata.json``, applied by
the pages and canned queries, so an uncertain figure is hidden by default and one click away.
"""

from __future__ import annotations

from sqlite_utils import Database

__all__ = ["ARTICLE_PROVINCES", "CONFIDENCE_VIEWS", "replace_research_views", "replace_views"]

# An article's provinces: its PROVINCE entities, the subjects of its facts that are provinces,
# and its source's province (a WITH clause; the initiative views start with it).
ARTICLE_PROVINCES = """with article_provinces as (
  select distinct article_url, canonical as province from entities
  where label = 'PROVINCE' and canonical is not null
  union
  select distinct article_url, subject from index_facts
  where subject in (select name from provinces)
  union
  select a.url, s.province from articles a join sources s on s.name = a.source
  where s.province is not null
)"""

_TIMELINE = """
create view province_index_timeline_live as
with facts as (
  select f.id, f.article_url, f.index_name, f.subject, f.year, f.score, f.score_unit,
         f.rank, f.rank_total, f.evidence, f.confidence, a.source, a.language, a.published,
         coalesce(sa.story_id, -a.rowid) as story,
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
         count(distinct story) as n_stories, min(id) as first_fact,
         max(confidence) as confidence, min(case when surest = 1 then id end) as evidence_fact
  from facts group by subject, index_name, year, score, rank
),
chosen as (
  select *, row_number() over (
    partition by subject, index_name, year order by n_stories desc, confidence desc, first_fact
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
       c.n_values > 1 as has_discrepancy, c.confidence
from chosen c
join totals t using (subject, index_name, year)
join index_facts e on e.id = c.evidence_fact
where c.choice = 1
"""

_DISCREPANCIES = """
create view discrepancies_live as
with facts as (
  select f.id, f.article_url, f.index_name, f.subject, f.year, f.score, f.rank, f.evidence,
         f.confidence, coalesce(sa.story_id, -a.rowid) as story, a.language, a.source
  from index_facts f
  join articles a on a.url = f.article_url
  left join story_articles sa on sa.article_url = f.article_url
  where f.subject is not null and f.year is not null
    and (f.score is not null or f.rank is not null)
),
per_story as (
  select min(id) as id, min(article_url) as article_url, index_name, subject, year, score, rank,
         min(evidence) as evidence, story, group_concat(distinct language) as language,
         group_concat(distinct source) as source, max(confidence) as confidence
  from facts group by story, index_name, subject, year, score, rank
)
select a.subject as province, a.index_name, a.year,
       a.score as score_a, a.rank as rank_a, a.language as language_a, a.source as source_a,
       a.evidence as evidence_a, a.article_url as article_a,
       b.score as score_b, b.rank as rank_b, b.language as language_b, b.source as source_b,
       b.evidence as evidence_b, b.article_url as article_b,
       a.confidence as confidence_a, b.confidence as confidence_b,
       min(a.confidence, b.confidence) as confidence
from per_story a
join per_story b on a.subject = b.subject and a.index_name = b.index_name and a.year = b.year
  and a.story < b.story
  and (coalesce(a.score, -1) != coalesce(b.score, -1) and a.score is not null
       and b.score is not null
       or coalesce(a.rank, -1) != coalesce(b.rank, -1) and a.rank is not null
       and b.rank is not null)
"""

# View name -> the SQL of its ``_live`` version; the public view reads ``snapshot_<name>``.
CONFIDENCE_VIEWS = {"province_index_timeline": _TIMELINE, "discrepancies": _DISCREPANCIES}


def replace_research_views(db: Database, snapshot_indexes: dict[str, list[list[str]]]) -> None:
    """Replace each view of ``CONFIDENCE_VIEWS``, its live version and its snapshot table.

    The snapshot is refilled from the new live view at once, so an upgraded database shows
    the same rows (with their confidence) before the next ``newsintel index``.

    Args:
        db: the database being migrated.
        snapshot_indexes: view name -> column sets indexed on its snapshot table.
    """
    indexes = {name: [*snapshot_indexes.get(name, []), ["confidence"]] for name in CONFIDENCE_VIEWS}
    replace_views(db, CONFIDENCE_VIEWS, indexes)


def replace_views(
    db: Database, views: dict[str, str], snapshot_indexes: dict[str, list[list[str]]]
) -> None:
    """Replace each research view of ``views``, its live version and its snapshot table.

    Args:
        db: the database being migrated.
        views: view name -> the SQL creating its ``<name>_live`` version.
        snapshot_indexes: view name -> column sets indexed on its snapshot table.
    """
    for name, sql in views.items():
        db.execute(f"drop view if exists {name}")
        db.execute(f"drop table if exists snapshot_{name}")
        db.execute(f"drop view if exists {name}_live")
        db.execute(sql)
        db.execute(f"create table snapshot_{name} as select * from {name}_live where 0")
        for column_set in snapshot_indexes.get(name, []):
            db.table(f"snapshot_{name}").create_index(column_set)
        db.execute(f"insert into snapshot_{name} select * from {name}_live")
        db.execute(f"create view {name} as select * from snapshot_{name}")
