"""Group translations and republications of one story over stored extractions.

Two articles belong to one story when they share an original URL (or one is the other's
original), or when they were published within a few days of each other and report the same
figures about the same places. Extraction stays per document; this runs in ``newsintel index``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

__all__ = ["StoryReport", "group_stories"]

WINDOW_DAYS = 7
MIN_SHARED_FIGURES = 2


@dataclass(frozen=True, slots=True)
class StoryReport:
    """How many stories were formed from how many articles."""

    articles: int
    stories: int
    grouped: int  # articles in a story of two or more


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {item: item for item in items}
        self.reason: dict[str, str] = {}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str, reason: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)
            self.reason.setdefault(a, reason)
            self.reason.setdefault(b, reason)


def _number(value: object) -> str | None:
    """Format a figure for comparison; None for anything that is not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return f"{value:g}"


def _figures(db: Database) -> dict[str, frozenset[str]]:
    figures: dict[str, set[str]] = defaultdict(set)
    for row in db.query(
        "select article_url, index_name, subject, year, score, rank from index_facts"
    ):
        for kind in ("score", "rank"):
            if (value := _number(row[kind])) is not None:
                figures[row["article_url"]].add(
                    f"{row['index_name']}|{row['subject']}|{row['year']}|{kind}|{value}"
                )
    for row in db.query("select article_url, value, subject from percentages"):
        if (value := _number(row["value"])) is not None:
            figures[row["article_url"]].add(f"pct|{row['subject']}|{value}")
    return {url: frozenset(items) for url, items in figures.items()}


def _day(value: str | None) -> int | None:
    try:
        return date.fromisoformat((value or "")[:10]).toordinal()
    except ValueError:
        return None


def _link_by_url(articles: list[dict[str, str]], groups: _UnionFind) -> None:
    by_key: dict[str, str] = {}
    for article in articles:
        for key in (article["url"], article["original_url"]):
            if not key:
                continue
            if key in by_key:
                groups.union(article["url"], by_key[key], "original_url")
            else:
                by_key[key] = article["url"]


def _link_by_figures(articles: list[dict[str, str]], groups: _UnionFind, db: Database) -> None:
    figures = _figures(db)
    dated = sorted(
        ((_day(a["published"]), a["url"]) for a in articles if figures.get(a["url"])),
        key=lambda pair: (pair[0] is None, pair[0] or 0),
    )
    for i, (day, url) in enumerate(dated):
        if day is None:
            break
        for other_day, other in dated[i + 1 :]:
            if other_day is None or other_day - day > WINDOW_DAYS:
                break
            shared = figures[url] & figures[other]
            smaller = min(len(figures[url]), len(figures[other]))
            if len(shared) >= min(MIN_SHARED_FIGURES, smaller) and len(shared) * 2 >= smaller:
                groups.union(url, other, "same_figures")


def group_stories(db: Database) -> StoryReport:
    """Recompute ``stories`` and ``story_articles`` from all stored articles."""
    articles = list(db.query("select url, original_url, published, title, language from articles"))
    groups = _UnionFind(a["url"] for a in articles)
    _link_by_url(articles, groups)
    _link_by_figures(articles, groups, db)
    members: dict[str, list[dict[str, str]]] = defaultdict(list)
    for article in articles:
        members[groups.find(article["url"])].append(article)
    with db.conn:
        db.execute("delete from story_articles")
        db.execute("delete from stories")
        for story_id, (key, items) in enumerate(sorted(members.items()), start=1):
            items.sort(key=lambda a: (a["published"] or "9999", a["url"]))
            db.table("stories").insert(
                {
                    "id": story_id,
                    "story_key": key,
                    "title": items[0]["title"],
                    "first_published": items[0]["published"],
                    "articles": len(items),
                    "languages": json.dumps(sorted({a["language"] or "" for a in items})),
                }
            )
            db.table("story_articles").insert_all(
                {
                    "article_url": a["url"],
                    "story_id": story_id,
                    "reason": groups.reason.get(a["url"], "single"),
                }
                for a in items
            )
    grouped = sum(len(items) for items in members.values() if len(items) > 1)
    return StoryReport(articles=len(articles), stories=len(members), grouped=grouped)
