"""Figures that disagree inside one story, and counts by story, outlet and language (issue 15).

A planted translation slip: the Japanese edition of one aggregator story moves the decimal
point of Quang Ninh's PCI score (7.302 for 73.02), and the Korean edition of another loses
the direction of a rank change (down 9 for up 9). Each is a row of ``discrepancies`` with
both evidences, not a second figure of the province.
"""

from __future__ import annotations

import pytest
from datasette.app import Datasette
from story_corpus import fact, save_article

from index.indexer import refresh_snapshots
from index.publish import metadata_for
from index.schema import open_db
from index.stories import group_stories

SLUG = "https://vietnam.example.vn/{}/quang-ninh-dan-dau-pci-2023"
EDITIONS = {
    "vi": "Quảng Ninh đạt 73,02 điểm PCI 2023 và đứng thứ 1.",
    "en": "Quang Ninh scored 73.02 points in PCI 2023 and ranked 1st.",
    "ja": "クアンニン省は2023年PCIで7.302点を獲得し1位となった。",
}
PHU_YEN = "https://vietnam.example.vn/{}/phu-yen-tang-9-bac-par-2023"
RANK_CHANGES = {
    "en": ("Phu Yen ranked 38th in the PAR Index 2023, up 9 places.", 9),
    "ko": ("푸옌성은 2023년 행정개혁지수 38위로 9계단 하락했다.", -9),
}


def _build(path):
    db = open_db(path)
    for language, text in EDITIONS.items():
        score = 7.302 if language == "ja" else 73.02
        figure = fact(text, text, subject="Quang Ninh", score=score, rank=1)
        save_article(db, SLUG.format(language), language, "2024-05-08", text[:30], text,
                     facts=[figure])  # fmt: skip
    other = "Tỉnh Quảng Ninh được 72,5 điểm PCI 2023 theo một bài khác."
    save_article(db, "https://baokhac.vn/qn-pci.html", "vi", "2024-06-30", "Khác", other,
                 facts=[fact(other, other, subject="Quang Ninh", score=72.5)])  # fmt: skip
    for language, (text, change) in RANK_CHANGES.items():
        figure = fact(text, text, subject="Phu Yen", index="PAR_INDEX", rank=38, rank_change=change)
        save_article(db, PHU_YEN.format(language), language, "2024-04-17", text[:20], text,
                     facts=[figure])  # fmt: skip
    group_stories(db)
    refresh_snapshots(db)
    return db


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    path = tmp_path_factory.mktemp("stories") / "stories.db"
    _build(path).close()
    return path


@pytest.fixture
def db(path):
    db = open_db(path)
    yield db
    db.close()


def _story(db, url):
    return db.execute(
        "select story_id from story_articles where article_url = ?", [url]
    ).fetchone()[0]


def test_a_moved_decimal_inside_a_story_is_a_discrepancy_with_both_evidences(db):
    rows = list(
        db.query("select * from discrepancies where province = 'Quang Ninh' and within_story")
    )
    assert len(rows) == 1
    (row,) = rows
    assert {row["score_a"], row["score_b"]} == {73.02, 7.302}
    assert {row["evidence_a"], row["evidence_b"]} >= {EDITIONS["ja"]}
    assert row["story_a"] == row["story_b"] == _story(db, SLUG.format("ja"))


def test_a_lost_rank_direction_inside_a_story_is_a_discrepancy(db):
    (row,) = db.query("select * from discrepancies where province = 'Phu Yen'")
    assert (row["within_story"], {row["rank_change_a"], row["rank_change_b"]}) == (1, {9, -9})
    assert {row["language_a"], row["language_b"]} == {"en", "ko"}


def test_stories_that_disagree_are_still_listed_between_stories(db):
    rows = list(
        db.query("select * from discrepancies where province = 'Quang Ninh' and not within_story")
    )
    assert {r["score_b"] for r in rows} | {r["score_a"] for r in rows} >= {72.5, 73.02}


def test_the_slip_does_not_become_the_provinces_figure(db):
    (row,) = db.query(
        "select * from province_index_timeline where province = 'Quang Ninh' and index_name = 'PCI'"
    )
    assert row["score"] == 73.02  # two of the story's three editions say so
    assert row["has_discrepancy"] == 1
    assert row["story_id"] == _story(db, SLUG.format("vi"))


def test_timeline_counts_stories_articles_outlets_and_languages_apart(db):
    (row,) = db.query(
        "select stories, articles, outlets, sources, languages from province_index_timeline "
        "where province = 'Quang Ninh' and index_name = 'PCI'"
    )
    # three editions on one site (one outlet, one story) and another outlet's own story
    assert (row["stories"], row["articles"], row["outlets"], row["languages"]) == (2, 4, 2, 3)


@pytest.mark.asyncio
async def test_province_page_shows_the_counts_and_the_story_of_each_figure(db, path):
    story = _story(db, SLUG.format("vi"))
    datasette = Datasette([str(path)], metadata=metadata_for("newsintel", model="fake"))
    response = await datasette.client.get(
        "/-/newsintel/provinces", params={"index": "PCI", "province": "Quang Ninh"}
    )
    assert response.status_code == 200
    assert "<th>Stories</th>" in response.text
    assert "<th>Outlets</th>" in response.text
    assert f"story_articles?story_id={story}" in response.text
    assert "discrepancies?province=Quang%20Ninh" in response.text
