"""A real browser (Debian chromium driven by Playwright) on the search, province and front pages."""

import socket
import threading
from pathlib import Path
from urllib.parse import urlencode

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
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is required: apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser_page(browser):
    page = browser.new_page()
    yield page
    page.close()


PROVINCES = ("Lao Cai", "Ninh Binh", "Quang Ninh")  # one PAR Index figure each, 2021-2023
COMPARE = "/-/newsintel/provinces?" + urlencode(
    [("index", "PAR_INDEX"), *(("province", name) for name in PROVINCES)]
)
VEGA = "#newsintel-vega[data-drawn=true] svg.marks"
POINTS = f"{VEGA} .role-mark.mark-symbol path"


def _drawn(page, path):
    """Load ``path`` and wait for vega-embed; return the console errors (CSP included)."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(path)
    page.locator(VEGA).wait_for(timeout=15_000)
    return errors


@pytest.mark.slow
def test_vega_chart_draws_a_line_and_a_point_per_province(server_url, browser_page):
    page = browser_page
    assert _drawn(page, f"{server_url}{COMPARE}") == []
    assert page.locator(f"{VEGA} .role-mark.mark-line path").count() == len(PROVINCES)
    labels = page.locator(POINTS).evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert sorted(label.split("Province: ")[1].split(";")[0] for label in labels) == list(PROVINCES)
    years = page.locator(f"{VEGA} .role-axis-label text").evaluate_all(
        "els => els.map(e => e.textContent)"
    )
    assert {"2021", "2022", "2023"} <= set(years)
    assert page.locator("#newsintel-chart-fallback").is_hidden()  # replaced once drawn


@pytest.mark.slow
def test_hovering_a_point_shows_its_figures_and_clicking_opens_the_evidence(
    server_url, browser_page
):
    page = browser_page
    _drawn(page, f"{server_url}{COMPARE}")
    point = page.locator(f"{POINTS}[aria-label*='Quang Ninh']")
    point.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.inner_text()
    for expected in ("Quang Ninh", "91.5", "1/63", "en,vi", "Quảng Ninh đạt 91,5 điểm"):
        assert expected in text
    point.click()
    page.wait_for_url("**/-/newsintel/article?url=*qn-par-2023")


@pytest.mark.slow
def test_rank_axis_puts_the_best_rank_on_top(server_url, browser_page):
    page = browser_page
    _drawn(page, f"{server_url}{COMPARE}&metric=rank")
    best = page.locator(f"{POINTS}[aria-label*='Quang Ninh']").bounding_box()  # rank 1
    worst = page.locator(f"{POINTS}[aria-label*='Lao Cai']").bounding_box()  # rank 20
    assert best["y"] < worst["y"]


@pytest.mark.slow
def test_without_javascript_the_server_chart_is_drawn(server_url, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
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
    finally:
        context.close()


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
