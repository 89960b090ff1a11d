"""Table pages leave article bodies out by default; the full text stays one click away."""

import asyncio
import re

import pytest
from datasette.app import Datasette
from index_corpus import build_db

from index.publish import metadata_for

BODY = re.compile(r'class="col-text[" ]')  # not col-text_origin


@pytest.fixture(scope="module")
def datasette(tmp_path_factory):
    path = tmp_path_factory.mktemp("columns") / "newsintel.db"
    build_db(path, model=None)
    return Datasette([str(path)], metadata=metadata_for("newsintel"))


def _get(datasette, path):
    response = asyncio.run(datasette.client.get(path))
    assert response.status_code == 200, path
    return response.text


@pytest.mark.parametrize("page", ["/newsintel/articles", "/newsintel/articles?_search=Ninh"])
def test_table_pages_leave_bodies_out(datasette, page):
    html = _get(datasette, page)
    assert not BODY.search(html)
    assert 'class="col-title' in html
    assert "show the bodies here" in html


@pytest.mark.parametrize(
    "page",
    [
        "/newsintel/articles?_bodies=1",
        "/newsintel/articles?_col=text",
        "/newsintel/articles?_nocol=author",
    ],
)
def test_bodies_when_asked(datasette, page):
    assert BODY.search(_get(datasette, page))


def test_json_and_other_tables_are_unchanged(datasette):
    assert '"text":' in _get(datasette, "/newsintel/articles.json?_shape=objects&_size=1")
    assert 'class="col-evidence' in _get(datasette, "/newsintel/index_facts?_all_figures=1")


def test_the_full_text_is_one_click_away(datasette):
    html = _get(datasette, "/newsintel/articles")
    url = html.split('class="col-url type-pk"><a href="', 1)[1].split('"', 1)[0]
    assert BODY.search(_get(datasette, url))
