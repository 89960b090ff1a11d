"""A real browser (Debian chromium driven by Playwright) types a query on /-/search."""

import socket
import threading
from pathlib import Path

import pytest
import uvicorn
from datasette.app import Datasette
from index_corpus import build_db

from index.publish import metadata_for

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "newsintel.db"
    build_db(path)
    app = Datasette([str(path)], metadata=metadata_for("newsintel", model="fake")).app()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)  # connections wait in the backlog until uvicorn accepts: no polling
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.slow
def test_typing_a_query_shows_a_cross_lingual_result(server_url):
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is required: apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{server_url}/-/search")
            page.fill("#newsintel-q", "citizen satisfaction Nghe An 2023")
            page.click("#newsintel-submit")
            first = page.locator(".newsintel-card").first
            first.wait_for(timeout=15_000)
            assert first.get_attribute("data-language") == "nb"
            assert "Nghệ An" in first.locator("mark").all_inner_texts()
            assert page.locator("script:has-text('alert')").count() == 0
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser_page():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is required: apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


@pytest.mark.slow
def test_province_chart_draws_lines_points_gridlines_and_tooltips(server_url, browser_page):
    page = browser_page
    page.goto(f"{server_url}/-/newsintel/provinces?index=PAR_INDEX&province=Quang+Ninh")
    chart = page.locator("svg.newsintel-chart")
    assert chart.bounding_box()["width"] > 300
    assert page.locator("svg.newsintel-chart polyline").count() >= 1
    point = page.locator("svg.newsintel-chart a circle").first
    assert point.bounding_box()["width"] > 0  # drawn, not just present
    assert "Quang Ninh, 2023" in point.locator("title").text_content()
    assert page.locator("svg.newsintel-chart .newsintel-ytick").count() >= 3
    assert page.locator("svg.newsintel-chart .newsintel-grid line").count() >= 4
    point.click()
    page.wait_for_url("**/-/newsintel/article?url=*")


@pytest.mark.slow
def test_province_picker_narrows_as_you_type(server_url, browser_page):
    page = browser_page
    page.goto(f"{server_url}/-/newsintel/provinces")
    box = page.locator("#newsintel-province-filter")
    assert box.is_visible()
    box.fill("quang n")
    visible = page.locator("#newsintel-province-select option:not([hidden])").all_inner_texts()
    assert "Quang Ninh" in visible
    assert "Hanoi" not in visible


@pytest.mark.slow
def test_front_page_starts_with_what_a_researcher_needs(server_url, browser_page):
    page = browser_page
    page.goto(server_url)
    names = page.locator("#newsintel-front .newsintel-front-tables dt").all_inner_texts()
    assert names[:5] == ["index_facts", "articles", "initiatives", "percentages", "provinces"]
    listed = " ".join(page.locator("body").all_inner_texts())
    for internal in ("page_fingerprints", "crawl_frontier", "embeddings", "chunks_fts"):
        assert internal not in listed
