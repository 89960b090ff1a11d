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
    app = Datasette([str(path)], metadata=metadata_for("newsintel")).app()
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
