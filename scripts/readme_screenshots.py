"""Take the README's screenshots of the front page and the province chart (docs/img/).

Serves a demo database (``newsintel demo --no-serve --db demo.db``) in-process and drives
Debian chromium with Playwright: the front page, and the province page comparing PAR Index
ranks with a tooltip open. The front page is quantised to 256 colours to keep the PNG small.

Usage: python scripts/readme_screenshots.py demo.db docs/img
"""

from __future__ import annotations

import socket
import sys
import threading
from pathlib import Path
from urllib.parse import urlencode

import uvicorn
from datasette.app import Datasette
from PIL import Image
from playwright.sync_api import sync_playwright

from index.publish import metadata_for

PROVINCES = ("Hoi An City (Quang Nam)", "Hanoi", "Da Nang", "Hai Phong", "Phu Yen", "Binh Duong")
VIEW = {"width": 1000, "height": 760}


def _serve(db: Path) -> str:
    app = Datasette([str(db)], metadata=metadata_for(db.stem)).app()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    return f"http://127.0.0.1:{sock.getsockname()[1]}"


def main(db: Path, out: Path) -> None:
    """Write ``front.png`` and ``provinces.png`` of the database ``db`` into ``out``."""
    url = _serve(db)
    query = urlencode(
        [("index", "PAR_INDEX"), ("metric", "rank")] + [("province", p) for p in PROVINCES]
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport=VIEW)
        page.goto(f"{url}/-/newsintel/provinces?{query}")
        page.locator("#newsintel-vega[data-drawn=true] svg.marks").wait_for(timeout=15_000)
        page.locator("#newsintel-province-filter").fill("ha")
        page.locator("#newsintel-vega .role-mark.mark-symbol path[aria-label*='Hanoi']").hover()
        page.locator("#vg-tooltip-element").wait_for(state="visible")
        page.screenshot(path=out / "provinces.png")
        page.goto(url)
        page.screenshot(path=out / "front.png", clip={"x": 0, "y": 0, "width": 1000, "height": 900})
        browser.close()
    front = Image.open(out / "front.png").convert("RGB")
    front.quantize(colors=256, dither=Image.Dither.NONE).save(out / "front.png", optimize=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
