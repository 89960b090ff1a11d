"""``newsintel index`` regroups incrementally (issue 15): new articles join stored stories."""

from __future__ import annotations

from story_corpus import TitleEmbedder, save_article

from index.indexer import index_database
from index.schema import open_db
from index.stories import group_stories

VI = ("https://baophuyen.vn/phu-yen-tang-9-bac.html", "vi", "2024-04-16",
      "Phú Yên tăng 9 bậc Chỉ số cải cách hành chính 2023",
      "Phú Yên đạt 85,41% và xếp thứ 38/63, tăng 9 bậc so với năm 2022.")  # fmt: skip
EN = ("https://news.example.com/phu-yen-rises.html", "en", "2024-04-17",
      "Phu Yen rises 9 places in PAR Index 2023",
      "Phu Yen scored 85.41% and ranked 38th of 63, up 9 places from 2022.")  # fmt: skip
AR = ("https://ar.example.com/phu-yen.html", "ar", "2024-04-18",
      "فو ين تتقدم 9 مراكز في مؤشر إصلاح الإدارة العامة 2023",
      "حصلت فو ين على 85.41% واحتلت المرتبة 38 من بين 63.")  # fmt: skip
OLD = ("https://baophuyen.vn/phu-yen-2022.html", "vi", "2023-05-20",
       "Phú Yên công bố kết quả Chỉ số PAR 2022",
       "Phú Yên đạt 80,12% Chỉ số cải cách hành chính năm 2022.")  # fmt: skip
VECTORS = {VI[3]: [1, 0.2, 0], EN[3]: [1, 0.25, 0], AR[3]: [1, 0.22, 0.02], OLD[3]: [0, 1, 0]}


def _stories(db) -> dict[str, int]:
    return dict(db.execute("select article_url, story_id from story_articles").fetchall())


def _db_with(*articles):
    db = open_db(":memory:")
    for article in articles:
        save_article(db, *article)
    return db


def test_a_new_translation_joins_the_stored_story_under_its_id():
    db = _db_with(OLD, VI, EN)
    embedder = TitleEmbedder(VECTORS)
    group_stories(db, embedder)
    before = _stories(db)
    save_article(db, *AR)
    group_stories(db, embedder)
    after = _stories(db)
    assert after[AR[0]] == before[VI[0]] == after[VI[0]]
    assert db.execute("select articles from stories where id = ?", [after[AR[0]]]).fetchone() == (
        3,
    )


def test_a_run_embeds_and_regroups_only_the_neighbourhood_of_new_articles():
    db = _db_with(OLD, VI, EN)
    embedder = TitleEmbedder(VECTORS)
    group_stories(db, embedder)
    save_article(db, *AR)
    report = group_stories(db, embedder)
    assert (embedder.embedded, report.embedded) == (4, 1)
    assert report.regrouped == 3  # the new article and the story of its week, not OLD


def test_an_unchanged_database_is_not_regrouped():
    db = _db_with(OLD, VI, EN)
    embedder = TitleEmbedder(VECTORS)
    group_stories(db, embedder)
    report = group_stories(db, embedder)
    assert (report.regrouped, report.embedded, report.stories) == (0, 0, 2)


def test_an_article_that_links_two_stories_joins_them_under_the_older_id():
    db = _db_with(VI, EN)
    group_stories(db)  # no model: two stories, no shared figure or URL
    first = _stories(db)
    assert first[VI[0]] != first[EN[0]]
    # an edition of EN on the same site (/en/ prefix) that names VI as its original
    edition = "https://news.example.com/en/phu-yen-rises.html"
    save_article(db, edition, "en", EN[2], EN[3], EN[4], original_url=VI[0])
    report = group_stories(db)
    stories = _stories(db)
    assert stories[VI[0]] == stories[EN[0]] == stories[edition] == min(first.values())
    assert report.stories == 1


def test_articles_indexed_without_a_model_are_compared_once_one_is_given():
    db = _db_with(VI, EN)
    assert group_stories(db).stories == 2
    report = group_stories(db, TitleEmbedder(VECTORS))
    assert (report.stories, report.embedded) == (1, 2)


def test_a_changed_lead_is_grouped_again():
    db = _db_with(VI, EN)
    embedder = TitleEmbedder(VECTORS)
    group_stories(db, embedder)
    db.execute("update articles set title = ? where url = ?", [OLD[3], EN[0]])
    report = group_stories(db, embedder)
    assert report.stories == 2


def test_newsintel_index_reports_stories_and_groups_with_its_model(tmp_path):
    db = _db_with(OLD, VI, EN)
    report = index_database(db, ":memory:", TitleEmbedder(VECTORS))
    assert (report.articles, report.stories) == (3, 2)


def test_max_embed_leaves_leads_for_the_next_run_which_groups_them():
    db = _db_with(VI, EN)
    embedder = TitleEmbedder(VECTORS)
    first = group_stories(db, embedder, embed_limit=1)
    assert (first.embedded, first.stories) == (1, 2)
    second = group_stories(db, embedder)
    assert (second.embedded, second.stories) == (1, 1)


def test_a_new_article_does_not_split_a_story_longer_than_the_window():
    """VI and a late republication (by original URL) 20 days later; a new article near the
    end regroups the story, whose first article is outside the new article's window."""
    late = ("https://late.example.com/phu-yen.html", "vi", "2024-05-06", "Phú Yên", "Bài đăng lại.")
    db = _db_with(VI, EN)
    save_article(db, *late, original_url=VI[0])
    embedder = TitleEmbedder(VECTORS)
    group_stories(db, embedder)
    assert group_stories(db, embedder).stories == 1
    save_article(db, "https://other.example.com/x.html", "en", "2024-05-07", OLD[3], OLD[4])
    report = group_stories(db, embedder)
    stories = _stories(db)
    assert stories[VI[0]] == stories[EN[0]] == stories[late[0]]
    assert report.stories == 2


def test_upgrade_reads_the_years_of_stored_leads_and_keeps_their_vectors(tmp_path):
    from index.schema import migrations

    db = open_db(tmp_path / "old.db", migrate=False)
    migrations.apply(db, stop_before="m112_story_lead_years")
    save_article(db, *VI)
    db["story_leads"].insert({"article_url": VI[0], "lead_hash": "x", "model": "m", "vector": b"1"})
    migrations.apply(db)
    row = db.execute("select years, vector from story_leads").fetchone()
    assert row == ('["2022", "2023"]', b"1")
