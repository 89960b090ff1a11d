"""The plugin over a hostile database: escaped, bounded, isolated, quiet errors, CSP, and a
served model that is configuration (issue 17, points 1 and 4-6)."""

import html
import logging
import re
from urllib.parse import urlencode

import pytest
from datasette.app import Datasette
from hostile_db import BIG_SOURCE, HOSTILE_URL, LONG_TITLE, MARKERS, SCRIPT, build_hostile_db

from index.datasette_plugin import served_model, views
from index.embeddings import EmbedderError, get_embedder
from index.publish import metadata_for

PROVINCES = "/-/newsintel/provinces?" + urlencode(
    [
        ("index", "PAR_INDEX"),
        ("province", "Quang Ninh"),
        ("province", f"\u202e{SCRIPT}" + "P" * 5000),
    ]
)
PAGES = [
    "/-/search?q=Quang+Ninh+hostile+report",
    "/-/search?q=Quang+Ninh&mode=fts",
    PROVINCES,
    PROVINCES + "&metric=rank",
    "/-/newsintel/initiatives",
    "/-/newsintel/initiatives?id=project-06",
    "/-/newsintel/article?" + urlencode({"url": HOSTILE_URL}),
]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "newsintel.db"
    build_hostile_db(path)
    return path


@pytest.fixture(autouse=True)
def fresh_models(monkeypatch):
    monkeypatch.setattr(served_model, "_LOADED", {})


def datasette_for(db_path, model="fake"):
    return Datasette([str(db_path)], metadata=metadata_for("newsintel", model=model))


@pytest.fixture
def datasette(db_path):
    return datasette_for(db_path)


@pytest.mark.asyncio
@pytest.mark.parametrize("path", PAGES)
async def test_hostile_values_of_every_type_render_escaped(datasette, path):
    response = await datasette.client.get(path)
    assert response.status_code == 200, response.text[-2000:]
    for marker in MARKERS:
        assert marker not in response.text


@pytest.mark.asyncio
@pytest.mark.parametrize("path", PAGES[:-1])
async def test_pages_stay_small_whatever_the_names(datasette, path):
    response = await datasette.client.get(path)
    assert len(response.content) < 150_000  # a 1 MB source name and a 200k-character title


@pytest.mark.asyncio
async def test_the_article_page_shows_its_full_title_once_and_nothing_else_unbounded(datasette):
    response = await datasette.client.get(PAGES[-1])
    assert len(response.content) < 150_000 + len(LONG_TITLE)
    assert len(re.findall("T{1000,}", response.text)) == 1


@pytest.mark.asyncio
async def test_long_title_is_cut_with_its_start_in_a_tooltip_and_isolated(datasette):
    text = (await datasette.client.get(PAGES[0])).text
    tag = re.search(r'<bdi title="([^"]*)">([^<]*)</bdi>', text)
    assert tag is not None
    assert len(html.unescape(tag.group(2))) == 120
    assert len(html.unescape(tag.group(1))) == 1000


@pytest.mark.asyncio
async def test_same_story_links_are_isolated_from_a_right_to_left_override(datasette):
    text = (await datasette.client.get(PAGES[-1])).text
    same_story = text[text.index("Same story:") :].split("</p>")[0]
    assert same_story.count("<bdi") >= 2  # language and title of the linked article


@pytest.mark.asyncio
async def test_huge_source_names_are_left_out_of_the_filter_dropdown(datasette):
    text = (await datasette.client.get("/-/search")).text
    assert BIG_SOURCE[:200] not in text
    assert "<option>tinhnha</option>" in text


@pytest.mark.asyncio
async def test_json_keeps_the_full_value(datasette):
    data = (
        await datasette.client.get("/-/newsintel/article.json", params={"url": HOSTILE_URL})
    ).json()
    assert data["article"]["title"] == LONG_TITLE


@pytest.mark.asyncio
@pytest.mark.parametrize("path", [PAGES[0], PROVINCES, "/-/newsintel/nope", "/-/search.json?q=x"])
async def test_plugin_pages_carry_a_content_security_policy(datasette, path):
    policy = (await datasette.client.get(path)).headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy


UNMATCHED = [
    "/-/newsintel/nope",
    "/-/newsintel",
    "/-/newsintel/provinces.json/x",
    "/-/newsintel/article.json/",
    "/-/search/x",
    "/-/search.json/x",
    "/-/searchx",
    "/-/newsintel/article?url=https://nope.example",
]


@pytest.mark.asyncio
@pytest.mark.parametrize("path", UNMATCHED)
async def test_unmatched_plugin_paths_are_quiet_404s(datasette, path, capfd):
    response = await datasette.client.get(path)
    assert response.status_code == 404
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    assert len(out + err) < 200


@pytest.mark.asyncio
async def test_a_failing_view_is_one_log_line_and_a_500(datasette, monkeypatch, caplog, capfd):
    async def broken(datasette, request):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(views, "_article", broken)
    with caplog.at_level(logging.ERROR):
        response = await datasette.client.get("/-/newsintel/article", params={"url": "x"})
    assert response.status_code == 500
    records = [r.getMessage() for r in caplog.records if r.name.startswith("index.")]
    assert len(records) == 1
    assert "\n" not in records[0]
    assert "RuntimeError" in records[0]
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("a", "b"),
    [("zeroblob(70000)", "zeroblob(70000)"), ("'text'", "'text'"), ("x'000000'", "x'000000'")],
)
async def test_similarity_refuses_oversized_or_malformed_input(datasette, a, b):
    db = datasette.get_database("newsintel")
    assert (await db.execute(f"select newsintel_similarity({a}, {b})")).first()[0] is None


@pytest.mark.asyncio
async def test_search_sql_function_takes_any_k(datasette):
    db = datasette.get_database("newsintel")
    rows = await db.execute("select json_array_length(newsintel_search('Nghe An', 'many'))")
    assert rows.first()[0] == 8  # every article of the corpus: k fell back to the default


# --- the served model is configuration -----------------------------------------------------


@pytest.mark.asyncio
async def test_configured_model_gives_vector_results(datasette):
    data = (await datasette.client.get("/-/search.json", params={"q": "Nghe An"})).json()
    assert data["notice"] is None
    assert any(r["similarity"] is not None for r in data["results"])


@pytest.mark.asyncio
async def test_model_named_in_the_database_is_never_loaded(tmp_path, db_path, monkeypatch):
    copy = tmp_path / "newsintel.db"
    copy.write_bytes(db_path.read_bytes())
    ds = datasette_for(copy)
    db = ds.get_database("newsintel")
    await db.execute_write("update embeddings set model = 'st:attacker/slow-hub-model'")
    loaded = []
    monkeypatch.setattr(
        served_model, "get_embedder", lambda spec: loaded.append(spec) or get_embedder(spec)
    )
    data = (await ds.client.get("/-/search.json", params={"q": "Nghe An"})).json()
    assert loaded == ["fake"]
    assert data["results"]
    assert "another model" in data["notice"]


@pytest.mark.asyncio
async def test_a_model_that_fails_to_load_is_tried_once(db_path, monkeypatch):
    calls = []

    def failing(spec):
        calls.append(spec)
        raise EmbedderError(f"cannot load {spec}")

    monkeypatch.setattr(served_model, "get_embedder", failing)
    ds = datasette_for(db_path, model="st:missing/model")
    for _ in range(3):
        response = await ds.client.get("/-/search", params={"q": "Nghe An", "mode": "vector"})
        assert response.status_code == 200
        assert 'id="newsintel-notice"' in response.text
        assert "newsintel-card" in response.text  # full-text results instead
    assert calls == ["st:missing/model"]
