"""Initiatives as programmes: one row per programme and province, across languages.

The extractor names a catalogue programme in English and gives it the catalogue id, so
"Đề án 06", "Project 06" and "المشروع 06" are three rows of one programme. Each stored
initiative also keeps the name as the article wrote it (``name_as_written``: the catalogue
alias found in its evidence, or the discovered name itself) and a grouping key for
initiatives outside the catalogue (``name_key``: the name folded, unquoted, single-spaced).
``province_initiatives`` groups by catalogue id, or by that key when there is none (m105).
"""

from __future__ import annotations

import re

from sqlite_utils import Database

from extract.initiative_catalogue import catalogue_matches, shortest_alias
from extract.models import Initiative
from extract.normalize import fold, fold_with_offsets
from index.research_views import ARTICLE_PROVINCES, replace_views

__all__ = [
    "initiative_columns",
    "name_key",
    "replace_initiative_view",
    "replace_province_initiatives",
    "written_name",
]

_QUOTES = re.compile(
    "[\"'\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u300c-\u300f]"
)

_PROVINCE_INITIATIVES = (
    """
create view province_initiatives_live as
"""
    + ARTICLE_PROVINCES
    + """,
reports as (
  select ap.province, i.id, i.article_url, i.name, i.name_as_written, i.category,
         i.catalogue_id, i.evidence, a.language, a.published, <mentions> as mentions,
         coalesce(sa.story_id, -a.rowid) as story,
         coalesce('catalogue:' || i.catalogue_id, 'named:' || i.name_key, 'named:' || i.name)
           as programme
  from initiatives i
  join articles a on a.url = i.article_url
  join article_provinces ap on ap.article_url = i.article_url
  left join story_articles sa on sa.article_url = i.article_url
),
ranked as (
  select *,
         row_number() over (
           partition by province, programme order by published is null, published, id
         ) as nth,
         count(*) over (partition by province, programme, category) as category_reports
  from reports
),
categories as (
  select province, programme, category, row_number() over (
    partition by province, programme order by category_reports desc, nth
  ) as choice
  from ranked
),
languages as (
  select distinct province, programme, language from reports
  where language is not null order by province, programme, language
),
language_lists as (
  select province, programme, group_concat(language) as languages, count(*) as language_count
  from languages group by province, programme
),
totals as (
  select province, programme, count(distinct article_url) as articles, sum(mentions) as mentions,
         count(distinct story) as stories, json_group_array(distinct name_as_written)
           filter (where name_as_written is not null) as names_as_written,
         min(published) as first_reported, max(published) as last_reported
  from reports group by province, programme
)
select e.province, e.catalogue_id, e.name as initiative, t.names_as_written, c.category,
       l.languages, coalesce(l.language_count, 0) as language_count, t.articles, t.mentions,
       t.stories,
       t.first_reported, t.last_reported, e.evidence, e.article_url as evidence_url,
       '/-/newsintel/article?url=' || e.article_url as evidence_page
from ranked e
join totals t on t.province = e.province and t.programme = e.programme
join categories c on c.province = e.province and c.programme = e.programme and c.choice = 1
left join language_lists l on l.province = e.province and l.programme = e.programme
where e.nth = 1
"""
)

# Indexes of the view's snapshot table (its facets: province, category, catalogue id).
_SNAPSHOT_INDEXES = {
    "province_initiatives": [["province", "category"], ["category"], ["catalogue_id"]]
}


def name_key(name: str) -> str:
    """Return the key grouping a discovered initiative's rows: folded, unquoted, single-spaced.

    ``name_key('Mô hình “Ngày thứ Bảy vì dân”') == name_key('mô hình Ngày thứ bảy vì dân')``.
    """
    return " ".join(_QUOTES.sub(" ", fold(name)).split())


def written_name(evidence: str, language: str, catalogue_id: str) -> str | None:
    """Return the name of programme ``catalogue_id`` as ``evidence`` writes it.

    Args:
        evidence: the clause the initiative was read from.
        language: ISO 639-1 code of its article.
        catalogue_id: the catalogue entry the extractor found there.

    Returns:
        The alias as written in ``evidence``, or None when the catalogue no longer finds it.
    """
    folded = fold_with_offsets(evidence)
    for match in catalogue_matches(folded.text, language):
        if match.entry.id == catalogue_id:
            start, end = folded.original_span(*shortest_alias(match, folded.text))
            return evidence[start:end].strip()
    return None


def initiative_columns(initiative: Initiative, language: str) -> dict[str, str]:
    """Return the stored columns that place ``initiative`` in its programme.

    Args:
        initiative: an extracted initiative.
        language: ISO 639-1 code of its article.

    Returns:
        ``name_as_written`` (the catalogue alias as written, else the name) and ``name_key``.
    """
    written = initiative.name_as_written  # the extractor's; found again for older extractions
    if written is None and initiative.catalogue_id:
        written = written_name(initiative.evidence.sentence, language, initiative.catalogue_id)
    return {"name_as_written": written or initiative.name, "name_key": name_key(initiative.name)}


def _fill_names(db: Database) -> None:
    """Give stored initiatives their name as written and name key."""
    rows = db.execute(
        "select id, name, catalogue_id, evidence, coalesce(language, '') from initiatives"
    ).fetchall()
    updates = []
    for row_id, name, catalogue_id, evidence, language in rows:
        written = written_name(evidence or "", language, catalogue_id) if catalogue_id else None
        updates.append((written or name, name_key(name or ""), row_id))
    db.conn.executemany(
        "update initiatives set name_as_written = ?, name_key = ? where id = ?", updates
    )


def replace_province_initiatives(db: Database) -> None:
    """Add and fill the name columns, then group ``province_initiatives`` by programme."""
    columns = db["initiatives"].columns_dict
    for column in ("name_as_written", "name_key"):
        if column not in columns:
            db["initiatives"].add_column(column, str)
    db["initiatives"].create_index(["name_key"], if_not_exists=True)
    _fill_names(db)
    replace_initiative_view(db)


def replace_initiative_view(db: Database) -> None:
    """(Re)create ``province_initiatives``, its live view and its snapshot.

    ``mentions`` adds up the initiatives' ``mentions`` (m101: how many clauses of an article
    name it) when the column exists, else counts one per stored row.
    """
    mentions = "i.mentions" if "mentions" in db["initiatives"].columns_dict else "1"
    sql = _PROVINCE_INITIATIVES.replace("<mentions>", mentions)
    replace_views(db, {"province_initiatives": sql}, _SNAPSHOT_INDEXES)
