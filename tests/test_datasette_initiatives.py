"""Initiatives as researchers see them: one row per programme and province, the catalogue page.

Issue 10, item 5: "Project 06" reported in Vietnamese, English and Arabic is one programme.
The articles (tests/fixtures/index/programmes.json) were written for these tests.
"""

import json
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from datasette.app import Datasette

from extract.api import extract_document
from extract.initiatives import find_initiatives
from extract.models import Document, Entity, Evidence, Extraction, Initiative
from index.indexer import refresh_snapshots
from index.initiative_views import name_key, written_name
from index.publish import metadata_for
from index.schema import migrations, open_db
from index.store import save_extraction

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "index" / "programmes.json"


def _extraction(item: dict) -> Extraction:
    document = Document(
        url=item["url"], body=item["text"], content_type="text/plain", language=item["language"]
    )
    return replace(extract_document(document), published=date.fromisoformat(item["published"]))


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("programmes") / "newsintel.db"
    db = open_db(path)
    for item in json.loads(ARTICLES.read_text(encoding="utf-8")):
        save_extraction(db, _extraction(item), source=item["source"])
    refresh_snapshots(db)
    db.close()
    return path


@pytest.fixture
def datasette(db_path):
    return Datasette([str(db_path)], metadata=metadata_for("newsintel", model="fake"))


def _view_rows(db_path, province):
    db = open_db(db_path)
    try:
        return list(db.query("select * from province_initiatives where province = ?", [province]))
    finally:
        db.close()


def test_view_has_project_06_once_with_three_languages(db_path):
    rows = [r for r in _view_rows(db_path, "Bac Ninh") if r["catalogue_id"] == "project-06"]
    assert [(r["initiative"], r["languages"], r["articles"]) for r in rows] == [
        ("Project 06", "ar,en,vi", 3)
    ]


def test_view_keeps_the_names_as_written_and_the_first_and_last_report(db_path):
    (row,) = [r for r in _view_rows(db_path, "Bac Ninh") if r["catalogue_id"] == "project-06"]
    assert set(json.loads(row["names_as_written"])) == {"Project 06", "Đề án 06", "المشروع 06"}
    assert (row["first_reported"], row["last_reported"]) == ("2024-03-02", "2024-09-30")
    assert row["evidence_url"] == "https://baotinh.example.vn/bac-ninh-de-an-06"


def test_view_adds_up_the_mentions_of_each_article(db_path, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(db_path, copy)
    db = open_db(copy)
    if "mentions" not in db["initiatives"].columns_dict:
        pytest.skip("initiatives.mentions (m101) is not in this schema")
    db.execute("update initiatives set mentions = 4 where article_url like '%baotinh%'")
    db.conn.commit()
    refresh_snapshots(db)
    db.close()
    rows = [r for r in _view_rows(copy, "Bac Ninh") if r["catalogue_id"] == "project-06"]
    assert [r["mentions"] for r in rows] == [6]


@pytest.mark.asyncio
async def test_province_page_shows_project_06_as_one_row_in_three_languages(datasette):
    response = await datasette.client.get("/-/newsintel/provinces", params={"province": "Bac Ninh"})
    html = response.text
    table = html[html.index('id="newsintel-initiatives"') :]
    rows = [row for row in table.split("<tr>")[2:] if "Project 06" in row]
    assert len(rows) == 1
    assert '<td class="newsintel-languages"><bdi>ar, en, vi</bdi></td>' in rows[0]
    assert "<bdi>Đề án 06</bdi>" in rows[0]


@pytest.mark.asyncio
async def test_province_json_lists_languages_and_names_as_written(datasette):
    data = (
        await datasette.client.get("/-/newsintel/provinces.json", params={"province": "Bac Ninh"})
    ).json()
    rows = [r for r in data["initiatives"] if r["catalogue_id"] == "project-06"]
    assert [(r["languages"], r["articles"]) for r in rows] == [(["ar", "en", "vi"], 3)]
    assert rows[0]["evidence_page"].startswith("/-/newsintel/article?url=https%3A%2F%2F")


@pytest.mark.asyncio
async def test_initiatives_page_lists_each_entry_with_its_provinces(datasette):
    response = await datasette.client.get("/-/newsintel/initiatives")
    assert response.status_code == 200
    entry = response.text[response.text.index('id="project-06"') :]
    entry = entry[: entry.index("</section>")]
    assert "Bac Ninh" in entry
    assert "Lao Cai" in entry
    assert "2024-03-02" in entry
    assert "/-/newsintel/article?url=https%3A%2F%2Fbaotinh.example.vn" in entry


@pytest.mark.asyncio
async def test_initiatives_page_escapes_crawled_evidence(datasette):
    html = (await datasette.client.get("/-/newsintel/initiatives")).text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;evidence&#39;)" in html


@pytest.mark.asyncio
async def test_initiatives_json_gives_the_catalogue_and_reports(datasette):
    data = (await datasette.client.get("/-/newsintel/initiatives.json")).json()
    entries = {e["id"]: e for e in data["entries"]}
    assert len(entries) >= 40
    project = entries["project-06"]
    assert (project["name"], project["category"]) == ("Project 06", "e_government")
    assert project["description"]
    assert [(r["province"], r["languages"]) for r in project["reports"]] == [
        ("Bac Ninh", ["ar", "en", "vi"]),
        ("Lao Cai", ["en"]),
    ]
    assert data["reported"] == 1
    assert data["entries"][0]["id"] == "project-06"  # reported entries come first


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("params", "ids"),
    [({"id": "project-06"}, ["project-06"]), ({"id": "<script>"}, [])],
)
async def test_initiatives_json_filters_by_id(datasette, params, ids):
    data = (await datasette.client.get("/-/newsintel/initiatives.json", params=params)).json()
    assert [e["id"] for e in data["entries"]] == ids


@pytest.mark.asyncio
async def test_initiatives_page_filters_by_category(datasette):
    html = (
        await datasette.client.get("/-/newsintel/initiatives", params={"category": "e_government"})
    ).text
    assert 'id="project-06"' in html
    assert 'id="vneid"' not in html  # online_public_services
    assert "<option selected>e_government</option>" in html


@pytest.mark.asyncio
async def test_province_initiatives_table_facets_on_category_and_catalogue_id(datasette):
    data = (
        await datasette.client.get("/newsintel/province_initiatives.json?_extra=facet_results")
    ).json()
    facets = data["facet_results"]
    assert {"province", "category", "catalogue_id"} <= set(facets)
    assert {v["value"] for v in facets["catalogue_id"]["results"]} == {"project-06"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("“Ngày thứ Bảy vì dân”", "ngày thứ bảy   vì dân"),
        ('the "Friendly Saturday"', "The Friendly Saturday"),
    ],
)
def test_name_key_ignores_case_marks_quotes_and_spacing(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("evidence", "language", "written"),
    [
        ("Năm 2024, Lào Cai triển khai Đề án 06 tại tất cả các xã.", "vi", "Đề án 06"),
        ("كثفت مقاطعة باك نينه تنفيذ المشروع 06", "ar", "المشروع 06"),
        ("河内推进06号提案", "zh", "06号提案"),
    ],
)
def test_written_name_is_the_alias_as_the_article_writes_it(evidence, language, written):
    assert written_name(evidence, language, "project-06") == written


def _named(url: str, language: str, name: str, category: str) -> Extraction:
    text = f"Quang Tri runs the {name} model for residents."
    return Extraction(
        url=url,
        language=language,
        text=text,
        published=date(2024, 1, 1),
        entities=(Entity("Quang Tri", "PROVINCE", "Quang Tri", 0, 9),),
        initiatives=(Initiative(name, category, Evidence(text, 0, len(text))),),
    )


def test_discovered_initiative_is_grouped_by_its_folded_name(tmp_path):
    db = open_db(tmp_path / "named.db")
    for n, (name, category) in enumerate(
        [
            ('"Friendly Saturday"', "other"),
            ("friendly saturday", "other"),
            ("Friendly Saturday", "e_government"),
        ]
    ):
        save_extraction(db, _named(f"https://x.example/{n}", "en", name, category))
    refresh_snapshots(db)
    rows = list(db.query("select * from province_initiatives where province = 'Quang Tri'"))
    assert [(r["catalogue_id"], r["articles"], r["category"]) for r in rows] == [(None, 3, "other")]


def test_upgrade_fills_names_and_groups_stored_initiatives(tmp_path):
    db = open_db(tmp_path / "old.db", migrate=False)
    migrations.apply(db, stop_before="m105_initiatives_by_programme")
    for n, (language, evidence) in enumerate(
        [("vi", "Bắc Ninh đẩy mạnh Đề án 06."), ("en", "Bac Ninh stepped up Project 06.")]
    ):
        url = f"https://old.example/{n}"
        db["articles"].insert(
            {"url": url, "language": language, "published": "2024-01-0" + str(n + 1)}
        )
        db["entities"].insert({"article_url": url, "label": "PROVINCE", "canonical": "Bac Ninh"})
        db["initiatives"].insert(
            {"article_url": url, "name": "Project 06", "category": "e_government",
             "evidence": evidence, "catalogue_id": "project-06", "language": language}
        )  # fmt: skip
    migrations.apply(db)
    assert [r["name_as_written"] for r in db.query("select * from initiatives order by id")] == [
        "Đề án 06",
        "Project 06",
    ]
    rows = list(db.query("select initiative, languages, articles from province_initiatives"))
    assert rows == [{"initiative": "Project 06", "languages": "en,vi", "articles": 2}]


@pytest.mark.asyncio
async def test_article_page_shows_the_name_as_written_beside_the_english_name(datasette):
    response = await datasette.client.get(
        "/-/newsintel/article", params={"url": "https://akhbar.example.com/bac-ninh-project-06"}
    )
    assert "<bdi>Project 06</bdi> <small" in response.text
    assert "(as written: <bdi>المشروع 06</bdi>)" in response.text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Tỉnh tiếp tục triển khai Đề án 06 tại tất cả các xã.", "vi"),
        ("The province pressed on with Project 06 in every commune.", "en"),
        ("واصلت المقاطعة تنفيذ المشروع 06 في جميع البلديات.", "ar"),
    ],
)
def test_the_extractor_keeps_the_name_the_index_would_find_again(text, language):
    initiatives = [i for i in find_initiatives(text, language) if i.catalogue_id == "project-06"]
    assert initiatives, text
    found = initiatives[0]
    assert found.name_as_written == written_name(found.evidence.sentence, language, "project-06")
