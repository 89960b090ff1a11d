"""Links between articles of one story: by URL, by figures, by similar leads.

``index.stories`` stores the stories; this module decides which articles belong together.
Links are accepted strongest first: a shared original URL or edition key, then similar leads,
most similar first, then the same extracted figures. A similar pair or a pair with the same
figures joins two groups only when no two of their articles in one language were compared and
found apart, so a translation that exists in one story's languages only, or a follow-up that
quotes a story's figures, cannot pull two stories together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np
from sqlite_utils import Database

from index.story_evidence import (
    DEFAULT_THRESHOLDS,
    SIMILARITY_WINDOW_DAYS,
    Lead,
    Thresholds,
    comparable,
    similar_enough,
)

__all__ = ["Link", "clusters", "link_leads", "load_figures", "url_links"]

WINDOW_DAYS = 7  # the same figures within a week
MIN_SHARED_FIGURES = 2

Link = tuple[str, str, str]  # (url, url, reason)


class UnionFind:
    """Disjoint sets of hashable items, each set named by one of its items."""

    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, item: object) -> object:
        """The name of ``item``'s set (``item`` joins as a set of its own when new)."""
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: object, b: object) -> None:
        """Join the sets of ``a`` and ``b``, named by the smaller name."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b, key=str)] = min(root_a, root_b, key=str)


def _number(value: object) -> str | None:
    """Format a figure for comparison; None for anything that is not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return f"{value:g}"


def load_figures(db: Database) -> dict[str, frozenset[str]]:
    """Each article's extracted figures (index scores and ranks, percentages) as keys."""
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


def _same_figures(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = a & b
    smaller = min(len(a), len(b))
    return (
        bool(shared)
        and len(shared) >= min(MIN_SHARED_FIGURES, smaller)
        and len(shared) * 2 >= smaller
    )


def url_links(
    url_keys: dict[str, set[str]], editions: dict[str, set[str]], pending: set[str]
) -> Iterable[Link]:
    """Links by original URL and by edition key that involve a pending article.

    Args:
        url_keys: article URL -> its URL and original URL.
        editions: article URL -> its edition key (``index.story_evidence.edition_key``).
        pending: the articles being grouped.
    """
    for reason, keys in (("original_url", url_keys), ("same_edition", editions)):
        holders: dict[str, list[str]] = defaultdict(list)
        for url, key_set in keys.items():
            for key in key_set:
                holders[key].append(url)
        for urls in holders.values():
            if len(urls) > 1 and pending.intersection(urls):
                first = min(urls)
                yield from ((first, other, reason) for other in urls if other != first)


class _Neighbourhood:
    """Leads by day and by province, the similarity of two leads, best matches per language."""

    def __init__(self, leads: dict[str, Lead], vectors: dict[str, np.ndarray]) -> None:
        self.leads, self.vectors = leads, vectors
        self.dated = _by_day(leads.items())
        self.provinces = {
            province: _by_day((url, leads[url]) for url in urls)
            for province, urls in _by_province(leads).items()
        }
        self._best: dict[tuple[str, str], str | None] = {}

    def around(self, url: str, days: int) -> list[str]:
        """The other dated leads within ``days`` of ``url``'s."""
        return _within(self.dated, self.leads[url].day, days, url)

    def candidates(self, url: str) -> list[str]:
        """Embedded leads within the similarity window that share a province with ``url``."""
        lead = self.leads[url]
        found = {
            other
            for province in lead.provinces
            for other in _within(self.provinces[province], lead.day, SIMILARITY_WINDOW_DAYS, url)
        }
        return sorted(other for other in found if other in self.vectors)

    def similarity(self, a: str, b: str) -> float | None:
        """Cosine similarity of two embedded leads (None when one has no vector)."""
        if a not in self.vectors or b not in self.vectors:
            return None
        return float(self.vectors[a] @ self.vectors[b])

    def best(self, url: str, language: str) -> str | None:
        """The comparable lead in ``language`` most similar to ``url``'s."""
        key = (url, language)
        if key not in self._best:
            lead = self.leads[url]
            scored = [
                (similarity, other)
                for other in self.candidates(url)
                if self.leads[other].language == language
                and comparable(lead, self.leads[other])
                and (similarity := self.similarity(url, other)) is not None
            ]
            self._best[key] = max(scored)[1] if scored else None
        return self._best[key]

    def mutual(self, a: str, b: str) -> bool:
        """True when each lead is the other's best match in the other's language."""
        return (
            self.best(a, self.leads[b].language) == b and self.best(b, self.leads[a].language) == a
        )


Dated = tuple[np.ndarray, list[str]]  # days in order, and the URL of each


def _by_day(items: Iterable[tuple[str, Lead]]) -> Dated:
    pairs = sorted((lead.day, url) for url, lead in items if lead.day is not None)
    return np.array([day for day, _ in pairs], dtype=np.int64), [url for _, url in pairs]


def _by_province(leads: dict[str, Lead]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for url, lead in leads.items():
        for province in lead.provinces:
            found[province].append(url)
    return found


def _within(dated: Dated, day: int | None, days: int, url: str) -> list[str]:
    """The URLs of ``dated`` within ``days`` of ``day``, except ``url``."""
    if day is None:
        return []
    order, urls = dated
    lo = int(np.searchsorted(order, day - days, side="left"))
    hi = int(np.searchsorted(order, day + days, side="right"))
    return [other for other in urls[lo:hi] if other != url]


class _Groups:
    """Articles joined so far, with the members of each group."""

    def __init__(self, stored: dict[str, int]) -> None:
        self.sets = UnionFind()
        self.members: dict[object, list[str]] = {}
        by_story: dict[int, list[str]] = defaultdict(list)
        for url, story in stored.items():
            by_story[story].append(url)
        for urls in by_story.values():
            for url in urls[1:]:
                self.sets.union(urls[0], url)
            self.members[self.sets.find(urls[0])] = urls

    def root(self, url: str) -> object:
        """The name of ``url``'s group."""
        return self.sets.find(url)

    def group(self, url: str) -> list[str]:
        """The members of ``url``'s group."""
        return self.members.get(self.sets.find(url), [url])

    def join(self, a: str, b: str) -> None:
        """Join the groups of ``a`` and ``b``."""
        root_a, root_b = self.sets.find(a), self.sets.find(b)
        if root_a != root_b:
            joined = self.members.pop(root_a, [a]) + self.members.pop(root_b, [b])
            self.sets.union(root_a, root_b)
            self.members[self.sets.find(a)] = joined


def _found_apart(near: _Neighbourhood, a: str, b: str, thresholds: Thresholds) -> bool:
    """True when two comparable leads of one language were compared and not joined."""
    lead_a, lead_b = near.leads[a], near.leads[b]
    if lead_a.language != lead_b.language or not comparable(lead_a, lead_b):
        return False
    similarity = near.similarity(a, b)
    if similarity is None:
        return False
    return not (similar_enough(lead_a, lead_b, similarity, thresholds) and near.mutual(a, b))


def link_leads(
    leads: dict[str, Lead],
    vectors: dict[str, np.ndarray],
    pending: Iterable[str],
    *,
    url_keys: dict[str, set[str]] | None = None,
    editions: dict[str, set[str]] | None = None,
    figures: dict[str, frozenset[str]] | None = None,
    stored: dict[str, int] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> list[Link]:
    """Return the accepted links (url, url, reason) of each pending article.

    Only pairs with a pending article are compared, so a run's cost follows what is new.
    URL links join first. Similar leads join only when each is the other's most similar lead
    in its language (of two stories told in the same languages each translation finds its
    own), most similar first; then articles with the same figures. Neither joins two groups
    holding two articles of one language that were compared and found apart (a follow-up
    that quotes a story's score is not that story).

    Args:
        leads: every lead that may be compared.
        vectors: lead vectors (leads without one are left out of the similarity rule).
        pending: the articles to place.
        url_keys: article URL -> its URL and original URL.
        editions: article URL -> its edition key.
        figures: article URL -> its extracted figures (``load_figures``).
        stored: article URL -> story id of articles already grouped.
        thresholds: the similarity thresholds.
    """
    figures = figures or {}
    pending = set(pending)
    near = _Neighbourhood(leads, vectors)
    groups = _Groups(stored or {})
    links = [*url_links(url_keys or {}, editions or {}, pending)]
    for a, b, _ in links:
        groups.join(a, b)
    similar: list[tuple[float, str, str]] = []
    same_figures: list[tuple[float, str, str]] = []
    for url in sorted(pending & leads.keys()):
        for other in near.around(url, WINDOW_DAYS) if url in figures else ():
            if (other not in pending or other > url) and _same_figures(
                figures[url], figures.get(other, frozenset())
            ):
                same_figures.append((0.0, url, other))
        for other in near.candidates(url) if url in vectors else ():
            if other in pending and other < url:
                continue  # each pending pair once
            similarity = float(vectors[url] @ vectors[other])
            if similar_enough(leads[url], leads[other], similarity, thresholds) and near.mutual(
                url, other
            ):
                similar.append((similarity, url, other))
    for reason, pairs in (
        ("similar_lead", sorted(similar, reverse=True)),
        ("same_figures", same_figures),
    ):
        for _, a, b in pairs:
            if groups.root(a) != groups.root(b) and not _apart(groups, near, a, b, thresholds):
                groups.join(a, b)
                links.append((a, b, reason))
    return links


def _apart(groups: _Groups, near: _Neighbourhood, a: str, b: str, thresholds: Thresholds) -> bool:
    """True when the groups of ``a`` and ``b`` hold two articles of one language found apart."""
    group_b = groups.group(b)
    return any(_found_apart(near, x, y, thresholds) for x in groups.group(a) for y in group_b)


def clusters(urls: Iterable[str], links: Iterable[Link]) -> dict[str, str]:
    """Return each URL's story (the smallest URL of its story) from pairwise links."""
    sets = UnionFind()
    for url in urls:
        sets.find(url)
    for a, b, _ in links:
        sets.union(a, b)
    return {str(item): str(sets.find(item)) for item in list(sets.parent)}
