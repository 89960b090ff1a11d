"""Group translations and republications of one story over stored extractions, incrementally.

Two articles belong to one story when

* they share an original URL, or one is the other's original (``original_url``);
* they are editions of one article on one site: the same path under ``/en/`` and ``/ja/``,
  or under ``thongtin.`` and ``www.`` (``same_edition``, see ``index.story_evidence``);
* they were published within a week and report the same figures (``same_figures``);
* they were published within a few days, name the same provinces and their titles and leads
  are close in meaning in any language (``similar_lead``, with an embedder; the rules and
  their guards are in ``index.story_links``).

A run regroups only the neighbourhood of what is new: articles that are new or whose lead
changed, and the stories with an article published within a week of one of them (a new
translation may be a better match than the one a story was built with). Stories elsewhere
are not read again. A regrouped story keeps its id (the id most of its articles had), so a
new article joins an existing story under that story's id. Everything is regrouped when the
rules changed or on ``full=True``. Leads and their vectors are kept in ``story_leads``.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlite_utils import Database

from index.embeddings import Embedder
from index.story_evidence import outlet
from index.story_leads import lead_days, load_leads, sync_leads
from index.story_links import WINDOW_DAYS, Link, UnionFind, link_leads, load_figures

__all__ = ["RULES_VERSION", "StoryReport", "group_stories"]

RULES_VERSION = "5"  # a change to the rules regroups every article once


@dataclass(frozen=True, slots=True)
class StoryReport:
    """How many stories were formed from how many articles, and how much work it took."""

    articles: int
    stories: int
    grouped: int  # articles in a story of two or more
    regrouped: int = 0  # articles grouped again in this run (new ones and their neighbours)
    embedded: int = 0  # leads embedded in this run


def group_stories(
    db: Database,
    embedder: Embedder | None = None,
    *,
    full: bool = False,
    embed_limit: int | None = None,
) -> StoryReport:
    """Bring ``stories`` and ``story_articles`` up to date with the stored articles.

    Args:
        db: the database.
        embedder: the model that embeds leads for the similarity rule; None skips that rule
            (articles compared without it are compared again once a model is given).
        full: regroup every article (also done when the rules changed).
        embed_limit: embed at most this many leads now (``newsintel index --max-embed``).
    """
    if full or _rules_changed(db):
        with db.conn:
            db.execute("delete from story_articles")
            db.execute("delete from stories")
    embedded, changed = sync_leads(db, embedder, limit=embed_limit)
    _detach(db, changed)
    stored = {r[0]: r[1] for r in db.execute("select article_url, story_id from story_articles")}
    pending = {r[0] for r in db.execute("select url from articles")} - stored.keys()
    days = lead_days(db)
    regroup = _neighbourhood(days, stored, pending)
    dated = [day for url in regroup if (day := days.get(url)) is not None]
    span = (min(dated) - WINDOW_DAYS, max(dated) + WINDOW_DAYS) if dated else (1, 0)
    leads = load_leads(db, embedder, days=span)
    kept = {url: story for url, story in stored.items() if url not in regroup}
    links = link_leads(
        leads.leads,
        leads.vectors,
        regroup,
        url_keys=leads.url_keys,
        editions=leads.editions,
        figures=load_figures(db) if regroup else {},
        stored=kept,
    )
    with db.conn:
        _write(db, _components(links, kept, regroup), links, stored)
        db.execute(
            "insert or replace into story_state (key, value) values ('rules', ?)", [RULES_VERSION]
        )
    return _report(db, len(regroup), embedded)


def _neighbourhood(
    days: dict[str, int | None], stored: dict[str, int], pending: set[str]
) -> set[str]:
    """The pending articles and every article of a story dated within a week of one."""
    pending_days = sorted(d for url in pending if (d := days.get(url)) is not None)
    if not pending_days:
        return set(pending)
    near = set()
    for url, story in stored.items():
        day = days.get(url)
        if day is None:
            continue
        i = bisect.bisect_left(pending_days, day - WINDOW_DAYS)
        if i < len(pending_days) and pending_days[i] <= day + WINDOW_DAYS:
            near.add(story)
    return pending | {url for url, story in stored.items() if story in near}


def _components(links: list[Link], kept: dict[str, int], regroup: set[str]) -> list[set[str]]:
    """The groups of regrouped articles, each with the kept stories it joins (as ``#id``)."""
    groups = UnionFind()
    node = {url: f"#{story}" for url, story in kept.items()}
    for url in regroup:
        groups.find(url)
    for a, b, _ in links:
        groups.union(node.get(a, a), node.get(b, b))
    members: dict[object, set[str]] = defaultdict(set)
    for item in list(groups.parent):
        members[groups.find(item)].add(str(item))
    return sorted(members.values(), key=lambda m: (-len(m), min(m)))


def _detach(db: Database, urls: set[str]) -> None:
    """Take changed and deleted articles out of their stories so they are grouped again."""
    gone = [
        r[0]
        for r in db.execute(
            "select article_url from story_articles "
            "where article_url not in (select url from articles)"
        )
    ]
    touched = set()
    with db.conn:
        for url in [*gone, *urls]:
            row = db.execute(
                "select story_id from story_articles where article_url = ?", [url]
            ).fetchone()
            if row:
                touched.add(row[0])
                db.execute("delete from story_articles where article_url = ?", [url])
        _tidy(db, touched)


def _rules_changed(db: Database) -> bool:
    row = db.execute("select value from story_state where key = 'rules'").fetchone()
    return row is None or row[0] != RULES_VERSION


def _write(
    db: Database, components: list[set[str]], links: list[Link], previous: dict[str, int]
) -> None:
    """Store each regrouped component under a kept story's id, its former id or a new one."""
    reasons: dict[str, str] = {}
    for a, b, reason in links:
        reasons.setdefault(a, reason)
        reasons.setdefault(b, reason)
    claimed: set[int] = set()
    next_id = (db.execute("select max(id) from stories").fetchone()[0] or 0) + 1
    for members in components:
        kept = sorted(int(m[1:]) for m in members if m.startswith("#"))
        urls = sorted(m for m in members if not m.startswith("#"))
        if not urls and len(kept) < 2:
            continue  # a kept story nothing new joined
        former = Counter(previous[u] for u in urls if u in previous and previous[u] not in claimed)
        target = kept[0] if kept else (former.most_common(1)[0][0] if former else next_id)
        next_id += target == next_id
        claimed.add(target)
        for old in kept[1:]:
            db.execute("update story_articles set story_id = ? where story_id = ?", [target, old])
        if not db.execute("select 1 from stories where id = ?", [target]).fetchone():
            taken = db.execute("select 1 from stories where story_key = ?", [urls[0]]).fetchone()
            db.execute(
                "insert into stories (id, story_key, articles) values (?, ?, 0)",
                [target, f"{urls[0]}#{target}" if taken else urls[0]],
            )
        db.conn.executemany(
            "insert or replace into story_articles (article_url, story_id, reason, outlet) "
            "values (?, ?, ?, ?)",
            [(url, target, reasons.get(url, "single"), outlet(url)) for url in urls],
        )
    _tidy(db, claimed)


def _tidy(db: Database, touched: set[int]) -> None:
    """Drop stories left without articles; recompute the rows of ``touched`` stories."""
    db.execute("delete from stories where id not in (select story_id from story_articles)")
    for story_id in sorted(touched):
        _refresh_story(db, story_id)  # a deleted story has no rows and is left alone


def _refresh_story(db: Database, story_id: int) -> None:
    """Recompute one story's title, first date and counts from its articles."""
    rows = list(
        db.query(
            "select a.url, a.title, a.published, a.language, sa.outlet from story_articles sa "
            "join articles a on a.url = sa.article_url where sa.story_id = ? "
            "order by coalesce(a.published, '9999'), a.url",
            [story_id],
        )
    )
    if rows:
        db.table("stories").update(
            story_id,
            {
                "title": rows[0]["title"],
                "first_published": rows[0]["published"],
                "articles": len(rows),
                "languages": json.dumps(sorted({r["language"] or "" for r in rows})),
                "outlets": len({r["outlet"] or r["url"] for r in rows}),
            },
        )


def _report(db: Database, regrouped: int, embedded: int) -> StoryReport:
    articles, stories, grouped = db.execute(
        "select (select count(*) from articles), (select count(*) from stories), "
        "(select coalesce(sum(articles), 0) from stories where articles > 1)"
    ).fetchone()
    return StoryReport(articles, stories, grouped, regrouped=regrouped, embedded=embedded)
