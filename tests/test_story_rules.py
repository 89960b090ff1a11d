"""Rules that join articles into one story (issue 15): editions, numbers, provinces, guards."""

from __future__ import annotations

import pytest
from story_corpus import TitleEmbedder, fact, save_article

from index.schema import open_db
from index.stories import group_stories
from index.story_evidence import edition_key, make_lead, number_agreement, outlet, same_provinces

VI = "Phú Yên tăng 9 bậc Chỉ số cải cách hành chính 2023"
EN = "Phu Yen rises 9 places in PAR Index 2023"
VI_TEXT = "Phú Yên đạt 85,41% và xếp thứ 38/63, tăng 9 bậc so với năm 2022."
EN_TEXT = "Phu Yen scored 85.41% and ranked 38th of 63, up 9 places from 2022."


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://vietnam.vn/en/phu-yen-tang-9-bac-par", "https://vietnam.vn/ja/phu-yen-tang-9-bac-par"),
        ("https://vietnam.vn/en/phu-yen-tang-9-bac-par", "https://vietnam.vn/zh-cn/phu-yen-tang-9-bac-par"),
        ("https://thongtin.baobentre.vn/tin/ben-tre-xep-thu-5-p8820.html",
         "https://www.baobentre.vn/tin/ben-tre-xep-thu-5-p8820.html"),
        ("https://en.site.gov.vn/news/a-story-2024-05", "https://site.gov.vn/news/a-story-2024-05"),
        ("https://thongtin.vietnam.vn/ja/quang-nam-tang-diem-par-index",
         "https://www.vietnam.vn/fr/quang-nam-tang-diem-par-index"),
    ],
)  # fmt: skip
def test_editions_of_one_article_share_a_key(a, b):
    assert edition_key(a) is not None
    assert edition_key(a) == edition_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://vietnam.vn/en/phu-yen-tang-9-bac-par", "https://other.vn/en/phu-yen-tang-9-bac-par"),
        ("https://vietnam.vn/en/phu-yen-tang-9-bac-par", "https://vietnam.vn/en/phu-yen-giam-9-bac-par"),
        ("https://quangninh.gov.vn/tin/bai-viet-123.html", "https://phuyen.gov.vn/tin/bai-viet-123.html"),
    ],
)  # fmt: skip
def test_different_articles_have_different_keys(a, b):
    assert edition_key(a) != edition_key(b)


@pytest.mark.parametrize("url", ["https://vietnam.vn/en/", "https://vietnam.vn/en/news/", "file:x"])
def test_pages_without_a_slug_have_no_key(url):
    assert edition_key(url) is None


def test_language_editions_are_one_outlet():
    assert outlet("https://vietnam.vn/en/x") == outlet("https://vietnam.vn/ja/x")
    assert outlet("https://thongtin.baobentre.vn/x") == outlet("https://www.baobentre.vn/x")


def _lead(title: str, text: str, language: str = "en", day: str = "2024-04-16"):
    return make_lead(f"https://x.vn/{title}", language, day, title, text)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (EN_TEXT, VI_TEXT, "figure"),  # 85.41 written 85,41
        ("Ranked 38th of 63 in 2023.", "Xếp thứ 38/63 năm 2023.", "agree"),
        ("On 10/5 the committee met.", "Ngày 10/5, ủy ban họp.", "agree"),  # two numbers
        ("Met on May 10.", "Họp ngày 10/5.", "plain"),  # one shared day number says nothing
        ("Scored 73.02 points.", "Đạt 7,302 điểm.", "figure"),  # a decimal moved: a slip
        ("Scored 73.02 points.", "Đạt 70,36 điểm.", "conflict"),
        ("First in the PCI 2023.", "Đứng đầu PCI 2013.", "conflict"),  # another edition
        ("First in the PCI 2023.", "Đứng đầu PCI năm nay.", "plain"),
        ("A plan for 30 communes.", "Kế hoạch cho 12 xã.", "differ"),
        ("A plan for communes on May 5.", "Kế hoạch cho các xã.", "plain"),
    ],
)
def test_numbers_agree_conflict_or_say_nothing(a, b, expected):
    assert number_agreement(_lead("a", a), _lead("b", b, "vi")) == expected


def test_years_are_not_shared_figures():
    a = _lead("a", "The 2023 index was published in 2024.")
    assert (a.numbers, a.years) == (frozenset(), frozenset({"2023", "2024"}))


def test_a_buddhist_era_year_is_its_gregorian_year():
    assert _lead("a", "ดัชนี PAR ปี 2566", "th").years == frozenset({"2023"})


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Quang Ninh tops PCI", "Quảng Ninh dẫn đầu PCI", True),
        ("Quang Ninh tops PCI, announced in Hanoi", "クアンニン省が首位", True),  # half shared
        ("Quang Ninh tops PCI", "Dong Thap second in PCI", False),
        ("PCI 2023 published", "PCI 2023 công bố", False),  # no province: no similarity rule
    ],
)
def test_leads_must_name_the_same_provinces(a, b, same):
    assert same_provinces(_lead("a", a), _lead("b", b, "vi")) is same


def test_aggregator_editions_are_one_story_without_figures_or_model():
    db = open_db(":memory:")
    save_article(db, "https://vietnam.vn/en/phu-yen-tang-9-bac", "en", "2024-04-17", EN, EN_TEXT)
    save_article(db, "https://vietnam.vn/ko/phu-yen-tang-9-bac", "ko", "2024-04-18",
                 "푸옌성 행정개혁지수 9계단 상승", "푸옌성은 38위를 차지했다.")  # fmt: skip
    report = group_stories(db)
    reasons = {r[0] for r in db.execute("select reason from story_articles")}
    assert (report.stories, report.grouped, reasons) == (1, 2, {"same_edition"})


def _story_pair(db, vi_day="2024-04-16", en_day="2024-04-17"):
    save_article(db, "https://baophuyen.vn/a1.html", "vi", vi_day, VI, VI_TEXT)
    save_article(db, "https://news.example.com/b2.html", "en", en_day, EN, EN_TEXT)


def test_similar_leads_naming_one_province_are_one_story():
    db = open_db(":memory:")
    _story_pair(db)
    group_stories(db, TitleEmbedder({VI: [1, 0.2, 0], EN: [1, 0.25, 0]}))
    reasons = {r[0] for r in db.execute("select reason from story_articles")}
    assert reasons == {"similar_lead"}


def test_similar_leads_published_too_far_apart_stay_apart():
    db = open_db(":memory:")
    _story_pair(db, en_day="2024-04-21")
    report = group_stories(db, TitleEmbedder({VI: [1, 0.2, 0], EN: [1, 0.25, 0]}))
    assert report.stories == 2


def test_a_lead_joins_only_its_best_match_in_a_language():
    """Two English stories on Phu Yen's PAR Index: the Vietnamese one joins the closer."""
    db = open_db(":memory:")
    _story_pair(db)
    other = "Phu Yen home affairs department sets plan to lift PAR Index"
    save_article(db, "https://news.example.com/b3.html", "en", "2024-04-17", other,
                 "Phu Yen aims for the top 30 of the PAR Index.")  # fmt: skip
    group_stories(db, TitleEmbedder({VI: [1, 0.2, 0], EN: [1, 0.25, 0], other: [1, 0.4, 0.1]}))
    story = dict(db.execute("select article_url, story_id from story_articles").fetchall())
    assert story["https://baophuyen.vn/a1.html"] == story["https://news.example.com/b2.html"]
    assert story["https://news.example.com/b3.html"] != story["https://baophuyen.vn/a1.html"]


def test_a_translation_cannot_bridge_two_stories_told_in_one_language():
    """fr (story A) and zh (story B) are each other's only match in their language, but A
    and B each have an English version that were compared and found apart."""
    db = open_db(":memory:")
    titles = {
        "Quang Ninh tops PCI 2023": ([1, 0, 0, 0.1], "en", "Quang Ninh scored 73.02 points."),
        "Quang Ninh en tête du PCI 2023": ([1, 0, 0, 0.12], "fr", "Quang Ninh a 73,02 points."),
        "Quang Ninh reviews its PCI sub-indices": (
            [0.85, 0.5, 0, 0.1], "en", "Quang Ninh reviews its 73.02 points."),
        "广宁省分析PCI分项指数": ([0.9, 0.4, 0, 0.12], "zh", "广宁省分析73.02分的分项指数。"),
    }  # fmt: skip
    for i, (title, (_, language, text)) in enumerate(titles.items()):
        save_article(db, f"https://n{i}.vn/s{i}.html", language, "2024-05-08", title, text)
    group_stories(db, TitleEmbedder({t: v for t, (v, _, _) in titles.items()}))
    story = [r[0] for r in db.execute("select story_id from story_articles order by article_url")]
    assert story[0] == story[1]
    assert story[2] == story[3]
    assert story[0] != story[2]


def _follow_up(db):
    first = "Quảng Ninh đạt 73,02 điểm PCI 2023, dẫn đầu cả nước."
    second = "Quảng Ninh họp phân tích chỉ số thành phần sau khi đạt 73,02 điểm PCI 2023."
    for url, title, text in (
        ("https://a.vn/qn-dan-dau.html", "Quảng Ninh dẫn đầu PCI 2023", first),
        ("https://b.vn/qn-phan-tich.html", "Quảng Ninh phân tích PCI 2023", second),
    ):
        figure = fact(text, text, subject="Quang Ninh", score=73.02)
        save_article(db, url, "vi", "2024-05-08", title, text, facts=[figure])


def test_a_follow_up_quoting_the_score_is_one_story_by_figures_without_a_model():
    db = open_db(":memory:")
    _follow_up(db)
    assert group_stories(db).stories == 1


def test_a_follow_up_quoting_the_score_stays_apart_when_its_lead_says_so():
    db = open_db(":memory:")
    _follow_up(db)
    vectors = {
        "Quảng Ninh dẫn đầu PCI 2023": [1, 0, 0],
        "Quảng Ninh phân tích PCI 2023": [1, 0.6, 0],
    }
    assert group_stories(db, TitleEmbedder(vectors)).stories == 2
